//! Symbols: a note's heading outline, and headings and terms across the workspace.

use super::fuzzy::{Fuzzy, Top};
use crate::syntax::{DefinitionKind, Note, Span};
use crate::workspace::{NotePath, Workspace};
use std::cmp::Reverse;

/// A heading in the outline, with its subheadings.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    /// The heading text.
    pub name: String,
    /// The heading's level (1–6).
    pub level: u8,
    /// The whole section.
    pub span: Span,
    /// The heading line.
    pub heading: Span,
    /// Subheadings.
    pub children: Vec<OutlineEntry>,
}

/// The nested heading outline of a note.
pub fn outline(note: &Note) -> Vec<OutlineEntry> {
    fn take(headings: &[crate::syntax::Heading], i: &mut usize, level: u8) -> Vec<OutlineEntry> {
        let mut out = Vec::new();
        while let Some(h) = headings.get(*i) {
            if h.level <= level {
                break;
            }
            *i += 1;
            let children = take(headings, i, h.level);
            out.push(OutlineEntry {
                name: h.text.to_string(),
                level: h.level,
                span: h.section,
                heading: h.span,
                children,
            });
        }
        out
    }
    take(&note.headings, &mut 0, 0)
}

/// What a workspace symbol is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// A heading.
    Heading,
    /// A defined term.
    Term,
}

/// A workspace symbol.
#[derive(Clone, Debug, PartialEq)]
pub struct Symbol {
    /// Its name.
    pub name: String,
    /// What it is.
    pub kind: SymbolKind,
    /// The note it is in.
    pub path: NotePath,
    /// Where.
    pub span: Span,
    /// The heading it sits under (for terms) or the note's title (for headings).
    pub container: Option<String>,
}

/// Headings and terms matching `query` (fuzzy, best first: the higher score, then the shorter
/// name, then by path and place), at most `limit`. A term matches by any of its names (`GIL` or
/// `Global Interpreter Lock`) and is listed under the one that matches best. Candidates are
/// ranked on the names as stored; symbols are made for the best `limit` only. An empty query
/// lists nothing (clients ask again as the user types).
pub fn workspace_symbols(workspace: &Workspace, query: &str, limit: usize) -> Vec<Symbol> {
    if query.trim().is_empty() {
        return Vec::new();
    }
    let mut fuzzy = Fuzzy::new(query);
    let mut top = Top::new(limit);
    let order = workspace.in_path_order();
    for n in order.notes() {
        if !fuzzy.may_match(n.mask) {
            continue; // without reading the note
        }
        let (path, note) = (n.path, n.note);
        for h in &note.headings {
            if !fuzzy.may_match(h.mask) {
                continue;
            }
            if let Some(score) = fuzzy.score(&h.text) {
                let key = (Reverse(score), h.text.len(), n.rank, h.span, &*h.text);
                top.push(key, (SymbolKind::Heading, path, note, h.span));
            }
        }
        for d in &note.definitions {
            if d.kind == DefinitionKind::Heading || !fuzzy.may_match(d.mask) {
                continue; // a heading's is named by its heading, listed above
            }
            let best = d
                .names()
                .filter_map(|name| Some((fuzzy.score(name)?, name)))
                .min_by_key(|&(score, _)| Reverse(score));
            if let Some((score, name)) = best {
                let key = (Reverse(score), name.len(), n.rank, d.span, name);
                top.push(key, (SymbolKind::Term, path, note, d.span));
            }
        }
    }
    let (best, _) = top.into_sorted();
    best.into_iter()
        .map(|((.., name), (kind, path, note, span))| Symbol {
            name: name.to_string(),
            kind,
            path: path.clone(),
            span,
            container: match kind {
                SymbolKind::Heading => note.title.as_deref().map(str::to_string),
                SymbolKind::Term => note
                    .heading_at(span.start as usize)
                    .map(|h| h.text.to_string()),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{parse_note, ParseOptions};

    #[test]
    fn outline_nests_by_level() {
        let note = parse_note("# A\n## B\n### C\n## D\n# E\n", &ParseOptions::default());
        let tree = outline(&note);
        assert_eq!(tree.len(), 2);
        assert_eq!(tree[0].children[0].name, "B");
        assert_eq!(tree[0].children[0].children[0].name, "C");
        assert_eq!(tree[0].children[1].name, "D");
        assert_eq!(tree[1].name, "E");
    }
}
