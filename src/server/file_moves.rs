//! File moves: `workspace/willRenameFiles` answers with the edits that keep every link right;
//! `workspace/didRenameFiles`, from clients that only report a move afterwards, sends the same
//! edits (to the moved files' new names) as `workspace/applyEdit`, then reads the moved notes.
//! The server never moves or writes a file itself.

use super::{convert, Backend};
use crate::features::file_rename::{file_rename_edits, moved, Move};
use crate::features::rename::FileEdit;
use crate::text::Encoding;
use crate::workspace::Workspace;
use std::collections::HashMap;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// What the server asks to hear about: notes and folders (a folder may hold notes).
pub(super) fn file_operations() -> WorkspaceFileOperationsServerCapabilities {
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
    workspace: &Workspace,
    edits: Vec<FileEdit>,
    moves: &[Move],
    after: bool,
    encoding: Encoding,
) -> WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for edit in edits {
        let Some(note) = workspace.note(&edit.path) else {
            continue;
        };
        let path = if after {
            moved(moves, &edit.path)
        } else {
            edit.path.clone()
        };
        let Some(uri) = convert::path_to_uri(&path) else {
            continue;
        };
        changes.entry(uri).or_default().push(TextEdit {
            range: convert::range(note, edit.span, encoding),
            new_text: edit.text,
        });
    }
    WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }
}

impl Backend {
    pub(super) fn will_rename_files_at(
        &self,
        params: RenameFilesParams,
    ) -> Result<Option<WorkspaceEdit>> {
        let moves = moves_of(&params);
        let (workspace, encoding) = {
            let mut session = self.session();
            // The client reports the same moves afterwards: they are answered here.
            session.moves_answered.extend(moves.iter().cloned());
            (session.workspace.clone(), session.client.encoding)
        };
        let edits = file_rename_edits(&workspace, &moves);
        if edits.is_empty() {
            return Ok(None);
        }
        Ok(Some(workspace_edit(
            &workspace, edits, &moves, false, encoding,
        )))
    }

    pub(super) async fn did_rename_files_at(&self, params: RenameFilesParams) {
        let (workspace, support, moves) = {
            let mut session = self.session();
            let mut moves = moves_of(&params);
            moves.retain(|m| {
                let answered = session.moves_answered.iter().position(|a| a == m);
                answered
                    .map(|i| session.moves_answered.swap_remove(i))
                    .is_none()
            });
            (session.workspace.clone(), session.client, moves)
        };
        if !moves.is_empty() && support.apply_edit {
            let edits = file_rename_edits(&workspace, &moves);
            if !edits.is_empty() {
                let edit = workspace_edit(&workspace, edits, &moves, true, support.encoding);
                // Not awaited here: nothing in a handler waits for the client.
                let client = self.client.clone();
                tokio::spawn(async move { client.apply_edit(edit).await });
            }
        }
        // The moved notes leave their old names and are read under the new ones.
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
                self.reload_from_disk(&path).await;
            }
        }
    }
}
