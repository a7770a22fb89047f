//! The search index's folder when no cache folder is set: a private folder (readable by its
//! owner only) that the server creates in the system's temporary folder, so that tantivy can
//! memory-map the index instead of holding it in RAM. The folder is locked while its index
//! lives and removed when the index is dropped; a folder left behind by a server that was killed
//! is unlocked, and the next server removes it.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How the folders' names start.
const PREFIX: &str = "notes-lsp-search-";
/// The file each folder's owner holds locked.
const OWNER_LOCK: &str = "owner.lock";
/// A folder younger than this is never taken for an abandoned one (its owner may be between
/// creating it and locking it).
const GRACE: Duration = Duration::from_secs(60);

/// A private folder, locked while this value lives and removed when it is dropped.
#[derive(Debug)]
pub(super) struct PrivateFolder {
    path: PathBuf,
    /// Held locked: tells other servers that the folder is in use.
    _lock: File,
}

impl PrivateFolder {
    /// A new folder in the system's temporary folder, after removing the abandoned ones there.
    pub(super) fn create() -> io::Result<PrivateFolder> {
        Self::create_in(&std::env::temp_dir(), GRACE)
    }

    /// A new folder in `parent`, after removing those there that no server holds and that are
    /// older than `grace`.
    pub(super) fn create_in(parent: &Path, grace: Duration) -> io::Result<PrivateFolder> {
        remove_abandoned(parent, grace);
        let mut builder = tempfile::Builder::new();
        builder.prefix(PREFIX);
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
        let path = builder.tempdir_in(parent)?.keep();
        let lock = File::create(path.join(OWNER_LOCK))?;
        lock.try_lock().map_err(io::Error::other)?;
        Ok(PrivateFolder { path, _lock: lock })
    }

    /// Where the folder is.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for PrivateFolder {
    fn drop(&mut self) {
        if let Err(e) = fs::remove_dir_all(&self.path) {
            tracing::warn!("search index folder {}: {e}", self.path.display());
        }
    }
}

/// Removes the folders of ours in `parent` that no live server holds and that are older than
/// `grace`. Only real folders with our name and our lock file are touched.
fn remove_abandoned(parent: &Path, grace: Duration) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let ours = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(PREFIX));
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| SystemTime::now().duration_since(m).ok())
            .is_some_and(|age| age >= grace);
        if !ours || !meta.is_dir() || !old {
            continue;
        }
        let Ok(lock) = File::open(entry.path().join(OWNER_LOCK)) else {
            continue;
        };
        if lock.try_lock().is_ok() {
            drop(lock);
            match fs::remove_dir_all(entry.path()) {
                Ok(()) => tracing::info!("removed abandoned {}", entry.path().display()),
                Err(e) => tracing::warn!("abandoned {}: {e}", entry.path().display()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_private_locked_and_removed_with_its_value() {
        let parent = tempfile::tempdir().unwrap();
        let folder = PrivateFolder::create_in(parent.path(), Duration::ZERO).unwrap();
        let path = folder.path().to_path_buf();
        assert!(path.starts_with(parent.path()) && path.is_dir());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "only its owner may read it");
        }
        // A second server leaves a held folder alone.
        let other = PrivateFolder::create_in(parent.path(), Duration::ZERO).unwrap();
        assert!(path.is_dir());
        drop(folder);
        assert!(!path.exists());
        drop(other);
        assert_eq!(fs::read_dir(parent.path()).unwrap().count(), 0);
    }

    #[test]
    fn abandoned_folders_are_removed_and_nothing_else() {
        let parent = tempfile::tempdir().unwrap();
        let abandoned = parent.path().join(format!("{PREFIX}crashed"));
        fs::create_dir(&abandoned).unwrap();
        fs::write(abandoned.join(OWNER_LOCK), "").unwrap();
        fs::write(abandoned.join("meta.json"), "{}").unwrap();
        let unlocked_elsewhere = parent.path().join(format!("{PREFIX}no-lock-file"));
        fs::create_dir(&unlocked_elsewhere).unwrap();
        let someone_elses = parent.path().join("notes");
        fs::create_dir(&someone_elses).unwrap();
        fs::write(someone_elses.join(OWNER_LOCK), "").unwrap();

        // Too young: kept.
        let folder = PrivateFolder::create_in(parent.path(), GRACE).unwrap();
        assert!(abandoned.is_dir());
        drop(folder);

        let folder = PrivateFolder::create_in(parent.path(), Duration::ZERO).unwrap();
        assert!(!abandoned.exists(), "no server holds it");
        assert!(unlocked_elsewhere.is_dir(), "not a folder of an index");
        assert!(someone_elses.is_dir(), "not ours");
        drop(folder);
    }
}
