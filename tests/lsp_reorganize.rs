//! Reorganising through LSP: file moves, heading renames and code actions, each edit applied
//! to the vault on disk and the vault checked again (nothing new broken); code lenses, semantic
//! tokens and inlay hints, and their settings.

mod common;
use common::{check_output, uri, vault, Client};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Notes in other people's styles: duplicate and Cyrillic headings, wiki links, links both
/// ways, rooted, extension-less, `./` and percent-encoded paths, a gap, an acronym.
const VAULT: &str = r#"--- notes.md
# Notes
## Example
first
## Example
second
## Шардирование
See [db](db/acid.md#acid), [rooted](/db/acid.md), [bare](db/acid), [dot](./db/acid.md#isolation),
[enc](db/my%20note.md), [[acid]], [[acid#Isolation]], [second](#example-1), the WAL.
--- db/acid.md
# ACID
## Isolation
**Write-Ahead Log** (WAL) is a log of changes.
- What is MVCC?
  - f

Back to [notes](../notes.md#example-1), [шард](../notes.md#шардирование), [[notes#Example]],
[typo](../notes.md#exampel) and [[My note]].
--- db/my note.md
# My note
[acid](acid.md#isolation)
"#;

/// The byte offset of a UTF-16 position in `text`.
fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Applies text edits to the file at `path`.
fn apply_text_edits(path: &Path, edits: &[Value]) {
    let mut text = std::fs::read_to_string(path).unwrap_or_default();
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            let start = offset(&text, &e["range"]["start"]);
            let end = offset(&text, &e["range"]["end"]);
            (start, end, e["newText"].as_str().unwrap())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    for (start, end, new) in spans {
        text.replace_range(start..end, new);
    }
    std::fs::write(path, text).unwrap();
}

/// The path of a `file:` URI.
fn path_of(uri: &str) -> PathBuf {
    let path = uri.strip_prefix("file://").unwrap();
    PathBuf::from(
        percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .unwrap()
            .into_owned(),
    )
}

/// Applies a workspace edit (`changes`, or `documentChanges` with creates) to the disk, as an
/// editor saving the files would: the server hears of each changed file.
async fn apply(client: &mut Client, edit: &Value) {
    let mut changed = Vec::new();
    for (uri, edits) in edit["changes"].as_object().into_iter().flatten() {
        apply_text_edits(&path_of(uri), edits.as_array().unwrap());
        changed.push(json!({"uri": uri, "type": 2}));
    }
    for change in edit["documentChanges"].as_array().into_iter().flatten() {
        if change["kind"] == "create" {
            let path = path_of(change["uri"].as_str().unwrap());
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        } else {
            let path = path_of(change["textDocument"]["uri"].as_str().unwrap());
            apply_text_edits(&path, change["edits"].as_array().unwrap());
            changed.push(json!({"uri": uri(&path), "type": 1}));
        }
    }
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": changed}),
        )
        .await;
}

/// The diagnostic lines of `check` (without the summary).
fn checked(dir: &Path) -> Vec<String> {
    let (out, _) = check_output(dir);
    out.lines()
        .filter(|l| l.contains("]: "))
        .map(String::from)
        .collect()
}

async fn started(dir: &Path, options: Value) -> Client {
    let mut client = Client::start();
    let caps = json!({
        "window": {"workDoneProgress": true},
        "workspace": {"applyEdit": true, "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create"]}}
    });
    client.initialize(dir, caps, options).await;
    client
        .expect_where("$/progress", |p| p["value"]["kind"] == "end")
        .await;
    client
}

#[tokio::test]
async fn moving_a_note_and_a_folder_keeps_every_link() {
    let dir = vault(VAULT);
    let root = dir.path();
    let before = checked(root);
    assert_eq!(before.len(), 2, "a gap and a typo: {before:?}");
    let mut client = started(root, Value::Null).await;
    for (old, new) in [("db/acid.md", "archive/транзакции.md"), ("db", "deep/db")] {
        let (old, new) = (root.join(old), root.join(new));
        let edit = client
            .request(
                "workspace/willRenameFiles",
                json!({"files": [{"oldUri": uri(&old), "newUri": uri(&new)}]}),
            )
            .await;
        assert!(
            edit["changes"].as_object().is_some_and(|c| !c.is_empty()),
            "{edit}"
        );
        apply(&mut client, &edit).await;
        std::fs::create_dir_all(new.parent().unwrap()).unwrap();
        std::fs::rename(&old, &new).unwrap();
        client
            .notify(
                "workspace/didRenameFiles",
                json!({"files": [{"oldUri": uri(&old), "newUri": uri(&new)}]}),
            )
            .await;
        let now: Vec<String> = checked(root)
            .into_iter()
            .map(|l| l.split_once(':').unwrap().1.to_string())
            .collect();
        let was: Vec<String> = before
            .iter()
            .map(|l| l.split_once(':').unwrap().1.to_string())
            .collect();
        assert_eq!(now, was, "after moving {}", old.display());
    }
    let notes = std::fs::read_to_string(root.join("notes.md")).unwrap();
    assert!(
        notes.contains("[rooted](/archive/транзакции.md)"),
        "{notes}"
    );
    assert!(notes.contains("[[транзакции]]"), "{notes}");
}

#[tokio::test]
async fn renaming_a_heading_moves_the_links_of_the_shifted_duplicates() {
    let dir = vault(VAULT);
    let root = dir.path();
    let before = checked(root);
    let mut client = started(root, Value::Null).await;
    let notes = root.join("notes.md");
    let edit = client
        .request(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri(&notes)}, "position": {"line": 1, "character": 4}, "newName": "Пример"}),
        )
        .await;
    apply(&mut client, &edit).await;
    assert_eq!(checked(root), before);
    let acid = std::fs::read_to_string(root.join("db/acid.md")).unwrap();
    assert!(acid.contains("[notes](../notes.md#example)"), "{acid}");
    assert!(acid.contains("[[notes#Пример]]"), "{acid}");
    let refused = client
        .request(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri(&notes)}, "position": {"line": 3, "character": 4}, "newName": "Шардирование"}),
        )
        .await;
    assert!(
        refused["error"].as_str().unwrap().contains("line 6"),
        "{refused}"
    );
}

