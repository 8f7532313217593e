//! Source positions of YAML nodes, by path.
//!
//! serde_yaml gives typed values but no positions; validation needs a file:line:col
//! for every complaint. One pass over yaml-rust2's marked events records where each
//! node (and each mapping key) starts, keyed by a path such as `parameters[1].type`.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A position in a source file: 1-based line and column, byte offset and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub line: usize,
    pub col: usize,
    pub offset: usize,
    pub len: usize,
}

/// Where each node of one YAML document is.
#[derive(Debug, Default, Clone)]
pub struct Locations {
    values: HashMap<String, Span>,
    keys: HashMap<String, Span>,
}

impl Locations {
    /// Indexes `source`. A document that does not scan yields an empty index: the
    /// serde_yaml parse reports that error with its own position.
    pub fn index(source: &str) -> Locations {
        let mut builder = Builder {
            line_starts: std::iter::once(0)
                .chain(source.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            source,
            stack: Vec::new(),
            locations: Locations::default(),
        };
        let mut parser = Parser::new_from_str(source);
        let _ = parser.load(&mut builder, false);
        builder.locations
    }

    /// The value at `path`, else the nearest enclosing node that has a position.
    pub fn value(&self, path: &str) -> Span {
        self.lookup(&self.values, path)
    }

    /// The key that introduces `path` (`parameters[1].type` → the `type:` key).
    pub fn key(&self, path: &str) -> Span {
        self.keys.get(path).copied().unwrap_or_else(|| self.value(path))
    }

    fn lookup(&self, map: &HashMap<String, Span>, path: &str) -> Span {
        let mut path = path;
        loop {
            if let Some(span) = map.get(path) {
                return *span;
            }
            match path.rfind(['.', '[']) {
                Some(cut) => path = &path[..cut],
                None => return self.values.get("").copied().unwrap_or_default(),
            }
        }
    }
}

/// The byte offset of the `col`-th character (0-based) after `line_start`:
/// yaml-rust2's marks count characters, spans count bytes.
pub(crate) fn char_offset(source: &str, line_start: usize, col: usize) -> usize {
    source[line_start..]
        .char_indices()
        .nth(col)
        .map_or(source.len(), |(i, _)| line_start + i)
}

/// The span of one character at a yaml-rust2 mark, found without an index.
pub(crate) fn span_of_mark(source: &str, mark: &Marker) -> Span {
    let line_start = source
        .match_indices('\n')
        .nth(mark.line().saturating_sub(2))
        .map_or(0, |(i, _)| i + 1);
    let line_start = if mark.line() <= 1 { 0 } else { line_start };
    let offset = char_offset(source, line_start, mark.col());
    Span {
        line: mark.line(),
        col: mark.col() + 1,
        offset,
        len: source[offset..].chars().next().map_or(0, char::len_utf8),
    }
}

/// Joins a parent path and a mapping key.
pub fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// Joins a parent path and a sequence index.
pub fn item(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

enum Frame {
    Mapping {
        path: String,
        pending_key: Option<String>,
    },
    Sequence {
        path: String,
        next: usize,
    },
}

struct Builder<'s> {
    source: &'s str,
    /// Byte offset of each line's start: markers count characters, spans need bytes.
    line_starts: Vec<usize>,
    stack: Vec<Frame>,
    locations: Locations,
}

impl Builder<'_> {
    /// The path of the node that starts now, and whether it is a mapping key.
    fn next_node(&mut self) -> (String, bool) {
        match self.stack.last_mut() {
            None => (String::new(), false),
            Some(Frame::Sequence { path, next }) => {
                *next += 1;
                (item(path, *next - 1), false)
            }
            Some(Frame::Mapping { path, pending_key }) => match pending_key.take() {
                Some(key) => (child(path, &key), false),
                None => (path.clone(), true),
            },
        }
    }

    fn span(&self, mark: Marker, len: usize) -> Span {
        let line_start = self
            .line_starts
            .get(mark.line().saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let offset = char_offset(self.source, line_start, mark.col());
        let len = self.source[offset..].chars().take(len).map(char::len_utf8).sum();
        Span {
            line: mark.line(),
            col: mark.col() + 1,
            offset,
            len,
        }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, style, ..) => {
                let (path, is_key) = self.next_node();
                let len = match style {
                    TScalarStyle::Plain => value.chars().count(),
                    TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => value.chars().count() + 2,
                    _ => 1,
                };
                let span = self.span(mark, len.max(1));
                if is_key {
                    let key_path = child(&path, &value);
                    self.locations.keys.insert(key_path, span);
                    if let Some(Frame::Mapping { pending_key, .. }) = self.stack.last_mut() {
                        *pending_key = Some(value);
                    }
                } else {
                    self.locations.values.insert(path, span);
                }
            }
            Event::MappingStart(..) => {
                let (path, _) = self.next_node();
                let span = self.span(mark, 1);
                self.locations.values.insert(path.clone(), span);
                self.stack.push(Frame::Mapping {
                    path,
                    pending_key: None,
                });
            }
            Event::SequenceStart(..) => {
                let (path, _) = self.next_node();
                let span = self.span(mark, 1);
                self.locations.values.insert(path.clone(), span);
                self.stack.push(Frame::Sequence { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::Alias(_) => {
                self.next_node();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_and_keys_with_byte_offsets_after_multibyte_text() {
        let source = "title:\n  zh: 取消作业\nparameters:\n  - name: job_id\n    type: strin\n";
        let locations = Locations::index(source);
        let span = locations.value("parameters[0].type");
        assert_eq!((span.line, span.col), (5, 11));
        assert_eq!(&source[span.offset..span.offset + span.len], "strin");
        let key = locations.key("parameters[0].type");
        assert_eq!(&source[key.offset..key.offset + 4], "type");
    }

    #[test]
    fn falls_back_to_the_nearest_enclosing_node() {
        let source = "parameters:\n  - name: a\n";
        let locations = Locations::index(source);
        assert_eq!(locations.value("parameters[0].missing").line, 2);
    }
}
