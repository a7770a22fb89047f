//! `initialize` (what the client supports, the roots, the server's capabilities) and
//! `initialized` (file watching and the first index).

use crate::server::session::ClientSupport;
use crate::server::{convert, Backend};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

fn client_support(caps: &ClientCapabilities) -> ClientSupport {
    let utf8 = caps
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    let text = caps.text_document.as_ref();
    ClientSupport {
        encoding: if utf8 {
            crate::text::Encoding::Utf8
        } else {
            crate::text::Encoding::Utf16
        },
        pull_diagnostics: text.and_then(|t| t.diagnostic.as_ref()).is_some(),
        diagnostic_refresh: caps
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        progress: caps
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false),
        watch_files: caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        apply_edit: caps
            .workspace
            .as_ref()
            .and_then(|w| w.apply_edit)
            .unwrap_or(false),
        create_files: caps
            .workspace
            .as_ref()
            .and_then(|w| w.workspace_edit.as_ref())
            .is_some_and(|e| {
                e.document_changes == Some(true)
                    && e.resource_operations
                        .as_ref()
                        .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create))
            }),
    }
}

fn roots_of(params: &InitializeParams) -> Vec<std::path::PathBuf> {
    let mut roots: Vec<_> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| convert::uri_to_path(&f.uri))
        .collect();
    #[allow(deprecated)]
    if roots.is_empty() {
        if let Some(uri) = &params.root_uri {
            roots.extend(convert::uri_to_path(uri));
        }
    }
    roots
}

/// Records what the client supports and the roots; answers with the server's capabilities.
pub fn initialize(backend: &Backend, params: InitializeParams) -> Result<InitializeResult> {
    let support = client_support(&params.capabilities);
    {
        let mut session = backend.session();
        session.client = support;
        session.roots = roots_of(&params);
        session.init_settings = params.initialization_options.unwrap_or_default();
    }
    let encoding = match support.encoding {
        crate::text::Encoding::Utf8 => PositionEncodingKind::UTF8,
        crate::text::Encoding::Utf16 => PositionEncodingKind::UTF16,
    };
    let diagnostic_provider = support.pull_diagnostics.then(|| {
        DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("notes-lsp".into()),
            inter_file_dependencies: true,
            workspace_diagnostics: false,
            ..Default::default()
        })
    });
    Ok(InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(encoding),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..Default::default()
                },
            )),
            diagnostic_provider,
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(super::completion::TRIGGERS.map(String::from).to_vec()),
                resolve_provider: Some(true),
                ..Default::default()
            }),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
            selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
            document_link_provider: Some(DocumentLinkOptions {
                resolve_provider: Some(false),
                work_done_progress_options: Default::default(),
            }),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })),
            code_lens_provider: Some(CodeLensOptions {
                resolve_provider: Some(false),
            }),
            semantic_tokens_provider: Some(super::semantic_tokens::capability()),
            inlay_hint_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::REFACTOR_REWRITE,
                ]),
                ..Default::default()
            })),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![
                    super::execute_command::GAPS_COMMAND.into(),
                    crate::server::search::SEARCH_COMMAND.into(),
                ],
                ..Default::default()
            }),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: Some(super::rename_files::file_operations()),
            }),
            ..Default::default()
        },
        server_info: Some(ServerInfo {
            name: "notes-lsp".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
        offset_encoding: None,
    })
}

/// Asks for file watching (not awaited: a client that never answers must not hold up `exit`)
/// and starts the first index.
pub async fn initialized(backend: &Backend) {
    let watching = backend.clone();
    tokio::spawn(async move { watching.register_watchers().await });
    backend.index_first().await;
}
