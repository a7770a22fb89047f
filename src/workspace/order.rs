//! Every note in path order, for scans that rank by path (link and wiki completion) or that
//! test every note's masks (workspace symbols): worked out on demand and kept for later
//! snapshots. The same snapshot reuses it as is; another with the same paths (notes edited)
//! has it in one walk of the notes' pointers; a note added or removed makes the next scan sort
//! again. With each note come its folder and the masks a scan tests before reading the note,
//! side by side in memory.

use super::{Map, NotePath, Workspace};
use crate::syntax::{encode_destination, CharMask, Note};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::{is_separator, Path};
use std::sync::{Arc, Mutex};

/// The order last worked out, shared by every snapshot of a workspace.
#[derive(Clone, Default)]
pub(super) struct OrderCache(Arc<Mutex<Option<Arc<Order>>>>);

/// The notes of one snapshot sorted by path.
struct Order {
    /// The snapshot's notes: a snapshot with the same map holds exactly these.
    notes: Map<NotePath, Arc<Note>>,
    /// Per note in path order: its path and note, folder, and the masks of its file name and
    /// of its names.
    sorted: Vec<Entry>,
    /// What stays while the paths do.
    layout: Arc<Layout>,
}

/// Where notes go, the same for every snapshot with the same paths.
struct Layout {
    /// A path of each folder.
    folders: Vec<NotePath>,
    /// The notes of each folder, in path order: the places of the first folder's, then of the
    /// second's…, and where each folder's end.
    by_folder: Vec<u32>,
    folder_ends: Vec<u32>,
    /// Per note in the workspace's order, its place in path order.
    walk: Vec<u32>,
}

/// One note of an [`Order`]. Holding its path and note keeps their addresses from being
/// reused: a snapshot that holds the same ones holds them unchanged.
struct Entry {
    path: NotePath,
    note: Arc<Note>,
    folder: u32,
    name: CharMask,
    mask: CharMask,
}

/// Every note of a snapshot in path order.
pub struct PathOrder(Arc<Order>);

/// A note of a [`PathOrder`].
#[derive(Clone, Copy)]
pub struct Ordered<'a> {
    /// Its path.
    pub path: &'a NotePath,
    /// The note.
    pub note: &'a Arc<Note>,
    /// Its place in path order: comparing places compares paths.
    pub rank: u32,
    /// Its folder: an index into [`PathOrder::folder_path`].
    pub folder: u32,
    /// The characters of its file name as a link writes it (percent-encoded where a destination
    /// must be).
    pub name: CharMask,
    /// The note's own [`Note::mask`].
    pub mask: CharMask,
}

impl PathOrder {
    /// Every note, in path order.
    pub fn notes(&self) -> impl ExactSizeIterator<Item = Ordered<'_>> {
        self.0
            .sorted
            .iter()
            .enumerate()
            .map(|(rank, e)| e.ordered(rank))
    }

    /// The path of a note in folder `folder`: all notes of a folder share its parent.
    pub fn folder_path(&self, folder: u32) -> &Path {
        &self.0.layout.folders[folder as usize]
    }

    /// How many folders there are.
    pub fn folders(&self) -> usize {
        self.0.layout.folders.len()
    }

    /// The notes of folder `folder`, in path order.
    pub fn folder_notes(&self, folder: u32) -> impl Iterator<Item = Ordered<'_>> {
        let layout = &self.0.layout;
        let end = layout
            .folder_ends
            .get(folder as usize)
            .copied()
            .unwrap_or(0);
        let start = folder
            .checked_sub(1)
            .and_then(|f| layout.folder_ends.get(f as usize).copied())
            .unwrap_or(0);
        let places = layout.by_folder.get(start as usize..end as usize);
        places.unwrap_or_default().iter().filter_map(|&rank| {
            let entry = self.0.sorted.get(rank as usize)?;
            Some(entry.ordered(rank as usize))
        })
    }
}

impl Entry {
    fn ordered(&self, rank: usize) -> Ordered<'_> {
        Ordered {
            path: &self.path,
            note: &self.note,
            rank: rank as u32,
            folder: self.folder,
            name: self.name,
            mask: self.mask,
        }
    }
}

