//! Types read off an example's value, for keys an example has and no table
//! describes: scalars as printed (whole numbers as `long`), arrays by their
//! elements, and objects whose keys read as names as new objects of the
//! operation (`page_info` → `PageInfo`). An object keyed by ids or dotted keys
//! is a map, kept `object`.

use serde_json::{Map, Value};

use hwcloud_model::spec::schema::{Field, ObjectTable};
use hwcloud_model::spec::types::TypeExpr;

use crate::import::lexicon::{FREE_FORM_NAMES, FREE_FORM_WORDS, says};
use crate::import::naming::object_name;
use hwcloud_model::names;

/// Arrays and objects nest no deeper than this (within the type grammar's
/// bound); below it a container is `any`.
const MAX_DEPTH: usize = 6;

/// Reads types into the objects of one operation.
pub struct Inference<'a> {
    pub objects: &'a mut Vec<ObjectTable>,
}

impl Inference<'_> {
    /// The field `name` with the type `value` shows, and the objects it needs.
    pub fn field(&mut self, name: &str, value: &Value) -> Field {
        let ty = self.infer(name, value, 0);
        added(name, &ty)
    }

    /// The object a field the table leaves untyped (`object`, `array<object>`)
    /// holds, as an example shows it; `None` where the field reads as a map
    /// (its name or description says so, or the keys are numbered: `key1`,
    /// `az1`, `eu-de-01`) or the example holds no object of names.
    pub fn untyped(&mut self, field: &Field, value: &Value) -> Option<TypeExpr> {
        let maps: Vec<&Map<String, Value>> = match value {
            Value::Object(map) => vec![map],
            Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
            _ => return None,
        };
        let keys: Vec<&String> = maps
            .iter()
            .flat_map(|m| m.keys())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let description = field.description.preferred().unwrap_or_default();
        if maps.is_empty()
            || is_free_form(&field.name)
            || says(description, FREE_FORM_WORDS)
            || numbered(&keys)
        {
            return None;
        }
        let ty = match self.infer(&field.name, value, 0) {
            TypeExpr::Array(inner) if matches!(*inner, TypeExpr::Ref(_)) => TypeExpr::Array(inner),
            ty @ TypeExpr::Ref(_) => ty,
            _ => return None,
        };
        Some(ty)
    }

    fn infer(&mut self, key: &str, value: &Value, depth: usize) -> TypeExpr {
        match value {
            Value::Array(_) | Value::Object(_) if depth >= MAX_DEPTH => TypeExpr::Any,
            Value::Null => TypeExpr::Any,
            Value::Bool(_) => TypeExpr::Boolean,
            Value::String(_) => TypeExpr::String,
            // An example's small number says little of the range: a count or a
            // time in milliseconds may be 0 there.
            Value::Number(n) if n.as_i64().is_some() => TypeExpr::Long,
            Value::Number(_) => TypeExpr::Number,
            Value::Array(items) => TypeExpr::Array(Box::new(self.element(key, items, depth + 1))),
            Value::Object(map) => self.object(key, &[map], depth),
        }
    }

    /// The type of an array's elements: their object when all are objects,
    /// the one scalar type they share, else any.
    fn element(&mut self, key: &str, items: &[Value], depth: usize) -> TypeExpr {
        let maps: Vec<&Map<String, Value>> = items.iter().filter_map(Value::as_object).collect();
        if !maps.is_empty() && maps.len() == items.len() {
            return self.object(key, &maps, depth);
        }
        if items.iter().any(|item| item.is_array() || item.is_object()) {
            return TypeExpr::Any;
        }
        let mut kinds = items
            .iter()
            .filter(|item| !item.is_null())
            .map(|item| self.infer(key, item, depth));
        match kinds.next() {
            Some(first) if kinds.all(|kind| kind == first) => first,
            _ => TypeExpr::Any,
        }
    }

    /// A new object with the keys of `maps` (the elements of one array, or
    /// one object), each typed by its first value that is not null; `object`
    /// for an empty object or one keyed by ids.
    fn object(&mut self, key: &str, maps: &[&Map<String, Value>], depth: usize) -> TypeExpr {
        let mut keys: Vec<&String> = Vec::new();
        for map in maps {
            for name in map.keys() {
                if !keys.contains(&name) {
                    keys.push(name);
                }
            }
        }
        if keys.is_empty() || !keys.iter().all(|k| is_field_name(k)) {
            return TypeExpr::Object;
        }
        // The operation's object of this name and these very fields (`Link` of
        // `href` and `rel`, under a server and under its image) is this one.
        let name = object_name(key, self.objects);
        let base = name.trim_end_matches(|c: char| c.is_ascii_digit());
        if let Some(same) = self.objects.iter().find(|o| {
            o.name.trim_end_matches(|c: char| c.is_ascii_digit()) == base
                && o.fields.len() == keys.len()
                && o.fields.iter().all(|f| keys.contains(&&f.name))
        }) {
            return TypeExpr::Ref(same.name.clone());
        }
        // Claimed before its fields are read, so that nested objects name around it.
        self.objects.push(ObjectTable {
            name: name.clone(),
            caption: Default::default(),
            fields: Vec::new(),
        });
        let mut fields = Vec::new();
        for field in keys {
            let value = maps
                .iter()
                .filter_map(|m| m.get(field))
                .find(|v| !v.is_null())
                .unwrap_or(&Value::Null);
            let ty = self.infer(field, value, depth + 1);
            fields.push(added(field, &ty));
        }
        if let Some(object) = self.objects.iter_mut().find(|o| o.name == name) {
            object.fields = fields;
        }
        TypeExpr::Ref(name)
    }
}

