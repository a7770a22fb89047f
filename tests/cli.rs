//! The command-line front end, run as a user runs it.

use std::process::Command;

fn run(args: &[&str]) -> (String, i32) {
    let content = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
    let output = Command::new(env!("CARGO_BIN_EXE_notes-lsp"))
        .args(args)
        .arg(content)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout)
        .unwrap()
        .replace(content, "content");
    (text, output.status.code().unwrap())
}

#[test]
fn define_prints_the_hover_answer() {
    let (out, code) = run(&["define", "GIL"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("**GIL**"), "{out}");
    assert!(out.contains("Source: [python/gil.md › GIL"), "{out}");
    let (_, code) = run(&["define", "no-such-term-anywhere"]);
    assert_eq!(code, 1);
}

#[test]
fn define_links_absolute_file_uris_from_a_relative_folder() {
    let output = Command::new(env!("CARGO_BIN_EXE_notes-lsp"))
        .args(["define", "GIL", "content"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(out.contains("](file:///"), "{out}");
    assert!(!out.contains("file://content"), "{out}");
}

#[test]
fn search_prints_ranked_hits_with_path_and_line() {
    let (out, code) = run(&["search", "шардирование"]);
    assert_eq!(code, 0);
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("content/ru/databases.md:"), "{out}");
    let (out, _) = run(&["search", "Isolation levels"]);
    assert!(
        out.starts_with("content/databases/isolation-levels.md:1: Isolation levels"),
        "{out}"
    );
}

#[test]
fn check_json_ends_with_a_summary() {
    let (out, code) = run(&["check", "--format", "json"]);
    assert_eq!(code, 1);
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(last["summary"]["diagnostics"], 6);
    assert_eq!(last["summary"]["files"], 67);
}
