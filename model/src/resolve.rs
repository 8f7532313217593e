//! Validation that produces the model: each operation file is checked and
//! turned into its [`Operation`] in one pass, every URI and type parsed once,
//! every Rust name taken from [`names`] and claimed in the scope
//! it will live in. Every problem becomes one located diagnostic. What an
//! operation shares with its service is checked in [`service`](crate::service).

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::Diagnostics;
use crate::graph::TableGraph;
use crate::media;
use crate::model::{
    Constraints, Deprecation, Example, Location, Media, Member, MemberDocs, Object, Operation, PathPiece,
    Plane, SourcePage, StatusBody, SuccessVariant, Type,
};
use crate::names::{self, OperationNames, Scope};
use crate::paths;
use crate::spec::SpecFile;
use crate::spec::locate::{child, item};
use crate::spec::schema::{
    self, ExampleFormat, ExampleKind, Field, HTTP_STATUSES, Lang, OperationFile, ParamLocation,
};
use crate::spec::types::{TypeExpr, is_type_name};
use crate::spec::uri::{Piece, UriTemplate};

/// One operation file, checked and modelled as it is generated: paginated,
/// on its plane.
pub(crate) fn modelled_operation(
    file: &SpecFile<OperationFile>,
    planes: &[Plane],
    out: &mut Diagnostics,
) -> Option<Operation> {
    let mut op = operation(file, out)?;
    op.pagination = paths::pagination(file, &op, out);
    op.plane = planes.iter().find(|p| op.uri.starts_with(&p.uri_prefix)).cloned();
    Some(op)
}

/// What an operation puts in its service module: its module and re-exported types.
pub(crate) fn exported(op: &OperationFile, names: &OperationNames) -> Vec<(String, &'static str)> {
    let mut exported = vec![
        (names.module.clone(), "the module"),
        (names.request.clone(), "the request type"),
        (names.builder.clone(), "the builder type"),
        (names.response.clone(), "the response type"),
    ];
    if op.request_body.is_some() {
        exported.push((names.body.clone(), "the body type"));
    }
    if op.request_body.as_ref().is_some_and(|b| b.array) {
        exported.push((names.request_item.clone(), "the request item type"));
    }
    if op.response.as_ref().is_some_and(|b| b.array) {
        exported.push((names.response_item.clone(), "the response item type"));
    }
    exported
}

