//! `textDocument/codeAction`: quick fixes and rewrites for the selected range (gaps answered
//! elsewhere, anchors, missing notes, a table of contents).

use crate::features::code_actions::{code_actions, FixKind, NewNote};
use crate::server::convert;
use crate::server::snapshot::Snapshot;
use crate::syntax::Span;
use std::collections::HashMap;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// The actions for the params' range (those that create a note only for clients that create
/// files).
pub fn code_action(
    snapshot: &Snapshot,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let range = Span::new(
        snapshot.offset(params.range.start),
        snapshot.offset(params.range.end),
    );
    let uri = params.text_document.uri;
    let settings = &snapshot.workspace().config().completion;
    let actions: Vec<_> = code_actions(snapshot.workspace(), &snapshot.path, range, settings)
        .into_iter()
        .filter(|fix| fix.create.is_none() || snapshot.vault.create_files)
        .map(|fix| {
            let edit = match &fix.create {
                Some(new) => created(new),
                None => {
                    let edits = fix
                        .edits
                        .into_iter()
                        .map(|(span, new_text)| TextEdit {
                            range: snapshot.range(span),
                            new_text,
                        })
                        .collect();
                    Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..Default::default()
                    })
                }
            };
            CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title,
                kind: Some(match fix.kind {
                    FixKind::QuickFix => CodeActionKind::QUICKFIX,
                    FixKind::Rewrite => CodeActionKind::REFACTOR_REWRITE,
                }),
                edit,
                is_preferred: fix.preferred.then_some(true),
                ..Default::default()
            })
        })
        .collect();
    Ok((!actions.is_empty()).then_some(actions))
}

/// The edit that creates a note with its text.
fn created(new: &NewNote) -> Option<WorkspaceEdit> {
    let uri = convert::path_to_uri(&new.path)?;
    let create = DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
        uri: uri.clone(),
        options: Some(CreateFileOptions {
            overwrite: Some(false),
            ignore_if_exists: Some(true),
        }),
        annotation_id: None,
    }));
    let text = DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
        edits: vec![OneOf::Left(TextEdit {
            range: Range::default(),
            new_text: new.text.clone(),
        })],
    });
    Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(vec![create, text])),
        ..Default::default()
    })
}
