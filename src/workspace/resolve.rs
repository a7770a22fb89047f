//! Where a link leads: a note by path or wiki name, another file, a missing or unreadable one.

use super::{normalize, NotePath, Workspace};
use crate::syntax::{LinkTarget, Note};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where a link leads.
#[derive(Debug)]
pub enum Resolved<'a> {
    /// A URL with a scheme: never checked.
    External,
    /// A note of the workspace.
    Note(&'a NotePath, &'a Arc<Note>),
    /// A file or folder that exists but is not a note.
    OtherFile,
    /// A path that does not exist.
    MissingFile(PathBuf),
    /// A file that is there but was not read, and why (permissions, a symlink out of the
    /// workspace).
    Unreadable(&'a str),
    /// A wiki link naming no note.
    UnresolvedWiki,
}

impl Workspace {
    /// The root holding `path` (the longest matching one).
    pub fn root_of(&self, path: &Path) -> Option<&Path> {
        self.roots
            .iter()
            .filter(|r| path.starts_with(r))
            .max_by_key(|r| r.as_os_str().len())
            .map(PathBuf::as_path)
    }

    /// Notes a wiki link name may mean, best first (same folder, then shortest path).
    pub fn notes_named(&self, name: &str, from: &Path) -> Vec<&NotePath> {
        let name = name.trim().trim_end_matches(".md").to_lowercase();
        let (folder, last) = match name.rsplit_once('/') {
            Some((f, l)) => (Some(f.to_string()), l.to_string()),
            None => (None, name),
        };
        let mut found: Vec<&NotePath> = self
            .by_name
            .get(&last)
            .map(|v| v.iter().collect())
            .unwrap_or_default();
        if let Some(folder) = folder {
            found.retain(|p| {
                p.parent()
                    .and_then(|d| d.to_str())
                    .is_some_and(|d| d.to_lowercase().ends_with(&folder))
            });
        }
        let here = from.parent();
        found.sort_by_key(|p| (p.parent() != here, p.as_os_str().len()));
        found
    }

    /// Where `target`, written in the note at `from`, leads.
    pub fn resolve<'a>(&'a self, from: &Path, target: &LinkTarget) -> Resolved<'a> {
        match target {
            LinkTarget::External(_) => Resolved::External,
            LinkTarget::Local { path: None, .. } => self.resolve_path(from.to_path_buf()),
            LinkTarget::Local {
                path: Some(path), ..
            } => self.resolve_path(self.local_path(from, path)),
            LinkTarget::Wiki { note, .. } if note.is_empty() => {
                self.resolve_path(from.to_path_buf())
            }
            LinkTarget::Wiki { note, .. } => match self.notes_named(note, from).first() {
                Some(path) => {
                    let (key, note) = self
                        .notes
                        .get_key_value(&***path)
                        .expect("name index holds only present notes");
                    Resolved::Note(key, note)
                }
                None => Resolved::UnresolvedWiki,
            },
        }
    }

    /// The file a relative (or root-relative `/x`) path written in `from` names.
    pub fn local_path(&self, from: &Path, written: &str) -> PathBuf {
        let joined = match written.strip_prefix('/') {
            Some(rest) => self
                .root_of(from)
                .map_or_else(|| PathBuf::from(written), |r| r.join(rest)),
            None => from.parent().unwrap_or(Path::new("")).join(written),
        };
        normalize(&joined)
    }

    /// Where a path leads: as written, else through a symlink to what is indexed under another
    /// name.
    fn resolve_path(&self, path: PathBuf) -> Resolved<'_> {
        match self.resolve_known(path) {
            Resolved::MissingFile(path) => match self.unaliased(&path) {
                Some(target) => match self.resolve_known(target) {
                    Resolved::MissingFile(_) => Resolved::MissingFile(path),
                    found => found,
                },
                None => Resolved::MissingFile(path),
            },
            found => found,
        }
    }

    /// `path` with the symlink it goes through replaced by the name its target is indexed as.
    fn unaliased(&self, path: &Path) -> Option<PathBuf> {
        if self.aliases.is_empty() {
            return None;
        }
        path.ancestors().find_map(|link| {
            let target = self.aliases.get(link)?;
            Some(target.join(path.strip_prefix(link).ok()?))
        })
    }

    fn resolve_known(&self, path: PathBuf) -> Resolved<'_> {
        if let Some((key, note)) = self.notes.get_key_value(path.as_path()) {
            return Resolved::Note(key, note);
        }
        if path.extension().is_none() {
            for ext in &self.config.extensions {
                let with_ext = path.with_extension(ext);
                if let Some((key, note)) = self.notes.get_key_value(with_ext.as_path()) {
                    return Resolved::Note(key, note);
                }
            }
        }
        let is_root = path.as_os_str().is_empty() || self.roots.contains(&path);
        if is_root || self.other_files.contains(&path) || self.in_skipped_folder(&path) {
            Resolved::OtherFile
        } else if let Some(reason) = self.unreadable.get(&path) {
            Resolved::Unreadable(reason)
        } else {
            Resolved::MissingFile(path)
        }
    }
}
