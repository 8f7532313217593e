// A table several operations document alike is one type: the tags read from a
// listed job go into another operation's request as they are, and every
// operation module names the same type.
use hwcloud::dli;
use hwcloud::runtime::Operation;

fn same_type(_: &dli::types::Tag, _: &dli::create_queue::Tag, _: &dli::list_jobs::Tag) {}

fn main() {
    let body = br#"{"is_success":true,"message":"","job_count":1,"jobs":[{
        "job_id":"j1","job_type":"QUERY","queue_name":"q","owner":"o","start_time":0,"duration":0,
        "status":"FINISHED","input_size":0,"result_count":0,"detail":"","statement":"SELECT 1",
        "tags":[{"key":"env","value":"prod","since":"2026"}]}]}"#;
    let response = dli::ListJobsRequest::parse_response(http::StatusCode::OK, &http::HeaderMap::new(), body).unwrap();
    let tags: Vec<dli::types::Tag> = response.jobs[0].tags.clone().unwrap();
    same_type(&tags[0], &tags[0], &tags[0]);
    let request = dli::CreateQueueRequest::builder()
        .project_id("p1")
        .queue_name("q2")
        .cu_count(16)
        .tags(tags)
        .build();
    let sent = request.to_http_request().unwrap();
    let sent = String::from_utf8(sent.body().clone()).unwrap();
    // The undocumented key read with the tag travels with it.
    assert!(sent.contains(r#""tags":[{"key":"env","value":"prod","since":"2026"}]"#), "{sent}");
    let mine = dli::types::Tag::new("team", "data");
    assert!(mine.undocumented.is_empty());
}
