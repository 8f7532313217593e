//! Located problems in input files, reported all at once.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::spec::locate::Span;

/// One problem at one place in one file.
///
/// Plain data: a front end renders it as it likes (the CLI draws the source
/// around [`byte_range`](Self::byte_range) with miette; a build script prints
/// [`one_line`](Self::one_line)).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct Diagnostic {
    /// The file the problem is in.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What is wrong.
    pub message: String,
    /// The text at the location, as written in the file.
    pub snippet: String,
    /// How to fix it, when there is something to say.
    pub help: Option<String>,
    text: Arc<str>,
    range: Range<usize>,
}

impl Diagnostic {
    pub fn new(file: &Path, source: &Arc<str>, span: Span, message: impl Into<String>) -> Self {
        let start = span.offset.min(source.len());
        let end = (start + span.len).min(source.len());
        let snippet = source
            .get(start..end)
            .unwrap_or_default()
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned();
        Diagnostic {
            file: file.to_owned(),
            line: span.line.max(1),
            col: span.col.max(1),
            message: message.into(),
            snippet,
            help: None,
            text: Arc::clone(source),
            range: start..end,
        }
    }

    /// The whole text of the file, empty for a file that could not be read.
    pub fn source_text(&self) -> &str {
        &self.text
    }

    /// The bytes of [`source_text`](Self::source_text) the problem is about.
    pub fn byte_range(&self) -> Range<usize> {
        self.range.clone()
    }

    /// A problem with a whole file (unreadable, not found): no source to show.
    pub fn whole_file(file: &Path, message: impl Into<String>) -> Self {
        Self::new(file, &Arc::from(""), Span::default(), message)
    }

    /// Adds advice on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:col: message (`snippet`)`, the form editors and CI logs link.
    pub fn one_line(&self) -> String {
        let mut line = format!(
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.col,
            self.message
        );
        if !self.snippet.is_empty() {
            line.push_str(&format!(" (found `{}`)", self.snippet));
        }
        if let Some(help) = &self.help {
            line.push_str(&format!("; {help}"));
        }
        line
    }
}

/// Every problem found in one run, in file order.
#[derive(Debug, Clone, Default, thiserror::Error)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Whether there is no problem.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Adds every problem of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Adds a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// The problems, in file order once sorted.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub(crate) fn sort(&mut self) {
        self.0
            .sort_by(|a, b| (&a.file, a.line, a.col, &a.message).cmp(&(&b.file, b.line, b.col, &b.message)));
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{}", diagnostic.one_line())?;
        }
        write!(f, "{} error(s)", self.0.len())
    }
}
