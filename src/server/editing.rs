//! Completion (and its lazy resolve): needs the open document's current text and live tree.

use super::{convert, Backend};
use crate::features::answer::excerpt;
use crate::features::completion::{complete, ItemKind};
use crate::syntax::tree::in_code;
use crate::text::Source;
use crate::workspace::DefRef;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// Characters after which clients should ask for completion.
pub const TRIGGERS: [&str; 4] = ["(", "#", "[", "/"];

impl Backend {
    pub(super) fn completion_at(
        &self,
        params: CompletionParams,
    ) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let Some(path) = convert::uri_to_path(&p.text_document.uri) else {
            return Ok(None);
        };
        let workspace = self.fresh_workspace(&path);
        let (text, tree, encoding) = {
            let mut session = self.session();
            let encoding = session.client.encoding;
            match session.documents.get_mut(&path) {
                Some(doc) => {
                    let (text, tree) = doc.text_and_tree();
                    (text, tree, encoding)
                }
                None => match workspace.note(&path) {
                    Some(note) => (note.source.text().to_string(), None, encoding),
                    None => return Ok(None),
                },
            }
        };
        let source = Source::new(text.as_str());
        let offset = source.offset(convert::line_col(p.position), encoding);
        if tree.is_some_and(|t| in_code(&t, &text, offset)) {
            return Ok(None);
        }
        let Some(completion) = complete(&workspace, &path, &text, offset) else {
            return Ok(None);
        };
        let range = Range::new(
            convert::position(source.line_col(completion.replace.start as usize, encoding)),
            convert::position(source.line_col(completion.replace.end as usize, encoding)),
        );
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
                data: item.definition.map(
                    |d| serde_json::json!({"path": d.path.to_string_lossy(), "index": d.index}),
                ),
                ..Default::default()
            })
            .collect();
        Ok(Some(CompletionResponse::List(CompletionList {
            is_incomplete: completion.incomplete,
            items,
        })))
    }

    /// Fills in a term item's documentation: its answer.
    pub(super) fn resolve_completion(&self, mut item: CompletionItem) -> Result<CompletionItem> {
        let Some(data) = &item.data else {
            return Ok(item);
        };
        let path = data["path"].as_str().map(std::path::PathBuf::from);
        let index = data["index"].as_u64();
        let workspace = self.session().workspace.clone();
        if let (Some(path), Some(index)) = (path, index) {
            if let Some(key) = workspace.note_path(&path) {
                let def = DefRef {
                    path: key.clone(),
                    index: index as u32,
                };
                if let Some((note, d)) = workspace.definition(&def) {
                    item.documentation = Some(Documentation::MarkupContent(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: excerpt(note, d.answer),
                    }));
                }
            }
        }
        Ok(item)
    }
}
