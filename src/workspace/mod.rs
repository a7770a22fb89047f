//! All notes of the open folders, their name and backlink indexes, and link resolution.
//!
//! A [`Workspace`] is a cheap immutable snapshot (persistent maps): the one owner replaces one
//! note at a time, readers clone the snapshot and never block it.

mod cache;
mod cache_folder;
mod load;
mod order;
mod paths;
mod walk;

pub use cache::text_hash;
pub use cache_folder::CacheFolder;
pub use load::{
    discover, discover_cancellable, index, load, read_note_text, CacheUpdate, Discovery, Indexed,
    NotRead, Skipped,
};
pub use order::{Ordered, PathOrder};
use paths::resolved;
pub use paths::{normalize, resolves_inside};

use crate::config::Config;
use crate::syntax::{
    cross_key, cross_match, cross_prefix, fold, is_acronym, is_cyrillic, parse_note, Definition,
    Keys, LinkTarget, Note, ParseOptions, Script,
};
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

/// What a link key points at, for the backlink index.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum LinkKey {
    /// A normalized path, as bytes: hashing bytes is several times cheaper than hashing a
    /// `Path` component by component.
    Path(Box<[u8]>),
    /// A lower-case wiki name.
    Name(String),
}

impl LinkKey {
    fn path(path: &Path) -> Self {
        LinkKey::Path(path.as_os_str().as_encoded_bytes().into())
    }
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

/// How closely a definition's name matches a name looked up; closer first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Closeness {
    /// The same name (acronyms exactly, other names in any case).
    Exact,
    /// The same words in another form: `Iterators` / `Iterator`, `N + 1` / `N+1`.
    Inflected,
    /// The name plus a generic head or modifier: `CAP` / `CAP Theorem`.
    Head,
    /// A kind of the thing named: `Dictionary` / `Python dictionary` (the name's last word).
    Kind,
    /// The counterpart in the other script: `Шардирование` / `Sharding`.
    Translated,
}

/// The match keys of a name: its words (`%`), its head (`>`), the last word of a name of
/// several (`^`) and the start of its cross-script key (`≈`), as
/// [`Workspace::definitions_matching`] looks them up.
fn match_keys_of(name: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let Some(Keys { words, head, kind }) = Keys::of(name) else {
        return keys;
    };
    if let Some(kind) = kind {
        keys.push(format!("^{kind}"));
    }
    if let Some(cross) = cross_key(head.as_deref().unwrap_or(&words)) {
        keys.push(format!("≈{}", cross_prefix(&cross)));
    }
    if let Some(head) = head {
        keys.push(format!(">{head}"));
    }
    keys.push(format!("%{words}"));
    keys
}

/// The cross-script key of a name's head (or words), if it has one.
fn cross_of(name: &str) -> Option<String> {
    let Keys { words, head, .. } = Keys::of(name)?;
    cross_key(&head.unwrap_or(words))
}

