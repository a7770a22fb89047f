//! The sessions: a pulling client (`pull.rs`), a warm start from the note cache (`warm.rs`),
//! a pushing client (`push.rs`); and what they share.

mod pull;
mod push;
mod warm;

pub use pull::pull_session;
pub use push::push_session;
pub use warm::warm_session;

use crate::answers::uri;
use crate::client::Server;
use crate::rows::{measure, Row};
use crate::Options;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

pub fn has_capability(caps: &Value, name: &str) -> bool {
    !matches!(
        caps.get(name),
        None | Some(Value::Null) | Some(Value::Bool(false))
    )
}

pub fn initialize_params(root: &Path, pull: bool) -> Value {
    let mut text_document = json!({
        "synchronization": {"didSave": false, "dynamicRegistration": false},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "definition": {"linkSupport": false},
        "references": {},
        "completion": {"completionItem": {"snippetSupport": false}},
        "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
        "publishDiagnostics": {"versionSupport": true},
        "rename": {"prepareSupport": true},
    });
    if pull {
        text_document["diagnostic"] = json!({"dynamicRegistration": false});
    }
    json!({
        "processId": std::process::id(),
        "rootUri": uri(root),
        "workspaceFolders": [{"uri": uri(root), "name": "vault"}],
        "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "textDocument": text_document,
            "window": {"workDoneProgress": true},
            "workspace": {"workspaceFolders": true, "symbol": {}, "configuration": false},
        },
    })
}

pub fn is_progress_end(v: &Value) -> bool {
    v["method"] == "$/progress" && v["params"]["value"]["kind"] == "end"
}

/// The text inserted and removed by the edit benchmarks: a link with a broken anchor.
pub const EDIT_LINE: &str = "See [the missing part](#no-such-heading-here).\n";

pub fn edit_params(path: &Path, version: i32, line: u32, insert: bool) -> Value {
    let (end, text) = if insert {
        (line, EDIT_LINE)
    } else {
        (line + 1, "")
    };
    json!({
        "textDocument": {"uri": uri(path), "version": version},
        "contentChanges": [{
            "range": {"start": {"line": line, "character": 0}, "end": {"line": end, "character": 0}},
            "text": text,
        }],
    })
}

pub fn has_broken_anchor_at(diagnostics: &Value, line: u32) -> bool {
    diagnostics.as_array().is_some_and(|items| {
        items
            .iter()
            .any(|d| d["code"] == "broken-anchor" && d["range"]["start"]["line"] == json!(line))
    })
}

pub fn open(server: &Server, path: &Path, text: &str) {
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(path), "languageId": "markdown", "version": 1, "text": text}}),
    );
}

/// Edit → pull rows for one open note: insert (then remove) a broken link at its end and ask
/// for its diagnostics once (`rows[0]`), then again until the answer shows the edit (`rows[1]`).
pub fn edit_rows(
    server: &mut Server,
    path: &Path,
    text: &str,
    samples: usize,
    o: &Options,
    rows: [&mut Row; 2],
) {
    let line = text.matches('\n').count() as u32;
    let mut version = 1;
    let steps: Vec<bool> = (0..samples).map(|k| k % 2 == 0).collect();
    let mut pulls = 0;
    let [first, settled] = rows;
    for (row, retry) in [(&mut *first, false), (&mut *settled, true)] {
        measure(server, row, &steps, steps.len(), o, |server, &insert| {
            version += 1;
            let sent = Instant::now();
            server.notify(
                "textDocument/didChange",
                edit_params(path, version, line, insert),
            );
            let params = json!({"textDocument": {"uri": uri(path)}});
            loop {
                let (result, _) = server.request("textDocument/diagnostic", params.clone())?;
                pulls += retry as usize;
                let items = &result["items"];
                let non_empty = items.as_array().is_some_and(|a| !a.is_empty());
                let correct = has_broken_anchor_at(items, line) == insert;
                if correct || !retry || sent.elapsed() > Duration::from_secs(1) {
                    return Ok((sent.elapsed(), non_empty, correct));
                }
            }
        });
    }
    if !first.latencies.is_empty() {
        first.note = format!(
            "one pull right after didChange; correct = it shows the edit. {}",
            first.note
        );
    }
    if !settled.latencies.is_empty() {
        settled.note = format!(
            "{:.1} pulls per edit on average. {}",
            pulls as f64 / settled.latencies.len() as f64,
            settled.note
        );
    }
    // Leave the document as it was.
    if steps.len() % 2 == 1 {
        version += 1;
        server.notify(
            "textDocument/didChange",
            edit_params(path, version, line, false),
        );
    }
}
