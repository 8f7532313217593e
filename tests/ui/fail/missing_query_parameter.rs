use hwcloud::dli;

fn main() {
    let _ = dli::ShowGroupResourceRequest::builder().project_id("p1").resource_name("r.jar").build();
}
