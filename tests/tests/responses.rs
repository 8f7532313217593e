//! Response structs read each object in one pass (a generated `Deserialize`, not
//! serde's buffering `flatten`): documented keys into fields, the rest kept in
//! `undocumented`, `null` as absent, a missing required field named.

use hwcloud::dli::{ListJobsResponse, list_jobs::Job};

const JOB: &str = r#"{"job_id": "j1", "job_type": "QUERY", "queue_name": "q", "owner": "o",
    "start_time": 1, "duration": 2, "status": "FINISHED", "input_size": 0, "result_count": 3,
    "detail": "", "statement": "select 1", "database_name": null, "future_key": {"a": [1]}}"#;

#[test]
fn documented_keys_fill_fields_and_the_rest_is_kept() {
    let body =
        format!(r#"{{"is_success": true, "message": "", "job_count": 1, "jobs": [{JOB}], "extra": 7}}"#);
    let response: ListJobsResponse = serde_json::from_str(&body).unwrap();
    assert_eq!(response.job_count, 1);
    assert_eq!(response.undocumented["extra"], 7);
    let job: &Job = &response.jobs[0];
    assert_eq!(job.job_id, "j1");
    assert_eq!(job.database_name, None, "null reads as absent");
    assert_eq!(job.undocumented["future_key"], serde_json::json!({"a": [1]}));
    let back = serde_json::to_value(&response).unwrap();
    assert_eq!(
        back["jobs"][0]["future_key"]["a"][0], 1,
        "undocumented keys are written back"
    );
}

#[test]
fn a_missing_required_field_is_named_and_a_wrong_type_is_an_error() {
    let error = serde_json::from_str::<Job>(r#"{"job_id": "j1"}"#).unwrap_err();
    assert!(error.to_string().contains("missing field `job_type`"), "{error}");
    let error =
        serde_json::from_str::<Job>(&JOB.replace(r#""duration": 2"#, r#""duration": "two""#)).unwrap_err();
    assert!(error.to_string().contains("invalid type"), "{error}");
    let error = serde_json::from_str::<Job>("[1, 2]").unwrap_err();
    assert!(error.to_string().contains("the `Job` object"), "{error}");
}
