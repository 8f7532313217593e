//! Changes to members (parameters, request and response fields) and, through
//! their object types, to the tables they refer to.

use hwcloud_model::model::{Location, Member, Object, Type};

use super::types::{object_name, shape, type_text};
use super::{At, Changes, Class};

/// Compares members of one side of an operation: its input (parameters and
/// the request body) or its output (the response).
pub(super) struct MemberDiff<'w, 'a> {
    pub(super) changes: &'w mut Changes<'a>,
    /// `service::module`, where the operation's tables are generated.
    pub(super) module: &'w str,
    pub(super) old_objects: &'a [Object],
    pub(super) new_objects: &'a [Object],
    /// Parameters and request fields, which the caller sets; else response
    /// fields, which the caller reads.
    pub(super) is_input: bool,
    /// The tables (old, new) being compared on the way here: a table that
    /// refers to itself, directly or through others, is compared once per path.
    pub(super) visiting: Vec<(&'a str, &'a str)>,
}

/// How a member of either list matches the other list.
enum Pairing<'m> {
    /// The same wire name on both sides.
    Same(&'m Member, &'m Member),
    /// Another wire name, the same Rust name: it still compiles, and sends
    /// something else.
    WireRenamed(&'m Member, &'m Member),
    Removed(&'m Member),
    Added(&'m Member),
}

/// Matches members by wire name (they travel by it), else by Rust name: the old
/// members in order, then the new ones left.
fn pairings<'m>(old: &'m [Member], new: &'m [Member]) -> Vec<Pairing<'m>> {
    let renamed: Vec<(&Member, &Member)> = old
        .iter()
        .filter(|o| !new.iter().any(|n| n.wire == o.wire))
        .filter_map(|o| {
            new.iter()
                .find(|n| n.rust == o.rust && !old.iter().any(|x| x.wire == n.wire))
                .map(|n| (o, n))
        })
        .collect();
    let olds = old.iter().map(|o| {
        if let Some((_, n)) = renamed.iter().find(|(x, _)| x.wire == o.wire) {
            Pairing::WireRenamed(o, n)
        } else if let Some(n) = new.iter().find(|n| n.wire == o.wire) {
            Pairing::Same(o, n)
        } else {
            Pairing::Removed(o)
        }
    });
    let added = new
        .iter()
        .filter(|n| !old.iter().any(|o| o.wire == n.wire) && !renamed.iter().any(|(_, r)| r.wire == n.wire))
        .map(Pairing::Added);
    olds.chain(added).collect()
}

impl MemberDiff<'_, '_> {
    /// Compares the members of `owner` (a Rust type) found at `prefix` (a spec
    /// path), matched by [`pairings`].
    pub(super) fn list(&mut self, prefix: &str, owner: &str, old: &[Member], new: &[Member]) {
        let path_of = |m: &Member| format!("{prefix}.{}", m.wire);
        let item_of = |m: &Member| format!("{owner}::{}", m.rust);
        for pairing in pairings(old, new) {
            match pairing {
                Pairing::Same(o, n) => self.pair(At::new(&path_of(o), &item_of(n)), o, n),
                Pairing::WireRenamed(o, n) => {
                    let (path, item) = (path_of(o), item_of(o));
                    let at = At::new(&path, &item);
                    let (was, is) = (Some(o.wire.as_str()), Some(n.wire.as_str()));
                    self.changes
                        .push(Class::Breaking, "wire name changed (Rust name kept)", at, was, is);
                    self.pair(At::new(&path_of(n), &item), o, n);
                }
                Pairing::Removed(o) => self.removed(At::new(&path_of(o), &item_of(o)), o),
                Pairing::Added(n) => self.added(At::new(&path_of(n), &item_of(n)), n),
            }
        }
    }

    /// A member gone: the caller can no longer set it, or read it.
    fn removed(&mut self, at: At<'_>, old: &Member) {
        let what = if self.is_input {
            "parameter removed"
        } else {
            "response field removed"
        };
        let was = type_text(&old.ty, old.required);
        self.changes.push(Class::Breaking, what, at, Some(&was), None);
    }

    /// A new member: breaking if the caller must now set it.
    fn added(&mut self, at: At<'_>, new: &Member) {
        let (class, what) = match (self.is_input, new.required) {
            (true, true) => (Class::Breaking, "required parameter added"),
            (true, false) => (Class::Additive, "optional parameter added"),
            (false, _) => (Class::Additive, "response field added"),
        };
        let is = type_text(&new.ty, new.required);
        self.changes.push(class, what, at, None, Some(&is));
    }

    /// Compares one member as both sides have it: its Rust name, type and
    /// requiredness, then what its docs say.
    pub(super) fn pair(&mut self, at: At<'_>, old: &Member, new: &Member) {
        if old.rust != new.rust {
            self.changes.push(
                Class::Breaking,
                "Rust name changed",
                at,
                Some(&old.rust),
                Some(&new.rust),
            );
        }
        self.ty(at, old, new);
        self.required(at, old, new);
        let description = format!("{}.description", at.path);
        self.changes.text(
            At::new(&description, at.item),
            &old.docs.description,
            &new.docs.description,
        );
        self.constraints(at, old, new);
        self.documented(at, old, new);
    }

    /// Another type (object names aside) is breaking; an object type whose
    /// table was renamed renames a Rust type; else the tables are compared.
    fn ty(&mut self, at: At<'_>, old: &Member, new: &Member) {
        if shape(&old.ty) != shape(&new.ty) {
            let what = if self.is_input {
                "type changed"
            } else {
                "response field retyped"
            };
            let (o, n) = (type_text(&old.ty, old.required), type_text(&new.ty, new.required));
            self.changes.push(Class::Breaking, what, at, Some(&o), Some(&n));
            return;
        }
        if let (Some(o), Some(n)) = (object_name(&old.ty), object_name(&new.ty))
            && o != n
        {
            self.changes
                .push(Class::Breaking, "Rust name changed", at, Some(o), Some(n));
        }
        self.nested(at.path, &old.ty, &new.ty);
    }

    /// Required or not changes the Rust type (an `Option`) either way.
    fn required(&mut self, at: At<'_>, old: &Member, new: &Member) {
        if old.required == new.required {
            return;
        }
        let what = match (self.is_input, new.required) {
            (true, true) => "optional became required",
            (true, false) => "required became optional (field becomes an Option)",
            (false, true) => "response field became mandatory (Option removed)",
            (false, false) => "response field became optional (now an Option)",
        };
        let (o, n) = (type_text(&old.ty, old.required), type_text(&new.ty, new.required));
        self.changes.push(Class::Breaking, what, at, Some(&o), Some(&n));
    }

    /// Lengths and bounds: `to_http_request` checks a parameter's and a body
    /// field's, so a tighter one rejects requests that passed (breaking) and a
    /// looser one accepts more (additive); a nested object's or a response field's
    /// are documentation.
    fn constraints(&mut self, at: At<'_>, old: &Member, new: &Member) {
        // Checked members sit one level down: `query.limit`, `request.name`.
        let checked = self.is_input && at.path.matches('.').count() == 1 && !at.path.contains('[');
        let (o, n) = (old.constraints, new.constraints);
        let wide = |v: Option<u64>| v.map(i128::from);
        let signed = |v: Option<i64>| v.map(i128::from);
        let rows = [
            ("min_length", wide(o.min_length), wide(n.min_length), true),
            ("max_length", wide(o.max_length), wide(n.max_length), false),
            ("minimum", signed(o.minimum), signed(n.minimum), true),
            ("maximum", signed(o.maximum), signed(n.maximum), false),
        ];
        for (label, before, after, is_lower) in rows {
            if before == after {
                continue;
            }
            let (class, what) = match (checked, tightened(before, after, is_lower)) {
                (true, true) => (
                    Class::Breaking,
                    format!("{label} tightened (checked before sending)"),
                ),
                (true, false) => (Class::Additive, format!("{label} loosened")),
                (false, _) => (Class::Documentation, format!("{label} changed")),
            };
            let text = |v: Option<i128>| v.map(|v| v.to_string());
            let (before, after) = (text(before), text(after));
            self.changes
                .push(class, &what, at, before.as_deref(), after.as_deref());
        }
    }

    /// What the docs say of a member beyond its description: documentation.
    fn documented(&mut self, at: At<'_>, old: &Member, new: &Member) {
        let joined = |values: &[String]| (!values.is_empty()).then(|| values.join(", "));
        let facts = [
            (
                "documented type",
                old.docs.doc_type.clone(),
                new.docs.doc_type.clone(),
            ),
            ("default", old.docs.default.clone(), new.docs.default.clone()),
            ("range", old.docs.range.clone(), new.docs.range.clone()),
            (
                "documented values",
                joined(&old.docs.values),
                joined(&new.docs.values),
            ),
            // Path parameters match by position: their placeholder name does not travel.
            ("placeholder name", path_only(old), path_only(new)),
            // Which clouds' pages have it: what its docs say (nothing checks it).
            ("availability", joined(&old.docs.clouds), joined(&new.docs.clouds)),
        ];
        for (label, o, n) in facts {
            if o != n {
                let what = format!("{label} changed");
                self.changes
                    .push(Class::Documentation, &what, at, o.as_deref(), n.as_deref());
            }
        }
    }

    /// Follows object types into their tables, extending the path with `[]` for
    /// arrays and `{}` for maps.
    fn nested(&mut self, path: &str, old: &Type, new: &Type) {
        match (old, new) {
            (Type::Vec(o), Type::Vec(n)) => self.nested(&format!("{path}[]"), o, n),
            (Type::Boxed(o), Type::Boxed(n)) => self.nested(path, o, n),
            (Type::Map(o), Type::Map(n)) => self.nested(&format!("{path}{{}}"), o, n),
            (Type::Object(o), Type::Object(n)) => self.table(path, o, n),
            _ => {}
        }
    }

    /// The tables named `old` and `new` (one table, renamed or not): their
    /// caption and their fields.
    fn table(&mut self, path: &str, old: &str, new: &str) {
        let (Some(o), Some(n)) = (
            self.old_objects.iter().find(|x| x.name == old),
            self.new_objects.iter().find(|x| x.name == new),
        ) else {
            return;
        };
        if self.visiting.contains(&(o.name.as_str(), n.name.as_str())) {
            return;
        }
        let owner = format!("{}::{}", self.module, n.name);
        let caption = format!("{path}.caption");
        self.changes
            .text(At::new(&caption, &owner), &o.caption, &n.caption);
        self.visiting.push((&o.name, &n.name));
        self.list(path, &owner, &o.fields, &n.fields);
        self.visiting.pop();
    }
}

/// Whether a bound moved to accept less: a lower bound up, an upper bound down,
/// or one where there was none.
fn tightened(before: Option<i128>, after: Option<i128>, is_lower: bool) -> bool {
    after.is_some_and(|b| before.is_none_or(|a| if is_lower { b > a } else { b < a }))
}

/// A path parameter's placeholder name.
fn path_only(member: &Member) -> Option<String> {
    (member.location == Some(Location::Path)).then(|| member.wire.clone())
}
