// A JSON body: required fields through the builder, nested objects by constructor.
use hwcloud::dli;
use hwcloud::dli::submit_job::Tag;

fn main() {
    let request = dli::SubmitJobRequest::builder()
        .project_id("p1")
        .sql("select 1")
        .conf(vec!["dli.sql.shuffle.partitions = 200".to_owned()])
        .tags(vec![Tag::new("workspace", "space1")])
        .build();
    let body: &dli::SubmitJobRequestBody = &request.body;
    assert_eq!(body.sql, "select 1");
    assert_eq!(body.currentdb, None);
}
