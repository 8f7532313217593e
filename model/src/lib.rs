//! The spec format of `hwcloud-codegen` and its validated model.
//!
//! A spec directory holds YAML transcriptions of API documentation tables:
//! `<service>/service.yaml` and `<service>/operations/<operation>.yaml`
//! (schema: [`spec::schema`]). [`load`] reads one, checks it and builds the
//! [`Model`] in the same pass, reporting every problem at once, each at its
//! `file:line:col`. The model carries every Rust name the generator emits
//! ([`names`]); a model exists only when no two of them collide.
//!
//! Users of the generator call `hwcloud_codegen::Config`; this crate is for tools
//! that read or write specs (the importer, `codegen diff`).

pub mod diagnostic;
pub mod model;
pub mod names;
mod resolve;
pub mod spec;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use model::Model;

/// Reads, validates and models every service under `dir`.
pub fn load(dir: &Path) -> Result<Model, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let specs = spec::read_dir(dir, &mut diagnostics);
    let services = specs
        .iter()
        .map(|spec| resolve::service(spec, &mut diagnostics))
        .collect();
    if !diagnostics.is_empty() {
        diagnostics.sort();
        return Err(diagnostics);
    }
    let files = specs
        .iter()
        .flat_map(|s| {
            std::iter::once(s.service.path.clone()).chain(s.operations.iter().map(|o| o.path.clone()))
        })
        .collect();
    Ok(Model { services, files })
}
