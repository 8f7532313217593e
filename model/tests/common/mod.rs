//! What the model's integration tests share.

/// A service file with one error code: the smallest a spec directory needs.
pub const SERVICE: &str = "\
service: demo
name:
  en: Demo
error_body:
  - code: error_code
    message: error_msg
error_codes:
  - status: 400
    code: DEMO.0001
    message:
      en: Bad.
";
