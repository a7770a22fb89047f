//! (Re)building the workspace in the background, with `$/progress`, and watching files. The
//! vault is indexed again only when the roots or the settings that shape the index change; a
//! newer index cancels the one being built, whose progress still ends.

use super::document::Document;
use super::Backend;
use crate::config::Config;
use crate::workspace::{discover_cancellable, index, same_index, CacheUpdate, Discovery, Indexed};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::task::JoinHandle;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{NotCancellable, OngoingProgress, Unbounded};

/// How long the client has to accept a progress token; past it the index goes on unshown.
const PROGRESS_WAIT: Duration = Duration::from_secs(1);

/// The progress of one index, as the client shows it.
type Progress = OngoingProgress<Unbounded, NotCancellable>;

/// How an index ended.
enum Outcome {
    /// It is the workspace now: this many notes, so many of them from the note cache.
    Installed { count: usize, from_cache: usize },
    /// Given up: for a newer index, or because the server stops.
    Cancelled { superseded: bool },
    /// The work on a blocking thread failed.
    Failed,
}

impl Outcome {
    /// The progress's closing message.
    fn message(&self) -> String {
        match self {
            Outcome::Installed {
                count,
                from_cache: 0,
            } => format!("{count} notes"),
            Outcome::Installed { count, from_cache } => {
                format!("{count} notes ({from_cache} from the cache)")
            }
            Outcome::Cancelled { superseded: true } => "superseded by a newer index".into(),
            Outcome::Cancelled { superseded: false } => "cancelled".into(),
            Outcome::Failed => "failed".into(),
        }
    }
}

