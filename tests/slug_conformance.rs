//! Every heading → slug pair GitHub itself produced (github-slugger's fixtures), in order, through
//! one slugger, as GitHub numbers repeats within a document.

use notes_lsp::syntax::slug::Slugger;

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
