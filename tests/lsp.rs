//! The server over LSP, in-process through its tower service.

mod common;
use common::{uri, vault, Client};
use serde_json::{json, Value};

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn requests_before_initialize_are_refused() {
    let mut client = Client::start();
    let result = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": "file:///x.md"}}),
        )
        .await;
    assert!(result.get("error").is_some(), "{result}");
}

#[tokio::test]
async fn indexes_in_the_background_and_pushes_workspace_diagnostics() {
    let dir = vault("--- a.md\n# A\n[b](b.md#nope)\n--- b.md\n# B\n- Bloom filter\n  - f\n");
    let mut client = Client::start();
    let init = client
        .initialize(
            dir.path(),
            json!({"window": {"workDoneProgress": true}}),
            Value::Null,
        )
        .await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    let progress = client.expect("$/progress").await;
    assert_eq!(progress["value"]["kind"], "begin");
    let report = client.expect("$/progress").await;
    assert_eq!(report["value"]["kind"], "report");
    assert_eq!(report["value"]["message"], "reading 2 notes");
    let end = client
        .expect_where("$/progress", |p| p["value"]["kind"] == "end")
        .await;
    assert_eq!(end["value"]["message"], "2 notes");
    let a = client
        .diagnostics_for(&dir.path().join("a.md"), |_| true)
        .await;
    assert_eq!(codes(&a), ["broken-anchor"]);
    let b = client
        .diagnostics_for(&dir.path().join("b.md"), |_| true)
        .await;
    assert_eq!(
        b[0]["message"],
        "Unanswered: \"Bloom filter\" has only a placeholder"
    );
    assert_eq!(b[0]["source"], "notes-lsp");
}

#[tokio::test]
async fn edits_after_cyrillic_text_land_on_utf16_columns() {
    let dir = vault("--- a.md\n# A\n");
    let path = dir.path().join("a.md");
    let mut client = Client::start();
    client.initialize(dir.path(), json!({}), Value::Null).await;
    let doc = json!({"uri": uri(&path), "languageId": "markdown", "version": 1, "text": "## Шардирование 🚀 \n"});
    client
        .notify("textDocument/didOpen", json!({"textDocument": doc}))
        .await;
    // Type a broken link at the end of the heading line (UTF-16 column 18).
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri(&path), "version": 2},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 18}, "end": {"line": 0, "character": 18}}, "text": "[x](#nope)"}]
            }),
        )
        .await;
    let diagnostics = client.diagnostics_for(&path, |d| !d.is_empty()).await;
    assert_eq!(codes(&diagnostics), ["broken-anchor"]);
    assert_eq!(
        diagnostics[0]["range"],
        json!({"start": {"line": 0, "character": 22}, "end": {"line": 0, "character": 27}})
    );
    // A change far outside the document is clamped, not a crash; the server keeps answering.
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri(&path), "version": 3},
                "contentChanges": [{"range": {"start": {"line": 99, "character": 5}, "end": {"line": 120, "character": 0}}, "text": "- f\n"}]
            }),
        )
        .await;
    let diagnostics = client.diagnostics_for(&path, |d| d.len() == 2).await;
    assert_eq!(codes(&diagnostics), ["broken-anchor", "unanswered"]);
}

#[tokio::test]
async fn utf8_positions_when_the_client_offers_them() {
    let dir = vault("--- a.md\nШ [x](#nope)\n");
    let mut client = Client::start();
    let init = client
        .initialize(
            dir.path(),
            json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
            Value::Null,
        )
        .await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let d = client
        .diagnostics_for(&dir.path().join("a.md"), |_| true)
        .await;
    assert_eq!(d[0]["range"]["start"]["character"], 7);
}

