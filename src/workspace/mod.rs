//! All notes of the open folders, their name and backlink indexes, and link resolution.
//!
//! A [`Workspace`] is a cheap immutable snapshot (persistent maps): the one owner replaces one
//! note at a time, readers clone the snapshot and never block it.
//!
//! `mod.rs` holds the state and its plain accessors; `keys.rs` the keys a note files under,
//! `build.rs` how notes enter and leave the indexes (one by one, or all at once for the first
//! index), `lookup.rs` what the term and backlink indexes answer, `resolve.rs` where a link leads.

mod build;
mod cache;
mod cache_folder;
mod keys;
mod load;
mod lookup;
mod order;
mod paths;
mod resolve;
mod term_filter;
mod walk;

pub use cache::text_hash;
pub use cache_folder::CacheFolder;
pub use keys::Prepared;
pub use load::{
    discover, discover_cancellable, index, load, read_note_text, CacheUpdate, Discovery, Indexed,
    NotRead, Skipped,
};
pub use lookup::Closeness;
pub use order::{Ordered, PathOrder};
use paths::resolved;
pub use paths::{normalize, resolves_inside};
pub use resolve::Resolved;
pub use term_filter::MAX_WORDS as MAX_TERM_WORDS;

use crate::config::Config;
use crate::syntax::{parse_note, Note, ParseOptions};
use keys::LinkKey;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A note's path, shared between indexes.
pub type NotePath = Arc<Path>;

/// The hasher of the indexes: fast, and seeded per process.
type Hasher = foldhash::fast::RandomState;
/// A persistent map: cloning a snapshot is cheap, an update copies only a path of nodes.
type Map<K, V> = imbl::GenericHashMap<K, V, Hasher, imbl::shared_ptr::DefaultSharedPtr>;
/// A persistent set.
type Set<T> = imbl::GenericHashSet<T, Hasher, imbl::shared_ptr::DefaultSharedPtr>;
/// A plain map, for building the indexes in one go.
type BuildMap<K, V> = std::collections::HashMap<K, V, Hasher>;

/// One definition: the note it is in and its index there.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DefRef {
    /// The note.
    pub path: NotePath,
    /// Index into the note's `definitions`.
    pub index: u32,
}

/// Whether an index built with settings `a` is the one `b` would build: they differ at most in
/// what is read at request time (severities, hovers, completion, lenses, tokens, hints).
pub fn same_index(a: &Config, b: &Config) -> bool {
    let mut b = b.clone();
    b.severity.clone_from(&a.severity);
    b.hover.clone_from(&a.hover);
    b.completion.clone_from(&a.completion);
    b.code_lens.clone_from(&a.code_lens);
    b.semantic_tokens.clone_from(&a.semantic_tokens);
    b.inlay_hints.clone_from(&a.inlay_hints);
    *a == b
}

/// The settings with a relative `cacheDir` taken from the first root.
fn with_cache_dir_resolved(mut config: Config, roots: &[PathBuf]) -> Config {
    if let (Some(dir), Some(root)) = (&config.cache_dir, roots.first()) {
        if dir.is_relative() {
            config.cache_dir = Some(root.join(dir));
        }
    }
    config
}

/// One consistent state of every note.
#[derive(Clone)]
pub struct Workspace {
    roots: Arc<[PathBuf]>,
    /// The roots with every symlink resolved.
    real_roots: Arc<[PathBuf]>,
    config: Arc<Config>,
    parse_options: Arc<ParseOptions>,
    notes: Map<NotePath, Arc<Note>>,
    by_name: Map<String, Vec<NotePath>>,
    other_files: Set<PathBuf>,
    /// Folders the walk passed over (dependency and cache folders): links into them are not
    /// judged.
    skipped_folders: Set<PathBuf>,
    /// Files that are there but could not be read, with the reason.
    unreadable: Map<PathBuf, Arc<str>>,
    /// Symlinks to a file or folder indexed under another name, and that name.
    aliases: Map<PathBuf, PathBuf>,
    /// Per link key, the notes with such a link, each once (a list: most keys have a few).
    backlinks: Map<LinkKey, Vec<NotePath>>,
    terms: Map<String, Vec<DefRef>>,
    /// Hashes of the keys of `terms` and of their first words.
    term_filter: term_filter::TermFilter,
    /// Definitions by the match keys of their names (words, heads, cross-script starts).
    matches: Map<String, Vec<DefRef>>,
    /// How many notes are mostly Latin and how many mostly Cyrillic.
    scripts: [usize; 2],
    order: order::OrderCache,
}

impl Workspace {
    /// An empty workspace over these roots.
    /// A relative `cacheDir` is taken from the first root.
    pub fn new(roots: Vec<PathBuf>, config: Config) -> Self {
        let config = with_cache_dir_resolved(config, &roots);
        let parse_options = ParseOptions {
            placeholders: config.placeholders.clone(),
            anchors: config.anchors,
        };
        let roots: Arc<[PathBuf]> = roots.into_iter().map(|r| normalize(&r)).collect();
        let real_roots = roots
            .iter()
            .map(|r| resolved(r).unwrap_or_else(|| r.clone()))
            .collect();
        Workspace {
            roots,
            real_roots,
            config: Arc::new(config),
            parse_options: Arc::new(parse_options),
            notes: Default::default(),
            by_name: Default::default(),
            other_files: Default::default(),
            skipped_folders: Default::default(),
            unreadable: Default::default(),
            aliases: Default::default(),
            backlinks: Default::default(),
            terms: Default::default(),
            term_filter: Default::default(),
            matches: Default::default(),
            scripts: [0; 2],
            order: Default::default(),
        }
    }

