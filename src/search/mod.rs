//! Full-text search over every note with tantivy: one document per section.
//!
//! A note becomes one document for the text before its first heading (front matter left out;
//! its `title` and `aliases` searched as that document's heading) and one per heading with the
//! heading's *direct* content, up to the next heading of any level. Each document holds the
//! file path, the 0-based line where the section starts, the heading path ("A › B"), the heading
//! text, the ancestors' headings and the section text as plain text (markup stripped), plus the
//! caller's `stamp` of the file for a warm start. [`SearchIndex::update`] replaces every document
//! of a path at once.
//!
//! **Words.** One tokenizer (`analyze.rs`) serves indexing, queries and snippets. It lower-cases,
//! folds `ё` to `е`, keeps long words (cut at 120 bytes instead of dropped) and makes each emoji
//! or CJK character a word, then stems *per word by script*: `a`–`z` words with the English
//! Snowball stemmer, `а`–`я` words with the Russian one, anything else unstemmed. One indexed
//! form per word spares indexing every field twice (once per language), and a mixed note
//! ("шардирование (sharding)") stems each word right.
//!
//! **Ranking.** BM25 over the heading (×3), the ancestors' headings (×0.5) and the text (×1);
//! a section whose heading is the query word for word (after stemming) gets a constant bonus
//! far above any BM25 score, so exact heading hits come first. All words are required (English
//! and Russian stop words optional); when that finds nothing, any word will do.
//!
//! **Typing.** The last word (or any word written `word*`) also matches as a prefix: the query
//! parser does not do prefixes, so the term dictionaries are scanned for completions of the
//! word as typed and of its stem (the 64 most frequent per field), scored together with a lower
//! weight. "шард" finds "шардирование"; a query ending in a space does not expand.
//!
//! **Query language.** A query with quotes, `+word`, `-word` or AND/OR/NOT goes through
//! tantivy's query parser (phrases, required and excluded words); a syntax error there falls
//! back to the plain words. Any input is safe: an empty or word-less query gives no hits.
//!
//! **Storage.** [`SearchIndex::in_memory`] lives in RAM (for tests and as the last resort).
//! [`SearchIndex::in_private_folder`] keeps the index in a private temporary folder
//! (`private_folder.rs`) that tantivy memory-maps, so that the index costs page cache rather
//! than the server's own memory, and removes the folder with the index.
//! [`SearchIndex::open_or_create`] keeps
//! the index in a directory so that a large vault starts warm: [`SearchIndex::stamps`] says
//! which files it holds and at which stamp. A directory written by another version, or one that
//! fails to open or to verify, is wiped (only the index's own files) and recreated; one in use
//! by another process is an error, so that the caller can fall back to memory. The server keeps
//! that directory in the folder it owns ([`crate::workspace::CacheFolder`]), never in a folder
//! of the user's.

mod analyze;
mod private_folder;
mod query;
mod sections;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use tantivy::collector::TopDocs;
use tantivy::directory::{Directory, MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::indexer::UserOperation;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, STORED, STRING,
};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Score, Searcher, TantivyDocument,
    TantivyError, Term,
};

use crate::syntax::Note;
use analyze::{NotesTokenizer, Stems, TOKENIZER};
use private_folder::PrivateFolder;

/// Memory the writer may use before it writes a segment, over all its threads.
const WRITER_MEMORY: usize = 50_000_000;
/// Most indexing threads.
const MAX_WRITER_THREADS: usize = 2;
/// Most hits a search returns, whatever the caller asks.
const MAX_HITS: usize = 10_000;
/// Written in an on-disk index's directory; another content means another schema or tokenizer.
const VERSION_FILE: &str = "notes-search.version";
const VERSION: &str = "notes-lsp search index 1\n";

