//! Inlay hints: an acronym's expansion after its first use in a note (`WAL` → "write-ahead
//! log"), unless the note spells it out on that line.

use crate::syntax::{is_acronym, term_words, Span};
use crate::workspace::Workspace;
use std::collections::HashSet;
use std::path::Path;

/// One hint: where it goes and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Hint {
    /// The byte offset it is shown at (just after the acronym).
    pub offset: usize,
    /// The expansion.
    pub label: String,
}

/// Hints for the first use of each acronym of the note at `path` that falls in `range`.
pub fn acronym_hints(workspace: &Workspace, path: &Path, range: Span) -> Vec<Hint> {
    let Some(note) = workspace.note(path) else {
        return Vec::new();
    };
    let source = &note.source;
    let text = source.text();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut out = Vec::new();
    // Every line up to the range's end: a first use before the range has no hint in it.
    for line_index in 0..=source.line_of(range.end as usize) {
        let line = source.line_range(line_index);
        let line_text = &text[line.clone()];
        for (s, e) in term_words(line_text) {
            let word = &line_text[s..e];
            let start = line.start + s;
            if !is_acronym(word) || note.in_code(start) || !seen.insert(word) {
                continue;
            }
            if !range.touches(start) {
                continue;
            }
            let Some(expansion) = expansion(workspace, word) else {
                continue;
            };
            if line_text.to_lowercase().contains(&expansion.to_lowercase()) {
                continue;
            }
            out.push(Hint {
                offset: line.start + e,
                label: expansion,
            });
        }
    }
    out
}

/// The name other than an acronym that a definition of `acronym` gives.
fn expansion(workspace: &Workspace, acronym: &str) -> Option<String> {
    workspace
        .definitions_filed_as(acronym)
        .iter()
        .filter_map(|d| workspace.definition(d))
        .flat_map(|(_, def)| def.names())
        .find(|name| !is_acronym(name))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acronym_is_expanded_once_where_the_note_does_not_spell_it_out() {
        let notes = [
            (
                "/v/a.md",
                "# Notes\n**Write-Ahead Log** (WAL) is a log of changes.\n",
            ),
            (
                "/v/b.md",
                "`WAL` first in code.\nThe WAL, then WAL again, and CAP.\nWrite-ahead log (WAL).\n",
            ),
        ];
        let ws = crate::workspace::of_notes(&notes);
        let text = notes[1].1;
        let hints = acronym_hints(&ws, Path::new("/v/b.md"), Span::new(0, text.len()));
        let at = text.find("The WAL").unwrap() + "The WAL".len();
        assert_eq!(
            hints,
            [Hint {
                offset: at,
                label: "Write-Ahead Log".into()
            }]
        );
        assert!(acronym_hints(&ws, Path::new("/v/b.md"), Span::new(at + 1, text.len())).is_empty());
    }
}
