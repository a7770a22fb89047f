//! Term answers at the feature layer: every definition shape, aliases, matching rules, ranking
//! and gaps, on small vaults written in strings.

mod common;
use common::vault;
use notes_lsp::features::{definition::definition, hover::hover, references::references};
use notes_lsp::workspace::Workspace;
use std::path::{Path, PathBuf};

const VAULT: &str = r#"--- python/gil.md
# GIL (Global Interpreter Lock)

The GIL is a mutex in CPython that lets one thread run bytecode at a time.

## Example
Threads doing CPU work do not speed up.

```python
# GIL is not a heading here
```
--- db/shapes.md
# Databases

**Write-Ahead Log (WAL)** is an append-only file where changes are recorded first.

A **mutex** is a lock that only one thread can hold at a time.

`BASE` is the set of properties many NoSQL stores choose instead of ACID.

3. What is MVCC?
Answer: MVCC (multi-version concurrency control) keeps several versions of a row.

Replication is keeping copies of the same data on several machines.

## CAP Theorem (Brewer's theorem)
You can't have consistency, availability and partition tolerance all at once.

## CAP
The three letters stand for consistency, availability and partition tolerance.

## ACID Vs. BASE
Comparison only.

Idempotency
: Repeating the operation changes nothing.

*[SSE]: Server-Sent Events
--- ru/db.md
---
aliases: [Базы данных]
---
# Базы

- Шардирование (sharding)
  - Разделение данных между узлами по ключу.
- Индексы (indexes)
  - f
- Репликация (replication) - это хранение копий данных на нескольких узлах.
--- db/indexes.md
# Indexes
An index is a structure that finds rows without scanning the table.
--- prose.md
# Prose

We hit a cap on threads; the CAP theorem and CAP matter. `GIL` in code. The GIL, again.
Sharding and Шардирование and WAL and SSE and Idempotency and MVCC and BASE.
Global Interpreter Lock.
"#;

struct Vault {
    _dir: tempfile::TempDir,
    root: PathBuf,
    ws: Workspace,
}

fn load() -> Vault {
    let dir = vault(VAULT);
    let root = dir.path().canonicalize().unwrap();
    let (ws, _) = notes_lsp::workspace::load(vec![root.clone()], Default::default());
    Vault {
        _dir: dir,
        root,
        ws,
    }
}

impl Vault {
    fn path(&self, file: &str) -> PathBuf {
        self.root.join(file)
    }

    /// Byte offset of the `nth` occurrence of `needle` in `file`, plus `inside` bytes.
    fn offset(&self, file: &str, needle: &str, nth: usize, inside: usize) -> usize {
        let text = std::fs::read_to_string(self.path(file)).unwrap();
        let (at, _) = text
            .match_indices(needle)
            .nth(nth)
            .unwrap_or_else(|| panic!("{needle}"));
        at + inside
    }

    fn hover(&self, file: &str, needle: &str, nth: usize) -> Option<String> {
        let offset = self.offset(file, needle, nth, 1);
        hover(&self.ws, &self.path(file), offset, &self.ws.config().hover).map(|h| h.markdown)
    }

    fn hovered_span(&self, file: &str, needle: &str, nth: usize) -> String {
        let offset = self.offset(file, needle, nth, 1);
        let h =
            hover(&self.ws, &self.path(file), offset, &self.ws.config().hover).expect("a hover");
        let text = std::fs::read_to_string(self.path(file)).unwrap();
        text[h.span.range()].to_string()
    }
}

fn assert_answer(hover: Option<String>, expected: &str) {
    let text = hover.expect("a hover");
    assert!(text.contains(expected), "expected {expected:?} in:\n{text}");
}

#[test]
fn every_definition_shape_answers() {
    let v = load();
    assert_answer(v.hover("prose.md", "GIL, again", 0), "mutex in CPython");
    assert_answer(v.hover("prose.md", "WAL", 0), "append-only file");
    assert_answer(v.hover("prose.md", "BASE", 0), "NoSQL stores");
    assert_answer(v.hover("prose.md", "MVCC", 0), "several versions of a row");
    assert_answer(v.hover("prose.md", "SSE", 0), "Server-Sent Events");
    assert_answer(v.hover("prose.md", "Idempotency", 0), "changes nothing");
    assert_answer(v.hover("prose.md", "Шардирование", 0), "Разделение данных");
}

#[test]
fn aliases_join_spellings_and_languages() {
    let v = load();
    assert_answer(
        v.hover("prose.md", "Global Interpreter Lock", 0),
        "mutex in CPython",
    );
    // "Sharding" is the alias of the Russian outline topic.
    assert_answer(v.hover("prose.md", "Sharding", 0), "Разделение данных");
    assert_answer(v.hover("db/shapes.md", "Replication", 0), "копий данных");
}

