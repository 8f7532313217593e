//! Compile-pass and compile-fail cases: the generated API used as a user would,
//! and misuse that must not compile, with the compiler's message checked.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
}
