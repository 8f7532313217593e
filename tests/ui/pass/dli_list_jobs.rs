// Optional query parameters, and nested response objects with undocumented keys kept.
use hwcloud::dli;
use hwcloud::runtime::Operation;

fn main() {
    let request = dli::ListJobsRequest::builder().project_id("p1").page_size(50).order("duration_desc").build();
    assert_eq!(request.page_size, Some(50));
    let body = br#"{"is_success":true,"message":"","job_count":0,"jobs":[]}"#;
    let response = dli::ListJobsRequest::parse_response(http::StatusCode::OK, &http::HeaderMap::new(), body).unwrap();
    let jobs: &Vec<dli::list_jobs::Job> = &response.jobs;
    let count: i32 = response.job_count;
    assert_eq!((jobs.len(), count), (0, 0));
}
