//! The per-service error-code enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::names::ident;
use hwcloud_model::model::{ErrorCode, Service};

pub(crate) fn error_code_enum(service: &Service) -> TokenStream {
    let enum_docs = docs::attrs(&enum_doc_lines(service));
    let variants = service.error_codes.iter().map(variant);
    let code_arms = arms(service, |e| {
        let code = &e.code;
        quote!(#code)
    });
    let status_arms = arms(service, |e| {
        let status = proc_macro2::Literal::u16_unsuffixed(e.status);
        quote!(Some(#status))
    });
    let message_arms = arms(service, |e| {
        opt_str(e.message.en.as_deref().or(e.message.zh.as_deref()))
    });
    let message_zh_arms = arms(service, |e| opt_str(e.message.zh.as_deref()));
    let parse_arms = service.error_codes.iter().map(|e| {
        let code = &e.code;
        let variant = ident(&e.variant);
        quote!(#code => ErrorCode::#variant,)
    });
    let shapes = service.error_shapes.iter().map(|shape| {
        let code = opt_str(shape.code.as_deref());
        let message = &shape.message;
        let success = opt_str(shape.success.as_deref());
        quote!(runtime::ErrorShape { code: #code, message: #message, success: #success })
    });
    quote! {
        #enum_docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            #(#variants)*
            /// A code the error-code table does not list, kept as sent.
            Unknown(String),
        }

        impl ErrorCode {
            /// The code as it travels, e.g. in `error_code`.
            pub fn code(&self) -> &str {
                match self {
                    #(#code_arms)*
                    ErrorCode::Unknown(code) => code,
                }
            }

            /// The HTTP status the error-code table gives.
            pub fn http_status(&self) -> Option<u16> {
                match self {
                    #(#status_arms)*
                    ErrorCode::Unknown(_) => None,
                }
            }

            /// The documented message, in English where the docs have it.
            pub fn message(&self) -> Option<&'static str> {
                match self {
                    #(#message_arms)*
                    ErrorCode::Unknown(_) => None,
                }
            }

            /// The documented message in Chinese.
            pub fn message_zh(&self) -> Option<&'static str> {
                match self {
                    #(#message_zh_arms)*
                    ErrorCode::Unknown(_) => None,
                }
            }
        }

        impl ::std::str::FromStr for ErrorCode {
            type Err = ::std::convert::Infallible;

            fn from_str(code: &str) -> Result<Self, Self::Err> {
                Ok(match code {
                    #(#parse_arms)*
                    other => ErrorCode::Unknown(other.to_owned()),
                })
            }
        }

        impl ::std::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl runtime::serde::Serialize for ErrorCode {
            fn serialize<S: runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> runtime::serde::Deserialize<'de> for ErrorCode {
            fn deserialize<D: runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(code.parse().unwrap_or_else(|never| match never {}))
            }
        }

        impl runtime::ErrorCodeEnum for ErrorCode {
            const SHAPES: &'static [runtime::ErrorShape] = &[#(#shapes),*];

            fn code(&self) -> &str {
                ErrorCode::code(self)
            }

            fn http_status(&self) -> Option<u16> {
                ErrorCode::http_status(self)
            }

            fn message(&self) -> Option<&'static str> {
                ErrorCode::message(self)
            }

            fn is_documented(&self) -> bool {
                !matches!(self, ErrorCode::Unknown(_))
            }
        }

        /// An error this service reported.
        pub type ApiError = runtime::ApiError<ErrorCode>;

        /// Why a response of this service did not yield the documented body.
        pub type ResponseError = runtime::ResponseError<ErrorCode>;
    }
}

fn enum_doc_lines(service: &Service) -> Vec<String> {
    let name = service.name.preferred().unwrap_or(&service.id);
    let mut lines = vec![format!(
        "Error codes of {}, from the service's error-code table.",
        docs::escape(name)
    )];
    lines.push(String::new());
    lines.push("Bodies in these shapes are recognised:".to_owned());
    for shape in &service.error_shapes {
        let mut keys = Vec::new();
        if let Some(success) = &shape.success {
            keys.push(format!("`{success}: false`"));
        }
        if let Some(code) = &shape.code {
            keys.push(format!("`{code}`"));
        }
        keys.push(format!("`{}`", shape.message));
        lines.push(format!("- {}", keys.join(" + ")));
    }
    lines
}

fn variant(error: &ErrorCode) -> TokenStream {
    let mut lines = vec![format!("`{}` (HTTP {})", error.code, error.status)];
    for (label, text) in [
        ("", &error.message),
        ("Description: ", &error.description),
        ("Remedy: ", &error.remedy),
    ] {
        for part in [&text.en, &text.zh].into_iter().flatten() {
            lines.push(String::new());
            lines.push(format!("{label}{}", docs::escape(part)));
        }
    }
    let doc = docs::attrs(&lines);
    let name = ident(&error.variant);
    quote!(#doc #name,)
}

fn arms(service: &Service, value: impl Fn(&ErrorCode) -> TokenStream) -> Vec<TokenStream> {
    service
        .error_codes
        .iter()
        .map(|e| {
            let name = ident(&e.variant);
            let value = value(e);
            quote!(ErrorCode::#name => #value,)
        })
        .collect()
}

fn opt_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}
