//! Test support shared by the tests and the `sign-cases` conformance binary.

use std::time::SystemTime;

use serde::Deserialize;

pub mod fake_cloud;

/// The README's Rust examples, compiled and run as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// One signing case of `conformance/cases.json`.
#[derive(Debug, Deserialize)]
pub struct SigningCase {
    pub name: String,
    pub method: String,
    pub host: String,
    /// The path as sent, already percent-encoded.
    pub path: String,
    /// Raw (unencoded) query pairs, in the order sent.
    pub query: Vec<(String, String)>,
    pub headers: std::collections::BTreeMap<String, String>,
    pub body: String,
    pub ak: String,
    pub sk: String,
    pub date: String,
}

pub fn signing_cases() -> Vec<SigningCase> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/conformance/cases.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("cases.json")).expect("cases.json parses")
}

/// The `Authorization` header our signer computes for a case.
pub fn authorization(case: &SigningCase) -> String {
    // The query is encoded as the generated requests encode it.
    let mut query = hwcloud::runtime::QueryBuilder::new();
    for (key, value) in &case.query {
        query.push(key, value);
    }
    let mut uri = format!("https://{}{}", case.host, case.path);
    if !query.is_empty() {
        uri.push('?');
        uri.push_str(&query.finish());
    }
    let mut request = http::Request::builder().method(case.method.as_str()).uri(uri);
    for (name, value) in &case.headers {
        request = request.header(name, value);
    }
    let mut request = request
        .header("X-Sdk-Date", &case.date)
        .body(case.body.clone().into_bytes())
        .expect("a valid case");
    let key = hwcloud::signing::AccessKey::new(&case.ak, &case.sk);
    hwcloud::signing::sign(&mut request, &key, SystemTime::now()).expect("signs");
    request.headers()[http::header::AUTHORIZATION]
        .to_str()
        .unwrap()
        .to_owned()
}
