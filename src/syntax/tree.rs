//! The live tree-sitter-md tree of an open document, for editor features that need the shape of
//! half-typed text (completion context, folding, selection).
//!
//! Only the block tree is kept and edited incrementally; inline content is parsed fresh when a
//! feature asks about it (incremental inline trees can differ from a fresh parse). The index never
//! comes from here: pulldown-cmark is the extraction parser.

use super::Span;
use tree_sitter::{InputEdit, Node, Parser, Point, Tree};

/// An open document's block tree, kept in step with edits and re-parsed when asked.
#[derive(Default)]
pub struct LiveTree {
    tree: Option<Tree>,
    stale: bool,
}

impl Clone for LiveTree {
    fn clone(&self) -> Self {
        LiveTree {
            tree: self.tree.clone(),
            stale: self.stale,
        }
    }
}

impl std::fmt::Debug for LiveTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveTree")
            .field("stale", &self.stale)
            .finish()
    }
}

fn parser(inline: bool) -> Option<Parser> {
    let mut parser = Parser::new();
    let language = if inline {
        tree_sitter_md::INLINE_LANGUAGE
    } else {
        tree_sitter_md::LANGUAGE
    };
    parser.set_language(&language.into()).ok()?;
    Some(parser)
}

/// A fresh block tree of `text`.
pub fn parse_blocks(text: &str) -> Option<Tree> {
    parser(false)?.parse(text, None)
}

impl LiveTree {
    /// Records an edit (byte offsets and row/byte-column points, before and after).
    pub fn edit(&mut self, edit: &InputEdit) {
        if let Some(tree) = &mut self.tree {
            tree.edit(edit);
        }
        self.stale = true;
    }

    /// The block tree of `text` (the document's current text), re-parsed incrementally if edits
    /// arrived since the last parse.
    pub fn tree(&mut self, text: &str) -> Option<&Tree> {
        if self.tree.is_none() || self.stale {
            self.tree = parser(false)?.parse(text, self.tree.as_ref());
            self.stale = false;
        }
        self.tree.as_ref()
    }
}

/// The row and byte column of `offset`, as tree-sitter counts them (rows end at `\n`).
pub fn point(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let column = before.len()
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
    Point { row, column }
}

const CODE_BLOCKS: &[&str] = &["fenced_code_block", "indented_code_block", "html_block"];

/// Whether `offset` is inside code: a code block, HTML block, front matter or a code span.
pub fn in_code(tree: &Tree, text: &str, offset: usize) -> bool {
    let Some(node) = tree.root_node().descendant_for_byte_range(offset, offset) else {
        return false;
    };
    let mut n = Some(node);
    while let Some(current) = n {
        let kind = current.kind();
        if CODE_BLOCKS.contains(&kind) || kind.ends_with("_metadata") {
            return true;
        }
        if kind == "inline" {
            return inline_kinds_at(current, text, offset)
                .iter()
                .any(|k| k == "code_span");
        }
        n = current.parent();
    }
    false
}

/// The most inline text parsed at once: tree-sitter's inline grammar takes superlinear time on
/// long text (20,000 nested `*` take seconds, a 5 MB line as long), so a longer paragraph is
/// read from the line around the cursor, and a longer line from this much around the cursor.
/// An inline element that starts outside the window is not seen.
pub const INLINE_WINDOW: usize = 4 * 1024;

/// The part of `text[start..end]` to read for `offset`: all of it when it is at most
/// [`INLINE_WINDOW`] bytes, else the line around `offset` when that is, else
/// [`INLINE_WINDOW`] bytes of that line around `offset`; on character boundaries.
fn window_around(text: &str, start: usize, end: usize, offset: usize) -> (usize, usize) {
    if end - start <= INLINE_WINDOW {
        return (start, end);
    }
    let offset = floor_boundary(text, offset.clamp(start, end));
    let line_start = text[start..offset]
        .rfind('\n')
        .map_or(start, |i| start + i + 1);
    let line_end = text[offset..end].find('\n').map_or(end, |i| offset + i);
    if line_end - line_start <= INLINE_WINDOW {
        return (line_start, line_end);
    }
    let from = offset.saturating_sub(INLINE_WINDOW / 2).max(line_start);
    let to = floor_boundary(text, (from + INLINE_WINDOW).min(line_end));
    let from = to.saturating_sub(INLINE_WINDOW).max(line_start);
    (ceil_boundary(text, from), to)
}

