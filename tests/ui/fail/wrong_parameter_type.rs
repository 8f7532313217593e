use hwcloud::dli;

fn main() {
    let _ = dli::ListJobsRequest::builder().project_id("p1").page_size("ten").build();
}
