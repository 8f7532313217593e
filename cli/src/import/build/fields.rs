//! Fields from table rows: names, types in the spec grammar, requiredness,
//! descriptions with their constraints, and the rules that make a parameter
//! list sound (every placeholder a path parameter, types a location can carry).

use std::collections::BTreeSet;

use super::constraints;
use crate::import::classify::{self, Columns};
use crate::import::lexicon;
use crate::import::page::Cell;
use crate::import::report::{Finding, Section, Severity};
use hwcloud_model::names as naming;
use hwcloud_model::spec::schema::{Field, Lang, ParamLocation, Text};
use hwcloud_model::spec::types::TypeExpr;

/// The note on a path parameter the page's URI shows but its table does not.
pub const UNDOCUMENTED_PLACEHOLDER: &str = "Not in the page's URI table.";

/// Whether a field's type, read in the spec grammar, passes `test`.
pub fn is(field: &Field, test: impl Fn(&TypeExpr) -> bool) -> bool {
    TypeExpr::parse(&field.ty).is_ok_and(|ty| test(&ty))
}

/// The object table a type names, through arrays, maps and `text_or`
/// (`array<Link>` names `Link`); none for a scalar.
pub fn object_of(ty: &str) -> Option<String> {
    let mut ty = TypeExpr::parse(ty).ok()?;
    loop {
        ty = match ty {
            TypeExpr::Ref(name) => return Some(name),
            TypeExpr::Array(inner) | TypeExpr::Map(inner) | TypeExpr::TextOr(inner) => *inner,
            _ => return None,
        };
    }
}

/// Fields of every row of a parameter table.
pub fn rows(rows: &[Vec<Cell>], columns: &Columns, lang: Lang) -> Vec<Field> {
    rows.iter().map(|r| from_row(r, columns, lang)).collect()
}

pub fn text_in(lang: Lang, text: String) -> Text {
    if text.is_empty() {
        return Text::default();
    }
    match lang {
        Lang::En => Text {
            en: Some(text),
            zh: None,
        },
        Lang::Zh => Text {
            en: None,
            zh: Some(text),
        },
    }
}

fn cell(row: &[Cell], index: Option<usize>) -> Option<&Cell> {
    index.and_then(|i| row.get(i))
}

/// A name cell's name, and the remark in parentheses after it, if any:
/// `vertexProperties（2.2.8）` is `vertexProperties`, added in version 2.2.8.
fn name_and_remark(cell: &str) -> (String, Option<String>) {
    let cell = cell.trim();
    let open = cell.find(['（', '(']);
    let name_like = |name: &str| {
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-.:@$[]".contains(c))
    };
    match open {
        Some(at) if cell.ends_with(['）', ')']) && name_like(cell[..at].trim()) => {
            let remark = cell[at..].trim().to_owned();
            (cell[..at].trim().to_owned(), Some(remark))
        }
        _ => (cell.to_owned(), None),
    }
}

pub fn from_row(row: &[Cell], columns: &Columns, lang: Lang) -> Field {
    let (shifted, said_required) = without_stray_mandatory_cell(row, columns);
    let row = shifted.as_deref().unwrap_or(row);
    let mut field = from_cells(row, columns, lang);
    if field.required.is_none() {
        field.required = said_required;
    }
    field
}

/// A row of a table with no mandatory column whose type cell says mandatory
/// or not (`否`) and whose next cell starts with the type (CPH:
/// `network_version | 否 | String 云手机…` under `参数 | 参数类型 | 描述`): the
/// row without that cell, its type and description apart where they shared
/// one, and what the cell said.
fn without_stray_mandatory_cell(row: &[Cell], columns: &Columns) -> (Option<Vec<Cell>>, Option<bool>) {
    let Some(at) = columns.ty.filter(|_| columns.required.is_none()) else {
        return (None, None);
    };
    let said = row.get(at).and_then(|c| lexicon::mandatory(&c.text));
    let first_line = |c: &Cell| c.text.trim().lines().next().unwrap_or_default().trim().to_owned();
    let is_type = |text: &str| TypeExpr::parse(&normalize_type(text)).is_ok_and(|t| t != TypeExpr::Any);
    let (Some(required), Some(next)) = (said, row.get(at + 1)) else {
        return (None, None);
    };
    let ty = first_line(next);
    if !is_type(&ty) {
        return (None, None);
    }
    let mut cells: Vec<Cell> = row
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != at)
        .map(|(_, c)| c.clone())
        .collect();
    let description_missing = columns.description.is_some_and(|d| d >= cells.len());
    if description_missing {
        let rest = next.text.trim().lines().skip(1).collect::<Vec<_>>().join("\n");
        cells[at] = Cell {
            text: ty,
            links: Vec::new(),
        };
        cells.insert(
            at + 1,
            Cell {
                text: rest,
                links: next.links.clone(),
            },
        );
    }
    (Some(cells), Some(required))
}

