//! The real binary over stdio: initialize → didOpen → publishDiagnostics → shutdown → exit.

mod common;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout};

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

/// A server over stdio on the folder `root`, initialized with these client capabilities (and
/// told so): the process, its input and output, and the `initialize` answer.
fn start(root: &Path, capabilities: Value) -> (Child, ChildStdin, BufReader<ChildStdout>, Value) {
    let mut child = common::spawn_stdio();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let root = notes_lsp::file_url::file_url(root, None);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": root, "capabilities": capabilities}}),
    );
    let init = receive_until(&mut stdout, |m| m["id"] == 1);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    (child, stdin, stdout, init)
}

#[test]
fn a_session_over_stdio() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("q.md");
    std::fs::write(&note, "# Q\n").unwrap();
    let uri = notes_lsp::file_url::file_url(&note, None);
    let (mut child, mut stdin, mut stdout, init) = start(dir.path(), json!({}));
    assert_eq!(init["result"]["serverInfo"]["name"], "notes-lsp");
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

/// Over stdio, the pages of an answer in pages come before its empty answer: a page written
/// after it would be lost to the client.
#[test]
fn pages_of_references_come_before_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wal.md"), "# WAL\nThe WAL is a log.\n").unwrap();
    let many = dir.path().join("many.md");
    std::fs::write(&many, "The WAL again.\n".repeat(3000)).unwrap();
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut child, mut stdin, mut stdout, _) = start(dir.path(), caps);
    loop {
        let message = receive(&mut stdout);
        if message["method"] == "window/workDoneProgress/create" {
            let id = message["id"].clone();
            send(
                &mut stdin,
                json!({"jsonrpc": "2.0", "id": id, "result": null}),
            );
        }
        if message["method"] == "$/progress" && message["params"]["value"]["kind"] == "end" {
            break;
        }
    }
    let references = |id: u32, token: Option<String>| {
        let mut params = json!({
            "textDocument": {"uri": notes_lsp::file_url::file_url(&many, None)},
            "position": {"line": 0, "character": 5},
            "context": {"includeDeclaration": true},
        });
        if let Some(token) = token {
            params["partialResultToken"] = json!(token);
        }
        json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/references", "params": params})
    };
    send(&mut stdin, references(2, None));
    let whole = receive_until(&mut stdout, |m| m["id"] == 2);
    let count = whole["result"].as_array().unwrap().len();
    assert!(count > 3000, "{count}");
    for id in 10..30 {
        let token = format!("refs-{id}");
        send(&mut stdin, references(id, Some(token.clone())));
        let mut paged = 0;
        let answer = loop {
            let m = receive(&mut stdout);
            if m["method"] == "$/progress" {
                assert!(
                    m["params"]["token"] == token.as_str(),
                    "a page after its answer: {}",
                    m["params"]["token"]
                );
                paged += m["params"]["value"].as_array().unwrap().len();
            }
            if m["id"] == id {
                break m;
            }
        };
        assert_eq!(answer["result"], json!([]));
        assert_eq!(paged, count, "every place before the answer");
    }
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}),
    );
    receive_until(&mut stdout, |m| m["id"] == 99);
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    assert!(child.wait().unwrap().success());
}
