//! Completion, symbols, folding, selection and document links over LSP (in-process).

mod common;
use common::{uri, vault, Client};
use serde_json::{json, Value};
use std::path::Path;

const VAULT: &str = "--- db/acid.md\n# ACID\n## Isolation levels\nRead committed and more.\n## Atomicity & durability\nAll or nothing.\n--- db/indexes.md\n# Indexes\nAn index finds rows fast.\n--- ru/шардирование.md\n# Шардирование (sharding)\nРазделение данных.\n--- notes.md\n# Notes\n## Local heading\ntext\n";

async fn open(client: &mut Client, path: &Path, text: &str) {
    let doc = json!({"uri": uri(path), "languageId": "markdown", "version": 1, "text": text});
    client
        .notify("textDocument/didOpen", json!({"textDocument": doc}))
        .await;
}

async fn complete(client: &mut Client, path: &Path, line: u32, character: u32) -> Value {
    client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri(path)}, "position": {"line": line, "character": character}}),
        )
        .await
}

/// Replaces the whole text of an open note as `version`.
async fn change(client: &mut Client, path: &Path, version: i32, text: &str) {
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(path), "version": version}, "contentChanges": [{"text": text}]}),
        )
        .await;
}

fn labels(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

/// Applies a completion item's edit to `text` (UTF-16 positions on one line).
fn apply(text: &str, item: &Value) -> String {
    let edit = &item["textEdit"];
    let line = edit["range"]["start"]["line"].as_u64().unwrap() as usize;
    let start = edit["range"]["start"]["character"].as_u64().unwrap() as usize;
    let end = edit["range"]["end"]["character"].as_u64().unwrap() as usize;
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let units: Vec<u16> = lines[line].encode_utf16().collect();
    let new = format!(
        "{}{}{}",
        String::from_utf16(&units[..start]).unwrap(),
        edit["newText"].as_str().unwrap(),
        String::from_utf16(&units[end..]).unwrap()
    );
    lines[line] = new;
    lines.join("\n") + "\n"
}

/// Contexts and ranking are fixtures (`tests/features/completion.rs`); over the protocol: edit
/// ranges in UTF-16 columns, resolve, stale versions and code.
#[tokio::test]
async fn completion_smoke() {
    let dir = vault(VAULT);
    let root = dir.path().canonicalize().unwrap();
    let note = root.join("notes.md");
    let mut client = Client::start();
    client.initialize_indexed(&root, Value::Null).await;

    // `](` mid-line after Cyrillic text.
    let text = "# Notes\n## Local heading\nПро шарды см. [x](db/ac) и дальше\n";
    open(&mut client, &note, text).await;
    let list = complete(&mut client, &note, 2, 23).await;
    assert_eq!(labels(&list)[0], "db/acid.md");
    let first = &list["items"][0];
    assert_eq!(
        first["textEdit"]["range"],
        json!({"start": {"line": 2, "character": 18}, "end": {"line": 2, "character": 23}})
    );
    let applied = apply(text, first);
    assert!(applied.contains("[x](db/acid.md) и дальше"), "{applied}");

    // Terms come with their one-line answer, and the full answer on resolve.
    let text = "# Notes\n## Local heading\nSee [[ind\n";
    change(&mut client, &note, 2, text).await;
    let list = complete(&mut client, &note, 2, 9).await;
    let term = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == 14)
        .expect("a term item")
        .clone();
    assert_eq!(term["label"], "Indexes");
    assert_eq!(term["detail"], "An index finds rows fast.");
    let resolved = client.request("completionItem/resolve", term).await;
    assert!(resolved["documentation"]["value"]
        .as_str()
        .unwrap()
        .contains("finds rows"));

    // A change older than the document's version is dropped: the text stays version 2's.
    let code = "# Notes\n\n```\n[x](db/\n```\nand `[y](db/` here\n";
    change(&mut client, &note, 1, code).await;
    assert!(labels(&complete(&mut client, &note, 2, 9).await).contains(&"Indexes".to_string()));

    // Inside a code block or a code span: nothing.
    change(&mut client, &note, 3, code).await;
    assert_eq!(complete(&mut client, &note, 3, 7).await, Value::Null);
    assert_eq!(complete(&mut client, &note, 5, 12).await, Value::Null);
}

#[tokio::test]
async fn an_inserted_link_resolves_with_no_diagnostic() {
    let dir = vault(VAULT);
    let root = dir.path().canonicalize().unwrap();
    let note = root.join("ru/шардирование.md");
    let mut client = Client::start();
    client.initialize_indexed(&root, Value::Null).await;
    let text = "# Шардирование (sharding)\nСм. [уровни](../db/acid.md#isol)\n";
    open(&mut client, &note, text).await;
    let d = client.diagnostics_for(&note, |d| !d.is_empty()).await;
    assert_eq!(d[0]["code"], "broken-anchor");
    let list = complete(&mut client, &note, 1, 31).await;
    let fixed = apply(text, &list["items"][0]);
    change(&mut client, &note, 2, &fixed).await;
    client.diagnostics_for(&note, |d| d.is_empty()).await;
}

