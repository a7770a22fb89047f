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

/// Kinds of the inline nodes (parsed fresh) around `offset` inside an `inline` block node,
/// innermost first, each with its span.
fn inline_nodes_at(inline: Node<'_>, text: &str, offset: usize) -> Vec<(String, Span)> {
    let (start, end) = (inline.start_byte(), inline.end_byte());
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

/// Ever larger spans around `offset`: the word, inline elements (code span, link, emphasis),
/// the inline text, then each enclosing block (paragraph, item, list, section) up to the
/// document. Innermost first, each strictly larger than the one before.
pub fn selection(tree: &Tree, text: &str, offset: usize) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let line_start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
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
