//! Folding ranges of an open document, from its live tree: sections, lists, quotes, tables,
//! code blocks and front matter, as whole lines.

use crate::syntax::Span;
use crate::text::Source;
use tree_sitter::Tree;

/// What a folding range covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    /// A section, list, quote or table.
    Region,
    /// Front matter.
    FrontMatter,
    /// A code block.
    Code,
}

/// A foldable block, and the run of lines it folds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    /// The block.
    pub span: Span,
    /// Zero-based first line (it stays visible when folded).
    pub start_line: u32,
    /// Zero-based last line, after `start_line`.
    pub end_line: u32,
    /// What it covers.
    pub kind: FoldKind,
}

/// The kind of fold a block node is, if it is one.
fn fold_kind(kind: &str) -> Option<FoldKind> {
    match kind {
        "section" | "list" | "block_quote" | "pipe_table" | "list_item" => Some(FoldKind::Region),
        "fenced_code_block" | "indented_code_block" | "html_block" => Some(FoldKind::Code),
        k if k.ends_with("_metadata") => Some(FoldKind::FrontMatter),
        _ => None,
    }
}

/// Every foldable block of `source` (whose block tree is `tree`), in text order. A block that
/// ends at the start of a line, or in its indentation (where the next list item starts), ends
/// on the line before; blocks of one line do not fold.
pub fn folding_ranges(tree: &Tree, source: &Source) -> Vec<Fold> {
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if let Some(kind) = fold_kind(node.kind()) {
            let start_line = source.line_of(node.start_byte()) as u32;
            let end = node.end_byte().min(source.text().len());
            let mut end_line = source.line_of(end) as u32;
            let line_start = source.line_range(end_line as usize).start.min(end);
            if source.text()[line_start..end].trim().is_empty() && end_line > start_line {
                end_line -= 1;
            }
            if end_line > start_line {
                out.push(Fold {
                    span: Span::new(node.start_byte(), node.end_byte()),
                    start_line,
                    end_line,
                    kind,
                });
            }
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor));
    }
    out.sort_by_key(|fold| fold.span);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::tree::parse_blocks;

    #[test]
    fn blocks_fold_as_whole_lines() {
        let text = "---\ntitle: x\n---\n# A\n\ntext\n\n- one\n- two\n\n```\ncode\n```\n# B\nlast\n";
        let tree = parse_blocks(text).unwrap();
        let folds: Vec<(u32, u32, FoldKind)> = folding_ranges(&tree, &Source::new(text))
            .into_iter()
            .map(|f| (f.start_line, f.end_line, f.kind))
            .collect();
        assert!(folds.contains(&(0, 2, FoldKind::FrontMatter)), "{folds:?}");
        assert!(folds.contains(&(3, 12, FoldKind::Region)), "{folds:?}");
        assert!(folds.contains(&(7, 9, FoldKind::Region)), "{folds:?}");
        assert!(folds.contains(&(10, 12, FoldKind::Code)), "{folds:?}");
        assert!(folds.iter().all(|&(s, e, _)| e > s));
        assert!(folds.contains(&(13, 14, FoldKind::Region)), "{folds:?}");
        assert!(
            !folds.iter().any(|&(s, ..)| s == 5),
            "a paragraph: {folds:?}"
        );
    }
}
