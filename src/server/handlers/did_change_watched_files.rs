//! `workspace/didChangeWatchedFiles`: closed notes changed on disk are read again.

use crate::server::{convert, Backend};
use tower_lsp_server::ls_types::*;

/// Reads the changed files that are not open again (open ones follow the editor).
pub async fn did_change_watched_files(backend: &Backend, params: DidChangeWatchedFilesParams) {
    for change in params.changes {
        let Some(path) = convert::uri_to_path(&change.uri) else {
            continue;
        };
        if backend.session().documents.contains_key(&path) {
            continue;
        }
        // Clients disagree on event kinds (some report everything as "changed"): the disk
        // decides.
        backend.reload_from_disk(&path).await;
    }
}
