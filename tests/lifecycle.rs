//! The server's life over a real stdio process: requests that arrive before the first index
//! wait for it, the refresh request goes only to clients that handle it, a superseded index ends
//! its progress, and `exit` or a closed stdin end the process whatever the client left
//! unanswered or the index is doing. Every wait is bounded (`server::BOUND`), and the tests run
//! one at a time so that a big vault indexed by one does not slow another down.

mod common;
#[path = "lifecycle/server.rs"]
mod server;

use serde_json::{json, Value};
use server::{uri, Server};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

/// Held by each test for its whole run.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

/// A vault of `fillers` notes that raise no diagnostic (each defines a term and links to the
/// next), plus these notes.
fn vault(fillers: usize, notes: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..fillers {
        let next = (i + 1) % fillers;
        let text = format!(
            "# Topic {i}\n\n**Term {i}** is the thing number {i}, kept for later.\n\n\
             - Why does topic {i} matter?\n  - Because the next one builds on it.\n\n\
             See [topic {next}](topic-{next}.md#topic-{next}).\n"
        );
        std::fs::write(dir.path().join(format!("topic-{i}.md")), text).unwrap();
    }
    for (name, text) in notes {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// A vault the server takes a while to index (thousands of notes).
fn big_vault() -> tempfile::TempDir {
    vault(
        4000,
        &[("gap.md", "# Gap\n- What is a bloom filter?\n  - f\n")],
    )
}

fn hover_text(hover: &Value) -> &str {
    hover["contents"]["value"].as_str().unwrap_or_default()
}

fn codes(items: &Value) -> Vec<&str> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default())
        .collect()
}

#[test]
fn a_hover_before_the_first_index_answers_from_it() {
    let _serial = one_at_a_time();
    let dir = vault(
        300,
        &[
            ("gil.md", "# GIL\n\nThe GIL is a mutex in CPython.\n"),
            ("threads.md", "# Threads\n\nThreads and the GIL.\n"),
        ],
    );
    let threads = uri(&dir.path().join("threads.md"));
    let mut server = Server::start();
    server.initialize(dir.path(), json!({}), Value::Null);
    // Sent right behind `initialized`, long before 300 notes are read.
    let at = json!({"textDocument": {"uri": threads}, "position": {"line": 2, "character": 17}});
    let hover = server.request("textDocument/hover", at.clone());
    let definition = server.request("textDocument/definition", at);
    let hover = server.response(hover);
    assert!(hover_text(&hover).contains("mutex in CPython"), "{hover}");
    let definition = server.response(definition);
    assert_eq!(definition[0]["uri"], uri(&dir.path().join("gil.md")));
    server.shutdown_and_exit();
    assert_eq!(server.wait_for_exit().code(), Some(0));
}

/// Neovim 0.12 at attach: `didOpen`, then a diagnostic pull, before the index is ready; it does
/// not handle `workspace/diagnostic/refresh`, so the first pull must hold the real diagnostics.
#[test]
fn a_diagnostic_pull_before_the_first_index_returns_the_real_diagnostics() {
    let _serial = one_at_a_time();
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/real-notes");
    let notes: Vec<(String, String)> = ["python-django-bd.md", "python-qa.md"]
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(real.join(name)).unwrap();
            (name.to_string(), text)
        })
        .collect();
    let notes: Vec<(&str, &str)> = notes.iter().map(|(n, t)| (&**n, &**t)).collect();
    let dir = vault(300, &notes);
    let path = dir.path().join("python-django-bd.md");
    let mut server = Server::start();
    let pull = json!({"textDocument": {"diagnostic": {}}, "window": {"workDoneProgress": true}});
    server.initialize(dir.path(), pull, Value::Null);
    let text = std::fs::read_to_string(&path).unwrap();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&path), "languageId": "markdown", "version": 1, "text": text}}),
    );
    let id = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri(&path)}}),
    );
    let report = server.response(id);
    assert_eq!(codes(&report["items"]), ["unanswered"; 8], "{report}");
    let gil = &report["items"][0];
    assert!(
        gil["message"]
            .as_str()
            .unwrap()
            .contains("answered in python-qa.md"),
        "the answer elsewhere comes from the index: {gil}"
    );
    // No refresh request to a client that did not say it handles one, even once indexed.
    server.progress_ended(1);
    server.shutdown_and_exit();
    assert_eq!(server.wait_for_exit().code(), Some(0));
    assert!(
        server
            .seen_with_method("workspace/diagnostic/refresh")
            .is_empty(),
        "refresh sent to a client without refreshSupport"
    );
}

#[test]
fn a_client_that_handles_refresh_is_asked_to_pull_again_once_indexed() {
    let _serial = one_at_a_time();
    let dir = vault(20, &[("gap.md", "- What is a bloom filter?\n  - f\n")]);
    let mut server = Server::start();
    let caps = json!({"textDocument": {"diagnostic": {}},
                      "workspace": {"diagnostics": {"refreshSupport": true}}});
    server.initialize(dir.path(), caps, Value::Null);
    server.expect("workspace/diagnostic/refresh", |m| {
        m["method"] == "workspace/diagnostic/refresh"
    });
    server.shutdown_and_exit();
    assert_eq!(server.wait_for_exit().code(), Some(0));
}

fn watching_client() -> Value {
    json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}})
}

