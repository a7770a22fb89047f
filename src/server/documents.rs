//! Document sync: open, change (incremental), close, and notes changed on disk.

use super::{convert, Backend};
use crate::syntax::Note;
use crate::text::Document;
use crate::workspace::{read_note_text, Workspace};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tower_lsp_server::ls_types::*;

/// Quiet time after the last keystroke before diagnostics are pushed.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// What other notes can see of a note: its anchors and the names wiki links use.
fn public_face(note: &Note) -> (Vec<&str>, Option<&str>) {
    let mut anchors: Vec<&str> = note.headings.iter().map(|h| &*h.slug).collect();
    anchors.extend(note.headings.iter().filter_map(|h| h.custom_id.as_deref()));
    anchors.extend(note.anchors.iter().map(|a| &*a.name));
    (anchors, note.title.as_deref())
}

impl Backend {
    pub(super) async fn open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let Some(path) = convert::uri_to_path(&doc.uri) else {
            tracing::warn!("ignoring non-file document {}", doc.uri.as_str());
            return;
        };
        self.session()
            .documents
            .insert(path.clone(), Document::new(&doc.text, doc.version));
        self.reparse(path, doc.version, Duration::ZERO).await;
    }

    pub(super) async fn change(&self, params: DidChangeTextDocumentParams) {
        let Some(path) = convert::uri_to_path(&params.text_document.uri) else {
            return;
        };
        let version = params.text_document.version;
        {
            let mut session = self.session();
            let encoding = session.client.encoding;
            let Some(doc) = session.documents.get_mut(&path) else {
                tracing::warn!("change to a document that is not open: {}", path.display());
                return;
            };
            if version < doc.version {
                tracing::warn!("stale change (version {version} < {}) ignored", doc.version);
                return;
            }
            for change in params.content_changes {
                let range = change
                    .range
                    .map(|r| (convert::line_col(r.start), convert::line_col(r.end)));
                doc.apply_change(range, &change.text, encoding);
            }
            doc.version = version;
        }
        self.reparse(path, version, DEBOUNCE).await;
    }

    pub(super) async fn close(&self, params: DidCloseTextDocumentParams) {
        let Some(path) = convert::uri_to_path(&params.text_document.uri) else {
            return;
        };
        self.session().documents.remove(&path);
        self.reload_from_disk(&path).await;
    }

    pub(super) async fn watched_files_changed(&self, params: DidChangeWatchedFilesParams) {
        for change in params.changes {
            let Some(path) = convert::uri_to_path(&change.uri) else {
                continue;
            };
            if self.session().documents.contains_key(&path) {
                continue;
            }
            // Clients disagree on event kinds (some report everything as "changed"): the disk
            // decides.
            self.reload_from_disk(&path).await;
        }
    }

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

    /// After `delay`, unless a newer edit arrived meanwhile: re-extracts an open document at
    /// `version` off the runtime (unless a request already did), installs it and publishes. A
    /// burst of keystrokes is extracted once, and a request that arrives first extracts it
    /// itself (see [`Backend::fresh_workspace`]) rather than a second time beside this.
    async fn reparse(&self, path: PathBuf, version: i32, delay: Duration) {
        let backend = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            if let Some((text, current, workspace)) = backend.pending_extraction(&path) {
                if current != version {
                    return;
                }
                let parsed = tokio::task::spawn_blocking(move || workspace.parse(&text)).await;
                let Ok(note) = parsed else {
                    return;
                };
                backend.install(&path, current, note);
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
        });
    }

    /// Installs the extraction of an open document if `version` is still its current one.
    fn install(&self, path: &Path, version: i32, note: Note) {
        let mut session = self.session();
        let face_changed = session
            .workspace
            .note(path)
            .is_none_or(|old| public_face(old) != public_face(&note));
        let Some(doc) = session.documents.get_mut(path) else {
            return;
        };
        if doc.version != version {
            return;
        }
        doc.extracted = Some(version);
        doc.face_changed |= face_changed;
        session.workspace.set_note(path, note);
    }

    /// The workspace snapshot with `path` current: an open document edited since its last
    /// extraction is re-extracted here (well under a millisecond for a note), so requests that
    /// arrive before the debounced re-extraction never answer from the old text.
    pub(super) fn fresh_workspace(&self, path: &Path) -> Workspace {
        if let Some((text, version, workspace)) = self.pending_extraction(path) {
            let note = workspace.parse(&text);
            self.install(path, version, note);
        }
        self.session().workspace.clone()
    }

    /// The text and version of an open document whose extraction the workspace lacks, with the
    /// snapshot to parse it with.
    fn pending_extraction(&self, path: &Path) -> Option<(String, i32, Workspace)> {
        let session = self.session();
        let doc = session.documents.get(path)?;
        (doc.extracted != Some(doc.version))
            .then(|| (doc.text(), doc.version, session.workspace.clone()))
    }
}