/// One operation file: checked, and its model when it is usable at all.
fn operation(file: &SpecFile<OperationFile>, out: &mut Diagnostics) -> Option<Operation> {
    let op = &file.value;
    let id_ok = names::is_snake_identifier(&op.operation);
    if !id_ok {
        out.push(file.error_at("operation", "the operation id must be snake_case ASCII"));
    }
    if op.title.is_empty() {
        out.push(file.error_at_key("title", "an operation needs a title"));
    }
    if op.sources.is_empty() {
        out.push(file.error_at_key("sources", "name at least one source page"));
    }
    let names = OperationNames::of(&op.operation);
    let scope_name = format!("module `{}`", names.module);
    let mut scope: Scope = Scope::reserving(&scope_name, names::PRELUDE_TYPES, "a standard type");
    for (name, role) in exported(op, &names).into_iter().skip(1) {
        let _ = scope.claim(&name, role);
    }
    let tables = object_tables(file, &mut scope, out);
    let nesting_ok = check_nesting(file, &op.objects, out);
    let template = match UriTemplate::parse(&op.uri) {
        Ok(template) => Some(template),
        Err(message) => {
            out.push(file.error_at("uri", message));
            None
        }
    };
    let mut resolver = Resolver {
        file,
        tables: &tables,
        out,
    };
    let params = resolver.parameters(template.as_ref());
    let (body, element) = match &op.request_body {
        Some(body) if body.array => {
            let (items, element) = resolver.array_request_body(body, &params, &names);
            (Some(items), Some(element))
        }
        Some(body) => (Some(resolver.request_body(body, &params)), None),
        None => (None, None),
    };
    let request_media = media::request(file, resolver.out);
    media::misplaced_files(file, resolver.out);
    // A raw body is its bytes: there is always one to send.
    let body = match (&request_media, body) {
        (Some(Media::Raw(_)), Some(fields)) => Some(
            fields
                .into_iter()
                .map(|m| Member { required: true, ..m })
                .collect(),
        ),
        (_, body) => body,
    };
    let response = op
        .response
        .as_ref()
        .map(|b| resolver.fields("response.fields", &b.fields, true))
        .unwrap_or_default();
    resolver.other_bodies(op);
    let response_headers = op
        .response
        .as_ref()
        .map(|b| resolver.response_headers(b, &response))
        .unwrap_or_default();
    let response_media = media::response(file, resolver.out);
    let success_variants = resolver.success_variants(&names, &response, &mut scope);
    // A body of bytes: `body` holds them; `content_type` is its header's.
    let response_headers = match &response_media {
        Some(_) => resolver.bytes_response_headers(response_headers),
        None => response_headers,
    };
    let objects: Vec<(String, schema::Text, Vec<Member>)> = op
        .objects
        .iter()
        .enumerate()
        .map(|(i, table)| {
            let path = child(&item("objects", i), "fields");
            let fields = resolver.fields(&path, &table.fields, true);
            (table.name.clone(), table.caption.clone(), fields)
        })
        .chain(element)
        .collect();
    let inputs: Vec<&Member> = params.iter().chain(body.iter().flatten()).collect();
    resolver.builder_names(&inputs, &mut scope);
    let statuses = status_codes(file, out);
    let examples = examples(file, &op.examples, out);
    doc_tables(file, &op.tables, out);
    clouds(file, "clouds", &op.clouds, out);
    let template = template?;
    // Deeper tables are not modelled: later walks (shared types) need not bound them.
    if !id_ok || !nesting_ok {
        return None;
    }
    let path = path_pieces(&template, &params)?;
    let (objects, body, response) = box_recursive(objects, body, response);
    Some(Operation {
        id: op.operation.clone(),
        names,
        title: op.title.clone(),
        summary: op.summary.clone(),
        sources: op.sources.iter().map(source_page).collect(),
        api_version: op.api_version.clone(),
        deprecated: op.deprecated.as_ref().map(|d| Deprecation {
            replacement: d.replacement.as_deref().map(OperationNames::of),
            note: d.note.clone(),
        }),
        clouds: op.clouds.clone(),
        method: op.method,
        uri: op.uri.clone(),
        uri_shape: template.shape(),
        path,
        fixed_query: template.fixed_query,
        params,
        body,
        response,
        response_headers,
        response_is_array: op.response.as_ref().is_some_and(|b| b.array),
        body_is_array: op.request_body.as_ref().is_some_and(|b| b.array),
        request_media,
        response_media,
        objects,
        shared: Vec::new(),
        plane: None,
        success_statuses: op.response.as_ref().map(|b| b.status.clone()).unwrap_or_default(),
        success_variants,
        status_bodies: op
            .responses
            .iter()
            .map(|b| StatusBody {
                statuses: b.status.clone(),
                fields: b.fields.iter().map(|f| f.name.clone()).collect(),
            })
            .collect(),
        status_codes: statuses,
        examples,
        tables: op.tables.clone(),
        pagination: None,
    })
}

/// Cloud ids of a `clouds` list: known (`CLOUDS`), each once.
pub(crate) fn clouds<T>(file: &SpecFile<T>, path: &str, clouds: &[String], out: &mut Diagnostics) {
    for (i, cloud) in clouds.iter().enumerate() {
        if !schema::CLOUDS.contains(&cloud.as_str()) {
            out.push(file.error_at(
                &item(path, i),
                format!("unknown cloud `{cloud}`; known: {}", schema::CLOUDS.join(", ")),
            ));
        } else if clouds[..i].contains(cloud) {
            out.push(file.error_at(&item(path, i), format!("cloud `{cloud}` is listed twice")));
        }
    }
}

fn source_page(source: &schema::Source) -> SourcePage {
    SourcePage {
        page: source.page.clone(),
        lang: match source.lang {
            Lang::En => "en",
            Lang::Zh => "zh",
        },
    }
}

/// Object table names: valid, distinct, and free in the operation's module.
fn object_tables(
    file: &SpecFile<OperationFile>,
    scope: &mut Scope<'_>,
    out: &mut Diagnostics,
) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (i, table) in file.value.objects.iter().enumerate() {
        let path = child(&item("objects", i), "name");
        if !is_type_name(&table.name) {
            out.push(file.error_at(
                &path,
                format!("object table name `{}` must be UpperCamelCase ASCII", table.name),
            ));
        } else if names.contains(&table.name) {
            out.push(file.error_at(&path, format!("object table `{}` is defined twice", table.name)));
        } else {
            if let Err(message) = scope.claim(&table.name, format!("object table `{}`", table.name)) {
                out.push(file.error_at(&path, message));
            }
            names.insert(table.name.clone());
        }
    }
    names
}

