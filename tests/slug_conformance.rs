//! Every heading → slug pair GitHub itself produced (github-slugger's fixtures), in order, through
//! one slugger, as GitHub numbers repeats within a document.

use notes_lsp::syntax::slug::Slugger;
use notes_lsp::syntax::{parse_note, ParseOptions};

#[test]
fn github_slugger_fixtures_pass_in_full() {
    let data = include_str!("data/github-slugger-fixtures.json");
    let cases: Vec<serde_json::Value> = serde_json::from_str(data).unwrap();
    assert!(cases.len() > 70);
    let mut slugger = Slugger::default();
    let mut failures = Vec::new();
    for case in &cases {
        let input = case["input"].as_str().unwrap();
        let expected = case["expected"].as_str().unwrap();
        let got = slugger.slug(input);
        if got != expected {
            failures.push(format!(
                "{}: expected {expected:?}, got {got:?}",
                case["name"]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The same fixtures written as markdown headings (`# input` with ASCII punctuation escaped, or
/// the fixture's own markdown where it spells characters as entities, such as `# &#x20;a`), in
/// one document: every heading the parser extracts has GitHub's slug.
#[test]
fn github_slugger_fixtures_pass_as_markdown_headings() {
    let data = include_str!("data/github-slugger-fixtures.json");
    let cases: Vec<serde_json::Value> = serde_json::from_str(data).unwrap();
    let markdown: Vec<String> = cases
        .iter()
        .map(|case| match case["markdownOverwrite"].as_str() {
            Some(markdown) => markdown.to_string(),
            None => format!("# {}", escaped(case["input"].as_str().unwrap())),
        })
        .collect();
    let note = parse_note(&markdown.join("\n\n"), &ParseOptions::default());
    assert_eq!(note.headings.len(), cases.len());
    let failures: Vec<String> = cases
        .iter()
        .zip(&note.headings)
        .filter(|(case, heading)| *heading.slug != *case["expected"].as_str().unwrap())
        .map(|(case, heading)| format!("{}: got {:?}", case["name"], heading.slug))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `text` with every ASCII punctuation character backslash-escaped, so that it renders as itself.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
