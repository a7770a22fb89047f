//! Workspace symbols from full-text hits, for a query that names no heading or term: each hit
//! becomes a symbol at the start of its section.

use super::symbols::{Symbol, SymbolKind};
use crate::search::SearchHit;
use crate::syntax::Span;
use crate::workspace::Workspace;

/// What a full-text symbol is listed under.
pub const FULL_TEXT_CONTAINER: &str = "full-text match";

/// The hits as symbols at the start of their sections, named by their heading path (or their
/// snippet before the first heading). The search index follows the workspace a moment behind: a
/// hit in a note that is gone, or on a line the note no longer has, is stale and dropped.
pub fn full_text_symbols(workspace: &Workspace, hits: Vec<SearchHit>) -> Vec<Symbol> {
    hits.into_iter()
        .filter_map(|hit| {
            let path = workspace.note_path(&hit.path)?;
            let note = workspace.note(path)?;
            let line = hit.line as usize;
            if line >= note.source.line_count() {
                return None;
            }
            let start = note.source.line_range(line).start;
            Some(Symbol {
                name: if hit.heading.is_empty() {
                    hit.snippet
                } else {
                    hit.heading
                },
                kind: SymbolKind::Heading,
                path: path.clone(),
                span: Span::new(start, start),
                container: Some(FULL_TEXT_CONTAINER.into()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::PathBuf;

    #[test]
    fn a_full_text_hit_past_the_end_of_its_note_is_dropped() {
        let path = PathBuf::from("/notes/a.md");
        let mut workspace = Workspace::new(Vec::new(), Config::default());
        let note = workspace.parse("# Short\nline\n");
        workspace.set_note(&path, note);
        let hit = |line| SearchHit {
            path: path.clone(),
            line,
            heading: "Short".into(),
            snippet: String::new(),
            score: 1.0,
        };
        let found = full_text_symbols(&workspace, vec![hit(1), hit(40)]);
        // The index still holds the note's longer text of a moment ago.
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span, Span::new(8, 8));
        assert_eq!(found[0].name, "Short");
    }
}
