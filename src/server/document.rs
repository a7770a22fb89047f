//! An open document: its text as a rope, edited in place as the editor sends changes, with its
//! live block tree. Positions convert in `text.rs`.

use crate::syntax::tree::LiveTree;
use crate::text::{rope_char_index, Encoding, LineCol};
use ropey::Rope;
use tree_sitter::{InputEdit, Point, Tree};

/// An open document's text, edited in place as the editor sends changes, with its live
/// syntax tree.
#[derive(Clone, Debug)]
pub struct Document {
    rope: Rope,
    /// The editor's version of the text.
    pub version: i32,
    /// The version whose extraction the workspace holds (`None` before the first).
    pub extracted: Option<i32>,
    /// Whether an extraction changed what other notes link to (anchors, title) since the
    /// notes linking here were last republished.
    pub face_changed: bool,
    tree: LiveTree,
    /// Counts the edits applied, so that a tree parsed on a copy is taken back only for the
    /// same text.
    edits: u64,
}

impl Document {
    /// A document with this text at this version.
    pub fn new(text: &str, version: i32) -> Self {
        Document {
            rope: Rope::from_str(text),
            version,
            extracted: None,
            face_changed: false,
            tree: LiveTree::default(),
            edits: 0,
        }
    }

    /// Replaces the text between two positions (or all of it when `range` is `None`).
    /// Positions outside the document are clamped to it.
    pub fn apply_change(
        &mut self,
        range: Option<(LineCol, LineCol)>,
        new_text: &str,
        encoding: Encoding,
    ) {
        self.edits += 1;
        match range {
            None => {
                self.rope = Rope::from_str(new_text);
                self.tree = LiveTree::default();
            }
            Some((start, end)) => {
                let start = rope_char_index(&self.rope, start, encoding);
                let end = rope_char_index(&self.rope, end, encoding).max(start);
                let start_byte = self.rope.char_to_byte(start);
                let old_end_byte = self.rope.char_to_byte(end);
                let start_position = self.point(start_byte);
                let old_end_position = self.point(old_end_byte);
                self.rope.remove(start..end);
                self.rope.insert(start, new_text);
                let new_end_byte = start_byte + new_text.len();
                self.tree.edit(&InputEdit {
                    start_byte,
                    old_end_byte,
                    new_end_byte,
                    start_position,
                    old_end_position,
                    new_end_position: self.point(new_end_byte),
                });
            }
        }
    }

    /// The tree-sitter row and byte column of a byte offset.
    fn point(&self, byte: usize) -> Point {
        let line = self.rope.byte_to_line(byte);
        Point {
            row: line,
            column: byte - self.rope.line_to_byte(line),
        }
    }

    /// The current text and its block syntax tree (re-parsed incrementally when edited).
    pub fn text_and_tree(&mut self) -> (String, Option<Tree>) {
        let text = self.text();
        let tree = self.tree(&text);
        (text, tree)
    }

    /// The block tree of `text`, the current text (re-parsed incrementally when edited).
    pub fn tree(&mut self, text: &str) -> Option<Tree> {
        self.tree.tree(text).cloned()
    }

    /// Whether the block tree was parsed since the last edit.
    pub fn tree_is_current(&self) -> bool {
        self.tree.current().is_some()
    }

    /// The block tree as last parsed, when that was after the last edit.
    pub fn current_tree(&self) -> Option<Tree> {
        self.tree.current().cloned()
    }

    /// Takes on the tree parsed on a copy of this document, when no edit came since the copy.
    pub fn adopt_tree(&mut self, parsed: Document) {
        if parsed.edits == self.edits {
            self.tree = parsed.tree;
        }
    }

    /// The whole text.
    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// The text's length in bytes.
    pub fn byte_len(&self) -> usize {
        self.rope.len_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_after_edits_equals_a_fresh_parse() {
        let mut doc = Document::new("# Шард 🚀\n\n- a\n  - f\n\n```\n# x\n```\n", 1);
        let _ = doc.text_and_tree();
        let edits = [
            ((1, 0), (1, 0), "## Sub [link](#шард)\n"),
            ((3, 3), (3, 4), "ответ"),
            ((0, 9), (0, 9), " more"),
            ((6, 0), (8, 0), ""),
            ((2, 0), (2, 0), "> quote\n\n"),
        ];
        for ((l1, c1), (l2, c2), text) in edits {
            let range = (LineCol { line: l1, col: c1 }, LineCol { line: l2, col: c2 });
            doc.apply_change(Some(range), text, Encoding::Utf16);
            let (text, tree) = doc.text_and_tree();
            let fresh = crate::syntax::tree::parse_blocks(&text).unwrap();
            assert_eq!(
                tree.unwrap().root_node().to_sexp(),
                fresh.root_node().to_sexp(),
                "{text}"
            );
        }
    }

    #[test]
    fn incremental_edits_land_on_utf16_columns() {
        let mut doc = Document::new("Шард 🚀 x\nline two\n", 1);
        let at = LineCol { line: 0, col: 8 };
        doc.apply_change(
            Some((at, LineCol { line: 0, col: 9 })),
            "y",
            Encoding::Utf16,
        );
        assert_eq!(doc.text(), "Шард 🚀 y\nline two\n");
        let far = LineCol { line: 40, col: 3 };
        doc.apply_change(Some((far, far)), "!", Encoding::Utf16);
        assert_eq!(doc.text(), "Шард 🚀 y\nline two\n!");
        assert_eq!(doc.byte_len(), doc.text().len());
    }
}
