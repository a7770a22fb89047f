//! (Re)building the workspace in the background, with `$/progress`, and watching files.

use super::Backend;
use crate::workspace::{discover, index, Indexed};
use tower_lsp_server::ls_types::*;

impl Backend {
    /// Asks the client to report changes to notes on disk, when it can.
    pub(super) async fn register_watchers(&self) {
        if !self.support().watch_files {
            return;
        }
        let extensions = self.session().settings().0.extensions.join(",");
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/*.{{{extensions}}}")),
                kind: None,
            }],
        };
        let registration = Registration {
            id: "notes-lsp-watch".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(e) = self.client.register_capability(vec![registration]).await {
            tracing::warn!("file watching not registered: {e}");
        }
    }

    /// Indexes every root with the current settings off the async runtime, keeps the text of
    /// open documents, then publishes diagnostics. A newer re-index makes an older one moot.
    pub(super) async fn reindex(&self) {
        let (generation, roots, config, errors) = {
            let mut session = self.session();
            session.generation += 1;
            let (config, errors) = session.settings();
            (session.generation, session.roots.clone(), config, errors)
        };
        for error in errors {
            tracing::error!("{error}");
            self.client
                .show_message(
                    MessageType::ERROR,
                    format!("notes-lsp: {error}; using defaults"),
                )
                .await;
        }
        let progress = if self.support().progress {
            let token = NumberOrString::String(format!("notes-lsp-index-{generation}"));
            match self.client.create_work_done_progress(token.clone()).await {
                Ok(()) => Some(
                    self.client
                        .progress(token, "Indexing notes")
                        .with_message(format!("{} folder(s)", roots.len()))
                        .begin()
                        .await,
                ),
                Err(_) => None,
            }
        } else {
            None
        };
        let started = std::time::Instant::now();
        let Ok(found) = tokio::task::spawn_blocking(move || discover(roots, config)).await else {
            tracing::error!("walking the workspace failed");
            return;
        };
        tracing::info!("found {} notes in {:?}", found.len(), started.elapsed());
        if let Some(progress) = &progress {
            progress
                .report(format!("reading {} notes", found.len()))
                .await;
        }
        let Ok(indexed) = tokio::task::spawn_blocking(move || index(found)).await else {
            tracing::error!("indexing failed");
            return;
        };
        let Indexed {
            mut workspace,
            skipped,
            from_cache,
            cache_update,
        } = indexed;
        for skip in &skipped {
            tracing::warn!("skipped {}: {}", skip.path.display(), skip.reason);
        }
        let count = workspace.len();
        {
            let mut session = self.session();
            if session.generation != generation {
                return;
            }
            for (path, doc) in &session.documents {
                let note = workspace.parse(&doc.text());
                workspace.set_note(path, note);
            }
            session.workspace = workspace;
            session.indexed = true;
        }
        tracing::info!(
            "indexed {count} notes ({from_cache} from the cache) in {:?}",
            started.elapsed()
        );
        if let Some(progress) = progress {
            let message = match from_cache {
                0 => format!("{count} notes"),
                n => format!("{count} notes ({n} from the cache)"),
            };
            progress.finish_with_message(message).await;
        }
        self.publish_all().await;
        if let Some(update) = cache_update {
            tokio::task::spawn_blocking(move || update.write());
        }
        self.sync_search().await;
    }
}
