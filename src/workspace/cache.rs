//! The on-disk cache of extracted notes, so that a restart re-reads only the notes that changed.
//!
//! One file, `notes.bin` in the cache folder: a header, then per note its path, the size and
//! modification time it had when read, and the extracted [`Note`] (text included). An entry is
//! used only when the file on disk still has that size and time; the whole file is ignored when
//! it was written by another build of the server or with other extraction settings. The cache
//! is only ever a shortcut: any error reading it means "no cache" (logged), never a failure.

use crate::syntax::{Note, ParseOptions};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// The cache file's name inside the cache folder.
const FILE_NAME: &str = "notes.bin";
/// Marks the file as ours and the layout as this one.
const MAGIC: &str = "notes-lsp note cache 1";
/// Files modified this recently when the cache is written are left out of it: a later change
/// within the clock's granularity could keep the same size and time.
const SETTLE: Duration = Duration::from_secs(2);

/// What a file looked like when it was read: its size and modification time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    size: u64,
    modified_ns: u128,
}

impl Stamp {
    /// The stamp of a file's metadata (`None` when the platform gives no modification time).
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        let modified = meta.modified().ok()?.duration_since(SystemTime::UNIX_EPOCH);
        Some(Stamp {
            size: meta.len(),
            modified_ns: modified.ok()?.as_nanos(),
        })
    }

    /// Whether the file was modified less than [`SETTLE`] before `now`.
    fn is_recent(&self, now: SystemTime) -> bool {
        let now = now
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        now.saturating_sub(self.modified_ns) < SETTLE.as_nanos()
    }
}

/// What the whole file depends on besides the notes: the server build and the extraction
/// settings. A cache written under another fingerprint is ignored.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Fingerprint {
    magic: String,
    /// Size and modification time of the server executable: any rebuild invalidates the cache.
    executable: Option<Stamp>,
    placeholders: Vec<String>,
}

impl Fingerprint {
    fn current(options: &ParseOptions) -> Fingerprint {
        let executable = std::env::current_exe()
            .and_then(std::fs::metadata)
            .ok()
            .and_then(|m| Stamp::of(&m));
        Fingerprint {
            magic: MAGIC.into(),
            executable,
            placeholders: options.placeholders.clone(),
        }
    }
}

/// One cached note, still encoded.
#[derive(Serialize, Deserialize)]
struct Entry<'a> {
    path: &'a str,
    stamp: Stamp,
    note: &'a [u8],
}

/// The file's layout.
#[derive(Serialize, Deserialize)]
struct Contents<'a> {
    fingerprint: Fingerprint,
    #[serde(borrow)]
    entries: Vec<Entry<'a>>,
}

/// A cache file read into memory; its entries are decoded on demand.
pub struct CacheFile {
    bytes: Vec<u8>,
}

/// The cached notes of a [`CacheFile`], by path.
pub type CachedNotes<'a> = HashMap<&'a Path, Cached<'a>>;

/// A cached note and the stamp its file had.
pub struct Cached<'a> {
    stamp: Stamp,
    note: &'a [u8],
}

impl Cached<'_> {
    /// The note, when the file still has the stamp it had when the note was cached.
    pub fn note_if_current(&self, stamp: Stamp) -> Option<Note> {
        if self.stamp != stamp {
            return None;
        }
        postcard::from_bytes(self.note)
            .map_err(|e| tracing::warn!("unreadable note in the cache: {e}"))
            .ok()
    }
}

impl CacheFile {
    /// Reads the cache in `dir` (`None` when there is none yet or it cannot be read).
    pub fn read(dir: &Path) -> Option<CacheFile> {
        let path = dir.join(FILE_NAME);
        match std::fs::read(&path) {
            Ok(bytes) => Some(CacheFile { bytes }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                tracing::warn!("note cache {} unreadable: {e}", path.display());
                None
            }
        }
    }

    /// The cached notes, when the file was written by this build with these settings (empty
    /// otherwise).
    pub fn notes(&self, options: &ParseOptions) -> CachedNotes<'_> {
        let contents: Contents = match postcard::from_bytes(&self.bytes) {
            Ok(contents) => contents,
            Err(e) => {
                tracing::warn!("note cache ignored: {e}");
                return HashMap::new();
            }
        };
        if contents.fingerprint != Fingerprint::current(options) {
            tracing::info!("note cache ignored: written by another build or with other settings");
            return HashMap::new();
        }
        contents
            .entries
            .into_iter()
            .map(|e| {
                let cached = Cached {
                    stamp: e.stamp,
                    note: e.note,
                };
                (Path::new(e.path), cached)
            })
            .collect()
    }
}

