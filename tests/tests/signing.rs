//! Our signatures equal the official SDK's, byte for byte, on every conformance
//! case. `conformance/expected.tsv` is the official SDK's output; `.ci/run`
//! regenerates it from the pinned `huaweicloudsdkcore` and diffs it live.

#[test]
fn signatures_match_the_official_sdk() {
    let expected = include_str!("../conformance/expected.tsv");
    let cases = sdk_tests::signing_cases();
    assert!(cases.len() >= 20);
    assert_eq!(
        expected.lines().count(),
        cases.len(),
        "expected.tsv is stale: rerun official_sign.py"
    );
    for (case, line) in cases.iter().zip(expected.lines()) {
        let (name, official) = line.split_once('\t').expect("name<TAB>authorization");
        assert_eq!(name, case.name);
        assert_eq!(sdk_tests::authorization(case), official, "case `{}`", case.name);
    }
}