#[tokio::test]
async fn pull_diagnostics_for_clients_that_pull() {
    let dir = vault("--- a.md\n# A\n[x](missing.md)\n");
    let mut client = Client::start();
    let init = client
        .initialize(
            dir.path(),
            json!({"textDocument": {"diagnostic": {}},
                   "workspace": {"diagnostics": {"refreshSupport": true}}}),
            Value::Null,
        )
        .await;
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["interFileDependencies"],
        true
    );
    client.expect("workspace/diagnostic/refresh").await;
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri(&dir.path().join("a.md"))}}),
        )
        .await;
    assert_eq!(report["kind"], "full");
    assert_eq!(codes(report["items"].as_array().unwrap()), ["missing-file"]);

    // A pull or a hover that arrives right after an edit answers for the edited text, not for
    // the text before the debounced re-extraction.
    let a = uri(&dir.path().join("a.md"));
    let text = "# A\n[x](missing.md)\n";
    client
        .notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": a, "languageId": "markdown", "version": 1, "text": text}}),
        )
        .await;
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": a, "version": 2},
                "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}, "text": "- **WAL** is the write-ahead log.\n- f\n\nUse the WAL.\n"}]
            }),
        )
        .await;
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": a}}),
        )
        .await;
    assert_eq!(
        codes(report["items"].as_array().unwrap()),
        ["missing-file", "unanswered"]
    );
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": a}, "position": {"line": 5, "character": 9}}),
        )
        .await;
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(shown.contains("write-ahead log"), "{hover}");
}

#[tokio::test]
async fn a_deleted_note_breaks_the_links_to_it() {
    let dir = vault("--- a.md\n# A\n[b](b.md)\n- Q\n  - f\n--- b.md\n# B\n");
    let a = dir.path().join("a.md");
    let b = dir.path().join("b.md");
    let mut client = Client::start();
    client
        .initialize(
            dir.path(),
            json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
            Value::Null,
        )
        .await;
    let registration = client.expect("client/registerCapability").await;
    assert_eq!(
        registration["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"],
        "**/*.{md,markdown}"
    );
    // Once indexed, a.md shows only its gap.
    let d = client.diagnostics_for(&a, |_| true).await;
    assert_eq!(codes(&d), ["unanswered"]);
    std::fs::remove_file(&b).unwrap();
    // The event says "changed" (as Helix does); the disk says it is gone.
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri(&b), "type": 2}]}),
        )
        .await;
    let d = client.diagnostics_for(&a, |d| d.len() == 2).await;
    assert_eq!(codes(&d), ["missing-file", "unanswered"]);
}

#[tokio::test]
async fn configuration_from_the_editor_applies_and_bad_settings_are_reported() {
    let dir = vault("--- a.md\n## Q\nTODO\n");
    let path = dir.path().join("a.md");
    let mut client = Client::start();
    client
        .initialize(dir.path(), json!({}), json!({"placeholders": ["TODO"]}))
        .await;
    let d = client.diagnostics_for(&path, |d| !d.is_empty()).await;
    assert_eq!(codes(&d), ["unanswered"]);
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"notesLsp": {"placeholders": ["TODO"], "severity": {"unanswered": "off"}}}}),
        )
        .await;
    client.diagnostics_for(&path, |d| d.is_empty()).await;
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"notesLsp": {"placeholders": 7}}}),
        )
        .await;
    let message = client.expect("window/showMessage").await;
    assert!(
        message["message"]
            .as_str()
            .unwrap()
            .contains("using defaults"),
        "{message}"
    );
}

#[tokio::test]
async fn gaps_command_lists_every_placeholder_with_the_answer_elsewhere() {
    let dir = vault(
        "--- a.md\n## Bloom filter\nf\n--- ru.md\n- Индексы\n  - f\n--- db.md\n# БД\n## Индексы\nИндексы ускоряют поиск строк.\n",
    );
    let mut client = Client::start();
    client.initialize(dir.path(), json!({}), Value::Null).await;
    client
        .diagnostics_for(&dir.path().join("ru.md"), |_| true)
        .await;
    let gaps = client
        .request(
            "workspace/executeCommand",
            json!({"command": "notes.gaps", "arguments": []}),
        )
        .await;
    let questions: Vec<&str> = gaps
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["question"].as_str().unwrap())
        .collect();
    assert_eq!(questions, ["Bloom filter", "Индексы"]);
    assert_eq!(
        gaps[1]["range"]["start"],
        json!({"line": 1, "character": 4})
    );
    assert!(gaps[0].get("answeredIn").is_none(), "{gaps}");
    let answer = &gaps[1]["answeredIn"];
    assert_eq!(answer["label"], "db.md › БД › Индексы", "{gaps}");
    assert!(
        answer["uri"].as_str().unwrap().ends_with("/db.md"),
        "{gaps}"
    );
    assert_eq!(answer["range"]["start"], json!({"line": 1, "character": 0}));
}

