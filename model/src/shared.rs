//! Object tables that several operations of a service document alike.
//!
//! Each operation page documents its own nested tables, so the same `Tag` table
//! appears on every page that tags something. Where two or more operations
//! document a table of the same name with the same fields (wire and Rust names,
//! requiredness, types, constraints, and the same for every table it reaches),
//! the table becomes one type in the service's types module, and each of those
//! operations re-exports it: a `Tag` read from one operation's response can be
//! passed to another's request. Descriptions may differ between pages; the
//! shared type carries, field by field, the one given most often (the earliest
//! operation's on a tie). Each operation keeps its tables as its page documents
//! them and names the shared ones in `shared`.
//!
//! Tables of the same name but a different shape stay in their operation's
//! module. Per name, the shape most operations document is shared (the earliest
//! on a tie), and only when every table it reaches is shared as well.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::model::{MemberDocs, Object, Operation, Text};

/// The module shared types go in, unless an operation's module has that name.
const TYPES_MODULE: &str = "types";

/// Names, in each operation's `shared`, its tables that several operations
/// document alike, and returns the shared types made of them, in the order they
/// are first documented, with the module they go in.
pub(crate) fn share(operations: &mut [Operation]) -> (String, Vec<Object>) {
    let mut sharing = Sharing::default();
    for op in operations.iter() {
        sharing.add(op);
    }
    let decision = sharing.decide();
    let mut types = SharedTypes::default();
    for (op, shared) in operations.iter_mut().zip(decision.shared) {
        op.shared = shared;
        types.add(op);
    }
    (decision.module, types.finish())
}

/// What is shared, decided from every operation's tables, given in order;
/// only their shapes and the tables each names are kept.
#[derive(Default)]
pub(crate) struct Sharing {
    interned: Shapes,
    /// The operation modules a types module could be called (`types`,
    /// `shared_types`, ...), the only ones that need keeping.
    modules: Vec<String>,
    /// Per operation: each table's name, shape and the tables it names.
    tables: Vec<Vec<(String, Shape, Vec<String>)>>,
}

/// Which of each operation's tables are shared, and where shared types go.
pub(crate) struct Decision {
    /// `types`, unless an operation's module has that name.
    pub module: String,
    /// Per operation, in order: the names of its shared tables, in page order.
    pub shared: Vec<Vec<String>>,
}

impl Sharing {
    /// The next operation.
    pub(crate) fn add(&mut self, op: &Operation) {
        let shapes = self.interned.of(op);
        let tables = op
            .objects
            .iter()
            .map(|object| {
                let reaches = object
                    .fields
                    .iter()
                    .flat_map(|f| f.ty.object_names())
                    .map(str::to_owned)
                    .collect();
                (object.name.clone(), shapes[&object.name], reaches)
            })
            .collect();
        self.tables.push(tables);
        let module = &op.names.module;
        if module == TYPES_MODULE || module.starts_with(&format!("shared_{TYPES_MODULE}")) {
            self.modules.push(module.clone());
        }
    }

    /// Per name, the shape the most operations document wins; a table is
    /// shared when its shape is the winner and every table it reaches is
    /// shared too, and a name only while at least two operations share it.
    pub(crate) fn decide(self) -> Decision {
        let members = members(&self.tables);
        let shared = self
            .tables
            .iter()
            .enumerate()
            .map(|(i, tables)| {
                tables
                    .iter()
                    .filter(|(name, ..)| members.contains(&(i, name.as_str())))
                    .map(|(name, ..)| name.clone())
                    .collect()
            })
            .collect();
        Decision {
            module: module_name(&self.modules),
            shared,
        }
    }
}

/// `types`, or the first of `shared_types`, `shared_types_`, ... that no
/// operation's module is called.
fn module_name(modules: &[String]) -> String {
    let taken = |name: &str| modules.iter().any(|m| m == name);
    if !taken(TYPES_MODULE) {
        return TYPES_MODULE.to_owned();
    }
    let mut name = format!("shared_{TYPES_MODULE}");
    while taken(&name) {
        name.push('_');
    }
    name
}

/// The (operation index, table name) pairs whose table is shared.
fn members(tables: &[Vec<(String, Shape, Vec<String>)>]) -> BTreeSet<(usize, &str)> {
    let winners = winners(tables);
    let mut members: BTreeSet<(usize, &str)> = tables
        .iter()
        .enumerate()
        .flat_map(|(i, op_tables)| {
            op_tables
                .iter()
                .filter(|(name, shape, _)| winners.get(name.as_str()) == Some(shape))
                .map(move |(name, ..)| (i, name.as_str()))
        })
        .collect();
    let reaches = |i: usize, name: &str| {
        tables[i]
            .iter()
            .find(|(n, ..)| n == name)
            .map(|(_, _, reaches)| reaches.as_slice())
            .unwrap_or_default()
    };
    loop {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, name) in &members {
            *counts.entry(name).or_default() += 1;
        }
        let dropped: Vec<(usize, &str)> = members
            .iter()
            .filter(|(i, name)| {
                counts[name] < 2
                    || reaches(*i, name)
                        .iter()
                        .any(|r| !members.contains(&(*i, r.as_str())))
            })
            .copied()
            .collect();
        if dropped.is_empty() {
            return members;
        }
        for pair in &dropped {
            members.remove(pair);
        }
    }
}

