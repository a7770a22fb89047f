//! The server's state: the workspace snapshot, open documents and what the client can do.
//! Only short critical sections run under its lock; readers take a cheap snapshot.

use super::document::Document;
use crate::config::Config;
use crate::features::file_rename::Move;
use crate::search::SearchIndex;
use crate::text::Encoding;
use crate::workspace::Workspace;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// What the client said it supports, fixed at `initialize`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientSupport {
    /// Columns are counted in this encoding.
    pub encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so the server does not push.
    pub pull_diagnostics: bool,
    /// The client handles `workspace/diagnostic/refresh` (pulls again when asked).
    pub diagnostic_refresh: bool,
    /// The client shows `$/progress`.
    pub progress: bool,
    /// The client accepts dynamic registration of file watchers.
    pub watch_files: bool,
    /// The client applies edits the server sends (`workspace/applyEdit`).
    pub apply_edit: bool,
    /// The client creates files in workspace edits (`documentChanges` with `create`).
    pub create_files: bool,
}

/// Everything the server holds between requests.
pub struct Session {
    /// The current snapshot of all notes.
    pub workspace: Workspace,
    /// Open documents by path: their text is the truth while open.
    pub documents: HashMap<PathBuf, Document>,
    /// What the client supports.
    pub client: ClientSupport,
    /// Folders the client opened.
    pub roots: Vec<PathBuf>,
    /// Settings from `initializationOptions`.
    pub init_settings: serde_json::Value,
    /// Settings from `workspace/didChangeConfiguration`.
    pub editor_settings: serde_json::Value,
    /// Notes with diagnostics currently shown in the editor (push mode).
    pub published: HashSet<PathBuf>,
    /// Whether the first index is complete (before it, link diagnostics would be false alarms).
    pub indexed: bool,
    /// Counts re-indexings, so a stale one does not overwrite a newer one.
    pub generation: u64,
    /// The roots and settings of the latest index (built or being built), the settings updated
    /// by changes that do not call for another index.
    pub indexed_with: Option<(Vec<PathBuf>, Config)>,
    /// The full-text index, and the cache folder it was opened with.
    pub search: Option<(Arc<SearchIndex>, Option<PathBuf>)>,
    /// File moves answered in `workspace/willRenameFiles`, which the client reports again once
    /// done: their edits are not sent twice.
    pub moves_answered: Vec<Move>,
    /// Makes the next document request panic, to show that the server survives it.
    #[cfg(test)]
    pub fail_next_request: bool,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            workspace: Workspace::new(Vec::new(), Config::default()),
            documents: HashMap::new(),
            client: ClientSupport::default(),
            roots: Vec::new(),
            init_settings: serde_json::Value::Null,
            editor_settings: serde_json::Value::Null,
            published: HashSet::new(),
            indexed: false,
            generation: 0,
            indexed_with: None,
            search: None,
            moves_answered: Vec::new(),
            #[cfg(test)]
            fail_next_request: false,
        }
    }
}

impl Session {
    /// Where the settings come from, to be read off the lock ([`SettingsSources::read`] reads
    /// the roots' settings files).
    pub fn settings_sources(&self) -> SettingsSources {
        SettingsSources {
            roots: self.roots.clone(),
            init: self.init_settings.clone(),
            editor: self.editor_settings.clone(),
        }
    }
}

/// The layers of the settings: the roots (for their settings files), `initializationOptions`
/// and the editor's.
pub struct SettingsSources {
    roots: Vec<PathBuf>,
    init: serde_json::Value,
    editor: serde_json::Value,
}

impl SettingsSources {
    /// The settings from every layer: root files, then `initializationOptions`, then the editor.
    /// Errors name what was wrong; the defaults stand in. Reads files.
    pub fn read(self) -> (Config, Vec<String>) {
        let mut errors = Vec::new();
        let mut layers = Vec::new();
        for root in &self.roots {
            match Config::read_file_layer(root) {
                Ok(layer) => layers.push(layer),
                Err(e) => errors.push(e),
            }
        }
        layers.push(self.init);
        layers.push(self.editor);
        let config = Config::from_layers(&layers).unwrap_or_else(|e| {
            errors.push(format!("settings: {e}"));
            Config::default()
        });
        (config, errors)
    }
}
