//! A table of contents between `<!-- toc -->` and `<!-- tocstop -->` (or `<!-- /toc -->`)
//! markers: a nested list of links to the headings after it, with the headings' own (GitHub)
//! anchors.

use super::{Fix, FixKind};
use crate::syntax::{Note, Span};
use crate::workspace::Workspace;
use std::path::Path;

/// The marker that opens a table of contents.
const START: &str = "<!-- toc -->";
/// The markers that close one.
const ENDS: [&str; 2] = ["<!-- tocstop -->", "<!-- /toc -->"];

/// "Update the table of contents" when `range` is in one that is out of date; "Insert a table
/// of contents" on an empty line of a note that has none.
pub(super) fn toc_actions(workspace: &Workspace, path: &Path, range: Span) -> Vec<Fix> {
    let Some(note) = workspace.note(path) else {
        return Vec::new();
    };
    let source = &note.source;
    let text = source.text();
    let lines = (0..source.line_count()).map(|i| (i, source.line_range(i)));
    let marker = |line: &std::ops::Range<usize>, wanted: &str| {
        text[line.clone()].trim().eq_ignore_ascii_case(wanted) && !note.in_code(line.start)
    };
    let start = lines.clone().find(|(_, l)| marker(l, START));
    let Some((start_line, start_range)) = start else {
        let here = source.line_range(source.line_of(range.start as usize));
        if !text[here.clone()].trim().is_empty() {
            return Vec::new();
        }
        let list = contents(note, here.start);
        let new = format!("{START}\n\n{list}\n{}\n", ENDS[0]);
        return vec![rewrite(
            "Insert a table of contents",
            here.start,
            here.start,
            new,
        )];
    };
    let end = lines
        .skip(start_line + 1)
        .find(|(_, l)| ENDS.iter().any(|e| marker(l, e)));
    let block_end = end.as_ref().map_or(start_range.end, |(_, l)| l.end);
    if range.end < start_range.start as u32 || range.start as usize > block_end {
        return Vec::new();
    }
    let after_start = line_end(text, start_range.end);
    let list = contents(note, block_end);
    let (replace_end, new) = match &end {
        Some((_, l)) => (l.start, format!("\n{list}\n")),
        None => (after_start, format!("\n{list}\n{}\n", ENDS[0])),
    };
    if text[after_start..replace_end] == new {
        return Vec::new();
    }
    vec![rewrite(
        "Update the table of contents",
        after_start,
        replace_end,
        new,
    )]
}

/// The offset just past the line break at or after `offset`.
fn line_end(text: &str, offset: usize) -> usize {
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

/// A rewrite of `start..end` to `new`.
fn rewrite(title: &str, start: usize, end: usize, new: String) -> Fix {
    let mut fix = Fix::quick(title.to_string(), vec![(Span::new(start, end), new)]);
    fix.kind = FixKind::Rewrite;
    fix
}

/// The list of links to the headings after `from`, nested by level.
fn contents(note: &Note, from: usize) -> String {
    let headings: Vec<_> = note
        .headings
        .iter()
        .filter(|h| h.span.start as usize >= from)
        .collect();
    let top = headings.iter().map(|h| h.level).min().unwrap_or(1);
    let mut out = String::new();
    for h in headings {
        let indent = "  ".repeat(usize::from(h.level - top));
        let label = h.text.replace('[', "\\[").replace(']', "\\]");
        out.push_str(&format!("{indent}- [{label}](#{})\n", h.slug));
    }
    out
}