#[tokio::test]
async fn hover_definition_and_references_smoke() {
    let dir = vault(
        "--- gil.md\n# GIL (Global Interpreter Lock)\nThe GIL is a mutex in CPython.\n--- ru.md\n# Заметки\nПро 🚀 GIL и потоки.\n",
    );
    let root = dir.path().canonicalize().unwrap();
    let ru = root.join("ru.md");
    let mut client = Client::start();
    client.initialize_indexed(&root, Value::Null).await;
    // Line 1: "Про 🚀 GIL …": "Про " = 4 units, 🚀 = 2, " " = 1 → GIL starts at UTF-16 column 7.
    let position = json!({"line": 1, "character": 8});
    let doc = json!({"uri": uri(&ru)});
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": doc, "position": position}),
        )
        .await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("mutex in CPython"),
        "{hover}"
    );
    assert_eq!(
        hover["range"],
        json!({"start": {"line": 1, "character": 7}, "end": {"line": 1, "character": 10}})
    );
    let definition = client
        .request(
            "textDocument/definition",
            json!({"textDocument": doc, "position": position}),
        )
        .await;
    assert_eq!(definition[0]["uri"], uri(&root.join("gil.md")));
    assert_eq!(
        definition[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    let refs = client
        .request(
            "textDocument/references",
            json!({"textDocument": doc, "position": position, "context": {"includeDeclaration": true}}),
        )
        .await;
    let in_ru: Vec<&Value> = refs
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["uri"] == uri(&ru))
        .map(|l| &l["range"])
        .collect();
    assert_eq!(
        in_ru,
        [&json!({"start": {"line": 1, "character": 7}, "end": {"line": 1, "character": 10}})]
    );
    // Nothing useful → null, not an empty box.
    let nothing = client
        .request(
            "textDocument/hover",
            json!({"textDocument": doc, "position": {"line": 0, "character": 1}}),
        )
        .await;
    assert_eq!(nothing, Value::Null);
}

#[tokio::test]
async fn quick_fixes_for_a_gap_answered_elsewhere() {
    let dir = vault(
        "--- db/indexes.md\n# Indexes\nAn index finds rows without scanning the table.\n--- ru.md\n- Индексы (indexes)\n  - f\n",
    );
    let root = dir.path().canonicalize().unwrap();
    let ru = root.join("ru.md");
    let mut client = Client::start();
    client.initialize(&root, json!({}), Value::Null).await;
    let diagnostics = client.diagnostics_for(&ru, |d| !d.is_empty()).await;
    assert!(diagnostics[0]["message"]
        .as_str()
        .unwrap()
        .ends_with("(answered in db/indexes.md › Indexes)"));
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri(&ru)}, "range": diagnostics[0]["range"], "context": {"diagnostics": diagnostics}}),
        )
        .await;
    assert_eq!(
        actions[0]["title"],
        "Copy answer from db/indexes.md (as a link)"
    );
    let edit = &actions[0]["edit"]["changes"][uri(&ru)][0];
    assert_eq!(edit["newText"], "see [Indexes](db/indexes.md#indexes)");
    assert_eq!(
        edit["range"],
        json!({"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 5}})
    );
    assert_eq!(actions[1]["title"], "Insert answer text from db/indexes.md");
    assert_eq!(
        actions[1]["edit"]["changes"][uri(&ru)][0]["newText"],
        "An index finds rows without scanning the table."
    );
}

#[tokio::test]
async fn hover_can_be_turned_off() {
    let dir = vault("--- a.md\n# GIL\nThe GIL is a lock.\n--- b.md\nGIL here.\n");
    let root = dir.path().canonicalize().unwrap();
    let mut client = Client::start();
    client
        .initialize_indexed(&root, json!({"hover": {"enabled": false}}))
        .await;
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri(&root.join("b.md"))}, "position": {"line": 0, "character": 1}}),
        )
        .await;
    assert_eq!(hover, Value::Null);
}

