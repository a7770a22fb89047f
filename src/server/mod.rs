//! The LSP front end: the only code that knows the protocol. The handler list below sends each
//! method to its file in `handlers/`, which converts protocol ↔ plain data and calls
//! `features/` on the request's snapshot (`snapshot.rs`), on a blocking thread; state lives in
//! [`session::Session`]. Requests that answer from the whole vault wait (a bounded time) for the
//! first index.

mod boundary;
mod convert;
pub mod document;
mod documents;
mod handlers;
mod indexing;
mod lifecycle;
mod memory;
mod pages;
mod publish;
mod search;
mod session;
mod snapshot;
#[cfg(test)]
mod tests;
pub mod transport;

use boundary::PanicBoundary;
use handlers::{
    code_action, code_lens, completion, definition, diagnostic, did_change_configuration,
    did_change_watched_files, did_change_workspace_folders, document_link, document_symbol,
    execute_command, folding_range, hover, initialize, inlay_hint, references, rename,
    rename_files, selection_range, semantic_tokens, text_document_sync, workspace_symbol,
};
use lifecycle::Lifecycle;
use session::{ClientSupport, Session};
use snapshot::Tree;
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
    memory::limit_arenas();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the async runtime starts");
    let (direct, direct_frames) = tokio::sync::mpsc::unbounded_channel();
    let (service, socket) = service_writing(Some(direct));
    let lifecycle = service.inner().lifecycle.clone();
    let service = PanicBoundary::new(lifecycle::Observed::new(service, lifecycle.clone()));
    runtime.block_on(async {
        let (input, output) = (std::io::stdin(), tokio::io::stdout());
        transport::serve(input, output, direct_frames, |input, output| {
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
    service_writing(None)
}

/// The server as a tower service; with `direct`, pages of partial results are written to the
/// client through it (the stdio transport) rather than through the library.
fn service_writing(
    direct: Option<pages::DirectFrames>,
) -> (LspService<Backend>, tower_lsp_server::ClientSocket) {
    LspService::new(|client| Backend {
        client,
        direct,
        session: Arc::new(Mutex::new(Session::default())),
        search_build: Arc::default(),
        lifecycle: Arc::default(),
    })
}

/// The language server: a client handle and the shared session.
#[derive(Clone)]
pub struct Backend {
    client: Client,
    /// Where pages of partial results go when the transport writes them (else to `client`).
    direct: Option<pages::DirectFrames>,
    session: Arc<Mutex<Session>>,
    /// Held while the search index is built, so that it is built once.
    search_build: Arc<tokio::sync::Mutex<()>>,
    /// Waiting for the first index, cancelling indexes, the exit code.
    lifecycle: Arc<Lifecycle>,
}

impl Backend {
    /// Locks the session. A handler that panicked while holding it leaves the data usable, so a
    /// poisoned lock is taken over rather than propagated.
    pub(crate) fn session(&self) -> MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn support(&self) -> ClientSupport {
        self.session().client
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        initialize::initialize(self, params)
    }

    async fn initialized(&self, _: InitializedParams) {
        initialize::initialized(self).await
    }

    async fn shutdown(&self) -> Result<()> {
        self.lifecycle.stop();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        text_document_sync::did_open(self, params).await
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        text_document_sync::did_change(self, params).await
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        text_document_sync::did_close(self, params).await
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        did_change_watched_files::did_change_watched_files(self, params).await
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        did_change_configuration::did_change_configuration(self, params).await
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        did_change_workspace_folders::did_change_workspace_folders(self, params).await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        self.lifecycle.wait_for_index().await;
        let uri = params.text_document.uri.clone();
        let report = self
            .on_document(uri, Tree::NotWanted, params, diagnostic::diagnostic)
            .await?;
        Ok(report.unwrap_or_else(|| diagnostic::report(Vec::new())))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.lifecycle.wait_for_index().await;
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        self.on_document(uri, Tree::NotWanted, params, hover::hover)
            .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.lifecycle.wait_for_index().await;
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        self.on_document(uri, Tree::NotWanted, params, definition::definition)
            .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.lifecycle.wait_for_index().await;
        references::references(self, params).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.lifecycle.wait_for_index().await;
        let uri = params.text_document.uri.clone();
        self.on_document(uri, Tree::NotWanted, params, rename::prepare_rename)
            .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        self.lifecycle.wait_for_index().await;
        let uri = params.text_document_position.text_document.uri.clone();
        self.on_document(uri, Tree::NotWanted, params, rename::rename)
            .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.lifecycle.wait_for_index().await;
        let uri = params.text_document.uri.clone();
        self.on_document(uri, Tree::NotWanted, params, code_action::code_action)
            .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.lifecycle.wait_for_index().await;
        let uri = params.text_document_position.text_document.uri.clone();
        self.on_document(uri, Tree::Wanted, params, completion::completion)
            .await
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        self.blocking(move |b| completion::resolve(&b.vault(), item))
            .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri.clone();
        self.on_document(
            uri,
            Tree::NotWanted,
            params,
            document_symbol::document_symbol_list,
        )
        .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        self.lifecycle.wait_for_index().await;
        workspace_symbol::symbol(self, params).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let uri = params.text_document.uri.clone();
        self.on_document(uri, Tree::Wanted, params, folding_range::folding_range)
            .await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let uri = params.text_document.uri.clone();
        self.on_document(uri, Tree::Wanted, params, selection_range::selection_range)
            .await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        let uri = params.text_document.uri.clone();
        self.on_document(uri, Tree::NotWanted, params, document_link::document_link)
            .await
    }

    async fn will_rename_files(&self, params: RenameFilesParams) -> Result<Option<WorkspaceEdit>> {
        self.lifecycle.wait_for_index().await;
        self.blocking(move |b| rename_files::will_rename_files(b, params))
            .await
    }

    async fn did_rename_files(&self, params: RenameFilesParams) {
        rename_files::did_rename_files(self, params).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.lifecycle.wait_for_index().await;
        let uri = params.text_document.uri.clone();
        self.on_document(uri, Tree::NotWanted, params, code_lens::code_lens)
            .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.lifecycle.wait_for_index().await;
        let uri = params.text_document.uri.clone();
        self.on_document(uri, Tree::NotWanted, params, semantic_tokens::full)
            .await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        self.lifecycle.wait_for_index().await;
        let uri = params.text_document.uri.clone();
        self.on_document(uri, Tree::NotWanted, params, semantic_tokens::range)
            .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.lifecycle.wait_for_index().await;
        let uri = params.text_document.uri.clone();
        self.on_document(uri, Tree::NotWanted, params, inlay_hint::inlay_hint)
            .await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        self.lifecycle.wait_for_index().await;
        execute_command::execute_command(self, params).await
    }
}