/// Per table name, the shape documented by the most operations (at least two;
/// the earliest documented on a tie).
fn winners(tables: &[Vec<(String, Shape, Vec<String>)>]) -> BTreeMap<&str, Shape> {
    // name -> shape -> (operations, first operation index)
    let mut counts: BTreeMap<&str, BTreeMap<Shape, (usize, usize)>> = BTreeMap::new();
    for (i, op_tables) in tables.iter().enumerate() {
        for (name, shape, _) in op_tables {
            let entry = counts.entry(name).or_default().entry(*shape).or_insert((0, i));
            entry.0 += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(name, by_shape)| {
            let (shape, (count, _)) = by_shape
                .into_iter()
                .max_by(|(_, (ca, fa)), (_, (cb, fb))| ca.cmp(cb).then(fb.cmp(fa)))?;
            (count >= 2).then_some((name, shape))
        })
        .collect()
}

/// A table's shape, interned: equal numbers, equal shapes.
type Shape = usize;

/// Shapes as text (a table's fields and, nested, the numbers of the shapes
/// they reach), each numbered once: a service documenting `Tag` ten thousand
/// times holds its text once.
#[derive(Default)]
struct Shapes {
    numbers: std::collections::HashMap<String, Shape>,
}

impl Shapes {
    /// Each of an operation's tables' shape; a table that reaches itself is
    /// named there, not expanded.
    fn of(&mut self, op: &Operation) -> BTreeMap<String, Shape> {
        let tables: BTreeMap<&str, &Object> = op.objects.iter().map(|o| (o.name.as_str(), o)).collect();
        let mut memo = BTreeMap::new();
        for object in &op.objects {
            self.shape(&object.name, &tables, &mut memo, &mut Vec::new());
        }
        memo
    }

    fn shape(
        &mut self,
        name: &str,
        tables: &BTreeMap<&str, &Object>,
        memo: &mut BTreeMap<String, Shape>,
        stack: &mut Vec<String>,
    ) -> String {
        if let Some(known) = memo.get(name) {
            return format!("#{known}");
        }
        let Some(object) = tables.get(name) else {
            return format!("?{name}");
        };
        if stack.iter().any(|s| s == name) {
            return format!("^{name}");
        }
        stack.push(name.to_owned());
        let mut text = format!("{name}{{");
        for field in &object.fields {
            let _ = write!(
                text,
                "{}|{}|{}|{:?}|{:?}",
                field.wire, field.rust, field.required, field.ty, field.constraints
            );
            for nested in field.ty.object_names() {
                let nested = self.shape(nested, tables, memo, stack);
                let _ = write!(text, "<{nested}>");
            }
            text.push(';');
        }
        text.push('}');
        stack.pop();
        let next = self.numbers.len();
        let number = *self.numbers.entry(text).or_insert(next);
        memo.insert(name.to_owned(), number);
        format!("#{number}")
    }
}

/// The shared types, merged from their operations' tables given in order:
/// each field's description as given most often (the earliest operation's on
/// a tie), with that page's other notes on the field, the caption likewise;
/// reachable from a request or a response if any of the tables is. Holds one
/// tally per shared type, however many operations document it.
#[derive(Default)]
pub struct SharedTypes {
    tallies: Vec<Tally>,
    /// Each shared type's place in `tallies`, by name.
    places: BTreeMap<String, usize>,
}

struct Tally {
    first: Object,
    captions: Vec<(Text, usize)>,
    /// Per field: each description given, with the notes of the first page
    /// that gave it, and how often.
    fields: Vec<Vec<(MemberDocs, usize)>>,
    in_request: bool,
    in_response: bool,
}

impl SharedTypes {
    /// The next operation's shared tables (those its `shared` names).
    pub fn add(&mut self, op: &Operation) {
        for object in op.objects.iter().filter(|o| op.shared.contains(&o.name)) {
            match self.places.get(&object.name) {
                Some(&place) => self.tallies[place].add(object),
                None => {
                    self.places.insert(object.name.clone(), self.tallies.len());
                    self.tallies.push(Tally::new(object));
                }
            }
        }
    }

    /// The shared types, in the order first documented.
    pub fn finish(self) -> Vec<Object> {
        self.tallies.into_iter().map(Tally::finish).collect()
    }
}

impl Tally {
    fn new(object: &Object) -> Self {
        Tally {
            first: object.clone(),
            captions: vec![(object.caption.clone(), 1)],
            fields: object.fields.iter().map(|f| vec![(f.docs.clone(), 1)]).collect(),
            in_request: object.in_request,
            in_response: object.in_response,
        }
    }

    fn add(&mut self, object: &Object) {
        count(&mut self.captions, &object.caption, |a, b| a == b);
        for (tally, field) in self.fields.iter_mut().zip(&object.fields) {
            count(tally, &field.docs, |a, b| a.description == b.description);
        }
        self.in_request |= object.in_request;
        self.in_response |= object.in_response;
    }

    fn finish(self) -> Object {
        let mut object = self.first;
        object.caption = most_common(self.captions);
        for (field, docs) in object.fields.iter_mut().zip(self.fields) {
            field.docs = most_common(docs);
        }
        object.in_request = self.in_request;
        object.in_response = self.in_response;
        object
    }
}

/// Counts `value` under the first value `same` as it, or as a new one.
fn count<T: Clone>(counted: &mut Vec<(T, usize)>, value: &T, same: impl Fn(&T, &T) -> bool) {
    match counted.iter_mut().find(|(v, _)| same(v, value)) {
        Some((_, n)) => *n += 1,
        None => counted.push((value.clone(), 1)),
    }
}

/// The value counted most often; the earliest of those on a tie.
fn most_common<T>(counted: Vec<(T, usize)>) -> T {
    let most = counted.iter().map(|(_, n)| *n).max().unwrap_or_default();
    counted
        .into_iter()
        .find(|(_, n)| *n == most)
        .expect("a tally counts at least one value")
        .0
}
