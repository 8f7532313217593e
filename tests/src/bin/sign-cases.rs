//! Prints `name<TAB>Authorization` for every case of `conformance/cases.json`, as
//! `conformance/official_sign.py` does with the official SDK; `.ci/run` diffs them.

fn main() {
    for case in sdk_tests::signing_cases() {
        println!("{}\t{}", case.name, sdk_tests::authorization(&case));
    }
}
