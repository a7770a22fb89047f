//! The real binary over stdio: initialize → didOpen → publishDiagnostics → shutdown → exit.

mod common;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn send(stdin: &mut impl Write, message: Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

fn receive(reader: &mut impl BufRead) -> Value {
    common::read_message(reader).expect("a message before the server closed stdout")
}

fn receive_until(reader: &mut impl BufRead, accept: impl Fn(&Value) -> bool) -> Value {
    loop {
        let message = receive(reader);
        if accept(&message) {
            return message;
        }
    }
}

#[test]
fn a_session_over_stdio() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("q.md");
    std::fs::write(&note, "# Q\n").unwrap();
    let uri = notes_lsp::file_url::file_url(&note, None);
    let mut child = Command::new(env!("CARGO_BIN_EXE_notes-lsp"))
        .arg("--stdio")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());

    let root = notes_lsp::file_url::file_url(dir.path(), None);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": root, "capabilities": {}}}),
    );
    let init = receive_until(&mut stdout, |m| m["id"] == 1);
    assert_eq!(init["result"]["serverInfo"]["name"], "notes-lsp");
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                         "text": "# Q\n- What is a bloom filter?\n  - f\n"}}}),
    );
    let published = receive_until(&mut stdout, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| !d.is_empty())
    });
    let diagnostic = &published["params"]["diagnostics"][0];
    assert_eq!(diagnostic["code"], "unanswered");
    assert_eq!(
        diagnostic["range"]["start"],
        json!({"line": 2, "character": 4})
    );

    // A hover sent right behind an edit answers for the edited text: the server does not
    // wait for its debounced re-extraction, nor answer from the text before it.
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"text": "# Q\n- What is a bloom filter?\n  - A probabilistic set.\n\nA bloom filter again.\n"}]}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": uri}, "position": {"line": 4, "character": 4}}}),
    );
    let hover = receive_until(&mut stdout, |m| m["id"] == 3);
    let shown = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(shown.contains("probabilistic set"), "{hover}");

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    let shutdown = receive_until(&mut stdout, |m| m["id"] == 2);
    assert_eq!(shutdown["result"], Value::Null);
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    let status = child.wait().unwrap();
    assert!(status.success());
}
