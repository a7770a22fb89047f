//! Diagnostics on small vaults written in strings, through the same path as `notes-lsp check`.

mod common;
use common::{check_output, vault};

#[test]
fn messy_notes_get_exactly_the_right_diagnostics() {
    let dir = vault(
        r#"--- notes.md
# Notes

- [Python](#programming--python) · [ORM](#what-is-n--1) · [Шард](#шардирование-sharding-)
- [second example](#example-1) · [missing](#exampel) · [custom](#custom-my-id) · [html](#anchor-here)
- [GitHub-only?](#What-Is-OOP) · [site](https://example.com/x.md#nope) · [mail](mailto:a@b.c)

## Programming & Python
## What is "N + 1"?
## Шардирование (sharding) 🚀
## Example
## Example
## What is OOP
## Custom {#my-id}
<a name="anchor-here"></a>

```bash
# this is a comment, not a heading
```

See [the example](#example), the first of two (as on GitHub).
--- db/acid.md
## ACID
- Индексы
  - f
- ACID
  - atomicity, consistency, isolation, durability

3. What is the GIL?
Answer: f

Links: [notes](../notes.md#what-is-oop), [gone](../notes.md#what-is-op), [nofile](../none.md),
[space](../my%20note.md), [[notes#Example]], [[notes#Nope]], [[nowhere]], [x][ref], [y][nodef]
![img](pic.png)

[ref]: ../notes.md
--- my note.md
# My note
"#,
    );
    let (out, code) = check_output(dir.path());
    let expected = r#"db/acid.md:3:5: warning[unanswered]: Unanswered: "Индексы" has only a placeholder
db/acid.md:8:1: warning[unanswered]: Unanswered: "What is the GIL?" has only a placeholder
db/acid.md:10:49: warning[broken-anchor]: No heading #what-is-op in notes.md; did you mean #what-is-oop?
db/acid.md:10:83: warning[missing-file]: File not found: ../none.md
db/acid.md:11:48: warning[broken-anchor]: No heading "Nope" in notes.md
db/acid.md:11:64: warning[unresolved-wiki-link]: No note named "nowhere" in the workspace
db/acid.md:11:85: warning[undefined-reference]: No definition for reference [nodef]
db/acid.md:12:8: warning[missing-file]: File not found: pic.png
notes.md:4:44: warning[broken-anchor]: No heading #exampel in this note; did you mean #example?
notes.md:5:18: information[non-canonical-anchor]: #What-Is-OOP differs from #what-is-oop only in letter case: GitHub's page view finds it, other renderers (VS Code preview, static sites) do not
3 files, 10 headings, 20 links, 10 diagnostics (broken-anchor: 3, missing-file: 2, non-canonical-anchor: 1, unanswered: 2, undefined-reference: 1, unresolved-wiki-link: 1)
"#;
    assert_eq!(out, expected);
    assert_eq!(code, 1);
}

#[test]
fn a_clean_vault_exits_zero() {
    let dir = vault("--- a.md\n# A\nSee [b](b.md#b).\n--- b.md\n# B\n");
    let (out, code) = check_output(dir.path());
    assert_eq!(out, "2 files, 2 headings, 1 links, 0 diagnostics\n");
    assert_eq!(code, 0);
}

#[test]
fn column_after_cyrillic_and_emoji_is_utf16() {
    let dir = vault("--- a.md\n## Шардирование 🚀 [x](#nope)\n");
    let (out, _) = check_output(dir.path());
    // "## " 3 + 12 letters + " " + 🚀 (2 units) + " [x](" 5 = column 23, 1-based 24.
    assert!(
        out.starts_with("a.md:1:24: warning[broken-anchor]"),
        "{out}"
    );
}

#[test]
fn settings_file_changes_placeholders_and_severities() {
    let dir = vault(
        "--- .notes-lsp.toml\nplaceholders = [\"f\", \"TODO\"]\n[severity]\nmissing-file = \"off\"\nunanswered = \"error\"\n--- a.md\n## Q\nTODO\n\n[x](gone.md)\n",
    );
    let (out, code) = check_output(dir.path());
    assert_eq!(
        out,
        "a.md:2:1: error[unanswered]: Unanswered: \"Q\" has only a placeholder\n1 files, 1 headings, 1 links, 1 diagnostics (unanswered: 1)\n"
    );
    assert_eq!(code, 1);
}

#[test]
fn a_bad_settings_file_falls_back_to_defaults() {
    let dir = vault("--- .notes-lsp.toml\nplaceholders = 3\n--- a.md\n## Q\n- f\n");
    let (out, _) = check_output(dir.path());
    assert!(out.contains("warning[unanswered]"), "{out}");
}

#[test]
fn bad_input_is_skipped_or_read_never_fatal() {
    let dir = vault("--- empty.md\n--- ok.md\n# Ok\n[e](empty.md)\n");
    std::fs::write(dir.path().join("binary.md"), b"\x89PNG\r\n\x1a\n\0\0\0IHDR").unwrap();
    std::fs::write(dir.path().join("latin1.md"), b"# Caf\xe9\n- f\n").unwrap();
    let (out, code) = check_output(dir.path());
    assert!(out.contains("latin1.md:2:3: warning[unanswered]"), "{out}");
    assert!(
        out.ends_with("3 files, 2 headings, 1 links, 1 diagnostics (unanswered: 1)\n"),
        "{out}"
    );
    assert_eq!(code, 1);
}

#[test]
fn hidden_and_gitignored_files_are_not_notes() {
    let dir = vault(
        "--- .gitignore\ndrafts/\n--- drafts/x.md\n- f\n--- .hidden/y.md\n- f\n--- a.txt\n- f\n--- a.md\n# A\n",
    );
    let (out, _) = check_output(dir.path());
    assert_eq!(out, "1 files, 1 headings, 0 links, 0 diagnostics\n");
}

#[test]
fn a_missing_folder_is_a_usage_error() {
    let mut out = Vec::new();
    let code = notes_lsp::cli::check(
        std::path::Path::new("/nonexistent/notes"),
        notes_lsp::cli::Format::Text,
        &mut out,
    );
    assert_eq!(code, 2);
}

#[test]
fn a_section_between_two_rules_is_not_front_matter() {
    let dir = vault(
        "--- a.md\n# Notes\n\nIntro.\n\n---\n## Sharding\nSharding is splitting data. See [x](#nope).\n\n---\n## Replication\nReplication is copying data.\n",
    );
    let (out, code) = check_output(dir.path());
    assert_eq!(
        out,
        "a.md:7:37: warning[broken-anchor]: No heading #nope in this note\n1 files, 3 headings, 1 links, 1 diagnostics (broken-anchor: 1)\n"
    );
    assert_eq!(code, 1);
    let mut answer = Vec::new();
    assert_eq!(
        notes_lsp::cli::define("Sharding", dir.path(), &mut answer),
        0
    );
    let answer = String::from_utf8(answer).unwrap();
    assert!(answer.contains("Sharding is splitting data"), "{answer}");
}

#[test]
fn front_matter_only_opens_a_note() {
    let dir = vault(
        "--- a.md\n---\ntitle: Databases\naliases: [DB]\n---\n# Intro\nSee [b](b.md#b) and [[Databases]].\n--- b.md\n# B\n\n---\n## Not metadata\n---\n",
    );
    let (out, _) = check_output(dir.path());
    assert_eq!(out, "2 files, 3 headings, 2 links, 0 diagnostics\n");
}

#[test]
fn thousands_of_broken_anchors_are_each_reported_and_typo_search_is_bounded() {
    let mut note = String::new();
    for i in 0..3000 {
        note.push_str(&format!("## Раздел {i}\n\nСм. [раздел](#раздел-x{i}).\n\n"));
    }
    let dir = vault(&format!("--- big.md\n{note}"));
    let (out, code) = check_output(dir.path());
    assert_eq!(code, 1);
    let broken: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("[broken-anchor]"))
        .collect();
    assert_eq!(broken.len(), 3000, "{}", &out[..out.len().min(2000)]);
    // The first links get a typo fix; once the comparisons are spent, the rest get none.
    assert!(broken[0].contains("did you mean #раздел-"), "{}", broken[0]);
    assert!(!broken[2999].contains("did you mean"), "{}", broken[2999]);
}
