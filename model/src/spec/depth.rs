//! A bound on how deep a spec file's YAML nests, checked before anything parses it.
//!
//! Spec files nest a handful of levels (`response.fields[0].description.en`). A
//! hostile or broken file of nested `[` or `{` costs the YAML parsers time
//! quadratic in the depth, so one linear pass over the events rejects it first.

use yaml_rust2::parser::{Event, Parser};

use super::locate::{Span, span_of_mark};

/// The deepest nesting of mappings and sequences a spec file may have.
pub const MAX_DEPTH: usize = 32;

/// Where the file first nests deeper than [`MAX_DEPTH`], if it does. A file that
/// does not scan passes: the typed parse reports that error at its own position.
pub fn too_deep(source: &str) -> Option<Span> {
    let mut depth = 0usize;
    let mut parser = Parser::new_from_str(source);
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(next) => next,
            // The scanner's own bound on flow nesting, met while it looks ahead.
            Err(error) if error.info() == "recursion limit exceeded" => {
                return Some(span_of_mark(source, error.marker()));
            }
            Err(_) => return None,
        };
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(span_of_mark(source, &mark));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            Event::StreamEnd => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_nesting_passes_and_deep_nesting_is_located() {
        assert_eq!(too_deep("a:\n  b: [1, {c: [2]}]\n"), None);
        let closed = |n: usize| format!("a: {}{}\n", "[".repeat(n), "]".repeat(n));
        assert_eq!(too_deep(&closed(MAX_DEPTH - 1)), None, "at the bound");
        assert_eq!(
            too_deep(&closed(MAX_DEPTH)).map(|s| (s.line, s.col)),
            Some((1, 4 + MAX_DEPTH - 1))
        );
        let deep = format!("a:\n  b: {}", "[".repeat(1000));
        let at = too_deep(&deep).unwrap();
        assert_eq!(at.line, 2);
        let flow = format!("a: {{en: {}}}", "[".repeat(100_000));
        assert_eq!(too_deep(&flow).unwrap().line, 1);
    }

    #[test]
    fn the_span_is_in_bytes_after_multibyte_text() {
        let source = format!("标题: 中文\na: {}", "[".repeat(1000));
        let at = too_deep(&source).unwrap();
        assert_eq!(at.line, 2);
        assert_eq!(&source[at.offset..at.offset + at.len], "[");
    }

    #[test]
    fn block_scalars_holding_brackets_are_text() {
        let body = format!("body: |\n  {}\n", "[".repeat(1000));
        assert_eq!(too_deep(&body), None);
    }
}