#[test]
fn acronyms_match_case_sensitively_and_the_longest_term_wins() {
    let v = load();
    assert_eq!(v.hover("prose.md", "cap on threads", 0), None);
    assert_eq!(v.hovered_span("prose.md", "CAP theorem", 0), "CAP theorem");
    assert_answer(
        v.hover("prose.md", "CAP theorem", 0),
        "partition tolerance all at once",
    );
    assert_eq!(v.hovered_span("prose.md", "CAP matter", 0), "CAP");
    assert_answer(v.hover("prose.md", "CAP matter", 0), "three letters");
}

#[test]
fn no_hover_in_code_or_on_nothing() {
    let v = load();
    assert_eq!(v.hover("prose.md", "`GIL`", 0), None);
    assert_eq!(v.hover("python/gil.md", "GIL is not a heading", 0), None);
    assert_eq!(v.hover("prose.md", "We hit", 0), None);
    // Comparisons define nothing; generic headings such as "Example" are not terms.
    assert_eq!(v.hover("prose.md", "We hit", 0), None);
    assert!(notes_lsp::features::terms::related(&v.ws, "ACID Vs. BASE").is_empty());
    assert!(notes_lsp::features::terms::related(&v.ws, "Example").is_empty());
}

#[test]
fn a_gap_shows_the_answer_from_another_note() {
    let v = load();
    let text = v
        .hover("ru/db.md", "Индексы", 0)
        .expect("a hover on the gap");
    assert!(
        text.starts_with("*Unanswered here. Answer from another note:*"),
        "{text}"
    );
    assert!(text.contains("finds rows without scanning"), "{text}");
    let diagnostics = notes_lsp::features::diagnostics::diagnose(
        &v.ws,
        &v.path("ru/db.md"),
        &v.ws.config().severity,
    );
    assert_eq!(
        diagnostics[0].message,
        "Unanswered: \"Индексы (indexes)\" has only a placeholder (answered in db/indexes.md › Indexes)"
    );
}

#[test]
fn the_hovered_definition_itself_is_not_repeated() {
    let v = load();
    // The only definition of MVCC is the one under the cursor: nothing else to say.
    assert_eq!(v.hover("db/shapes.md", "MVCC?", 0), None);
}

#[test]
fn ranking_puts_the_terms_own_section_first() {
    let v = load();
    let text = v.hover("prose.md", "GIL, again", 0).unwrap();
    let source = text.lines().find(|l| l.starts_with("Source:")).unwrap();
    assert!(
        source.contains("python/gil.md › GIL (Global Interpreter Lock)"),
        "{source}"
    );
}

#[test]
fn definition_lists_every_place_best_first() {
    let v = load();
    let at = v.offset("prose.md", "Sharding", 0, 2);
    let places = definition(&v.ws, &v.path("prose.md"), at);
    assert_eq!(places.len(), 1);
    assert_eq!(places[0].path, v.path("ru/db.md"));
    let at = v.offset("prose.md", "GIL, again", 0, 1);
    let places = definition(&v.ws, &v.path("prose.md"), at);
    assert_eq!(places[0].path, v.path("python/gil.md"));
}

#[test]
fn references_find_every_mention_outside_code() {
    let v = load();
    let at = v.offset("prose.md", "WAL", 0, 1);
    let found = references(&v.ws, &v.path("prose.md"), at, true);
    let text = |p: &notes_lsp::features::definition::Place| {
        std::fs::read_to_string(&p.path).unwrap()[p.span.range()].to_string()
    };
    let files: Vec<(&Path, String)> = found
        .iter()
        .map(|p| (p.path.strip_prefix(&v.root).unwrap(), text(p)))
        .collect();
    assert_eq!(
        files,
        [
            (Path::new("db/shapes.md"), "Write-Ahead Log".to_string()),
            (Path::new("db/shapes.md"), "WAL".to_string()),
            (Path::new("prose.md"), "WAL".to_string())
        ]
    );
    let at = v.offset("prose.md", "GIL, again", 0, 1);
    let found = references(&v.ws, &v.path("prose.md"), at, false);
    // In prose.md: "The GIL" and "Global Interpreter Lock" (not the code span); in gil.md the
    // prose sentence (the heading is the declaration, the code block is skipped).
    let in_prose = found
        .iter()
        .filter(|p| p.path == v.path("prose.md"))
        .count();
    assert_eq!(in_prose, 2, "{found:?}");
    assert!(found.iter().any(|p| p.path == v.path("python/gil.md")));
}

#[test]
fn gap_fixes_follow_the_link_style() {
    let dir = vault("--- db/indexes.md\n# Indexes\nAn index finds rows.\n--- ru.md\n- Индексы (indexes)\n  - f\n");
    let root = dir.path().canonicalize().unwrap();
    let (ws, _) = notes_lsp::workspace::load(vec![root.clone()], Default::default());
    let settings = notes_lsp::config::CompletionConfig {
        link_style: notes_lsp::config::LinkStyle::Wiki,
        ..Default::default()
    };
    let fixes = notes_lsp::features::code_actions::gap_fixes(
        &ws,
        &root.join("ru.md"),
        notes_lsp::syntax::Span::new(0, 100),
        &settings,
    );
    assert_eq!(fixes[0].edits[0].1, "see [[indexes#Indexes]]");
}
