//! `textDocument/foldingRange`: the open document's foldable blocks.

use crate::features::folding::{folding_ranges, FoldKind};
use crate::server::snapshot::Snapshot;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// The folding ranges of the open document (`None` for a closed one).
pub fn folding_range(
    snapshot: &Snapshot,
    _: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    let Some(tree) = &snapshot.tree else {
        return Ok(None);
    };
    let ranges = folding_ranges(tree, &snapshot.note.source)
        .into_iter()
        .map(|fold| FoldingRange {
            start_line: fold.start_line,
            end_line: fold.end_line,
            kind: Some(match fold.kind {
                FoldKind::Region | FoldKind::Code => FoldingRangeKind::Region,
                FoldKind::FrontMatter => FoldingRangeKind::Comment,
            }),
            ..Default::default()
        })
        .collect();
    Ok(Some(ranges))
}
