//! Test support shared by the tests and the `sign-cases` conformance binary.

use std::time::SystemTime;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;

const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

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
    let mut uri = format!("https://{}{}", case.host, case.path);
    for (i, (key, value)) in case.query.iter().enumerate() {
        uri.push(if i == 0 { '?' } else { '&' });
        uri.push_str(&format!(
            "{}={}",
            utf8_percent_encode(key, UNRESERVED),
            utf8_percent_encode(value, UNRESERVED)
        ));
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
