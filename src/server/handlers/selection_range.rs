//! `textDocument/selectionRange`: ever larger ranges around each position, word to document.

use crate::features::selection::selection;
use crate::server::snapshot::Snapshot;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// The selection chains of the open document (`None` for a closed one).
pub fn selection_range(
    snapshot: &Snapshot,
    params: SelectionRangeParams,
) -> Result<Option<Vec<SelectionRange>>> {
    let Some(tree) = &snapshot.tree else {
        return Ok(None);
    };
    let ranges = params
        .positions
        .iter()
        .map(|&position| {
            let spans = selection(tree, snapshot.text(), snapshot.offset(position));
            let mut chain: Option<SelectionRange> = None;
            for span in spans.into_iter().rev() {
                chain = Some(SelectionRange {
                    range: snapshot.range(span),
                    parent: chain.map(Box::new),
                });
            }
            chain.unwrap_or(SelectionRange {
                range: Range::new(position, position),
                parent: None,
            })
        })
        .collect();
    Ok(Some(ranges))
}
