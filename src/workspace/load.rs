//! Finding (`walk.rs`) and reading the notes of the roots, in parallel.

use super::cache::{CacheFile, CachedNotes};
use super::walk::{walk, Root, Walked};
use super::{cache, NotePath, Prepared, Workspace};
use crate::config::Config;
use crate::syntax::{Note, ParseOptions};
use rayon::prelude::*;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A file that was not indexed, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    /// The file (or folder) passed over.
    pub path: PathBuf,
    /// Why, in words.
    pub reason: String,
}

/// Why a file was not taken as a note.
#[derive(Clone, Debug, PartialEq)]
pub enum NotRead {
    /// It is gone (deleted since the walk saw it).
    Vanished,
    /// It is there but cannot be read (permissions, an I/O error): links to it say so.
    Unreadable(String),
    /// It was looked at and passed over (binary, over `maxFileSize`, not a regular file).
    PassedOver(String),
}

impl std::fmt::Display for NotRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotRead::Vanished => f.write_str("deleted while being read"),
            NotRead::Unreadable(why) => write!(f, "unreadable: {why}"),
            NotRead::PassedOver(why) => f.write_str(why),
        }
    }
}

impl From<std::io::Error> for NotRead {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => NotRead::Vanished,
            kind => NotRead::Unreadable(kind.to_string()),
        }
    }
}

