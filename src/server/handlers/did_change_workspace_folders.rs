//! `workspace/didChangeWorkspaceFolders`: roots added and removed.

use crate::server::{convert, Backend};
use tower_lsp_server::ls_types::*;

/// Updates the roots, then indexes them again.
pub async fn did_change_workspace_folders(
    backend: &Backend,
    params: DidChangeWorkspaceFoldersParams,
) {
    let paths = |folders: &[WorkspaceFolder]| -> Vec<_> {
        folders
            .iter()
            .filter_map(|f| convert::uri_to_path(&f.uri))
            .collect()
    };
    let (removed, added) = (paths(&params.event.removed), paths(&params.event.added));
    {
        let mut session = backend.session();
        session.roots.retain(|r| !removed.contains(r));
        session.roots.extend(added);
    }
    backend.settings_changed().await;
}