fn from_cells(row: &[Cell], columns: &Columns, lang: Lang) -> Field {
    let (name, remark) = row
        .get(columns.name)
        .map(|c| name_and_remark(&c.text))
        .unwrap_or_default();
    let doc_type = cell(row, columns.ty)
        .map(|c| c.text.trim().to_owned())
        .filter(|t| !t.is_empty());
    let required = cell(row, columns.required).and_then(|c| lexicon::mandatory(&c.text));
    let description = cell(row, columns.description)
        .map(|c| c.text.trim().to_owned())
        .unwrap_or_default();
    // The remark stays with the description: `（2.2.8）` says since when.
    let description = match remark {
        Some(remark) if description.is_empty() => remark,
        Some(remark) => format!("{remark} {description}"),
        None => description,
    };
    let ty = doc_type
        .as_deref()
        .map(normalize_type)
        .unwrap_or_else(|| "string".into());
    let mut field = Field {
        name,
        required,
        doc_type: doc_type.filter(|d| !matches!(d.as_str(), "String" | "Integer" | "Long" | "Boolean")),
        ty,
        default: cell(row, columns.default)
            .map(|c| c.text.trim().to_owned())
            .filter(|t| !t.is_empty() && t != "-"),
        range: cell(row, columns.range)
            .map(|c| c.text.trim().to_owned())
            .filter(|t| !t.is_empty() && t != "-"),
        ..Field::default()
    };
    let description = constraints::apply(&mut field, &description);
    field.description = text_in(lang, description);
    field
}

/// The docs' type spelling in the spec grammar; object references are filled in
/// when a nested table is linked.
pub fn normalize_type(doc: &str) -> String {
    let compact: String = doc
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let scalar = |s: &str| -> Option<&'static str> {
        lexicon::TYPE_SPELLINGS
            .iter()
            .find(|(_, spellings)| spellings.contains(&s))
            .map(|(ty, _)| *ty)
    };
    if let Some(s) = scalar(&compact) {
        return s.into();
    }
    // A one-letter slip in a long scalar name (`Booleab`).
    if let Some(s) = ["boolean", "integer", "string"]
        .into_iter()
        .find(|name| strsim::levenshtein(&compact, name) == 1)
    {
        return s.into();
    }
    let element = compact
        .strip_prefix("arrayof")
        .or_else(|| compact.strip_prefix("listof"))
        .or_else(|| compact.strip_prefix("array<").and_then(|r| r.strip_suffix('>')))
        .or_else(|| compact.strip_prefix("list<").and_then(|r| r.strip_suffix('>')))
        .or_else(|| compact.strip_prefix("array[").and_then(|r| r.strip_suffix(']')))
        .or_else(|| compact.strip_suffix("array"))
        .or_else(|| compact.strip_suffix("数组"))
        .or_else(|| compact.strip_suffix("[]"))
        .or_else(|| compact.strip_prefix('[').and_then(|r| r.strip_suffix(']')));
    if let Some(element) = element {
        let element = element.trim_end_matches('s');
        // `server_id数组`: an array of the ids a field name names.
        let names_ids = element.ends_with("_id") || element == "id";
        return match scalar(element) {
            Some(s) => format!("array<{s}>"),
            None if element.is_empty() || element == "array" => "array<any>".into(),
            None if names_ids => "array<string>".into(),
            None => "array<object>".into(),
        };
    }
    if compact.starts_with("map") {
        // `Map<String,Array<String>>`: the value type after the key's comma.
        let value = compact
            .strip_prefix("map<")
            .and_then(|r| r.strip_suffix('>'))
            .and_then(|r| r.split_once(','))
            .map(|(_, value)| normalize_type(value));
        return match value.as_deref() {
            Some(value) if value != "any" => format!("map<{value}>"),
            _ => "map<any>".into(),
        };
    }
    if compact == "objects" {
        return "array<object>".into();
    }
    if compact == "list" || compact == "array" {
        return "array<any>".into();
    }
    // `列表数据结构`, `List data structure`: a list of the objects a table describes.
    if compact == "列表数据结构" || compact == "listdatastructure" {
        return "array<object>".into();
    }
    "any".into()
}

