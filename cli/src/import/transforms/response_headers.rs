//! Response headers as the generated response can carry them: a header is one
//! scalar value, so one documented as an object or array travels as text (with
//! a note); a JSON-array body has no struct to carry headers in, so its headers
//! are left out. Each said.

use hwcloud_model::spec::schema::OperationFile;
use hwcloud_model::spec::types::TypeExpr;

/// What was changed: a header made text, or the headers of an array body left out.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    AsText { header: String, documented: String },
    LeftOut { headers: Vec<String> },
}

pub fn fit_response_headers(op: &mut OperationFile) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    for body in op.response.iter_mut().chain(op.responses.iter_mut()) {
        if body.array && !body.headers.is_empty() {
            let headers = body.headers.drain(..).map(|h| h.name).collect();
            outcomes.push(Outcome::LeftOut { headers });
            continue;
        }
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
    fn headers_are_scalars_and_array_bodies_carry_none() {
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: x\ntitle: {en: X}\nsources: []\nmethod: GET\nuri: /v1/x\n\
             response:\n  array: true\n  headers:\n  - name: X-Total\n    type: integer\n  fields:\n  - name: id\n    type: string\n\
             responses:\n- status: [201]\n  headers:\n  - name: X-Error\n    type: object\n",
        )
        .unwrap();
        let outcomes = fit_response_headers(&mut op);
        assert_eq!(
            outcomes,
            [
                Outcome::LeftOut {
                    headers: vec!["X-Total".into()]
                },
                Outcome::AsText {
                    header: "X-Error".into(),
                    documented: "object".into()
                }
            ]
        );
        assert!(op.response.unwrap().headers.is_empty());
        assert_eq!(op.responses[0].headers[0].ty, "string");
    }
}
