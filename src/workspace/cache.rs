//! The on-disk cache of extracted notes, so that a restart parses only the notes that changed.
//!
//! One file, `notes.bin` in the server's own cache folder ([`CacheFolder`]): a header, then per note its path, a hash of the
//! text it was extracted from, and the extracted [`Note`] without its text. A restart still
//! reads every note (the text is the note's own, never a copy), and reuses the cached extraction
//! when the text hashes the same: no modification time to trust, no window in which a quick
//! second edit goes unseen. The whole file is ignored when it was written by another build of
//! the server or with other extraction settings. The cache is only ever a shortcut: any error
//! reading it means "no cache" (logged), never a failure.

use super::cache_folder::CacheFolder;
use crate::syntax::slug::Anchors;
use crate::syntax::{Note, ParseOptions};
use crate::text::Source;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::Path;
use std::sync::Arc;

/// Marks the file as ours and the layout as this one.
const MAGIC: &str = "notes-lsp note cache 2";

/// The hash a note's text is filed under, in the note cache and the search index: the same on
/// every run of a build.
pub fn text_hash(text: &str) -> u64 {
    foldhash::quality::FixedState::with_seed(0x6e6f746573).hash_one(text)
}

/// What the whole file depends on besides the notes: the server build and the extraction
/// settings. A cache written under another fingerprint is ignored.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Fingerprint {
    magic: String,
    /// Size and modification time (ns) of the server executable: a rebuild invalidates the cache.
    executable: Option<(u64, u128)>,
    placeholders: Vec<String>,
    anchors: Anchors,
}

impl Fingerprint {
    fn current(options: &ParseOptions) -> Fingerprint {
        let executable = std::env::current_exe()
            .and_then(std::fs::metadata)
            .ok()
            .and_then(|meta| {
                let modified = meta.modified().ok()?;
                let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
                Some((meta.len(), since.as_nanos()))
            });
        Fingerprint {
            magic: MAGIC.into(),
            executable,
            placeholders: options.placeholders.clone(),
            anchors: options.anchors,
        }
    }
}

/// One cached note, still encoded.
#[derive(Serialize, Deserialize)]
struct Entry<'a> {
    path: &'a str,
    text_hash: u64,
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

/// A cached extraction and the hash of the text it came from.
pub struct Cached<'a> {
    text_hash: u64,
    note: &'a [u8],
}

impl Cached<'_> {
    /// The note of `text`, when `text` is the text this extraction came from.
    pub fn note_for(&self, text: &str) -> Option<Note> {
        if self.text_hash != text_hash(text) {
            return None;
        }
        let mut note: Note = postcard::from_bytes(self.note)
            .map_err(|e| tracing::warn!("unreadable note in the cache: {e}"))
            .ok()?;
        note.source = Source::new(text);
        Some(note)
    }
}

impl CacheFile {
    /// Reads the cache kept for `cache_dir` (`None` when there is none yet or it cannot be
    /// read).
    pub fn read(cache_dir: &Path) -> Option<CacheFile> {
        let path = CacheFolder::find(cache_dir)?.notes_file();
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
                    text_hash: e.text_hash,
                    note: e.note,
                };
                (Path::new(e.path), cached)
            })
            .collect()
    }
}

/// Writes the cache of these notes for `cache_dir`, in the server's own folder there, replacing
/// the old one in one rename. Notes whose path is not UTF-8 are left out (they are simply
/// parsed again next time).
pub fn write(
    cache_dir: &Path,
    options: &ParseOptions,
    notes: &[(Arc<Path>, Arc<Note>)],
) -> std::io::Result<()> {
    let encoded: Vec<(&str, u64, Vec<u8>)> = notes
        .par_iter()
        .filter_map(|(path, note)| {
            let bytes = postcard::to_stdvec(&**note).ok()?;
            Some((path.to_str()?, text_hash(note.source.text()), bytes))
        })
        .collect();
    let contents = Contents {
        fingerprint: Fingerprint::current(options),
        entries: encoded
            .iter()
            .map(|(path, text_hash, note)| Entry {
                path,
                text_hash: *text_hash,
                note,
            })
            .collect(),
    };
    let bytes = postcard::to_stdvec(&contents).map_err(std::io::Error::other)?;
    let file = CacheFolder::claim(cache_dir)?.notes_file();
    let temporary = file.with_extension(format!("{}.tmp", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, &file).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::syntax::slug::Anchors;
    use crate::workspace::{discover, index, Indexed};
    use std::path::Path;

    fn write(path: &Path, text: &str) {
        std::fs::write(path, text).unwrap();
    }

    fn vault() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("ru")).unwrap();
        write(
            &dir.path().join("gil.md"),
            "# GIL\n\nThe GIL lets one thread run bytecode. 🐍\n\n- Question\n  - f\n",
        );
        write(
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
        assert!(dir.path().join(".cache/notes-lsp/notes.bin").is_file());

        let warm = index_with(dir.path(), &["f"]);
        assert_eq!(warm.from_cache, 2);
        assert!(warm.cache_update.is_none(), "an up-to-date cache is kept");
        assert_eq!(notes_of(&warm), parsed);
        assert_eq!(warm.workspace.definitions_named("шардирование").len(), 1);

        // Same size, other words: the text's hash, not its size or time, decides.
        let gil_path = dir.path().join("gil.md");
        let old = std::fs::read_to_string(&gil_path).unwrap();
        write(&gil_path, &old.replace("thread", "worker"));
        let changed = index_with(dir.path(), &["f"]);
        assert_eq!(changed.from_cache, 1);
        let gil = changed.workspace.note(&gil_path).unwrap();
        assert!(gil.source.text().contains("one worker"));
        assert!(changed.cache_update.is_some(), "a stale cache is rewritten");
    }

    #[test]
    fn other_settings_a_corrupt_file_or_a_deleted_note_bypass_the_cache() {
        let dir = vault();
        index_with(dir.path(), &["f"]).cache_update.unwrap().write();
        let other = index_with(dir.path(), &["TODO"]);
        assert_eq!(other.from_cache, 0, "extraction settings changed");
        assert!(other
            .workspace
            .notes()
            .all(|(_, n)| n.placeholders.is_empty()));
        let config = Config {
            cache_dir: Some(".cache".into()),
            anchors: Anchors::Attributes,
            ..Config::default()
        };
        let attributes = index(discover(vec![dir.path().to_path_buf()], config));
        assert_eq!(attributes.from_cache, 0, "the reading of {{#id}} changed");

        std::fs::write(
            dir.path().join(".cache/notes-lsp/notes.bin"),
            b"\xffnot a cache",
        )
        .unwrap();
        let corrupt = index_with(dir.path(), &["f"]);
        assert_eq!(corrupt.from_cache, 0);
        assert_eq!(corrupt.workspace.len(), 2);

        // A deleted note makes the cache stale too.
        index_with(dir.path(), &["f"]).cache_update.unwrap().write();
        std::fs::remove_file(dir.path().join("gil.md")).unwrap();
        let fewer = index_with(dir.path(), &["f"]);
        assert_eq!((fewer.from_cache, fewer.workspace.len()), (1, 1));
        assert!(fewer.cache_update.is_some());
    }
}