/// A table that lists a field twice (a page's own slip) keeps the first row.
pub fn drop_repeated(fields: &mut Vec<Field>, findings: &mut Vec<Finding>) {
    let mut seen = BTreeSet::new();
    fields.retain(|field| {
        let first = seen.insert(field.name.clone());
        if !first {
            findings.push(Finding::at(
                Section::Other,
                Severity::Info,
                "repeated-field",
                0,
                format!(
                    "field `{}` is listed twice in one table; the first row is kept",
                    field.name
                ),
            ));
        }
        first
    });
}

/// Rows of a URI table: path parameters where the URI has the placeholder,
/// query parameters otherwise.
pub fn uri_parameters(
    rows: Vec<Field>,
    placeholders: &BTreeSet<String>,
    query_names: &[String],
    caption: &str,
) -> Vec<Field> {
    let is_query_table = classify::names_query(caption);
    let rows: Vec<Field> = rows.into_iter().filter(|field| !field.name.is_empty()).collect();
    // One placeholder no row names and one row no placeholder names, in a
    // path table: the same parameter under two names
    // (`port_mirror_filter_rule_id` for `{traffic_mirror_filter_rule_id}`).
    let named = |p: &String| rows.iter().any(|r| naming::snake(&r.name) == naming::snake(p));
    let unnamed: Vec<&String> = placeholders.iter().filter(|p| !named(p)).collect();
    let strays: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            !placeholders
                .iter()
                .any(|p| naming::snake(p) == naming::snake(&rows[i].name))
        })
        .filter(|&i| !query_names.contains(&rows[i].name))
        .collect();
    let pair = (!is_query_table && unnamed.len() == 1 && strays.len() == 1).then(|| (strays[0], unnamed[0]));
    rows.into_iter()
        .enumerate()
        .map(|(i, mut field)| {
            // The path is positional: `vertexId` in the table is `{vertex_id}` in the URI.
            let renamed = placeholders
                .iter()
                .find(|p| **p != field.name && naming::snake(p) == naming::snake(&field.name))
                .or(pair.filter(|(row, _)| *row == i).map(|(_, p)| p));
            if let Some(placeholder) = renamed {
                field.note = Some(format!(
                    "The table calls this `{}`; the URI says `{{{placeholder}}}`.",
                    field.name
                ));
                field.name = placeholder.clone();
            }
            let is_path = placeholders.contains(&field.name);
            let expanded = query_names.contains(&field.name);
            field.location = Some(
                if is_path || !is_query_table && !expanded && placeholders.is_empty() {
                    ParamLocation::Path
                } else {
                    ParamLocation::Query
                },
            );
            if is_path {
                if field.required == Some(false) {
                    field.note = Some(
                        "The page marks this path parameter optional; a URI segment cannot be left out."
                            .into(),
                    );
                }
                field.required = Some(true);
                if is(&field, |t| *t == TypeExpr::Any) {
                    field.ty = "string".into();
                }
            }
            field
        })
        .collect()
}

/// A field whose type the page names but this importer does not read: a name
/// like `GesMetaData` (defined on another page) is a JSON object; anything else
/// stays `any`, with a warning.
pub fn check_type(field: &mut Field, findings: &mut Vec<Finding>) {
    let doc_type = field.doc_type.clone().unwrap_or_default();
    let doc_type = doc_type.as_str();
    // A file is typed by where it stands (`media::read`).
    if !is(field, |t| *t == TypeExpr::Any) || field.doc_type.is_none() || is_file_type(doc_type) {
        return;
    }
    let names_a_type = doc_type.len() > 3
        && doc_type.starts_with(|c: char| c.is_ascii_uppercase())
        && doc_type.chars().all(|c| c.is_ascii_alphanumeric());
    // `vpc_info object`, `BaseInfo object`: an object of a type no table here describes.
    let names_an_object = super::cite::named_type(doc_type).is_some_and(|name| {
        name.len() < doc_type.len()
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !doc_type.to_ascii_lowercase().starts_with("array")
            && !doc_type.to_ascii_lowercase().ends_with("objects")
    });
    if let Some(finding) = json_string_or_null(field, doc_type) {
        findings.push(finding);
    } else if field.location.is_some() {
        // A parameter travels as text whatever its column says (`User token`,
        // `MIME type of the body in the request`: a description in the type column).
        findings.push(Finding::at(
            Section::Parameters,
            Severity::Info,
            "parameter-as-text",
            1,
            format!(
                "type `{doc_type}` of parameter `{}` is no type; it travels as a string",
                field.name
            ),
        ));
        field.ty = "string".into();
    } else if names_a_type || names_an_object {
        findings.push(Finding::at(
            Section::Parameters,
            Severity::Info,
            "type-defined-elsewhere",
            1,
            format!(
                "type `{doc_type}` of `{}` has no table on this page; kept as a JSON object",
                field.name
            ),
        ));
        field.ty = "object".into();
    } else {
        findings.push(Finding::at(
            Section::Parameters,
            Severity::Warning,
            "unknown-type",
            1,
            format!(
                "type `{doc_type}` of `{}` is not understood; kept as `any`",
                field.name
            ),
        ));
    }
}

