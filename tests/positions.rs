//! Property tests of the one place positions convert (`notes_lsp::text`): UTF-16 and UTF-8
//! columns over Cyrillic, emoji, combining marks, CJK and every kind of line break, on short
//! lines and on lines long enough to be converted through marks; the open document's edits
//! land where the note's positions say.

use notes_lsp::server::document::Document;
use notes_lsp::text::{Encoding, LineCol, Source};
use proptest::prelude::*;

/// Pieces of text that make conversions hard.
const PIECES: &[&str] = &[
    "a", "Z", " ", "-", "ж", "Шард", "🚀", "👍🏽", "e\u{301}", "\u{301}", "中文", "𝒳", "\t", "\n",
    "\r\n", "\r",
];

fn text() -> impl Strategy<Value = String> {
    let short = prop::collection::vec(prop::sample::select(PIECES), 0..80)
        .prop_map(|pieces| pieces.concat());
    // A line several marks long, with a few other pieces around it.
    let long = (
        prop::collection::vec(prop::sample::select(PIECES), 0..6),
        prop::sample::select(&PIECES[..12]),
        1_000..5_000usize,
        prop::collection::vec(prop::sample::select(PIECES), 0..6),
    )
        .prop_map(|(before, piece, n, after)| {
            format!("{}{}{}", before.concat(), piece.repeat(n), after.concat())
        });
    prop_oneof![3 => short, 1 => long]
}

fn encoding() -> impl Strategy<Value = Encoding> {
    prop_oneof![Just(Encoding::Utf16), Just(Encoding::Utf8)]
}

/// The position of `offset` counted naively from the start of the text.
fn model_position(text: &str, offset: usize, encoding: Encoding) -> LineCol {
    let (mut line, mut start) = (0, 0);
    for (i, c) in text[..offset].char_indices() {
        let crlf = c == '\r' && text[i + 1..].starts_with('\n');
        if c == '\n' || (c == '\r' && !crlf) {
            line += 1;
            start = i + 1;
        }
    }
    let before = &text[start..offset];
    let col = match encoding {
        Encoding::Utf8 => before.len(),
        Encoding::Utf16 => before.encode_utf16().count(),
    };
    LineCol {
        line,
        col: col as u32,
    }
}

/// Some character boundaries of `text` (all of them when it is short).
fn boundaries(text: &str, picks: &[usize]) -> Vec<usize> {
    let all: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    if all.len() <= 200 {
        return all;
    }
    picks.iter().map(|p| all[p % all.len()]).collect()
}

fn inside_crlf(text: &str, offset: usize) -> bool {
    offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn positions_count_code_units_from_the_line_start(
        text in text(),
        encoding in encoding(),
        picks in prop::collection::vec(any::<usize>(), 40),
    ) {
        let source = Source::new(text.as_str());
        for offset in boundaries(&text, &picks) {
            let position = source.line_col(offset, encoding);
            prop_assert_eq!(position, model_position(&text, offset, encoding), "{}", offset);
            if !inside_crlf(&text, offset) {
                prop_assert_eq!(source.offset(position, encoding), offset);
            }
        }
    }

    #[test]
    fn any_position_lands_on_a_character_boundary_at_or_before_it(
        text in text(),
        encoding in encoding(),
        positions in prop::collection::vec((0..40u32, 0..12_000u32), 20),
    ) {
        let source = Source::new(text.as_str());
        for (line, col) in positions {
            let wanted = LineCol { line, col };
            let offset = source.offset(wanted, encoding);
            prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
            let landed = source.line_col(offset, encoding);
            prop_assert!(landed.line <= wanted.line);
            // A column inside a character lands after it.
            let inside = match encoding {
                Encoding::Utf8 => 3,
                Encoding::Utf16 => 1,
            };
            prop_assert!(landed.line < wanted.line || landed.col <= wanted.col + inside);
        }
    }

    #[test]
    fn document_edits_land_where_the_note_positions_say(
        text in text(),
        encoding in encoding(),
        edits in prop::collection::vec(
            ((0..30u32, 0..9_000u32), (0..30u32, 0..9_000u32), prop::sample::select(PIECES)),
            1..6,
        ),
    ) {
        let mut document = Document::new(&text, 1);
        let mut model = text.clone();
        for (start, end, insert) in edits {
            let start = LineCol { line: start.0, col: start.1 };
            let end = LineCol { line: end.0, col: end.1 };
            let source = Source::new(model.as_str());
            let from = source.offset(start, encoding);
            let to = source.offset(end, encoding).max(from);
            model.replace_range(from..to, insert);
            document.apply_change(Some((start, end)), insert, encoding);
            prop_assert_eq!(document.text(), model.clone());
        }
    }
}
