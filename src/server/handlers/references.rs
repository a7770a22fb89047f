//! `textDocument/references`: links to a heading or note, mentions of a term; in pages when
//! the client offers a partial result token.

use crate::features::references as feature;
use crate::server::snapshot::{Snapshot, Tree};
use crate::server::Backend;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// The references to the thing at the params' position.
pub async fn references(
    backend: &Backend,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>> {
    let token = params.partial_result_params.partial_result_token.clone();
    let uri = params.text_document_position.text_document.uri.clone();
    let found = backend
        .on_document(uri, Tree::NotWanted, params, locations)
        .await?;
    Ok(match found {
        Some(found) => Some(backend.in_pages(token, found).await),
        None => None,
    })
}

/// The references as protocol locations, whole.
fn locations(snapshot: &Snapshot, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let offset = snapshot.offset(params.text_document_position.position);
    let include = params.context.include_declaration;
    let places = feature::references(snapshot.workspace(), &snapshot.path, offset, include);
    Ok(Some(snapshot.vault.locations(places)))
}
