//! Serde structs: request bodies, responses and nested object tables.

use proc_macro2::TokenStream;
use quote::quote;

use super::deserialize;
use super::docs;
use super::names::{argument_type, argument_value, ident, plain};
use super::operation::{first_example, member_type};
use hwcloud_model::model::{ExampleKind, Media, Member, Object, Operation, SuccessVariant};
use hwcloud_model::names;

/// A struct field with its doc comment and serde attributes.
fn field(member: &Member) -> TokenStream {
    let doc = docs::attrs(&docs::member(member));
    let name = ident(&member.rust);
    let ty = member_type(member);
    let rename = (plain(&member.rust) != member.wire).then(|| {
        let wire = &member.wire;
        quote!(#[serde(rename = #wire)])
    });
    let optional =
        (!member.required).then(|| quote!(#[serde(default, skip_serializing_if = "Option::is_none")]));
    quote!(#doc #rename #optional pub #name: #ty,)
}

/// A response header as a field: not in the body, so serde skips it, and
/// `parse_response` fills it from the headers.
fn header_field(member: &Member) -> TokenStream {
    let mut lines = docs::member(member);
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!(
        "From the `{}` response header; `None` when the response lacks it.",
        member.wire
    ));
    let doc = docs::attrs(&lines);
    let name = ident(&member.rust);
    let ty = member_type(member);
    quote!(#doc #[serde(skip)] pub #name: #ty,)
}

/// The map of keys the docs do not list. `flatten` serves the derived
/// `Serialize` (which writes them beside the documented keys); `Deserialize` is
/// [`deserialize::keeping_undocumented`], which reads the object in one pass.
fn undocumented_field() -> TokenStream {
    let field = ident(names::UNDOCUMENTED_FIELD);
    quote! {
        /// Keys the response carried that the docs do not list, kept so nothing is lost.
        #[serde(flatten)]
        pub #field: runtime::serde_json::Map<String, runtime::serde_json::Value>,
    }
}

fn example_doc(example: Option<&str>) -> Vec<String> {
    let Some(example) = example else { return Vec::new() };
    // A fence longer than any backtick run in the example: nothing inside closes it.
    let longest = example
        .lines()
        .map(|l| l.trim_start().chars().take_while(|c| *c == '`').count())
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let mut lines = vec![
        String::new(),
        "Documented example:".to_owned(),
        format!("{fence}json"),
    ];
    lines.extend(
        example
            .lines()
            .map(|l| l.replace('\t', "    ").trim_end().to_owned()),
    );
    lines.push(fence);
    lines
}

pub(crate) fn body_struct(op: &Operation, fields: &[Member]) -> TokenStream {
    if let Some(media) = &op.request_media {
        return media_body_struct(op, media, fields);
    }
    let name = ident(&op.names.body);
    let mut lines = vec![format!("JSON body of [`{}`].", op.names.request)];
    lines.extend(example_doc(first_example(op, ExampleKind::Request)));
    if op.body_is_array {
        lines.push(String::new());
        lines.push(format!(
            "The body is a JSON array: it serializes as its `items`, each a [`{}`].",
            op.names.request_item
        ));
    }
    let doc = docs::attrs(&lines);
    let fields = fields.iter().map(field);
    // One field, the elements: the body on the wire is the bare array.
    let transparent = op.body_is_array.then(|| quote!(#[serde(transparent)]));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(crate = "runtime::serde")]
        #transparent
        pub struct #name {
            #(#fields)*
        }
    }
}

/// A body that is not JSON: its parts (multipart) or its file (raw), with no
/// serde, since `to_http_request` encodes it.
fn media_body_struct(op: &Operation, media: &Media, fields: &[Member]) -> TokenStream {
    let name = ident(&op.names.body);
    let what = match media {
        Media::Multipart => "Form parts (`multipart/form-data`)",
        Media::Form => "Form fields (`application/x-www-form-urlencoded`)",
        Media::Raw(_) => "The file sent as the body",
    };
    let mut lines = vec![format!("{what} of [`{}`].", op.names.request)];
    if let Media::Raw(media) = media {
        lines.push(String::new());
        lines.push(format!(
            "Sent as `{media}` unless the [`Upload`](runtime::Upload) names another content type."
        ));
    }
    let doc = docs::attrs(&lines);
    let fields = fields.iter().map(|member| {
        let doc = docs::attrs(&docs::member(member));
        let name = ident(&member.rust);
        let ty = member_type(member);
        quote!(#doc pub #name: #ty,)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #(#fields)*
        }
    }
}

pub(crate) fn response_struct(op: &Operation) -> TokenStream {
    if let Some(media) = &op.response_media {
        return bytes_response_struct(op, media);
    }
    let mut lines = vec![format!("Success response of [`{}`].", op.names.request)];
    lines.extend(example_doc(first_example(op, ExampleKind::Response)));
    if op.response_is_array && !op.response_headers.is_empty() {
        return array_with_headers(op, lines);
    }
    if op.response_is_array {
        let (doc, name) = (docs::attrs(&lines), ident(&op.names.response));
        let (item, element) = (ident(&op.names.response_item), element_struct(op));
        return quote! {
            #doc
            pub type #name = Vec<#item>;

            #element
        };
    }
    if !op.success_variants.is_empty() {
        return success_enum(op);
    }
    success_struct(&op.names.response, lines, &op.response, &op.response_headers)
}

/// A JSON-array response with documented headers: a struct of the elements
/// (`items`, what serde reads and writes: the bare array) and the headers.
fn array_with_headers(op: &Operation, mut lines: Vec<String>) -> TokenStream {
    lines.push(String::new());
    lines.push(format!(
        "The body is a JSON array: its elements are `items`, each a [`{}`].",
        op.names.response_item
    ));
    let doc = docs::attrs(&lines);
    let (name, item) = (ident(&op.names.response), ident(&op.names.response_item));
    let items = ident(names::ITEMS_FIELD);
    let headers = op.response_headers.iter().map(header_field);
    let element = element_struct(op);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        #[serde(crate = "runtime::serde", transparent)]
        pub struct #name {
            /// The elements of the JSON array.
            pub #items: Vec<#item>,
            #(#headers)*
        }

        #element
    }
}

/// The struct of one element of a JSON-array response.
fn element_struct(op: &Operation) -> TokenStream {
    let item = ident(&op.names.response_item);
    let item_doc = docs::attrs(&[format!("One element of [`{}`].", op.names.response)]);
    let deserialize = deserialize::keeping_undocumented(&op.names.response_item, &op.response, &[]);
    let default = all_optional(&op.response).then(|| quote!(Default,));
    let (fields, undocumented) = (op.response.iter().map(field), undocumented_field());
    quote! {
        #item_doc
        #[derive(Debug, Clone, PartialEq, #default Serialize)]
        #[serde(crate = "runtime::serde")]
        pub struct #item {
            #(#fields)*
            #undocumented
        }

        #deserialize
    }
}

/// One success body's struct: its fields, its headers, the undocumented keys.
fn success_struct(name: &str, doc: Vec<String>, fields: &[Member], headers: &[Member]) -> TokenStream {
    let doc = docs::attrs(&doc);
    let deserialize = deserialize::keeping_undocumented(name, fields, headers);
    let default = all_optional(fields).then(|| quote!(Default,));
    let (name, undocumented) = (ident(name), undocumented_field());
    let (fields, headers) = (fields.iter().map(field), headers.iter().map(header_field));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default Serialize)]
        #[serde(crate = "runtime::serde")]
        pub struct #name {
            #(#fields)*
            #(#headers)*
            #undocumented
        }

        #deserialize
    }
}

