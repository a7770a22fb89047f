//! `notes-lsp define TERM [DIR]`: the answers the notes hold for a term, as the hover shows them.

use super::load_dir;
use crate::features::hover::answer_markdown;
use crate::features::terms::definitions_of;
use std::io::Write;
use std::path::Path;

/// Prints the answer for `term` found under `dir`. Returns 0 when answered, 1 when the term is
/// unknown or only has gaps, 2 when `dir` cannot be read.
pub fn define(term: &str, dir: &Path, out: &mut dyn Write) -> u8 {
    if !dir.is_dir() {
        eprintln!("notes-lsp: {} is not a folder", dir.display());
        return 2;
    }
    // From the absolute folder, so that the answer links to absolute `file:` URIs.
    let dir = match std::path::absolute(dir) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("notes-lsp: {}: {e}", dir.display());
            return 2;
        }
    };
    let (workspace, _) = load_dir(&dir);
    let defs = definitions_of(&workspace, term);
    match answer_markdown(&workspace, &defs, false) {
        Some(markdown) => {
            let _ = writeln!(out, "{markdown}");
            0
        }
        None if defs.is_empty() => {
            eprintln!("notes-lsp: no note defines \"{term}\"");
            1
        }
        None => {
            eprintln!("notes-lsp: \"{term}\" is defined only with placeholders (a gap)");
            1
        }
    }
}
