//! Completion of links as they are typed: files and headings after `](`, headings after `](#`
//! and `](file.md#`, notes, headings and terms after `[[` and `[[note#`.
//!
//! A workspace holds thousands of notes, headings and terms: each candidate is scored on its
//! filter text (borrowed, or written into one reused buffer), the best `completion.maxItems`
//! are kept, and items are made for those only. `context.rs` tells what is being typed,
//! `paths.rs` completes link destinations, `anchors.rs` the anchors of one note, `wiki.rs` wiki
//! links.

mod anchors;
mod context;
mod paths;
mod wiki;

pub use context::{context, Context};

use anchors::anchor_items;
use paths::path_items;
use wiki::{wiki_heading_items, wiki_items};

use super::fuzzy::{Fuzzy, Top};
use crate::config::CompletionConfig;
use crate::syntax::{percent_decode, Span};
use crate::workspace::{Resolved, Workspace};
use std::cmp::Reverse;
use std::path::Path;

/// What an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A note.
    File,
    /// A heading.
    Heading,
    /// A term a note defines.
    Term,
}

/// One completion item.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// What the list shows.
    pub label: String,
    /// What replaces the typed text.
    pub insert: String,
    /// What the client filters on.
    pub filter: String,
    /// One line beside the label (a title, a path, a term's first answer line).
    pub detail: Option<String>,
    /// What it is.
    pub kind: ItemKind,
    /// The term's definition, resolved lazily into documentation.
    pub definition: Option<crate::workspace::DefRef>,
}

/// A completion list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Completion {
    /// Best first, at most the configured number.
    pub items: Vec<Item>,
    /// The range the items replace: exactly what was typed.
    pub replace: Span,
    /// Whether the list was capped (the client should ask again as the user types).
    pub incomplete: bool,
}

/// Completion at `offset` of `text` (the current text of the note at `path`), at most
/// `settings.max_items` items.
pub fn complete(
    workspace: &Workspace,
    path: &Path,
    text: &str,
    offset: usize,
    settings: &CompletionConfig,
) -> Option<Completion> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let context = context(&text[line_start..offset])?;
    let typed_len = match &context {
        Context::Path { typed } | Context::Wiki { typed } => typed.len(),
        Context::Anchor { typed, .. } | Context::WikiHeading { typed, .. } => typed.len(),
    };
    let replace = Span::new(offset - typed_len, offset);
    let limit = settings.max_items.max(1);
    let (items, incomplete) = match &context {
        Context::Path { typed } => path_items(workspace, path, typed, limit),
        Context::Anchor { file, typed } => {
            let target = if file.is_empty() {
                workspace.note_path(path).cloned()
            } else {
                match workspace.resolve(
                    path,
                    &crate::syntax::LinkTarget::Local {
                        path: Some(percent_decode(file).into()),
                        anchor: None,
                    },
                ) {
                    Resolved::Note(p, _) => Some(p.clone()),
                    _ => None,
                }
            };
            best_of(anchor_items(workspace, target.as_ref()), typed, limit)
        }
        Context::Wiki { typed } => wiki_items(workspace, typed, limit),
        Context::WikiHeading { note, typed } => {
            let target = if note.is_empty() {
                workspace.note_path(path).cloned()
            } else {
                workspace
                    .notes_named(note, path)
                    .first()
                    .map(|p| (*p).clone())
            };
            best_of(wiki_heading_items(workspace, target.as_ref()), typed, limit)
        }
    };
    Some(Completion {
        items,
        replace,
        incomplete,
    })
}

/// The best `limit` of a few ready items (one note's headings) by their filter text, in their
/// order among equal scores; and whether some were left out.
fn best_of(items: Vec<Item>, typed: &str, limit: usize) -> (Vec<Item>, bool) {
    let mut fuzzy = Fuzzy::new(typed);
    let mut top = Top::new(limit);
    for (i, item) in items.into_iter().enumerate() {
        if let Some(score) = fuzzy.score(&item.filter) {
            top.push((Reverse(score), i), item);
        }
    }
    let (best, capped) = top.into_sorted();
    (best.into_iter().map(|(_, item)| item).collect(), capped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::syntax::parse_note;

    /// Notes whose names a destination must encode are completed encoded, and each link
    /// completion writes is read back as the note it was offered for.
    #[test]
    fn completed_links_lead_to_the_notes_offered() {
        let names = [
            "C#.md",
            "(x).md",
            "100%.md",
            "emoji 🚀.md",
            "Шардирование.md",
        ];
        let mut workspace = Workspace::new(vec!["/v".into()], Config::default());
        for name in names {
            let note = workspace.parse("# Note\n");
            workspace.set_note(&Path::new("/v/notes").join(name), note);
        }
        let from = Path::new("/v/ru/from.md");
        let text = "[x](../notes/";
        let settings = CompletionConfig::default();
        let completion =
            complete(&workspace, from, text, text.len(), &settings).expect("a path context");
        let mut inserts: Vec<&str> = completion
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::File)
            .map(|i| i.insert.as_str())
            .collect();
        inserts.sort_unstable();
        assert_eq!(
            inserts,
            [
                "../notes/%28x%29.md",
                "../notes/100%25.md",
                "../notes/C%23.md",
                "../notes/emoji%20🚀.md",
                "../notes/Шардирование.md",
            ]
        );
        let mut found: Vec<&str> = Vec::new();
        for insert in inserts {
            let note = parse_note(&format!("[x]({insert})\n"), workspace.parse_options());
            match workspace.resolve(from, &note.links[0].target) {
                Resolved::Note(path, _) => found.extend(path.file_name().and_then(|n| n.to_str())),
                other => panic!("{insert} leads to {other:?}"),
            }
        }
        found.sort_unstable();
        let mut names = names.to_vec();
        names.sort_unstable();
        assert_eq!(found, names);
    }
}
