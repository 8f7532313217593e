//! Follows fields to the nested tables that describe them, breadth first from
//! the root fields: each table a field reaches becomes an object, and its own
//! fields are followed in turn.

use super::cite::{
    caption_mentions_field, caption_names_field, cited_numbers, cites_by_title, field_cites_caption,
    named_type,
};
use std::collections::BTreeSet;

use super::fields::{self, text_in};
use crate::import::classify::{PageTable, Role};
use crate::import::english;
use crate::import::naming::object_name;
use crate::import::report::{Finding, Section, Severity};
use hwcloud_model::names as naming;
use hwcloud_model::spec::schema::{Field, Lang, ObjectTable};
use hwcloud_model::spec::types::TypeExpr;

/// The linking state of one page: its tables and their roles so far, the
/// objects made, and the objects whose fields are still to follow.
pub struct Linker<'a, 'p> {
    tables: &'a [PageTable<'p>],
    pub roles: Vec<Role>,
    pub objects: Vec<ObjectTable>,
    /// Object tables whose fields are not followed yet: object index, source table.
    pending: Vec<(usize, usize, Section)>,
    /// The section each object was linked from, by object index.
    sections: Vec<Section>,
    lang: Lang,
    pub findings: Vec<Finding>,
    /// Fields that want an object no table of the page describes, with the
    /// links of their row: the pass over every page looks for them elsewhere.
    pub unlinked: Vec<(String, Vec<String>)>,
}

