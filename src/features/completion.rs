//! Completion of links as they are typed: files and headings after `](`, headings after `](#`
//! and `](file.md#`, notes, headings and terms after `[[` and `[[note#`.

use super::answer::display_path;
use super::code_actions::relative_link;
use super::fuzzy::{best, Fuzzy};
use super::terms::same_name;
use crate::syntax::{percent_decode, Span};
use crate::workspace::{NotePath, Resolved, Workspace};
use std::path::Path;

/// Where the cursor is, as far as completion cares.
#[derive(Clone, Debug, PartialEq)]
pub enum Context {
    /// In a link destination: `[t](typed`.
    Path {
        /// What was typed after `(`.
        typed: String,
    },
    /// After `#` in a link destination: `[t](file.md#typed` or `[t](#typed`.
    Anchor {
        /// The file part before `#` (empty for the current note).
        file: String,
        /// What was typed after `#`.
        typed: String,
    },
    /// In a wiki link: `[[typed`.
    Wiki {
        /// What was typed after `[[`.
        typed: String,
    },
    /// After `#` in a wiki link: `[[note#typed`.
    WikiHeading {
        /// The note named before `#` (empty for the current note).
        note: String,
        /// What was typed after `#`.
        typed: String,
    },
}

/// The completion context of the text of a line before the cursor.
pub fn context(before: &str) -> Option<Context> {
    let wiki = before.rfind("[[");
    let link = before.rfind("](");
    match (wiki, link) {
        (Some(w), l) if l.is_none_or(|l| w > l) => {
            let typed = &before[w + 2..];
            if typed.contains("]]") || typed.contains('|') {
                return None;
            }
            Some(match typed.split_once('#') {
                Some((note, heading)) => Context::WikiHeading {
                    note: note.to_string(),
                    typed: heading.to_string(),
                },
                None => Context::Wiki {
                    typed: typed.to_string(),
                },
            })
        }
        (_, Some(l)) => {
            let typed = before[l + 2..].trim_start_matches('<');
            if typed.contains([')', ' ', '>']) {
                return None;
            }
            Some(match typed.split_once('#') {
                Some((file, anchor)) => Context::Anchor {
                    file: file.to_string(),
                    typed: anchor.to_string(),
                },
                None => Context::Path {
                    typed: typed.to_string(),
                },
            })
        }
        _ => None,
    }
}

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

/// Completion at `offset` of `text` (the current text of the note at `path`).
pub fn complete(
    workspace: &Workspace,
    path: &Path,
    text: &str,
    offset: usize,
) -> Option<Completion> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let context = context(&text[line_start..offset])?;
    let typed_len = match &context {
        Context::Path { typed } | Context::Wiki { typed } => typed.len(),
        Context::Anchor { typed, .. } | Context::WikiHeading { typed, .. } => typed.len(),
    };
    let replace = Span::new(offset - typed_len, offset);
    let limit = workspace.config().completion.max_items.max(1);
    let (candidates, typed) = match &context {
        Context::Path { typed } => (path_items(workspace, path, typed), typed),
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
            (anchor_items(workspace, target.as_ref()), typed)
        }
        Context::Wiki { typed } => (wiki_items(workspace, typed), typed),
        Context::WikiHeading { note, typed } => {
            let target = if note.is_empty() {
                workspace.note_path(path).cloned()
            } else {
                workspace
                    .notes_named(note, path)
                    .first()
                    .map(|p| (*p).clone())
            };
            (wiki_heading_items(workspace, target.as_ref()), typed)
        }
    };
    let mut fuzzy = Fuzzy::new(typed);
    let scored: Vec<(u32, Item)> = candidates
        .into_iter()
        .filter_map(|item| Some((fuzzy.score(&item.filter)?, item)))
        .collect();
    let (items, incomplete) = best(scored, limit);
    Some(Completion {
        items,
        replace,
        incomplete,
    })
}

/// Notes as relative paths; with something typed, also `file.md#slug` for their headings.
fn path_items(workspace: &Workspace, from: &Path, typed: &str) -> Vec<Item> {
    let here = from.parent();
    let mut paths = workspace.sorted_paths();
    paths.sort_by_key(|p| (p.parent() != here, p.components().count()));
    let mut items = Vec::new();
    for path in paths.iter().filter(|p| ***p != *from) {
        let note = workspace.note(path).expect("listed paths are present");
        let link = relative_link(from, path);
        items.push(Item {
            label: link.clone(),
            insert: link.clone(),
            filter: link.clone(),
            detail: note.title.as_deref().map(str::to_string),
            kind: ItemKind::File,
            definition: None,
        });
        if typed.is_empty() {
            continue;
        }
        for h in &note.headings {
            let insert = format!("{link}#{}", h.slug);
            items.push(Item {
                label: insert.clone(),
                filter: format!("{link} {}", h.text),
                insert,
                detail: Some(h.text.to_string()),
                kind: ItemKind::Heading,
                definition: None,
            });
        }
    }
    items
}

