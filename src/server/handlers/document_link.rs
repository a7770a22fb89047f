//! `textDocument/documentLink`: where the note's links lead.

use crate::features::document_links::document_links;
use crate::server::snapshot::Snapshot;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// The document's links that lead somewhere.
pub fn document_link(
    snapshot: &Snapshot,
    _: DocumentLinkParams,
) -> Result<Option<Vec<DocumentLink>>> {
    let links = document_links(snapshot.workspace(), &snapshot.path)
        .into_iter()
        .filter_map(|link| {
            Some(DocumentLink {
                range: snapshot.range(link.span),
                target: Some(link.target.parse().ok()?),
                tooltip: None,
                data: None,
            })
        })
        .collect();
    Ok(Some(links))
}
