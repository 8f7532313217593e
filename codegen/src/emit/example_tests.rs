//! Tests from the documented examples: every JSON example of every operation becomes
//! one `#[test]` that calls a support function of the test crate.
//!
//! Tests sit in a module per service and per operation (`dli::cancel_job::response_0`),
//! so no two collide whatever the ids; a service's own error examples are functions
//! of the service module (`dli::service_error_0`), in the value namespace beside the
//! operation modules.
//!
//! The emitted code expects, in scope of the including file:
//! `fn response_example<O: Operation>(status: u16, body: &str)`,
//! `fn request_example<B: Serialize + DeserializeOwned>(body: &str)`,
//! `fn error_example<O: Operation>(status: u16, body: &str)`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::ident;
use hwcloud_model::model::{Example, ExampleKind, Model, Operation, Service};

/// Test modules for every JSON example in `model`, each behind its service feature.
pub(crate) fn tokens(model: &Model, crate_name: &str) -> TokenStream {
    let krate = ident(crate_name);
    let services = model.services.iter().map(|service| {
        let service_mod = ident(&service.id);
        let feature = &service.id;
        let path = quote!(#krate::#service_mod);
        let operations = service.operations.iter().map(|op| operation_tests(&path, op));
        let errors = service_error_tests(&path, service);
        quote! {
            #[cfg(feature = #feature)]
            mod #service_mod {
                use super::*;

                #(#operations)*
                #(#errors)*
            }
        }
    });
    quote!(#(#services)*)
}

fn operation_tests(service: &TokenStream, op: &Operation) -> TokenStream {
    let module = ident(&op.names.module);
    let request = ident(&op.names.request);
    let deprecated = op.deprecated.as_ref().map(|_| quote!(#[allow(deprecated)]));
    let tests: Vec<TokenStream> = json_examples(&op.examples)
        .filter_map(|(index, example)| {
            let body = &example.body;
            let status = example.status.unwrap_or(200);
            let (kind, call) = match example.kind {
                ExampleKind::Response => (
                    "response",
                    quote!(response_example::<#service::#module::#request>(#status, #body)),
                ),
                ExampleKind::Error => (
                    "error",
                    quote!(error_example::<#service::#module::#request>(#status, #body)),
                ),
                ExampleKind::Request => {
                    op.body.as_ref()?;
                    let body_type = ident(&op.names.body);
                    (
                        "request",
                        quote!(request_example::<#service::#module::#body_type>(#body)),
                    )
                }
            };
            let name = format_ident!("{}_{}", kind, index);
            Some(quote! {
                #[test]
                #deprecated
                fn #name() {
                    #call;
                }
            })
        })
        .collect();
    if tests.is_empty() {
        return quote!();
    }
    quote! {
        mod #module {
            use super::*;

            #(#tests)*
        }
    }
}

/// Service-wide error examples, parsed with the service's first operation:
/// error parsing depends only on the service.
fn service_error_tests(service: &TokenStream, spec: &Service) -> Vec<TokenStream> {
    let Some(op) = spec.operations.first() else {
        return Vec::new();
    };
    let module = ident(&op.names.module);
    let request = ident(&op.names.request);
    let deprecated = op.deprecated.as_ref().map(|_| quote!(#[allow(deprecated)]));
    json_examples(&spec.examples)
        .filter(|(_, e)| e.kind == ExampleKind::Error)
        .map(|(index, example)| {
            let body = &example.body;
            let status = example.status.unwrap_or(400);
            let name = format_ident!("service_error_{}", index);
            quote! {
                #[test]
                #deprecated
                fn #name() {
                    error_example::<#service::#module::#request>(#status, #body);
                }
            }
        })
        .collect()
}

fn json_examples(examples: &[Example]) -> impl Iterator<Item = (usize, &Example)> {
    examples.iter().enumerate().filter(|(_, e)| e.is_json)
}
