//! Tables no field reached: another form of a response body, the values a
//! field takes, the JSON a string field holds; and then every table still
//! without a role is unused, with the reason (`classify::leftover`).

use super::bodies::Interface;
use super::cite::{caption_names_field, cited_numbers};
use super::fields;
use super::link::join_optional;
use crate::import::classify::{self, PageTable, Role};
use crate::import::lexicon::{Column, OF_AN_EXAMPLE_WORDS, says};
use crate::import::naming::object_name;
use crate::import::report::{Finding, Section, Severity};
use hwcloud_model::spec::schema::{DocTable, Field, Lang, ObjectTable};
use hwcloud_model::spec::types::TypeExpr;

/// Gives the tables left after linking their roles, with a finding each.
pub fn assign(
    tables: &[PageTable],
    roles: &mut [Role],
    interface: &mut Interface,
    objects: &mut Vec<ObjectTable>,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    alternative_bodies(tables, roles, interface, lang, findings);
    let mut all_fields: Vec<&mut Field> = interface
        .fields_mut()
        .chain(objects.iter_mut().flat_map(|o| o.fields.iter_mut()))
        .collect();
    for (t, table) in tables.iter().enumerate() {
        let in_interface = classify::is_interface(table.section);
        if roles[t].is_assigned() || !in_interface {
            continue;
        }
        let Some(columns) = table.columns.as_ref() else {
            if let Some(role) = headed_values(table, &mut all_fields, findings) {
                roles[t] = role;
            }
            continue;
        };
        if columns.is_value_table() {
            roles[t] = values(table, columns.name, &mut all_fields, findings);
        } else if let Some(field) = text_content(table, &mut all_fields, findings) {
            roles[t] = Role::TextContent(field);
        }
    }
    repeats(tables, roles, findings);
    for (t, table) in tables.iter().enumerate() {
        if roles[t].is_assigned() {
            continue;
        }
        if let Some(doc) = reference(table, lang) {
            roles[t] = Role::Reference;
            let message = format!(
                "table `{}` is to read, not fields: kept in the operation's docs",
                table.table.caption
            );
            findings.push(said(table, "reference-table", message));
            interface.doc_tables.push(doc);
            continue;
        }
        if let Some(object) = unheld_type(table, objects, lang) {
            let message = format!(
                "table `{}` describes the type `{}`, which no field of the page holds: kept as an object of the operation",
                table.table.caption, object.name
            );
            findings.push(said(table, "unheld-object", message));
            roles[t] = Role::Object(object.name.clone());
            objects.push(object);
            continue;
        }
        roles[t] = classify::leftover(table);
        if let Role::Unused(why) = &roles[t] {
            findings.push(Finding::at(
                table.section,
                Severity::Warning,
                "unused-table",
                table.table.line,
                format!("table `{}` is not imported: {why}", table.table.caption),
            ));
        }
    }
}

/// A parameter table titled by a type's name alone (`ManagementEventSelector`,
/// `ResourceTagResp`) that no row refers to: the type is the service's, and
/// which field holds it the page does not say. It stays an object of the
/// operation under that name, its fields read, so nothing of it is lost.
fn unheld_type(table: &PageTable, objects: &[ObjectTable], lang: Lang) -> Option<ObjectTable> {
    let columns = table.columns.as_ref().filter(|c| !c.is_value_table())?;
    let name = table.table.title();
    let humps = name.chars().filter(char::is_ascii_uppercase).count();
    let type_name = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name.chars().any(|c| c.is_ascii_lowercase())
        && humps >= 2;
    if !type_name || objects.iter().any(|o| o.name == name) || table.table.rows.is_empty() {
        return None;
    }
    Some(ObjectTable {
        // A name the generated code reserves (`…Response`) is made another.
        name: object_name(name, objects),
        caption: fields::text_in(lang, name.to_owned()),
        fields: fields::rows(&table.table.rows, columns, lang),
    })
}

/// What became of a table, said at its line: an Info finding.
fn said(table: &PageTable, code: &'static str, message: String) -> Finding {
    Finding::at(table.section, Severity::Info, code, table.table.line, message)
}

