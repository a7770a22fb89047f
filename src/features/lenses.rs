//! Code lenses on headings: the links to each heading across the workspace, and the questions
//! its section leaves unanswered. One pass over the notes that link to this one (the backlink
//! index), never over the workspace.

use super::definition::Place;
use crate::syntax::slug::slugify;
use crate::syntax::{LinkTarget, Span};
use crate::workspace::{Resolved, Workspace};
use std::collections::HashMap;
use std::path::Path;

/// What a heading's lenses show.
#[derive(Clone, Debug, PartialEq)]
pub struct HeadingLens {
    /// The heading's lines.
    pub heading: Span,
    /// The links to it, by path and position.
    pub references: Vec<Place>,
    /// Placeholders in its section (subsections included).
    pub unanswered: usize,
}

/// The lenses of every heading of the note at `path`, in document order.
pub fn heading_lenses(workspace: &Workspace, path: &Path) -> Vec<HeadingLens> {
    let Some(note) = workspace.note(path) else {
        return Vec::new();
    };
    let anchors = workspace.parse_options().anchors;
    // Headings by anchor and by lower-case text (the first of equals), as links name them.
    let mut by_slug: HashMap<&str, usize> = HashMap::new();
    let mut by_text: HashMap<String, usize> = HashMap::new();
    for (i, h) in note.headings.iter().enumerate().rev() {
        by_slug.insert(&h.slug, i);
        by_text.insert(h.text.to_lowercase(), i);
    }
    let mut references: Vec<Vec<Place>> = vec![Vec::new(); note.headings.len()];
    let mut sources = workspace.dependents(path);
    sources.extend(workspace.note_path(path).cloned());
    sources.sort();
    for source in &sources {
        let Some(from) = workspace.note(source) else {
            continue;
        };
        for link in &from.links {
            let index = match &link.target {
                LinkTarget::Local {
                    anchor: Some(anchor),
                    ..
                } => std::iter::once(&**anchor)
                    .chain(anchors.unprefixed(anchor))
                    .find_map(|a| by_slug.get(a)),
                LinkTarget::Wiki {
                    heading: Some(wanted),
                    ..
                } => by_text
                    .get(&wanted.to_lowercase())
                    .or_else(|| by_slug.get(&*slugify(wanted))),
                _ => None,
            };
            let Some(&index) = index else {
                continue;
            };
            if matches!(workspace.resolve(source, &link.target), Resolved::Note(p, _) if &**p == path)
            {
                references[index].push(Place {
                    path: source.to_path_buf(),
                    span: link.span,
                });
            }
        }
    }
    let gaps: Vec<u32> = note.placeholders.iter().map(|p| p.span.start).collect();
    note.headings
        .iter()
        .zip(references)
        .map(|(h, references)| {
            let first = gaps.partition_point(|&g| g < h.section.start);
            let last = gaps.partition_point(|&g| g < h.section.end);
            HeadingLens {
                heading: h.span,
                references,
                unanswered: last - first,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenses_count_links_by_anchor_wiki_heading_and_gaps_by_section() {
        let notes = [
            (
                "/v/a.md",
                "# A\n## Example\n- Q?\n  - f\n## Example\n### Шард\n- R?\n  - f\n[x](#example-1)\n",
            ),
            (
                "/v/b.md",
                "[a](a.md#example) [[a#Example]] [s](/a.md#шард) [c](a#user-content-example-1) [none](a.md#nope)\n",
            ),
        ];
        let ws = crate::workspace::of_notes(&notes);
        let lenses = heading_lenses(&ws, Path::new("/v/a.md"));
        let counts: Vec<(usize, usize)> = lenses
            .iter()
            .map(|l| (l.references.len(), l.unanswered))
            .collect();
        assert_eq!(counts, [(0, 2), (2, 1), (2, 1), (1, 1)]);
        assert_eq!(lenses[2].references[0].path, Path::new("/v/a.md"));
    }
}
