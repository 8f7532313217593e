// The deprecated queue-scoped cancel still works for callers who opt in where
// they build it; the rest of the code goes through the `Operation` trait.
#![deny(deprecated)]
use hwcloud::dli;
use hwcloud::runtime::Operation;

#[allow(deprecated)]
fn cancel_in_queue() -> impl Operation {
    dli::CancelQueueJobRequest::builder().project_id("p1").queue_name("q1").job_id("j1").build()
}

fn main() {
    let request = cancel_in_queue().to_http_request().unwrap();
    assert_eq!(request.uri(), "/v1.0/p1/queues/q1/jobs/j1");
}
