//! `textDocument/references`: links to a heading or note, mentions of a term.

use crate::features::references as feature;
use crate::server::snapshot::Snapshot;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// The references to the thing at the params' position.
pub fn references(snapshot: &Snapshot, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let offset = snapshot.offset(params.text_document_position.position);
    let include = params.context.include_declaration;
    let places = feature::references(snapshot.workspace(), &snapshot.path, offset, include);
    Ok(Some(snapshot.vault.locations(places)))
}