/// Whether an index built with settings `a` is the one `b` would build: they differ at most in
/// what is read at request time (severities, hovers, completion).
pub fn same_index(a: &Config, b: &Config) -> bool {
    let mut b = b.clone();
    b.severity.clone_from(&a.severity);
    b.hover.clone_from(&a.hover);
    b.completion.clone_from(&a.completion);
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

    /// Sets (or replaces) the note at `path`, updating every index.
    pub fn set_note(&mut self, path: &Path, note: Note) {
        self.insert(Prepared::new(path, note));
    }

    /// Sets (or replaces) a prepared note, updating every index.
    pub fn insert(&mut self, prepared: Prepared) {
        let Prepared {
            key,
            note,
            names,
            link_keys,
            term_keys,
            match_keys,
        } = prepared;
        self.remove_note(&key);
        self.scripts[note.script as usize] += 1;
        for (index, key_text) in match_keys {
            let def = DefRef {
                path: key.clone(),
                index,
            };
            self.matches.entry(key_text).or_default().push(def);
        }
        for name in names {
            self.by_name.entry(name).or_default().push(key.clone());
        }
        for link_key in link_keys {
            self.backlinks
                .entry(link_key)
                .or_default()
                .push(key.clone());
        }
        for (index, term) in term_keys {
            let def = DefRef {
                path: key.clone(),
                index,
            };
            self.terms.entry(term).or_default().push(def);
        }
        self.notes.insert(key, Arc::new(note));
    }

    /// Inserts many prepared notes at once. Into an empty workspace (the first index) the
    /// indexes are gathered in plain maps and turned persistent once, which is several times
    /// cheaper than inserting note by note; otherwise notes are inserted one by one.
    pub fn insert_all(&mut self, prepared: Vec<Prepared>) {
        if !self.notes.is_empty() {
            prepared.into_iter().for_each(|p| self.insert(p));
            return;
        }
        let count = prepared.len();
        let mut seen = std::collections::HashSet::with_capacity(count);
        let (mut notes, mut names, mut links, mut terms, mut matches) = (
            Vec::with_capacity(count),
            Vec::with_capacity(count),
            Vec::with_capacity(count),
            Vec::with_capacity(count),
            Vec::with_capacity(count),
        );
        for p in prepared {
            if !seen.insert(p.key.clone()) {
                continue;
            }
            names.push((p.key.clone(), p.names));
            links.push((p.key.clone(), p.link_keys));
            terms.push((p.key.clone(), p.term_keys));
            matches.push((p.key.clone(), p.match_keys));
            self.scripts[p.note.script as usize] += 1;
            notes.push((p.key, Arc::new(p.note)));
        }
        // Each index is gathered in a plain map, then made persistent, side by side.
        let ((notes, by_name), ((backlinks, terms), matches)) = rayon::join(
            || rayon::join(|| notes.into_iter().collect(), || gather(names)),
            || {
                rayon::join(
                    || rayon::join(|| gather(links), || gather_terms(terms)),
                    || gather_terms(matches),
                )
            },
        );
        self.matches = matches;
        self.notes = notes;
        self.by_name = by_name;
        self.backlinks = backlinks;
        self.terms = terms;
    }

    /// Forgets the note at `path`, if any (and that it could not be read).
    pub fn remove_note(&mut self, path: &Path) {
        self.unreadable.remove(path);
        let Some((key, note)) = self.notes.remove_with_key(path) else {
            return;
        };
        for name in names_of(&key, &note) {
            if let Some(list) = self.by_name.get_mut(&name) {
                list.retain(|p| !Arc::ptr_eq(p, &key));
                if list.is_empty() {
                    self.by_name.remove(&name);
                }
            }
        }
        for link_key in link_keys(&key, &note) {
            if let Some(list) = self.backlinks.get_mut(&link_key) {
                list.retain(|p| !Arc::ptr_eq(p, &key));
                if list.is_empty() {
                    self.backlinks.remove(&link_key);
                }
            }
        }
        // Every index holds the note's own key, so entries are found by identity.
        for (index, keys) in [
            (&mut self.terms, term_keys(&note)),
            (&mut self.matches, match_keys(&note)),
        ] {
            for (_, term) in keys {
                if let Some(list) = index.get_mut(&term) {
                    list.retain(|d| !Arc::ptr_eq(&d.path, &key));
                    if list.is_empty() {
                        index.remove(&term);
                    }
                }
            }
        }
        self.scripts[note.script as usize] -= 1;
    }

    /// The script most notes are written in.
    pub fn main_script(&self) -> Script {
        if self.scripts[Script::Cyrillic as usize] > self.scripts[Script::Latin as usize] {
            Script::Cyrillic
        } else {
            Script::Latin
        }
    }

    /// Definitions whose names match `name`, each once with how closely: the same name, the
    /// same words inflected, the name plus a generic head (`CAP` → `CAP Theorem`), and — only
    /// when none of those has an answer — the counterpart in the other script (`Шардирование` →
    /// `Sharding`).
    pub fn definitions_matching(&self, name: &str) -> Vec<(DefRef, Closeness)> {
        let mut found: Vec<(DefRef, Closeness)> = Vec::new();
        let mut seen: std::collections::HashSet<DefRef> = std::collections::HashSet::new();
        let mut add = |found: &mut Vec<_>, defs: Option<&Vec<DefRef>>, closeness| {
            for d in defs.into_iter().flatten() {
                if seen.insert(d.clone()) {
                    found.push((d.clone(), closeness));
                }
            }
        };
        let exact = self.definitions_named(name);
        add(&mut found, Some(&exact), Closeness::Exact);
        let Some(Keys { words, head, .. }) = Keys::of(name) else {
            return found;
        };
        let keys = [
            (format!("%{words}"), Closeness::Inflected),
            (format!(">{words}"), Closeness::Head),
        ]
        .into_iter()
        .chain(head.iter().flat_map(|head| {
            [
                (format!("%{head}"), Closeness::Head),
                (format!(">{head}"), Closeness::Head),
            ]
        }));
        for (key, closeness) in keys {
            add(&mut found, self.matches.get(&key), closeness);
        }
        // Farther matches count only while nothing closer answers what the term is.
        let answers = |found: &[(DefRef, Closeness)]| {
            found.iter().any(|(d, _)| {
                self.definition(d)
                    .is_some_and(|(_, def)| !def.gap && def.weight.answers())
            })
        };
        if answers(&found) {
            return found;
        }
        // A kind (`Python dictionary` for `Dictionary`) only when nothing closer says anything.
        let said = found
            .iter()
            .any(|(d, _)| self.definition(d).is_some_and(|(_, def)| !def.gap));
        if !said && !words.contains(' ') {
            add(
                &mut found,
                self.matches.get(&format!("^{words}")),
                Closeness::Kind,
            );
            if answers(&found) {
                return found;
            }
        }
        let Some(cross) = cross_key(head.as_deref().unwrap_or(&words)) else {
            return found;
        };
        let cyrillic = is_cyrillic(name);
        let candidates = self.matches.get(&format!("≈{}", cross_prefix(&cross)));
        for d in candidates.into_iter().flatten() {
            let Some((_, def)) = self.definition(d) else {
                continue;
            };
            let meets = def.names().any(|n| {
                is_cyrillic(n) != cyrillic && cross_of(n).is_some_and(|c| cross_match(&c, &cross))
            });
            if meets {
                found.push((d.clone(), Closeness::Translated));
            }
        }
        found
    }

    /// Definitions filed under a name (exactly for acronyms, case-folded otherwise), each once.
    pub fn definitions_named(&self, name: &str) -> Vec<DefRef> {
        let exact = self.terms.get(&format!("={name}"));
        let folded = self.terms.get(&format!("~{}", fold(name)));
        match (exact, folded) {
            // Each list holds a definition once, but one that gives an acronym and another name
            // can be in both. A set, not `Vec::contains`: names shared by many notes have long
            // lists.
            (Some(exact), Some(folded)) => {
                let in_exact: std::collections::HashSet<&DefRef> = exact.iter().collect();
                let others = folded.iter().filter(|d| !in_exact.contains(d));
                exact.iter().chain(others).cloned().collect()
            }
            (one, other) => one.or(other).cloned().unwrap_or_default(),
        }
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

    /// The definitions filed under `name`'s own index key: one entry of [`Self::term_names`].
    pub fn definitions_filed_as(&self, name: &str) -> &[DefRef] {
        self.terms.get(&term_key(name)).map_or(&[], Vec::as_slice)
    }

    /// Notes whose links lead to the note at `path` (by path or by wiki name).
    pub fn dependents(&self, path: &Path) -> Vec<NotePath> {
        let mut keys = vec![LinkKey::path(path)];
        if let Some(note) = self.notes.get(path) {
            keys.extend(names_of(path, note).into_iter().map(LinkKey::Name));
        } else if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            keys.push(LinkKey::Name(stem.to_lowercase()));
        }
        let mut out: Vec<NotePath> = keys
            .iter()
            .filter_map(|k| self.backlinks.get(k))
            .flat_map(|list| list.iter().cloned())
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

/// A note with the keys it files under in the workspace indexes, worked out apart from the
/// insertion so that the first index prepares every note in parallel.
pub struct Prepared {
    key: NotePath,
    note: Note,
    names: Vec<String>,
    link_keys: Vec<LinkKey>,
    term_keys: Vec<(u32, String)>,
    match_keys: Vec<(u32, String)>,
}

impl Prepared {
    /// The note's path.
    pub fn key(&self) -> &NotePath {
        &self.key
    }

    /// The note at `path`, ready to insert.
    pub fn new(path: &Path, note: Note) -> Self {
        let key: NotePath = normalize(path).into();
        Prepared {
            names: names_of(&key, &note),
            link_keys: link_keys(&key, &note),
            term_keys: term_keys(&note),
            match_keys: match_keys(&note),
            key,
            note,
        }
    }
}

/// Files each note under each of its keys, in a persistent map of lists.
fn gather<K: Clone + Eq + std::hash::Hash>(
    keyed: Vec<(NotePath, Vec<K>)>,
) -> Map<K, Vec<NotePath>> {
    let mut lists: BuildMap<K, Vec<NotePath>> = BuildMap::default();
    for (path, keys) in keyed {
        for key in keys {
            lists.entry(key).or_default().push(path.clone());
        }
    }
    lists.into_iter().collect()
}

/// The term index of notes' term keys.
fn gather_terms(keyed: Vec<(NotePath, Vec<(u32, String)>)>) -> Map<String, Vec<DefRef>> {
    let mut terms: BuildMap<String, Vec<DefRef>> = BuildMap::default();
    for (path, keys) in keyed {
        for (index, term) in keys {
            let def = DefRef {
                path: path.clone(),
                index,
            };
            terms.entry(term).or_default().push(def);
        }
    }
    terms.into_iter().collect()
}

/// Lower-case names a wiki link may use for a note: its file stem and its title.
fn names_of(path: &Path, note: &Note) -> Vec<String> {
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

/// Index keys of every name of every definition of a note, with the definition's index.
fn term_keys(note: &Note) -> Vec<(u32, String)> {
    let mut keys: Vec<(u32, String)> = note
        .definitions
        .iter()
        .enumerate()
        .flat_map(|(i, def)| def.names().map(move |name| (i as u32, term_key(name))))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Match keys of every name of every definition of a note, with the definition's index.
fn match_keys(note: &Note) -> Vec<(u32, String)> {
    let mut keys: Vec<(u32, String)> = note
        .definitions
        .iter()
        .enumerate()
        .flat_map(|(i, def)| {
            def.names()
                .flat_map(match_keys_of)
                .map(move |key| (i as u32, key))
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Backlink keys for every link of a note.
fn link_keys(from: &Path, note: &Note) -> Vec<LinkKey> {
    let mut keys: Vec<LinkKey> = note
        .links
        .iter()
        .filter_map(|l| match &l.target {
            LinkTarget::Local {
                path: Some(path), ..
            } => {
                let base = from.parent().unwrap_or(Path::new(""));
                Some(LinkKey::path(&normalize(&base.join(&**path))))
            }
            LinkTarget::Wiki { note, .. } if !note.is_empty() => {
                let name = note.trim().trim_end_matches(".md").to_lowercase();
                let last = name.rsplit('/').next().unwrap_or(&name).to_string();
                Some(LinkKey::Name(last))
            }
            _ => None,
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes() -> Vec<(PathBuf, &'static str)> {
        vec![
            (
                "/v/a.md".into(),
                "# Alpha\n**GIL** is a lock.\n[b](b.md#beta) [[c]]\n",
            ),
            (
                "/v/b.md".into(),
                "# Beta\n## GIL\nThe global lock.\n[[a]]\n",
            ),
            (
                "/v/sub/c.md".into(),
                "---\ntitle: Gamma\n---\nSee [a](../a.md).\n",
            ),
        ]
    }

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

    /// The batch build of the first index and note-by-note inserts give the same indexes.
    #[test]
    fn batch_and_incremental_builds_agree() {
        let empty = Workspace::new(vec!["/v".into()], Config::default());
        let prepared = |w: &Workspace| -> Vec<Prepared> {
            notes()
                .into_iter()
                .map(|(p, t)| Prepared::new(&p, w.parse(t)))
                .collect()
        };
        let mut batch = empty.clone();
        batch.insert_all(prepared(&empty));
        let mut one_by_one = empty.clone();
        prepared(&empty)
            .into_iter()
            .for_each(|p| one_by_one.insert(p));
        for w in [&batch, &one_by_one] {
            assert_eq!(w.len(), 3);
            let mut gil = w.definitions_named("GIL");
            gil.sort_by(|x, y| x.path.cmp(&y.path));
            let paths: Vec<&Path> = gil.iter().map(|d| &*d.path).collect();
            assert_eq!(paths, [Path::new("/v/a.md"), Path::new("/v/b.md")]);
            assert_eq!(
                w.dependents(Path::new("/v/a.md")),
                [
                    Arc::from(Path::new("/v/b.md")),
                    Arc::from(Path::new("/v/sub/c.md"))
                ]
            );
            assert_eq!(w.notes_named("gamma", Path::new("/v/a.md")).len(), 1);
        }
        // Inserting into a filled workspace replaces, whichever way it was built.
        let again = prepared(&empty);
        batch.insert_all(again);
        assert_eq!(batch.len(), 3);
        assert_eq!(batch.definitions_named("GIL").len(), 2);
    }
}
