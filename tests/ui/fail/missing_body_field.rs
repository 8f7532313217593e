use hwcloud::dli;

fn main() {
    let _ = dli::SubmitJobRequest::builder().project_id("p1").queue_name("default").build();
}
