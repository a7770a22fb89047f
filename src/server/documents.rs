//! Open documents and the workspace: an open document is extracted once per version, after the
//! keystrokes stop or first by a request that needs it, never under the session's lock; closed
//! notes changed on disk are read again.

use super::document::Document;
use super::memory;
use super::snapshot::Tree;
use super::Backend;
use crate::syntax::Note;
use crate::workspace::{read_note_text, Workspace};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Quiet time after the last keystroke before diagnostics are pushed.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// What other notes can see of a note: its anchors and the names wiki links use.
fn public_face(note: &Note) -> (Vec<&str>, Option<&str>) {
    let mut anchors: Vec<&str> = note.headings.iter().map(|h| &*h.slug).collect();
    anchors.extend(note.headings.iter().filter_map(|h| h.custom_id.as_deref()));
    anchors.extend(note.anchors.iter().map(|a| &*a.name));
    (anchors, note.title.as_deref())
}

impl Backend {
    /// Re-reads a closed note from disk (or forgets it when it is gone) and republishes.
    pub(super) async fn reload_from_disk(&self, path: &Path) {
        let workspace = self.session().workspace.clone();
        let is_note = workspace.config().is_note_path(path);
        let max = workspace.config().max_file_size;
        let owned = path.to_path_buf();
        let note = tokio::task::spawn_blocking(move || {
            // Only what the walk could index: never a file out of the workspace.
            let exists = owned.is_file() && workspace.admits(&owned);
            (is_note && exists)
                .then(|| read_note_text(&owned, max).ok())
                .flatten()
                .map(|(text, _)| workspace.parse(&text))
        })
        .await
        .ok()
        .flatten();
        let dependents = {
            let mut session = self.session();
            if session.documents.contains_key(path) {
                return;
            }
            match note {
                Some(note) => session.workspace.set_note(path, note),
                None => session.workspace.remove_note(path),
            }
            session.workspace.dependents(path)
        };
        let mut paths = vec![path.to_path_buf()];
        paths.extend(dependents.iter().map(|p| p.to_path_buf()));
        self.publish(paths).await;
        self.search_note_changed(path.to_path_buf()).await;
    }

    /// After `delay`, unless a newer edit arrived meanwhile: extracts an open document at
    /// `version` on a blocking thread (unless a request already did), installs it and
    /// publishes. A burst of keystrokes is extracted once, and a request that arrives first
    /// extracts it itself (see [`Backend::snapshot`]) rather than a second time beside this.
    pub(super) async fn reparse(&self, path: PathBuf, version: i32, delay: Duration) {
        let backend = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let (document, workspace) = {
                let session = backend.session();
                let document = session.documents.get(&path).cloned();
                (document, session.workspace.clone())
            };
            let Some(document) = document.filter(|d| d.version == version) else {
                return;
            };
            let big = document.byte_len() >= memory::BIG_NOTE;
            let extracting = backend.clone();
            let at = path.clone();
            let extracted = tokio::task::spawn_blocking(move || {
                extracting.bring_up_to_date(&at, document, workspace, Tree::NotWanted)
            })
            .await;
            if extracted.is_err() {
                return;
            }
            let dependents = {
                let mut session = backend.session();
                let Some(doc) = session.documents.get_mut(&path) else {
                    return;
                };
                if doc.version != version {
                    return;
                }
                let face_changed = std::mem::take(&mut doc.face_changed);
                if face_changed {
                    session.workspace.dependents(&path)
                } else {
                    Vec::new()
                }
            };
            let mut paths = vec![path.clone()];
            paths.extend(dependents.iter().map(|p| p.to_path_buf()));
            backend.publish(paths).await;
            backend.search_note_changed(path).await;
            if big {
                let _ = tokio::task::spawn_blocking(memory::give_back_freed).await;
            }
        });
    }

    /// Brings an open document's extraction (and its live tree, when wanted) up to date with
    /// its text: `document` and `workspace` are what one lock of the session saw. The parsing
    /// runs here, on the caller's (blocking) thread; what it gives is installed under a second
    /// lock, unless a newer edit came meanwhile. Returns the workspace with the document's text
    /// extracted, and the tree.
    pub(super) fn bring_up_to_date(
        &self,
        path: &Path,
        mut document: Document,
        workspace: Workspace,
        tree: Tree,
    ) -> (Workspace, Option<tree_sitter::Tree>) {
        let pending = document.extracted != Some(document.version);
        let parse_tree = tree == Tree::Wanted && !document.tree_is_current();
        if !pending && !parse_tree {
            return (
                workspace,
                (tree == Tree::Wanted)
                    .then(|| document.current_tree())
                    .flatten(),
            );
        }
        let text = document.text();
        let live = (tree == Tree::Wanted)
            .then(|| document.tree(&text))
            .flatten();
        let note = pending.then(|| workspace.parse(&text));
        let face_changed = note.as_ref().is_some_and(|new| {
            workspace
                .note(path)
                .is_none_or(|old| public_face(old) != public_face(new))
        });
        let version = document.version;
        let mut guard = self.session();
        let session = &mut *guard;
        let Some(open) = session
            .documents
            .get_mut(path)
            .filter(|open| open.version == version)
        else {
            // A newer edit came: this request answers from the text it was made for.
            drop(guard);
            let mut workspace = workspace;
            if let Some(note) = note {
                workspace.set_note(path, note);
            }
            return (workspace, live);
        };
        if parse_tree {
            open.adopt_tree(document);
        }
        if let Some(note) = note {
            open.extracted = Some(version);
            open.face_changed |= face_changed;
            session.workspace.set_note(path, note);
        }
        (session.workspace.clone(), live)
    }
}