/// Writes the cache of these notes (read from disk with these stamps) into `dir`, replacing the
/// old one in one rename. Notes whose path is not UTF-8 or whose file changed in the last
/// moments are left out (they are simply read again next time).
pub fn write(
    dir: &Path,
    options: &ParseOptions,
    notes: &[(Arc<Path>, Stamp, Arc<Note>)],
) -> std::io::Result<()> {
    let now = SystemTime::now();
    let encoded: Vec<(&str, Stamp, Vec<u8>)> = notes
        .par_iter()
        .filter(|(_, stamp, _)| !stamp.is_recent(now))
        .filter_map(|(path, stamp, note)| {
            let bytes = postcard::to_stdvec(&**note).ok()?;
            Some((path.to_str()?, *stamp, bytes))
        })
        .collect();
    let contents = Contents {
        fingerprint: Fingerprint::current(options),
        entries: encoded
            .iter()
            .map(|(path, stamp, note)| Entry {
                path,
                stamp: *stamp,
                note,
            })
            .collect(),
    };
    let bytes = postcard::to_stdvec(&contents).map_err(std::io::Error::other)?;
    std::fs::create_dir_all(dir)?;
    let temporary: PathBuf = dir.join(format!("{FILE_NAME}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, dir.join(FILE_NAME)).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::workspace::{discover, index, Indexed};
    use std::path::Path;
    use std::time::{Duration, SystemTime};

    /// Writes a note whose modification time lies an hour back, as a note edited long ago.
    fn write_old(path: &Path, text: &str) {
        std::fs::write(path, text).unwrap();
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
    }

    fn vault() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("ru")).unwrap();
        write_old(
            &dir.path().join("gil.md"),
            "# GIL\n\nThe GIL lets one thread run bytecode. 🐍\n\n- Question\n  - f\n",
        );
        write_old(
            &dir.path().join("ru/шардирование.md"),
            "# Шардирование\n\nДанные делятся по ключу. См. [GIL](../gil.md#gil).\n",
        );
        dir
    }

    fn index_with(root: &Path, placeholders: &[&str]) -> Indexed {
        let config = Config {
            cache_dir: Some(".cache".into()),
            placeholders: placeholders.iter().map(|p| p.to_string()).collect(),
            ..Config::default()
        };
        index(discover(vec![root.to_path_buf()], config))
    }

    /// Everything a note holds, for comparing a cached note with a freshly parsed one.
    fn notes_of(indexed: &Indexed) -> Vec<String> {
        let mut notes: Vec<String> = indexed
            .workspace
            .notes()
            .map(|(path, note)| format!("{path:?} {note:?}"))
            .collect();
        notes.sort();
        notes
    }

    #[test]
    fn a_restart_reuses_unchanged_notes_and_rereads_changed_ones() {
        let dir = vault();
        let cold = index_with(dir.path(), &["f"]);
        assert_eq!(cold.from_cache, 0);
        let parsed = notes_of(&cold);
        cold.cache_update.expect("a cache to write").write();
        assert!(dir.path().join(".cache/notes.bin").is_file());

        let warm = index_with(dir.path(), &["f"]);
        assert_eq!(warm.from_cache, 2);
        assert!(warm.cache_update.is_none(), "an up-to-date cache is kept");
        assert_eq!(notes_of(&warm), parsed);
        assert_eq!(warm.workspace.definitions_named("шардирование").len(), 1);

        write_old(&dir.path().join("gil.md"), "# GIL\n\nA lock, now longer.\n");
        let changed = index_with(dir.path(), &["f"]);
        assert_eq!(changed.from_cache, 1);
        let gil = changed.workspace.note(&dir.path().join("gil.md")).unwrap();
        assert!(gil.source.text().contains("now longer"));
        assert!(changed.cache_update.is_some(), "a stale cache is rewritten");
    }

    #[test]
    fn other_settings_a_corrupt_file_or_fresh_edits_bypass_the_cache() {
        let dir = vault();
        index_with(dir.path(), &["f"]).cache_update.unwrap().write();
        let other = index_with(dir.path(), &["TODO"]);
        assert_eq!(other.from_cache, 0, "extraction settings changed");
        assert!(other
            .workspace
            .notes()
            .all(|(_, n)| n.placeholders.is_empty()));

        std::fs::write(dir.path().join(".cache/notes.bin"), b"\xffnot a cache").unwrap();
        let corrupt = index_with(dir.path(), &["f"]);
        assert_eq!(corrupt.from_cache, 0);
        assert_eq!(corrupt.workspace.len(), 2);

        // A note written a moment ago is left out: a second edit within the clock's
        // granularity could keep its size and time.
        std::fs::write(dir.path().join("gil.md"), "# GIL\n\nJust written.\n").unwrap();
        index_with(dir.path(), &["f"]).cache_update.unwrap().write();
        assert_eq!(index_with(dir.path(), &["f"]).from_cache, 1);
    }
}