fn path_pieces(template: &UriTemplate, params: &[Member]) -> Option<Vec<PathPiece>> {
    template
        .path
        .iter()
        .map(|piece| match piece {
            Piece::Literal(text) => Some(PathPiece::Literal(text.clone())),
            Piece::Placeholder(name) => params
                .iter()
                .position(|p| p.location == Some(Location::Path) && &p.wire == name)
                .map(PathPiece::Param),
        })
        .collect()
}

fn status_codes(file: &SpecFile<OperationFile>, out: &mut Diagnostics) -> Vec<(u16, schema::Text)> {
    let mut statuses = BTreeSet::new();
    for (i, status) in file.value.status_codes.iter().enumerate() {
        if !HTTP_STATUSES.contains(&status.status) || !statuses.insert(status.status) {
            out.push(file.error_at(
                &child(&item("status_codes", i), "status"),
                format!("{} is not a distinct HTTP status", status.status),
            ));
        }
    }
    file.value
        .status_codes
        .iter()
        .map(|s| (s.status, s.description.clone()))
        .collect()
}

/// Checks rows of one operation file and turns them into members.
struct Resolver<'f, 'o> {
    file: &'f SpecFile<OperationFile>,
    tables: &'f BTreeSet<String>,
    out: &'o mut Diagnostics,
}

impl Resolver<'_, '_> {
    fn parameters(&mut self, template: Option<&UriTemplate>) -> Vec<Member> {
        let file = self.file;
        let placeholders: BTreeSet<&str> = template.iter().flat_map(|t| t.placeholders()).collect();
        let mut path_params = BTreeSet::new();
        let mut wire_names = BTreeSet::new();
        let mut fields: Scope = Scope::new("the request struct");
        let mut params = Vec::new();
        let mut body_row = None;
        for (i, param) in file.value.parameters.iter().enumerate() {
            let path = item("parameters", i);
            let Some(location) = param.location else {
                self.out.push(file.error_at_key(
                    &path,
                    format!(
                        "parameter `{}` needs `in: path`, `in: query` or `in: header`",
                        param.name
                    ),
                ));
                continue;
            };
            if !wire_names.insert((location, param.name.as_str())) {
                self.out.push(file.error_at(
                    &child(&path, "name"),
                    format!("parameter `{}` is listed twice", param.name),
                ));
                continue;
            }
            if location == ParamLocation::Path {
                path_params.insert(param.name.as_str());
                self.path_param(
                    &path,
                    param,
                    template.is_some() && !placeholders.contains(param.name.as_str()),
                );
            }
            if let Some(member) = self.member(&path, param, &mut fields, false) {
                if member.rust == names::BODY_FIELD {
                    body_row = Some(i);
                }
                params.push(member);
            }
        }
        for placeholder in &placeholders {
            if !path_params.contains(placeholder) {
                self.out.push(file.error_at(
                    "uri",
                    format!("placeholder `{{{placeholder}}}` has no `in: path` parameter"),
                ));
            }
        }
        if self.file.value.request_body.is_some()
            && let Some(i) = body_row
        {
            self.out.push(file.error_at(
                &child(&item("parameters", i), "name"),
                format!(
                    "parameter `{}` becomes field `body`, which the JSON body already is in the request struct",
                    file.value.parameters[i].name
                ),
            ));
        }
        params
    }

    fn path_param(&mut self, path: &str, param: &Field, no_placeholder: bool) {
        let file = self.file;
        if no_placeholder {
            self.out.push(file.error_at(
                &child(path, "name"),
                format!(
                    "path parameter `{}` has no `{{{}}}` placeholder in the URI",
                    param.name, param.name
                ),
            ));
        }
        if param.required == Some(false) {
            self.out.push(
                file.error_at(&child(path, "required"), format!("path parameter `{}` cannot be optional", param.name))
                    .with_help("a URI segment cannot be left out; set `required: true` and record the page's claim in `note`"),
            );
        }
    }