/// `at`, moved on to the start of the next character unless it is at one.
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// `at`, moved back to the start of its character.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Kinds of the inline nodes (parsed fresh, in the window around `offset`) around `offset`
/// inside an `inline` block node, innermost first, each with its span.
fn inline_nodes_at(inline: Node<'_>, text: &str, offset: usize) -> Vec<(String, Span)> {
    let (start, end) = window_around(
        text,
        inline.start_byte().min(text.len()),
        inline.end_byte().min(text.len()),
        offset,
    );
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    let Some(tree) = parser(true).and_then(|mut p| p.parse(slice, None)) else {
        return Vec::new();
    };
    let local = offset.saturating_sub(start);
    let mut out = Vec::new();
    let mut n = tree.root_node().descendant_for_byte_range(local, local);
    while let Some(node) = n {
        if node.is_named() && node.parent().is_some() {
            out.push((
                node.kind().to_string(),
                Span::new(start + node.start_byte(), start + node.end_byte()),
            ));
        }
        n = node.parent();
    }
    out
}

fn inline_kinds_at(inline: Node<'_>, text: &str, offset: usize) -> Vec<String> {
    inline_nodes_at(inline, text, offset)
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}

/// What a folding range covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    /// A section, list or quote.
    Region,
    /// Front matter.
    FrontMatter,
    /// A code block.
    Code,
}

/// Foldable blocks: sections, lists, block quotes, code blocks, front matter, tables.
pub fn folds(tree: &Tree) -> Vec<(Span, FoldKind)> {
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        let kind = match node.kind() {
            "section" | "list" | "block_quote" | "pipe_table" | "list_item" => {
                Some(FoldKind::Region)
            }
            "fenced_code_block" | "indented_code_block" | "html_block" => Some(FoldKind::Code),
            k if k.ends_with("_metadata") => Some(FoldKind::FrontMatter),
            _ => None,
        };
        let spans_lines = node.end_position().row > node.start_position().row + 1;
        if let (Some(kind), true) = (kind, spans_lines) {
            out.push((Span::new(node.start_byte(), node.end_byte()), kind));
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor));
    }
    out.sort_by_key(|(s, _)| *s);
    out
}

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
    for (s, e) in super::term_words(&text[line_start..line_end]) {
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

    #[test]
    fn code_is_recognised_in_blocks_and_spans() {
        let text = "# T\n\nSee `x ](` and [a](b).\n\n```\n](\n```\n";
        let tree = parse_blocks(text).unwrap();
        assert!(in_code(&tree, text, text.find("x ](").unwrap() + 1));
        assert!(!in_code(&tree, text, text.find("[a]").unwrap() + 1));
        assert!(in_code(&tree, text, text.find("](\n```").unwrap()));
    }

    #[test]
    fn long_inline_text_is_read_around_the_cursor() {
        // A paragraph longer than the window: its cursor's line is read whole.
        let filler = "plain words here\n".repeat(INLINE_WINDOW / 8);
        let text = format!("{filler}see `code ](` and **bold**\n{filler}");
        let tree = parse_blocks(&text).unwrap();
        let at = text.find("code ](").unwrap() + 5;
        assert!(in_code(&tree, &text, at));
        let at = text.find("bold").unwrap() + 1;
        let spans: Vec<&str> = selection(&tree, &text, at)
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(spans[..2], ["bold", "**bold**"]);
        // A line longer than the window: the window around the cursor.
        let long = format!(
            "{}`a ](b` {}",
            "x ".repeat(INLINE_WINDOW),
            "y ".repeat(INLINE_WINDOW)
        );
        let tree = parse_blocks(&long).unwrap();
        assert!(in_code(&tree, &long, long.find("](b").unwrap()));
        assert_eq!(window_around(&long, 0, long.len(), 3), (0, INLINE_WINDOW));
        let end = window_around(&long, 0, long.len(), long.len());
        assert_eq!(end, (long.len() - INLINE_WINDOW, long.len()));
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

    #[test]
    fn windows_fall_on_character_boundaries() {
        let text = "ж".repeat(INLINE_WINDOW);
        for offset in [0, 1, 2, 3, INLINE_WINDOW + 1, text.len() - 1, text.len()] {
            let (from, to) = window_around(&text, 0, text.len(), offset);
            assert!(text.is_char_boundary(from) && text.is_char_boundary(to));
            assert!(to - from <= INLINE_WINDOW);
            let at = floor_boundary(&text, offset);
            assert!(from <= at && at <= to, "{offset}: {from}..{to}");
        }
    }

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
}
