//! Completion of the anchors of one note after `#` in a link destination.

use super::{Item, ItemKind};
use crate::workspace::{NotePath, Workspace};

/// The headings (by slug) and explicit anchors of the note at `target`.
pub(super) fn anchor_items(workspace: &Workspace, target: Option<&NotePath>) -> Vec<Item> {
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