/// One hit.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    /// The note's path, as given to [`SearchIndex::update`].
    pub path: PathBuf,
    /// 0-based line where the section starts.
    pub line: u32,
    /// "A › B" heading path; empty for text before the first heading.
    pub heading: String,
    /// One line of plain text around the match (at most about 160 characters), matched words in
    /// `**bold**`, `…` where it is cut; the section's start when only the heading matched.
    pub snippet: String,
    /// Higher is better; an exact heading hit is above 1000.
    pub score: f32,
}

/// The fields of a search document.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    path: Field,
    stamp: Field,
    line: Field,
    trail: Field,
    heading: Field,
    parents: Field,
    body: Field,
    key: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        path: b.add_text_field("path", STRING | STORED | FAST),
        stamp: b.add_u64_field("stamp", FAST),
        line: b.add_u64_field("line", STORED),
        trail: b.add_text_field("trail", STORED),
        heading: b.add_text_field("heading", words.clone()),
        parents: b.add_text_field("parents", words.clone()),
        body: b.add_text_field("body", words.set_stored()),
        key: b.add_text_field("key", STRING),
    };
    (b.build(), fields)
}

/// The full-text index of a vault's sections. Cheap to share between threads.
pub struct SearchIndex {
    index: Index,
    fields: Fields,
    writer: Mutex<IndexWriter>,
    reader: IndexReader,
    /// Changes not yet committed.
    dirty: AtomicBool,
    /// Kept in a directory: committed when dropped.
    on_disk: bool,
    /// The private folder the index is kept in, removed after the index (so declared last).
    private: Option<PrivateFolder>,
}

impl SearchIndex {
    /// An empty index in memory.
    pub fn in_memory() -> tantivy::Result<Self> {
        let (schema, fields) = schema();
        Self::from_index(Index::create_in_ram(schema), fields, false)
    }

    /// An empty index in a new private folder of the system's temporary folder, memory-mapped;
    /// the folder goes with the index.
    pub fn in_private_folder() -> tantivy::Result<Self> {
        Self::in_folder(PrivateFolder::create()?)
    }

    fn in_folder(folder: PrivateFolder) -> tantivy::Result<Self> {
        let (schema, fields) = schema();
        let index = Index::create_in_dir(folder.path(), schema)?;
        let mut this = Self::from_index(index, fields, false)?;
        this.private = Some(folder);
        Ok(this)
    }

    /// The index kept in `dir` (created if missing): what it held at its last commit. A
    /// directory from another version, or one that does not open or verify, is wiped and
    /// recreated empty. An error when the directory cannot be used at all, or when another
    /// process has the index open.
    pub fn open_or_create(dir: &Path) -> tantivy::Result<Self> {
        fs::create_dir_all(dir)?;
        match Self::open_dir_guarded(dir) {
            Ok(index) => Ok(index),
            Err(e @ TantivyError::LockFailure(..)) => Err(e),
            Err(e) => {
                tracing::warn!("search index {}: {e}; rebuilding it", dir.display());
                wipe(dir)?;
                Self::open_dir_guarded(dir)
            }
        }
    }

    /// [`Self::open_dir`], a panic on damaged files (tantivy does not expect them) made an error.
    fn open_dir_guarded(dir: &Path) -> tantivy::Result<Self> {
        std::panic::catch_unwind(|| Self::open_dir(dir)).unwrap_or_else(|_| {
            Err(TantivyError::InternalError(
                "panicked while opening".to_string(),
            ))
        })
    }

    fn open_dir(dir: &Path) -> tantivy::Result<Self> {
        let version_ok = fs::read_to_string(dir.join(VERSION_FILE)).is_ok_and(|v| v == VERSION);
        if !version_ok && dir.join("meta.json").exists() {
            return Err(TantivyError::SchemaError(
                "written by another version".to_string(),
            ));
        }
        let (schema, fields) = schema();
        let index = Index::open_or_create(MmapDirectory::open(dir)?, schema)?;
        let damaged = index.validate_checksum()?;
        if !damaged.is_empty() {
            return Err(TantivyError::DataCorruption(
                tantivy::error::DataCorruption::comment_only(format!("damaged files {damaged:?}")),
            ));
        }
        let this = Self::from_index(index, fields, true)?;
        if !version_ok {
            fs::write(dir.join(VERSION_FILE), VERSION)?;
        }
        Ok(this)
    }

