//! Completion of link destinations: notes as relative links, and their headings.

use super::{Item, ItemKind};
use crate::features::fuzzy::{Fuzzy, StartBounds, Top};
use crate::features::link_paths::{push_link_parts, relative_link};
use crate::syntax::{encode_destination, CharMask};
use crate::workspace::Workspace;
use std::cmp::Reverse;
use std::path::{Component, Path};

/// Notes as relative links, nearest first among equal scores (same folder, then fewer folders
/// deep, then by path); with something typed, also `file.md#slug` for their headings, filtered
/// on `file.md Heading`. Items are made for the best `limit` only.
pub(super) fn path_items(
    workspace: &Workspace,
    from: &Path,
    typed: &str,
    limit: usize,
) -> (Vec<Item>, bool) {
    let order = workspace.in_path_order();
    let folder = Folder::of(from);
    let mut fuzzy = Fuzzy::new(typed);
    let max = fuzzy.max_score();
    let mut top = Top::new(limit);
    let mut link = String::new();
    // Folders whose links can score the most first, then the nearest: the kept candidates are
    // soon the best, and the notes that cannot beat them are passed by.
    let mut folders: Vec<(u32, LinkFolder)> = (0..order.folders() as u32)
        .map(|f| (f, LinkFolder::new(&folder, &fuzzy, order.folder_path(f))))
        .collect();
    folders.sort_by_cached_key(|(f, at)| {
        let first = order.folder_notes(*f).next().map(|n| n.rank);
        (Reverse(at.best), at.near, first)
    });
    for (f, at) in &folders {
        for n in order.folder_notes(*f) {
            let (shared, depth, beside) = folder.shared_with(at, n.path);
            let here = folder.holds(shared, depth);
            if here && n.path.file_name() == from.file_name() {
                continue; // the note being edited
            }
            let near = (!here, depth, n.rank);
            if !top.wants(&(Reverse(max), near, 0)) {
                continue; // even a best score would not rank this note or its headings
            }
            if typed.is_empty() {
                link.clear();
                folder.write_link(&mut link, shared, n.path);
                if let Some(score) = fuzzy.score(&link) {
                    top.push((Reverse(score), near, 0), (n.path, n.note, None));
                }
                continue;
            }
            // Every candidate of this note is its link's folder part, then its file name, then
            // maybe a heading: scores are bounded by the folder part and the rest's characters.
            // A note whose file name is the next folder of the note being edited has a link
            // of its own.
            let start = at.start.as_ref().filter(|_| !beside);
            let best = |fuzzy: &Fuzzy, rest: CharMask| {
                start.map_or(max, |start| fuzzy.max_score_with_start(start, rest))
            };
            if !top.wants(&(Reverse(best(&fuzzy, n.name.union(n.mask))), near, 0)) {
                continue; // nothing of this note can rank
            }
            link.clear();
            folder.write_link(&mut link, shared, n.path);
            if top.wants(&(Reverse(best(&fuzzy, n.name)), near, 0)) {
                if let Some(score) = fuzzy.score(&link) {
                    top.push((Reverse(score), near, 0), (n.path, n.note, None));
                }
            }
            link.push(' ');
            fuzzy.set_start(&link);
            if !fuzzy.may_match_after_start(n.mask) {
                continue;
            }
            for (i, h) in n.note.headings.iter().enumerate() {
                if !fuzzy.may_match_after_start(h.mask)
                    || !top.wants(&(Reverse(best(&fuzzy, n.name.union(h.mask))), near, i + 1))
                {
                    continue;
                }
                if let Some(score) = fuzzy.score_after_start(&h.text) {
                    top.push((Reverse(score), near, i + 1), (n.path, n.note, Some(h)));
                }
            }
        }
    }
    let (best, capped) = top.into_sorted();
    let items = best
        .into_iter()
        .map(|(_, (path, note, heading))| {
            let link = relative_link(from, path);
            match heading {
                None => Item {
                    label: link.clone(),
                    insert: link.clone(),
                    filter: link,
                    detail: note.title.as_deref().map(str::to_string),
                    kind: ItemKind::File,
                    definition: None,
                },
                Some(h) => {
                    let to = format!("{link}#{}", encode_destination(&h.slug, false));
                    Item {
                        label: to.clone(),
                        insert: to,
                        filter: format!("{link} {}", h.text),
                        detail: Some(h.text.to_string()),
                        kind: ItemKind::Heading,
                        definition: None,
                    }
                }
            }
        })
        .collect();
    (items, capped)
}

/// The folder of the note being edited, which links are written relative to.
struct Folder<'a> {
    /// Its folder, if it has one, as components.
    parts: Option<Vec<Component<'a>>>,
}