#[tokio::test]
async fn code_actions_fix_what_they_say_and_create_missing_notes() {
    let dir = vault(&format!(
        "{VAULT}--- todo.md\n# Todo\n\n[new](new/Replication.md) [[Sharding basics]]\n"
    ));
    let root = dir.path();
    let mut client = started(root, Value::Null).await;
    let before = checked(root);
    assert_eq!(before.len(), 4, "{before:?}");
    let acid = root.join("db/acid.md");
    let todo = root.join("todo.md");
    for (path, line, character) in [(&acid, 7, 10), (&todo, 2, 8), (&todo, 2, 30)] {
        let actions = client
            .request(
                "textDocument/codeAction",
                json!({
                    "textDocument": {"uri": uri(path)},
                    "range": {"start": {"line": line, "character": character}, "end": {"line": line, "character": character}},
                    "context": {"diagnostics": []}
                }),
            )
            .await;
        let actions = actions.as_array().expect("actions");
        let chosen = actions
            .iter()
            .find(|a| {
                a["isPreferred"] == true || a["title"].as_str().unwrap().starts_with("Create")
            })
            .unwrap_or_else(|| panic!("{actions:?}"));
        let count = checked(root).len();
        let edit = chosen["edit"].clone();
        apply(&mut client, &edit).await;
        assert_eq!(checked(root).len(), count - 1, "{}", chosen["title"]);
    }
    assert_eq!(checked(root).len(), 1, "the gap is left");
    let created = std::fs::read_to_string(root.join("new/Replication.md")).unwrap();
    assert_eq!(created, "# new\n");
}

/// The code lenses of the note at `path`.
async fn lenses(client: &mut Client, path: &Path) -> Value {
    client
        .request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri(path)}}),
        )
        .await
}

/// The titles of code lenses.
fn titles(lenses: &Value) -> Vec<&str> {
    lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["command"]["title"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn lenses_tokens_and_hints_follow_their_settings() {
    let dir = vault(VAULT);
    let root = dir.path();
    let notes = root.join("notes.md");
    let acid = root.join("db/acid.md");
    let mut client = started(root, json!({"inlayHints": {"enabled": true}})).await;
    let found = lenses(&mut client, &notes).await;
    assert_eq!(
        titles(&found),
        ["0 references", "1 reference", "2 references", "1 reference"]
    );
    let lens = &found[2]["command"];
    assert_eq!(lens["command"], "notesLsp.showReferences");
    assert_eq!(lens["arguments"][2].as_array().unwrap().len(), 2);
    assert_eq!(
        titles(&lenses(&mut client, &acid).await),
        [
            "1 reference",
            "1 unanswered",
            "3 references",
            "1 unanswered"
        ]
    );

    let tokens = client
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": uri(&acid)}}),
        )
        .await;
    let data: Vec<u64> = tokens["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    // Decoded as (line, start, length, type, modifiers).
    let mut decoded = Vec::new();
    let (mut line, mut start) = (0, 0);
    for t in data.chunks(5) {
        line += t[0];
        start = if t[0] == 0 { start + t[1] } else { t[1] };
        decoded.push((line, start, t[2], t[3], t[4]));
    }
    assert!(
        decoded.contains(&(2, 2, 15, 0, 0)),
        "Write-Ahead Log: {decoded:?}"
    );
    assert!(
        decoded.contains(&(3, 10, 4, 0, 1)),
        "MVCC, a gap only: {decoded:?}"
    );
    assert!(
        decoded.contains(&(7, 7, 19, 1, 0)),
        "the broken link: {decoded:?}"
    );

    let hints = client
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri(&notes)}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}}),
        )
        .await;
    assert_eq!(hints[0]["label"], "(Write-Ahead Log)", "{hints}");
    assert_eq!(hints[0]["position"], json!({"line": 7, "character": 83}));

    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"notesLsp": {"codeLens": {"enabled": false}, "semanticTokens": {"enabled": false}}}}),
        )
        .await;
    assert_eq!(lenses(&mut client, &notes).await, Value::Null);
    let tokens = client
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": uri(&acid)}}),
        )
        .await;
    assert_eq!(tokens, Value::Null);
}