#[tokio::test]
async fn symbols_folding_selection_and_links() {
    let dir = vault(VAULT);
    let root = dir.path().canonicalize().unwrap();
    let note = root.join("notes.md");
    let mut client = Client::start();
    client.initialize_indexed(&root, Value::Null).await;
    let text = "---\ntitle: N\n---\n# Notes\n\n## Local heading\n- item **bold word**\n  - nested\n\n```\ncode\n```\n[a](db/acid.md#isolation-levels)\n";
    open(&mut client, &note, text).await;
    let doc = json!({"uri": uri(&note)});
    let symbols = client
        .request("textDocument/documentSymbol", json!({"textDocument": doc}))
        .await;
    assert_eq!(symbols[0]["name"], "Notes");
    assert_eq!(symbols[0]["children"][0]["name"], "Local heading");

    let found = client
        .request("workspace/symbol", json!({"query": "isolat"}))
        .await;
    assert_eq!(found[0]["name"], "Isolation levels");
    assert!(found[0]["location"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("db/acid.md"));

    let folds = client
        .request("textDocument/foldingRange", json!({"textDocument": doc}))
        .await;
    let lines: Vec<(u64, u64)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["startLine"].as_u64().unwrap(),
                f["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(lines.contains(&(0, 2)), "front matter: {lines:?}");
    assert!(lines.contains(&(9, 11)), "code block: {lines:?}");
    assert!(lines.contains(&(5, 12)), "section: {lines:?}");

    let selection = client
        .request(
            "textDocument/selectionRange",
            json!({"textDocument": doc, "positions": [{"line": 6, "character": 15}]}),
        )
        .await;
    let first = &selection[0];
    assert_eq!(
        first["range"],
        json!({"start": {"line": 6, "character": 14}, "end": {"line": 6, "character": 18}})
    );
    assert!(first["parent"]["range"].is_object());

    let links = client
        .request("textDocument/documentLink", json!({"textDocument": doc}))
        .await;
    assert!(
        links[0]["target"]
            .as_str()
            .unwrap()
            .ends_with("db/acid.md#L2"),
        "{links}"
    );
}

#[tokio::test]
async fn renaming_a_heading_rewrites_every_link_to_it() {
    let dir = vault(
        "--- db/acid.md\n# ACID\n## Isolation levels\nSee [up](#isolation-levels).\n--- notes.md\n[a](db/acid.md#isolation-levels) and [[acid#Isolation levels]] and [b](db/acid.md#acid)\n",
    );
    let root = dir.path().canonicalize().unwrap();
    let acid = root.join("db/acid.md");
    let mut client = Client::start();
    client.initialize_indexed(&root, Value::Null).await;
    let doc = json!({"uri": uri(&acid)});
    let prepared = client
        .request(
            "textDocument/prepareRename",
            json!({"textDocument": doc, "position": {"line": 1, "character": 5}}),
        )
        .await;
    assert_eq!(prepared["placeholder"], "Isolation levels");
    assert_eq!(
        prepared["range"]["start"],
        json!({"line": 1, "character": 3})
    );
    let edit = client
        .request(
            "textDocument/rename",
            json!({"textDocument": doc, "position": {"line": 1, "character": 5}, "newName": "Isolation levels (SQL)"}),
        )
        .await;
    let in_acid: Vec<&str> = edit["changes"][uri(&acid)]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert_eq!(in_acid, ["Isolation levels (SQL)", "isolation-levels-sql"]);
    let in_notes = edit["changes"][uri(&root.join("notes.md"))]
        .as_array()
        .unwrap();
    assert_eq!(in_notes.len(), 2);
    assert_eq!(in_notes[0]["newText"], "isolation-levels-sql");
    assert_eq!(
        in_notes[0]["range"],
        json!({"start": {"line": 0, "character": 15}, "end": {"line": 0, "character": 31}})
    );
    assert_eq!(in_notes[1]["newText"], "Isolation levels (SQL)");
    // Not a heading: a clear error, not a silent no-op.
    let refused = client
        .request(
            "textDocument/rename",
            json!({"textDocument": doc, "position": {"line": 2, "character": 1}, "newName": "x"}),
        )
        .await;
    assert!(refused.get("error").is_some());
}

#[tokio::test]
async fn search_command_and_symbol_fallback() {
    let dir = vault(VAULT);
    let root = dir.path().canonicalize().unwrap();
    let mut client = Client::start();
    client.initialize_indexed(&root, Value::Null).await;
    // The full-text index is built by the first search, which waits for it.
    let hits = client
        .request(
            "workspace/executeCommand",
            json!({"command": "notes.search", "arguments": ["разделение"]}),
        )
        .await;
    assert!(hits[0]["uri"].as_str().unwrap().ends_with(".md"), "{hits}");
    assert!(hits[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("ru/шардирование.md"));
    assert_eq!(hits[0]["line"], 0);
    // No heading or term matches "finds rows": workspace symbols fall back to full text.
    let found = client
        .request("workspace/symbol", json!({"query": "finds rows"}))
        .await;
    assert_eq!(found[0]["name"], "Indexes", "{found}");
    assert_eq!(found[0]["containerName"], "full-text match");
    // From then on every change reaches the index.
    let edited = root.join("ru/шардирование.md");
    let text = "# Шардирование\n\nA zeppelinological aside.\n";
    client
        .notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(&edited), "languageId": "markdown", "version": 1, "text": text}}),
        )
        .await;
    let mut hits = Value::Null;
    for _ in 0..100 {
        hits = client
            .request(
                "workspace/executeCommand",
                json!({"command": "notes.search", "arguments": ["zeppelinological"]}),
            )
            .await;
        if hits.as_array().is_some_and(|h| !h.is_empty()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(hits[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("ru/шардирование.md"));
    let bad = client
        .request(
            "workspace/executeCommand",
            json!({"command": "notes.search", "arguments": []}),
        )
        .await;
    assert!(bad.get("error").is_some());
}
