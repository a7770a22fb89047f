//! Whether a place in an open document is code (where completion offers nothing), read from its
//! live tree.

use crate::syntax::tree::inline_nodes_at;
use tree_sitter::Tree;

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
            return inline_nodes_at(current, text, offset)
                .iter()
                .any(|(k, _)| k == "code_span");
        }
        n = current.parent();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::tree::{parse_blocks, INLINE_WINDOW};

    #[test]
    fn code_is_recognised_in_blocks_and_spans() {
        let text = "# T\n\nSee `x ](` and [a](b).\n\n```\n](\n```\n";
        let tree = parse_blocks(text).unwrap();
        assert!(in_code(&tree, text, text.find("x ](").unwrap() + 1));
        assert!(!in_code(&tree, text, text.find("[a]").unwrap() + 1));
        assert!(in_code(&tree, text, text.find("](\n```").unwrap()));
    }

    #[test]
    fn code_in_long_inline_text_is_found_around_the_cursor() {
        // A paragraph longer than the window: its cursor's line is read whole.
        let filler = "plain words here\n".repeat(INLINE_WINDOW / 8);
        let text = format!("{filler}see `code ](` and **bold**\n{filler}");
        let tree = parse_blocks(&text).unwrap();
        assert!(in_code(&tree, &text, text.find("code ](").unwrap() + 5));
        // A line longer than the window: the window around the cursor.
        let long = format!(
            "{}`a ](b` {}",
            "x ".repeat(INLINE_WINDOW),
            "y ".repeat(INLINE_WINDOW)
        );
        let tree = parse_blocks(&long).unwrap();
        assert!(in_code(&tree, &long, long.find("](b").unwrap()));
    }
}
