//! Types as changes show and compare them.

use hwcloud_model::model::Type;

/// The type with object names erased: a renamed table is not a retyped field.
pub(super) fn shape(ty: &Type) -> String {
    match ty {
        Type::Object(_) => "object".into(),
        Type::Vec(inner) => format!("Vec<{}>", shape(inner)),
        Type::Map(inner) => format!("Map<{}>", shape(inner)),
        Type::Boxed(inner) => shape(inner),
        other => type_text(other, true),
    }
}

/// The table an object type (or a collection of objects) refers to.
pub(super) fn object_name(ty: &Type) -> Option<&str> {
    match ty {
        Type::Object(name) => Some(name),
        Type::Vec(inner) | Type::Map(inner) | Type::Boxed(inner) => object_name(inner),
        _ => None,
    }
}

/// The Rust type of a member, an `Option` unless `required`.
pub(super) fn type_text(ty: &Type, required: bool) -> String {
    let text = match ty {
        Type::String => "String".into(),
        Type::I32 => "i32".into(),
        Type::I64 => "i64".into(),
        Type::F64 => "f64".into(),
        Type::Bool => "bool".into(),
        Type::JsonObject => "serde_json::Map".into(),
        Type::Json => "serde_json::Value".into(),
        Type::Vec(inner) => format!("Vec<{}>", type_text(inner, true)),
        Type::Map(inner) => format!("BTreeMap<String, {}>", type_text(inner, true)),
        Type::TextOr(inner) => format!("TextOr<{}>", type_text(inner, true)),
        Type::Object(name) => name.clone(),
        Type::Boxed(inner) => format!("Box<{}>", type_text(inner, true)),
        Type::Upload => "Upload".into(),
    };
    if required { text } else { format!("Option<{text}>") }
}