/// `jsonString` no table describes: text that holds JSON (the vendor's
/// definitions type CPH's `property` so; an example that sends an object
/// makes it one later, as for any string). `null` (`os-start | null`, sent as
/// `{}` or `null`): a marker whose value says nothing, any JSON. What was
/// read, said as Info.
fn json_string_or_null(field: &mut Field, doc_type: &str) -> Option<Finding> {
    let compact: String = doc_type.chars().filter(|c| !c.is_whitespace()).collect();
    let (code, message) = if compact.eq_ignore_ascii_case("jsonstring") {
        field.ty = "string".into();
        (
            "json-string",
            format!(
                "type `{doc_type}` of `{}` is text holding JSON: a string",
                field.name
            ),
        )
    } else if compact.eq_ignore_ascii_case("null") {
        let message = format!(
            "type `null` of `{}`: a marker whose value says nothing; any JSON",
            field.name
        );
        ("null-type", message)
    } else {
        return None;
    };
    Some(Finding::at(Section::Parameters, Severity::Info, code, 1, message))
}

/// A type column that names a file (`File`, `MultipartFile`, `binary`).
pub fn is_file_type(doc_type: &str) -> bool {
    let doc = doc_type.trim().to_ascii_lowercase();
    matches!(
        doc.as_str(),
        "file" | "multipartfile" | "binary" | "filestream" | "file stream"
    )
}

/// Makes the parameter list sound: a placeholder no table documents is added
/// as a required string; a path row the URI has no placeholder for is dropped
/// (and said); a parameter listed twice keeps its first row; a type the
/// location cannot carry travels as text. Returns the names dropped.
pub fn settle_parameters(
    parameters: &mut Vec<Field>,
    placeholders: &BTreeSet<String>,
    uri_line: usize,
    findings: &mut Vec<Finding>,
) -> Vec<String> {
    let documented = |placeholder: &String| parameters.iter().any(|p| &p.name == placeholder);
    let all_documented = placeholders.iter().all(documented);
    for placeholder in placeholders {
        if !parameters.iter().any(|p| &p.name == placeholder) {
            // Info: a path segment is a required string whatever the table says,
            // so the field is right; only its description is missing.
            let finding = Finding::at(
                Section::Uri,
                Severity::Info,
                "undocumented-placeholder",
                uri_line,
                format!("placeholder `{{{placeholder}}}` has no row in the URI table; added as a string"),
            );
            findings.push(finding.about(placeholder.as_str()));
            let mut field = Field::added(placeholder.clone(), "string", true, UNDOCUMENTED_PLACEHOLDER);
            field.location = Some(ParamLocation::Path);
            parameters.insert(0, field);
        }
    }
    let dropped = if all_documented {
        query_from_stray_path_rows(parameters, placeholders, uri_line, findings);
        Vec::new()
    } else {
        drop_stray_path_rows(parameters, placeholders, uri_line, findings)
    };
    let mut seen = BTreeSet::new();
    parameters.retain(|p| seen.insert((p.location, naming::snake(&p.name))));
    for parameter in parameters {
        let location = parameter.location.unwrap_or(ParamLocation::Query);
        if !is(parameter, |ty| ty.fits(location)) {
            parameter.note = Some(format!(
                "Documented as `{}`; a {} parameter travels as text.",
                parameter.doc_type.as_deref().unwrap_or(&parameter.ty),
                match parameter.location {
                    Some(ParamLocation::Header) => "header",
                    Some(ParamLocation::Path) => "path",
                    _ => "query",
                }
            ));
            parameter.ty = "string".into();
        }
    }
    dropped
}