    fn from_index(index: Index, fields: Fields, on_disk: bool) -> tantivy::Result<Self> {
        index
            .tokenizers()
            .register(TOKENIZER, NotesTokenizer::default());
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, MAX_WRITER_THREADS);
        let writer = index.writer_with_num_threads(threads, WRITER_MEMORY)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        // Opening every segment now finds a broken index before it is used.
        stamps_of(&reader.searcher(), fields)?;
        Ok(SearchIndex {
            index,
            fields,
            writer: Mutex::new(writer),
            reader,
            dirty: AtomicBool::new(false),
            on_disk,
            private: None,
        })
    }

    /// Replaces every document of `path` with the sections of `note`, remembering `stamp`
    /// (say, size and modification time) for [`SearchIndex::stamps`]. Visible after the next
    /// [`SearchIndex::commit`] (or search). Safe to call from several threads at once.
    pub fn update(&self, path: &Path, stamp: u64, note: &Note) {
        let f = self.fields;
        let path_key = path.to_string_lossy();
        let mut stems = Stems::default();
        let mut docs: Vec<UserOperation> = vec![UserOperation::Delete(Term::from_field_text(
            f.path, &path_key,
        ))];
        docs.extend(sections::sections(note).into_iter().map(|s| {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.path, &path_key);
            doc.add_u64(f.stamp, stamp);
            doc.add_u64(f.line, u64::from(s.line));
            doc.add_text(f.trail, &s.trail);
            for heading in &s.heading {
                doc.add_text(f.heading, heading);
                let key = query::key(&mut stems, heading);
                if !key.is_empty() {
                    doc.add_text(f.key, &key);
                }
            }
            doc.add_text(f.parents, &s.parents);
            doc.add_text(f.body, &s.body);
            UserOperation::Add(doc)
        }));
        if docs.len() == 1 {
            // Matches nothing, but keeps the stamp of an empty note.
            let mut doc = TantivyDocument::default();
            doc.add_text(f.path, &path_key);
            doc.add_u64(f.stamp, stamp);
            docs.push(UserOperation::Add(doc));
        }
        // One batch: a concurrent update of the same path cannot interleave with it.
        if let Err(e) = self.writer().run(docs) {
            tracing::warn!("search index: {}: {e}", path.display());
        }
        self.dirty.store(true, Ordering::Release);
    }

    /// Removes every document of `path`.
    pub fn remove(&self, path: &Path) {
        let writer = self.writer();
        writer.delete_term(Term::from_field_text(
            self.fields.path,
            &path.to_string_lossy(),
        ));
        self.dirty.store(true, Ordering::Release);
    }

    /// Makes the changes so far visible to searches (and, on disk, durable). Does nothing when
    /// nothing changed; otherwise a few milliseconds in memory, more on disk.
    pub fn commit(&self) {
        if !self.dirty.load(Ordering::Acquire) {
            return;
        }
        let mut writer = self.writer();
        if !self.dirty.swap(false, Ordering::AcqRel) {
            return;
        }
        if let Err(e) = writer.commit() {
            tracing::warn!("search index: commit failed: {e}");
            // Tried again by the next commit.
            self.dirty.store(true, Ordering::Release);
            return;
        }
        drop(writer);
        if let Err(e) = self.reader.reload() {
            tracing::warn!("search index: reload failed: {e}");
        }
    }

    /// The best `limit` sections for `query`, best first. Commits pending changes first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        if query.trim().is_empty() || limit == 0 {
            return Vec::new();
        }
        self.commit();
        // Whatever the input, a search must not take the server down.
        let search = std::panic::AssertUnwindSafe(|| self.search_committed(query, limit));
        std::panic::catch_unwind(search).unwrap_or_else(|_| {
            tracing::warn!("search index: {query:?} panicked");
            Vec::new()
        })
    }

    fn search_committed(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        let searcher = self.reader.searcher();
        let Some(plan) = query::plan(&searcher, &self.index, &self.fields, query) else {
            return Vec::new();
        };
        let collector = TopDocs::with_limit(limit.min(MAX_HITS)).order_by_score();
        for q in &plan.queries {
            match searcher.search(&**q, &collector) {
                Ok(top) if top.is_empty() => continue,
                Ok(top) => return self.hits(&searcher, top, &plan.highlight),
                Err(e) => tracing::warn!("search index: {query:?}: {e}"),
            }
        }
        Vec::new()
    }

    fn hits(
        &self,
        searcher: &Searcher,
        top: Vec<(Score, DocAddress)>,
        highlight: &HashSet<String>,
    ) -> Vec<SearchHit> {
        let f = self.fields;
        let mut stems = Stems::default();
        top.into_iter()
            .filter_map(|(score, address)| {
                let doc: TantivyDocument = searcher.doc(address).ok()?;
                let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
                Some(SearchHit {
                    path: PathBuf::from(text(f.path)),
                    line: doc
                        .get_first(f.line)
                        .and_then(|v| v.as_u64())
                        .map_or(0, |l| l as u32),
                    heading: text(f.trail).to_string(),
                    snippet: query::snippet(&mut stems, text(f.body), highlight),
                    score,
                })
            })
            .collect()
    }

    /// Every path the index holds (committed or not) with the stamp it was indexed at.
    pub fn stamps(&self) -> HashMap<PathBuf, u64> {
        self.commit();
        stamps_of(&self.reader.searcher(), self.fields).unwrap_or_else(|e| {
            tracing::warn!("search index: reading stamps: {e}");
            HashMap::new()
        })
    }

    /// The writer, one user at a time: updates that ran concurrently through tantivy's shared
    /// `run` were seen to lose documents.
    fn writer(&self) -> MutexGuard<'_, IndexWriter> {
        self.writer.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for SearchIndex {
    /// Commits what is pending, so that an on-disk index keeps it.
    fn drop(&mut self) {
        if self.on_disk {
            self.commit();
        }
    }
}

