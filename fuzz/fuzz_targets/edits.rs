//! Random incremental edits of an open document: its text is the text the same edits give
//! applied at the offsets the note's positions name, and its incrementally edited block tree
//! is the tree a fresh parse of the final text gives.

#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use notes_lsp::syntax::tree::parse_blocks;
use notes_lsp::server::document::Document;
use notes_lsp::text::{Encoding, LineCol, Source};

fn position(u: &mut Unstructured) -> Result<LineCol> {
    Ok(LineCol {
        line: u.int_in_range(0..=12)?,
        col: u.int_in_range(0..=40)?,
    })
}

fn run(u: &mut Unstructured) -> Result<()> {
    let start: String = u.arbitrary()?;
    let encoding = if u.arbitrary()? {
        Encoding::Utf16
    } else {
        Encoding::Utf8
    };
    let mut document = Document::new(&start, 1);
    let mut model = start;
    let _ = document.text_and_tree();
    for _ in 0..u.int_in_range(1..=8)? {
        let (from, to) = (position(u)?, position(u)?);
        let insert: String = u.arbitrary()?;
        let source = Source::new(model.as_str());
        let start = source.offset(from, encoding);
        let end = source.offset(to, encoding).max(start);
        model.replace_range(start..end, &insert);
        document.apply_change(Some((from, to)), &insert, encoding);
        if u.arbitrary()? {
            // Parse now and then, so that the tree is edited across several edits too.
            let _ = document.text_and_tree();
        }
    }
    let (text, tree) = document.text_and_tree();
    assert_eq!(text, model);
    let fresh = parse_blocks(&text).map(|t| t.root_node().to_sexp());
    assert_eq!(tree.map(|t| t.root_node().to_sexp()), fresh, "{text:?}");
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