/// The response where a page documents several 2xx bodies: an enum of them
/// by status, each variant a struct; the main body carries the headers.
fn success_enum(op: &Operation) -> TokenStream {
    let name = ident(&op.names.response);
    let doc = docs::attrs(&[format!(
        "Success response of [`{}`]: one variant per documented 2xx body, chosen by the status.",
        op.names.request
    )]);
    let statuses = |v: &SuccessVariant| match v.statuses.as_slice() {
        [] => "any other 2xx status".to_owned(),
        statuses => statuses.iter().map(u16::to_string).collect::<Vec<_>>().join(", "),
    };
    let variants = op.success_variants.iter().map(|v| {
        let (variant, ty) = (ident(&v.variant), ident(&v.type_name));
        let doc = docs::attrs(&[format!("Status {}.", statuses(v))]);
        quote!(#doc #variant(#ty),)
    });
    let structs = op.success_variants.iter().enumerate().map(|(i, v)| {
        let doc = vec![format!(
            "The body of [`{}`] under status {}.",
            op.names.response,
            statuses(v)
        )];
        let headers = if i == 0 {
            op.response_headers.as_slice()
        } else {
            &[]
        };
        success_struct(&v.type_name, doc, &v.fields, headers)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(crate = "runtime::serde", untagged)]
        pub enum #name {
            #(#variants)*
        }

        #(#structs)*
    }
}

