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

use crate::model::{Object, Operation};

/// The module shared types go in, unless an operation's module has that name.
const TYPES_MODULE: &str = "types";

/// Names, in each operation's `shared`, its tables that several operations
/// document alike, and returns the shared types made of them, in the order they
/// are first documented, with the module they go in.
pub(crate) fn share(operations: &mut [Operation]) -> (String, Vec<Object>) {
    let module = module_name(operations);
    let mut interned = Shapes::default();
    let shapes: Vec<BTreeMap<String, Shape>> = operations.iter().map(|op| interned.of(op)).collect();
    drop(interned);
    let members = members(operations, &shapes);
    let mut shared = Vec::new();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for (op_index, op) in operations.iter().enumerate() {
        for object in &op.objects {
            let name = object.name.as_str();
            if done.contains(name) || !members.contains(&(op_index, name.to_owned())) {
                continue;
            }
            done.insert(name);
            let alike: Vec<&Object> = members
                .iter()
                .filter(|(_, n)| n == name)
                .filter_map(|(i, _)| operations[*i].objects.iter().find(|o| o.name == name))
                .collect();
            shared.push(merged(&alike));
        }
    }
    for (op_index, op) in operations.iter_mut().enumerate() {
        op.shared = op
            .objects
            .iter()
            .filter(|o| members.contains(&(op_index, o.name.clone())))
            .map(|o| o.name.clone())
            .collect();
    }
    (module, shared)
}

/// `types`, or the first of `shared_types`, `shared_types_`, ... that no
/// operation's module is called.
fn module_name(operations: &[Operation]) -> String {
    let taken = |name: &str| operations.iter().any(|op| op.names.module == name);
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
///
/// Per name, the shape the most operations document wins; a pair belongs when
/// its shape is the winner and every table it reaches belongs too, and a name
/// is shared only while at least two operations belong.
fn members(operations: &[Operation], shapes: &[BTreeMap<String, Shape>]) -> BTreeSet<(usize, String)> {
    let winners = winners(shapes);
    let mut members: BTreeSet<(usize, String)> = shapes
        .iter()
        .enumerate()
        .flat_map(|(i, op_shapes)| {
            op_shapes
                .iter()
                .filter(|(name, shape)| winners.get(*name) == Some(shape))
                .map(move |(name, _)| (i, name.clone()))
        })
        .collect();
    loop {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, name) in &members {
            *counts.entry(name).or_default() += 1;
        }
        let dropped: Vec<(usize, String)> = members
            .iter()
            .filter(|(i, name)| {
                counts[name.as_str()] < 2
                    || reaches(&operations[*i], name)
                        .into_iter()
                        .any(|r| !members.contains(&(*i, r.to_owned())))
            })
            .cloned()
            .collect();
        if dropped.is_empty() {
            return members;
        }
        for pair in &dropped {
            members.remove(pair);
        }
    }
}

/// The tables an operation's table `name` names directly.
fn reaches<'a>(op: &'a Operation, name: &str) -> Vec<&'a str> {
    op.objects
        .iter()
        .find(|o| o.name == name)
        .map(|o| o.fields.iter().flat_map(|f| f.ty.object_names()).collect())
        .unwrap_or_default()
}

/// Per table name, the shape documented by the most operations (at least two;
/// the earliest documented on a tie).
fn winners(shapes: &[BTreeMap<String, Shape>]) -> BTreeMap<String, Shape> {
    // name -> shape -> (operations, first operation index)
    let mut counts: BTreeMap<&str, BTreeMap<Shape, (usize, usize)>> = BTreeMap::new();
    for (i, op_shapes) in shapes.iter().enumerate() {
        for (name, shape) in op_shapes {
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
            (count >= 2).then(|| (name.to_owned(), shape))
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

/// One type from tables of the same shape: each field's description as given
/// most often (the earliest operation's on a tie), with that page's other notes
/// on the field, the caption likewise; reachable from a request or a response
/// if any of them is.
fn merged(alike: &[&Object]) -> Object {
    let first = alike[0];
    let fields = first
        .fields
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let docs = || alike.iter().map(|o| &o.fields[i].docs);
            let description = most_common(docs().map(|d| &d.description));
            let mut field = field.clone();
            field.docs = docs()
                .find(|d| &d.description == description)
                .expect("the description is one of theirs")
                .clone();
            field
        })
        .collect();
    Object {
        name: first.name.clone(),
        caption: most_common(alike.iter().map(|o| &o.caption)).clone(),
        fields,
        in_request: alike.iter().any(|o| o.in_request),
        in_response: alike.iter().any(|o| o.in_response),
    }
}

/// The value given most often; the earliest of those on a tie. Linear in the
/// values for the few distinct ones pages give.
fn most_common<'a, T: PartialEq>(values: impl Iterator<Item = &'a T>) -> &'a T {
    let mut counted: Vec<(&T, usize)> = Vec::new();
    for value in values {
        match counted.iter_mut().find(|(v, _)| *v == value) {
            Some((_, n)) => *n += 1,
            None => counted.push((value, 1)),
        }
    }
    let most = counted
        .iter()
        .map(|(_, n)| *n)
        .max()
        .expect("a shared table has members");
    counted
        .into_iter()
        .find(|(_, n)| *n == most)
        .expect("the maximum is counted")
        .0
}
