use hwcloud::ges;

fn main() {
    let _ = ges::CancelJobRequest::builder().graph_name("movies").job_id("j1").build();
}
