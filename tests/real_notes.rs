//! Term answers on the user's real notes (`tests/data/real-notes/`, copied unchanged): the
//! advertised terms answer from where the notes define them, and gaps show the answer another
//! note holds, across languages.

use notes_lsp::features::diagnostics::diagnose;
use notes_lsp::features::hover::hover;
use notes_lsp::features::terms::definitions_of;
use notes_lsp::workspace::Workspace;
use std::path::{Path, PathBuf};

fn real_notes() -> (PathBuf, Workspace) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/real-notes");
    let (ws, _) = notes_lsp::cli::load_dir(&root);
    (root, ws)
}

/// `file:line` of the best definition of `term`.
fn best(ws: &Workspace, root: &Path, term: &str) -> String {
    let defs = definitions_of(ws, term);
    let d = defs
        .first()
        .unwrap_or_else(|| panic!("no definition of {term}"));
    let (note, def) = ws.definition(d).unwrap();
    let line = note.source.line_of(def.span.start as usize) + 1;
    let file = d.path.strip_prefix(root).unwrap().display();
    format!("{file}:{line}")
}

#[test]
fn advertised_terms_answer_from_where_the_notes_define_them() {
    let (root, ws) = real_notes();
    for (term, place) in [
        ("GIL", "python-qa.md:1"),
        ("CAP", "interview-questions.md:1210"),
        ("N+1", "interview-questions.md:1146"),
        ("Singleton", "interview-questions.md:425"),
        ("CI/CD", "backend-topics.md:186"),
        ("Нормализация", "python-django-bd.md:143"),
        ("генераторы", "python-django-bd.md:29"),
    ] {
        assert_eq!(best(&ws, &root, term), place, "{term}");
    }
    // A longer heading that only starts with a word does not define it.
    let python = definitions_of(&ws, "Python");
    assert!(python.iter().all(|d| {
        let (_, def) = ws.definition(d).unwrap();
        !def.term.contains("Lists")
    }));
}

/// Byte offset of the first `needle` in `file`, one byte in.
fn offset(root: &Path, file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    text.find(needle).unwrap() + 1
}

#[test]
fn a_gap_hover_shows_the_answer_another_note_holds_even_in_the_other_language() {
    let (root, ws) = real_notes();
    let file = root.join("python-django-bd.md");
    let gil = hover(
        &ws,
        &file,
        offset(&root, "python-django-bd.md", "- GIL\n") + 1,
        &ws.config().hover,
    )
    .unwrap();
    assert!(gil.markdown.contains("Unanswered here"), "{}", gil.markdown);
    assert!(gil.markdown.contains("python-qa.md"), "{}", gil.markdown);
    assert!(gil.markdown.contains("GIL is a lock"), "{}", gil.markdown);
    let at = offset(&root, "python-django-bd.md", "- Шардирование") + 2;
    let sharding = hover(&ws, &file, at, &ws.config().hover).unwrap();
    assert!(
        sharding.markdown.contains("Sharding is a method"),
        "{}",
        sharding.markdown
    );
}

#[test]
fn unanswered_diagnostics_say_where_the_answer_is() {
    let (root, ws) = real_notes();
    let file = root.join("python-django-bd.md");
    let found = diagnose(&ws, &file, &ws.config().severity);
    let message = |question: &str| {
        found
            .iter()
            .find(|d| d.message.contains(&format!("\"{question}\"")))
            .map(|d| d.message.clone())
            .unwrap_or_default()
    };
    assert!(message("GIL").contains("answered in python-qa.md"));
    assert!(message("Шардирование").contains("answered in python-qa.md"));
    assert_eq!(
        found
            .iter()
            .filter(|d| d.code.name() == "unanswered")
            .count(),
        8
    );
}
