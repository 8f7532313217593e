//! The `codegen` command's library: everything the build-time generator
//! (`hwcloud-codegen`) leaves out because a build script never needs it.
//!
//! - [`import`]: documentation pages (Huawei Markdown, Open Telekom Cloud
//!   reStructuredText, rendered page text) into spec YAML, with a report.
//! - [`compare`]: a spec beside the vendor's machine-readable definitions.
//! - [`diff`]: what a spec change does to users of the generated crate.
//! - [`krate`]: a standalone SDK crate for a spec directory (`codegen crate`).
//! - [`openapi`]: a spec directory as OpenAPI 3.0 documents (`codegen openapi`).

pub mod compare;
pub mod diff;
pub mod import;
pub mod krate;
pub mod openapi;
