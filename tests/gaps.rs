//! The study report, `notes-lsp gaps`, run as a user runs it: on a vault written in a string
//! (every format, exactly) and on the user's real notes (`tests/data/real-notes/`).

mod common;

use common::vault;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// The report of `dir` in `format`, with `dir`'s path removed; the exit code must be 0.
fn gaps(dir: &Path, format: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_notes-lsp"))
        .args(["gaps", "--format", format])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .replace(&format!("{}/", dir.display()), "")
}

const VAULT: &str = "--- python.md
# Python

## Threads

- GIL
  - f
- Event loop
  - f

## Data | types

- List
  - A mutable sequence.
--- db/internals.md
# Internals

## GIL

The GIL is a mutex in CPython that lets one thread run at a time.
--- scaling.md
What is sharding?
f

# Scaling

- Replication
  - Copies of the data on several servers.
--- prose.md
Just prose, nothing asked.
";

#[test]
fn text_lists_each_note_then_its_sections_with_open_questions() {
    let dir = vault(VAULT);
    assert_eq!(
        gaps(dir.path(), "text"),
        "\
db/internals.md: 1 answered, 0 open
python.md: 1 answered, 2 open
  Threads — 0 answered, 2 open
    python.md:6:5: GIL — answered in db/internals.md › Internals › GIL
    python.md:8:5: Event loop
scaling.md: 1 answered, 1 open
  (before the first heading) — 0 answered, 1 open
    scaling.md:2:1: What is sharding?
3 notes with questions: 3 answered, 3 open (1 of them answered in another note)
"
    );
}

#[test]
fn markdown_has_a_table_per_note_and_a_checklist_of_open_questions() {
    let dir = vault(VAULT);
    assert_eq!(
        gaps(dir.path(), "markdown"),
        "\
# Study report

3 notes with questions: 3 answered, 3 open (1 of them answered in another note).

| Note | Answered | Open |
| --- | ---: | ---: |
| db/internals.md | 1 | 0 |
| python.md | 1 | 2 |
| scaling.md | 1 | 1 |

## db/internals.md

| Section | Line | Answered | Open |
| --- | ---: | ---: | ---: |
| GIL | 3 | 1 | 0 |

## python.md

| Section | Line | Answered | Open |
| --- | ---: | ---: | ---: |
| Threads | 3 | 0 | 2 |
| Data \\| types | 10 | 1 | 0 |

- [ ] Threads, line 6: GIL — answered in db/internals.md › Internals › GIL
- [ ] Threads, line 8: Event loop

## scaling.md

| Section | Line | Answered | Open |
| --- | ---: | ---: | ---: |
| (before the first heading) |  | 0 | 1 |
| Scaling | 4 | 1 | 0 |

- [ ] (before the first heading), line 2: What is sharding?
"
    );
}

#[test]
fn json_holds_every_section_and_where_each_gap_is_answered() {
    let dir = vault(VAULT);
    let report: Value = serde_json::from_str(&gaps(dir.path(), "json")).unwrap();
    assert_eq!(
        report["summary"],
        serde_json::json!({"notes": 3, "answered": 3, "open": 3, "answeredElsewhere": 1})
    );
    let python = &report["notes"][1];
    assert_eq!(python["path"], "python.md");
    let threads = &python["sections"][0];
    assert_eq!(
        (&threads["heading"], &threads["line"], &threads["open"]),
        (&"Threads".into(), &3.into(), &2.into())
    );
    assert_eq!(
        threads["gaps"][0],
        serde_json::json!({
            "line": 6, "column": 5, "question": "GIL",
            "answeredIn": {"path": "db/internals.md", "line": 3, "label": "db/internals.md › Internals › GIL"},
        })
    );
    assert_eq!(threads["gaps"][1]["answeredIn"], Value::Null);
    assert_eq!(python["sections"][1]["heading"], "Data | types");
    assert_eq!(report["notes"][2]["sections"][0]["heading"], Value::Null);
}

#[test]
fn a_folder_that_does_not_exist_is_an_error_not_a_report() {
    let output = Command::new(env!("CARGO_BIN_EXE_notes-lsp"))
        .args(["gaps", "no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_real_notes_show_their_eight_gaps_and_the_two_answered_elsewhere() {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/real-notes"
    ));
    let text = gaps(dir, "text");
    let last = text.lines().last().unwrap();
    assert!(
        last.starts_with("5 notes with questions: ")
            && last.ends_with(", 8 open (2 of them answered in another note)"),
        "{text}"
    );
    for line in [
        "    python-django-bd.md:49:5: GIL — answered in python-qa.md",
        "    python-django-bd.md:51:5: Асинхронность event loop",
        "    python-django-bd.md:97:5: индексация",
        "    python-django-bd.md:149:5: Шардирование — answered in python-qa.md",
    ] {
        assert!(text.lines().any(|l| l == line), "no {line:?} in\n{text}");
    }
    let report: Value = serde_json::from_str(&gaps(dir, "json")).unwrap();
    let notes = report["notes"].as_array().unwrap();
    // Every note answers questions; only python-django-bd.md leaves some open, in two sections.
    assert!(notes.iter().all(|n| n["answered"].as_u64().unwrap() > 0));
    let open: Vec<(&str, u64)> = notes
        .iter()
        .flat_map(|n| n["sections"].as_array().unwrap())
        .filter(|s| s["open"] != 0)
        .map(|s| (s["heading"].as_str().unwrap(), s["open"].as_u64().unwrap()))
        .collect();
    assert_eq!(open, [("Python:", 2), ("БД", 6)]);
    let markdown = gaps(dir, "markdown");
    assert_eq!(markdown.matches("\n- [ ] ").count(), 8, "{markdown}");
}
