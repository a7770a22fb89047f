//! `notes-lsp search QUERY [DIR]`: full-text search over the notes, ranked, with snippets.

use super::load_dir;
use crate::search::SearchIndex;
use std::io::Write;
use std::path::Path;

/// Prints the hits for `query` under `dir` as `path:line: heading — snippet`. Returns 0 when
/// something was found, 1 when nothing was, 2 when `dir` cannot be read.
pub fn search(query: &str, dir: &Path, limit: usize, out: &mut dyn Write) -> u8 {
    if !dir.is_dir() {
        eprintln!("notes-lsp: {} is not a folder", dir.display());
        return 2;
    }
    let (workspace, _) = load_dir(dir);
    let index = match SearchIndex::in_memory() {
        Ok(index) => index,
        Err(e) => {
            eprintln!("notes-lsp: cannot build the search index: {e}");
            return 2;
        }
    };
    for (path, note) in workspace.notes() {
        index.update(path, 0, note);
    }
    index.commit();
    let hits = index.search(query, limit);
    for hit in &hits {
        let heading = if hit.heading.is_empty() {
            String::new()
        } else {
            format!(" {} —", hit.heading)
        };
        let _ = writeln!(
            out,
            "{}:{}:{heading} {}",
            hit.path.display(),
            hit.line + 1,
            hit.snippet
        );
    }
    u8::from(hits.is_empty())
}