    /// What the generated code does not type yet but `check` holds to the same
    /// rules: statuses, response headers, and the bodies of the other statuses.
    fn other_bodies(&mut self, op: &schema::OperationFile) {
        let file = self.file;
        if let Some(body) = &op.request_body {
            if !body.status.is_empty() {
                self.out
                    .push(file.error_at("request_body.status", "a request body has no status"));
            }
            if !body.headers.is_empty() {
                self.out.push(file.error_at(
                    "request_body.headers",
                    "request headers are parameters with `in: header`",
                ));
            }
        }
        let bodies = op.response.iter().map(|b| ("response".to_owned(), b)).chain(
            op.responses
                .iter()
                .enumerate()
                .map(|(i, b)| (item("responses", i), b)),
        );
        let mut seen = BTreeSet::new();
        for (path, body) in bodies {
            for (i, status) in body.status.iter().enumerate() {
                let at = item(&child(&path, "status"), i);
                if !HTTP_STATUSES.contains(status) {
                    self.out
                        .push(file.error_at(&at, format!("{status} is not an HTTP status")));
                } else if !seen.insert(*status) {
                    self.out
                        .push(file.error_at(&at, format!("status {status} has two bodies")));
                }
            }
            if path != "response" {
                if body.status.is_empty() {
                    self.out
                        .push(file.error_at(&path, "each of `responses` names its statuses"));
                }
                self.fields(&child(&path, "fields"), &body.fields, true);
            }
            let headers_path = child(&path, "headers");
            for (i, header) in self.fields(&headers_path, &body.headers, true).iter().enumerate() {
                if !matches!(
                    header.ty,
                    Type::String | Type::I32 | Type::I64 | Type::F64 | Type::Bool
                ) {
                    self.out.push(file.error_at(
                        &child(&item(&headers_path, i), "type"),
                        "a response header is one scalar value",
                    ));
                }
            }
        }
    }

    /// Every success body, the main one first, when a page documents a 2xx
    /// body with other fields than the main one's; none otherwise (a 2xx body
    /// with the same fields reads into the main type). Arrays and bytes keep
    /// one type.
    fn success_variants(
        &mut self,
        names: &OperationNames,
        main: &[Member],
        scope: &mut Scope<'_>,
    ) -> Vec<SuccessVariant> {
        let op = &self.file.value;
        let Some(response) = op.response.as_ref().filter(|b| !b.array && b.media.is_none()) else {
            return Vec::new();
        };
        let others = op.other_success_bodies();
        if others.is_empty() {
            return Vec::new();
        }
        let variant = |statuses: &[u16], fields: Vec<Member>| {
            let variant = names::success_variant(statuses.first().copied());
            SuccessVariant {
                statuses: statuses.to_vec(),
                type_name: names.success_struct(&variant),
                variant,
                fields,
            }
        };
        let mut variants = vec![variant(&response.status, main.to_vec())];
        // `other_bodies` reported these tables' problems already.
        let reported = std::mem::take(self.out);
        for (i, body) in others {
            let fields = self.fields(&child(&item("responses", i), "fields"), &body.fields, true);
            variants.push(variant(&body.status, fields));
        }
        *self.out = reported;
        for variant in &variants {
            if let Err(message) = scope.claim(&variant.type_name, "the struct of a success body") {
                self.out.push(self.file.error_at("response", message));
            }
        }
        variants
    }

    /// The success response's headers, as fields beside the body's: their Rust
    /// names share the response struct with the body fields (with a JSON
    /// array's `items`).
    fn response_headers(&mut self, body: &schema::Body, fields: &[Member]) -> Vec<Member> {
        let file = self.file;
        let headers = self.fields("response.headers", &body.headers, true);
        for (i, header) in body.headers.iter().enumerate() {
            let rust = names::snake(&header.name);
            // A JSON array travels as the `items` of a struct that has the headers.
            if body.array && rust == names::ITEMS_FIELD {
                self.out.push(file.error_at(
                    &child(&item("response.headers", i), "name"),
                    format!(
                        "header `{}` becomes `items`, which the array's elements are",
                        header.name
                    ),
                ));
            }
            if !body.array && fields.iter().any(|f| f.rust == rust) {
                self.out.push(file.error_at(
                    &child(&item("response.headers", i), "name"),
                    format!(
                        "header `{}` and a body field both become `{rust}` in the response struct",
                        header.name
                    ),
                ));
            }
        }
        let clashes = |h: &Member| match body.array {
            true => h.rust == names::ITEMS_FIELD,
            false => fields.iter().any(|f| f.rust == h.rust),
        };
        headers
            .into_iter()
            .filter(|h| !clashes(h))
            .map(|h| Member { required: false, ..h })
            .collect()
    }

    /// The headers of a response of bytes: none may be called `body`, the
    /// bytes; `Content-Type` is the struct's `content_type`.
    fn bytes_response_headers(&mut self, headers: Vec<Member>) -> Vec<Member> {
        let mut kept = Vec::new();
        for header in headers {
            if header.rust == names::BYTES_FIELD {
                let at = self.header_path(&header.wire);
                self.out.push(self.file.error_at(
                    &at,
                    format!(
                        "header `{}` becomes `body`, which the response's bytes are",
                        header.wire
                    ),
                ));
            } else if header.rust != names::CONTENT_TYPE_FIELD {
                kept.push(header);
            }
        }
        kept
    }

