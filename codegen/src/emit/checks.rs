//! The checks a request runs before it is built: the lengths and bounds the
//! docs give its parameters and its body's own fields.
//!
//! Nested objects' constraints are documented on their fields but not checked:
//! a check there would walk every element of every array on every request.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::names::ident;
use hwcloud_model::model::{Member, Operation, Type};
use hwcloud_model::names;

/// One check per constrained parameter or body field, in documentation order.
pub(crate) fn constraint_checks(op: &Operation) -> Vec<TokenStream> {
    let body = ident(names::BODY_FIELD);
    let params = op.params.iter().map(|m| {
        let field = ident(&m.rust);
        (quote!(self.#field), m)
    });
    let fields = op.body.iter().flatten().map(|m| {
        let field = ident(&m.rust);
        (quote!(self.#body.#field), m)
    });
    params
        .chain(fields)
        .filter_map(|(access, m)| check(access, m))
        .collect()
}

fn check(access: TokenStream, member: &Member) -> Option<TokenStream> {
    let c = member.constraints;
    let wire = &member.wire;
    let optional_u64 = |n: Option<u64>| n.map_or(quote!(None), |n| quote!(Some(#n)));
    let test = match &member.ty {
        Type::String | Type::Vec(_) if c.min_length.is_some() || c.max_length.is_some() => {
            let length = match member.ty {
                Type::String => quote!(value.chars().count()),
                _ => quote!(value.len()),
            };
            let (min, max) = (optional_u64(c.min_length), optional_u64(c.max_length));
            quote!(runtime::check_length(#wire, #length, #min, #max)?;)
        }
        Type::I32 | Type::I64 | Type::F64 if c.minimum.is_some() || c.maximum.is_some() => {
            let float = member.ty == Type::F64;
            let bound = |n: Option<i64>| match n {
                Some(n) if float => {
                    let n = Literal::f64_suffixed(n as f64);
                    quote!(Some(#n))
                }
                Some(n) => {
                    let n = Literal::i64_suffixed(n);
                    quote!(Some(#n))
                }
                None => quote!(None),
            };
            let value = if float {
                quote!(*value)
            } else {
                quote!(i64::from(*value))
            };
            let (min, max) = (bound(c.minimum), bound(c.maximum));
            quote!(runtime::check_bounds(#wire, #value, #min, #max)?;)
        }
        _ => return None,
    };
    Some(if member.required {
        quote! {
            let value = &#access;
            #test
        }
    } else {
        quote! {
            if let Some(value) = &#access {
                #test
            }
        }
    })
}
