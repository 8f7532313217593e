//! A table whose one row has no name (`-`) documents a bare value, not an
//! object: `Quantity` | `-` | `String` is a string. Fields of such an object
//! take its type; a body documented so is not JSON with fields, and is said.

use hwcloud_model::spec::schema::{Body, Field, OperationFile};
use hwcloud_model::spec::types::TypeExpr;

/// What the transform did, for the findings.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The object became the scalar type of its one row.
    Scalar { object: String, ty: String },
    /// A body's one row had no name: the body is a bare value, not imported.
    BareBody { request: bool, ty: String },
    /// The success response is a bare string: text, read as its bytes.
    TextBody,
}

/// Whether a row name names nothing: no letter or digit (`-`, `--`, `""`).
fn is_nameless(name: &str) -> bool {
    !name.chars().any(char::is_alphanumeric)
}

/// The type of a table's one nameless row, where it is a scalar or an array of one.
fn bare_type(fields: &[Field]) -> Option<String> {
    let [only] = fields else { return None };
    let scalar = match TypeExpr::parse(&only.ty) {
        Ok(TypeExpr::Array(inner)) => inner.is_scalar(),
        Ok(ty) => ty.is_scalar(),
        Err(_) => false,
    };
    (is_nameless(&only.name) && scalar).then(|| only.ty.clone())
}

pub fn read_bare_values(op: &mut OperationFile) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    let scalars: Vec<(String, String)> = op
        .objects
        .iter()
        .filter_map(|o| bare_type(&o.fields).map(|ty| (o.name.clone(), ty)))
        .collect();
    for (object, ty) in scalars {
        let retype = |field: &mut Field| field.ty = substitute(&field.ty, &object, &ty);
        op.parameters.iter_mut().for_each(retype);
        let bodies = op
            .request_body
            .iter_mut()
            .chain(op.response.iter_mut())
            .chain(op.responses.iter_mut());
        bodies.flat_map(|b| b.fields.iter_mut()).for_each(retype);
        op.objects
            .iter_mut()
            .flat_map(|o| o.fields.iter_mut())
            .for_each(retype);
        op.objects.retain(|o| o.name != object);
        outcomes.push(Outcome::Scalar { object, ty });
    }
    let mut bare = |body: &mut Body, request: bool, success: bool| {
        if let Some(ty) = bare_type(&body.fields) {
            body.fields.clear();
            // A log, a command's output: text, which a response of bytes carries whole.
            if success && ty == "string" && body.headers.is_empty() {
                body.media = Some("text/plain".to_owned());
                body.array = false;
                outcomes.push(Outcome::TextBody);
            } else {
                outcomes.push(Outcome::BareBody { request, ty });
            }
        }
    };
    if let Some(body) = op.request_body.as_mut() {
        bare(body, true, false);
    }
    if let Some(body) = op.response.as_mut() {
        bare(body, false, true);
    }
    for body in op.responses.iter_mut() {
        bare(body, false, false);
    }
    outcomes
}

/// `ty` with every reference to `object` replaced by `scalar`.
fn substitute(ty: &str, object: &str, scalar: &str) -> String {
    match TypeExpr::parse(ty) {
        Ok(TypeExpr::Ref(name)) if name == object => scalar.to_owned(),
        Ok(TypeExpr::Array(inner)) => format!("array<{}>", substitute(&inner.to_string(), object, scalar)),
        Ok(TypeExpr::Map(inner)) => format!("map<{}>", substitute(&inner.to_string(), object, scalar)),
        _ => ty.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nameless_row_makes_its_table_a_scalar_and_its_body_bare() {
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: read_log\ntitle: {en: Read}\nsources: []\nmethod: GET\nuri: /v1/log\n\
             response:\n  fields:\n  - name: '-'\n    type: string\n\
             responses:\n- status: [201]\n  fields:\n  - name: limits\n    type: map<Quantity>\n  - name: size\n    type: array<Quantity>\n\
             objects:\n- name: Quantity\n  fields:\n  - name: '-'\n    type: string\n",
        )
        .unwrap();
        let outcomes = read_bare_values(&mut op);
        assert_eq!(
            outcomes,
            [
                Outcome::Scalar {
                    object: "Quantity".into(),
                    ty: "string".into()
                },
                Outcome::TextBody
            ]
        );
        assert!(op.objects.is_empty());
        let response = op.response.as_ref().unwrap();
        assert!(response.fields.is_empty());
        assert_eq!(response.media.as_deref(), Some("text/plain"));
        let types: Vec<&str> = op.responses[0].fields.iter().map(|f| f.ty.as_str()).collect();
        assert_eq!(types, ["map<string>", "array<string>"]);
    }
}
