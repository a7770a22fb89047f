//! `workspace/willRenameFiles` answers with the edits that keep every link right;
//! `workspace/didRenameFiles`, from clients that only report a move afterwards, sends the same
//! edits (to the moved files' new names) as `workspace/applyEdit`, then reads the moved notes.
//! The server never moves or writes a file itself.

use crate::features::file_rename::{file_rename_edits, moved, Move};
use crate::features::rename::FileEdit;
use crate::server::snapshot::Vault;
use crate::server::{convert, Backend};
use std::collections::HashMap;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// What the server asks to hear about: notes and folders (a folder may hold notes).
pub fn file_operations() -> WorkspaceFileOperationsServerCapabilities {
    let filters = |glob: &str, matches| FileOperationFilter {
        scheme: Some("file".into()),
        pattern: FileOperationPattern {
            glob: glob.into(),
            matches: Some(matches),
            options: None,
        },
    };
    let options = FileOperationRegistrationOptions {
        filters: vec![
            filters("**/*.{md,markdown}", FileOperationPatternKind::File),
            filters("**", FileOperationPatternKind::Folder),
        ],
    };
    WorkspaceFileOperationsServerCapabilities {
        will_rename: Some(options.clone()),
        did_rename: Some(options),
        ..Default::default()
    }
}

/// The moves a request names (those with paths).
fn moves_of(params: &RenameFilesParams) -> Vec<Move> {
    params
        .files
        .iter()
        .filter_map(|f| {
            let path = |uri: &str| convert::uri_to_path(&uri.parse().ok()?);
            Some(Move {
                old: path(&f.old_uri)?,
                new: path(&f.new_uri)?,
            })
        })
        .collect()
}

/// `edits` as a workspace edit, each file under its name before the moves, or after them when
/// `after`.
fn workspace_edit(
    vault: &Vault,
    edits: Vec<FileEdit>,
    moves: &[Move],
    after: bool,
) -> WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for edit in edits {
        if vault.workspace.note(&edit.path).is_none() {
            continue;
        }
        let path = if after {
            moved(moves, &edit.path)
        } else {
            edit.path.clone()
        };
        let Some(uri) = convert::path_to_uri(&path) else {
            continue;
        };
        changes.entry(uri).or_default().push(TextEdit {
            range: vault.range_in(&edit.path, edit.span),
            new_text: edit.text,
        });
    }
    WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }
}

/// The edits that keep the links to and in the moved files right (the client reports the same
/// moves afterwards: they are answered here).
pub fn will_rename_files(
    backend: &Backend,
    params: RenameFilesParams,
) -> Result<Option<WorkspaceEdit>> {
    let moves = moves_of(&params);
    let vault = {
        let mut session = backend.session();
        session.moves_answered.extend(moves.iter().cloned());
        Backend::vault_of(&session)
    };
    let edits = file_rename_edits(&vault.workspace, &moves);
    if edits.is_empty() {
        return Ok(None);
    }
    Ok(Some(workspace_edit(&vault, edits, &moves, false)))
}

/// Sends the edits of moves not answered before (to clients that apply edits), then reads the
/// moved notes under their new names.
pub async fn did_rename_files(backend: &Backend, params: RenameFilesParams) {
    let (vault, apply_edit, moves) = {
        let mut session = backend.session();
        let mut moves = moves_of(&params);
        moves.retain(|m| {
            let answered = session.moves_answered.iter().position(|a| a == m);
            answered
                .map(|i| session.moves_answered.swap_remove(i))
                .is_none()
        });
        (
            Backend::vault_of(&session),
            session.client.apply_edit,
            moves,
        )
    };
    if !moves.is_empty() && apply_edit {
        let edits = file_rename_edits(&vault.workspace, &moves);
        if !edits.is_empty() {
            let edit = workspace_edit(&vault, edits, &moves, true);
            // Not awaited here: nothing in a handler waits for the client.
            let client = backend.client.clone();
            tokio::spawn(async move { client.apply_edit(edit).await });
        }
    }
    // The moved notes leave their old names and are read under the new ones.
    let workspace = &vault.workspace;
    let mut paths: Vec<_> = moves_of(&params)
        .iter()
        .flat_map(|m| {
            let inside: Vec<_> = workspace
                .notes()
                .filter(|(p, _)| p.starts_with(&m.old))
                .map(|(p, _)| p.to_path_buf())
                .collect();
            let news: Vec<_> = inside
                .iter()
                .map(|p| moved(std::slice::from_ref(m), p))
                .collect();
            inside.into_iter().chain(news).chain([m.new.clone()])
        })
        .collect();
    paths.sort();
    paths.dedup();
    for path in paths {
        if workspace.config().is_note_path(&path) {
            backend.reload_from_disk(&path).await;
        }
    }
}
