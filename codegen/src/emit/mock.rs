//! What the runtime's mock needs of an operation, behind the crate's test
//! feature (`Config::mock_feature`): the documented success example it
//! answers with, a clone of the request it records, the headers a response
//! value stands for, and where a list operation's paging travels.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use hwcloud_model::model::{ExampleKind, FieldPath, Operation, PageScheme, Type};
use hwcloud_model::names;

/// The example a mock answers with when no rule does: the first JSON success
/// example the generated types read as the page means it.
pub(crate) fn documented_response(op: &Operation) -> Option<(u16, &str)> {
    // A page prints a file download's content, not its bytes.
    if op.response_media.is_some() {
        return None;
    }
    let success = op
        .status_codes
        .iter()
        .map(|(status, _)| *status)
        .find(|status| (200..300).contains(status))
        .unwrap_or(200);
    op.examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Response && e.is_json && e.contradicts.is_none())
        .map(|e| (e.status.unwrap_or(success), e.body.as_str()))
        .find(|(status, _)| (200..300).contains(status))
}

/// The `Operation` impl's items for the mock, each behind `feature`.
pub(crate) fn operation_items(op: &Operation, feature: &str) -> TokenStream {
    // Without an example the trait's default (`None`) stands.
    let documented = documented_response(op).map(|(status, body)| {
        let status = proc_macro2::Literal::u16_unsuffixed(status);
        quote! {
            #[cfg(feature = #feature)]
            const DOCUMENTED_RESPONSE: Option<runtime::mock::Documented> =
                Some(runtime::mock::Documented { status: #status, body: #body });
        }
    });
    let headers = response_headers(op, feature);
    let body = op.response_media.as_ref().map(|_| {
        let field = ident(names::BYTES_FIELD);
        quote! {
            #[cfg(feature = #feature)]
            fn mock_response_body(response: &Self::Response) -> Option<Vec<u8>> {
                Some(response.#field.clone())
            }
        }
    });
    let status = response_status(op, feature);
    quote! {
        #documented
        #status

        #[cfg(feature = #feature)]
        fn mock_request(&self) -> Option<Box<dyn std::any::Any + Send>> {
            Some(Box::new(self.clone()))
        }

        #headers
        #body
    }
}

/// The status a value of a response enum stands for: its variant's first.
fn response_status(op: &Operation, feature: &str) -> Option<TokenStream> {
    if op.success_variants.is_empty() {
        return None;
    }
    let name = ident(&op.names.response);
    let arms = op.success_variants.iter().map(|v| {
        let variant = ident(&v.variant);
        match v.statuses.first() {
            Some(status) => {
                let status = proc_macro2::Literal::u16_unsuffixed(*status);
                quote!(#name::#variant(_) => Some(#status),)
            }
            None => quote!(#name::#variant(_) => None,),
        }
    });
    Some(quote! {
        #[cfg(feature = #feature)]
        fn mock_response_status(response: &Self::Response) -> Option<u16> {
            match response {
                #(#arms)*
            }
        }
    })
}

/// The response headers a response value's header fields stand for.
fn response_headers(op: &Operation, feature: &str) -> Option<TokenStream> {
    let content_type = op
        .response_media
        .as_ref()
        .map(|_| (names::CONTENT_TYPE_FIELD, "Content-Type"));
    let fields = op
        .response_headers
        .iter()
        .map(|m| (m.rust.as_str(), m.wire.as_str()));
    let fields: Vec<(&str, &str)> = fields.chain(content_type).collect();
    if fields.is_empty() {
        return None;
    }
    let inserts = fields.iter().map(|(field, wire)| {
        let field = ident(field);
        quote! {
            let value = response
                .#field
                .as_ref()
                .and_then(|value| runtime::http::HeaderValue::from_str(&value.to_string()).ok());
            if let (Some(value), Ok(name)) = (value, runtime::http::HeaderName::from_bytes(#wire.as_bytes())) {
                headers.insert(name, value);
            }
        }
    });
    // Of a response enum, the main body carries the headers.
    let unwrap = op.success_variants.first().map(|main| {
        let (name, variant) = (ident(&op.names.response), ident(&main.variant));
        quote! {
            let #name::#variant(response) = response else {
                return runtime::http::HeaderMap::new();
            };
        }
    });
    Some(quote! {
        #[cfg(feature = #feature)]
        fn mock_response_headers(response: &Self::Response) -> runtime::http::HeaderMap {
            #unwrap
            let mut headers = runtime::http::HeaderMap::new();
            #(#inserts)*
            headers
        }
    })
}

/// The `Paginated` impl's `PAGE_LAYOUT`, behind `feature`.
pub(crate) fn page_layout(op: &Operation, feature: &str) -> Option<TokenStream> {
    let paging = op.pagination.as_ref()?;
    let parameter = &op.params[paging.parameter].wire;
    let size = paging.page_size.map(|i| &op.params[i]);
    let page_size = option(size.map(|member| {
        let wire = &member.wire;
        quote!(#wire)
    }));
    let default_page_size = option(
        size.and_then(|member| member.docs.default.as_deref())
            .and_then(|default| default.trim().parse::<u32>().ok())
            .map(|default| {
                let default = proc_macro2::Literal::u32_unsuffixed(default);
                quote!(#default)
            }),
    );
    let items = keys(&paging.items);
    let total = option(paging.total.as_ref().map(keys));
    // A count typed as text travels as a JSON string; `TextOr` counts read either.
    let total_is_text = paging
        .total
        .as_ref()
        .is_some_and(|t| matches!(t.ty(), Type::String));
    // A marker names the last item's `id` unless the section says which key.
    let (next_marker, marker_key) = match &paging.scheme {
        PageScheme::Marker { next, key } => (
            option(next.as_ref().map(keys)),
            key.as_ref().map_or_else(|| quote!(&["id"]), keys),
        ),
        PageScheme::Offset | PageScheme::Page { .. } => (quote!(None), quote!(&[])),
    };
    Some(quote! {
        #[cfg(feature = #feature)]
        const PAGE_LAYOUT: Option<runtime::mock::PageLayout> = Some(runtime::mock::PageLayout {
            parameter: #parameter,
            page_size: #page_size,
            default_page_size: #default_page_size,
            items: #items,
            total: #total,
            total_is_text: #total_is_text,
            next_marker: #next_marker,
            marker_key: #marker_key,
        });
    })
}

/// A path's JSON keys as a `&[&str]`.
fn keys(path: &FieldPath) -> TokenStream {
    let keys = path.dotted.split('.');
    quote!(&[#(#keys),*])
}

fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}