    fn header_path(&self, wire: &str) -> String {
        let headers = self
            .file
            .value
            .response
            .as_ref()
            .map_or(&[][..], |b| b.headers.as_slice());
        let index = headers.iter().position(|h| h.name == wire).unwrap_or(0);
        child(&item("response.headers", index), "name")
    }

    fn request_body(&mut self, body: &schema::Body, params: &[Member]) -> Vec<Member> {
        let file = self.file;
        if body.fields.is_empty() {
            self.out.push(file.error_at(
                "request_body.fields",
                "a request body needs fields; omit `request_body` for none",
            ));
        }
        let mut fields = self.fields("request_body.fields", &body.fields, false);
        for field in &mut fields {
            if params.iter().any(|p| p.rust == field.rust) {
                field.setter = names::body_setter(&field.rust);
                field.state = names::state_param(&field.setter);
                field.marker = names::marker_trait(&field.setter);
            }
        }
        fields
    }

    /// A JSON-array request body: its fields are those of each element, an
    /// object of their own (`CreateTagsRequestItem`); the body struct has one
    /// field, the elements (`items`), and serializes as the bare array.
    fn array_request_body(
        &mut self,
        body: &schema::Body,
        params: &[Member],
        names: &OperationNames,
    ) -> (Vec<Member>, (String, schema::Text, Vec<Member>)) {
        if body.fields.is_empty() {
            self.out.push(self.file.error_at(
                "request_body.fields",
                "an array request body needs the fields of its elements",
            ));
        }
        let element = self.fields("request_body.fields", &body.fields, true);
        let rust = names::ITEMS_FIELD.to_owned();
        let setter = if params.iter().any(|p| p.rust == rust) {
            names::body_setter(&rust)
        } else {
            rust.clone()
        };
        let items = Member {
            wire: rust.clone(),
            state: names::state_param(&setter),
            marker: names::marker_trait(&setter),
            setter,
            rust,
            location: None,
            required: true,
            ty: Type::Vec(Box::new(Type::Object(names.request_item.clone()))),
            constraints: Constraints::default(),
            docs: MemberDocs {
                description: schema::Text {
                    en: Some("The elements of the JSON array the request sends.".to_owned()),
                    zh: None,
                },
                documented_required: Some(true),
                ..MemberDocs::default()
            },
        };
        (
            vec![items],
            (names.request_item.clone(), body.caption.clone(), element),
        )
    }

    /// A table of struct fields: `is_output` tables keep undocumented keys.
    fn fields(&mut self, table_path: &str, rows: &[Field], is_output: bool) -> Vec<Member> {
        let mut wire = BTreeSet::new();
        let what = format!("the struct of `{table_path}`");
        let reserved: &[&str] = if is_output {
            &[names::UNDOCUMENTED_FIELD]
        } else {
            &[]
        };
        let mut scope: Scope = Scope::reserving(&what, reserved, "the map of undocumented keys");
        let mut members = Vec::new();
        for (i, field) in rows.iter().enumerate() {
            let path = item(table_path, i);
            if field.location.is_some() {
                self.out.push(self.file.error_at(
                    &child(&path, "in"),
                    "`in` belongs to parameters, not to body fields",
                ));
            }
            if !wire.insert(field.name.as_str()) {
                self.out.push(self.file.error_at(
                    &child(&path, "name"),
                    format!("field `{}` is listed twice", field.name),
                ));
                continue;
            }
            if let Some(member) = self.member(&path, field, &mut scope, true) {
                members.push(member);
            }
        }
        members
    }

