//! `notes-lsp check DIR`: every diagnostic as `path:line:col: severity[code]: message`.

use super::load_dir;
use crate::config::Severity;
use crate::features::diagnostics::{diagnose, Diagnostic};
use crate::text::Encoding;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// How `check` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per diagnostic and a summary, for people.
    Text,
    /// One JSON object per line, the last one the summary, for tools.
    Json,
}

/// Checks every note under `dir`, printing to `out`. Returns the exit code: 0 when clean,
/// 1 when a warning or error was found, 2 when `dir` cannot be read.
pub fn check(dir: &Path, format: Format, out: &mut dyn Write) -> u8 {
    if !dir.is_dir() {
        eprintln!("notes-lsp: {} is not a folder", dir.display());
        return 2;
    }
    let (workspace, skipped) = load_dir(dir);
    for skip in &skipped {
        eprintln!(
            "notes-lsp: skipped {}: {}",
            skip.path.display(),
            skip.reason
        );
    }
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut headings, mut links, mut failing) = (0, 0, false);
    for path in workspace.sorted_paths() {
        let note = workspace.note(&path).expect("listed paths are present");
        headings += note.headings.len();
        links += note.links.len();
        for d in diagnose(&workspace, &path, &workspace.config().severity) {
            *by_code.entry(d.code.name()).or_default() += 1;
            failing |= matches!(d.severity, Severity::Error | Severity::Warning);
            let pos = note.source.line_col(d.span.start as usize, Encoding::Utf16);
            let _ = print_diagnostic(out, format, &path, pos.line + 1, pos.col + 1, &d);
        }
    }
    let total: usize = by_code.values().sum();
    let _ = match format {
        Format::Text => {
            let counts: Vec<String> = by_code.iter().map(|(c, n)| format!("{c}: {n}")).collect();
            let detail = if counts.is_empty() {
                String::new()
            } else {
                format!(" ({})", counts.join(", "))
            };
            writeln!(
                out,
                "{} files, {headings} headings, {links} links, {total} diagnostics{detail}",
                workspace.len()
            )
        }
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::json!({"summary": {
                "files": workspace.len(), "headings": headings, "links": links,
                "diagnostics": total, "byCode": by_code, "skipped": skipped.len()
            }})
        ),
    };
    u8::from(failing)
}

fn print_diagnostic(
    out: &mut dyn Write,
    format: Format,
    path: &Path,
    line: u32,
    col: u32,
    d: &Diagnostic,
) -> std::io::Result<()> {
    match format {
        Format::Text => writeln!(
            out,
            "{}:{line}:{col}: {}[{}]: {}",
            path.display(),
            d.severity.name(),
            d.code.name(),
            d.message
        ),
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::json!({
                "path": path.display().to_string(), "line": line, "column": col,
                "severity": d.severity.name(), "code": d.code.name(), "message": d.message
            })
        ),
    }
}