impl<'a> Folder<'a> {
    /// The folder of the note at `from`.
    fn of(from: &'a Path) -> Self {
        Folder {
            parts: from.parent().map(|p| p.components().collect()),
        }
    }

    /// How many leading components of `path` (a note in `at`) are this folder's, how many it
    /// has, and whether its file name is the next of them (a file beside a folder of the same
    /// name).
    fn shared_with(&self, at: &LinkFolder, path: &Path) -> (usize, usize, bool) {
        let parts = self.parts.as_deref().unwrap_or_default();
        let Some((shared, depth)) = at.counts else {
            let (shared, depth) = shared_components(parts, path);
            return (shared, depth, false);
        };
        let beside = shared == depth
            && parts
                .get(depth)
                .is_some_and(|part| path.file_name().map(Component::Normal) == Some(*part));
        (shared + usize::from(beside), depth + 1, beside)
    }

    /// Whether a note with these [`Folder::shared_with`] counts is in this folder.
    fn holds(&self, shared: usize, depth: usize) -> bool {
        self.parts
            .as_ref()
            .is_some_and(|parts| shared == parts.len() && depth == parts.len() + 1)
    }

    /// The folder part of [`relative_link`] to `to` (which shares `shared` components with
    /// this folder): all of it but the file name.
    fn link_folder(&self, shared: usize, to: &Path) -> String {
        let mut link = String::new();
        self.write_link(&mut link, shared, to);
        let cut = link.rfind('/').map_or(0, |i| i + 1);
        link.truncate(cut);
        link
    }

    /// Appends [`relative_link`] from the note being edited to `to` (which shares `shared`
    /// components with this folder) without working the shared part out again.
    fn write_link(&self, out: &mut String, shared: usize, to: &Path) {
        let parts = self.parts.as_deref().unwrap_or_default();
        let up = std::iter::repeat_n(Component::ParentDir, parts.len().saturating_sub(shared));
        push_link_parts(out, up.chain(to.components().skip(shared)));
    }
}

/// A folder of notes, seen from the folder of the note being edited.
struct LinkFolder {
    /// How many leading components it shares with that folder, and how many it has (`None`
    /// for a note without a parent).
    counts: Option<(usize, usize)>,
    /// Where its notes come among equal scores: in another folder, and how deep.
    near: (bool, usize),
    /// With something typed, what bounds the scores of candidates that start with the folder
    /// part of links to its notes, and the best score of those that match there.
    start: Option<StartBounds>,
    best: u32,
}

impl LinkFolder {
    /// The folder of `path`, a note in it, as links to its notes can score for `fuzzy`.
    fn new(folder: &Folder, fuzzy: &Fuzzy, path: &Path) -> Self {
        let parts = folder.parts.as_deref().unwrap_or_default();
        let counts = path.parent().map(|parent| shared_components(parts, parent));
        let (shared, depth) = counts.unwrap_or_else(|| shared_components(parts, path));
        let near = (!folder.holds(shared, depth + 1), depth + 1);
        let start = counts
            .filter(|_| fuzzy.max_score() > 0)
            .map(|(shared, _)| fuzzy.start_bounds(&folder.link_folder(shared, path)));
        let best = start.as_ref().map_or(0, |start| {
            fuzzy.max_score_with_start(start, CharMask::default())
        });
        LinkFolder {
            counts,
            near,
            start,
            best,
        }
    }
}

/// How many leading components of `path` are `parts`, and how many it has.
fn shared_components(parts: &[Component], path: &Path) -> (usize, usize) {
    let (mut shared, mut depth) = (0, 0);
    for part in path.components() {
        if shared == depth && parts.get(depth) == Some(&part) {
            shared += 1;
        }
        depth += 1;
    }
    (shared, depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_written_as_relative_link_writes_them() {
        let from = Path::new("/vault/inbox/scratch.md");
        let folder = Folder::of(from);
        for to in [
            "/vault/inbox/other.md",
            "/vault/db/acid.md",
            "/vault/db/base.md",
            "/vault/db/deep/my note.md",
            "/vault/db/C#.md",
            "/vault/(x)/100%.md",
            "/elsewhere/x.md",
            "/vault/inbox/sub/y.md",
            "/vault/inbox",
            "/vault/inbox/other.md",
            "/vault/db/../db/acid.md",
            "/vault//db/acid.md",
        ] {
            let to = Path::new(to);
            let at = LinkFolder::new(&folder, &Fuzzy::new(""), to);
            let (shared, depth, beside) = folder.shared_with(&at, to);
            assert_eq!(beside, to.ends_with("vault/inbox"));
            let mut link = String::new();
            folder.write_link(&mut link, shared, to);
            assert_eq!(link, relative_link(from, to));
            assert_eq!(folder.holds(shared, depth), to.parent() == from.parent());
            assert_eq!(depth, to.components().count());
        }
    }
}
