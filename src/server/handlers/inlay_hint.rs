//! `textDocument/inlayHint`: an acronym's expansion after its first use in the note (when the
//! `inlayHints` setting turns them on).

use crate::features::inlay_hints::acronym_hints;
use crate::server::snapshot::Snapshot;
use crate::syntax::Span;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// The hints in the params' range.
pub fn inlay_hint(snapshot: &Snapshot, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
    if !snapshot.workspace().config().inlay_hints.enabled {
        return Ok(None);
    }
    let range = Span::new(
        snapshot.offset(params.range.start),
        snapshot.offset(params.range.end),
    );
    let hints = acronym_hints(snapshot.workspace(), &snapshot.path, range)
        .into_iter()
        .map(|hint| InlayHint {
            position: snapshot.range(Span::new(hint.offset, hint.offset)).start,
            label: InlayHintLabel::String(format!("({})", hint.label)),
            kind: None,
            text_edits: None,
            tooltip: None,
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect();
    Ok(Some(hints))
}
