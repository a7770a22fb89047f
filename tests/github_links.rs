//! Link diagnostics exactly as GitHub renders the notes, on small vaults written in strings and
//! on real-shaped notes in `tests/data/`.

mod common;
use common::{check_output, vault};
use notes_lsp::cli::load_dir;
use notes_lsp::features::completion::complete;
use notes_lsp::features::diagnostics::diagnose;
use notes_lsp::features::rename::rename_heading;
use std::path::Path;

/// `### 1. Pick a language {#pick}` is text on GitHub (`#1-pick-a-language-pick`) and the id
/// `#pick` under `anchors = "attributes"`: slugs, diagnostics, completion and rename agree.
#[test]
fn heading_ids_read_as_github_or_as_attributes() {
    const NOTE: &str = "--- a.md\n### 1. Pick a language {#pick}\n\n[slug](#1-pick-a-language-pick) · [id](#pick)\n";
    let readings = [
        ("", "1-pick-a-language-pick", "#pick", "2-choose"),
        (
            "--- .notes-lsp.toml\nanchors = \"attributes\"\n",
            "pick",
            "#1-pick-a-language-pick",
            "pick",
        ),
    ];
    for (settings, anchor, broken, renamed) in readings {
        let dir = vault(&format!("{settings}{NOTE}"));
        let (workspace, _) = load_dir(dir.path());
        let path = dir.path().join("a.md");
        let note = workspace.note(&path).unwrap();
        assert_eq!(&*note.headings[0].slug, anchor);

        let found: Vec<String> = diagnose(&workspace, &path, &Default::default())
            .into_iter()
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(&format!("broken-anchor: No heading {broken} ")),
            "{found:?}"
        );

        let typed = "[x](#";
        let completion =
            complete(&workspace, &path, typed, typed.len(), &Default::default()).unwrap();
        assert_eq!(completion.items[0].insert, anchor);

        let mut edits = rename_heading(&workspace, &path, 5, "2. Choose").unwrap();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span));
        let mut text = note.source.text().to_string();
        for edit in edits {
            text.replace_range(edit.span.range(), &edit.text);
        }
        assert!(text.contains(&format!("(#{renamed})")), "{text}");
        std::fs::write(&path, &text).unwrap();
        let (workspace, _) = load_dir(dir.path());
        let note = workspace.note(&path).unwrap();
        assert_eq!(&*note.headings[0].slug, renamed, "{text}");
    }
}

/// A fragment that differs from every anchor by more than letter case does not work on GitHub:
/// a warning, with the heading it meant. Letter case alone stays information.
#[test]
fn fragments_broken_on_github_are_warnings_case_alone_is_information() {
    let dir = vault(
        "--- a.md\n# Notes\n[a](#1.-Intro) · [b](#what-is-oop?) · [c](#heap-/-priority-queue) · [d](#內容(CDN))\n\n[e](#What-Is-OOP) · [f](b.md#Шардирование) · [g](#Notes)\n## 1. Intro\n## What is OOP?\n## Heap / Priority Queue\n## 內容(CDN)\n--- b.md\n# Шардирование\n",
    );
    let (out, code) = check_output(dir.path());
    assert_eq!(
        out,
        "a.md:2:5: warning[broken-anchor]: No heading #1.-Intro in this note; did you mean #1-intro?
a.md:2:22: warning[broken-anchor]: No heading #what-is-oop? in this note; did you mean #what-is-oop?
a.md:2:43: warning[broken-anchor]: No heading #heap-/-priority-queue in this note; did you mean #heap--priority-queue?
a.md:2:73: warning[broken-anchor]: No heading #內容(CDN) in this note; did you mean #內容cdn?
a.md:4:5: information[non-canonical-anchor]: #What-Is-OOP differs from #what-is-oop only in letter case: GitHub's page view finds it, other renderers (VS Code preview, static sites) do not
a.md:4:25: information[non-canonical-anchor]: #Шардирование differs from #шардирование only in letter case: GitHub's page view finds it, other renderers (VS Code preview, static sites) do not
a.md:4:50: information[non-canonical-anchor]: #Notes differs from #notes only in letter case: GitHub's page view finds it, other renderers (VS Code preview, static sites) do not
2 files, 6 headings, 7 links, 7 diagnostics (broken-anchor: 4, non-canonical-anchor: 3)
"
    );
    assert_eq!(code, 1);
    let dir = vault("--- a.md\n# Notes\n[e](#What-Is-OOP)\n## What is OOP?\n");
    assert_eq!(check_output(dir.path()).1, 0, "information only");
}