impl<'a, 'p> Linker<'a, 'p> {
    pub fn new(tables: &'a [PageTable<'p>], roles: Vec<Role>, lang: Lang) -> Self {
        Linker {
            tables,
            roles,
            objects: Vec::new(),
            pending: Vec::new(),
            sections: Vec::new(),
            lang,
            findings: Vec::new(),
            unlinked: Vec::new(),
        }
    }

    /// The one field of `section` that wants an object no rule gave it, and the
    /// one uncaptioned parameter table of that section no field took: they go
    /// together, and it is said (the page forgot the citation). Fields whose row links to
    /// another page are left to the pass that follows such links.
    pub fn pair_by_elimination(&mut self, section: Section, roots: Vec<&mut Field>) {
        // A caption names something, and a guess against it is worse than a
        // JSON object: only a table without one is paired.
        let free: Vec<usize> = self
            .free_tables(section)
            .into_iter()
            .filter(|&t| self.tables[t].table.title().trim().is_empty())
            .collect();
        let &[t] = free.as_slice() else { return };
        // A table that repeats a row of the section's tables is another form of
        // one of them, not an object.
        let in_section = (0..self.objects.len()).filter(|&i| self.sections.get(i) == Some(&section));
        let mut names = roots
            .iter()
            .map(|f| &f.name)
            .chain(in_section.flat_map(|i| self.objects[i].fields.iter().map(|f| &f.name)));
        let rows = self.row_names(t);
        if names.any(|n| rows.contains(n)) {
            return;
        }
        let elsewhere = |f: &Field| self.unlinked.iter().any(|(name, _)| *name == f.name);
        let wanting = |f: &Field| wants_object(f) && !elsewhere(f);
        let in_objects: Vec<(usize, usize)> = (0..self.objects.len())
            .filter(|&i| self.sections.get(i) == Some(&section))
            .flat_map(|i| (0..self.objects[i].fields.len()).map(move |j| (i, j)))
            .filter(|&(i, j)| wanting(&self.objects[i].fields[j]))
            .collect();
        let mut roots: Vec<&mut Field> = roots.into_iter().filter(|f| wanting(f)).collect();
        let name = match (roots.as_mut_slice(), in_objects.as_slice()) {
            ([field], []) => {
                self.nest(field, t, section);
                field.name.clone()
            }
            ([], &[(i, j)]) => {
                let mut field = self.objects[i].fields[j].clone();
                self.nest(&mut field, t, section);
                self.objects[i].fields[j].ty = field.ty;
                field.name
            }
            _ => return,
        };
        self.findings.push(Finding::at(
            section,
            Severity::Info,
            "paired-by-elimination",
            self.tables[t].table.line,
            format!(
                "table `{}` is the one table of the section no field cites, `{name}` the one object field without a table: paired",
                self.tables[t].table.caption
            ),
        ));
        self.link_pending();
    }

    /// Parameter tables of `section` no field took, in page order.
    pub fn free_tables(&self, section: Section) -> Vec<usize> {
        (0..self.tables.len())
            .filter(|&t| {
                let table = &self.tables[t];
                !self.roles[t].is_assigned()
                    && table.section == section
                    && table.columns.as_ref().is_some_and(|c| !c.is_value_table())
            })
            .collect()
    }

    /// The names in table `t`'s name column.
    pub fn row_names(&self, t: usize) -> BTreeSet<String> {
        let Some(columns) = self.tables[t].columns.as_ref() else {
            return BTreeSet::new();
        };
        let cells = self.tables[t]
            .table
            .rows
            .iter()
            .filter_map(|row| row.get(columns.name));
        cells
            .map(|cell| cell.text.trim().to_owned())
            .filter(|name| !name.is_empty())
            .collect()
    }

    /// The fields of table `t`'s rows.
    pub fn rows(&self, t: usize) -> Vec<Field> {
        let columns = self.tables[t].columns.as_ref().expect("a parameter table");
        fields::rows(&self.tables[t].table.rows, columns, self.lang)
    }

    pub fn table(&self, t: usize) -> &'p crate::import::page::Table {
        self.tables[t].table
    }

    pub fn caption(&self, t: usize) -> String {
        self.tables[t].table.caption.clone()
    }

    pub fn line(&self, t: usize) -> usize {
        self.tables[t].table.line
    }

    /// Follows the objects queued so far, and theirs, to the end.
    pub fn link_pending(&mut self) {
        while let Some((index, source, section)) = self.pending.pop() {
            let mut fields = std::mem::take(&mut self.objects[index].fields);
            self.link(&mut fields, source, section);
            self.objects[index].fields = fields;
        }
    }

    /// `fields` were read from the rows of table `source`, one field per row; a
    /// row's links (`#table77`, `:ref:` labels) point at nested tables by anchor.
    pub fn link(&mut self, fields: &mut [Field], source: usize, section: Section) {
        let tables = self.tables;
        let source_rows = &tables[source].table.rows;
        // The objects of this table's fields, by the table numbers they cite
        // and the field's name.
        let mut cited_here: Vec<(Vec<u32>, String, String)> = Vec::new();
        for (row, field) in fields.iter_mut().enumerate() {
            if !wants_object(field) {
                continue;
            }
            let full: Vec<&String> = source_rows
                .get(row)
                .into_iter()
                .flatten()
                .flat_map(|c| c.links.iter())
                .collect();
            let links: Vec<&str> = full
                .iter()
                .map(|link| link.rsplit('#').next().unwrap_or(link))
                .collect();
            let cited = cited_numbers(field.description.preferred().unwrap_or_default());
            match self.target(field, &links, section) {
                Some(t) => {
                    let name = self.nest(field, t, section);
                    cited_here.push((cited, field.name.clone(), name));
                }
                None => {
                    // Siblings of one kind citing one table (`tags`, `not_tags`,
                    // `tags_any`, each `详情请参见表1`) share the object the first
                    // took; another kind citing it (`ipv6_bandwidth` beside
                    // `networks`) is a slip, left to the other rules.
                    let sibling = cited_here.iter().find(|(numbers, sibling, _)| {
                        !cited.is_empty() && *numbers == cited && share_a_word(sibling, &field.name)
                    });
                    match sibling {
                        Some((_, _, name)) => field.ty = of_object(field, name.clone()),
                        None => self.share(field, section),
                    }
                    if wants_object(field) && !full.is_empty() {
                        self.unlinked
                            .push((field.name.clone(), full.into_iter().cloned().collect()));
                    }
                }
            }
        }
    }

    /// Whether table `t` may describe a field of `section`: a parameter table
    /// there or in no section.
    fn candidate(&self, t: usize, section: Section) -> bool {
        let table = &self.tables[t];
        table.columns.is_some() && (table.section == section || table.section == Section::Other)
    }

    /// The free table that describes `field`. A citation by number and title
    /// (`如表9 notebook字段数据结构说明所示`) names the table of that title, whatever
    /// its number; a citation (`参见表4`, a link)
    /// outranks a caption that merely starts with the field's name
    /// (`firewall_rules_link对象` for `firewall_rules`), which outranks a caption
    /// that has the name among its words (`Parameter description of field tag`).
    fn target(&self, field: &Field, links: &[&str], section: Section) -> Option<usize> {
        let description = field.description.preferred().unwrap_or_default();
        let by_number = cited_numbers(description);
        // Only a title no other table of the page has is a witness.
        let unique_title = |t: &PageTable| {
            self.tables
                .iter()
                .filter(|other| other.table.title() == t.table.title())
                .count()
                == 1
        };
        let by_title = |t: &PageTable| unique_title(t) && cites_by_title(description, t.table);
        let cites = |t: &PageTable| {
            t.table.number().is_some_and(|n| by_number.contains(&n))
                || t.table.anchors.iter().any(|a| links.contains(&a.as_str()))
        };
        let names =
            |t: &PageTable| caption_names_field(t.table, &field.name) || field_cites_caption(t.table, field);
        let free = |rule: &dyn Fn(&PageTable) -> bool| {
            (0..self.tables.len()).find(|&t| {
                !self.roles[t].is_assigned() && self.candidate(t, section) && rule(&self.tables[t])
            })
        };
        // The caption names the field, or the type the table documents it as
        // (`trigger | trigger_resp` beside `Parameter description of field trigger_resp`).
        let doc_type = field.doc_type.as_deref().and_then(named_type).unwrap_or_default();
        let mentions = |t: &PageTable| {
            caption_mentions_field(t.table, &field.name)
                || !doc_type.is_empty() && caption_mentions_field(t.table, doc_type)
        };
        free(&by_title)
            .or_else(|| free(&cites))
            .or_else(|| free(&names))
            .or_else(|| free(&mentions))
    }

    /// A second field of one documented type (`request_vpc_info` and
    /// `accept_vpc_info`, both `vpc_info object`) shares its object. Only the
    /// type names it: a cited number that is taken is a slip.
    fn share(&self, field: &mut Field, section: Section) {
        let shared = (0..self.tables.len()).find_map(|t| match &self.roles[t] {
            Role::Object(name)
                if self.candidate(t, section) && field_cites_caption(self.tables[t].table, field) =>
            {
                Some(name.clone())
            }
            _ => None,
        });
        if let Some(name) = shared {
            field.ty = of_object(field, name);
        }
    }

    /// Table `t` becomes the object of `field`, queued to follow its own
    /// fields; the object's name.
    pub fn nest(&mut self, field: &mut Field, t: usize, section: Section) -> String {
        let table = self.tables[t].table;
        let columns = self.tables[t].columns.as_ref().expect("a parameter table");
        let mut nested = fields::rows(&table.rows, columns, self.lang);
        let description = field.description.preferred().unwrap_or_default();
        self.merge_alternatives(&mut nested, t, &cited_numbers(description), section);
        let name = object_name(&field.name, &self.objects);
        field.ty = of_object(field, name.clone());
        if nested.iter().any(|f| f.name.is_empty()) {
            self.findings.push(Finding::at(
                section,
                Severity::Warning,
                "empty-name",
                table.line,
                "a nested table row has no name",
            ));
        }
        self.roles[t] = Role::Object(name.clone());
        self.objects.push(ObjectTable {
            name: name.clone(),
            caption: text_in(self.lang, table.title().to_owned()),
            fields: nested,
        });
        self.pending.push((self.objects.len() - 1, t, section));
        self.sections.push(section);
        name
    }

    /// A field citing several tables (`具体请参考表7和表8`: OBS or HDFS
    /// parameters) takes one object: the other tables' rows join as optional
    /// fields, since one form is sent at a time.
    fn merge_alternatives(&mut self, fields: &mut Vec<Field>, taken: usize, cited: &[u32], section: Section) {
        for t in 0..self.tables.len() {
            let table = self.tables[t].table;
            let cited_here = table.number().is_some_and(|n| cited.contains(&n));
            if t == taken || self.roles[t].is_assigned() || !cited_here || !self.candidate(t, section) {
                continue;
            }
            self.roles[t] = Role::AlternativeObject;
            let columns = self.tables[t].columns.as_ref().expect("a parameter table");
            join_optional(fields, fields::rows(&table.rows, columns, self.lang));
            self.findings.push(Finding::at(
                section,
                Severity::Info,
                "alternative-object",
                table.line,
                format!(
                    "table `{}` is another form of the object its field cites; its fields are optional",
                    table.caption
                ),
            ));
        }
    }
}

