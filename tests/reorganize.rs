//! Reorganising a vault written in strings — moving notes and folders, renaming headings,
//! applying code actions — then checking the links: every edit is applied, the vault indexed
//! again, and no diagnostic is new.

use notes_lsp::config::Config;
use notes_lsp::features::diagnostics::diagnose;
use notes_lsp::features::file_rename::{file_rename_edits, moved, Move};
use notes_lsp::features::rename::{rename_heading, FileEdit};
use notes_lsp::workspace::Workspace;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Notes in other people's styles: duplicate and Cyrillic headings, wiki links, links both
/// ways, rooted, extension-less, `./` and percent-encoded paths, a reference definition.
const VAULT: &str = r#"--- /v/notes.md
# Notes
## Example
first
## Example
second
## Шардирование
See [db](db/acid.md#acid), [rooted](/db/acid.md), [bare](db/acid), [dot](./db/acid.md#isolation),
[enc](db/my%20note.md), [[acid]], [[acid#Isolation]], [ref][r], [second](#example-1).

[r]: db/acid.md
--- /v/db/acid.md
# ACID
## Isolation
Back to [notes](../notes.md#example-1), [шард](../notes.md#шардирование), [[notes#Example]],
[first](../notes.md#example), [pic](../img/p.png) and [[My note]].
--- /v/db/my note.md
# My note
[acid](acid.md#isolation), [up](/notes.md#%D1%88%D0%B0%D1%80%D0%B4%D0%B8%D1%80%D0%BE%D0%B2%D0%B0%D0%BD%D0%B8%D0%B5)
--- /v/img/p.png
"#;

/// The notes of a vault spec: `--- path` lines, each followed by its note's text.
fn texts(spec: &str) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    for part in spec.split("--- ").skip(1) {
        let (path, text) = part.split_once('\n').unwrap();
        out.insert(PathBuf::from(path.trim()), text.to_string());
    }
    out
}

/// A workspace of these files under `/v`: notes, and other files (images) by path.
fn workspace(texts: &BTreeMap<PathBuf, String>) -> Workspace {
    let mut ws = Workspace::new(vec!["/v".into()], Config::default());
    for (path, text) in texts {
        if ws.config().is_note_path(path) {
            let note = ws.parse(text);
            ws.set_note(path, note);
        } else {
            ws.add_other_file(path.clone());
        }
    }
    ws
}

/// The texts after applying `edits`, then `moves`.
fn applied(
    texts: &BTreeMap<PathBuf, String>,
    edits: &[FileEdit],
    moves: &[Move],
) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    for (path, text) in texts {
        let mut text = text.clone();
        let mut mine: Vec<&FileEdit> = edits.iter().filter(|e| &e.path == path).collect();
        mine.sort_by_key(|e| std::cmp::Reverse(e.span));
        for edit in mine {
            text.replace_range(edit.span.range(), &edit.text);
        }
        out.insert(moved(moves, path), text);
    }
    out
}

/// Every diagnostic of the vault, as `path: code message`.
fn diagnostics(texts: &BTreeMap<PathBuf, String>) -> Vec<String> {
    let ws = workspace(texts);
    texts
        .keys()
        .filter(|path| ws.note(path).is_some())
        .flat_map(|path| {
            diagnose(&ws, path, &Default::default())
                .into_iter()
                .map(move |d| format!("{}: {} {}", path.display(), d.code, d.message))
        })
        .collect()
}

/// The edits as `path: old → new`.
fn shown(texts: &BTreeMap<PathBuf, String>, edits: &[FileEdit]) -> Vec<String> {
    edits
        .iter()
        .map(|e| {
            let old = &texts[&e.path][e.span.range()];
            format!("{}: {old} → {}", e.path.display(), e.text)
        })
        .collect()
}

#[test]
fn the_vault_starts_clean() {
    assert_eq!(diagnostics(&texts(VAULT)), Vec::<String>::new());
}

/// Moving `old` to `new`: the edits, and that the vault is as clean after them.
fn moving(old: &str, new: &str) -> Vec<String> {
    let before = texts(VAULT);
    let moves = [Move {
        old: old.into(),
        new: new.into(),
    }];
    let edits = file_rename_edits(&workspace(&before), &moves);
    let after = applied(&before, &edits, &moves);
    assert_eq!(diagnostics(&after), Vec::<String>::new(), "{after:#?}");
    shown(&before, &edits)
}

#[test]
fn renaming_a_note_rewrites_every_link_to_it_in_its_style() {
    assert_eq!(
        moving("/v/db/acid.md", "/v/archive/транзакции.md"),
        [
            "/v/db/my note.md: acid.md → ../archive/транзакции.md",
            "/v/notes.md: db/acid.md → archive/транзакции.md",
            "/v/notes.md: /db/acid.md → /archive/транзакции.md",
            "/v/notes.md: db/acid → archive/транзакции",
            "/v/notes.md: ./db/acid.md → ./archive/транзакции.md",
            "/v/notes.md: acid → транзакции",
            "/v/notes.md: acid → транзакции",
            "/v/notes.md: db/acid.md → archive/транзакции.md",
        ]
    );
}

#[test]
fn moving_a_note_rewrites_its_own_relative_links() {
    assert_eq!(
        moving("/v/db/my note.md", "/v/my note.md"),
        [
            "/v/db/my note.md: acid.md → db/acid.md",
            "/v/notes.md: db/my%20note.md → my%20note.md",
        ]
    );
}

#[test]
fn moving_a_folder_moves_every_note_in_it() {
    assert_eq!(
        moving("/v/db", "/v/deep/storage"),
        [
            "/v/db/acid.md: ../notes.md → ../../notes.md",
            "/v/db/acid.md: ../notes.md → ../../notes.md",
            "/v/db/acid.md: ../notes.md → ../../notes.md",
            "/v/db/acid.md: ../img/p.png → ../../img/p.png",
            "/v/notes.md: db/acid.md → deep/storage/acid.md",
            "/v/notes.md: /db/acid.md → /deep/storage/acid.md",
            "/v/notes.md: db/acid → deep/storage/acid",
            "/v/notes.md: ./db/acid.md → ./deep/storage/acid.md",
            "/v/notes.md: db/my%20note.md → deep/storage/my%20note.md",
            "/v/notes.md: db/acid.md → deep/storage/acid.md",
        ]
    );
}

#[test]
fn moving_an_image_rewrites_the_links_to_it() {
    assert_eq!(
        moving("/v/img/p.png", "/v/db/p.png"),
        ["/v/db/acid.md: ../img/p.png → p.png"]
    );
}

/// Renaming the heading at the start of `line` (1-based) of `path` to `new`: the edits, and that
/// the vault is as clean after them.
fn renaming(path: &str, line: usize, new: &str) -> Vec<String> {
    let before = texts(VAULT);
    let ws = workspace(&before);
    let path = Path::new(path);
    let note = ws.note(path).unwrap();
    let offset = note.source.line_range(line - 1).start + 3;
    let edits = rename_heading(&ws, path, offset, new).unwrap();
    let after = applied(&before, &edits, &[]);
    assert_eq!(diagnostics(&after), Vec::<String>::new(), "{after:#?}");
    shown(&before, &edits)
}

#[test]
fn renaming_the_first_of_duplicate_headings_moves_the_links_to_the_second() {
    assert_eq!(
        renaming("/v/notes.md", 2, "Пример"),
        [
            "/v/notes.md: Example → Пример",
            "/v/db/acid.md: example-1 → example",
            "/v/db/acid.md: Example → Пример",
            "/v/db/acid.md: example → пример",
            "/v/notes.md: example-1 → example",
        ]
    );
}

#[test]
fn a_renamed_cyrillic_heading_keeps_links_in_every_form() {
    assert_eq!(
        renaming("/v/notes.md", 6, "Шарды"),
        [
            "/v/notes.md: Шардирование → Шарды",
            "/v/db/acid.md: шардирование → шарды",
            "/v/db/my note.md: %D1%88%D0%B0%D1%80%D0%B4%D0%B8%D1%80%D0%BE%D0%B2%D0%B0%D0%BD%D0%B8%D0%B5 → %D1%88%D0%B0%D1%80%D0%B4%D1%8B",
        ]
    );
}

#[test]
fn renaming_to_a_heading_that_exists_is_refused() {
    let ws = workspace(&texts(VAULT));
    let path = Path::new("/v/notes.md");
    let offset = ws.note(path).unwrap().source.line_range(5).start;
    let refused = rename_heading(&ws, path, offset, "example").unwrap_err();
    assert_eq!(
        refused.to_string(),
        "the heading \"Example\" on line 2 has the same anchor; choose another text"
    );
}

/// A note with a problem per link, a stale table of contents and headings after it.
const TODO: &str = r#"--- /v/todo.md
# Todo

<!-- toc -->
- [Old](#old)
<!-- /toc -->

## Isolation levels
[typo](db/acid.md#isolaton), [case](db/acid.md#Isolation), [[acid#Isolaton]],
[new](new/Replication.md#leader), [[Sharding basics]], [bare](ideas), [pic](p.png)
## Example
### Пример [ссылка]
"#;

/// The texts after applying `fix` to the note at `path`.
fn with_fix(
    texts: &BTreeMap<PathBuf, String>,
    path: &Path,
    fix: &notes_lsp::features::code_actions::Fix,
) -> BTreeMap<PathBuf, String> {
    let edits: Vec<FileEdit> = fix
        .edits
        .iter()
        .map(|(span, text)| FileEdit {
            path: path.to_path_buf(),
            span: *span,
            text: text.clone(),
        })
        .collect();
    let mut out = applied(texts, &edits, &[]);
    if let Some(new) = &fix.create {
        assert!(out.insert(new.path.clone(), new.text.clone()).is_none());
    }
    out
}

/// Each diagnostic of the note, with the code action the editor would apply alone for it (the
/// preferred one, else the first): after it, that diagnostic is gone and nothing else changed.
#[test]
fn every_link_fix_removes_its_diagnostic_and_breaks_nothing() {
    let before = texts(&format!("{VAULT}{TODO}"));
    let ws = workspace(&before);
    let path = Path::new("/v/todo.md");
    let found = diagnose(&ws, path, &Default::default());
    let all = diagnostics(&before);
    let mut titles = Vec::new();
    for diagnostic in &found {
        let fixes = notes_lsp::features::code_actions::code_actions(
            &ws,
            path,
            diagnostic.span,
            &Default::default(),
        );
        let Some(fix) = fixes
            .iter()
            .find(|f| f.preferred)
            .or_else(|| fixes.iter().find(|f| f.create.is_some()))
        else {
            titles.push(format!("{}: none", diagnostic.code));
            continue;
        };
        titles.push(format!("{}: {}", diagnostic.code, fix.title));
        let after = with_fix(&before, path, fix);
        let gone = format!(
            "{}: {} {}",
            path.display(),
            diagnostic.code,
            diagnostic.message
        );
        let expected: Vec<&String> = all.iter().filter(|d| **d != gone).collect();
        let now = diagnostics(&after);
        assert_eq!(now.iter().collect::<Vec<_>>(), expected, "{after:#?}");
    }
    assert_eq!(
        titles,
        [
            "broken-anchor: Link to \"Todo\" (todo)",
            "broken-anchor: Link to \"Isolation\" (isolation)",
            "non-canonical-anchor: Change #Isolation to #isolation",
            "broken-anchor: Link to \"Isolation\" (Isolation)",
            "missing-file: Create new/Replication.md",
            "unresolved-wiki-link: Create Sharding basics.md",
            "missing-file: Create ideas.md",
            "missing-file: none",
        ]
    );
}

#[test]
fn a_broken_anchor_offers_the_other_headings_too() {
    let before = texts(&format!("{VAULT}{TODO}"));
    let ws = workspace(&before);
    let path = Path::new("/v/todo.md");
    let text = &before[path];
    let at = text.find("isolaton").unwrap();
    let fixes = notes_lsp::features::code_actions::code_actions(
        &ws,
        path,
        notes_lsp::syntax::Span::new(at, at),
        &Default::default(),
    );
    let titles: Vec<&str> = fixes.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Link to \"Isolation\" (isolation)",
            "Link to \"ACID\" (acid)"
        ]
    );
}

#[test]
fn the_table_of_contents_is_updated_with_github_anchors() {
    let before = texts(&format!("{VAULT}{TODO}"));
    let ws = workspace(&before);
    let path = Path::new("/v/todo.md");
    let at = before[path].find("<!-- toc -->").unwrap();
    let fixes = notes_lsp::features::code_actions::code_actions(
        &ws,
        path,
        notes_lsp::syntax::Span::new(at, at),
        &Default::default(),
    );
    assert_eq!(fixes.len(), 1, "{fixes:?}");
    assert_eq!(fixes[0].title, "Update the table of contents");
    let after = with_fix(&before, path, &fixes[0]);
    assert!(
        after[path].contains(
            "<!-- toc -->\n\n- [Isolation levels](#isolation-levels)\n- [Example](#example)\n  - [Пример \\[ссылка\\]](#пример-ссылка)\n\n<!-- /toc -->\n"
        ),
        "{}",
        after[path]
    );
    let mut fixed = diagnostics(&before);
    fixed.retain(|d| !d.contains("#old"));
    assert_eq!(diagnostics(&after), fixed);
    // Up to date: nothing more to do.
    let ws = workspace(&after);
    assert!(notes_lsp::features::code_actions::code_actions(
        &ws,
        path,
        notes_lsp::syntax::Span::new(at, at),
        &Default::default(),
    )
    .is_empty());
}
