//! The live tree-sitter-md tree of an open document, and the inline nodes around a place in it,
//! for editor features that need the shape of half-typed text (completion context, folding,
//! selection: see `features/`).
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

    /// The block tree as last parsed, when no edit came since.
    pub fn current(&self) -> Option<&Tree> {
        self.tree.as_ref().filter(|_| !self.stale)
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

/// The most inline text parsed at once: tree-sitter's inline grammar takes superlinear time on
/// long text (20,000 nested `*` take seconds, a 5 MB line as long), so a longer paragraph is
/// read from the line around the cursor, and a longer line from this much around the cursor.
/// An inline element that starts outside the window is not seen.
pub const INLINE_WINDOW: usize = 4 * 1024;

/// The part of `text[start..end]` to read for `offset`: all of it when it is at most
/// [`INLINE_WINDOW`] bytes, else the line around `offset` when that is, else
/// [`INLINE_WINDOW`] bytes of that line around `offset`; on character boundaries.
pub fn window_around(text: &str, start: usize, end: usize, offset: usize) -> (usize, usize) {
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
pub fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Kinds of the inline nodes (parsed fresh, in the window around `offset`) around `offset`
/// inside an `inline` block node, innermost first, each with its span.
pub fn inline_nodes_at(inline: Node<'_>, text: &str, offset: usize) -> Vec<(String, Span)> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_line_longer_than_the_window_is_read_around_the_offset() {
        let long = format!(
            "{}`a ](b` {}",
            "x ".repeat(INLINE_WINDOW),
            "y ".repeat(INLINE_WINDOW)
        );
        assert_eq!(window_around(&long, 0, long.len(), 3), (0, INLINE_WINDOW));
        let end = window_around(&long, 0, long.len(), long.len());
        assert_eq!(end, (long.len() - INLINE_WINDOW, long.len()));
    }
}