/// `#user-content-<slug>` is the id GitHub's HTML holds: it resolves (on GitHub), leads to the
/// heading and keeps its prefix through a rename.
#[test]
fn user_content_fragments_resolve_on_github() {
    const NOTES: &str = "--- a.md\n# Intro\n[a](#user-content-intro) · [b](b.md#user-content-шардирование) · [c](#user-content-nope)\n--- b.md\n# Шардирование\n";
    let dir = vault(NOTES);
    let (out, _) = check_output(dir.path());
    assert_eq!(
        out,
        "a.md:2:70: warning[broken-anchor]: No heading #user-content-nope in this note\n2 files, 2 headings, 3 links, 1 diagnostics (broken-anchor: 1)\n"
    );
    let (workspace, _) = load_dir(dir.path());
    let path = dir.path().join("a.md");
    let edits = rename_heading(&workspace, &path, 2, "Start").unwrap();
    let texts: Vec<&str> = edits.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["Start", "user-content-start"]);

    let dir = vault(&format!(
        "--- .notes-lsp.toml\nanchors = \"attributes\"\n{NOTES}"
    ));
    let (out, _) = check_output(dir.path());
    assert!(
        out.ends_with("3 diagnostics (broken-anchor: 3)\n"),
        "not on a static site: {out}"
    );
}

/// A link to the first of several same-text headings is how GitHub resolves it: no diagnostic
/// unless `ambiguous-anchor` is given a severity.
#[test]
fn ambiguous_anchor_is_off_by_default() {
    const NOTES: &str =
        "--- a.md\n# Commands\n[first](#echo) · [second](#echo-1) · [[a#echo]]\n## echo\n## echo\n";
    let dir = vault(NOTES);
    assert_eq!(
        check_output(dir.path()),
        (
            "1 files, 3 headings, 3 links, 0 diagnostics\n".to_string(),
            0
        )
    );
    let dir = vault(&format!(
        "--- .notes-lsp.toml\n[severity]\nambiguous-anchor = \"information\"\n{NOTES}"
    ));
    let (out, _) = check_output(dir.path());
    assert!(
        out.ends_with("2 diagnostics (ambiguous-anchor: 2)\n"),
        "{out}"
    );
}

/// Brackets in code written as prose are not links; real wiki links and references still are.
#[test]
fn code_like_brackets_are_not_links() {
    let dir = vault(
        "--- a.md\n# Python\nUse map(str, [[0], [1]]) and [0, 1][10:], or arr[i][j] and d[\"k\"][0].\n\n| test | meaning |\n|------|---------|\n| `test` | [[ $x < \"a\" ]] |\n\n[[b]] · [[nowhere]] · [docs][python] · [the spec][nodef] · [lone]\n\n[python]: https://docs.python.org\n--- b.md\n# B\n",
    );
    let (out, code) = check_output(dir.path());
    assert_eq!(
        out,
        "a.md:8:11: warning[unresolved-wiki-link]: No note named \"nowhere\" in the workspace
a.md:8:40: warning[undefined-reference]: No definition for reference [nodef]
2 files, 2 headings, 3 links, 2 diagnostics (undefined-reference: 1, unresolved-wiki-link: 1)
"
    );
    assert_eq!(code, 1);
}

/// Real-shaped notes (`tests/data/github-links/`): tables of contents with Cyrillic, emoji, `&`
/// and repeated headings, a translated README, front matter, sections between rules, code
/// written as prose, `#user-content-` and case-only fragments, and hand-written fragments GitHub
/// does not resolve. No false alarm, and every fragment that is broken on GitHub is a warning.
#[test]
fn real_shaped_vault_has_no_false_alarm_and_every_github_break_is_a_warning() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/github-links");
    let (out, code) = check_output(&dir);
    assert_eq!(
        out,
        "algorithms.md:4:12: warning[broken-anchor]: No heading #1.-Intro in this note; did you mean #1-intro?
algorithms.md:5:28: warning[broken-anchor]: No heading #heap-/-priority-queue in this note; did you mean #heap--priority-queue?
algorithms.md:6:20: warning[broken-anchor]: No heading #binary-serach in this note; did you mean #binary-search?
algorithms.md:7:14: warning[broken-anchor]: No heading #內容(CDN) in this note; did you mean #內容cdn?
algorithms.md:8:19: warning[broken-anchor]: No heading #what-is-oop? in README.md; did you mean #what-is-oop?
databases.md:30:17: information[non-canonical-anchor]: #Replication differs from #replication only in letter case: GitHub's page view finds it, other renderers (VS Code preview, static sites) do not
databases.md:30:47: information[non-canonical-anchor]: #ACID--BASE differs from #acid--base only in letter case: GitHub's page view finds it, other renderers (VS Code preview, static sites) do not
databases.md:30:81: information[non-canonical-anchor]: #List-Slicing differs from #list-slicing only in letter case: GitHub's page view finds it, other renderers (VS Code preview, static sites) do not
5 files, 41 headings, 51 links, 8 diagnostics (broken-anchor: 5, non-canonical-anchor: 3)
"
    );
    assert_eq!(code, 1);
}

/// The user's real notes: every one of the 77 links of the table of contents resolves on
/// GitHub, and the only diagnostics are the gaps.
#[test]
fn real_notes_table_of_contents_raises_nothing() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/real-notes");
    let (out, _) = check_output(&dir);
    let lines: Vec<&str> = out.lines().collect();
    let (summary, found) = lines.split_last().unwrap();
    assert!(
        found.iter().all(|l| l.contains(": warning[unanswered]: ")),
        "{out}"
    );
    assert!(summary.ends_with("(unanswered: 8)"), "{summary}");
    let toc = std::fs::read_to_string(dir.join("interview-questions.md")).unwrap();
    assert_eq!(toc.matches("](#").count(), 77);
}