impl Workspace {
    /// Every note in path order, with its folder and masks.
    pub fn in_path_order(&self) -> PathOrder {
        let cached = self.order.0.lock().map(|c| c.clone()).unwrap_or(None);
        if let Some(order) = cached.as_ref().filter(|o| o.notes.ptr_eq(&self.notes)) {
            return PathOrder(order.clone());
        }
        let order = cached.and_then(|o| o.follow(self));
        let order = Arc::new(order.unwrap_or_else(|| Order::new(self)));
        if let Ok(mut cache) = self.order.0.lock() {
            *cache = Some(order.clone());
        }
        PathOrder(order)
    }
}

impl Order {
    /// Sorts the notes of `workspace` by path.
    fn new(workspace: &Workspace) -> Self {
        let mut notes: Vec<(u32, &NotePath, &Arc<Note>)> = workspace
            .notes()
            .enumerate()
            .map(|(i, (path, note))| (i as u32, path, note))
            .collect();
        // Comparing bytes, with separators first, is cheaper than comparing components and
        // agrees with it for normalized paths: sorted by such keys, side by side in one
        // buffer for the time of the sort. Any other order is caught and sorted again.
        let mut keys = Vec::new();
        let mut spans = Vec::with_capacity(notes.len());
        for (_, path, _) in &notes {
            let start = keys.len();
            keys.extend(path.as_os_str().as_encoded_bytes().iter().map(|&b| {
                if is_separator(char::from(b)) {
                    0
                } else {
                    b
                }
            }));
            spans.push(start..keys.len());
        }
        let key = |i: u32| &keys[spans[i as usize].clone()];
        notes.sort_unstable_by(|a, b| key(a.0).cmp(key(b.0)));
        drop(spans);
        drop(keys);
        let canonical = |p: &Path| {
            let bytes = p.as_os_str().as_encoded_bytes();
            let odd = [&b"//"[..], b"/./", b"/../"];
            cfg!(unix)
                && bytes.starts_with(b"/")
                && !odd.iter().any(|o| bytes.windows(o.len()).any(|w| w == *o))
                && ![&b"/"[..], b"/.", b"/.."]
                    .iter()
                    .any(|e| bytes.ends_with(e))
        };
        if !notes.iter().all(|(_, path, _)| canonical(path))
            && notes
                .windows(2)
                .any(|w| w[0].1.cmp(w[1].1) != Ordering::Less)
        {
            notes.sort_unstable_by(|a, b| a.1.cmp(b.1));
        }
        let mut folder_of: HashMap<&[u8], u32> = HashMap::new();
        let mut folders = Vec::new();
        let mut walk = vec![0; notes.len()];
        let mut sorted = Vec::with_capacity(notes.len());
        for (rank, &(i, path, note)) in notes.iter().enumerate() {
            let folder = *folder_of.entry(parent_bytes(path)).or_insert_with(|| {
                folders.push(path.clone());
                folders.len() as u32 - 1
            });
            sorted.push(Entry {
                path: path.clone(),
                note: note.clone(),
                folder,
                name: name_mask(path),
                mask: note.mask,
            });
            walk[i as usize] = rank as u32;
        }
        // Each folder's notes, by counting them first.
        let mut folder_ends = vec![0u32; folders.len()];
        for entry in &sorted {
            folder_ends[entry.folder as usize] += 1;
        }
        let mut end = 0;
        for count in &mut folder_ends {
            end += *count;
            *count = end;
        }
        let mut next: Vec<u32> = std::iter::once(0)
            .chain(folder_ends.iter().copied())
            .collect();
        let mut by_folder = vec![0; sorted.len()];
        for (rank, entry) in sorted.iter().enumerate() {
            let at = &mut next[entry.folder as usize];
            by_folder[*at as usize] = rank as u32;
            *at += 1;
        }
        Order {
            notes: workspace.notes.clone(),
            sorted,
            layout: Arc::new(Layout {
                folders,
                by_folder,
                folder_ends,
                walk,
            }),
        }
    }

    /// This order for the notes of `workspace`, or `None` when its paths are not the same.
    fn follow(&self, workspace: &Workspace) -> Option<Self> {
        let walk = &self.layout.walk;
        if workspace.len() != walk.len() {
            return None;
        }
        let mut placed: Vec<Option<Entry>> = (0..walk.len()).map(|_| None).collect();
        for ((path, note), &rank) in workspace.notes().zip(walk) {
            let entry = self.sorted.get(rank as usize)?;
            // An edited note is stored under a new path of the same spelling.
            if !Arc::ptr_eq(path, &entry.path) && **path != *entry.path {
                return None;
            }
            let mask = if Arc::ptr_eq(note, &entry.note) {
                entry.mask
            } else {
                note.mask
            };
            *placed.get_mut(rank as usize)? = Some(Entry {
                path: path.clone(),
                note: note.clone(),
                folder: entry.folder,
                name: entry.name,
                mask,
            });
        }
        Some(Order {
            notes: workspace.notes.clone(),
            sorted: placed.into_iter().collect::<Option<_>>()?,
            layout: self.layout.clone(),
        })
    }
}

