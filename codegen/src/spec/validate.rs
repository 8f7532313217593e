//! Checks a loaded service directory; every problem becomes one located diagnostic.

use std::collections::{BTreeMap, BTreeSet};

use super::locate::{child, item};
use super::schema::{Example, ExampleFormat, ExampleKind, Field, OperationFile, ParamLocation, ServiceFile};
use super::types::{TypeExpr, is_type_name};
use super::uri::UriTemplate;
use super::{ServiceSpec, SpecFile};
use crate::diagnostic::Diagnostics;
use crate::naming;

/// The response field that keeps undocumented JSON keys; docs may not use the name.
pub const UNDOCUMENTED_FIELD: &str = "undocumented";

pub(super) fn service(spec: &ServiceSpec, out: &mut Diagnostics) {
    service_file(&spec.service, out);
    for operation in &spec.operations {
        operation_file(operation, out);
    }
    operation_ids(spec, out);
}

fn service_file(file: &SpecFile<ServiceFile>, out: &mut Diagnostics) {
    let service = &file.value;
    if !naming::is_snake_identifier(&service.service) {
        out.push(file.error_at(
            "service",
            "the service id must be snake_case ASCII (it names a module and a feature)",
        ));
    }
    let dir_name = file
        .path
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    if dir_name.as_deref() != Some(service.service.as_str()) {
        out.push(file.error_at(
            "service",
            format!(
                "service `{}` must live in a directory of the same name",
                service.service
            ),
        ));
    }
    if service.error_body.is_empty() {
        out.push(file.error_at_key("error_body", "at least one error body shape is needed"));
    }
    for (i, shape) in service.error_body.iter().enumerate() {
        if shape.code.is_none() && shape.success.is_none() {
            out.push(file.error_at(
                &item("error_body", i),
                "an error body shape needs `code` or `success` to tell an error apart",
            ));
        }
    }
    let mut codes = BTreeMap::new();
    let mut variants = BTreeMap::new();
    for (i, entry) in service.error_codes.iter().enumerate() {
        let path = item("error_codes", i);
        if let Some(first) = codes.insert(entry.code.as_str(), i) {
            out.push(file.error_at(
                &child(&path, "code"),
                format!(
                    "error code `{}` is listed twice (first at error_codes[{first}])",
                    entry.code
                ),
            ));
            continue;
        }
        let variant = naming::upper_camel(&entry.code);
        if variant == "Unknown" || !variant.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            out.push(file.error_at(
                &child(&path, "code"),
                format!("error code `{}` cannot name an enum variant", entry.code),
            ));
        } else if let Some(first) = variants.insert(variant.clone(), i) {
            out.push(file.error_at(
                &child(&path, "code"),
                format!(
                    "error code `{}` becomes variant `{variant}`, like error_codes[{first}] `{}`",
                    entry.code, service.error_codes[first].code
                ),
            ));
        }
        if !(100..=599).contains(&entry.status) {
            out.push(file.error_at(
                &child(&path, "status"),
                format!("{} is not an HTTP status", entry.status),
            ));
        }
        if entry.message.is_empty() {
            out.push(file.error_at_key(&path, "an error code needs a message"));
        }
    }
    examples(file, &service.examples, out);
}

fn operation_ids(spec: &ServiceSpec, out: &mut Diagnostics) {
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rust_names: BTreeMap<String, usize> = BTreeMap::new();
    for (i, op) in spec.operations.iter().enumerate() {
        let id = op.value.operation.as_str();
        if let Some(&first) = ids.get(id) {
            out.push(op.error_at(
                "operation",
                format!(
                    "operation `{id}` is also defined in {}",
                    spec.operations[first].path.display()
                ),
            ));
            continue;
        }
        ids.insert(id, i);
        let rust = naming::upper_camel(id);
        if let Some(&first) = rust_names.get(&rust) {
            out.push(op.error_at(
                "operation",
                format!(
                    "operation `{id}` and `{}` both become `{rust}` in Rust",
                    spec.operations[first].value.operation
                ),
            ));
        }
        rust_names.insert(rust, i);
        let file_stem = op.path.file_stem().map(|s| s.to_string_lossy().into_owned());
        if file_stem.as_deref() != Some(id) {
            out.push(op.error_at(
                "operation",
                format!("operation `{id}` must be in a file named `{id}.yaml`"),
            ));
        }
    }
    for op in &spec.operations {
        let Some(deprecation) = &op.value.deprecated else {
            continue;
        };
        let Some(replacement) = &deprecation.replacement else {
            continue;
        };
        if replacement == &op.value.operation {
            out.push(op.error_at("deprecated.replacement", "an operation cannot replace itself"));
        } else if !ids.contains_key(replacement.as_str()) {
            out.push(
                op.error_at(
                    "deprecated.replacement",
                    format!(
                        "replacement `{replacement}` is not an operation of service `{}`",
                        spec.service.value.service
                    ),
                )
                .with_help(format!(
                    "known operations: {}",
                    ids.keys().copied().collect::<Vec<_>>().join(", ")
                )),
            );
        }
    }
}

