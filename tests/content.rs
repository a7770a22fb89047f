//! The bundled knowledge base: `check content` reports exactly the diagnostics its README
//! promises, and every listed topic has a term whose hover answers.

use std::collections::BTreeSet;
use std::path::Path;

fn content() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content").leak()
}

#[test]
fn check_reports_exactly_the_promised_diagnostics() {
    let mut out = Vec::new();
    let code = notes_lsp::cli::check(content(), notes_lsp::cli::Format::Json, &mut out);
    assert_eq!(code, 1, "the deliberate gaps are warnings");
    let root = format!("{}/", content().display());
    let found: BTreeSet<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v.get("code").is_some())
        .map(|v| {
            let path = v["path"].as_str().unwrap().replace(&root, "");
            format!("{path}:{}: {}", v["line"], v["code"].as_str().unwrap())
        })
        .collect();
    let promised: BTreeSet<String> = include_str!("fixtures/content-diagnostics.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(found, promised);
}

#[test]
fn every_listed_term_has_an_answer() {
    let (workspace, _) = notes_lsp::cli::load_dir(content());
    let terms = include_str!("fixtures/content-terms.txt");
    let mut unanswered = Vec::new();
    for term in terms.lines().map(str::trim).filter(|t| !t.is_empty()) {
        let defs = notes_lsp::features::terms::definitions_of(&workspace, term);
        if notes_lsp::features::hover::answer_markdown(&workspace, &defs, false).is_none() {
            unanswered.push(term);
        }
    }
    assert!(terms.lines().count() >= 40);
    assert!(unanswered.is_empty(), "no answer for {unanswered:?}");
}

#[test]
fn the_issue_terms_answer_from_their_own_notes() {
    let (workspace, _) = notes_lsp::cli::load_dir(content());
    for (term, note) in [
        ("GIL", "python/gil.md"),
        ("ACID", "databases/acid.md"),
        ("CAP", "databases/cap-theorem.md"),
        ("BASE", "databases/base.md"),
        ("SOLID", "design/solid.md"),
        ("OOP", "design/oop.md"),
        ("N+1", "n-plus-one.md"),
        ("Шардирование", "ru/databases.md"),
    ] {
        let defs = notes_lsp::features::terms::definitions_of(&workspace, term);
        let text = notes_lsp::features::hover::answer_markdown(&workspace, &defs, false)
            .unwrap_or_else(|| panic!("no answer for {term}"));
        assert!(
            text.contains(note),
            "{term}: expected the answer from {note}:\n{text}"
        );
    }
}