    /// One row: its Rust name claimed in `scope`, its type parsed and resolved.
    fn member(&mut self, path: &str, field: &Field, scope: &mut Scope<'_>, is_field: bool) -> Option<Member> {
        let file = self.file;
        clouds(file, &child(path, "clouds"), &field.clouds, self.out);
        let rust = names::snake(&field.name);
        let kind = if is_field { "field" } else { "parameter" };
        let named = if !names::is_identifier(&rust) {
            Err(format!("{kind} `{}` gives no Rust name", field.name))
        } else {
            scope.claim(&rust, format!("{kind} `{}`", field.name))
        };
        if let Err(message) = &named {
            self.out
                .push(file.error_at(&child(path, "name"), message.clone()));
        }
        let ty = self.type_of(path, field)?;
        if let Some(location) = field.location
            && !ty.fits(location)
        {
            let place = format!("{location:?}").to_lowercase();
            self.out.push(file.error_at(
                &child(path, "type"),
                format!(
                    "a {place} parameter must be a scalar (or, in a query, an array of scalars), not `{ty}`"
                ),
            ));
        }
        named.ok()?;
        let location = field.location.map(|l| match l {
            ParamLocation::Path => Location::Path,
            ParamLocation::Query => Location::Query,
            ParamLocation::Header => Location::Header,
        });
        Some(Member {
            wire: field.name.clone(),
            setter: rust.clone(),
            state: names::state_param(&rust),
            marker: names::marker_trait(&rust),
            rust,
            // Path parameters are required whatever the page says; validation insists.
            required: field.required == Some(true) || location == Some(Location::Path),
            location,
            constraints: self.constraints(path, field, &ty),
            ty: rust_type(&ty),
            docs: MemberDocs {
                description: field.description.clone(),
                documented_required: field.required,
                doc_type: field.doc_type.clone(),
                default: field.default.clone(),
                range: field.range.clone(),
                values: field.values.clone(),
                note: field.note.clone(),
                clouds: field.clouds.clone(),
            },
        })
    }

    /// The field's constraints, where they fit its type; each misfit is an error.
    fn constraints(&mut self, path: &str, field: &Field, ty: &TypeExpr) -> Constraints {
        let constraints = Constraints {
            min_length: field.min_length,
            max_length: field.max_length,
            minimum: field.minimum,
            maximum: field.maximum,
        };
        let has_length = matches!(ty, TypeExpr::String | TypeExpr::Array(_));
        let is_number = matches!(ty, TypeExpr::Integer | TypeExpr::Long | TypeExpr::Number);
        let misfits = [
            ("min_length", constraints.min_length.is_some() && !has_length),
            ("max_length", constraints.max_length.is_some() && !has_length),
            ("minimum", constraints.minimum.is_some() && !is_number),
            ("maximum", constraints.maximum.is_some() && !is_number),
        ];
        for (key, misfit) in misfits {
            if misfit {
                let fits = if key.ends_with("length") {
                    "a string or an array"
                } else {
                    "a number"
                };
                self.out.push(self.file.error_at(
                    &child(path, key),
                    format!("`{key}` constrains {fits}, not `{ty}`"),
                ));
            }
        }
        let outside_i32 = |v: Option<i64>| v.is_some_and(|v| i32::try_from(v).is_err());
        if *ty == TypeExpr::Integer {
            for (key, value) in [("minimum", constraints.minimum), ("maximum", constraints.maximum)] {
                if outside_i32(value) {
                    self.out.push(self.file.error_at(
                        &child(path, key),
                        format!("`{key}` is outside an integer's range; use `long`"),
                    ));
                }
            }
        }
        let inverted = [
            (
                "max_length",
                constraints
                    .min_length
                    .zip(constraints.max_length)
                    .is_some_and(|(a, b)| a > b),
            ),
            (
                "maximum",
                constraints
                    .minimum
                    .zip(constraints.maximum)
                    .is_some_and(|(a, b)| a > b),
            ),
        ];
        for (key, inverted) in inverted {
            if inverted {
                self.out.push(
                    self.file
                        .error_at(&child(path, key), format!("`{key}` is below its minimum")),
                );
            }
        }
        constraints
    }

    fn type_of(&mut self, path: &str, field: &Field) -> Option<TypeExpr> {
        let type_path = child(path, "type");
        let ty = match TypeExpr::parse(&field.ty) {
            Ok(ty) => ty,
            Err(message) => {
                self.out.push(self.file.error_at(&type_path, message));
                return None;
            }
        };
        let mut resolved = true;
        for name in ty.refs() {
            if !self.tables.contains(name) {
                resolved = false;
                let known: Vec<&str> = self.tables.iter().map(String::as_str).collect();
                let help = if known.is_empty() {
                    "this operation defines no object tables (`objects:`)".to_owned()
                } else {
                    format!("object tables here: {}", known.join(", "))
                };
                self.out.push(
                    self.file
                        .error_at(
                            &type_path,
                            format!(
                                "type `{}` refers to object table `{name}`, which is not defined",
                                field.ty
                            ),
                        )
                        .with_help(help),
                );
            }
        }
        resolved.then_some(ty)
    }