/// A server on a small vault whose client has been asked to register file watching and never
/// answers (the vault is kept alive beside it).
fn registration_never_answered() -> (tempfile::TempDir, Server) {
    let dir = vault(20, &[]);
    let mut server = Server::start();
    server.unanswered = vec!["client/registerCapability"];
    server.initialize(dir.path(), watching_client(), Value::Null);
    server.expect("client/registerCapability", |m| {
        m["method"] == "client/registerCapability"
    });
    (dir, server)
}

#[test]
fn a_client_that_never_answers_register_capability_can_still_shut_the_server_down() {
    let _serial = one_at_a_time();
    let (_dir, mut server) = registration_never_answered();
    server.shutdown_and_exit();
    assert_eq!(server.wait_for_exit().code(), Some(0));
}

#[test]
fn a_client_that_never_answers_register_capability_can_close_stdin() {
    let _serial = one_at_a_time();
    let (_dir, mut server) = registration_never_answered();
    server.close_stdin();
    assert_eq!(server.wait_for_exit().code(), Some(1));
}

/// Starts a server on a big vault and waits until its first index has begun.
fn indexing_big_vault(dir: &Path) -> Server {
    let mut server = Server::start();
    let caps = json!({"window": {"workDoneProgress": true}});
    server.initialize(dir, caps, Value::Null);
    server.expect("the index's progress", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin"
    });
    server
}

#[test]
fn exit_during_the_first_index_ends_the_process() {
    let _serial = one_at_a_time();
    let dir = big_vault();
    let mut server = indexing_big_vault(dir.path());
    server.notify("exit", Value::Null);
    assert_eq!(
        server.wait_for_exit().code(),
        Some(1),
        "exit without shutdown"
    );
}

#[test]
fn shutdown_and_exit_during_the_first_index_end_the_process() {
    let _serial = one_at_a_time();
    let dir = big_vault();
    let mut server = indexing_big_vault(dir.path());
    server.shutdown_and_exit();
    assert_eq!(server.wait_for_exit().code(), Some(0));
}

#[test]
fn a_closed_stdin_during_the_first_index_ends_the_process() {
    let _serial = one_at_a_time();
    let dir = big_vault();
    let mut server = indexing_big_vault(dir.path());
    server.close_stdin();
    assert_eq!(server.wait_for_exit().code(), Some(1));
}

#[test]
fn exit_without_shutdown_is_status_1_and_after_it_0() {
    let _serial = one_at_a_time();
    let dir = vault(5, &[]);
    let mut server = Server::start();
    server.initialize(dir.path(), json!({}), Value::Null);
    server.notify("exit", Value::Null);
    assert_eq!(server.wait_for_exit().code(), Some(1));

    let mut server = Server::start();
    server.initialize(dir.path(), json!({}), Value::Null);
    server.shutdown_and_exit();
    assert_eq!(server.wait_for_exit().code(), Some(0));

    // `exit` right behind `shutdown`, before its answer: the shutdown was received.
    let mut server = Server::start();
    server.initialize(dir.path(), json!({}), Value::Null);
    server.request("shutdown", Value::Null);
    server.notify("exit", Value::Null);
    assert_eq!(server.wait_for_exit().code(), Some(0));
}

/// Settings that change what is indexed, sent while the first index runs (Neovim sends its
/// settings right after `initialize`): the first index is superseded, and its progress ends.
#[test]
fn every_progress_begun_ends_when_settings_change_during_the_first_index() {
    let _serial = one_at_a_time();
    let dir = big_vault();
    std::fs::write(dir.path().join("todo.md"), "## Q\nTODO\n").unwrap();
    let mut server = Server::start();
    let caps = json!({"window": {"workDoneProgress": true}});
    server.initialize(dir.path(), caps, Value::Null);
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"notesLsp": {"placeholders": ["TODO"]}}}),
    );
    let ends = server.progress_ended(2);
    assert!(ends[1].ends_with("notes"), "{ends:?}");
    // The index in force is the one with the new settings.
    let todo = uri(&dir.path().join("todo.md"));
    let published = server.expect("the TODO gap's diagnostic", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == todo.as_str()
    });
    assert_eq!(codes(&published["params"]["diagnostics"]), ["unanswered"]);
    server.shutdown_and_exit();
    assert_eq!(server.wait_for_exit().code(), Some(0));
}

/// Settings that do not change what is indexed (the same settings, as Neovim sends at every
/// start; a severity) apply without indexing the vault again.
#[test]
fn settings_that_do_not_shape_the_index_do_not_index_the_vault_again() {
    let _serial = one_at_a_time();
    let dir = big_vault();
    let gap = uri(&dir.path().join("gap.md"));
    let mut server = Server::start();
    let caps = json!({"window": {"workDoneProgress": true}});
    server.initialize(dir.path(), caps, Value::Null);
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"notesLsp": {}}}),
    );
    let ends = server.progress_ended(1);
    assert!(ends[0].ends_with("notes"), "{ends:?}");
    let published = server.expect("the gap's diagnostic", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == gap.as_str()
    });
    assert_eq!(codes(&published["params"]["diagnostics"]), ["unanswered"]);
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"notesLsp": {"severity": {"unanswered": "off"}}}}),
    );
    server.expect("the gap's diagnostic cleared", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == gap.as_str()
            && m["params"]["diagnostics"] == json!([])
    });
    server.shutdown_and_exit();
    assert_eq!(server.wait_for_exit().code(), Some(0));
    assert_eq!(
        server
            .seen_with_method("window/workDoneProgress/create")
            .len(),
        1,
        "the vault was indexed more than once"
    );
}
