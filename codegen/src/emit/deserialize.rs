//! `Deserialize` for the structs that keep undocumented keys (responses and the
//! objects inside them), read in one pass: each documented key into its field,
//! any other into `undocumented`. Deriving it with `#[serde(flatten)]` instead
//! would make serde buffer every object into a map first, at about 2.5 times
//! the cost of reading it (issue 13's measurement).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::{ident, rust_type};
use hwcloud_model::model::Member;
use hwcloud_model::names;

/// The impl for struct `name` with body `fields` and, filled later from the
/// response headers, `headers` (`None` here).
pub(crate) fn keeping_undocumented(name: &str, fields: &[Member], headers: &[Member]) -> TokenStream {
    let name = ident(name);
    let expecting = format!("the `{name}` object");
    let slots: Vec<_> = (0..fields.len())
        .map(|at| format_ident!("field_{}", at))
        .collect();
    let declare = fields.iter().zip(&slots).map(|(member, slot)| {
        let ty = rust_type(&member.ty);
        quote!(let mut #slot: Option<#ty> = None;)
    });
    let arms = fields.iter().zip(&slots).map(|(member, slot)| {
        let wire = &member.wire;
        let ty = rust_type(&member.ty);
        if member.required {
            quote!(#wire => #slot = Some(map.next_value::<#ty>()?),)
        } else {
            // `null` reads as absent, as for any optional field.
            quote!(#wire => #slot = map.next_value::<Option<#ty>>()?,)
        }
    });
    let inits = fields.iter().zip(&slots).map(|(member, slot)| {
        let field = ident(&member.rust);
        let wire = &member.wire;
        if member.required {
            quote!(#field: #slot.ok_or_else(|| runtime::serde::de::Error::missing_field(#wire))?,)
        } else {
            quote!(#field: #slot,)
        }
    });
    let headers = headers.iter().map(|member| {
        let field = ident(&member.rust);
        quote!(#field: None,)
    });
    let undocumented = ident(names::UNDOCUMENTED_FIELD);
    let keep = quote!(#undocumented.insert(key.into_string(), map.next_value()?););
    let read_key = if fields.is_empty() {
        keep
    } else {
        quote! {
            match key.as_str() {
                #(#arms)*
                _ => {
                    #keep
                }
            }
        }
    };
    quote! {
        impl<'de> runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // Named so that no object table's type (UpperCamelCase) can be shadowed.
                struct __Visitor;

                impl<'de> runtime::serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: runtime::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        #(#declare)*
                        let mut #undocumented = runtime::serde_json::Map::new();
                        while let Some(key) = map.next_key::<runtime::de::Key<'de>>()? {
                            #read_key
                        }
                        Ok(#name {
                            #(#inits)*
                            #(#headers)*
                            #undocumented,
                        })
                    }
                }

                deserializer.deserialize_map(__Visitor)
            }
        }
    }
}
