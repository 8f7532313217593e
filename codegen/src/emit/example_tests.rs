//! Tests from the documented examples: every JSON example of every operation becomes
//! one `#[test]` that runs a check of the runtime's `examples` module on it.
//!
//! Tests sit in a module per service and per operation (`dli::cancel_job::response_0`),
//! so no two collide whatever the ids; a service's own error examples are functions
//! of the service module (`dli::service_error_0`), in the value namespace beside the
//! operation modules.
//!
//! The file names everything through `::<crate>`, whose `runtime` module re-exports
//! the runtime, so it compiles as an integration test of the crate with no other
//! dependency.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::ident;
use hwcloud_model::model::{Example, ExampleKind, Model, Operation, Service};

/// Test modules for every JSON example in `model`, each behind its service
/// feature; with `mock`, the feature of the mock support, also a test per
/// operation that the mock's default answer (its documented example) reads.
pub(crate) fn tokens(model: &Model, crate_name: &str, mock: Option<&str>) -> TokenStream {
    let krate = ident(crate_name);
    let services = model.services.iter().map(|service| {
        let service_mod = ident(&hwcloud_model::names::snake(&service.id));
        let feature = &service.id;
        let path = quote!(::#krate::#service_mod);
        let mock = mock.map(|feature| (feature, quote!(::#krate::runtime::mock)));
        let operations = service
            .operations
            .iter()
            .map(|op| operation_tests(&path, op, mock.as_ref()));
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
    quote! {
        use ::#krate::runtime::examples;

        /// Fails the test with the check's explanation.
        fn check(result: Result<(), String>) {
            if let Err(why) = result {
                panic!("{why}");
            }
        }

        #(#services)*
    }
}

/// `mock`: the mock support's feature and the path of the runtime's `mock`.
fn operation_tests(service: &TokenStream, op: &Operation, mock: Option<&(&str, TokenStream)>) -> TokenStream {
    let module = ident(&op.names.module);
    let request = ident(&op.names.request);
    let deprecated = op.deprecated.as_ref().map(|_| quote!(#[allow(deprecated)]));
    let mut tests: Vec<TokenStream> = json_examples(&op.examples)
        .filter_map(|(index, example)| {
            let body = &example.body;
            let status = example.status.unwrap_or(200);
            let (kind, call) = match example.kind {
                ExampleKind::Response => (
                    "response",
                    quote!(examples::response::<#service::#module::#request>(#status, #body)),
                ),
                ExampleKind::Error => (
                    "error",
                    quote!(examples::error::<#service::#module::#request>(#status, #body)),
                ),
                ExampleKind::Request => {
                    op.body.as_ref()?;
                    let body_type = ident(&op.names.body);
                    (
                        "request",
                        quote!(examples::request::<#service::#module::#body_type>(#body)),
                    )
                }
            };
            let name = format_ident!("{}_{}", kind, index);
            let ignore = example.contradicts.as_ref().map(|why| quote!(#[ignore = #why]));
            Some(quote! {
                #[test]
                #ignore
                #deprecated
                fn #name() {
                    check(#call);
                }
            })
        })
        .collect();
    if let Some((feature, mock)) = mock.filter(|_| super::mock::documented_response(op).is_some()) {
        tests.push(quote! {
            #[cfg(feature = #feature)]
            #[test]
            #deprecated
            fn mock_answers_with_the_documented_example() {
                check(#mock::documented_answer::<#service::#module::#request>().map(drop));
            }
        });
    }
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
            let ignore = example.contradicts.as_ref().map(|why| quote!(#[ignore = #why]));
            quote! {
                #[test]
                #ignore
                #deprecated
                fn #name() {
                    check(examples::error::<#service::#module::#request>(#status, #body));
                }
            }
        })
        .collect()
}

fn json_examples(examples: &[Example]) -> impl Iterator<Item = (usize, &Example)> {
    examples.iter().enumerate().filter(|(_, e)| e.is_json)
}
