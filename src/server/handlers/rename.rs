//! `textDocument/prepareRename` and `textDocument/rename`: a heading, with every link to it.

use crate::features::rename as feature;
use crate::server::snapshot::Snapshot;
use std::collections::HashMap;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

/// The heading text the cursor can rename, and its range.
pub fn prepare_rename(
    snapshot: &Snapshot,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    let offset = snapshot.offset(params.position);
    let prepared = feature::prepare(snapshot.workspace(), &snapshot.path, offset);
    Ok(
        prepared.map(|(span, text)| PrepareRenameResponse::RangeWithPlaceholder {
            range: snapshot.range(span),
            placeholder: text,
        }),
    )
}

/// The edits that rename the heading at the params' position and the links to it.
pub fn rename(snapshot: &Snapshot, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
    let offset = snapshot.offset(params.text_document_position.position);
    let edits = feature::rename_heading(
        snapshot.workspace(),
        &snapshot.path,
        offset,
        &params.new_name,
    )
    .map_err(|e| Error::invalid_params(e.to_string()))?;
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for edit in edits {
        let Some(Location { uri, range }) = snapshot.location(&edit.path, edit.span) else {
            continue;
        };
        changes.entry(uri).or_default().push(TextEdit {
            range,
            new_text: edit.text,
        });
    }
    Ok(Some(WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }))
}