fn anchor_items(workspace: &Workspace, target: Option<&NotePath>) -> Vec<Item> {
    let Some(note) = target.and_then(|p| workspace.note(p)) else {
        return Vec::new();
    };
    let mut items: Vec<Item> = note
        .headings
        .iter()
        .map(|h| Item {
            label: h.text.to_string(),
            insert: h.slug.to_string(),
            filter: h.slug.to_string(),
            detail: Some(format!("#{}", h.slug)),
            kind: ItemKind::Heading,
            definition: None,
        })
        .collect();
    items.extend(note.anchors.iter().map(|a| Item {
        label: a.name.to_string(),
        insert: a.name.to_string(),
        filter: a.name.to_string(),
        detail: Some("anchor".into()),
        kind: ItemKind::Heading,
        definition: None,
    }));
    items
}

fn wiki_items(workspace: &Workspace, typed: &str) -> Vec<Item> {
    let mut items = Vec::new();
    for path in workspace.sorted_paths() {
        let note = workspace.note(&path).expect("listed paths are present");
        let stem = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let filter = match &note.title {
            Some(t) if !same_name(t, &stem) => format!("{stem} {t}"),
            _ => stem.clone(),
        };
        items.push(Item {
            label: stem.clone(),
            insert: stem.clone(),
            filter,
            detail: Some(display_path(workspace, &path)),
            kind: ItemKind::File,
            definition: None,
        });
        if typed.is_empty() {
            continue;
        }
        for h in &note.headings {
            let insert = format!("{stem}#{}", h.text);
            items.push(Item {
                label: insert.clone(),
                filter: insert.clone(),
                insert,
                detail: Some(display_path(workspace, &path)),
                kind: ItemKind::Heading,
                definition: None,
            });
        }
    }
    if !typed.is_empty() {
        items.extend(term_items(workspace));
    }
    items
}

/// Terms as wiki links to the heading that answers them, with the answer's first line.
fn term_items(workspace: &Workspace) -> Vec<Item> {
    let mut items = Vec::new();
    for (_, defs) in workspace.term_names() {
        let defs = super::terms::ranked(workspace, defs.to_vec());
        let Some(best) = defs.first() else { continue };
        let Some((note, def)) = workspace.definition(best) else {
            continue;
        };
        if def.gap {
            continue;
        }
        let stem = best
            .path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let insert = match note.heading_at(def.span.start as usize) {
            Some(h) => format!("{stem}#{}", h.text),
            None => stem,
        };
        let first_line = note.source.text()[def.answer.range()]
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or_default()
            .chars()
            .take(100)
            .collect::<String>();
        items.push(Item {
            label: def.term.to_string(),
            insert,
            filter: def.names().collect::<Vec<_>>().join(" "),
            detail: Some(first_line),
            kind: ItemKind::Term,
            definition: Some(best.clone()),
        });
    }
    items.sort_by(|a, b| a.label.cmp(&b.label));
    items.dedup_by(|a, b| a.label == b.label && a.insert == b.insert);
    items
}

fn wiki_heading_items(workspace: &Workspace, target: Option<&NotePath>) -> Vec<Item> {
    let Some(note) = target.and_then(|p| workspace.note(p)) else {
        return Vec::new();
    };
    note.headings
        .iter()
        .map(|h| Item {
            label: h.text.to_string(),
            insert: h.text.to_string(),
            filter: h.text.to_string(),
            detail: Some(format!("#{}", h.slug)),
            kind: ItemKind::Heading,
            definition: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_from_the_text_before_the_cursor() {
        assert_eq!(
            context("see [x]("),
            Some(Context::Path { typed: "".into() })
        );
        assert_eq!(
            context("see [x](../db/ac"),
            Some(Context::Path {
                typed: "../db/ac".into()
            })
        );
        assert_eq!(
            context("[x](acid.md#iso"),
            Some(Context::Anchor {
                file: "acid.md".into(),
                typed: "iso".into()
            })
        );
        assert_eq!(
            context("[x](#"),
            Some(Context::Anchor {
                file: "".into(),
                typed: "".into()
            })
        );
        assert_eq!(
            context("Шард [[ша"),
            Some(Context::Wiki {
                typed: "ша".into()
            })
        );
        assert_eq!(
            context("[[acid#Iso"),
            Some(Context::WikiHeading {
                note: "acid".into(),
                typed: "Iso".into()
            })
        );
        assert_eq!(context("[x](done.md) and more"), None);
        assert_eq!(context("[[done]] text"), None);
        assert_eq!(context("plain text"), None);
    }
}
