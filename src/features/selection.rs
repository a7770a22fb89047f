//! Selection ranges of an open document, from its live tree: from the word under the cursor out
//! to the whole document.

use crate::syntax::term_words;
use crate::syntax::tree::{floor_boundary, inline_nodes_at, window_around};
use crate::syntax::Span;
use tree_sitter::Tree;

/// The most spans a selection holds: the innermost and outermost of a deeper one are kept, so
/// that 10,000 nested emphasis markers give a chain a client can read.
pub const MAX_SELECTION: usize = 64;

/// Ever larger spans around `offset`: the word, inline elements (code span, link, emphasis),
/// the inline text, then each enclosing block (paragraph, item, list, section) up to the
/// document. Innermost first, each strictly larger than the one before; at most
/// [`MAX_SELECTION`] (the innermost three quarters and the outermost quarter of them).
pub fn selection(tree: &Tree, text: &str, offset: usize) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let offset = floor_boundary(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let (line_start, line_end) = window_around(text, line_start, line_end, offset);
    for (s, e) in term_words(&text[line_start..line_end]) {
        if line_start + s <= offset && offset <= line_start + e {
            spans.push(Span::new(line_start + s, line_start + e));
        }
    }
    let mut blocks = Vec::new();
    let mut n = tree.root_node().descendant_for_byte_range(offset, offset);
    while let Some(node) = n {
        if node.kind() == "inline" {
            spans.extend(
                inline_nodes_at(node, text, offset)
                    .into_iter()
                    .map(|(_, s)| s),
            );
        }
        if node.is_named() {
            blocks.push(Span::new(node.start_byte(), node.end_byte()));
        }
        n = node.parent();
    }
    spans.extend(blocks);
    let mut out: Vec<Span> = Vec::new();
    for span in spans {
        let trimmed = trim_span(text, span);
        if out.last().is_none_or(|last| {
            trimmed.start <= last.start && trimmed.end >= last.end && trimmed != *last
        }) {
            out.push(trimmed);
        }
    }
    if out.len() > MAX_SELECTION {
        let outer = MAX_SELECTION / 4;
        out.drain(MAX_SELECTION - outer..out.len() - outer);
    }
    out
}

/// A span without its trailing line breaks.
fn trim_span(text: &str, span: Span) -> Span {
    let slice = &text[span.range()];
    let trimmed = slice.trim_end_matches(['\n', '\r']);
    Span::new(span.start as usize, span.start as usize + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::tree::{parse_blocks, INLINE_WINDOW};

    #[test]
    fn selection_grows_from_word_to_document() {
        let text = "# Title\n\n- item with **bold word** here\n- second\n";
        let tree = parse_blocks(text).unwrap();
        let at = text.find("word").unwrap() + 1;
        let spans: Vec<&str> = selection(&tree, text, at)
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(spans[0], "word");
        assert!(spans.contains(&"**bold word**"));
        assert!(spans.contains(&"- item with **bold word** here"));
        assert_eq!(*spans.last().unwrap(), text.trim_end());
    }

    #[test]
    fn long_inline_text_is_read_around_the_cursor() {
        let filler = "plain words here\n".repeat(INLINE_WINDOW / 8);
        let text = format!("{filler}see `code ](` and **bold**\n{filler}");
        let tree = parse_blocks(&text).unwrap();
        let at = text.find("bold").unwrap() + 1;
        let spans: Vec<&str> = selection(&tree, &text, at)
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(spans[..2], ["bold", "**bold**"]);
    }

    #[test]
    fn deep_nesting_gives_a_bounded_selection_from_word_to_document() {
        let text = format!("# T\n\n{}x{}\n", "*".repeat(2_000), "*".repeat(2_000));
        let tree = parse_blocks(&text).unwrap();
        let spans = selection(&tree, &text, text.find('x').unwrap());
        assert_eq!(spans.len(), MAX_SELECTION);
        assert_eq!(&text[spans[0].range()], "x");
        assert_eq!(spans.last().unwrap().range(), 0..text.len() - 1);
        assert!(spans
            .windows(2)
            .all(|w| w[1].start <= w[0].start && w[1].end >= w[0].end && w[0] != w[1]));
    }
}
