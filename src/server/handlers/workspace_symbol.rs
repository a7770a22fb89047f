//! `workspace/symbol`: headings and terms matching the query, else full-text matches; in pages
//! when the client offers a partial result token.

use crate::features::full_text::full_text_symbols;
use crate::features::symbols::{workspace_symbols, Symbol, SymbolKind as Kind};
use crate::server::snapshot::Vault;
use crate::server::Backend;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// A symbol as the protocol shows it (`None` when its note has no `file:` URI).
#[allow(deprecated)]
fn symbol_information(vault: &Vault, symbol: Symbol) -> Option<SymbolInformation> {
    Some(SymbolInformation {
        location: vault.location(&symbol.path, symbol.span)?,
        name: symbol.name,
        kind: match symbol.kind {
            Kind::Heading => SymbolKind::STRING,
            Kind::Term => SymbolKind::KEY,
        },
        tags: None,
        deprecated: None,
        container_name: symbol.container,
    })
}

/// The symbols matching the query; when none does, the sections the full-text search finds.
pub async fn symbol(
    backend: &Backend,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let token = params.partial_result_params.partial_result_token;
    let query = params.query;
    let asked = query.clone();
    let (vault, symbols, limit) = backend
        .blocking(move |b| {
            let vault = b.vault();
            let limit = vault.workspace.config().completion.max_items.max(1) * 2;
            let symbols: Vec<_> = workspace_symbols(&vault.workspace, &asked, limit)
                .into_iter()
                .filter_map(|s| symbol_information(&vault, s))
                .collect();
            Ok((vault, symbols, limit))
        })
        .await?;
    let symbols = if !symbols.is_empty() || query.trim().is_empty() {
        symbols
    } else {
        let hits = backend.search(query, limit).await;
        full_text_symbols(&vault.workspace, hits)
            .into_iter()
            .filter_map(|s| symbol_information(&vault, s))
            .collect()
    };
    let symbols = backend.in_pages(token, symbols).await;
    Ok(Some(WorkspaceSymbolResponse::Flat(symbols)))
}
