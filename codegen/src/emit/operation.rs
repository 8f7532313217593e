//! One module per operation: request, builder, wire form, response, nested objects.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::{argument_type, argument_value, ident, plain, rust_type};
use super::{docs, structs};
use hwcloud_model::model::{
    ExampleKind, Location, Media, Member, Method, Operation, PathPiece, Service, Type,
};
use hwcloud_model::names;
use hwcloud_model::outline::OperationOutline;

/// One operation's module; `mock` names the feature behind which the
/// runtime's mock gets what it needs of the operation, if any.
pub(crate) fn operation_module(service: &Service, op: &Operation, mock: Option<&str>) -> TokenStream {
    let module = ident(&op.names.module);
    let module_doc = docs::attrs(&[format!(
        "{} (`{} {}`).",
        docs::escape(op.title.preferred().unwrap_or(&op.id)),
        op.method.as_str(),
        docs::escape(&op.uri)
    )]);
    let allow_deprecated = op.deprecated.as_ref().map(|_| quote!(#[allow(deprecated)]));
    let request = request_struct(op);
    let body = op.body.as_ref().map(|fields| structs::body_struct(op, fields));
    let builder = builder(op);
    let wire = operation_impl(service, op, mock);
    let paginated = super::paths::paginated_impl(op, mock);
    let response = structs::response_struct(op);
    let shared = shared_reexport(service, op);
    let objects = op.local_objects().map(|o| structs::object_struct(o, &[]));
    let json_body = op.body.is_some() && op.request_media.is_none();
    let serde_traits = serde_imports(
        json_body
            || op.response_media.is_some()
            || !op.success_variants.is_empty()
            || (op.response_is_array && !op.response_headers.is_empty())
            || op.local_objects().any(|o| !o.in_response),
    );
    quote! {
        #module_doc
        #allow_deprecated
        pub mod #module {
            use super::runtime;
            use super::runtime::serde::#serde_traits;

            #request
            #body
            #builder
            #wire
            #paginated
            #response
            #shared
            #(#objects)*
        }
    }
}

/// The serde traits a module of structs names: `Deserialize` only when some
/// struct derives it (request-side ones derive it, response-side ones implement it).
pub(crate) fn serde_imports(derives_deserialize: bool) -> TokenStream {
    if derives_deserialize {
        quote!({Deserialize, Serialize})
    } else {
        quote!(Serialize)
    }
}

/// The `pub use` of the service's shared tables this operation documents.
fn shared_reexport(service: &Service, op: &Operation) -> Option<TokenStream> {
    if op.shared.is_empty() {
        return None;
    }
    let module = ident(&service.types_module);
    let names = op.shared.iter().map(|n| ident(n));
    Some(quote!(pub use super::#module::{#(#names),*};))
}

/// The `pub use` that lifts an operation's main types to the service module.
pub(crate) fn reexport(op: &OperationOutline) -> TokenStream {
    let op_names = op.names();
    let module = ident(&op_names.module);
    let mut names = vec![ident(&op_names.request), ident(&op_names.builder)];
    if op.has_body {
        names.push(ident(&op_names.body));
    }
    if op.body_is_array {
        names.push(ident(&op_names.request_item));
    }
    names.push(ident(&op_names.response));
    if op.response_is_array {
        names.push(ident(&op_names.response_item));
    }
    let allow_deprecated = op.deprecated.then(|| quote!(#[allow(deprecated)]));
    quote!(#allow_deprecated pub use #module::{#(#names),*};)
}

fn deprecated_attr(op: &Operation) -> Option<TokenStream> {
    let deprecation = op.deprecated.as_ref()?;
    let mut note = match &deprecation.replacement {
        Some(replacement) => format!("out of date in the docs: use `{}` instead", replacement.request),
        None => "out of date in the docs".to_owned(),
    };
    if let Some(text) = deprecation.note.preferred() {
        note.push_str(&format!(" ({})", docs::literal_text(text)));
    }
    Some(quote!(#[deprecated(note = #note)]))
}

fn request_doc_lines(op: &Operation) -> Vec<String> {
    let mut lines = Vec::new();
    for title in [&op.title.en, &op.title.zh].into_iter().flatten() {
        if lines.is_empty() {
            lines.push(docs::escape(title));
        } else {
            lines.push(String::new());
            lines.push(docs::escape(title));
        }
    }
    let summary = docs::text(&op.summary);
    if !summary.is_empty() {
        lines.push(String::new());
        lines.extend(summary);
    }
    lines.push(String::new());
    lines.push(format!("`{} {}`", op.method.as_str(), op.uri.replace('`', "'")));
    if let Some(version) = &op.api_version {
        lines.push(String::new());
        lines.push(format!("API version {}.", docs::escape(version)));
    }
    if let Some(clouds) = docs::clouds_only(&op.clouds) {
        lines.push(String::new());
        lines.push(format!(
            "Documented for {clouds} only: a client for another cloud refuses it before sending, \
             unless it allows undocumented operations."
        ));
    }
    if let Some(deprecation) = &op.deprecated {
        lines.push(String::new());
        lines.push(match &deprecation.replacement {
            // The service module re-exports every request type.
            Some(replacement) => format!(
                "Out of date in the docs; use [`{}`](super::{}) instead.",
                replacement.request, replacement.request
            ),
            None => "Out of date in the docs.".to_owned(),
        });
    }
    if !op.status_codes.is_empty() {
        lines.push(String::new());
        lines.push("Documented status codes:".to_owned());
        for (status, text) in &op.status_codes {
            let description = text.preferred().map(docs::escape).unwrap_or_default();
            lines.push(format!("- {status}: {description}"));
        }
    }
    lines.extend(docs::tables(&op.tables));
    lines.push(String::new());
    let sources: Vec<String> = op
        .sources
        .iter()
        .map(|s| format!("`{}` ({})", s.page.replace('`', "'"), s.lang))
        .collect();
    lines.push(format!("Transcribed from {}.", sources.join(", ")));
    lines
}

fn request_struct(op: &Operation) -> TokenStream {
    let name = ident(&op.names.request);
    let builder = ident(&op.names.builder);
    let doc = docs::attrs(&request_doc_lines(op));
    let deprecated = deprecated_attr(op);
    let fields = op.params.iter().map(|member| {
        let doc = docs::attrs(&docs::member(member));
        let field = ident(&member.rust);
        let ty = member_type(member);
        quote!(#doc pub #field: #ty,)
    });
    let body = op.body.as_ref().map(|_| {
        let body = ident(&op.names.body);
        let field = ident(names::BODY_FIELD);
        let doc = docs::attrs(&[match &op.request_media {
            None => "The JSON body.".to_owned(),
            Some(media) => format!("The body, sent as `{}`.", media.content_type()),
        }]);
        quote!(
            #doc
            pub #field: #body,
        )
    });
    let typestate = has_typestate(op);
    let slots = op
        .inputs()
        .filter(|m| m.required && typestate)
        .map(|_| quote!(runtime::Unset));
    let initial = op.inputs().map(|m| {
        let field = ident(&m.setter);
        if m.required && typestate {
            quote!(#field: runtime::Unset)
        } else {
            quote!(#field: None)
        }
    });
    let builder_doc = docs::attrs(&[if typestate {
        format!(
            "Starts a [`{}`]; `build()` compiles once every required parameter is set.",
            op.names.request
        )
    } else {
        format!(
            "Starts a [`{}`]; `build()` says which required parameter is missing.",
            op.names.request
        )
    }]);
    quote! {
        #doc
        #deprecated
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #(#fields)*
            #body
        }

        impl #name {
            #builder_doc
            pub fn builder() -> #builder<#(#slots),*> {
                #builder { #(#initial),* }
            }
        }
    }
}

/// `T`, or `Option<T>` for an optional member.
pub(crate) fn member_type(member: &Member) -> TokenStream {
    let ty = rust_type(&member.ty);
    if member.required { ty } else { quote!(Option<#ty>) }
}

fn state_param(member: &Member) -> proc_macro2::Ident {
    ident(&member.state)
}

fn marker_trait(member: &Member) -> proc_macro2::Ident {
    ident(&member.marker)
}

/// The most required parameters a builder checks at compile time. Each setter
/// of a typestate builder names every slot, so its code grows with the square
/// of their number; past this, `build()` checks them and names the missing one.
const TYPESTATE_MAX_REQUIRED: usize = 32;

/// Whether `op`'s builder is a typestate builder.
fn has_typestate(op: &Operation) -> bool {
    op.inputs().filter(|m| m.required).count() <= TYPESTATE_MAX_REQUIRED
}

fn builder(op: &Operation) -> TokenStream {
    if !has_typestate(op) {
        return checked_builder(op);
    }
    let name = ident(&op.names.builder);
    let request = ident(&op.names.request);
    let deprecated = deprecated_attr(op);
    let inputs: Vec<&Member> = op.inputs().collect();
    let states: Vec<_> = inputs
        .iter()
        .filter(|m| m.required)
        .map(|m| state_param(m))
        .collect();
    let slot_fields = inputs.iter().map(|m| {
        let field = ident(&m.setter);
        if m.required {
            let state = state_param(m);
            quote!(#field: #state,)
        } else {
            let ty = rust_type(&m.ty);
            quote!(#field: Option<#ty>,)
        }
    });
    let setters = inputs.iter().map(|m| setter(op, &inputs, m));
    let markers = inputs.iter().filter(|m| m.required).map(|m| marker(op, m));
    let bounds = inputs.iter().filter(|m| m.required).map(|m| {
        let state = state_param(m);
        let marker = marker_trait(m);
        quote!(#state: #marker)
    });
    let finish = request_fields(op, |slot| quote!(runtime::IsSet::into_value(self.#slot)));
    let doc = docs::attrs(&[format!(
        "Builder for [`{}`]. Each required parameter is a type parameter that turns from \
         [`Unset`](runtime::Unset) to [`Set`](runtime::Set) when given.",
        op.names.request
    )]);
    let defaults = states.iter().map(|s| quote!(#s = runtime::Unset));
    let build = ident(names::BUILD_METHOD);
    let project_scoped = project_scoped(&name, &inputs);
    let where_clause = if states.is_empty() {
        quote!()
    } else {
        quote!(where #(#bounds),*)
    };
    quote! {
        #doc
        #deprecated
        #[derive(Debug, Clone)]
        #[must_use = "a builder does nothing until `build()` is called"]
        pub struct #name<#(#defaults),*> {
            #(#slot_fields)*
        }

        impl<#(#states),*> #name<#(#states),*> {
            #(#setters)*

            /// Finishes the request. Compiles only when every required parameter is set;
            /// the error names the one that is missing.
            pub fn #build(self) -> #request
            #where_clause
            {
                #request { #finish }
            }
        }

        #(#markers)*
        #project_scoped
    }
}

/// A builder for an operation with more required parameters than a typestate
/// checks: every slot an `Option`, one setter each, and a `build()` that
/// returns the request or the first required parameter not set. Linear in the
/// number of parameters.
fn checked_builder(op: &Operation) -> TokenStream {
    let name = ident(&op.names.builder);
    let request = ident(&op.names.request);
    let request_name = &op.names.request;
    let deprecated = deprecated_attr(op);
    let inputs: Vec<&Member> = op.inputs().collect();
    let slot_fields = inputs.iter().map(|m| {
        let field = ident(&m.setter);
        let ty = rust_type(&m.ty);
        quote!(#field: Option<#ty>,)
    });
    let setters = inputs.iter().map(|m| {
        let doc = docs::attrs(&docs::member(m));
        let field = ident(&m.setter);
        let arg_ty = argument_type(&m.ty);
        let value = argument_value(&m.ty, &field);
        quote! {
            #doc
            pub fn #field(mut self, #field: #arg_ty) -> Self {
                self.#field = Some(#value);
                self
            }
        }
    });
    let finish = request_fields(op, |slot| {
        let setter = slot.to_string();
        quote!(self.#slot.ok_or(runtime::MissingParameter { request: #request_name, parameter: #setter })?)
    });
    let doc = docs::attrs(&[format!(
        "Builder for [`{}`]. It has more required parameters than a builder checks at compile \
         time ({TYPESTATE_MAX_REQUIRED}): `build()` names the first one not set.",
        op.names.request
    )]);
    let build = ident(names::BUILD_METHOD);
    let project = inputs
        .iter()
        .find(|m| m.required && m.setter == "project_id" && m.ty == Type::String)
        .map(|_| {
            quote! {
                impl runtime::ProjectScoped for #name {
                    type Output = #name;

                    fn with_project_id(self, project_id: String) -> Self::Output {
                        self.project_id(project_id)
                    }
                }
            }
        });
    quote! {
        #doc
        #deprecated
        #[derive(Debug, Clone, Default)]
        #[must_use = "a builder does nothing until `build()` is called"]
        pub struct #name {
            #(#slot_fields)*
        }

        impl #name {
            #(#setters)*

            /// Finishes the request, or names the first required parameter not set.
            pub fn #build(self) -> Result<#request, runtime::MissingParameter> {
                Ok(#request { #finish })
            }
        }

        #project
    }
}

/// The fields of the request `build()` returns, each from its builder slot:
/// an optional one as it is, a required one through `required(slot)`.
fn request_fields(op: &Operation, required: impl Fn(&proc_macro2::Ident) -> TokenStream) -> TokenStream {
    let take = |m: &Member| {
        let field = ident(&m.rust);
        let slot = ident(&m.setter);
        let value = if m.required {
            required(&slot)
        } else {
            quote!(self.#slot)
        };
        quote!(#field: #value)
    };
    let params = op.params.iter().map(&take);
    let body = op.body.as_ref().map(|fields| {
        let body = ident(&op.names.body);
        let values = fields.iter().map(&take);
        let field = ident(names::BODY_FIELD);
        quote!(#field: #body { #(#values),* },)
    });
    quote!(#(#params,)* #body)
}

/// Lets a client fill `project_id`, the parameter nearly every call repeats.
fn project_scoped(builder: &proc_macro2::Ident, inputs: &[&Member]) -> Option<TokenStream> {
    // The slot is the required input whose *setter* is `project_id`: a body field
    // that repeats the name has the setter `body_project_id` and stays a generic.
    let project = inputs
        .iter()
        .find(|m| m.required && m.setter == "project_id" && m.ty == Type::String)?;
    let required: Vec<&&Member> = inputs.iter().filter(|m| m.required).collect();
    let generics = required
        .iter()
        .filter(|m| m.setter != project.setter)
        .map(|m| state_param(m));
    let slot = |set: bool| {
        required.iter().map(move |m| {
            if m.setter != project.setter {
                let state = state_param(m);
                quote!(#state)
            } else if set {
                quote!(runtime::Set<String>)
            } else {
                quote!(runtime::Unset)
            }
        })
    };
    let (unset, set) = (slot(false), slot(true));
    Some(quote! {
        impl<#(#generics),*> runtime::ProjectScoped for #builder<#(#unset),*> {
            type Output = #builder<#(#set),*>;

            fn with_project_id(self, project_id: String) -> Self::Output {
                self.project_id(project_id)
            }
        }
    })
}

fn setter(op: &Operation, inputs: &[&Member], member: &Member) -> TokenStream {
    let doc = docs::attrs(&docs::member(member));
    let field = ident(&member.setter);
    let ty = rust_type(&member.ty);
    let arg_ty = argument_type(&member.ty);
    let value = argument_value(&member.ty, &field);
    if !member.required {
        return quote! {
            #doc
            pub fn #field(mut self, #field: #arg_ty) -> Self {
                self.#field = Some(#value);
                self
            }
        };
    }
    let builder = ident(&op.names.builder);
    let out_states = inputs.iter().filter(|m| m.required).map(|m| {
        if m.setter == member.setter {
            quote!(runtime::Set<#ty>)
        } else {
            let state = state_param(m);
            quote!(#state)
        }
    });
    let moves = inputs.iter().map(|m| {
        let other = ident(&m.setter);
        if m.setter == member.setter {
            quote!(#other: runtime::Set(#value))
        } else {
            quote!(#other: self.#other)
        }
    });
    // A nested type in one state slot beside the others is the typestate's
    // nature, not something a type alias would make clearer.
    let allow = ty
        .to_string()
        .contains('<')
        .then(|| quote!(#[allow(clippy::type_complexity)]));
    quote! {
        #doc
        #allow
        pub fn #field(self, #field: #arg_ty) -> #builder<#(#out_states),*> {
            #builder { #(#moves),* }
        }
    }
}

fn marker(op: &Operation, member: &Member) -> TokenStream {
    let name = marker_trait(member);
    let ty = rust_type(&member.ty);
    let rust = plain(&member.setter);
    let kind = match member.location {
        Some(Location::Path) => "path parameter",
        Some(Location::Query) => "query parameter",
        Some(Location::Header) => "header parameter",
        None => "body field",
    };
    let wire = if member.wire == rust {
        String::new()
    } else {
        format!(" (`{}` on the wire)", member.wire)
    };
    let message = format!("missing required {kind} `{rust}`{wire} of `{}`", op.names.request);
    let label = format!("`{rust}` has not been set");
    let note = format!("call `.{}(...)` on the builder before `.build()`", member.setter);
    let doc = docs::attrs(&[format!(
        "Satisfied once `{rust}` is set; names it in the compile error otherwise."
    )]);
    quote! {
        #doc
        #[doc(hidden)]
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        pub trait #name: runtime::IsSet<#ty> {}

        impl #name for runtime::Set<#ty> {}
    }
}

fn method_tokens(method: Method) -> TokenStream {
    let name = format_ident!("{}", method.as_str());
    quote!(runtime::http::Method::#name)
}

fn operation_impl(service: &Service, op: &Operation, mock: Option<&str>) -> TokenStream {
    let request = ident(&op.names.request);
    let response = ident(&op.names.response);
    let id = format!("{}.{}", service.id, op.id);
    let method = method_tokens(op.method);
    let uri = &op.uri;
    let plane = op.plane.as_ref().map(|plane| {
        let (name, token_only) = (&plane.name, plane.token_only);
        quote!(const PLANE: Option<runtime::Plane> = Some(runtime::Plane { name: #name, token_only: #token_only });)
    });
    let clouds = (!op.clouds.is_empty()).then(|| {
        let variants = op
            .clouds
            .iter()
            .filter_map(|id| hwcloud_model::spec::schema::cloud_names(id))
            .map(|(_, variant)| ident(variant));
        quote!(const CLOUDS: &'static [runtime::Cloud] = &[#(runtime::Cloud::#variants),*];)
    });
    let statuses = op.status_codes.iter().map(|(status, text)| {
        let status = proc_macro2::Literal::u16_unsuffixed(*status);
        let description = text.preferred().unwrap_or_default();
        quote!(runtime::DocumentedStatus { status: #status, description: #description })
    });
    let path_steps = op.path.iter().map(|piece| match piece {
        PathPiece::Literal(text) => quote!(path.literal(#text);),
        PathPiece::Param(index) => {
            let member = &op.params[*index];
            let field = ident(&member.rust);
            let wire = &member.wire;
            quote!(path.param(#wire, &self.#field)?;)
        }
    });
    let mut query_steps: Vec<TokenStream> = op
        .fixed_query
        .iter()
        .map(|(key, value)| quote!(query.push(#key, &#value);))
        .collect();
    query_steps.extend(
        op.params
            .iter()
            .filter(|m| m.location == Some(Location::Query))
            .map(query_step),
    );
    let query_binding = if query_steps.is_empty() {
        quote!(let query)
    } else {
        quote!(let mut query)
    };
    let header_steps: Vec<TokenStream> = op
        .params
        .iter()
        .filter(|m| m.location == Some(Location::Header) && !m.required)
        .map(|m| {
            let field = ident(&m.rust);
            let wire = &m.wire;
            quote! {
                if let Some(value) = &self.#field {
                    headers.push((#wire, runtime::HeaderValue::to_header_value(value, #wire)?));
                }
            }
        })
        .collect();
    let required_headers = op
        .params
        .iter()
        .filter(|m| m.location == Some(Location::Header) && m.required)
        .map(|m| {
            let field = ident(&m.rust);
            let wire = &m.wire;
            quote!((#wire, runtime::HeaderValue::to_header_value(&self.#field, #wire)?))
        });
    let plane_headers = op.plane.iter().flat_map(|p| &p.headers).filter(|(name, _)| {
        !op.params
            .iter()
            .any(|m| m.location == Some(Location::Header) && m.wire.eq_ignore_ascii_case(name))
    });
    let required_headers = required_headers.chain(
        plane_headers.map(|(name, value)| quote!((#name, runtime::http::HeaderValue::from_static(#value)))),
    );
    let headers_binding = if header_steps.is_empty() {
        quote!(let headers = [#(#required_headers),*];)
    } else {
        quote!(let mut headers = vec![#(#required_headers),*];)
    };
    let checks = super::checks::constraint_checks(op);
    let parse_response = parse_response_override(op);
    let mock = mock.map(|feature| super::mock::operation_items(op, feature));
    let body = request_body(op);
    quote! {
        impl runtime::Operation for #request {
            type Response = #response;
            type ErrorCode = super::ErrorCode;
            const ID: &'static str = #id;
            const METHOD: runtime::http::Method = #method;
            const URI_TEMPLATE: &'static str = #uri;
            const STATUS_CODES: &'static [runtime::DocumentedStatus] = &[#(#statuses),*];
            const ENDPOINTS: runtime::ServiceEndpoints = super::ENDPOINTS;
            #plane
            #clouds

            fn to_http_request(&self) -> Result<runtime::http::Request<Vec<u8>>, runtime::RequestError> {
                #(#checks)*
                let mut path = runtime::PathBuilder::new();
                #(#path_steps)*
                #query_binding = runtime::QueryBuilder::new();
                #(#query_steps)*
                #headers_binding
                #(#header_steps)*
                #body
                runtime::build_request(#method, path, query, headers, body)
            }

            #parse_response
            #mock
        }
    }
}

/// What `to_http_request` sends: the JSON body, the form, the file, or
/// nothing; a form is encoded in statements that bind `body`.
fn request_body(op: &Operation) -> TokenStream {
    let field = ident(names::BODY_FIELD);
    let Some(members) = &op.body else {
        return quote!(let body = runtime::RequestBody::None;);
    };
    match &op.request_media {
        None => quote!(let body = runtime::RequestBody::Json(runtime::serde_json::to_vec(&self.#field));),
        Some(Media::Raw(media)) => {
            let file = members.first().map(|m| ident(&m.rust));
            quote!(let body = runtime::RequestBody::raw(#media, &self.#field.#file);)
        }
        Some(Media::Form) => {
            let fields = members.iter().map(|m| {
                let name = ident(&m.rust);
                let wire = &m.wire;
                match m.required {
                    true => quote!(form.push(#wire, &self.#field.#name);),
                    false => quote!(form.push_opt(#wire, self.#field.#name.as_ref());),
                }
            });
            quote! {
                let mut form = runtime::QueryBuilder::new();
                #(#fields)*
                let body = runtime::RequestBody::form(form);
            }
        }
        Some(Media::Multipart) => {
            let parts = members.iter().map(|m| {
                let name = ident(&m.rust);
                let wire = &m.wire;
                match (&m.ty, m.required) {
                    (Type::Upload, true) => quote!(form.file(#wire, &self.#field.#name);),
                    (Type::Upload, false) => quote!(form.file_opt(#wire, self.#field.#name.as_ref());),
                    (_, true) => quote!(form.text(#wire, &self.#field.#name);),
                    (_, false) => quote!(form.text_opt(#wire, self.#field.#name.as_ref());),
                }
            });
            quote! {
                let mut form = runtime::Multipart::new();
                #(#parts)*
                let body = form.finish();
            }
        }
    }
}

/// The default `parse_response` (or the body's bytes, for a response that is
/// not JSON), then the documented response headers.
fn parse_response_override(op: &Operation) -> Option<TokenStream> {
    if op.response_headers.is_empty() && op.response_media.is_none() && op.success_variants.is_empty() {
        return None;
    }
    let mut reads: Vec<TokenStream> = op
        .response_headers
        .iter()
        .map(|m| {
            let field = ident(&m.rust);
            let wire = &m.wire;
            quote!(response.#field = runtime::header_value(headers, #wire);)
        })
        .collect();
    if op.response_media.is_some() {
        let (body, content_type) = (ident(names::BYTES_FIELD), ident(names::CONTENT_TYPE_FIELD));
        let response = ident(&op.names.response);
        let (binding, rest) = if reads.is_empty() {
            (quote!(let response), None)
        } else {
            (quote!(let mut response), Some(quote!(..Default::default())))
        };
        return Some(quote! {
            fn parse_response(
                status: runtime::http::StatusCode,
                headers: &runtime::http::HeaderMap,
                body: &[u8],
            ) -> Result<Self::Response, runtime::ResponseError<Self::ErrorCode>> {
                #binding = #response {
                    #body: runtime::parse_bytes_response(status, headers, body)?,
                    #content_type: runtime::header_value(headers, "Content-Type"),
                    #rest
                };
                #(#reads)*
                Ok(response)
            }
        });
    }
    if !op.success_variants.is_empty() {
        return Some(success_variants_parse(op, &reads));
    }
    let reads = reads.drain(..);
    Some(quote! {
        fn parse_response(
            status: runtime::http::StatusCode,
            headers: &runtime::http::HeaderMap,
            body: &[u8],
        ) -> Result<Self::Response, runtime::ResponseError<Self::ErrorCode>> {
            let mut response: Self::Response = runtime::parse_response(status, headers, body)?;
            #(#reads)*
            Ok(response)
        }
    })
}

/// `parse_response` of a response enum: the variant by the status, the main
/// body (with the headers) for any other.
fn success_variants_parse(op: &Operation, reads: &[TokenStream]) -> TokenStream {
    let name = ident(&op.names.response);
    let arms = op.success_variants.iter().skip(1).map(|v| {
        let statuses = v
            .statuses
            .iter()
            .map(|s| proc_macro2::Literal::u16_unsuffixed(*s));
        let variant = ident(&v.variant);
        quote!(#(#statuses)|* => #name::#variant(runtime::parse_response(status, headers, body)?),)
    });
    let main = &op.success_variants[0];
    let (variant, ty) = (ident(&main.variant), ident(&main.type_name));
    let fallback = if reads.is_empty() {
        quote!(_ => #name::#variant(runtime::parse_response(status, headers, body)?),)
    } else {
        quote! {
            _ => {
                let mut response: #ty = runtime::parse_response(status, headers, body)?;
                #(#reads)*
                #name::#variant(response)
            }
        }
    };
    quote! {
        fn parse_response(
            status: runtime::http::StatusCode,
            headers: &runtime::http::HeaderMap,
            body: &[u8],
        ) -> Result<Self::Response, runtime::ResponseError<Self::ErrorCode>> {
            Ok(match status.as_u16() {
                #(#arms)*
                #fallback
            })
        }
    }
}

fn query_step(member: &Member) -> TokenStream {
    let field = ident(&member.rust);
    let wire = &member.wire;
    match (&member.ty, member.required) {
        (Type::Vec(_), true) => quote!(query.push_each(#wire, &self.#field);),
        (Type::Vec(_), false) => quote! {
            if let Some(values) = &self.#field {
                query.push_each(#wire, values);
            }
        },
        (_, true) => quote!(query.push(#wire, &self.#field);),
        (_, false) => quote!(query.push_opt(#wire, self.#field.as_ref());),
    }
}

/// The first documented example of `kind`, for a doc comment.
pub(crate) fn first_example(op: &Operation, kind: ExampleKind) -> Option<&str> {
    op.examples
        .iter()
        .find(|e| e.kind == kind && e.is_json)
        .map(|e| e.body.as_str())
}
