//! Tests from the documented examples: every JSON example of every operation becomes
//! one `#[test]` that calls a support function of the test crate.
//!
//! The emitted code expects, in scope of the including file:
//! `fn response_example<O: Operation>(status: u16, body: &str)`,
//! `fn request_example<B: Serialize + DeserializeOwned>(body: &str)`,
//! `fn error_example<O: Operation>(status: u16, body: &str)`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::ident;
use hwcloud_model::model::{ExampleKind, Model};

/// Test functions for every JSON example in `model`, each behind its service feature.
pub(crate) fn tokens(model: &Model, crate_name: &str) -> TokenStream {
    let krate = ident(crate_name);
    let mut tests = Vec::new();
    for service in &model.services {
        let service_mod = ident(&service.id);
        let feature = &service.id;
        for op in &service.operations {
            let module = ident(&op.names.module);
            let request = ident(&op.names.request);
            for (index, example) in op.examples.iter().enumerate().filter(|(_, e)| e.is_json) {
                let body = &example.body;
                let status = example.status.unwrap_or(200);
                let (kind, call) = match example.kind {
                    ExampleKind::Response => (
                        "response",
                        quote!(response_example::<#krate::#service_mod::#module::#request>(#status, #body)),
                    ),
                    ExampleKind::Error => (
                        "error",
                        quote!(error_example::<#krate::#service_mod::#module::#request>(#status, #body)),
                    ),
                    ExampleKind::Request => match &op.body {
                        Some(_) => {
                            let body_type = ident(&op.names.body);
                            (
                                "request",
                                quote!(request_example::<#krate::#service_mod::#module::#body_type>(#body)),
                            )
                        }
                        None => continue,
                    },
                };
                let name = format_ident!("{}_{}_{}_{}", service.id, op.id, kind, index);
                let deprecated = op.deprecated.as_ref().map(|_| quote!(#[allow(deprecated)]));
                tests.push(quote! {
                    #[cfg(feature = #feature)]
                    #[test]
                    #deprecated
                    fn #name() {
                        #call;
                    }
                });
            }
        }
        for (index, example) in service
            .examples
            .iter()
            .enumerate()
            .filter(|(_, e)| e.is_json && e.kind == ExampleKind::Error)
        {
            // Service-wide error examples are parsed with the service's first operation:
            // error parsing depends only on the service.
            let Some(op) = service.operations.first() else {
                continue;
            };
            let module = ident(&op.names.module);
            let request = ident(&op.names.request);
            let body = &example.body;
            let status = example.status.unwrap_or(400);
            let name = format_ident!("{}_service_error_{}", service.id, index);
            let deprecated = op.deprecated.as_ref().map(|_| quote!(#[allow(deprecated)]));
            tests.push(quote! {
                #[cfg(feature = #feature)]
                #[test]
                #deprecated
                fn #name() {
                    error_example::<#krate::#service_mod::#module::#request>(#status, #body);
                }
            });
        }
    }
    quote!(#(#tests)*)
}
