//! Tables on other pages. A field's row may point at the table that describes
//! it on another page of the same folder (`其内容参考<a href="查询Job状态.md#table0628">表3
//! job属性列表</a>`, an RST `:ref:` to another page's label): where no table of
//! its own page does, that table becomes the field's object, and its own rows
//! that point further are followed the same way (a few levels deep, each table
//! once). Each such object is said. Its rows' mandatory flags stay behind: they
//! are the other page's (a request there may be a response here).

use std::collections::BTreeSet;

use hwcloud_model::spec::schema::{Field, ObjectTable, OperationFile};

use super::Context;
use crate::import::build::fields::{self, text_in};
use crate::import::build::link::{of_object, wants_object};
use crate::import::draft::Draft;
use crate::import::library::{Library, LibraryPage, LibraryTable};
use crate::import::naming::object_name;
use crate::import::report::{Finding, Section, Severity};

/// How many pages deep the objects of a field are followed.
const MAX_DEPTH: usize = 4;

#[allow(clippy::ptr_arg)] // every pass has one signature
pub fn run(drafts: &mut Vec<Draft>, context: &Context) {
    for draft in drafts {
        let unlinked = std::mem::take(&mut draft.unlinked);
        for (field, links) in unlinked {
            let found = links
                .iter()
                .find_map(|link| context.library.find(&draft.origin.root, &draft.origin.name, link));
            let Some((page, table)) = found else { continue };
            let mut follow = Follow {
                library: context.library,
                root: &draft.origin.root,
                objects: &mut draft.operation.objects,
                seen: BTreeSet::new(),
            };
            let name = follow.object(&field, page, table, 0);
            retype(&mut draft.operation, &field, &name);
            draft.findings.push(Finding::at(
                Section::Other,
                Severity::Info,
                "cross-page-table",
                0,
                format!(
                    "`{field}` is described by table `{}` of {}; imported as object `{name}`",
                    table.table.caption, page.source
                ),
            ));
        }
    }
}

struct Follow<'a> {
    library: &'a Library,
    root: &'a str,
    objects: &'a mut Vec<ObjectTable>,
    seen: BTreeSet<(String, usize)>,
}

impl Follow<'_> {
    /// The object table `table` of `page` makes for field `field`, with the
    /// objects its rows point at on other pages; its name.
    fn object(&mut self, field: &str, page: &LibraryPage, table: &LibraryTable, depth: usize) -> String {
        let name = object_name(field, self.objects);
        let mut rows = fields::rows(&table.table.rows, &table.columns, page.lang);
        // Whether a row is mandatory is said for the other page's use of the
        // table (a request there, a response here): it says nothing here.
        for row in &mut rows {
            row.required = None;
        }
        self.objects.push(ObjectTable {
            name: name.clone(),
            caption: text_in(page.lang, table.table.title().to_owned()),
            fields: Vec::new(),
        });
        self.seen.insert((page.source.clone(), table.table.line));
        for (row, nested) in rows.iter_mut().enumerate() {
            if depth + 1 >= MAX_DEPTH || !wants_object(nested) {
                continue;
            }
            let links = table
                .table
                .rows
                .get(row)
                .into_iter()
                .flatten()
                .flat_map(|c| c.links.iter());
            let target = links
                .filter_map(|link| {
                    self.library
                        .find(self.root, &page.name, link)
                        .or_else(|| self.on_page(page, link))
                })
                .find(|(p, t)| !self.seen.contains(&(p.source.clone(), t.table.line)));
            if let Some((p, t)) = target {
                let inner = self.object(&nested.name, p, t, depth + 1);
                nested.ty = of_object(nested, inner);
            }
        }
        if let Some(object) = self.objects.iter_mut().find(|o| o.name == name) {
            object.fields = rows;
        }
        name
    }

    /// A table of the same page (`#table77` on the page the table came from).
    fn on_page<'l>(&self, page: &'l LibraryPage, link: &str) -> Option<(&'l LibraryPage, &'l LibraryTable)> {
        let anchor = link.rsplit('#').next().unwrap_or(link);
        let table = page
            .tables
            .iter()
            .find(|t| t.table.anchors.iter().any(|a| a == anchor))?;
        Some((page, table))
    }
}

/// Every field named `field` that still wants an object takes `object`.
fn retype(op: &mut OperationFile, field: &str, object: &str) {
    let bodies = op
        .request_body
        .iter_mut()
        .chain(op.response.iter_mut())
        .chain(op.responses.iter_mut());
    let all = bodies.flat_map(|b| b.fields.iter_mut()).chain(
        op.objects
            .iter_mut()
            .filter(|o| o.name != object)
            .flat_map(|o| o.fields.iter_mut()),
    );
    for f in all.filter(|f: &&mut Field| f.name == field && wants_object(f)) {
        f.ty = of_object(f, object.to_owned());
    }
}
