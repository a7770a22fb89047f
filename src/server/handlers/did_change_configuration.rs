//! `workspace/didChangeConfiguration`: the editor's settings layer.

use crate::server::Backend;
use tower_lsp_server::ls_types::*;

/// Takes on the editor's settings (indexing again only when they shape the index).
pub async fn did_change_configuration(backend: &Backend, params: DidChangeConfigurationParams) {
    backend.session().editor_settings = params.settings;
    backend.settings_changed().await;
}