/// Whether a field is an object no table describes yet, or arrays and maps
/// of one (`Map<String,Array of address objects>` is `map<array<object>>`).
pub fn wants_object(field: &Field) -> bool {
    fields::is(field, |t| {
        matches!(innermost(t), TypeExpr::Object | TypeExpr::Any)
    })
}

/// The element type inside every `array<…>` and `map<…>` of `ty`.
/// Whether two field names share a word of three letters or more, in any
/// number (`tags` and `not_tags_any`).
fn share_a_word(a: &str, b: &str) -> bool {
    let words = |name: &str| -> Vec<String> {
        naming::snake(name)
            .split('_')
            .filter(|w| w.len() >= 3)
            .map(english::singular)
            .collect()
    };
    let theirs = words(b);
    words(a).iter().any(|w| theirs.contains(w))
}

fn innermost(ty: &TypeExpr) -> &TypeExpr {
    match ty {
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => innermost(inner),
        other => other,
    }
}

/// The field's type with the object inside its arrays and maps named `name`
/// (`map<array<object>>` and `Address` give `map<array<Address>>`).
pub fn of_object(field: &Field, name: String) -> String {
    fn named(ty: TypeExpr, name: String) -> TypeExpr {
        match ty {
            TypeExpr::Array(inner) => TypeExpr::Array(Box::new(named(*inner, name))),
            TypeExpr::Map(inner) => TypeExpr::Map(Box::new(named(*inner, name))),
            _ => TypeExpr::Ref(name),
        }
    }
    match TypeExpr::parse(&field.ty) {
        Ok(ty) => named(ty, name).to_string(),
        Err(_) => name,
    }
}

/// Fields of another form of a table join as optional ones, since one form is
/// sent at a time; a name the first form has stays as it is.
pub fn join_optional(fields: &mut Vec<Field>, others: Vec<Field>) {
    for field in others {
        if !fields.iter().any(|f| f.name == field.name) {
            fields.push(Field {
                required: Some(false),
                ..field
            });
        }
    }
}
