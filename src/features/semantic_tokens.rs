//! Semantic tokens: every known term written in a note (marked apart when its only definitions
//! are gaps) and every broken link, so that a theme can show what has an answer. Terms are
//! looked up in the term index, window by window of a line's words; nothing else is read.

use super::diagnostics::link_problems;
use crate::config::DiagnosticCode;
use crate::syntax::{term_words, Span};
use crate::workspace::Workspace;
use std::path::Path;

/// Longest term, in words, looked for.
const MAX_WORDS: usize = 4;

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
    let links: Vec<Token> = link_problems(workspace, path, note)
        .into_iter()
        .filter(|(span, code, _)| {
            range.touches(span.start as usize)
                && !matches!(
                    code,
                    DiagnosticCode::NonCanonicalAnchor | DiagnosticCode::AmbiguousAnchor
                )
        })
        .map(|(span, _, _)| Token {
            span,
            kind: TokenKind::BrokenLink,
        })
        .collect();
    let mut out = Vec::new();
    let mut name = String::new();
    let first = source.line_of(range.start as usize);
    let last = source.line_of(range.end as usize);
    for line_index in first..=last {
        let line = source.line_range(line_index);
        let words = term_words(&text[line.clone()]);
        let mut i = 0;
        while i < words.len() {
            let start = line.start + words[i].0;
            if !range.touches(start) || note.in_code(start) {
                i += 1;
                continue;
            }
            let mut found = None;
            for n in (1..=MAX_WORDS.min(words.len() - i)).rev() {
                let end = line.start + words[i + n - 1].1;
                name.clear();
                name.push_str(&text[start..end]);
                let defs = workspace.definitions_filed_as(&name);
                if !defs.is_empty() {
                    let gap_only = defs
                        .iter()
                        .all(|d| workspace.definition(d).is_some_and(|(_, def)| def.gap));
                    found = Some((n, end, gap_only));
                    break;
                }
            }
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
    // A term written inside a broken link's destination is part of the link.
    out.extend(links);
    out.sort_by_key(|t| (t.span.start, matches!(t.kind, TokenKind::Term { .. })));
    out.dedup_by(|later, kept| later.span.start < kept.span.end);
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
}
