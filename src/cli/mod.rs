//! The command-line front end: the same features as the editor, printed for people and tools.

mod check;
mod define;
mod gaps;
mod search;

pub use check::{check, Format};
pub use define::define;
pub use gaps::{gaps, ReportFormat};
pub use search::search;

use crate::config::Config;
use crate::workspace::{load, Skipped, Workspace};
use std::path::Path;

/// Loads the notes under `dir` with its `.notes-lsp.toml` (a bad file is reported on stderr
/// and the defaults are used).
pub fn load_dir(dir: &Path) -> (Workspace, Vec<Skipped>) {
    let config = Config::read_file_layer(dir)
        .and_then(|layer| Config::from_layers(&[layer]))
        .unwrap_or_else(|e| {
            eprintln!("notes-lsp: bad configuration, using defaults: {e}");
            Config::default()
        });
    load(vec![dir.to_path_buf()], config)
}