fn operation_file(file: &SpecFile<OperationFile>, out: &mut Diagnostics) {
    let op = &file.value;
    if !naming::is_snake_identifier(&op.operation) {
        out.push(file.error_at("operation", "the operation id must be snake_case ASCII"));
    }
    if op.title.is_empty() {
        out.push(file.error_at_key("title", "an operation needs a title"));
    }
    if op.sources.is_empty() {
        out.push(file.error_at_key("sources", "name at least one source page"));
    }

    let tables = object_tables(file, out);
    parameters(file, &tables, out);
    if let Some(body) = &op.request_body {
        fields(file, "request_body.fields", &body.fields, &tables, false, out);
        if body.fields.is_empty() {
            out.push(file.error_at(
                "request_body.fields",
                "a request body needs fields; omit `request_body` for none",
            ));
        }
        if body.array {
            out.push(file.error_at(
                "request_body.array",
                "only a response body can be a JSON array; no page sends one yet",
            ));
        }
    }
    if let Some(body) = &op.response {
        fields(file, "response.fields", &body.fields, &tables, true, out);
    }
    for (i, table) in op.objects.iter().enumerate() {
        fields(
            file,
            &child(&item("objects", i), "fields"),
            &table.fields,
            &tables,
            true,
            out,
        );
    }
    let mut statuses = BTreeSet::new();
    for (i, status) in op.status_codes.iter().enumerate() {
        if !(100..=599).contains(&status.status) || !statuses.insert(status.status) {
            out.push(file.error_at(
                &child(&item("status_codes", i), "status"),
                format!("{} is not a distinct HTTP status", status.status),
            ));
        }
    }
    examples(file, &op.examples, out);
}

fn object_tables<'a>(file: &'a SpecFile<OperationFile>, out: &mut Diagnostics) -> BTreeSet<&'a str> {
    let mut names = BTreeSet::new();
    for (i, table) in file.value.objects.iter().enumerate() {
        let path = child(&item("objects", i), "name");
        if naming::is_reserved_type_name(&table.name) {
            out.push(file.error_at(
                &path,
                format!(
                    "object table name `{}` clashes with a prelude or generated type name",
                    table.name
                ),
            ));
        } else if !is_type_name(&table.name) {
            out.push(file.error_at(
                &path,
                format!("object table name `{}` must be UpperCamelCase ASCII", table.name),
            ));
        } else if !names.insert(table.name.as_str()) {
            out.push(file.error_at(&path, format!("object table `{}` is defined twice", table.name)));
        }
    }
    names
}

