//! Other forms of a body or of an object: one sent at a time, documented as
//! tables side by side. IMS tables one `POST /v2/cloudimages/action` once per
//! way of making an image; ModelArts tables `config` once per inference type
//! (`real-time config结构`, `batch config结构`, `edge config结构`). The vendor's
//! definitions have one body, one object: the union. The other forms' fields
//! join as optional ones and are followed to their own tables.

use std::collections::BTreeSet;

use super::cite::{caption_mentions_field, caption_names_field};
use super::fields::object_of;
use super::link::{Linker, join_optional};
use crate::import::classify::Role;
use crate::import::report::{Finding, Section, Severity};
use hwcloud_model::spec::schema::{Field, ObjectTable};

/// Tables of `section` no field took whose rows are mostly the body's (at
/// least two, two fifths of the table): other forms of the body. A body field
/// a form lacks is no longer required. A caption naming a field keeps the
/// table that field's (`data_images字段说明`).
pub fn join_body_forms(linker: &mut Linker, section: Section, roots: &mut Vec<Field>) {
    for t in linker.free_tables(section) {
        let names = linker.row_names(t);
        let root_names: BTreeSet<String> = roots.iter().map(|f| f.name.clone()).collect();
        let shared = names.intersection(&root_names).count();
        let names_a_field = root_names
            .iter()
            .any(|n| caption_mentions_field(linker.table(t), n));
        if shared < 2 || shared * 5 < names.len() * 2 || names_a_field {
            continue;
        }
        let others = followed(linker, t, section, &root_names, Role::AlternativeBody);
        for root in roots.iter_mut().filter(|f| !names.contains(&f.name)) {
            if root.required == Some(true) {
                root.required = Some(false);
            }
        }
        join_optional(roots, others);
        let message = format!(
            "table `{}` is another form of the body: its other fields join as optional ones, \
             and a field not every form has is not required",
            linker.caption(t)
        );
        say(linker, section, "alternative-body", t, message);
    }
}

/// Tables of `section` no field took whose caption names a field that has its
/// object already (`data_images字段说明` again under the body's other form),
/// or has it among its words (`batch config结构` beside `config`), and that
/// share a field with that object (two, where the caption only has the
/// name among its words): other forms of the object.
pub fn join_object_forms(linker: &mut Linker, section: Section, roots: &[Field]) {
    for t in linker.free_tables(section) {
        // A dotted caption (`token.roles`) is a path, which linking follows.
        if linker.table(t).title().contains('.') {
            continue;
        }
        let Some(at) = form_of(linker, roots, t) else {
            continue;
        };
        let names: BTreeSet<String> = linker.objects[at].fields.iter().map(|f| f.name.clone()).collect();
        let others = followed(linker, t, section, &names, Role::AlternativeObject);
        join_optional(&mut linker.objects[at].fields, others);
        let message = format!(
            "table `{}` is another form of `{}`; its other fields join as optional ones",
            linker.caption(t),
            linker.objects[at].name
        );
        say(linker, section, "alternative-object", t, message);
    }
}

/// The object table `t` is another form of, by the rules of [`join_object_forms`].
fn form_of(linker: &Linker, roots: &[Field], t: usize) -> Option<usize> {
    let table = linker.table(t);
    let rows = linker.row_names(t);
    let shared = |o: &ObjectTable| o.fields.iter().filter(|f| rows.contains(&f.name)).count();
    let holders = roots
        .iter()
        .chain(linker.objects.iter().flat_map(|o| o.fields.iter()));
    holders
        .filter_map(|f| Some((f, object_of(&f.ty)?)))
        .find_map(|(field, object)| {
            let least = if caption_names_field(table, &field.name) {
                1
            } else if caption_mentions_field(table, &field.name) {
                2
            } else {
                return None;
            };
            linker
                .objects
                .iter()
                .position(|o| o.name == object && shared(o) >= least)
        })
}

/// Table `t`'s fields that `known` has not, followed to their own tables;
/// the table has `role` from now on.
fn followed(
    linker: &mut Linker,
    t: usize,
    section: Section,
    known: &BTreeSet<String>,
    role: Role,
) -> Vec<Field> {
    let mut fields = linker.rows(t);
    // Rows known already are not followed again: their tables are taken.
    for field in fields.iter_mut().filter(|f| known.contains(&f.name)) {
        field.ty = "string".to_owned();
    }
    linker.roles[t] = role;
    linker.link(&mut fields, t, section);
    linker.link_pending();
    fields.retain(|f| !known.contains(&f.name));
    fields
}

fn say(linker: &mut Linker, section: Section, code: &'static str, t: usize, message: String) {
    let line = linker.line(t);
    linker
        .findings
        .push(Finding::at(section, Severity::Info, code, line, message));
}
