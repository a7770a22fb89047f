//! Semantic tokens: every known term written in a note (marked apart when its only definitions
//! are gaps) and every broken link, so that a theme can show what has an answer. Terms are
//! looked up in the term index, window by window of a line's words, from the words that the
//! term filter says may start a name; nothing else is read.

use super::diagnostics::problems_of_links;
use crate::config::DiagnosticCode;
use crate::syntax::{term_words, Note, Span};
use crate::workspace::Workspace;
use std::collections::HashMap;
use std::path::Path;

/// What a token marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A term the workspace defines.
    Term {
        /// Every definition of it is only a placeholder.
        gap_only: bool,
    },
    /// A link that leads nowhere (a missing file or heading, an unknown wiki name).
    BrokenLink,
}

/// One token: where, and what.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where, in the note's bytes (within one line).
    pub span: Span,
    /// What it marks.
    pub kind: TokenKind,
}

/// The tokens of the note at `path` that start in `range` (the whole note when `None`), in
/// document order and never overlapping.
pub fn semantic_tokens(workspace: &Workspace, path: &Path, range: Option<Span>) -> Vec<Token> {
    let Some(note) = workspace.note(path) else {
        return Vec::new();
    };
    let source = &note.source;
    let text = source.text();
    let range = range.unwrap_or(Span::new(0, text.len()));
    let in_range = note
        .links
        .iter()
        .filter(|link| range.touches(link.dest_span.start as usize));
    let links: Vec<Token> = problems_of_links(workspace, path, note, in_range)
        .into_iter()
        .filter(|(_, code, _)| {
            !matches!(
                code,
                DiagnosticCode::NonCanonicalAnchor | DiagnosticCode::AmbiguousAnchor
            )
        })
        .map(|(span, _, _)| Token {
            span,
            kind: TokenKind::BrokenLink,
        })
        .collect();
    let mut out = term_tokens(workspace, note, range);
    // A term written inside a broken link's destination is part of the link.
    out.extend(links);
    out.sort_by_key(|t| (t.span.start, matches!(t.kind, TokenKind::Term { .. })));
    out.dedup_by(|later, kept| later.span.start < kept.span.end);
    out
}

/// The known terms written in `note` that start in `range`: from each word the term filter lets
/// through, the longest window of words that the term index has.
fn term_tokens(workspace: &Workspace, note: &Note, range: Span) -> Vec<Token> {
    let (source, text) = (&note.source, note.source.text());
    // Per window looked up, whether it is a term and whether only gaps define it: a note
    // mentions its terms again and again.
    let mut known: HashMap<&str, Option<bool>, foldhash::fast::RandomState> = HashMap::default();
    let mut is_term = |window| {
        *known.entry(window).or_insert_with(|| {
            let defs = workspace.definitions_filed_as(window);
            (!defs.is_empty()).then(|| {
                defs.iter()
                    .all(|d| workspace.definition(d).is_some_and(|(_, def)| def.gap))
            })
        })
    };
    let mut out = Vec::new();
    let first = source.line_of(range.start as usize);
    let last = source.line_of(range.end as usize);
    for line_index in first..=last {
        let line = source.line_range(line_index);
        let words = term_words(&text[line.clone()]);
        let mut i = 0;
        while i < words.len() {
            let start = line.start + words[i].0;
            let longest = workspace.longest_term_from(&text[start..line.start + words[i].1]);
            if !range.touches(start) || longest == 0 || note.in_code(start) {
                i += 1;
                continue;
            }
            let found = (1..=longest.min(words.len() - i)).rev().find_map(|n| {
                let end = line.start + words[i + n - 1].1;
                is_term(&text[start..end]).map(|gap_only| (n, end, gap_only))
            });
            let Some((n, end, gap_only)) = found else {
                i += 1;
                continue;
            };
            out.push(Token {
                span: Span::new(start, end),
                kind: TokenKind::Term { gap_only },
            });
            i += n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_terms_gap_only_terms_and_broken_links_are_marked() {
        let notes = [
            (
                "/v/a.md",
                "# Notes\n**Write-Ahead Log** (WAL) is a log of changes.\n- What is sharding?\n  - f\n",
            ),
            (
                "/v/b.md",
                "The write-ahead log and the WAL; sharding too. `WAL` in code.\n[x](a.md#nope) [y](gone.md)\n",
            ),
        ];
        let ws = crate::workspace::of_notes(&notes);
        let text = notes[1].1;
        let tokens: Vec<(&str, TokenKind)> = semantic_tokens(&ws, Path::new("/v/b.md"), None)
            .into_iter()
            .map(|t| (&text[t.span.range()], t.kind))
            .collect();
        let term = TokenKind::Term { gap_only: false };
        assert_eq!(
            tokens,
            [
                ("write-ahead log", term),
                ("WAL", term),
                ("sharding", TokenKind::Term { gap_only: true }),
                ("a.md#nope", TokenKind::BrokenLink),
                ("gone.md", TokenKind::BrokenLink),
            ]
        );
    }

    /// The term filter follows the notes: a name is marked once a note defines it, under its
    /// new name once the note is edited, and no more once the note is gone.
    #[test]
    fn tokens_follow_notes_added_edited_and_removed() {
        let reader = "The write-ahead log, the WAL and the commit log.\n";
        let mut ws = crate::workspace::of_notes(&[("/v/b.md", reader)]);
        let marked = |ws: &Workspace| -> Vec<&str> {
            semantic_tokens(ws, Path::new("/v/b.md"), None)
                .into_iter()
                .map(|t| &reader[t.span.range()])
                .collect()
        };
        assert!(marked(&ws).is_empty());
        let add = |ws: &mut Workspace, text: &str| {
            let note = ws.parse(text);
            ws.set_note(Path::new("/v/a.md"), note);
        };
        add(
            &mut ws,
            "# Notes\n**Write-Ahead Log** (WAL) is a log of changes.\n",
        );
        assert_eq!(marked(&ws), ["write-ahead log", "WAL"]);
        add(&mut ws, "# Notes\n**Commit log** is a log of commits.\n");
        assert_eq!(marked(&ws), ["commit log"]);
        ws.remove_note(Path::new("/v/a.md"));
        assert!(marked(&ws).is_empty());
    }
}