/// Optional, and said so. Whether a response sends it always is unknown, as
/// response tables without a mandatory column leave it.
fn added(name: &str, ty: &TypeExpr) -> Field {
    Field {
        required: None,
        ..Field::added(
            name,
            ty.to_string(),
            false,
            "Not in the page's tables; the page's example shows it.",
        )
    }
}

/// Whether an example's key reads as a field's name: not an id, a dotted
/// key or a sentence, which are a map's keys or a value.
pub fn is_field_name(key: &str) -> bool {
    let digits = key.chars().filter(char::is_ascii_digit).count();
    key.len() <= 64
        && key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | '@'))
        && !(digits >= 4 && digits * 3 >= key.len())
}

/// Whether the last word of a field's name names a map (`extra_specs`, `sys_tags`).
fn is_free_form(name: &str) -> bool {
    let snake = names::snake(name);
    let last = snake.rsplit('_').next().unwrap_or(&snake);
    FREE_FORM_NAMES.contains(&last)
}

/// Whether keys are mostly numbered instances of one name (`key1`, `key2`;
/// `az1`; `eu-de-01`): a map's keys, however they read. A struct may have a
/// pair (`accessIPv4`, `accessIPv6`) among its other fields.
fn numbered(keys: &[&String]) -> bool {
    let stem = |key: &str| key.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned();
    let count = keys
        .iter()
        .filter(|key| {
            let own = stem(key);
            own.len() < key.len() && keys.iter().any(|other| other != *key && stem(other) == own)
        })
        .count();
    count > 0 && count * 2 >= keys.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn mostly_numbered_keys_are_a_maps_and_a_numbered_pair_is_not() {
        let numbered_of = |names: &[&str]| numbered(&keys(names).iter().collect::<Vec<_>>());
        assert!(numbered_of(&["key1", "key2"]));
        assert!(numbered_of(&["eu-de-01", "eu-de-02", "eu-de-03"]));
        assert!(!numbered_of(&[
            "accessIPv4",
            "accessIPv6",
            "id",
            "name",
            "status"
        ]));
        assert!(!numbered_of(&["id", "name"]));
        assert!(is_free_form("sys_tags") && is_free_form("extra_specs") && !is_free_form("servers"));
    }
}