    /// Builder methods, type parameters and marker traits of every input.
    fn builder_names(&mut self, inputs: &[&Member], scope: &mut Scope<'_>) {
        let builder = format!("the builder of `{}`", self.file.value.operation);
        let mut setters: Scope =
            Scope::reserving(&builder, &[names::BUILD_METHOD], "the method that finishes it");
        for member in inputs {
            let role = match member.location {
                Some(_) => format!("parameter `{}`", member.wire),
                None => format!("body field `{}`", member.wire),
            };
            let mut claims = vec![setters.claim(&member.setter, format!("the setter of {role}"))];
            if member.required {
                claims.push(scope.claim(&member.state, format!("the type parameter of {role}")));
                claims.push(scope.claim(&member.marker, format!("the marker trait of {role}")));
            }
            for message in claims.into_iter().filter_map(Result::err) {
                self.out
                    .push(self.file.error_at(&self.input_path(member), message));
            }
        }
    }

    /// Where an input's row is, for messages about it.
    fn input_path(&self, member: &Member) -> String {
        let op = &self.file.value;
        let in_params = member.location.is_some();
        let rows = if in_params {
            op.parameters.as_slice()
        } else {
            op.request_body.as_ref().map_or(&[][..], |b| b.fields.as_slice())
        };
        let location = |f: &Field| match f.location {
            Some(ParamLocation::Path) => Some(Location::Path),
            Some(ParamLocation::Query) => Some(Location::Query),
            Some(ParamLocation::Header) => Some(Location::Header),
            None => None,
        };
        let index = rows
            .iter()
            .position(|f| f.name == member.wire && location(f) == member.location)
            .unwrap_or(0);
        let table = if in_params {
            "parameters"
        } else {
            "request_body.fields"
        };
        child(&item(table, index), "name")
    }
}

fn rust_type(ty: &TypeExpr) -> Type {
    match ty {
        TypeExpr::String => Type::String,
        TypeExpr::Integer => Type::I32,
        TypeExpr::Long => Type::I64,
        TypeExpr::Number => Type::F64,
        TypeExpr::Boolean => Type::Bool,
        TypeExpr::Object => Type::JsonObject,
        TypeExpr::Any => Type::Json,
        TypeExpr::File => Type::Upload,
        TypeExpr::Array(inner) => Type::Vec(Box::new(rust_type(inner))),
        TypeExpr::Map(inner) => Type::Map(Box::new(rust_type(inner))),
        TypeExpr::TextOr(inner) => Type::TextOr(Box::new(rust_type(inner))),
        TypeExpr::Ref(name) => Type::Object(name.clone()),
    }
}

type Tables = Vec<(String, schema::Text, Vec<Member>)>;

/// Objects with reachability marked, and fields that would make a type contain
/// itself (`parent: Node` inside `Node`, or through other tables held by value)
/// boxed so that it has a size. Linear in the tables: a field is boxed when the
/// table it holds is in its own table's strongly connected component.
fn box_recursive(
    tables: Tables,
    body: Option<Vec<Member>>,
    response: Vec<Member>,
) -> (Vec<Object>, Option<Vec<Member>>, Vec<Member>) {
    let index: BTreeMap<&str, usize> = tables
        .iter()
        .enumerate()
        .map(|(i, (name, _, _))| (name.as_str(), i))
        .collect();
    let direct = TableGraph::new(
        tables
            .iter()
            .map(|(_, _, fields)| {
                fields
                    .iter()
                    .filter_map(|f| index.get(direct_ref(&f.ty)?).copied())
                    .collect()
            })
            .collect(),
    );
    let component = direct.components();
    let boxed: Vec<Vec<bool>> = tables
        .iter()
        .enumerate()
        .map(|(owner, (_, _, fields))| {
            let on_cycle = |target: &usize| *target == owner || component[*target] == component[owner];
            fields
                .iter()
                .map(|f| {
                    direct_ref(&f.ty)
                        .and_then(|target| index.get(target))
                        .is_some_and(on_cycle)
                })
                .collect()
        })
        .collect();
    let all = all_refs(&tables, &index);
    let in_request = reachable(body.iter().flatten(), &index, &all);
    let in_response = reachable(response.iter(), &index, &all);
    drop(index);
    let objects = tables
        .into_iter()
        .zip(boxed)
        .enumerate()
        .map(|(i, ((name, caption, mut fields), boxed))| {
            for (field, boxed) in fields.iter_mut().zip(boxed) {
                if boxed {
                    field.ty = Type::Boxed(Box::new(field.ty.clone()));
                }
            }
            Object {
                in_request: in_request[i],
                in_response: in_response[i],
                name,
                caption,
                fields,
            }
        })
        .collect();
    (objects, body, response)
}

