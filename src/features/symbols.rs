//! Symbols: a note's heading outline, and headings and terms across the workspace.

use super::fuzzy::{best, Fuzzy};
use crate::syntax::{Note, Span};
use crate::workspace::{NotePath, Workspace};

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

/// Headings and terms matching `query` (fuzzy, best first), at most `limit`; an empty query
/// lists nothing (clients ask again as the user types).
pub fn workspace_symbols(workspace: &Workspace, query: &str, limit: usize) -> Vec<Symbol> {
    if query.trim().is_empty() {
        return Vec::new();
    }
    let mut fuzzy = Fuzzy::new(query);
    let mut scored: Vec<(u32, Symbol)> = Vec::new();
    for (path, note) in workspace.notes() {
        for h in &note.headings {
            if let Some(score) = fuzzy.score(&h.text) {
                scored.push((
                    score,
                    Symbol {
                        name: h.text.to_string(),
                        kind: SymbolKind::Heading,
                        path: path.clone(),
                        span: h.span,
                        container: note.title.as_deref().map(str::to_string),
                    },
                ));
            }
        }
        for d in &note.definitions {
            if d.kind == crate::syntax::DefinitionKind::Heading {
                continue;
            }
            if let Some(score) = fuzzy.score(&d.term) {
                scored.push((
                    score,
                    Symbol {
                        name: d.term.to_string(),
                        kind: SymbolKind::Term,
                        path: path.clone(),
                        span: d.span,
                        container: note
                            .heading_at(d.span.start as usize)
                            .map(|h| h.text.to_string()),
                    },
                ));
            }
        }
    }
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.name.len().cmp(&b.1.name.len()))
            .then(a.1.path.cmp(&b.1.path))
            .then(a.1.span.cmp(&b.1.span))
    });
    best(scored, limit).0
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