    /// Takes on new settings without reading a note again, when they index the notes as the
    /// present ones do ([`same_index`]). Returns false, and changes nothing, when they would not.
    pub fn reconfigure(&mut self, config: Config) -> bool {
        let config = with_cache_dir_resolved(config, &self.roots);
        if !same_index(&self.config, &config) {
            return false;
        }
        self.config = Arc::new(config);
        true
    }

    /// The folders indexed.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// The folders indexed, with every symlink resolved (in the order of [`Self::roots`]).
    pub fn real_roots(&self) -> &[PathBuf] {
        &self.real_roots
    }

    /// Whether the walk may index the file at `path`: inside a root once symlinks are followed,
    /// and not in a skipped folder. Files the editor reports changed are re-read only then, so
    /// that no event makes the server read outside the workspace.
    pub fn admits(&self, path: &Path) -> bool {
        let path = normalize(path);
        let Some(real) = resolved(&path) else {
            return false;
        };
        let skip = &self.config.skip_folders;
        let below_root = self
            .root_of(&path)
            .and_then(|root| path.strip_prefix(root).ok())
            .and_then(Path::parent)
            .unwrap_or(Path::new(""));
        let named_skip = below_root.components().any(|folder| {
            let name = folder.as_os_str().to_str();
            name.is_some_and(|n| skip.iter().any(|s| s == n))
        });
        self.real_roots.iter().any(|r| real.starts_with(r))
            && !named_skip
            && !self.in_skipped_folder(&path)
    }

    /// Whether `path` is inside a folder the walk passed over.
    fn in_skipped_folder(&self, path: &Path) -> bool {
        !self.skipped_folders.is_empty()
            && path
                .ancestors()
                .skip(1)
                .any(|folder| self.skipped_folders.contains(folder))
    }

    /// The settings in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The extraction settings.
    pub fn parse_options(&self) -> &ParseOptions {
        &self.parse_options
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

    /// Records a folder the walk passed over: links into it are not judged.
    pub fn add_skipped_folder(&mut self, path: PathBuf) {
        self.skipped_folders.insert(normalize(&path));
    }

    /// Records a file that is there but was not read, and why.
    pub fn add_unreadable(&mut self, path: PathBuf, reason: &str) {
        self.unreadable.insert(normalize(&path), reason.into());
    }

    /// Records a symlink to a file or folder indexed as `target`: links through it lead there.
    pub fn add_alias(&mut self, link: PathBuf, target: PathBuf) {
        self.aliases.insert(normalize(&link), normalize(&target));
    }
}

/// A workspace under `/v` of notes written in strings, for the features' tests.
#[cfg(test)]
pub(crate) fn of_notes(notes: &[(&str, &str)]) -> Workspace {
    let mut ws = Workspace::new(vec!["/v".into()], Config::default());
    for (path, text) in notes {
        let note = ws.parse(text);
        ws.set_note(Path::new(path), note);
    }
    ws
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Settings read at request time apply to a built index; settings that change what is read
    /// or how it is extracted do not (the caller indexes again).
    #[test]
    fn only_settings_that_index_alike_reconfigure() {
        let mut workspace = Workspace::new(vec!["/v".into()], Config::default());
        let mut quiet = Config::default();
        quiet.severity.insert(
            crate::config::DiagnosticCode::Unanswered,
            crate::config::Severity::Off,
        );
        quiet.hover.enabled = false;
        assert!(same_index(&Config::default(), &quiet));
        assert!(workspace.reconfigure(quiet));
        assert!(!workspace.config().hover.enabled);
        let todo = Config {
            placeholders: vec!["TODO".into()],
            ..Config::default()
        };
        assert!(!same_index(&Config::default(), &todo));
        assert!(!workspace.reconfigure(todo));
        assert_eq!(workspace.parse_options().placeholders, ["f"]);
        assert!(!workspace.config().hover.enabled);
    }

    /// A cancelled walk finds nothing more, and a cancelled discovery reads no note.
    #[test]
    fn a_cancelled_index_stops() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "# A\n").unwrap();
        let roots = vec![dir.path().to_path_buf()];
        let cancel = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let found = discover_cancellable(roots.clone(), Config::default(), cancel.clone());
        assert_eq!(found.len(), 1);
        cancel.store(true, std::sync::atomic::Ordering::SeqCst);
        assert!(index(found).workspace.is_empty());
        assert!(discover_cancellable(roots, Config::default(), cancel).is_empty());
    }

    /// Files reported changed are re-read only inside the roots and out of skipped folders,
    /// whatever folder the roots themselves are in.
    #[cfg(unix)]
    #[test]
    fn only_files_the_walk_may_index_are_admitted() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("venv/notes");
        std::fs::create_dir_all(root.join("node_modules")).unwrap();
        std::fs::write(dir.path().join("outside.md"), "# Out").unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside.md"), root.join("out.md")).unwrap();
        let workspace = Workspace::new(vec![root.clone()], Config::default());
        assert!(workspace.admits(&root.join("a.md")));
        assert!(workspace.admits(&root.join("sub/new.md")));
        assert!(!workspace.admits(&root.join("node_modules/x.md")));
        assert!(!workspace.admits(&root.join("out.md")));
        assert!(!workspace.admits(&dir.path().join("outside.md")));
        assert!(!workspace.admits(&root.join("../../outside.md")));
    }
}
