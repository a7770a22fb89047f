//! Finding and reading the notes of the roots: gitignore-aware, hidden folders skipped, in
//! parallel.

use super::{Prepared, Workspace};
use crate::config::Config;
use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A file that was not indexed, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    /// The file (or folder) passed over.
    pub path: PathBuf,
    /// Why, in words.
    pub reason: String,
}

/// Reads a note, refusing binary and oversized files; invalid UTF-8 is replaced (and said so).
pub fn read_note_text(path: &Path, max_size: u64) -> Result<(String, Option<String>), String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > max_size {
        return Err(format!(
            "{} bytes, over the {max_size}-byte limit (maxFileSize)",
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err("binary file (contains NUL bytes)".into());
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, None)),
        Err(e) => Ok((
            String::from_utf8_lossy(e.as_bytes()).into_owned(),
            Some("invalid UTF-8 replaced with U+FFFD".into()),
        )),
    }
}

/// The notes found by walking the roots, not yet read.
pub struct Discovery {
    workspace: Workspace,
    note_paths: Vec<PathBuf>,
    skipped: Vec<Skipped>,
}

impl Discovery {
    /// How many notes were found.
    pub fn len(&self) -> usize {
        self.note_paths.len()
    }

    /// Whether no note was found.
    pub fn is_empty(&self) -> bool {
        self.note_paths.is_empty()
    }
}

/// Walks the roots: the notes to read, the other files links may point at, what was skipped.
pub fn discover(roots: Vec<PathBuf>, config: Config) -> Discovery {
    let mut workspace = Workspace::new(roots, config);
    let mut skipped = Vec::new();
    let mut note_paths = Vec::new();
    let config = workspace.config().clone();
    for root in workspace.roots().to_vec() {
        walk(
            &root,
            &config,
            &mut note_paths,
            &mut workspace,
            &mut skipped,
        );
    }
    Discovery {
        workspace,
        note_paths,
        skipped,
    }
}

/// Reads and parses every discovered note in parallel and indexes them. Files it cannot use are
/// reported, not fatal.
pub fn index(discovery: Discovery) -> (Workspace, Vec<Skipped>) {
    let Discovery {
        mut workspace,
        note_paths,
        mut skipped,
    } = discovery;
    let max_size = workspace.config().max_file_size;
    let parsed: Vec<_> = note_paths
        .into_par_iter()
        .map(|path| {
            let result = read_note_text(&path, max_size)
                .map(|(text, warning)| (Prepared::new(&path, workspace.parse(&text)), warning));
            (path, result)
        })
        .collect();
    let mut notes = Vec::with_capacity(parsed.len());
    for (path, result) in parsed {
        match result {
            Ok((note, warning)) => {
                if let Some(reason) = warning {
                    skipped.push(Skipped { path, reason });
                }
                notes.push(note);
            }
            Err(reason) => skipped.push(Skipped { path, reason }),
        }
    }
    workspace.insert_all(notes);
    (workspace, skipped)
}

/// Walks the roots and indexes every note: [`discover`] then [`index`].
pub fn load(roots: Vec<PathBuf>, config: Config) -> (Workspace, Vec<Skipped>) {
    index(discover(roots, config))
}

fn walk(
    root: &Path,
    config: &Config,
    notes: &mut Vec<PathBuf>,
    workspace: &mut Workspace,
    skipped: &mut Vec<Skipped>,
) {
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let mut overrides = OverrideBuilder::new(root);
    for glob in &config.ignore {
        if let Err(e) = overrides.add(&format!("!{glob}")) {
            skipped.push(Skipped {
                path: root.to_path_buf(),
                reason: format!("bad ignore glob `{glob}`: {e}"),
            });
        }
    }
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .follow_links(true)
        .sort_by_file_path(|a, b| a.cmp(b));
    if let Ok(overrides) = overrides.build() {
        builder.overrides(overrides);
    }
    for entry in builder.build() {
        match entry {
            Ok(entry) => {
                let path = super::normalize(entry.path());
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && config.is_note_path(&path) {
                    notes.push(path);
                } else {
                    workspace.add_other_file(path);
                }
            }
            Err(e) => skipped.push(Skipped {
                path: root.to_path_buf(),
                reason: e.to_string(),
            }),
        }
    }
}