/// A table of the interface sections no field took, to read as the docs show
/// it: one no parameter column heads (`资源类型 | 物理资源 | driverCores`,
/// `Cluster Type | Metric | Value Type | Description`), or one whose caption
/// says it describes an example (`Parameter description of the example
/// policy`). A table with a type or mandatory column and no name column is a
/// parameter table misread: that stays unused, and said.
fn reference(table: &PageTable, lang: Lang) -> Option<DocTable> {
    let page_table = table.table;
    let parameter_like =
        page_table.column(Column::Type).is_some() || page_table.column(Column::Mandatory).is_some();
    let to_read = match table.columns {
        None => !parameter_like,
        Some(_) => says(page_table.title(), OF_AN_EXAMPLE_WORDS),
    };
    let readable = to_read
        && classify::is_interface(table.section)
        && !classify::is_error_code_table(page_table)
        && page_table.header.len() >= 2
        && !page_table.rows.is_empty();
    if !readable {
        return None;
    }
    let width = page_table.header.len();
    let rows = page_table.rows.iter().map(|row| {
        let mut cells: Vec<String> = row.iter().map(|c| c.text.trim().to_owned()).collect();
        // A ragged row keeps every cell: extras join the last, gaps are empty.
        if cells.len() > width {
            let extra = cells.split_off(width - 1).join(" ");
            cells.push(extra);
        }
        cells.resize(width, String::new());
        cells
    });
    Some(DocTable {
        lang,
        caption: page_table.caption.trim().to_owned(),
        header: page_table.header.iter().map(|h| h.trim().to_owned()).collect(),
        rows: rows.collect(),
    })
}

/// A second response table titled like the body's (`要素说明` under `同步模式`,
/// again under `异步模式`) is another form of the same body: its fields join as
/// optional ones, since only one form arrives at a time.
fn alternative_bodies(
    tables: &[PageTable],
    roles: &mut [Role],
    interface: &mut Interface,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    for (t, table) in tables.iter().enumerate() {
        let Some(columns) = table
            .columns
            .as_ref()
            .filter(|_| !roles[t].is_assigned() && table.section == Section::Response)
        else {
            continue;
        };
        let title = table.table.title();
        let Some((_, fields)) = interface
            .groups
            .iter_mut()
            .filter_map(|g| g.root.as_mut())
            .find(|(root, _)| !title.is_empty() && tables[*root].table.title() == title)
        else {
            continue;
        };
        roles[t] = Role::AlternativeBody;
        join_optional(fields, fields::rows(&table.table.rows, columns, lang));
        findings.push(Finding::at(
            Section::Response,
            Severity::Info,
            "alternative-body",
            table.table.line,
            format!(
                "table `{}` is another form of the response body; its fields are optional",
                table.table.caption
            ),
        ));
    }
}

/// A parameter table no field took whose rows are named as those of a table
/// imported as an object, under the same caption or one naming that object
/// (VPC's port pages print `fixed_ip对象` twice), repeats it.
fn repeats(tables: &[PageTable], roles: &mut [Role], findings: &mut Vec<Finding>) {
    let names = |table: &PageTable| -> Option<Vec<String>> {
        let column = table.columns.as_ref()?.name;
        let names: Vec<String> = table
            .table
            .rows
            .iter()
            .filter_map(|row| row.get(column).map(|c| c.text.trim().to_owned()))
            .collect();
        (!names.is_empty()).then_some(names)
    };
    let rows_of: Vec<Option<Vec<String>>> = tables.iter().map(names).collect();
    for t in 0..tables.len() {
        if roles[t].is_assigned() || !classify::is_interface(tables[t].section) {
            continue;
        }
        let Some(rows) = &rows_of[t] else { continue };
        // Same rows and the same subject: rows alone (`key`, `value`) repeat by chance.
        let title = tables[t].table.title();
        let same_subject = |o: usize, object: &str| {
            !title.trim().is_empty() && tables[o].table.title() == title
                || caption_names_field(tables[t].table, object)
        };
        let repeated = (0..tables.len()).find_map(|o| match &roles[o] {
            Role::Object(object) if rows_of[o].as_ref() == Some(rows) && same_subject(o, object) => {
                Some(object.clone())
            }
            _ => None,
        });
        let Some(object) = repeated else { continue };
        findings.push(Finding::at(
            tables[t].section,
            Severity::Info,
            "repeated-table",
            tables[t].table.line,
            format!(
                "table `{}` repeats the rows of the table imported as `{object}`",
                tables[t].table.caption
            ),
        ));
        roles[t] = Role::Repeat(object);
    }
}