impl Backend {
    /// Asks the client to report changes to notes on disk, when it can.
    pub(super) async fn register_watchers(&self) {
        if !self.support().watch_files {
            return;
        }
        let extensions = self.read_settings().await.0.extensions.join(",");
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

    /// Starts the first index, in the background, with the settings of every layer (saying
    /// what is wrong with them).
    pub(super) async fn index_first(&self) {
        let (config, errors) = self.read_settings().await;
        self.start_index(config);
        self.report_settings_errors(errors).await;
    }

    /// After a change of settings or roots: indexes again when the roots or the settings that
    /// shape the index changed; other settings (severities, hovers, completion) apply to the
    /// index as it is, or as it will be once built. Before the first index nothing starts: it
    /// reads the settings when it starts.
    pub(super) async fn settings_changed(&self) {
        let (config, errors) = self.read_settings().await;
        let republish = {
            let mut guard = self.session();
            let session = &mut *guard;
            match &mut session.indexed_with {
                None => false,
                Some((roots, current))
                    if *roots == session.roots && same_index(current, &config) =>
                {
                    let changed = *current != config;
                    if changed {
                        *current = config.clone();
                    }
                    changed && session.indexed && session.workspace.reconfigure(config)
                }
                Some(_) => {
                    drop(guard);
                    self.start_index(config);
                    false
                }
            }
        };
        self.report_settings_errors(errors).await;
        if republish {
            self.publish_all().await;
        }
    }

    /// The settings of every layer, the files read on a blocking thread, off the session's
    /// lock.
    async fn read_settings(&self) -> (Config, Vec<String>) {
        let sources = self.session().settings_sources();
        tokio::task::spawn_blocking(move || sources.read())
            .await
            .unwrap_or_else(|_| (Config::default(), vec!["settings could not be read".into()]))
    }

    async fn report_settings_errors(&self, errors: Vec<String>) {
        for error in errors {
            tracing::error!("{error}");
            self.client
                .show_message(
                    MessageType::ERROR,
                    format!("notes-lsp: {error}; using defaults"),
                )
                .await;
        }
    }

    /// Indexes every root with these settings in the background, cancelling the index being
    /// built. The new generation and its cancellation flag are taken under the session's lock,
    /// so that the latest index started is the one not cancelled.
    fn start_index(&self, config: Config) {
        let (generation, roots, cancel) = {
            let mut session = self.session();
            session.generation += 1;
            session.indexed_with = Some((session.roots.clone(), config.clone()));
            let cancel = self.lifecycle.start_index();
            (session.generation, session.roots.clone(), cancel)
        };
        let backend = self.clone();
        tokio::spawn(async move { backend.build_index(generation, roots, config, cancel).await });
    }

    /// Walks and reads the notes off the async runtime, keeps the text of open documents,
    /// installs the index unless a newer one superseded it, then publishes diagnostics. Its
    /// progress, once begun, always ends.
    async fn build_index(
        &self,
        generation: u64,
        roots: Vec<PathBuf>,
        config: Config,
        cancel: Arc<AtomicBool>,
    ) {
        let started = Instant::now();
        let folders = roots.len();
        let walk = tokio::task::spawn_blocking({
            let cancel = cancel.clone();
            move || discover_cancellable(roots, config, cancel)
        });
        let progress = self.begin_progress(generation, folders).await;
        let (outcome, cache_update) = self
            .read_and_install(generation, walk, &cancel, progress.as_ref())
            .await;
        match &outcome {
            Outcome::Installed { count, from_cache } => tracing::info!(
                "indexed {count} notes ({from_cache} from the cache) in {:?}",
                started.elapsed()
            ),
            other => tracing::info!("index {generation}: {}", other.message()),
        }
        if let Some(progress) = progress {
            progress.finish_with_message(outcome.message()).await;
        }
        if !matches!(outcome, Outcome::Installed { .. }) {
            return;
        }
        self.publish_all().await;
        tokio::task::spawn_blocking(move || {
            if let Some(update) = cache_update {
                update.write();
            }
            super::memory::give_back_freed();
        });
        self.sync_search().await;
    }

    /// Begins the progress of an index, when the client shows progress and accepts the token
    /// in time.
    async fn begin_progress(&self, generation: u64, folders: usize) -> Option<Progress> {
        if !self.support().progress {
            return None;
        }
        let token = NumberOrString::String(format!("notes-lsp-index-{generation}"));
        let created = tokio::time::timeout(
            PROGRESS_WAIT,
            self.client.create_work_done_progress(token.clone()),
        )
        .await;
        if !matches!(created, Ok(Ok(()))) {
            tracing::warn!("the client did not accept a progress token; indexing without one");
            return None;
        }
        let progress = self
            .client
            .progress(token, "Indexing notes")
            .with_message(format!("{folders} folder(s)"))
            .begin()
            .await;
        Some(progress)
    }

    /// The rest of an index after the walk: reads the notes, then installs them if this index
    /// is still the latest one.
    async fn read_and_install(
        &self,
        generation: u64,
        walk: JoinHandle<Discovery>,
        cancel: &AtomicBool,
        progress: Option<&Progress>,
    ) -> (Outcome, Option<CacheUpdate>) {
        let Ok(found) = walk.await else {
            tracing::error!("walking the workspace failed");
            return (Outcome::Failed, None);
        };
        if cancel.load(Ordering::SeqCst) {
            return (self.cancelled(generation), None);
        }
        tracing::info!("found {} notes", found.len());
        if let Some(progress) = progress {
            progress
                .report(format!("reading {} notes", found.len()))
                .await;
        }
        let Ok(indexed) = tokio::task::spawn_blocking(move || index(found)).await else {
            tracing::error!("indexing failed");
            return (Outcome::Failed, None);
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
        // The open documents as one lock sees them, extracted with the new settings off it.
        let open: Vec<(PathBuf, Document)> = {
            let session = self.session();
            if session.generation != generation || cancel.load(Ordering::SeqCst) {
                drop(session);
                return (self.cancelled(generation), None);
            }
            let documents = session.documents.iter();
            documents.map(|(p, d)| (p.clone(), d.clone())).collect()
        };
        let extracted = tokio::task::spawn_blocking(move || {
            let versions: Vec<(PathBuf, i32)> = open
                .into_iter()
                .map(|(path, doc)| {
                    workspace.set_note(&path, workspace.parse(&doc.text()));
                    (path, doc.version)
                })
                .collect();
            (workspace, versions)
        })
        .await;
        let Ok((mut workspace, versions)) = extracted else {
            tracing::error!("extracting the open documents failed");
            return (Outcome::Failed, None);
        };
        {
            let mut guard = self.session();
            let session = &mut *guard;
            if session.generation != generation || cancel.load(Ordering::SeqCst) {
                drop(guard);
                return (self.cancelled(generation), None);
            }
            // Settings that changed while the index was built, and that did not call for
            // another index, apply to this one.
            if let Some((_, config)) = &session.indexed_with {
                workspace.reconfigure(config.clone());
            }
            // A document edited or opened since is extracted again by the next request or
            // after its keystrokes.
            for (path, doc) in session.documents.iter_mut() {
                let same = versions.iter().any(|(p, v)| p == path && *v == doc.version);
                doc.extracted = same.then_some(doc.version);
            }
            session.workspace = workspace;
            session.indexed = true;
        }
        self.lifecycle.index_ready();
        (Outcome::Installed { count, from_cache }, cache_update)
    }

    fn cancelled(&self, generation: u64) -> Outcome {
        Outcome::Cancelled {
            superseded: self.session().generation != generation,
        }
    }
}
