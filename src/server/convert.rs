//! Protocol ↔ plain data: URIs and paths, spans and ranges, diagnostics.

use crate::config::Severity;
use crate::features::diagnostics::Diagnostic;
use crate::file_url::file_url;
use crate::syntax::{Note, Span};
use crate::text::{Encoding, LineCol};
use crate::workspace::normalize;
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types::{self as lsp, Position, Range, Uri};

/// The file a `file:` URI names, normalised; `None` for other schemes.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| normalize(&p))
}

/// The `file:` URI of an absolute path ([`file_url`]).
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    if !path.is_absolute() {
        return None;
    }
    file_url(path, None).parse().ok()
}

/// An editor position.
pub fn position(lc: LineCol) -> Position {
    Position::new(lc.line, lc.col)
}

/// A protocol position as a line and column.
pub fn line_col(p: Position) -> LineCol {
    LineCol {
        line: p.line,
        col: p.character,
    }
}

/// The editor range of a span of `note`.
pub fn range(note: &Note, span: Span, encoding: Encoding) -> Range {
    Range::new(
        position(note.source.line_col(span.start as usize, encoding)),
        position(note.source.line_col(span.end as usize, encoding)),
    )
}

/// A diagnostic as the protocol shows it.
pub fn diagnostic(note: &Note, d: &Diagnostic, encoding: Encoding) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: range(note, d.span, encoding),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Information | Severity::Off => lsp::DiagnosticSeverity::INFORMATION,
            Severity::Hint => lsp::DiagnosticSeverity::HINT,
        }),
        code: Some(lsp::NumberOrString::String(d.code.name().to_string())),
        source: Some("notes-lsp".to_string()),
        message: d.message.clone(),
        ..Default::default()
    }
}
