//! All notes of the open folders, their name and backlink indexes, and link resolution.
//!
//! A [`Workspace`] is a cheap immutable snapshot (persistent maps): the one owner replaces one
//! note at a time, readers clone the snapshot and never block it.

mod load;
mod paths;

pub use load::{discover, index, load, read_note_text, Discovery, Skipped};
pub use paths::normalize;

use crate::config::Config;
use crate::syntax::{fold, is_acronym, parse_note, Definition, LinkTarget, Note, ParseOptions};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A note's path, shared between indexes.
pub type NotePath = Arc<Path>;

/// What a link key points at, for the backlink index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum LinkKey {
    Path(PathBuf),
    Name(String),
}

/// One definition: the note it is in and its index there.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DefRef {
    /// The note.
    pub path: NotePath,
    /// Index into the note's `definitions`.
    pub index: u32,
}

/// The term-index key of a name: acronyms exactly, other names case-folded.
fn term_key(name: &str) -> String {
    if is_acronym(name) {
        format!("={name}")
    } else {
        format!("~{}", fold(name))
    }
}

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
    /// A wiki link naming no note.
    UnresolvedWiki,
}

/// One consistent state of every note.
#[derive(Clone)]
pub struct Workspace {
    roots: Arc<[PathBuf]>,
    config: Arc<Config>,
    parse_options: Arc<ParseOptions>,
    notes: imbl::HashMap<NotePath, Arc<Note>>,
    by_name: imbl::HashMap<String, Vec<NotePath>>,
    other_files: imbl::HashSet<PathBuf>,
    backlinks: imbl::HashMap<LinkKey, imbl::HashSet<NotePath>>,
    terms: imbl::HashMap<String, Vec<DefRef>>,
}

impl Workspace {
    /// An empty workspace over these roots.
    pub fn new(roots: Vec<PathBuf>, config: Config) -> Self {
        let parse_options = ParseOptions {
            placeholders: config.placeholders.clone(),
        };
        Workspace {
            roots: roots.into_iter().map(|r| normalize(&r)).collect(),
            config: Arc::new(config),
            parse_options: Arc::new(parse_options),
            notes: Default::default(),
            by_name: Default::default(),
            other_files: Default::default(),
            backlinks: Default::default(),
            terms: Default::default(),
        }
    }

    /// The folders indexed.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// The settings in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Parses a note's text with this workspace's settings.
    pub fn parse(&self, text: &str) -> Note {
        parse_note(text, &self.parse_options)
    }

    /// Number of notes.
    pub fn len(&self) -> usize {
        self.notes.len()
    }

