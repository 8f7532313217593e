//! Identifiers and type tokens.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use hwcloud_model::model::Type;

/// An identifier from a derived name; `r#type` becomes a raw identifier.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

pub(crate) use hwcloud_model::names::plain;

pub(crate) fn rust_type(ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote!(String),
        Type::I32 => quote!(i32),
        Type::I64 => quote!(i64),
        Type::F64 => quote!(f64),
        Type::Bool => quote!(bool),
        Type::JsonObject => quote!(runtime::serde_json::Map<String, runtime::serde_json::Value>),
        Type::Json => quote!(runtime::serde_json::Value),
        Type::Vec(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
        Type::Map(inner) => {
            let inner = rust_type(inner);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
        Type::TextOr(inner) => {
            let inner = rust_type(inner);
            quote!(runtime::TextOr<#inner>)
        }
        Type::Object(name) => {
            let name = ident(name);
            quote!(#name)
        }
        Type::Boxed(inner) => {
            let inner = rust_type(inner);
            quote!(Box<#inner>)
        }
        Type::Upload => quote!(runtime::Upload),
    }
}

/// What a setter accepts: anything string-like for `String`, a `T` for
/// `TextOr<T>`, bytes or text for an `Upload`, the exact type otherwise, so that a wrong argument is a plain
/// type mismatch.
pub(crate) fn argument_type(ty: &Type) -> TokenStream {
    let rust = rust_type(ty);
    match ty {
        Type::String | Type::TextOr(_) | Type::Upload => quote!(impl Into<#rust>),
        _ => rust,
    }
}

/// The expression that turns a setter argument into the stored value.
pub(crate) fn argument_value(ty: &Type, arg: &Ident) -> TokenStream {
    match ty {
        Type::String | Type::TextOr(_) | Type::Upload => quote!(#arg.into()),
        _ => quote!(#arg),
    }
}
