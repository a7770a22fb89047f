//! Answers as a person reads them in a hover: a definition's markdown, shortened, with where it
//! came from.

use crate::file_url::file_url;
use crate::syntax::{Note, Span};
use crate::workspace::{DefRef, Workspace};
use std::path::Path;

/// About how many lines of an answer a hover shows.
pub const MAX_LINES: usize = 12;

/// A path as the user knows it: relative to its workspace root.
pub fn display_path(workspace: &Workspace, path: &Path) -> String {
    let relative = workspace
        .root_of(path)
        .and_then(|root| path.strip_prefix(root).ok())
        .unwrap_or(path);
    relative.to_string_lossy().into_owned()
}

/// `file.md › Heading › Subheading` for a place in a note.
pub fn source_label(workspace: &Workspace, path: &Path, note: &Note, offset: usize) -> String {
    let mut label = display_path(workspace, path);
    let mut trail: Vec<&str> = note
        .headings
        .iter()
        .filter(|h| h.section.range().contains(&offset) || h.span.touches(offset))
        .map(|h| &*h.text)
        .collect();
    if trail.len() > 2 {
        trail.drain(..trail.len() - 2);
    }
    for heading in trail {
        label.push_str(" › ");
        label.push_str(heading);
    }
    label
}

/// A markdown link to a place: `[label](file:///…#L12)`.
pub fn place_link(workspace: &Workspace, def: &DefRef) -> Option<String> {
    let (note, d) = workspace.definition(def)?;
    let label = source_label(workspace, &def.path, note, d.span.start as usize);
    let line = note.source.line_of(d.span.start as usize) + 1;
    Some(format!("[{label}]({})", file_url(&def.path, Some(line))))
}

/// The first lines of a span of a note as markdown: common indentation removed, blank edges
/// trimmed, at most [`MAX_LINES`] lines (an open code fence is closed), `…` when cut.
pub fn excerpt(note: &Note, span: Span) -> String {
    let text = note.source.text().get(span.range()).unwrap_or_default();
    shorten(text, MAX_LINES)
}

/// Shortens markdown to `max` lines, keeping it well-formed.
pub fn shorten(text: &str, max: usize) -> String {
    let lines: Vec<&str> = text.lines().skip_while(|l| l.trim().is_empty()).collect();
    let mut end = lines.len();
    while end > 0 && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    let lines = &lines[..end];
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let cut = lines.len() > max;
    let mut out: Vec<String> = lines
        .iter()
        .take(max)
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()).to_string())
        .collect();
    let fences = out
        .iter()
        .filter(|l| l.trim_start().starts_with("```"))
        .count();
    if fences % 2 == 1 {
        out.push("```".into());
    }
    if cut {
        out.push("…".into());
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortening_dedents_cuts_and_closes_fences() {
        assert_eq!(shorten("\n  - a\n    - b\n\n", 12), "- a\n  - b");
        let long: String = (0..20).map(|i| format!("line {i}\n")).collect();
        let short = shorten(&long, 12);
        assert_eq!(short.lines().count(), 13);
        assert!(short.ends_with('…'));
        assert_eq!(shorten("```py\nx = 1\ny = 2\n", 2), "```py\nx = 1\n```\n…");
    }
}
