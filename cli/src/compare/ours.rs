//! Our spec's operations flattened into members, each with the `file:line`
//! that says it.

use hwcloud_model::spec::SpecFile;
use hwcloud_model::spec::locate::{child, item};
use hwcloud_model::spec::schema::{Body, Field, OperationFile, ParamLocation};
use hwcloud_model::spec::types::TypeExpr;

use super::member::{Kind, MAX_DEPTH, Member, Place, join};

/// The members of one operation file: parameters, request body, success response.
pub fn members(file: &SpecFile<OperationFile>) -> Vec<Member> {
    let op = &file.value;
    let mut flattener = Flattener {
        file,
        members: Vec::new(),
    };
    for (index, parameter) in op.parameters.iter().enumerate() {
        let place = match parameter.location {
            Some(ParamLocation::Path) => Place::Path,
            Some(ParamLocation::Header) => Place::Header,
            _ => Place::Query,
        };
        let key = item("parameters", index);
        flattener.push(place, parameter.name.clone(), parameter, &key);
    }
    // A fixed query pair of the URI (`?action_id=export-schema`) is sent as well.
    let query = op.uri.split_once('?').map_or("", |(_, query)| query);
    for key in query
        .split('&')
        .filter_map(|pair| pair.split('=').next())
        .filter(|k| !k.is_empty())
    {
        flattener.members.push(Member {
            place: Place::Query,
            path: key.to_owned(),
            required: Some(true),
            kind: Kind::String,
            at: Some(format!(
                "{}:{}",
                file.path.display(),
                file.locations().key("uri").line
            )),
        });
    }
    if let Some(body) = &op.request_body {
        flattener.body(body, Place::Body, "request_body");
    }
    if let Some(body) = &op.response {
        flattener.body(body, Place::Response, "response");
    }
    flattener.members
}

struct Flattener<'f> {
    file: &'f SpecFile<OperationFile>,
    members: Vec<Member>,
}

impl Flattener<'_> {
    fn body(&mut self, body: &Body, place: Place, key: &str) {
        let key = child(key, "fields");
        self.fields(&body.fields, place, "", &key, 0, &mut Vec::new());
    }

    fn fields(
        &mut self,
        fields: &[Field],
        place: Place,
        prefix: &str,
        key: &str,
        depth: usize,
        visiting: &mut Vec<String>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        for (index, field) in fields.iter().enumerate() {
            let path = join(prefix, &field.name);
            let field_key = item(key, index);
            self.push(place, path.clone(), field, &field_key);
            let Ok(ty) = TypeExpr::parse(&field.ty) else {
                continue;
            };
            for name in ty.refs() {
                let found = self
                    .file
                    .value
                    .objects
                    .iter()
                    .enumerate()
                    .find(|(_, o)| o.name == name);
                let Some((at, object)) = found else {
                    continue;
                };
                if visiting.iter().any(|v| v == name) {
                    continue;
                }
                visiting.push(name.to_owned());
                let object_key = child(&item("objects", at), "fields");
                self.fields(&object.fields, place, &path, &object_key, depth + 1, visiting);
                visiting.pop();
            }
        }
    }

    fn push(&mut self, place: Place, path: String, field: &Field, key: &str) {
        let line = self.file.locations().key(key).line;
        self.members.push(Member {
            place,
            path,
            // An input without the flag is optional; a response field without it
            // is one the page says nothing about.
            required: match (field.required, place) {
                (_, Place::Path) => Some(true),
                (None, Place::Response) => None,
                (flag, _) => Some(flag.unwrap_or(false)),
            },
            kind: kind(&field.ty),
            at: Some(format!("{}:{line}", self.file.path.display())),
        });
    }
}

/// The kind of a spec type: `long` is an integer, an object table an object.
pub fn kind(ty: &str) -> Kind {
    match TypeExpr::parse(ty) {
        Ok(TypeExpr::String) => Kind::String,
        Ok(TypeExpr::Integer | TypeExpr::Long) => Kind::Integer,
        Ok(TypeExpr::Number) => Kind::Number,
        Ok(TypeExpr::Boolean) => Kind::Boolean,
        Ok(TypeExpr::TextOr(inner)) => kind(&inner.to_string()),
        Ok(TypeExpr::Array(_)) => Kind::Array,
        Ok(TypeExpr::Object | TypeExpr::Map(_) | TypeExpr::Ref(_)) => Kind::Object,
        Ok(TypeExpr::File) => Kind::File,
        Ok(TypeExpr::Any) | Err(_) => Kind::Other,
    }
}