/// Rows of the URI table that no placeholder names, where every placeholder has
/// its row, are query parameters tabled with the path ones (list operations
/// filtering by `marker`, `limit`, `name`, ...; the vendor's definitions have them
/// in the query): imported as such, and said.
fn query_from_stray_path_rows(
    parameters: &mut [Field],
    placeholders: &BTreeSet<String>,
    uri_line: usize,
    findings: &mut Vec<Finding>,
) {
    let mut moved = Vec::new();
    for p in parameters.iter_mut() {
        if p.location == Some(ParamLocation::Path) && !placeholders.contains(&p.name) {
            p.location = Some(ParamLocation::Query);
            moved.push(format!("`{}`", p.name));
        }
    }
    if !moved.is_empty() {
        findings.push(Finding::at(
            Section::Uri,
            Severity::Info,
            "query-from-path-table",
            uri_line,
            format!(
                "the URI table documents {} beside the path parameters, but the URI has no such placeholder; imported as query parameter(s)",
                moved.join(", ")
            ),
        ));
    }
}

/// Path rows the URI has no placeholder for, where a placeholder has no row
/// either, may be misspelled placeholders as well as query parameters: dropped,
/// and said, since the page documents them.
fn drop_stray_path_rows(
    parameters: &mut Vec<Field>,
    placeholders: &BTreeSet<String>,
    uri_line: usize,
    findings: &mut Vec<Finding>,
) -> Vec<String> {
    let stray = |p: &Field| p.location == Some(ParamLocation::Path) && !placeholders.contains(&p.name);
    let dropped: Vec<String> = parameters
        .iter()
        .filter(|p| stray(p))
        .map(|p| p.name.clone())
        .collect();
    if dropped.is_empty() {
        return dropped;
    }
    parameters.retain(|p| !stray(p));
    let listed: Vec<String> = dropped.iter().map(|name| format!("`{name}`")).collect();
    findings.push(Finding::at(
        Section::Uri,
        Severity::Warning,
        "dropped-parameter",
        uri_line,
        format!(
            "the URI table documents {} as path parameter(s), but the URI has no such placeholder; not imported",
            listed.join(", ")
        ),
    ));
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stray_mandatory_cell_before_the_type_is_read_as_such() {
        let columns = Columns {
            name: 0,
            required: None,
            ty: Some(1),
            description: Some(2),
            range: None,
            default: None,
        };
        let cells = |texts: &[&str]| -> Vec<Cell> {
            texts
                .iter()
                .map(|t| Cell {
                    text: t.to_string(),
                    links: Vec::new(),
                })
                .collect()
        };
        let field = from_row(
            &cells(&["network_version", "否", "String", "网络标识。"]),
            &columns,
            Lang::Zh,
        );
        assert_eq!((field.ty.as_str(), field.required), ("string", Some(false)));
        assert_eq!(field.description.zh.as_deref(), Some("网络标识。"));
        // The type and the description in one cell, as CPH prints them.
        let field = from_row(
            &cells(&[
                "network_version",
                "否",
                "String\n云手机服务器是否为自定义网络标识。",
            ]),
            &columns,
            Lang::Zh,
        );
        assert_eq!((field.ty.as_str(), field.required), ("string", Some(false)));
        assert_eq!(
            field.description.zh.as_deref(),
            Some("云手机服务器是否为自定义网络标识。")
        );
        // A row as wide as its header is read as it is.
        let field = from_row(
            &cells(&["volumes", "Array of strings", "卷。"]),
            &columns,
            Lang::Zh,
        );
        assert_eq!((field.ty.as_str(), field.required), ("array<string>", None));
    }

    #[test]
    fn an_object_of_a_type_no_table_describes_is_a_json_object() {
        for (doc_type, ty) in [
            ("vpc_info object", "object"),
            ("BaseInfo object", "object"),
            ("GesMetaData", "object"),
            ("file", "any"),
            ("File", "any"),
            ("Array of weird objects", "any"),
            ("tag objects", "any"),
        ] {
            let mut field = Field {
                doc_type: Some(doc_type.into()),
                ..Field::added("x", "any", false, "")
            };
            let mut findings = Vec::new();
            check_type(&mut field, &mut findings);
            assert_eq!(field.ty, ty, "{doc_type}: {findings:?}");
        }
    }

    #[test]
    fn a_json_string_no_table_describes_is_a_string_and_null_is_any_json() {
        for doc_type in ["jsonString", "JSON String"] {
            let mut field = Field {
                doc_type: Some(doc_type.into()),
                ..Field::added("property", "any", false, "")
            };
            let mut findings = Vec::new();
            check_type(&mut field, &mut findings);
            assert_eq!(field.ty, "string", "{doc_type}");
            assert_eq!(findings[0].severity, Severity::Info);
        }
        // `null`: a marker; any JSON, said as Info.
        let mut field = Field {
            doc_type: Some("null".into()),
            ..Field::added("os-start", "any", true, "")
        };
        let mut findings = Vec::new();
        check_type(&mut field, &mut findings);
        assert_eq!((field.ty.as_str(), findings[0].severity), ("any", Severity::Info));
    }

    #[test]
    fn doc_type_spellings_normalize() {
        for (doc, ty) in [
            ("String", "string"),
            ("Array of Strings", "array<string>"),
            ("Array of objects", "array<object>"),
            ("List<Tag>", "array<object>"),
            ("String array", "array<string>"),
            ("Array<String>", "array<string>"),
            ("[String]", "array<string>"),
            ("Map<String,String>", "map<string>"),
            ("Map<String,Array<String>>", "map<array<string>>"),
            ("Map<String,Object>", "map<object>"),
            ("Map", "map<any>"),
            ("Booleab", "boolean"),
            ("Strng", "string"),
            ("Dict", "object"),
            ("objects", "array<object>"),
            ("JSONArray", "array<object>"),
            ("JSONObject", "object"),
            ("Long", "long"),
            ("Integer", "integer"),
            ("int", "integer"),
            ("Double", "number"),
            ("Boolean", "boolean"),
            ("Array of Integer", "array<integer>"),
            ("Array[String]", "array<string>"),
            ("String数组", "array<string>"),
            ("server_id数组", "array<string>"),
            ("列表数据结构", "array<object>"),
        ] {
            assert_eq!(normalize_type(doc), ty, "{doc}");
        }
    }

    #[test]
    fn a_remark_after_a_name_goes_to_the_description() {
        assert_eq!(
            name_and_remark("vertexProperties（2.2.8）"),
            ("vertexProperties".to_owned(), Some("（2.2.8）".to_owned()))
        );
        assert_eq!(name_and_remark("id (deprecated)").0, "id");
        assert_eq!(name_and_remark("名称（中文）").0, "名称（中文）");
        assert_eq!(name_and_remark("size").1, None);
    }

    #[test]
    fn a_path_row_without_its_placeholder_is_dropped_and_said() {
        let mut region = Field::added("region", "string", true, "");
        region.location = Some(ParamLocation::Path);
        let mut parameters = vec![region];
        let mut findings = Vec::new();
        let placeholders = BTreeSet::from(["project_id".to_owned()]);
        settle_parameters(&mut parameters, &placeholders, 7, &mut findings);
        assert_eq!(parameters.len(), 1);
        assert_eq!(parameters[0].name, "project_id");
        let codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["undocumented-placeholder", "dropped-parameter"]);
        assert!(findings[1].message.contains("`region`"));
    }

    #[test]
    fn path_rows_beside_documented_placeholders_are_query_parameters() {
        let path = |name: &str| Field {
            location: Some(ParamLocation::Path),
            ..Field::added(name, "string", false, "")
        };
        let mut parameters = vec![path("project_id"), path("marker"), path("limit")];
        let mut findings = Vec::new();
        let placeholders = BTreeSet::from(["project_id".to_owned()]);
        let dropped = settle_parameters(&mut parameters, &placeholders, 7, &mut findings);
        assert!(dropped.is_empty());
        let locations: Vec<_> = parameters.iter().map(|p| (p.name.as_str(), p.location)).collect();
        assert_eq!(
            locations,
            [
                ("project_id", Some(ParamLocation::Path)),
                ("marker", Some(ParamLocation::Query)),
                ("limit", Some(ParamLocation::Query)),
            ]
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "query-from-path-table");
        assert_eq!(findings[0].severity, Severity::Info);
    }
}
