//! Read-only requests: hover, definition, references, rename, code actions. Each takes a snapshot,
//! converts the position once, and calls a feature.

use super::{convert, Backend};
use crate::features::{code_actions, definition, hover, references, rename};
use crate::syntax::Span;
use crate::text::Encoding;
use crate::workspace::Workspace;
use std::collections::HashMap;
use std::path::PathBuf;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// A request's document, resolved: the snapshot, the note's path and the byte offset.
pub(super) struct At {
    pub workspace: Workspace,
    pub path: PathBuf,
    pub offset: usize,
    pub encoding: Encoding,
}

impl Backend {
    /// The snapshot and byte offset for a document position (`None` for unknown documents).
    pub(super) fn at(&self, uri: &Uri, position: Position) -> Option<At> {
        let path = convert::uri_to_path(uri)?;
        let workspace = self.fresh_workspace(&path);
        let encoding = self.support().encoding;
        let note = workspace.note(&path)?;
        let offset = note.source.offset(convert::line_col(position), encoding);
        Some(At {
            workspace,
            path,
            offset,
            encoding,
        })
    }

    pub(super) fn hover_at(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(at) = self.at(&p.text_document.uri, p.position) else {
            return Ok(None);
        };
        let Some(result) = hover::hover(&at.workspace, &at.path, at.offset) else {
            return Ok(None);
        };
        let note = at.workspace.note(&at.path).expect("located above");
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: result.markdown,
            }),
            range: Some(convert::range(note, result.span, at.encoding)),
        }))
    }

    pub(super) fn definition_at(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let Some(at) = self.at(&p.text_document.uri, p.position) else {
            return Ok(None);
        };
        let places = definition::definition(&at.workspace, &at.path, at.offset);
        let locations = locations(&at.workspace, places, at.encoding);
        Ok((!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations)))
    }

    pub(super) async fn references_at(
        &self,
        params: ReferenceParams,
    ) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let Some(at) = self.at(&p.text_document.uri, p.position) else {
            return Ok(None);
        };
        let include = params.context.include_declaration;
        let found = tokio::task::spawn_blocking(move || {
            let places = references::references(&at.workspace, &at.path, at.offset, include);
            locations(&at.workspace, places, at.encoding)
        })
        .await
        .unwrap_or_default();
        Ok(Some(found))
    }

    pub(super) fn code_actions_at(
        &self,
        params: CodeActionParams,
    ) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(start) = self.at(&uri, params.range.start) else {
            return Ok(None);
        };
        let note = start.workspace.note(&start.path).expect("located above");
        let end = note
            .source
            .offset(convert::line_col(params.range.end), start.encoding);
        let fixes =
            code_actions::code_actions(&start.workspace, &start.path, Span::new(start.offset, end));
        let create_files = self.support().create_files;
        let actions = fixes
            .into_iter()
            .filter(|fix| fix.create.is_none() || create_files)
            .map(|fix| {
                let edits: Vec<TextEdit> = fix
                    .edits
                    .iter()
                    .map(|(span, text)| TextEdit {
                        range: convert::range(note, *span, start.encoding),
                        new_text: text.clone(),
                    })
                    .collect();
                let edit = match &fix.create {
                    Some(new) => created(new),
                    None => Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..Default::default()
                    }),
                };
                CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title,
                    kind: Some(match fix.kind {
                        code_actions::FixKind::QuickFix => CodeActionKind::QUICKFIX,
                        code_actions::FixKind::Rewrite => CodeActionKind::REFACTOR_REWRITE,
                    }),
                    edit,
                    is_preferred: fix.preferred.then_some(true),
                    ..Default::default()
                })
            })
            .collect::<Vec<_>>();
        Ok((!actions.is_empty()).then_some(actions))
    }
}

impl Backend {
    pub(super) fn prepare_rename_at(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some(at) = self.at(&params.text_document.uri, params.position) else {
            return Ok(None);
        };
        let note = at.workspace.note(&at.path).expect("located above");
        Ok(
            rename::prepare(&at.workspace, &at.path, at.offset).map(|(span, text)| {
                PrepareRenameResponse::RangeWithPlaceholder {
                    range: convert::range(note, span, at.encoding),
                    placeholder: text,
                }
            }),
        )
    }

    pub(super) fn rename_at(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let Some(at) = self.at(&p.text_document.uri, p.position) else {
            return Ok(None);
        };
        let edits = rename::rename_heading(&at.workspace, &at.path, at.offset, &params.new_name)
            .map_err(|e| tower_lsp_server::jsonrpc::Error::invalid_params(e.to_string()))?;
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        for edit in edits {
            let (Some(uri), Some(note)) = (
                convert::path_to_uri(&edit.path),
                at.workspace.note(&edit.path),
            ) else {
                continue;
            };
            changes.entry(uri).or_default().push(TextEdit {
                range: convert::range(note, edit.span, at.encoding),
                new_text: edit.text,
            });
        }
        Ok(Some(WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }))
    }
}

/// The edit that creates a note with its text.
fn created(new: &code_actions::NewNote) -> Option<WorkspaceEdit> {
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

/// Places as protocol locations (a file that is not a note gets its first position). Places in
/// one file come one after another (references are sorted by path): the file's URI and note
/// are looked up once for them all.
fn locations(
    workspace: &Workspace,
    places: Vec<definition::Place>,
    encoding: Encoding,
) -> Vec<Location> {
    let mut out = Vec::with_capacity(places.len());
    for same_file in places.chunk_by(|a, b| a.path == b.path) {
        let Some(path) = same_file.first().map(|p| &p.path) else {
            continue;
        };
        let Some(uri) = convert::path_to_uri(path) else {
            continue;
        };
        let note = workspace.note(path);
        out.extend(same_file.iter().map(|place| {
            let range = note
                .map(|n| convert::range(n, place.span, encoding))
                .unwrap_or_default();
            Location::new(uri.clone(), range)
        }));
    }
    out
}
