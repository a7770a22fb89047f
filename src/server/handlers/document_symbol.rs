//! `textDocument/documentSymbol`: the note's heading outline.

use crate::features::symbols::{outline, OutlineEntry};
use crate::server::snapshot::Snapshot;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

#[allow(deprecated)]
fn document_symbol(snapshot: &Snapshot, entry: OutlineEntry) -> DocumentSymbol {
    DocumentSymbol {
        name: if entry.name.is_empty() {
            "(empty heading)".into()
        } else {
            entry.name
        },
        detail: Some("#".repeat(entry.level as usize)),
        kind: SymbolKind::STRING,
        tags: None,
        deprecated: None,
        range: snapshot.range(entry.span),
        selection_range: snapshot.range(entry.heading),
        children: Some(
            entry
                .children
                .into_iter()
                .map(|c| document_symbol(snapshot, c))
                .collect(),
        ),
    }
}

/// The outline of the document.
pub fn document_symbol_list(
    snapshot: &Snapshot,
    _: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let symbols = outline(&snapshot.note)
        .into_iter()
        .map(|e| document_symbol(snapshot, e))
        .collect();
    Ok(Some(DocumentSymbolResponse::Nested(symbols)))
}
