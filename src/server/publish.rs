//! Diagnostics to the editor (pushed, or pulled by clients that ask) and the gaps command.

use super::{convert, Backend};
use crate::features::diagnostics::diagnose;
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

/// `workspace/executeCommand` name listing every unanswered placeholder.
pub const GAPS_COMMAND: &str = "notes.gaps";

impl Backend {
    /// Pushes the diagnostics of these notes (clearing them for notes that are gone or clean).
    pub(super) async fn publish(&self, paths: Vec<PathBuf>) {
        let (workspace, support, indexed) = {
            let session = self.session();
            (session.workspace.clone(), session.client, session.indexed)
        };
        if support.pull_diagnostics || !indexed {
            return;
        }
        for path in paths {
            let diagnostics = match workspace.note(&path) {
                Some(note) => diagnose(&workspace, &path)
                    .iter()
                    .map(|d| convert::diagnostic(note, d, support.encoding))
                    .collect(),
                None => Vec::new(),
            };
            let must_send = {
                let mut session = self.session();
                if diagnostics.is_empty() {
                    session.published.remove(&path)
                } else {
                    session.published.insert(path.clone());
                    true
                }
            };
            if !must_send {
                continue;
            }
            let version = self.session().documents.get(&path).map(|d| d.version);
            if let Some(uri) = convert::path_to_uri(&path) {
                self.client
                    .publish_diagnostics(uri, diagnostics, version)
                    .await;
            }
        }
    }

    /// Pushes diagnostics for every note, or asks a pulling client to pull again when it says
    /// it can (without waiting for its answer).
    pub(super) async fn publish_all(&self) {
        let support = self.support();
        if support.pull_diagnostics {
            if support.diagnostic_refresh {
                let client = self.client.clone();
                tokio::spawn(async move { client.workspace_diagnostic_refresh().await });
            }
            return;
        }
        let paths: Vec<PathBuf> = {
            let session = self.session();
            let mut paths: Vec<PathBuf> = session
                .workspace
                .sorted_paths()
                .iter()
                .map(|p| p.to_path_buf())
                .collect();
            paths.extend(session.published.iter().cloned());
            paths.sort();
            paths.dedup();
            paths
        };
        self.publish(paths).await;
    }

    /// Answers `textDocument/diagnostic`.
    pub(super) fn pull_diagnostics(&self, uri: &Uri) -> DocumentDiagnosticReportResult {
        let (support, indexed) = {
            let session = self.session();
            (session.client, session.indexed)
        };
        let items = match convert::uri_to_path(uri) {
            Some(path) if indexed => {
                lsp_diagnostics(&self.fresh_workspace(&path), &path, support.encoding)
            }
            _ => Vec::new(),
        };
        DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            },
        ))
    }

    /// Runs a `workspace/executeCommand`.
    pub(super) async fn command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        let (workspace, support) = {
            let session = self.session();
            (session.workspace.clone(), session.client)
        };
        match params.command.as_str() {
            GAPS_COMMAND => Ok(Some(gaps(&workspace, support.encoding))),
            super::search::SEARCH_COMMAND => {
                let Some(query) = params.arguments.first().and_then(|q| q.as_str()) else {
                    return Err(Error::invalid_params("notes.search takes [query: string]"));
                };
                let limit = workspace.config().completion.max_items.max(1);
                let hits = self.search(query.to_string(), limit).await;
                Ok(Some(LSPAny::Array(
                    hits.iter().map(super::search::hit_json).collect(),
                )))
            }
            other => Err(Error::invalid_params(format!("unknown command {other}"))),
        }
    }
}

fn lsp_diagnostics(
    workspace: &Workspace,
    path: &Path,
    encoding: crate::text::Encoding,
) -> Vec<Diagnostic> {
    let Some(note) = workspace.note(path) else {
        return Vec::new();
    };
    diagnose(workspace, path)
        .iter()
        .map(|d| convert::diagnostic(note, d, encoding))
        .collect()
}

fn gaps(workspace: &Workspace, encoding: crate::text::Encoding) -> LSPAny {
    let place = |path: &Path, span| {
        let note = workspace.note(path)?;
        Some((
            convert::path_to_uri(path)?,
            convert::range(note, span, encoding),
        ))
    };
    let mut out = Vec::new();
    for gap in crate::features::gaps::gaps(workspace) {
        let Some((uri, range)) = place(&gap.path, gap.span) else {
            continue;
        };
        let mut item = serde_json::json!({"uri": uri, "range": range, "question": gap.question});
        if let Some(answer) = gap.answered_in {
            if let Some((uri, range)) = place(&answer.path, answer.span) {
                item["answeredIn"] =
                    serde_json::json!({"uri": uri, "range": range, "label": answer.label});
            }
        }
        out.push(item);
    }
    LSPAny::Array(out)
}
