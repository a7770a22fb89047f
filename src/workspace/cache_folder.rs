//! The one folder the server writes in: `notes-lsp` inside the `cacheDir` setting.
//!
//! The server creates that folder itself and marks it with a `CACHEDIR.TAG` (the Cache
//! Directory Tagging convention, which backup tools honour). It writes there only when the mark
//! is its own: a `notes-lsp` folder it did not create (no tag, another tag, a symlink) is left
//! alone and the cache is not used, so no file of the user's is ever overwritten or deleted.
//! The walk skips tagged folders, so the cache is never read as notes.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The folder's name inside `cacheDir`.
const FOLDER: &str = "notes-lsp";
/// The tag file's name, from the convention.
const TAG_FILE: &str = "CACHEDIR.TAG";
/// The line every cache directory tag starts with.
const SIGNATURE: &str = "Signature: 8a477f597d28d172789f06886806bc55";
/// The whole tag, as the server writes it: a folder tagged otherwise is not its own.
const TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by notes-lsp.\n\
# For information about cache directory tags, see https://bford.info/cachedir/\n";

/// The server's own folder inside a `cacheDir`.
#[derive(Clone, Debug, PartialEq)]
pub struct CacheFolder {
    path: PathBuf,
}

impl CacheFolder {
    /// The folder in `cache_dir`, creating and tagging it when it does not exist yet (and
    /// `cache_dir` with it). The folder appears with its tag or not at all: it is made under a
    /// passing hidden name and renamed into place, which fails when another claim (a thread or
    /// another server) got there first. An error, written for a log line, when a `notes-lsp`
    /// folder is there that the server did not make.
    pub fn claim(cache_dir: &Path) -> io::Result<CacheFolder> {
        if let Some(folder) = Self::find(cache_dir) {
            return Ok(folder);
        }
        let path = cache_dir.join(FOLDER);
        let not_ours = || {
            io::Error::other(format!(
                "{} was not created by notes-lsp (no CACHEDIR.TAG of its own): \
                 nothing is written there",
                path.display()
            ))
        };
        if fs::symlink_metadata(&path).is_ok() {
            // Another claim may have placed it since `find` looked.
            return Self::find(cache_dir).ok_or_else(not_ours);
        }
        fs::create_dir_all(cache_dir)?;
        static CLAIMS: AtomicU64 = AtomicU64::new(0);
        let claim = CLAIMS.fetch_add(1, Ordering::Relaxed);
        let staging = cache_dir.join(format!(".{FOLDER}-{}-{claim}.tmp", std::process::id()));
        fs::create_dir(&staging)?;
        let tag = staging.join(TAG_FILE);
        let tagged = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tag)
            .and_then(|mut file| file.write_all(TAG.as_bytes()));
        let placed = tagged.and_then(|()| fs::rename(&staging, &path));
        if placed.is_err() {
            // Only what this claim made: never anything else.
            let _ = fs::remove_file(&tag);
            let _ = fs::remove_dir(&staging);
        }
        match (placed, Self::find(cache_dir)) {
            (_, Some(folder)) => Ok(folder),
            (Ok(()), None) => Err(not_ours()),
            (Err(e), None) if fs::symlink_metadata(&path).is_ok() => {
                tracing::debug!("claiming {}: {e}", path.display());
                Err(not_ours())
            }
            (Err(e), None) => Err(e),
        }
    }

    /// The folder in `cache_dir` when it exists and is the server's own (nothing is created).
    pub fn find(cache_dir: &Path) -> Option<CacheFolder> {
        let path = cache_dir.join(FOLDER);
        let is_folder = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        let ours =
            is_folder && fs::read(path.join(TAG_FILE)).is_ok_and(|tag| tag == TAG.as_bytes());
        ours.then_some(CacheFolder { path })
    }

    /// The file of the note cache.
    pub fn notes_file(&self) -> PathBuf {
        self.path.join("notes.bin")
    }

    /// The folder of the full-text index.
    pub fn search_index(&self) -> PathBuf {
        self.path.join("search")
    }
}

/// Whether `dir` holds a cache directory tag (of any program): a cache, never notes.
pub fn is_cache(dir: &Path) -> bool {
    let Ok(file) = fs::File::open(dir.join(TAG_FILE)) else {
        return false;
    };
    let mut start = Vec::with_capacity(SIGNATURE.len());
    file.take(SIGNATURE.len() as u64)
        .read_to_end(&mut start)
        .is_ok_and(|_| start == SIGNATURE.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_made_tagged_and_found_again() {
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = dir.path().join("a/b");
        let folder = CacheFolder::claim(&cache_dir).unwrap();
        assert!(is_cache(&cache_dir.join(FOLDER)));
        assert_eq!(CacheFolder::find(&cache_dir), Some(folder.clone()));
        assert_eq!(CacheFolder::claim(&cache_dir).unwrap(), folder);
        assert_eq!(folder.notes_file(), cache_dir.join("notes-lsp/notes.bin"));
    }

    #[test]
    fn a_folder_the_server_did_not_make_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let theirs = dir.path().join(FOLDER);
        fs::create_dir(&theirs).unwrap();
        fs::write(theirs.join("notes.bin"), "mine").unwrap();
        assert!(CacheFolder::claim(dir.path()).is_err());
        assert_eq!(CacheFolder::find(dir.path()), None);
        // Another program's tag is not ours either.
        fs::write(theirs.join(TAG_FILE), format!("{SIGNATURE}\n# other\n")).unwrap();
        assert!(CacheFolder::claim(dir.path()).is_err());
        assert!(is_cache(&theirs));
        assert_eq!(
            fs::read_to_string(theirs.join("notes.bin")).unwrap(),
            "mine"
        );
        assert_eq!(fs::read_dir(&theirs).unwrap().count(), 2);
    }

    #[test]
    fn claims_at_once_all_get_the_one_folder() {
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = dir.path().join("cache");
        let claims: Vec<_> = (0..8)
            .map(|_| {
                let cache_dir = cache_dir.clone();
                std::thread::spawn(move || CacheFolder::claim(&cache_dir))
            })
            .collect();
        for claim in claims {
            let folder = claim.join().unwrap().unwrap();
            assert_eq!(folder.notes_file(), cache_dir.join("notes-lsp/notes.bin"));
        }
        let names: Vec<_> = fs::read_dir(&cache_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["notes-lsp"], "nothing left behind");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_in_its_place_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        CacheFolder::claim(&elsewhere).unwrap();
        let cache_dir = dir.path().join("cache");
        fs::create_dir(&cache_dir).unwrap();
        std::os::unix::fs::symlink(elsewhere.join(FOLDER), cache_dir.join(FOLDER)).unwrap();
        assert!(CacheFolder::claim(&cache_dir).is_err());
    }
}
