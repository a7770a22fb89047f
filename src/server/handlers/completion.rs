//! `textDocument/completion` (paths, anchors, wiki names, terms; nothing in code) and
//! `completionItem/resolve` (a term's answer as documentation).

use crate::features::answer::excerpt;
use crate::features::completion::{complete, ItemKind};
use crate::features::in_code::in_code;
use crate::server::snapshot::{Snapshot, Vault};
use crate::workspace::DefRef;
use std::path::PathBuf;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// Characters after which clients should ask for completion.
pub const TRIGGERS: [&str; 4] = ["(", "#", "[", "/"];

/// The completion list at the params' position.
pub fn completion(
    snapshot: &Snapshot,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let offset = snapshot.offset(params.text_document_position.position);
    let text = snapshot.text();
    if snapshot
        .tree
        .as_ref()
        .is_some_and(|tree| in_code(tree, text, offset))
    {
        return Ok(None);
    }
    let settings = &snapshot.workspace().config().completion;
    let Some(completion) = complete(snapshot.workspace(), &snapshot.path, text, offset, settings)
    else {
        return Ok(None);
    };
    let range = snapshot.range(completion.replace);
    let items = completion
        .items
        .into_iter()
        .enumerate()
        .map(|(rank, item)| CompletionItem {
            label: item.label,
            kind: Some(match item.kind {
                ItemKind::File => CompletionItemKind::FILE,
                ItemKind::Heading => CompletionItemKind::REFERENCE,
                ItemKind::Term => CompletionItemKind::KEYWORD,
            }),
            detail: item.detail,
            filter_text: Some(item.filter),
            sort_text: Some(format!("{rank:05}")),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range,
                new_text: item.insert,
            })),
            data: item
                .definition
                .map(|d| serde_json::json!({"path": d.path.to_string_lossy(), "index": d.index})),
            ..Default::default()
        })
        .collect();
    Ok(Some(CompletionResponse::List(CompletionList {
        is_incomplete: completion.incomplete,
        items,
    })))
}

/// Fills in a term item's documentation: its answer.
pub fn resolve(vault: &Vault, mut item: CompletionItem) -> Result<CompletionItem> {
    let Some(data) = &item.data else {
        return Ok(item);
    };
    let path = data["path"].as_str().map(PathBuf::from);
    let index = data["index"].as_u64().and_then(|i| u32::try_from(i).ok());
    let (Some(path), Some(index)) = (path, index) else {
        return Ok(item);
    };
    let Some(key) = vault.workspace.note_path(&path) else {
        return Ok(item);
    };
    let def = DefRef {
        path: key.clone(),
        index,
    };
    if let Some((note, d)) = vault.workspace.definition(&def) {
        item.documentation = Some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: excerpt(note, d.answer),
        }));
    }
    Ok(item)
}
