//! `textDocument/hover`: the answer for the term or link under the cursor.

use crate::features::hover as feature;
use crate::server::snapshot::Snapshot;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// The hover at the params' position.
pub fn hover(snapshot: &Snapshot, params: HoverParams) -> Result<Option<Hover>> {
    let offset = snapshot.offset(params.text_document_position_params.position);
    let settings = &snapshot.workspace().config().hover;
    let Some(result) = feature::hover(snapshot.workspace(), &snapshot.path, offset, settings)
    else {
        return Ok(None);
    };
    Ok(Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: result.markdown,
        }),
        range: Some(snapshot.range(result.span)),
    }))
}
