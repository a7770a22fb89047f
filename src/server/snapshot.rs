//! A request's view of the session, taken under one lock: the workspace snapshot and the
//! client's encoding ([`Vault`]), and for a document the note and, when it is open, its live
//! tree ([`Snapshot`]). Open documents edited since their last extraction are brought up to
//! date first, off the lock (see `documents.rs`). Handlers answer from it alone.

use super::session::Session;
use super::{convert, Backend};
use crate::features::definition::Place;
use crate::syntax::{Note, Span};
use crate::text::Encoding;
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Location, Position, Range, Uri};

/// The whole vault as a request sees it.
pub struct Vault {
    /// The workspace snapshot.
    pub workspace: Workspace,
    /// How the client counts columns.
    pub encoding: Encoding,
    /// Whether the first index is in (before it, link diagnostics would be false alarms).
    pub indexed: bool,
    /// Whether the client creates files in workspace edits.
    pub create_files: bool,
}

impl Vault {
    /// The editor range of a span of the note at `path` (the file's start for a file that is
    /// not a note).
    pub fn range_in(&self, path: &Path, span: Span) -> Range {
        self.workspace
            .note(path)
            .map(|note| convert::range(note, span, self.encoding))
            .unwrap_or_default()
    }

    /// A place as a protocol location (`None` for a path that has no `file:` URI).
    pub fn location(&self, path: &Path, span: Span) -> Option<Location> {
        Some(Location::new(
            convert::path_to_uri(path)?,
            self.range_in(path, span),
        ))
    }

    /// Places as protocol locations. Places in one file come one after another (references
    /// are sorted by path): the file's URI and note are looked up once for them all.
    pub fn locations(&self, places: Vec<Place>) -> Vec<Location> {
        let mut out = Vec::with_capacity(places.len());
        for same_file in places.chunk_by(|a, b| a.path == b.path) {
            let Some(path) = same_file.first().map(|p| &p.path) else {
                continue;
            };
            let Some(uri) = convert::path_to_uri(path) else {
                continue;
            };
            let note = self.workspace.note(path);
            out.extend(same_file.iter().map(|place| {
                let range = note
                    .map(|n| convert::range(n, place.span, self.encoding))
                    .unwrap_or_default();
                Location::new(uri.clone(), range)
            }));
        }
        out
    }
}

/// One document as a request sees it.
pub struct Snapshot {
    /// The vault, with this document's latest text extracted.
    pub vault: Vault,
    /// The document's path.
    pub path: PathBuf,
    /// Its note.
    pub note: Arc<Note>,
    /// Its live block tree, when it is open and the request asked for it.
    pub tree: Option<tree_sitter::Tree>,
}

impl Snapshot {
    /// The workspace snapshot.
    pub fn workspace(&self) -> &Workspace {
        &self.vault.workspace
    }

    /// The document's text.
    pub fn text(&self) -> &str {
        self.note.source.text()
    }

    /// The byte offset of an editor position in the document.
    pub fn offset(&self, position: Position) -> usize {
        self.note
            .source
            .offset(convert::line_col(position), self.vault.encoding)
    }

    /// The editor range of a span of the document.
    pub fn range(&self, span: Span) -> Range {
        convert::range(&self.note, span, self.vault.encoding)
    }

    /// A place in any note as a protocol location.
    pub fn location(&self, path: &Path, span: Span) -> Option<Location> {
        self.vault.location(path, span)
    }
}

/// Whether a document request needs the live tree (completion context, folding, selection).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tree {
    /// It needs the tree.
    Wanted,
    /// It answers from the note alone.
    NotWanted,
}

impl Backend {
    /// The vault as it is now, under one lock.
    pub(super) fn vault(&self) -> Vault {
        Self::vault_of(&self.session())
    }

    /// The vault of a locked session.
    pub(super) fn vault_of(session: &Session) -> Vault {
        Vault {
            workspace: session.workspace.clone(),
            encoding: session.client.encoding,
            indexed: session.indexed,
            create_files: session.client.create_files,
        }
    }

    /// The snapshot of the document at `uri` (`None` for documents that are neither open nor
    /// notes): the session is read under one lock; an open document edited since its last
    /// extraction is extracted (and its tree parsed, when wanted) after it, on this thread,
    /// which is a blocking one.
    pub(super) fn snapshot(&self, uri: &Uri, tree: Tree) -> Option<Snapshot> {
        let path = convert::uri_to_path(uri)?;
        #[cfg(test)]
        if std::mem::take(&mut self.session().fail_next_request) {
            panic!("a request failed on purpose");
        }
        let (vault, open) = {
            let session = self.session();
            (
                Self::vault_of(&session),
                session.documents.get(&path).cloned(),
            )
        };
        let (vault, tree) = match open {
            Some(document) => {
                let (workspace, live) =
                    self.bring_up_to_date(&path, document, vault.workspace, tree);
                let vault = Vault { workspace, ..vault };
                (vault, live)
            }
            None => (vault, None),
        };
        let note = vault.workspace.note(&path)?.clone();
        Some(Snapshot {
            vault,
            path,
            note,
            tree,
        })
    }

    /// Answers a request about the document at `uri` with `handler`, on a blocking thread,
    /// from the document's snapshot (`None` for a document the server does not know). A panic
    /// there reaches the handlers' boundary.
    pub(super) async fn on_document<P: Send + 'static, R: Send + 'static>(
        &self,
        uri: Uri,
        tree: Tree,
        params: P,
        handler: fn(&Snapshot, P) -> Result<Option<R>>,
    ) -> Result<Option<R>> {
        self.blocking(move |backend| match backend.snapshot(&uri, tree) {
            Some(snapshot) => handler(&snapshot, params),
            None => Ok(None),
        })
        .await
    }
}
