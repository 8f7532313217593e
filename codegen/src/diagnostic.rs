//! Located problems in input files, reported all at once.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{NamedSource, SourceSpan};

use crate::spec::locate::Span;

/// One problem at one place in one file.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// The text at the location, as written in the file.
    pub snippet: String,
    #[help]
    pub help: Option<String>,
    #[source_code]
    source_code: NamedSource<Arc<str>>,
    #[label("here")]
    span: SourceSpan,
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
            source_code: NamedSource::new(file.display().to_string(), Arc::clone(source)),
            span: SourceSpan::new(start.into(), end - start),
        }
    }

    /// A problem with a whole file (unreadable, not found): no source to show.
    pub fn whole_file(file: &Path, message: impl Into<String>) -> Self {
        Self::new(file, &Arc::from(""), Span::default(), message)
    }

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
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

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
