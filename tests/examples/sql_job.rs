//! A DLI session against the fake cloud, printing what it does: obtain an IAM
//! token with a password, submit a SQL job, wait for it, page through its
//! results, and cancel another job that would never end.
//!
//! `cargo run -p sdk-tests --example sql_job`

use std::time::Instant;

use hwcloud::auth::Scope;
use hwcloud::client::WaitError;
use hwcloud::dli;
use sdk_tests::fake_cloud::{self, FakeCloud};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cloud = FakeCloud::start(0).await;
    println!("fake cloud at {}", cloud.uri());
    // The fake cloud's endpoint and the account's password, as a user would
    // set them with `.endpoint(url)` and `auth::password(...)`.
    let client = cloud
        .client_builder(Scope::ProjectName(fake_cloud::PROJECT_NAME.into()))
        .project_id(fake_cloud::PROJECT_ID)
        .build()?;

    let submit = client
        .in_project(dli::SubmitJobRequest::builder())
        .sql("SELECT n, label FROM numbers LIMIT 42")
        .build();
    let job = client.send(&submit).await?;
    println!(
        "submitted SQL job {} ({} mode)",
        job.job_id,
        job.job_mode.as_deref().unwrap_or("?")
    );

    let started = Instant::now();
    let status = client
        .in_project(dli::QueryJobStatusRequest::builder())
        .job_id(&job.job_id)
        .build();
    let finished = dli::wait_until_sql_job_finished(status).run(&client).await?;
    println!(
        "job {} is {} after {:.1} s",
        job.job_id,
        finished.status,
        started.elapsed().as_secs_f64()
    );

    // DLI marks both result-paging operations deprecated (previews and OBS
    // exports replace them); they are still the documented way to page rows.
    #[allow(deprecated)]
    let results = client
        .in_project(dli::ShowJobsRequest::builder())
        .job_id(&job.job_id)
        .page_size("10")
        .build();
    let mut pages = client.paginate(results);
    let (mut page_count, mut rows) = (0, 0);
    while let Some(page) = pages.next_page().await {
        let page = page?;
        page_count += 1;
        let these = page.rows.unwrap_or_default();
        rows += these.len();
        println!(
            "  page {page_count}: {} rows, first {:?}",
            these.len(),
            these.first()
        );
    }
    println!("read {rows} rows in {page_count} pages");

    let other = client
        .send(
            &client
                .in_project(dli::SubmitJobRequest::builder())
                .sql("SELECT forever FROM stream")
                .build(),
        )
        .await?;
    let cancel = client
        .in_project(dli::CancelJobRequest::builder())
        .job_id(&other.job_id)
        .build();
    client.send(&cancel).await?;
    let status = client
        .in_project(dli::QueryJobStatusRequest::builder())
        .job_id(&other.job_id)
        .build();
    match dli::wait_until_sql_job_finished(status).run(&client).await {
        Err(WaitError::Failed { state, .. }) => println!("canceled job {}: now {state}", other.job_id),
        outcome => println!("canceled job {}: unexpectedly {outcome:?}", other.job_id),
    }
    println!(
        "IAM tokens issued: {}; calls made: {}",
        cloud.tokens_issued(),
        cloud.calls().len()
    );
    Ok(())
}
