//! The LSP front end: the only code that knows the protocol. Handlers convert protocol ↔ plain
//! data and call `features/`; state lives in [`session::Session`]. Requests that answer from the
//! whole vault wait (a bounded time) for the first index.

mod boundary;
mod convert;
mod decorations;
mod documents;
mod editing;
mod file_moves;
mod indexing;
mod lifecycle;
mod memory;
mod outline;
mod publish;
mod requests;
mod search;
mod session;
pub mod transport;

use boundary::PanicBoundary;
use lifecycle::Lifecycle;
use session::{ClientSupport, Session};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

/// How many requests the server works on at once (tower-lsp's default of 4 lets one slow
/// request starve `$/cancelRequest` and `shutdown`).
const CONCURRENCY: usize = 64;

/// Serves LSP on stdin/stdout until the client exits or closes stdin. The exit code is 0 after
/// a `shutdown`, else 1. An index still being built is cancelled, not waited for. Frames that
/// cannot be read are answered and skipped ([`transport`]); a handler's panic becomes an error
/// response.
pub fn serve_stdio() -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the async runtime starts");
    let (service, socket) = service();
    let lifecycle = service.inner().lifecycle.clone();
    let service = PanicBoundary::new(lifecycle::Observed::new(service, lifecycle.clone()));
    runtime.block_on(async {
        transport::serve(std::io::stdin(), tokio::io::stdout(), |input, output| {
            Server::new(input, output, socket)
                .concurrency_level(CONCURRENCY)
                .serve(service)
        })
        .await;
    });
    lifecycle.stop();
    // Dropping the runtime would wait for its blocking threads (a cancelled walk, a cache write).
    runtime.shutdown_background();
    ExitCode::from(lifecycle.exit_code())
}

/// The server as a tower service, for embedding and in-process tests.
pub fn service() -> (LspService<Backend>, tower_lsp_server::ClientSocket) {
    LspService::new(|client| Backend {
        client,
        session: Arc::new(Mutex::new(Session::default())),
        search_build: Arc::default(),
        lifecycle: Arc::default(),
    })
}

/// The language server: a client handle and the shared session.
#[derive(Clone)]
pub struct Backend {
    client: Client,
    session: Arc<Mutex<Session>>,
    /// Held while the search index is built, so that it is built once.
    search_build: Arc<tokio::sync::Mutex<()>>,
    /// Waiting for the first index, cancelling indexes, the exit code.
    lifecycle: Arc<Lifecycle>,
}

impl Backend {
    /// Locks the session. A handler that panicked while holding it leaves the data usable, so a
    /// poisoned lock is taken over rather than propagated.
    fn session(&self) -> MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn support(&self) -> ClientSupport {
        self.session().client
    }
}

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

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let support = client_support(&params.capabilities);
        {
            let mut session = self.session();
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
                    trigger_characters: Some(editing::TRIGGERS.map(String::from).to_vec()),
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
                semantic_tokens_provider: Some(decorations::semantic_tokens_capability()),
                inlay_hint_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::REFACTOR_REWRITE,
                        ]),
                        ..Default::default()
                    },
                )),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![publish::GAPS_COMMAND.into(), search::SEARCH_COMMAND.into()],
                    ..Default::default()
                }),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: Some(file_moves::file_operations()),
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

    async fn initialized(&self, _: InitializedParams) {
        // Not awaited here: a client that never answers must not hold up `exit`.
        let backend = self.clone();
        tokio::spawn(async move { backend.register_watchers().await });
        self.index_first().await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.lifecycle.stop();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        self.open(params).await
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        self.change(params).await
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.close(params).await
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.watched_files_changed(params).await
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.session().editor_settings = params.settings;
        self.settings_changed().await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut session = self.session();
            let removed: Vec<_> = params
                .event
                .removed
                .iter()
                .filter_map(|f| convert::uri_to_path(&f.uri))
                .collect();
            session.roots.retain(|r| !removed.contains(r));
            let added = params
                .event
                .added
                .iter()
                .filter_map(|f| convert::uri_to_path(&f.uri));
            session.roots.extend(added);
        }
        self.settings_changed().await;
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        self.lifecycle.wait_for_index().await;
        self.blocking(move |b| Ok(b.pull_diagnostics(&params.text_document.uri)))
            .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.lifecycle.wait_for_index().await;
        self.blocking(move |b| b.hover_at(params)).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.lifecycle.wait_for_index().await;
        self.blocking(move |b| b.definition_at(params)).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.lifecycle.wait_for_index().await;
        self.references_at(params).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.lifecycle.wait_for_index().await;
        self.blocking(move |b| b.prepare_rename_at(params)).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        self.lifecycle.wait_for_index().await;
        self.blocking(move |b| b.rename_at(params)).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.lifecycle.wait_for_index().await;
        self.blocking(move |b| b.code_actions_at(params)).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.lifecycle.wait_for_index().await;
        self.blocking(move |b| b.completion_at(params)).await
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        self.blocking(move |b| b.resolve_completion(item)).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.blocking(move |b| b.document_symbols(params)).await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        self.lifecycle.wait_for_index().await;
        self.symbols(params).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.blocking(move |b| b.folding(params)).await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        self.blocking(move |b| b.selection(params)).await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        self.blocking(move |b| b.document_links(params)).await
    }

    async fn will_rename_files(&self, params: RenameFilesParams) -> Result<Option<WorkspaceEdit>> {
        self.lifecycle.wait_for_index().await;
        self.blocking(move |b| b.will_rename_files_at(params)).await
    }

    async fn did_rename_files(&self, params: RenameFilesParams) {
        self.did_rename_files_at(params).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.lifecycle.wait_for_index().await;
        self.blocking(move |b| b.code_lenses(params)).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.lifecycle.wait_for_index().await;
        self.blocking(move |b| {
            let tokens = b.semantic_tokens(&params.text_document.uri, None);
            Ok(tokens.map(SemanticTokensResult::Tokens))
        })
        .await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        self.lifecycle.wait_for_index().await;
        self.blocking(move |b| {
            let tokens = b.semantic_tokens(&params.text_document.uri, Some(params.range));
            Ok(tokens.map(SemanticTokensRangeResult::Tokens))
        })
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.lifecycle.wait_for_index().await;
        self.blocking(move |b| b.inlay_hints(params)).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        self.lifecycle.wait_for_index().await;
        self.command(params).await
    }
}
