//! `textDocument/definition`: a term's definitions, a link's target, a reference's label.

use crate::features::definition as feature;
use crate::server::snapshot::Snapshot;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// Where the thing at the params' position is defined.
pub fn definition(
    snapshot: &Snapshot,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let offset = snapshot.offset(params.text_document_position_params.position);
    let places = feature::definition(snapshot.workspace(), &snapshot.path, offset);
    let locations = snapshot.vault.locations(places);
    Ok((!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations)))
}
