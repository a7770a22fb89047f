//! `textDocument/didOpen`, `didChange` (incremental) and `didClose`: the open documents' text.

use crate::server::document::Document;
use crate::server::documents::DEBOUNCE;
use crate::server::{convert, Backend};
use std::time::Duration;
use tower_lsp_server::ls_types::*;

/// Opens a document: its text is the truth while it is open.
pub async fn did_open(backend: &Backend, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    let Some(path) = convert::uri_to_path(&doc.uri) else {
        tracing::warn!("ignoring non-file document {}", doc.uri.as_str());
        return;
    };
    backend
        .session()
        .documents
        .insert(path.clone(), Document::new(&doc.text, doc.version));
    backend.reparse(path, doc.version, Duration::ZERO).await;
}

/// Applies a document's edits (a stale version is ignored), then re-extracts it once the
/// keystrokes stop.
pub async fn did_change(backend: &Backend, params: DidChangeTextDocumentParams) {
    let Some(path) = convert::uri_to_path(&params.text_document.uri) else {
        return;
    };
    let version = params.text_document.version;
    {
        let mut session = backend.session();
        let encoding = session.client.encoding;
        let Some(doc) = session.documents.get_mut(&path) else {
            tracing::warn!("change to a document that is not open: {}", path.display());
            return;
        };
        if version < doc.version {
            tracing::warn!("stale change (version {version} < {}) ignored", doc.version);
            return;
        }
        for change in params.content_changes {
            let range = change
                .range
                .map(|r| (convert::line_col(r.start), convert::line_col(r.end)));
            doc.apply_change(range, &change.text, encoding);
        }
        doc.version = version;
    }
    backend.reparse(path, version, DEBOUNCE).await;
}

/// Closes a document: the note is read from disk again.
pub async fn did_close(backend: &Backend, params: DidCloseTextDocumentParams) {
    let Some(path) = convert::uri_to_path(&params.text_document.uri) else {
        return;
    };
    backend.session().documents.remove(&path);
    backend.reload_from_disk(&path).await;
}
