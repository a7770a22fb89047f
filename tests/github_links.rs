//! Link diagnostics exactly as GitHub renders the notes, on small vaults written in strings and
//! on real-shaped notes in `tests/data/`.

mod common;
use common::{check_output, vault};
use notes_lsp::cli::load_dir;
use notes_lsp::features::completion::complete;
use notes_lsp::features::diagnostics::diagnose;
use notes_lsp::features::rename::rename_heading;

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

        let found: Vec<String> = diagnose(&workspace, &path)
            .into_iter()
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(&format!("broken-anchor: No heading {broken} ")),
            "{found:?}"
        );

        let typed = "[x](#";
        let completion = complete(&workspace, &path, typed, typed.len()).unwrap();
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
