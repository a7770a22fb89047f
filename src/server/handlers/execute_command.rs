//! `workspace/executeCommand`: `notes.gaps` (every unanswered placeholder) and `notes.search`
//! (full-text search).

use crate::features::gaps::gaps;
use crate::server::snapshot::Vault;
use crate::server::{search, Backend};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

/// `workspace/executeCommand` name listing every unanswered placeholder.
pub const GAPS_COMMAND: &str = "notes.gaps";

/// Runs a command.
pub async fn execute_command(
    backend: &Backend,
    params: ExecuteCommandParams,
) -> Result<Option<LSPAny>> {
    match params.command.as_str() {
        GAPS_COMMAND => {
            let listed = backend.blocking(|b| Ok(gaps_json(&b.vault()))).await?;
            Ok(Some(listed))
        }
        search::SEARCH_COMMAND => {
            let Some(query) = params.arguments.first().and_then(|q| q.as_str()) else {
                return Err(Error::invalid_params("notes.search takes [query: string]"));
            };
            let limit = backend
                .vault()
                .workspace
                .config()
                .completion
                .max_items
                .max(1);
            let hits = backend.search(query.to_string(), limit).await;
            Ok(Some(LSPAny::Array(
                hits.iter().map(search::hit_json).collect(),
            )))
        }
        other => Err(Error::invalid_params(format!("unknown command {other}"))),
    }
}

/// The gaps as the `notes.gaps` command returns them, each with where another note answers
/// it, when one does.
fn gaps_json(vault: &Vault) -> LSPAny {
    let place = |path: &std::path::Path, span| {
        let location = vault.location(path, span)?;
        vault.workspace.note(path)?;
        Some(location)
    };
    let json = gaps(&vault.workspace)
        .into_iter()
        .filter_map(|gap| {
            let Location { uri, range } = place(&gap.path, gap.span)?;
            let mut item =
                serde_json::json!({"uri": uri, "range": range, "question": gap.question});
            if let Some(answer) = gap.answered_in {
                if let Some(Location { uri, range }) = place(&answer.path, answer.span) {
                    item["answeredIn"] =
                        serde_json::json!({"uri": uri, "range": range, "label": answer.label});
                }
            }
            Some(item)
        })
        .collect();
    LSPAny::Array(json)
}
