#![deny(deprecated)]
use hwcloud::dli;

fn main() {
    let _ = dli::CancelQueueJobRequest::builder().project_id("p1").queue_name("q1").job_id("j1").build();
}