fn parameters(file: &SpecFile<OperationFile>, tables: &BTreeSet<&str>, out: &mut Diagnostics) {
    let op = &file.value;
    let template = match UriTemplate::parse(&op.uri) {
        Ok(template) => Some(template),
        Err(message) => {
            out.push(file.error_at("uri", message));
            None
        }
    };
    let placeholders: BTreeSet<&str> = template.iter().flat_map(|t| t.placeholders()).collect();
    let mut path_params = BTreeSet::new();
    let mut wire_names = BTreeSet::new();
    for (i, param) in op.parameters.iter().enumerate() {
        let path = item("parameters", i);
        let Some(location) = param.location else {
            out.push(file.error_at_key(
                &path,
                format!(
                    "parameter `{}` needs `in: path`, `in: query` or `in: header`",
                    param.name
                ),
            ));
            continue;
        };
        if !wire_names.insert((location, param.name.as_str())) {
            out.push(file.error_at(
                &child(&path, "name"),
                format!("parameter `{}` is listed twice", param.name),
            ));
        }
        if location == ParamLocation::Path {
            path_params.insert(param.name.as_str());
            if !placeholders.contains(param.name.as_str()) && template.is_some() {
                out.push(file.error_at(
                    &child(&path, "name"),
                    format!(
                        "path parameter `{}` has no `{{{}}}` placeholder in the URI",
                        param.name, param.name
                    ),
                ));
            }
            if param.required == Some(false) {
                out.push(
                    file.error_at(&child(&path, "required"), format!("path parameter `{}` cannot be optional", param.name))
                        .with_help("a URI segment cannot be left out; set `required: true` and record the page's claim in `note`"),
                );
            }
        }
        if let Ok(ty) = type_of(file, &path, param, tables, out)
            && !ty.fits(location)
        {
            let place = format!("{location:?}").to_lowercase();
            out.push(file.error_at(
                &child(&path, "type"),
                format!(
                    "a {place} parameter must be a scalar (or, in a query, an array of scalars), not `{ty}`"
                ),
            ));
        }
    }
    for placeholder in &placeholders {
        if !path_params.contains(placeholder) {
            out.push(file.error_at(
                "uri",
                format!("placeholder `{{{placeholder}}}` has no `in: path` parameter"),
            ));
        }
    }
    // Parameters share the builder's namespace (body fields are checked as a table;
    // one that repeats a parameter's name gets a `body_` builder method).
    let mut setters: BTreeMap<String, String> = BTreeMap::new();
    for (i, field) in op.parameters.iter().enumerate() {
        let path = item("parameters", i);
        let rust = naming::snake(&field.name);
        if rust.is_empty() {
            out.push(file.error_at(
                &child(&path, "name"),
                format!("`{}` gives no Rust name", field.name),
            ));
        } else if let Some(first) = setters.insert(rust.clone(), field.name.clone()) {
            out.push(file.error_at(
                &child(&path, "name"),
                format!(
                    "`{}` and `{first}` both become builder method `{rust}`",
                    field.name
                ),
            ));
        }
    }
}

fn fields(
    file: &SpecFile<OperationFile>,
    table_path: &str,
    fields: &[Field],
    tables: &BTreeSet<&str>,
    is_output: bool,
    out: &mut Diagnostics,
) {
    let mut wire = BTreeSet::new();
    let mut rust: BTreeMap<String, &str> = BTreeMap::new();
    for (i, field) in fields.iter().enumerate() {
        let path = item(table_path, i);
        if field.location.is_some() {
            out.push(file.error_at(
                &child(&path, "in"),
                "`in` belongs to parameters, not to body fields",
            ));
        }
        if !wire.insert(field.name.as_str()) {
            out.push(file.error_at(
                &child(&path, "name"),
                format!("field `{}` is listed twice", field.name),
            ));
            continue;
        }
        let rust_name = naming::snake(&field.name);
        if rust_name.is_empty() {
            out.push(file.error_at(
                &child(&path, "name"),
                format!("`{}` gives no Rust name", field.name),
            ));
        } else if is_output && rust_name == UNDOCUMENTED_FIELD {
            out.push(file.error_at(
                &child(&path, "name"),
                format!("`{UNDOCUMENTED_FIELD}` is reserved for the map of undocumented fields"),
            ));
        } else if let Some(first) = rust.insert(rust_name.clone(), &field.name) {
            out.push(file.error_at(
                &child(&path, "name"),
                format!(
                    "`{}` and `{first}` both become Rust field `{rust_name}`",
                    field.name
                ),
            ));
        }
        let _ = type_of(file, &path, field, tables, out);
    }
}

fn type_of(
    file: &SpecFile<OperationFile>,
    path: &str,
    field: &Field,
    tables: &BTreeSet<&str>,
    out: &mut Diagnostics,
) -> Result<TypeExpr, ()> {
    let type_path = child(path, "type");
    let ty = TypeExpr::parse(&field.ty).map_err(|message| out.push(file.error_at(&type_path, message)))?;
    let mut resolved = true;
    for name in ty.refs() {
        if !tables.contains(name) {
            resolved = false;
            let known: Vec<&str> = tables.iter().copied().collect();
            let help = if known.is_empty() {
                "this operation defines no object tables (`objects:`)".to_owned()
            } else {
                format!("object tables here: {}", known.join(", "))
            };
            out.push(
                file.error_at(
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
    if resolved { Ok(ty) } else { Err(()) }
}

fn examples<T>(file: &SpecFile<T>, examples: &[Example], out: &mut Diagnostics) {
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
}