#[tokio::test]
async fn a_restart_with_a_cache_folder_reuses_the_unchanged_notes() {
    let dir = vault(
        "--- gil.md\n# GIL\n\nThe GIL is a mutex in CPython.\n\
         --- ru.md\n# Шардирование\n\nДанные 🚀 делятся по ключу.\n\nПро GIL.\n",
    );
    let options = json!({"cacheDir": ".notes-lsp-cache"});
    let cache = dir.path().join(".notes-lsp-cache/notes-lsp/notes.bin");
    let mut first = Client::start();
    first.initialize_indexed(dir.path(), options.clone()).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !cache.is_file() && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(cache.is_file(), "the first server writes the note cache");
    let gil = dir.path().join("gil.md");
    let text = std::fs::read_to_string(&gil).unwrap();
    std::fs::write(&gil, text.replace("mutex", "latch")).unwrap();

    let mut second = Client::start();
    let progress = json!({"window": {"workDoneProgress": true}});
    second.initialize(dir.path(), progress, options).await;
    let end = second
        .expect_where("$/progress", |p| p["value"]["kind"] == "end")
        .await;
    assert_eq!(end["value"]["message"], "2 notes (1 from the cache)");
    let hover = second
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri(&dir.path().join("ru.md"))},
                   "position": {"line": 4, "character": 5}}),
        )
        .await;
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        shown.contains("latch in CPython"),
        "the changed note is read anew: {hover}"
    );
}

#[tokio::test]
async fn a_closed_note_is_read_from_disk_again() {
    let dir = vault("--- a.md\n# A\n[x](missing.md)\n");
    let a = dir.path().join("a.md");
    let mut client = Client::start();
    client.initialize(dir.path(), json!({}), Value::Null).await;
    let d = client.diagnostics_for(&a, |d| !d.is_empty()).await;
    assert_eq!(codes(&d), ["missing-file"]);
    let doc = json!({"uri": uri(&a), "languageId": "markdown", "version": 1, "text": "# A\n"});
    client
        .notify("textDocument/didOpen", json!({"textDocument": doc}))
        .await;
    client.diagnostics_for(&a, |d| d.is_empty()).await;
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri(&a)}}),
        )
        .await;
    let d = client.diagnostics_for(&a, |d| !d.is_empty()).await;
    assert_eq!(codes(&d), ["missing-file"]);
}

/// The names `workspace/symbol` finds for `query` once they satisfy `accept` (the index follows
/// the roots a moment behind), within 10 s.
async fn symbols_until(
    client: &mut Client,
    query: &str,
    accept: impl Fn(&[&str]) -> bool,
) -> Vec<String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let found = client
            .request("workspace/symbol", json!({"query": query}))
            .await;
        let names: Vec<&str> = found
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        if accept(&names) {
            return names.iter().map(|n| n.to_string()).collect();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{query}: still {names:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn workspace_folders_come_and_go() {
    let first = vault("--- a.md\n# A\n");
    let second = vault("--- bloom.md\n# Bloom filter\nA set that may say yes wrongly.\n");
    let folder = json!([{"uri": uri(second.path()), "name": "second"}]);
    let mut client = Client::start();
    client.initialize_indexed(first.path(), Value::Null).await;
    symbols_until(&mut client, "Bloom", |n| n.is_empty()).await;
    client
        .notify(
            "workspace/didChangeWorkspaceFolders",
            json!({"event": {"added": folder, "removed": []}}),
        )
        .await;
    let found = symbols_until(&mut client, "Bloom", |n| !n.is_empty()).await;
    assert_eq!(found, ["Bloom filter"]);
    client
        .notify(
            "workspace/didChangeWorkspaceFolders",
            json!({"event": {"added": [], "removed": folder}}),
        )
        .await;
    symbols_until(&mut client, "Bloom", |n| n.is_empty()).await;
}

#[tokio::test]
async fn a_cancelled_request_is_answered_and_the_server_goes_on() {
    let dir = vault("--- gil.md\n# GIL\nThe GIL is a lock.\n--- b.md\nGIL here.\n");
    let root = dir.path().canonicalize().unwrap();
    let mut client = Client::start();
    client.initialize_indexed(&root, Value::Null).await;
    let hover = json!({"textDocument": {"uri": uri(&root.join("b.md"))}, "position": {"line": 0, "character": 1}});
    let (id, answer) = client.send("textDocument/hover", hover.clone()).await;
    client.notify("$/cancelRequest", json!({"id": id})).await;
    let answer = answer.await;
    // Cancelled (RequestCancelled, -32800) unless it was answered first.
    assert!(
        answer["code"] == -32800 || answer["contents"].is_object(),
        "{answer}"
    );
    // Cancelling a request that is not pending changes nothing.
    client
        .notify("$/cancelRequest", json!({"id": id + 100}))
        .await;
    let again = client.request("textDocument/hover", hover).await;
    let shown = again["contents"]["value"].as_str().unwrap_or_default();
    assert!(shown.contains("The GIL is a lock."), "{again}");
}
