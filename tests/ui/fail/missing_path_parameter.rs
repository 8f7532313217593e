use hwcloud::dli;

fn main() {
    let _ = dli::CancelJobRequest::builder().project_id("p1").build();
}
