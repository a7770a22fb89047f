//! Diagnostics pushed to the editor (for clients that do not pull them), worked out on a
//! blocking thread.

use super::{convert, Backend};
use crate::features::diagnostics::diagnose;
use crate::text::Encoding;
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types::Diagnostic;

/// The diagnostics of the note at `path` as the protocol shows them (none when it is gone).
pub fn lsp_diagnostics(workspace: &Workspace, path: &Path, encoding: Encoding) -> Vec<Diagnostic> {
    let Some(note) = workspace.note(path) else {
        return Vec::new();
    };
    diagnose(workspace, path, &workspace.config().severity)
        .iter()
        .map(|d| convert::diagnostic(note, d, encoding))
        .collect()
}

impl Backend {
    /// Pushes the diagnostics of these notes (clearing them for notes that are gone or clean).
    pub(super) async fn publish(&self, paths: Vec<PathBuf>) {
        let (vault, pull) = {
            let session = self.session();
            (Self::vault_of(&session), session.client.pull_diagnostics)
        };
        if pull || !vault.indexed {
            return;
        }
        let found = tokio::task::spawn_blocking(move || {
            paths
                .into_iter()
                .map(|path| {
                    let found = lsp_diagnostics(&vault.workspace, &path, vault.encoding);
                    (path, found)
                })
                .collect::<Vec<_>>()
        })
        .await
        .unwrap_or_default();
        for (path, diagnostics) in found {
            let (must_send, version) = {
                let mut session = self.session();
                let must_send = if diagnostics.is_empty() {
                    session.published.remove(&path)
                } else {
                    session.published.insert(path.clone());
                    true
                };
                (must_send, session.documents.get(&path).map(|d| d.version))
            };
            if !must_send {
                continue;
            }
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
}