/// A table of values (states, configuration keys) documents the string field
/// that cites it by number or that its caption names.
fn values(
    table: &PageTable,
    name_column: usize,
    fields: &mut [&mut Field],
    findings: &mut Vec<Finding>,
) -> Role {
    let owner = fields.iter_mut().find(|f| {
        let description = f.description.preferred().unwrap_or_default();
        table
            .table
            .number()
            .is_some_and(|n| cited_numbers(description).contains(&n))
            || caption_names_field(table.table, &f.name)
    });
    match owner {
        Some(field) => {
            field.values = table
                .table
                .rows
                .iter()
                .filter_map(|r| r.get(name_column).map(|c| c.text.trim().to_owned()))
                .filter(|v| !v.is_empty())
                .collect();
            Role::Values(field.name.clone())
        }
        None => {
            findings.push(Finding::at(
                table.section,
                Severity::Info,
                "unlinked-value-table",
                table.table.line,
                format!("table `{}` lists values no field refers to", table.table.caption),
            ));
            Role::OrphanValues
        }
    }
}

/// A table with no parameter column whose caption or first header names a
/// field (`tls_ciphers_policy取值说明` with `安全策略 | 支持的TLS版本类型 | …`,
/// `audio_format取值 | 描述`) lists that field's values, one per row in its first
/// column; the table's other columns stay on the page.
fn headed_values(table: &PageTable, fields: &mut [&mut Field], findings: &mut Vec<Finding>) -> Option<Role> {
    let first_header = table.table.header.first().map(|h| h.trim()).unwrap_or_default();
    let names_in_header = |name: &str| {
        first_header
            .strip_prefix(name)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
    };
    let field = fields.iter_mut().find(|f| {
        f.name.len() >= 3
            && f.values.is_empty()
            && fields::is(f, is_scalar_or_list)
            && (caption_names_field(table.table, &f.name) || names_in_header(&f.name))
    })?;
    field.values = table
        .table
        .rows
        .iter()
        .filter_map(|row| row.first().map(|c| c.text.trim().to_owned()))
        .filter(|v| !v.is_empty())
        .collect();
    findings.push(Finding::at(
        table.section,
        Severity::Info,
        "value-table",
        table.table.line,
        format!(
            "table `{}` lists the values of `{}` in its first column",
            table.table.caption, field.name
        ),
    ));
    Some(Role::Values(field.name.clone()))
}

/// A scalar, or a list of them: what a list of values can document.
fn is_scalar_or_list(ty: &TypeExpr) -> bool {
    match ty {
        TypeExpr::Array(inner) | TypeExpr::TextOr(inner) => inner.is_scalar(),
        other => other.is_scalar(),
    }
}

/// `edgeFilters` (String): "a JsonArray string"; its table documents the text's
/// content, which the field's note says. The field's name, if one is so named.
fn text_content(table: &PageTable, fields: &mut [&mut Field], findings: &mut Vec<Finding>) -> Option<String> {
    let field = fields
        .iter_mut()
        .find(|f| fields::is(f, |t| *t == TypeExpr::String) && caption_names_field(table.table, &f.name))?;
    let note = format!(
        "The page's table `{}` documents the JSON this text holds.",
        table.table.title()
    );
    field.note = Some(match field.note.take() {
        Some(existing) => format!("{existing} {note}"),
        None => note,
    });
    findings.push(Finding::at(
        table.section,
        Severity::Info,
        "table-describes-text",
        table.table.line,
        format!(
            "table `{}` documents the content of string field `{}`",
            table.table.caption, field.name
        ),
    ));
    Some(field.name.clone())
}
