//! Response headers as the generated response can carry them: a header is one
//! scalar value, so one documented as an object or array travels as text (with
//! a note). Each said.

use hwcloud_model::spec::schema::OperationFile;
use hwcloud_model::spec::types::TypeExpr;

/// What was changed: a header made text.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    AsText { header: String, documented: String },
}

pub fn fit_response_headers(op: &mut OperationFile) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    for body in op.response.iter_mut().chain(op.responses.iter_mut()) {
        for header in &mut body.headers {
            if TypeExpr::parse(&header.ty).is_ok_and(|t| !t.is_scalar()) {
                let documented = std::mem::replace(&mut header.ty, "string".to_owned());
                header.note = Some(format!("Documented as `{documented}`; a header travels as text."));
                outcomes.push(Outcome::AsText {
                    header: header.name.clone(),
                    documented,
                });
            }
        }
    }
    outcomes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_scalars_and_array_bodies_keep_theirs() {
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: x\ntitle: {en: X}\nsources: []\nmethod: GET\nuri: /v1/x\n\
             response:\n  array: true\n  headers:\n  - name: X-Total\n    type: integer\n  fields:\n  - name: id\n    type: string\n\
             responses:\n- status: [201]\n  headers:\n  - name: X-Error\n    type: object\n",
        )
        .unwrap();
        let outcomes = fit_response_headers(&mut op);
        assert_eq!(
            outcomes,
            [Outcome::AsText {
                header: "X-Error".into(),
                documented: "object".into()
            }]
        );
        assert_eq!(op.response.unwrap().headers[0].name, "X-Total");
        assert_eq!(op.responses[0].headers[0].ty, "string");
    }
}
