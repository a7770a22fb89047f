//! Keeping the full-text index in step with the workspace, off the async runtime, and answering
//! `notes.search`.

use super::{convert, Backend};
use crate::search::{SearchHit, SearchIndex};
use crate::syntax::Note;
use crate::workspace::Workspace;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

/// `workspace/executeCommand` name for full-text search.
pub const SEARCH_COMMAND: &str = "notes.search";

/// A note's content stamp: the index skips notes whose stamp it already holds (warm start).
fn stamp(note: &Note) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    note.source.text().hash(&mut hasher);
    hasher.finish()
}

impl Backend {
    /// The search index for the current settings, opened (or created) on first use.
    fn search_index(&self, workspace: &Workspace) -> Option<Arc<SearchIndex>> {
        let cache_dir = workspace.config().cache_dir.clone();
        let mut session = self.session();
        if let Some((index, dir)) = &session.search {
            if *dir == cache_dir {
                return Some(index.clone());
            }
        }
        let opened = match &cache_dir {
            Some(dir) => SearchIndex::open_or_create(dir).or_else(|e| {
                tracing::warn!(
                    "search cache {} unusable ({e}); searching in memory",
                    dir.display()
                );
                SearchIndex::in_memory()
            }),
            None => SearchIndex::in_memory(),
        };
        match opened {
            Ok(index) => {
                let index = Arc::new(index);
                session.search = Some((index.clone(), cache_dir));
                Some(index)
            }
            Err(e) => {
                tracing::error!("search index unavailable: {e}");
                None
            }
        }
    }

    /// Brings the search index in line with the whole workspace (after an index build).
    pub(super) async fn sync_search(&self) {
        let workspace = self.session().workspace.clone();
        let Some(index) = self.search_index(&workspace) else {
            return;
        };
        let started = std::time::Instant::now();
        let updated = tokio::task::spawn_blocking(move || {
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
            updated
        })
        .await
        .unwrap_or(0);
        tracing::info!(
            "search index: {updated} notes updated in {:?}",
            started.elapsed()
        );
    }

    /// Updates the search index for one note (or forgets it when it is gone).
    pub(super) async fn search_note_changed(&self, path: PathBuf) {
        let workspace = self.session().workspace.clone();
        let Some(index) = self.search_index(&workspace) else {
            return;
        };
        let _ = tokio::task::spawn_blocking(move || match workspace.note(&path) {
            Some(note) => index.update(&path, stamp(note), note),
            None => index.remove(&path),
        })
        .await;
    }

    /// Ranked full-text hits for `query`.
    pub(super) async fn search(&self, query: String, limit: usize) -> Vec<SearchHit> {
        let workspace = self.session().workspace.clone();
        let Some(index) = self.search_index(&workspace) else {
            return Vec::new();
        };
        tokio::task::spawn_blocking(move || index.search(&query, limit))
            .await
            .unwrap_or_default()
    }
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
