//! Keeping the full-text index in step with the workspace, off the async runtime, and answering
//! `notes.search`.

use super::{convert, Backend};
use crate::search::{SearchHit, SearchIndex};
use crate::syntax::Note;
use crate::workspace::{text_hash, CacheFolder, Workspace};
use std::path::PathBuf;
use std::sync::Arc;

/// `workspace/executeCommand` name for full-text search.
pub const SEARCH_COMMAND: &str = "notes.search";

/// A note's content stamp: the index skips notes whose stamp it already holds (warm start).
fn stamp(note: &Note) -> u64 {
    text_hash(note.source.text())
}

impl Backend {
    /// The search index, if one is open for the current settings and holds the workspace.
    fn open_search_index(&self) -> Option<Arc<SearchIndex>> {
        let session = self.session();
        let cache_dir = &session.workspace.config().cache_dir;
        match &session.search {
            Some((index, dir)) if dir == cache_dir => Some(index.clone()),
            _ => None,
        }
    }

    /// The search index, built on first use: a session that never searches never pays for it
    /// (a second of CPU and well over 100 MB at 10,000 notes). Builds are one at a time; a
    /// request that comes during a build waits for it.
    async fn search_index(&self) -> Option<Arc<SearchIndex>> {
        if let Some(index) = self.open_search_index() {
            return Some(index);
        }
        let _building = self.search_build.lock().await;
        if let Some(index) = self.open_search_index() {
            return Some(index);
        }
        let workspace = self.session().workspace.clone();
        let cache_dir = workspace.config().cache_dir.clone();
        let opened_in = cache_dir.clone();
        let index = tokio::task::spawn_blocking(move || {
            let index = Arc::new(open(opened_in.as_deref())?);
            sync(&index, &workspace);
            Some(index)
        })
        .await
        .ok()
        .flatten()?;
        self.session().search = Some((index.clone(), cache_dir.clone()));
        // Notes changed during the build are caught up now that changes reach the index.
        self.sync_with_workspace(index.clone()).await;
        tracing::info!("search index ready (cache: {cache_dir:?})");
        Some(index)
    }

    /// Brings the search index in line with the whole workspace after an index build: the open
    /// one, or, when a cache folder is set, the cached one (so that it starts warm).
    pub(super) async fn sync_search(&self) {
        let index = match self.open_search_index() {
            Some(index) => index,
            None if self.session().workspace.config().cache_dir.is_some() => {
                // Building syncs it.
                self.search_index().await;
                return;
            }
            None => return,
        };
        self.sync_with_workspace(index).await;
    }

    async fn sync_with_workspace(&self, index: Arc<SearchIndex>) {
        let workspace = self.session().workspace.clone();
        let _ = tokio::task::spawn_blocking(move || sync(&index, &workspace)).await;
    }

    /// Updates the search index for one note (or forgets it when it is gone), if it is open.
    pub(super) async fn search_note_changed(&self, path: PathBuf) {
        let Some(index) = self.open_search_index() else {
            return;
        };
        let workspace = self.session().workspace.clone();
        let _ = tokio::task::spawn_blocking(move || match workspace.note(&path) {
            Some(note) => index.update(&path, stamp(note), note),
            None => index.remove(&path),
        })
        .await;
    }

    /// Ranked full-text hits for `query`.
    pub(super) async fn search(&self, query: String, limit: usize) -> Vec<SearchHit> {
        let Some(index) = self.search_index().await else {
            return Vec::new();
        };
        tokio::task::spawn_blocking(move || index.search(&query, limit))
            .await
            .unwrap_or_default()
    }
}

/// Opens the index in the server's own folder of the cache folder, else (none set, or unusable)
/// in a private temporary folder, else in memory.
fn open(cache_dir: Option<&std::path::Path>) -> Option<SearchIndex> {
    let opened = match cache_dir {
        Some(dir) => CacheFolder::claim(dir)
            .map_err(|e| e.to_string())
            .and_then(|folder| {
                SearchIndex::open_or_create(&folder.search_index()).map_err(|e| e.to_string())
            })
            .or_else(|e| {
                tracing::warn!(
                    "search cache in {} unusable ({e}); searching in memory",
                    dir.display()
                );
                private_or_memory()
            }),
        None => private_or_memory(),
    };
    opened
        .map_err(|e| tracing::error!("search index unavailable: {e}"))
        .ok()
}

/// An index in a private temporary folder, or in memory when none can be made.
fn private_or_memory() -> tantivy::Result<SearchIndex> {
    SearchIndex::in_private_folder().or_else(|e| {
        tracing::warn!("no private folder for the search index ({e}); searching in memory");
        SearchIndex::in_memory()
    })
}

/// Updates every note whose stamp the index lacks and forgets notes that are gone.
fn sync(index: &SearchIndex, workspace: &Workspace) {
    let started = std::time::Instant::now();
    let known = index.stamps();
    let mut updated = 0;
    for (path, note) in workspace.notes() {
        let stamp = stamp(note);
        if known.get(&path.to_path_buf()) != Some(&stamp) {
            index.update(path, stamp, note);
            updated += 1;
        }
    }
    for path in known.keys() {
        if workspace.note(path).is_none() {
            index.remove(path);
        }
    }
    index.commit();
    super::memory::give_back_freed();
    tracing::info!(
        "search index: {updated} notes updated in {:?}",
        started.elapsed()
    );
}

/// A hit as the `notes.search` command returns it.
pub fn hit_json(hit: &SearchHit) -> serde_json::Value {
    serde_json::json!({
        "uri": convert::path_to_uri(&hit.path),
        "path": hit.path.display().to_string(),
        "line": hit.line,
        "heading": hit.heading,
        "snippet": hit.snippet,
        "score": hit.score,
    })
}