/// Path → stamp of every live document, read from the fast fields.
fn stamps_of(searcher: &Searcher, f: Fields) -> tantivy::Result<HashMap<PathBuf, u64>> {
    let schema = searcher.schema();
    let (path_name, stamp_name) = (
        schema.get_field_name(f.path),
        schema.get_field_name(f.stamp),
    );
    let mut out = HashMap::new();
    for segment in searcher.segment_readers() {
        let Some(paths) = segment.fast_fields().str(path_name)? else {
            continue;
        };
        let stamps = segment.fast_fields().u64(stamp_name)?;
        // Every path of the segment, by term ordinal (one pass over the dictionary).
        let mut names = Vec::with_capacity(paths.dictionary().num_terms());
        let mut stream = paths.dictionary().stream()?;
        while stream.advance() {
            names.push(PathBuf::from(&*String::from_utf8_lossy(stream.key())));
        }
        for doc in segment.doc_ids_alive() {
            let (Some(ord), Some(stamp)) = (paths.term_ords(doc).next(), stamps.first(doc)) else {
                continue;
            };
            if let Some(path) = names.get(ord as usize) {
                out.insert(path.clone(), stamp);
            }
        }
    }
    Ok(out)
}

/// Removes the index's own files from `dir` (never anything else), unless another process
/// has the index open.
fn wipe(dir: &Path) -> tantivy::Result<()> {
    let directory = MmapDirectory::open(dir)?;
    let _lock = directory.acquire_lock(&INDEX_WRITER_LOCK)?;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let segment_file = name.len() > 33
            && name.as_bytes()[32] == b'.'
            && name[..32].bytes().all(|b| b.is_ascii_hexdigit());
        let ours = segment_file || matches!(&*name, "meta.json" | ".managed.json" | VERSION_FILE);
        if ours && entry.file_type()?.is_file() {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