/// A response that is not JSON: its bytes and content type, beside the
/// documented headers. Serde sees it as any response value (the mock's rules
/// take one); `parse_response` fills it from the HTTP response.
fn bytes_response_struct(op: &Operation, media: &str) -> TokenStream {
    let name = ident(&op.names.response);
    let doc = docs::attrs(&[format!(
        "Success response of [`{}`]: a `{media}` body, as bytes.",
        op.names.request
    )]);
    let headers = op.response_headers.iter().map(header_field);
    let body = ident(names::BYTES_FIELD);
    let content_type = ident(names::CONTENT_TYPE_FIELD);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        #[serde(crate = "runtime::serde")]
        pub struct #name {
            /// The body as sent.
            #[serde(default)]
            pub #body: Vec<u8>,
            /// The `Content-Type` the response was sent with.
            #[serde(default)]
            pub #content_type: Option<String>,
            #(#headers)*
        }
    }
}

/// Whether a struct of these fields can start empty (`Default`): a test
/// builds responses field by field.
fn all_optional(fields: &[Member]) -> bool {
    fields.iter().all(|m| !m.required)
}

/// An object table's struct, `also` closing its doc comment.
pub(crate) fn object_struct(object: &Object, also: &[String]) -> TokenStream {
    let name = ident(&object.name);
    let mut lines = docs::text(&object.caption);
    if lines.is_empty() {
        lines.push(format!("The `{}` object.", object.name));
    }
    lines.extend(also.iter().cloned());
    let doc = docs::attrs(&lines);
    let fields = object.fields.iter().map(field);
    let undocumented = object.in_response.then(undocumented_field);
    let required: Vec<&Member> = object.fields.iter().filter(|m| m.required).collect();
    // A value with no required field starts empty: for a request, or for a
    // response a test builds (the mock's answers).
    let default = required.is_empty().then(|| quote!(Default,));
    let constructor = (object.in_request && !required.is_empty()).then(|| {
        let args = required.iter().map(|m| {
            let arg = ident(&m.rust);
            let ty = argument_type(&m.ty);
            quote!(#arg: #ty)
        });
        let inits = object.fields.iter().map(|m| {
            let field = ident(&m.rust);
            if m.required {
                let value = argument_value(&m.ty, &field);
                // `field: field` is written `field`, as by hand.
                if field == value.to_string() {
                    quote!(#field)
                } else {
                    quote!(#field: #value)
                }
            } else {
                quote!(#field: None)
            }
        });
        let undocumented_init = object.in_response.then(|| {
            let field = ident(names::UNDOCUMENTED_FIELD);
            quote!(#field: runtime::serde_json::Map::new(),)
        });
        let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote! {
            impl #name {
                /// Creates the object from its required fields; optional ones start empty.
                #allow
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits,)* #undocumented_init }
                }
            }
        }
    });
    let (derive_deserialize, deserialize) = if object.in_response {
        (
            None,
            Some(deserialize::keeping_undocumented(
                &object.name,
                &object.fields,
                &[],
            )),
        )
    } else {
        (Some(quote!(Deserialize)), None)
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default Serialize, #derive_deserialize)]
        #[serde(crate = "runtime::serde")]
        pub struct #name {
            #(#fields)*
            #undocumented
        }
        #constructor
        #deserialize
    }
}