/// The object a field holds by value (not inside an array or map).
fn direct_ref(ty: &Type) -> Option<&str> {
    match ty {
        Type::Object(name) => Some(name),
        _ => None,
    }
}

/// Each table's references to tables, by value or inside arrays and maps.
fn all_refs(tables: &Tables, index: &BTreeMap<&str, usize>) -> Vec<Vec<usize>> {
    tables
        .iter()
        .map(|(_, _, fields)| {
            fields
                .iter()
                .flat_map(|f| f.ty.object_names())
                .filter_map(|name| index.get(name).copied())
                .collect()
        })
        .collect()
}

/// Which tables are reachable from `roots`, following nested references.
fn reachable<'a>(
    roots: impl Iterator<Item = &'a Member>,
    index: &BTreeMap<&str, usize>,
    refs: &[Vec<usize>],
) -> Vec<bool> {
    let mut seen = vec![false; refs.len()];
    let mut pending: Vec<usize> = roots
        .flat_map(|m| m.ty.object_names())
        .filter_map(|name| index.get(name).copied())
        .collect();
    while let Some(table) = pending.pop() {
        if !std::mem::replace(&mut seen[table], true) {
            pending.extend(&refs[table]);
        }
    }
    seen
}

/// Object tables nested deeper than [`MAX_NESTING`] (a chain of tables, each a
/// field of the one before): the compiler's own recursion stops before a few
/// hundred, so such a spec is refused here, at the table that starts the chain.
fn check_nesting<T>(file: &SpecFile<T>, tables: &[schema::ObjectTable], out: &mut Diagnostics) -> bool {
    let index: BTreeMap<&str, usize> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    let refs: Vec<Vec<usize>> = tables
        .iter()
        .map(|table| {
            table
                .fields
                .iter()
                .filter_map(|f| TypeExpr::parse(&f.ty).ok())
                .flat_map(|ty| {
                    ty.refs()
                        .into_iter()
                        .filter_map(|name| index.get(name).copied())
                        .collect::<Vec<_>>()
                })
                .collect()
        })
        .collect();
    let depths = TableGraph::new(refs).depths();
    // The first of the deepest (every table of a ring is as deep as the ring).
    let deepest = depths
        .iter()
        .enumerate()
        .max_by(|(a, x), (b, y)| x.cmp(y).then(b.cmp(a)));
    let Some((at, depth)) = deepest.filter(|(_, d)| **d > MAX_NESTING) else {
        return true;
    };
    out.push(file.error_at(
        &child(&item("objects", at), "name"),
        format!(
            "object tables nest {depth} deep from `{}` (at most {MAX_NESTING}): the generated types would not compile",
            tables[at].name
        ),
    ));
    false
}

/// How deep object tables may nest.
pub(crate) const MAX_NESTING: usize = 64;

/// Tables to read: a header, and rows of as many cells.
fn doc_tables(file: &SpecFile<OperationFile>, tables: &[schema::DocTable], out: &mut Diagnostics) {
    for (i, table) in tables.iter().enumerate() {
        let path = item("tables", i);
        if table.header.is_empty() {
            out.push(file.error_at_key(
                &child(&path, "header"),
                "a table needs a header of at least one cell",
            ));
        }
        for (r, row) in table.rows.iter().enumerate() {
            if row.len() != table.header.len() {
                out.push(file.error_at(
                    &item(&child(&path, "rows"), r),
                    format!(
                        "a row of {} cell(s) under a header of {}",
                        row.len(),
                        table.header.len()
                    ),
                ));
            }
        }
    }
}

pub(crate) fn examples<T>(
    file: &SpecFile<T>,
    examples: &[schema::Example],
    out: &mut Diagnostics,
) -> Vec<Example> {
    for (i, example) in examples.iter().enumerate() {
        let path = item("examples", i);
        if example.format == ExampleFormat::Json
            && let Err(error) = serde_json::from_str::<serde_json::Value>(&example.body)
        {
            out.push(
                file.error_at(
                    &child(&path, "body"),
                    format!("example is not valid JSON: {error}"),
                )
                .with_help(
                    "if the page really prints this, keep it with `format: text` and say why in `note`",
                ),
            );
        }
        if example.kind != ExampleKind::Request && example.status.is_none() {
            out.push(file.error_at_key(&path, "a response or error example needs its HTTP `status`"));
        }
    }
    examples
        .iter()
        .map(|example| Example {
            kind: example.kind,
            status: example.status,
            title: example.title.clone(),
            is_json: example.format == ExampleFormat::Json,
            body: example.body.clone(),
            contradicts: example.contradicts.clone(),
        })
        .collect()
}
