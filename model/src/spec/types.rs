//! The `type:` grammar of spec fields.
//!
//! `string | integer | long | number | boolean | object | any | file | array<T> | map<T> | text_or<T> | Name`
//! where `Name` (UpperCamelCase) refers to an object table of the same operation.

use std::fmt;

use super::schema::ParamLocation;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeExpr {
    String,
    /// 32-bit integer: the docs' `Integer`.
    Integer,
    /// 64-bit integer: the docs' `Long`.
    Long,
    /// Floating point: `Number`, `Double`, `Float`.
    Number,
    Boolean,
    /// A JSON object the docs describe no table for.
    Object,
    /// Any JSON value.
    Any,
    /// The bytes of a file: a part of a `multipart/form-data` body, or a whole
    /// body that is not JSON (`media:` of the request body).
    File,
    Array(Box<TypeExpr>),
    /// A JSON object with string keys and values of one type.
    Map(Box<TypeExpr>),
    /// A scalar the docs print both as itself and as text (`true` and `"true"`).
    TextOr(Box<TypeExpr>),
    /// An object table of the same operation.
    Ref(String),
}

/// How deep `array<…>` / `map<…>` may nest: documented JSON never nests types
/// more than a few levels, and the bound keeps every later stage's recursion small.
pub const MAX_TYPE_DEPTH: usize = 8;

impl TypeExpr {
    pub fn parse(text: &str) -> Result<TypeExpr, String> {
        TypeExpr::parse_nested(text, 0)
    }

    fn parse_nested(text: &str, depth: usize) -> Result<TypeExpr, String> {
        if depth > MAX_TYPE_DEPTH {
            return Err(format!(
                "the type nests more than {MAX_TYPE_DEPTH} levels of array<…> / map<…>"
            ));
        }
        let text = text.trim();
        if let Some(inner) = generic_argument(text, "array") {
            return Ok(TypeExpr::Array(Box::new(TypeExpr::parse_nested(
                inner,
                depth + 1,
            )?)));
        }
        if let Some(inner) = generic_argument(text, "map") {
            return Ok(TypeExpr::Map(Box::new(TypeExpr::parse_nested(inner, depth + 1)?)));
        }
        if let Some(inner) = generic_argument(text, "text_or") {
            let inner = TypeExpr::parse_nested(inner, depth + 1)?;
            if !inner.is_scalar() || inner == TypeExpr::String {
                return Err(format!(
                    "`text_or<{inner}>`: the inner type must be integer, long, number or boolean"
                ));
            }
            return Ok(TypeExpr::TextOr(Box::new(inner)));
        }
        match text {
            "string" => Ok(TypeExpr::String),
            "integer" => Ok(TypeExpr::Integer),
            "long" => Ok(TypeExpr::Long),
            "number" => Ok(TypeExpr::Number),
            "boolean" => Ok(TypeExpr::Boolean),
            "object" => Ok(TypeExpr::Object),
            "any" => Ok(TypeExpr::Any),
            "file" => Ok(TypeExpr::File),
            name if is_type_name(name) => Ok(TypeExpr::Ref(name.to_owned())),
            other => Err(format!(
                "unknown type `{other}`: expected string, integer, long, number, boolean, object, any, file, array<T>, map<T>, text_or<T> or the name of an object table"
            )),
        }
    }

    /// Every object table this type refers to.
    pub fn refs(&self) -> Vec<&str> {
        match self {
            TypeExpr::Ref(name) => vec![name.as_str()],
            TypeExpr::Array(inner) | TypeExpr::Map(inner) => inner.refs(),
            _ => Vec::new(),
        }
    }

    /// Whether the type is or holds a `file`.
    pub fn has_file(&self) -> bool {
        match self {
            TypeExpr::File => true,
            TypeExpr::Array(inner) | TypeExpr::Map(inner) | TypeExpr::TextOr(inner) => inner.has_file(),
            _ => false,
        }
    }

    /// Whether a parameter of this type can travel in `location`: a scalar, or in
    /// a query an array of scalars (the key repeats).
    pub fn fits(&self, location: ParamLocation) -> bool {
        self.is_scalar()
            || matches!(self, TypeExpr::Array(inner) if inner.is_scalar() && location == ParamLocation::Query)
    }

    /// Whether the value is a JSON scalar that can travel in a query string or header.
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            TypeExpr::String | TypeExpr::Integer | TypeExpr::Long | TypeExpr::Number | TypeExpr::Boolean
        )
    }
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeExpr::String => f.write_str("string"),
            TypeExpr::Integer => f.write_str("integer"),
            TypeExpr::Long => f.write_str("long"),
            TypeExpr::Number => f.write_str("number"),
            TypeExpr::Boolean => f.write_str("boolean"),
            TypeExpr::Object => f.write_str("object"),
            TypeExpr::Any => f.write_str("any"),
            TypeExpr::File => f.write_str("file"),
            TypeExpr::Array(inner) => write!(f, "array<{inner}>"),
            TypeExpr::Map(inner) => write!(f, "map<{inner}>"),
            TypeExpr::TextOr(inner) => write!(f, "text_or<{inner}>"),
            TypeExpr::Ref(name) => f.write_str(name),
        }
    }
}

fn generic_argument<'a>(text: &'a str, outer: &str) -> Option<&'a str> {
    text.strip_prefix(outer)?
        .trim_start()
        .strip_prefix('<')?
        .strip_suffix('>')
}

/// UpperCamelCase ASCII: what object tables are called.
pub fn is_type_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_generics_and_references() {
        let ty = TypeExpr::parse("array<map<Tag>>").unwrap();
        assert_eq!(
            ty,
            TypeExpr::Array(Box::new(TypeExpr::Map(Box::new(TypeExpr::Ref("Tag".into())))))
        );
        assert_eq!(ty.refs(), vec!["Tag"]);
        assert_eq!(ty.to_string(), "array<map<Tag>>");
    }

    #[test]
    fn rejects_doc_spellings_and_unknown_words() {
        assert!(
            TypeExpr::parse("String").is_ok(),
            "a capitalised word is a table reference"
        );
        assert!(
            TypeExpr::parse("strin")
                .unwrap_err()
                .contains("unknown type `strin`")
        );
        assert!(TypeExpr::parse("array<>").is_err());
        let deep = |n: usize| format!("{}string{}", "array<".repeat(n), ">".repeat(n));
        assert!(TypeExpr::parse(&deep(MAX_TYPE_DEPTH)).is_ok());
        assert!(
            TypeExpr::parse(&deep(MAX_TYPE_DEPTH + 1))
                .unwrap_err()
                .contains("nests more than")
        );
        assert!(TypeExpr::parse(&deep(100_000)).is_err());
        assert!(TypeExpr::parse("List<Tag>").is_err());
        assert_eq!(
            TypeExpr::parse("text_or<boolean>").unwrap().to_string(),
            "text_or<boolean>"
        );
        assert!(TypeExpr::parse("text_or<string>").is_err());
        assert!(TypeExpr::parse("text_or<Tag>").is_err());
    }
}
