//! Reading a response by a modelled field path, and what reads by path:
//! `Paginated` impls (per operation) and `wait_until_*` functions (per service).

use proc_macro2::TokenStream;
use quote::quote;

use super::names::{ident, rust_type};
use hwcloud_model::model::{FieldPath, Operation, PageScheme, Service, Step, Type, Waiter};

/// A path's value: always there (a place expression of `T`), or maybe
/// (`Option<&T>` borrowed, `Option<T>` taken).
enum Access {
    Always(TokenStream),
    Maybe(TokenStream),
}

/// Borrows the value at `steps` below `root` (an expression of a reference).
fn borrow(root: TokenStream, steps: &[Step]) -> Access {
    walk(root, steps, true)
}

/// Moves the value at `steps` out of `root` (an owned expression).
fn take(root: TokenStream, steps: &[Step]) -> Access {
    walk(root, steps, false)
}

/// Follows `steps` from `root`, through `Option`s once a field is optional;
/// `by_ref` borrows each field instead of moving it.
fn walk(root: TokenStream, steps: &[Step], by_ref: bool) -> Access {
    let (borrow, as_ref) = if by_ref {
        (quote!(&), quote!(.as_ref()))
    } else {
        (quote!(), quote!())
    };
    let mut chain = root;
    let mut maybe = false;
    for step in steps {
        let field = ident(&step.rust);
        chain = match (maybe, step.required) {
            (false, true) => quote!(#chain.#field),
            (false, false) => {
                maybe = true;
                quote!(#chain.#field #as_ref)
            }
            (true, true) => quote!(#chain.map(|value| #borrow value.#field)),
            (true, false) => quote!(#chain.and_then(|value| value.#field #as_ref)),
        };
    }
    if maybe {
        Access::Maybe(chain)
    } else {
        Access::Always(chain)
    }
}

/// `Option<&T>` of an access.
fn optional(access: Access) -> TokenStream {
    match access {
        Access::Always(value) => quote!(Some(&#value)),
        Access::Maybe(value) => value,
    }
}

/// `Option<String>`: the value at `path` below `root` as page-marker text.
fn marker_text(root: TokenStream, path: &FieldPath) -> TokenStream {
    match borrow(root, &path.steps) {
        Access::Always(value) => quote!(Some(runtime::QueryValue::to_query_value(&#value))),
        Access::Maybe(value) => quote!(#value.map(runtime::QueryValue::to_query_value)),
    }
}

/// `Option<String>`: the marker the last item's `key` names.
fn last_item_marker(last_item: &TokenStream, key: &FieldPath) -> TokenStream {
    match borrow(quote!(item), &key.steps) {
        Access::Always(value) => quote!(#last_item.map(|item| runtime::QueryValue::to_query_value(&#value))),
        Access::Maybe(value) => {
            quote!(#last_item.and_then(|item| #value.map(runtime::QueryValue::to_query_value)))
        }
    }
}

/// `impl runtime::Paginated` for a list operation, with the mock's page
/// layout behind the feature `mock` names, if any.
pub(crate) fn paginated_impl(op: &Operation, mock: Option<&str>) -> Option<TokenStream> {
    let paging = op.pagination.as_ref()?;
    let request = ident(&op.names.request);
    let response_type = ident(&op.names.response);
    let item = rust_type(&paging.item);
    let param = &op.params[paging.parameter];
    let field = ident(&param.rust);
    let position = if param.required {
        quote!(Some(&self.#field))
    } else {
        quote!(self.#field.as_ref())
    };
    let size = match paging.page_size.map(|i| &op.params[i]) {
        Some(size) if size.required => {
            let size = ident(&size.rust);
            quote!(runtime::paginate::page_number(Some(&self.#size)))
        }
        Some(size) => {
            let size = ident(&size.rust);
            quote!(runtime::paginate::page_number(self.#size.as_ref()))
        }
        None => quote!(None),
    };
    let page_items = match borrow(quote!(response), &paging.items.steps) {
        Access::Always(items) => quote!(&#items),
        Access::Maybe(items) => quote!(#items.map_or(&[][..], Vec::as_slice)),
    };
    let last_item = quote!(items.last());
    let received = quote!(items.len());
    let total = match &paging.total {
        Some(total) => {
            let total = optional(borrow(quote!(response), &total.steps));
            quote!(runtime::paginate::page_number(#total))
        }
        None => quote!(None),
    };
    let (scheme, next) = match &paging.scheme {
        PageScheme::Offset => (
            quote!(runtime::PageScheme::Offset),
            quote!(runtime::paginate::next_offset(#position, #size, #received, #total)),
        ),
        PageScheme::Page { first } => {
            let first = proc_macro2::Literal::i64_unsuffixed(*first);
            (
                quote!(runtime::PageScheme::Page { first: #first }),
                quote!(runtime::paginate::next_page_number(#position, #first, #size, #received, #total)),
            )
        }
        PageScheme::Marker { next, key } => {
            let (text, size) = match (next, key) {
                (Some(next), None) => (marker_text(quote!(response), next), quote!(None)),
                (Some(next), Some(key)) => {
                    let next = marker_text(quote!(response), next);
                    let key = last_item_marker(&last_item, key);
                    (quote!(#next.or_else(|| #key)), quote!(None))
                }
                (None, Some(key)) => (last_item_marker(&last_item, key), size),
                (None, None) => unreachable!("validation gives a marker scheme a source"),
            };
            (
                quote!(runtime::PageScheme::Marker),
                quote!(runtime::paginate::next_marker(#position, #text, #size, #received)),
            )
        }
    };
    let set = if param.required {
        quote!(next.#field = value;)
    } else {
        quote!(next.#field = Some(value);)
    };
    let into_items = match take(quote!(response), &paging.items.steps) {
        Access::Always(items) => items,
        Access::Maybe(items) => quote!(#items.unwrap_or_default()),
    };
    let doc = format!(
        "Pages by `{}` ({}); items in `{}`{}.",
        param.wire,
        match paging.scheme {
            PageScheme::Offset => "items to skip",
            PageScheme::Page { .. } => "page number",
            PageScheme::Marker { .. } => "marker",
        },
        paging.items.dotted,
        paging
            .total
            .as_ref()
            .map(|t| format!(", their number in `{}`", t.dotted))
            .unwrap_or_default()
    );
    let doc = super::docs::attrs(&[doc]);
    let layout = mock.and_then(|feature| super::mock::page_layout(op, feature));
    Some(quote! {
        #doc
        impl runtime::Paginated for #request {
            type Item = #item;
            const SCHEME: runtime::PageScheme = #scheme;
            fn into_items(response: #response_type) -> Vec<#item> {
                #into_items
            }
            fn page_items(response: &#response_type) -> &[#item] {
                #page_items
            }
            fn next_page(&self, response: &#response_type) -> Option<Self> {
                let items = Self::page_items(response);
                let value = #next?;
                let mut next = self.clone();
                #set
                Some(next)
            }
            #layout
        }
    })
}

/// `wait_until_<name>`: the polled request with the waiter's rules.
pub(crate) fn waiter_fn(service: &Service, waiter: &Waiter) -> TokenStream {
    let op = service
        .operation(&waiter.operation)
        .expect("validation resolved the waiter's operation");
    let module = ident(&op.names.module);
    let request = ident(&op.names.request);
    let response = ident(&op.names.response);
    let function = ident(&waiter.function);
    let id = format!("{}.{}", service.id, waiter.name);
    let (field, success, failure, retry) = (
        &waiter.field.dotted,
        &waiter.success,
        &waiter.failure,
        &waiter.retry,
    );
    let [delay, max_delay, timeout] =
        [waiter.delay, waiter.max_delay, waiter.timeout].map(proc_macro2::Literal::u64_unsuffixed);
    let state = state_expr(&waiter.field);
    let doc = super::docs::attrs(&waiter_doc(op, waiter));
    let allow = op.deprecated.as_ref().map(|_| quote!(#[allow(deprecated)]));
    quote! {
        #doc
        #allow
        pub fn #function(request: #module::#request) -> runtime::Wait<#module::#request> {
            static WAITER: runtime::Waiter = runtime::Waiter {
                id: #id,
                field: #field,
                success: &[#(#success),*],
                failure: &[#(#failure),*],
                retry: &[#(#retry),*],
                delay: ::std::time::Duration::from_secs(#delay),
                max_delay: ::std::time::Duration::from_secs(#max_delay),
                timeout: ::std::time::Duration::from_secs(#timeout),
            };
            runtime::Wait::new(request, &WAITER, |response: &#module::#response| #state)
        }
    }
}

/// `Option<String>`: the state at `path` in `response`.
fn state_expr(path: &FieldPath) -> TokenStream {
    let access = borrow(quote!(response), &path.steps);
    if path.json.is_empty() {
        return match access {
            Access::Always(value) => quote!(runtime::StateValue::state(&#value)),
            Access::Maybe(value) => quote!(#value.and_then(runtime::StateValue::state)),
        };
    }
    let object = match (access, matches!(path.ty(), Type::Json)) {
        (Access::Always(value), false) => quote!(Some(&#value)),
        (Access::Always(value), true) => quote!(#value.as_object()),
        (Access::Maybe(value), false) => value,
        (Access::Maybe(value), true) => quote!(#value.and_then(|value| value.as_object())),
    };
    let keys = &path.json;
    quote! {
        #object
            .and_then(|object| runtime::wait::json_at(object, &[#(#keys),*]))
            .and_then(runtime::StateValue::state)
    }
}

fn waiter_doc(op: &Operation, waiter: &Waiter) -> Vec<String> {
    let quoted = |values: &[String]| {
        values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut lines = if waiter.description.is_empty() {
        vec![format!("Waits until `{}`.", waiter.name)]
    } else {
        super::docs::text(&waiter.description)
    };
    lines.push(String::new());
    lines.push(format!(
        "Polls [`{}`] until `{}` is {}{}{}.",
        op.names.request,
        waiter.field.dotted,
        quoted(&waiter.success),
        if waiter.failure.is_empty() {
            String::new()
        } else {
            format!("; fails on {}", quoted(&waiter.failure))
        },
        if waiter.retry.is_empty() {
            "; any other state means not yet".to_owned()
        } else {
            format!(
                "; polls on while {} and stops on any other state",
                quoted(&waiter.retry)
            )
        },
    ));
    lines.push(format!(
        "The first delay is {} s, growing to {} s; waiting gives up after {} s unless \
         [`Wait::timeout`](runtime::Wait::timeout) says otherwise. The `client` feature runs it: \
         `.run(&client).await`.",
        waiter.delay, waiter.max_delay, waiter.timeout
    ));
    lines
}
