//! A response table whose one row stands for the elements of the body
//! (`[数组元素]` | `Array of Repo objects`; `Array elements` in English pages)
//! documents a JSON-array body: the body becomes an array of that object, its
//! fields the object's (as when an example prints the body as an array, which
//! `reconcile` reads), for the request body as for the response. An array of
//! scalars cannot be a body in the spec yet: said.

use hwcloud_model::spec::schema::{Body, OperationFile};
use hwcloud_model::spec::types::TypeExpr;

use crate::import::lexicon::is_array_element_row;

/// What the transform did or could not do, for the findings.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The response body became an array; the rows that said so.
    Array(String),
    /// The request body became an array; the rows that said so.
    RequestArray(String),
    /// A request body documented as an array of scalars: kept as the page's field.
    ScalarRequestArray,
}

pub fn read_array_bodies(op: &mut OperationFile) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    if let Some(body) = op.response.as_mut().filter(|b| !b.array && only_element_rows(b)) {
        body.array = true;
        match elements_become_the_body(op, Which::Response) {
            Some(rows) => outcomes.push(Outcome::Array(rows.join(", "))),
            // Not an object's rows (`Array of strings`): the body stays as documented.
            None => op.response.as_mut().expect("checked").array = false,
        }
    }
    if let Some(body) = op
        .request_body
        .as_mut()
        .filter(|b| !b.array && only_element_rows(b))
    {
        body.array = true;
        match elements_become_the_body(op, Which::Request) {
            Some(rows) => outcomes.push(Outcome::RequestArray(rows.join(", "))),
            None => {
                op.request_body.as_mut().expect("checked").array = false;
                outcomes.push(Outcome::ScalarRequestArray);
            }
        }
    }
    outcomes
}

/// The request body or the (success) response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Request,
    Response,
}

/// Whether every row of a body stands for its elements (one per language).
pub fn only_element_rows(body: &Body) -> bool {
    !body.fields.is_empty() && body.fields.iter().all(|f| is_array_element_row(&f.name))
}

/// The body, an array whose rows are each `Array of X` (one per language),
/// takes the fields of X, and the element tables go unless a field
/// still names one; the rows, or `None` when the rows are not all object arrays.
pub fn elements_become_the_body(operation: &mut OperationFile, which: Which) -> Option<Vec<String>> {
    let body = match which {
        Which::Request => operation.request_body.as_mut()?,
        Which::Response => operation.response.as_mut()?,
    };
    let element_tables: Vec<String> = body
        .fields
        .iter()
        .filter_map(|f| match TypeExpr::parse(&f.ty) {
            Ok(TypeExpr::Array(inner)) => match *inner {
                TypeExpr::Ref(name) => Some(name),
                _ => None,
            },
            _ => None,
        })
        .collect();
    if element_tables.is_empty() || element_tables.len() != body.fields.len() {
        return None;
    }
    let rows: Vec<String> = body.fields.iter().map(|f| format!("`{}`", f.name)).collect();
    let mut fields = operation
        .objects
        .iter()
        .find(|o| o.name == element_tables[0])?
        .fields
        .clone();
    // The other language's row names its own table of the same fields.
    for other in operation
        .objects
        .iter()
        .filter(|o| element_tables[1..].contains(&o.name))
    {
        for field in &mut fields {
            if let Some(same) = other.fields.iter().find(|f| f.name == field.name) {
                field.description.en = field.description.en.take().or(same.description.en.clone());
                field.description.zh = field.description.zh.take().or(same.description.zh.clone());
            }
        }
    }
    body.fields = fields;
    // The element tables go, unless a field elsewhere still names one.
    let named: Vec<String> = body
        .fields
        .iter()
        .chain(operation.objects.iter().flat_map(|o| &o.fields))
        .map(|f| f.ty.clone())
        .collect();
    operation.objects.retain(|o| {
        !element_tables.contains(&o.name)
            || named
                .iter()
                .any(|ty| TypeExpr::parse(ty).is_ok_and(|t| t.refs().contains(&o.name.as_str())))
    });
    Some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_element_row_makes_the_response_an_array_of_its_object() {
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: list_repos\ntitle: {zh: 查询}\nsources: []\nmethod: GET\nuri: /v2/repos\n\
             response:\n  fields:\n  - name: '[数组元素]'\n    type: array<Repo>\n\
             objects:\n- name: Repo\n  fields:\n  - name: name\n    type: string\n",
        )
        .unwrap();
        assert_eq!(
            read_array_bodies(&mut op),
            [Outcome::Array("`[数组元素]`".into())]
        );
        let body = op.response.as_ref().unwrap();
        assert!(body.array);
        assert_eq!(body.fields[0].name, "name");
        assert!(op.objects.is_empty(), "the element table is the body now");
        // Two rows: a body with a field of that name, not an array.
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: x\ntitle: {zh: x}\nsources: []\nmethod: GET\nuri: /v2/x\n\
             response:\n  fields:\n  - name: Array elements\n    type: array<string>\n  - name: total\n    type: integer\n",
        )
        .unwrap();
        assert!(read_array_bodies(&mut op).is_empty());
        // A request body so documented is an array body too.
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: create_auths\ntitle: {zh: 创建}\nsources: []\nmethod: POST\nuri: /v2/auths\n\
             request_body:\n  fields:\n  - name: '[数组元素]'\n    required: true\n    type: array<UserAuth>\n\
             objects:\n- name: UserAuth\n  fields:\n  - name: user_id\n    type: string\n",
        )
        .unwrap();
        assert_eq!(
            read_array_bodies(&mut op),
            [Outcome::RequestArray("`[数组元素]`".into())]
        );
        let body = op.request_body.as_ref().unwrap();
        assert!(body.array);
        assert_eq!(body.fields[0].name, "user_id");
    }
}