/// A path's spelling up to its last separator: the same for every note of a folder.
fn parent_bytes(path: &Path) -> &[u8] {
    let bytes = path.as_os_str().as_encoded_bytes();
    let end = bytes.iter().rposition(|&b| is_separator(char::from(b)));
    &bytes[..end.map_or(0, |i| i + 1)]
}

/// The characters of a note's file name as a link writes it.
fn name_mask(path: &Path) -> CharMask {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    CharMask::of(&encode_destination(&name, false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn notes_are_in_the_order_of_their_paths_components() {
        let mut workspace = Workspace::new(vec!["/v".into()], Config::default());
        for path in [
            "/v/a/b.md",
            "/v/a-b.md",
            "/v/a.md",
            "/v/a b/c.md",
            "/v/ä.md",
            "/v/A.md",
            "/w.md",
            "/v/a/b/c.md",
        ] {
            workspace.set_note(Path::new(path), Note::default());
        }
        let order = workspace.in_path_order();
        let paths: Vec<NotePath> = order.notes().map(|n| n.path.clone()).collect();
        assert_eq!(paths, workspace.sorted_paths());
    }

    #[test]
    fn the_order_follows_edits_and_is_redone_for_new_paths() {
        let mut workspace = Workspace::new(vec!["/v".into()], Config::default());
        for name in ["b", "a/x", "c", "a-b", "a"] {
            workspace.set_note(&Path::new("/v").join(format!("{name}.md")), Note::default());
        }
        let paths = |w: &Workspace| -> Vec<String> {
            let order = w.in_path_order();
            let notes: Vec<Ordered> = order.notes().collect();
            assert!(notes.windows(2).all(|p| p[0].path < p[1].path));
            assert!(notes.iter().enumerate().all(|(i, n)| n.rank as usize == i));
            notes.iter().map(|n| n.path.display().to_string()).collect()
        };
        let before = paths(&workspace);
        assert_eq!(before[..2], ["/v/a/x.md", "/v/a-b.md"]);
        // The same snapshot, or a copy of it, has the same order.
        let (first, again) = (workspace.in_path_order(), workspace.clone().in_path_order());
        assert!(Arc::ptr_eq(&first.0, &again.0));
        // An edit keeps the order and shows the edited note.
        let edited = workspace.parse("# Edited\n");
        workspace.set_note(Path::new("/v/c.md"), edited);
        assert_eq!(paths(&workspace), before);
        let order = workspace.in_path_order();
        let c = order.notes().find(|n| n.path.ends_with("c.md"));
        assert_eq!(c.map(|n| n.mask), Some(CharMask::of("Edited")));
        // A new note, or one removed, is placed.
        workspace.set_note(Path::new("/v/0.md"), Note::default());
        assert_eq!(paths(&workspace)[0], "/v/0.md");
        workspace.remove_note(Path::new("/v/0.md"));
        assert_eq!(paths(&workspace), before);
        // Folders: notes of one folder share it.
        let order = workspace.in_path_order();
        let folder = |end: &str| {
            order
                .notes()
                .find(|n| n.path.ends_with(end))
                .map(|n| n.folder)
        };
        assert_eq!(folder("a.md"), folder("c.md"));
        assert_ne!(folder("a.md"), folder("x.md"));
        assert_eq!(order.folders(), 2);
        let in_folder = |f: Option<u32>| -> Vec<String> {
            let notes = order.folder_notes(f.unwrap_or(u32::MAX));
            notes.map(|n| n.path.display().to_string()).collect()
        };
        assert_eq!(in_folder(folder("x.md")), ["/v/a/x.md"]);
        assert_eq!(
            in_folder(folder("a.md")),
            ["/v/a-b.md", "/v/a.md", "/v/b.md", "/v/c.md"]
        );
        assert!(in_folder(Some(7)).is_empty());
    }
}