    /// Whether there are no notes.
    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }

    /// The note at `path`.
    pub fn note(&self, path: &Path) -> Option<&Arc<Note>> {
        self.notes.get(path)
    }

    /// The shared path key of the note at `path`.
    pub fn note_path(&self, path: &Path) -> Option<&NotePath> {
        self.notes.get_key_value(path).map(|(k, _)| k)
    }

    /// Every note, in no particular order.
    pub fn notes(&self) -> impl Iterator<Item = (&NotePath, &Arc<Note>)> {
        self.notes.iter()
    }

    /// Every note sorted by path.
    pub fn sorted_paths(&self) -> Vec<NotePath> {
        let mut paths: Vec<NotePath> = self.notes.keys().cloned().collect();
        paths.sort();
        paths
    }

    /// Records a file that exists but is not a note (link targets such as images).
    pub fn add_other_file(&mut self, path: PathBuf) {
        self.other_files.insert(normalize(&path));
    }

    /// Sets (or replaces) the note at `path`, updating every index.
    pub fn set_note(&mut self, path: &Path, note: Note) {
        let path = normalize(path);
        self.remove_note(&path);
        let key: NotePath = path.into();
        for name in self.names_of(&key, &note) {
            self.by_name.entry(name).or_default().push(key.clone());
        }
        for link_key in link_keys(&key, &note) {
            self.backlinks
                .entry(link_key)
                .or_default()
                .insert(key.clone());
        }
        for (index, term) in term_keys(&note) {
            let def = DefRef {
                path: key.clone(),
                index,
            };
            self.terms.entry(term).or_default().push(def);
        }
        self.notes.insert(key, Arc::new(note));
    }

    /// Forgets the note at `path`, if any.
    pub fn remove_note(&mut self, path: &Path) {
        let Some((key, note)) = self.notes.remove_with_key(path) else {
            return;
        };
        for name in self.names_of(&key, &note) {
            if let Some(list) = self.by_name.get_mut(&name) {
                list.retain(|p| p != &key);
                if list.is_empty() {
                    self.by_name.remove(&name);
                }
            }
        }
        for link_key in link_keys(&key, &note) {
            if let Some(set) = self.backlinks.get_mut(&link_key) {
                set.remove(&key);
                if set.is_empty() {
                    self.backlinks.remove(&link_key);
                }
            }
        }
        for (_, term) in term_keys(&note) {
            if let Some(list) = self.terms.get_mut(&term) {
                list.retain(|d| d.path != key);
                if list.is_empty() {
                    self.terms.remove(&term);
                }
            }
        }
    }

    /// Definitions filed under a name (exactly for acronyms, case-folded otherwise).
    pub fn definitions_named(&self, name: &str) -> Vec<DefRef> {
        let mut found: Vec<DefRef> = Vec::new();
        let keys = [format!("={name}"), format!("~{}", fold(name))];
        for key in keys {
            for def in self.terms.get(&key).into_iter().flatten() {
                if !found.contains(def) {
                    found.push(def.clone());
                }
            }
        }
        found
    }

    /// The definition a reference points at.
    pub fn definition(&self, def: &DefRef) -> Option<(&Arc<Note>, &Definition)> {
        let note = self.notes.get(&*def.path)?;
        Some((note, note.definitions.get(def.index as usize)?))
    }

    /// Every indexed term name (one spelling per key), for completion and symbols.
    pub fn term_names(&self) -> impl Iterator<Item = (&str, &[DefRef])> {
        self.terms.iter().map(|(k, v)| (&k[1..], v.as_slice()))
    }

    /// Lower-case names a wiki link may use for a note: its file stem and its title.
    fn names_of(&self, path: &Path, note: &Note) -> Vec<String> {
        let mut names = Vec::new();
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            names.push(stem.to_lowercase());
        }
        if let Some(title) = &note.title {
            let title = title.to_lowercase();
            if !names.contains(&title) {
                names.push(title);
            }
        }
        names
    }

    /// Notes whose links lead to the note at `path` (by path or by wiki name).
    pub fn dependents(&self, path: &Path) -> Vec<NotePath> {
        let mut keys = vec![LinkKey::Path(path.to_path_buf())];
        if let Some(note) = self.notes.get(path) {
            keys.extend(self.names_of(path, note).into_iter().map(LinkKey::Name));
        } else if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            keys.push(LinkKey::Name(stem.to_lowercase()));
        }
        let mut out: Vec<NotePath> = keys
            .iter()
            .filter_map(|k| self.backlinks.get(k))
            .flat_map(|set| set.iter().cloned())
            .filter(|p| &**p != path)
            .collect();
        out.sort();
        out.dedup();
        out
    }

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

    fn resolve_path(&self, path: PathBuf) -> Resolved<'_> {
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
        if is_root || self.other_files.contains(&path) {
            Resolved::OtherFile
        } else {
            Resolved::MissingFile(path)
        }
    }
}

/// Index keys of every name of every definition of a note, with the definition's index.
fn term_keys(note: &Note) -> Vec<(u32, String)> {
    let mut keys: Vec<(u32, String)> = Vec::new();
    for (i, def) in note.definitions.iter().enumerate() {
        for name in def.names() {
            let key = term_key(name);
            if !keys.iter().any(|(j, k)| *j == i as u32 && *k == key) {
                keys.push((i as u32, key));
            }
        }
    }
    keys
}

/// Backlink keys for every link of a note.
fn link_keys(from: &Path, note: &Note) -> Vec<LinkKey> {
    let keys: std::collections::HashSet<LinkKey> = note
        .links
        .iter()
        .filter_map(|l| match &l.target {
            LinkTarget::Local {
                path: Some(path), ..
            } => {
                let base = from.parent().unwrap_or(Path::new(""));
                Some(LinkKey::Path(normalize(&base.join(&**path))))
            }
            LinkTarget::Wiki { note, .. } if !note.is_empty() => {
                let name = note.trim().trim_end_matches(".md").to_lowercase();
                let last = name.rsplit('/').next().unwrap_or(&name).to_string();
                Some(LinkKey::Name(last))
            }
            _ => None,
        })
        .collect();
    keys.into_iter().collect()
}
