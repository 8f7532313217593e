//! Constraints the table gave a field that its final type cannot carry: what
//! examples widened afterwards (a length on what became an integer), or what
//! contradicts itself, is dropped so the spec always validates.

use hwcloud_model::spec::schema::{Field, OperationFile};
use hwcloud_model::spec::types::TypeExpr;

/// Drops what does not fit the field's final type (a length read off an
/// integer's description) or contradicts itself, so the spec always validates.
pub fn fit(field: &mut Field) {
    let ty = TypeExpr::parse(&field.ty).unwrap_or(TypeExpr::Any);
    let has_length = matches!(ty, TypeExpr::String | TypeExpr::Array(_));
    let is_number = matches!(ty, TypeExpr::Integer | TypeExpr::Long | TypeExpr::Number);
    if !has_length || field.min_length.zip(field.max_length).is_some_and(|(a, b)| a > b) {
        (field.min_length, field.max_length) = (None, None);
    }
    let fits_i32 = |v: Option<i64>| v.is_none_or(|v| i32::try_from(v).is_ok());
    let fits_type = ty != TypeExpr::Integer || fits_i32(field.minimum) && fits_i32(field.maximum);
    if !is_number || !fits_type || field.minimum.zip(field.maximum).is_some_and(|(a, b)| a > b) {
        (field.minimum, field.maximum) = (None, None);
    }
}

/// [`fit`] on every field of an operation, after examples widened its types.
pub fn fit_operation(op: &mut OperationFile) {
    let bodies = op
        .request_body
        .iter_mut()
        .chain(op.response.iter_mut())
        .chain(op.responses.iter_mut());
    bodies
        .flat_map(|b| b.fields.iter_mut().chain(b.headers.iter_mut()))
        .chain(op.objects.iter_mut().flat_map(|o| o.fields.iter_mut()))
        .chain(op.parameters.iter_mut())
        .for_each(fit);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraints_that_do_not_fit_the_type_go() {
        let mut field = Field {
            min_length: Some(1),
            max_length: Some(36),
            minimum: Some(5),
            maximum: Some(1),
            ..Field::added("count", "integer", false, "")
        };
        fit(&mut field);
        assert_eq!(
            (field.min_length, field.max_length),
            (None, None),
            "no length on an integer"
        );
        assert_eq!(
            (field.minimum, field.maximum),
            (None, None),
            "a minimum over its maximum"
        );
        let mut name = Field {
            min_length: Some(1),
            max_length: Some(64),
            ..Field::added("name", "string", false, "")
        };
        fit(&mut name);
        assert_eq!((name.min_length, name.max_length), (Some(1), Some(64)));
    }
}