/// Reads a note, refusing binary and oversized files; invalid UTF-8 is replaced (and said so).
/// Only regular files are opened (never a pipe or a device), and never more than the size
/// limit is read, even from a file that grows meanwhile.
pub fn read_note_text(path: &Path, max_size: u64) -> Result<(String, Option<String>), NotRead> {
    let not_regular = || NotRead::PassedOver("not a regular file".into());
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    let too_large = |size: u64| {
        NotRead::PassedOver(format!(
            "{size} bytes, over the {max_size}-byte limit (maxFileSize)"
        ))
    };
    if meta.len() > max_size {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_size {
        return Err(too_large(bytes.len() as u64));
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(NotRead::PassedOver(
            "binary file (contains NUL bytes)".into(),
        ));
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
    /// Once set, the walk and the reading stop early; what they return is then partial.
    cancel: Arc<AtomicBool>,
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
    discover_cancellable(roots, config, Arc::default())
}

/// [`discover`], abandoned part way once `cancel` is set: the walk, and the [`index`] of the
/// discovery, then stop early, and their results are partial (for the caller to drop).
pub fn discover_cancellable(
    roots: Vec<PathBuf>,
    config: Config,
    cancel: Arc<AtomicBool>,
) -> Discovery {
    let mut workspace = Workspace::new(roots, config);
    let roots: Vec<Root> = workspace
        .roots()
        .iter()
        .zip(workspace.real_roots())
        .map(|(path, real)| Root { path, real })
        .collect();
    let Walked {
        notes,
        other_files,
        skipped_folders,
        outside_links,
        aliases,
        skipped,
    } = walk(&roots, workspace.config(), &cancel);
    drop(roots);
    for path in other_files {
        workspace.add_other_file(path);
    }
    for folder in skipped_folders {
        workspace.add_skipped_folder(folder);
    }
    for (link, target) in aliases {
        workspace.add_alias(link, target);
    }
    for link in outside_links {
        workspace.add_unreadable(link, "a symbolic link out of the workspace, not followed");
    }
    Discovery {
        workspace,
        note_paths: notes,
        skipped,
        cancel,
    }
}

/// The notes of a [`Discovery`], indexed.
pub struct Indexed {
    /// Every note that could be read.
    pub workspace: Workspace,
    /// Files passed over, and why.
    pub skipped: Vec<Skipped>,
    /// How many notes came from the on-disk cache instead of being read and parsed.
    pub from_cache: usize,
    /// The cache to write, when a cache folder is set and the cache did not match the disk.
    pub cache_update: Option<CacheUpdate>,
}

/// Notes read from disk, to be written to the cache folder (off the critical path).
pub struct CacheUpdate {
    dir: PathBuf,
    options: ParseOptions,
    notes: Vec<(NotePath, Arc<Note>)>,
}

impl CacheUpdate {
    /// Writes the cache, logging the outcome.
    pub fn write(self) {
        let started = std::time::Instant::now();
        match cache::write(&self.dir, &self.options, &self.notes) {
            Ok(()) => tracing::info!(
                "note cache written ({} notes) in {:?}",
                self.notes.len(),
                started.elapsed()
            ),
            Err(e) => tracing::warn!("note cache {} not written: {e}", self.dir.display()),
        }
    }
}

/// A note as read: its extraction from the cache, or parsed.
struct Read {
    prepared: Prepared,
    from_cache: bool,
    warning: Option<String>,
}

/// Reads and parses every discovered note in parallel and indexes them, reusing the notes of
/// the on-disk cache whose files have not changed. Files it cannot use are reported, not fatal.
/// Once the discovery is cancelled, no further note is read.
pub fn index(discovery: Discovery) -> Indexed {
    let Discovery {
        mut workspace,
        note_paths,
        mut skipped,
        cancel,
    } = discovery;
    let max_size = workspace.config().max_file_size;
    let cache_dir = workspace.config().cache_dir.clone();
    let cache_file = cache_dir.as_deref().and_then(CacheFile::read);
    let cached = cache_file
        .as_ref()
        .map(|file| file.notes(workspace.parse_options()))
        .unwrap_or_default();
    let parsed: Vec<_> = note_paths
        .into_par_iter()
        .filter(|_| !cancel.load(Ordering::Relaxed))
        .map(|path| {
            let read = read_or_reuse(&path, max_size, &cached, &workspace);
            (path, read)
        })
        .collect();
    let mut notes = Vec::with_capacity(parsed.len());
    let mut from_cache = 0;
    for (path, result) in parsed {
        match result {
            Ok(read) => {
                if let Some(reason) = read.warning {
                    skipped.push(Skipped {
                        path: path.clone(),
                        reason,
                    });
                }
                from_cache += usize::from(read.from_cache);
                notes.push(read.prepared);
            }
            Err(not_read) => {
                match &not_read {
                    NotRead::Unreadable(why) => workspace.add_unreadable(path.clone(), why),
                    NotRead::PassedOver(_) => workspace.add_other_file(path.clone()),
                    NotRead::Vanished => {}
                }
                let reason = not_read.to_string();
                skipped.push(Skipped { path, reason });
            }
        }
    }
    let keys: Vec<NotePath> = notes.iter().map(Prepared::key).cloned().collect();
    workspace.insert_all(notes);
    let stale = from_cache < keys.len() || from_cache < cached.len();
    let cache_update = cache_dir.filter(|_| stale).map(|dir| CacheUpdate {
        dir,
        options: workspace.parse_options().clone(),
        notes: keys
            .into_iter()
            .filter_map(|key| {
                let note = workspace.note(&key)?.clone();
                Some((key, note))
            })
            .collect(),
    });
    Indexed {
        workspace,
        skipped,
        from_cache,
        cache_update,
    }
}

/// The note at `path`: read, then its cached extraction when the text is the one cached, else
/// parsed.
fn read_or_reuse(
    path: &Path,
    max_size: u64,
    cached: &CachedNotes,
    workspace: &Workspace,
) -> Result<Read, NotRead> {
    let (text, warning) = read_note_text(path, max_size)?;
    let reused = cached.get(path).and_then(|c| c.note_for(&text));
    let from_cache = reused.is_some();
    let note = reused.unwrap_or_else(|| workspace.parse(&text));
    Ok(Read {
        prepared: Prepared::new(path, note),
        from_cache,
        warning,
    })
}

/// Walks the roots and indexes every note: [`discover`] then [`index`].
/// Writes the note cache, when one is due, before returning.
pub fn load(roots: Vec<PathBuf>, config: Config) -> (Workspace, Vec<Skipped>) {
    let indexed = index(discover(roots, config));
    if let Some(update) = indexed.cache_update {
        update.write();
    }
    (indexed.workspace, indexed.skipped)
}
