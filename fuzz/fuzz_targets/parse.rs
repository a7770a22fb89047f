//! Parse and extract any bytes as a note (invalid UTF-8 replaced, as the server reads files):
//! nothing panics, and every span the note reports lies on character boundaries of its text.
//! The live tree's features (code detection, selection) run at a point of it too.

#![no_main]

use libfuzzer_sys::fuzz_target;
use notes_lsp::config::Config;
use notes_lsp::features::folding::folding_ranges;
use notes_lsp::features::in_code::in_code;
use notes_lsp::features::selection::selection;
use notes_lsp::syntax::tree::parse_blocks;
use notes_lsp::syntax::Span;
use notes_lsp::text::Source;
use notes_lsp::workspace::Workspace;
use std::sync::OnceLock;

fn workspace() -> &'static Workspace {
    static WORKSPACE: OnceLock<Workspace> = OnceLock::new();
    WORKSPACE.get_or_init(|| Workspace::new(Vec::new(), Config::default()))
}

fn check(text: &str, span: Span) {
    let range = span.range();
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{span:?}"
    );
    assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let note = workspace().parse(&text);
    for heading in &note.headings {
        check(&text, heading.span);
    }
    for link in &note.links {
        check(&text, link.span);
        check(&text, link.dest_span);
    }
    for code in &note.code {
        check(&text, *code);
    }
    if let Some(tree) = parse_blocks(&text) {
        let _ = folding_ranges(&tree, &Source::new(&*text));
        let at = data.first().map_or(0, |&b| b as usize * text.len() / 255);
        let at = (0..=at)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let _ = in_code(&tree, &text, at);
        for span in selection(&tree, &text, at) {
            check(&text, span);
        }
    }
});
