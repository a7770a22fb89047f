//! The term filter: hashes of the term index's keys and of the first words of its names, kept
//! with the index note by note, so that the word windows of semantic tokens and inlay hints
//! that cannot be a name are ruled out without a lookup and without allocating.
//!
//! A hash here may be shared by names not in the index (a collision costs one lookup), but a
//! name in the index always finds its hashes here.

use super::BuildMap;
use crate::syntax::{is_acronym, is_term_char, term_words};
use std::sync::Arc;

/// Per hash, how many keys of the term index have it: as a whole, and as a first word by the
/// number of words of the name (1 to [`MAX_WORDS`], longer names counted with the longest).
/// Plain hash maps, shared between snapshots and copied on a write while shared: a lookup runs
/// for every word of a note, an update only when a note brings or takes a name.
#[derive(Clone, Default)]
pub(super) struct TermFilter {
    keys: Arc<BuildMap<u64, u32>>,
    starts: Arc<BuildMap<u64, [u32; MAX_WORDS]>>,
}

/// The most words of a name that [`TermFilter::longest_from`] tells apart.
pub const MAX_WORDS: usize = 4;

impl TermFilter {
    /// The filter of every key of a term index built at once.
    pub(super) fn of<'a>(keys: impl Iterator<Item = &'a String>) -> Self {
        let mut filter = TermFilter::default();
        keys.for_each(|key| filter.add(key));
        filter
    }

    /// Counts a key newly in the term index.
    pub(super) fn add(&mut self, key: &str) {
        *Arc::make_mut(&mut self.keys)
            .entry(key_hash(key))
            .or_default() += 1;
        if let Some((start, words)) = key_start(key) {
            Arc::make_mut(&mut self.starts).entry(start).or_default()[words - 1] += 1;
        }
    }

    /// Forgets a key no longer in the term index.
    pub(super) fn remove(&mut self, key: &str) {
        let keys = Arc::make_mut(&mut self.keys);
        let hash = key_hash(key);
        if let Some(count) = keys.get_mut(&hash) {
            *count -= 1;
            if *count == 0 {
                keys.remove(&hash);
            }
        }
        let Some((start, words)) = key_start(key) else {
            return;
        };
        let starts = Arc::make_mut(&mut self.starts);
        if let Some(counts) = starts.get_mut(&start) {
            counts[words - 1] -= 1;
            if counts.iter().all(|&c| c == 0) {
                starts.remove(&start);
            }
        }
    }

    /// Whether `name` may be filed in the term index (false: it is not).
    pub(super) fn may_be_key(&self, name: &str) -> bool {
        self.keys.contains_key(&term_hash(name))
    }

    /// The most words (up to [`MAX_WORDS`]) of a name in the term index that may start with
    /// `word`, a word of [`term_words`] as written: 0 when none does, and a window of more words
    /// from there is no name.
    pub(super) fn longest_from(&self, word: &str) -> usize {
        self.starts
            .get(&start_hash(word))
            .and_then(|counts| counts.iter().rposition(|&c| c > 0))
            .map_or(0, |i| i + 1)
    }
}

/// A hash of `name`'s term-index key (`=` and the name for acronyms, `~` and the folded name
/// otherwise): names with the same key hash alike.
fn term_hash(name: &str) -> u64 {
    if is_acronym(name) {
        exact_hash(name)
    } else {
        folded_hash(name)
    }
}

/// The hash [`term_hash`] gives the names filed under the term-index key `key`.
fn key_hash(key: &str) -> u64 {
    match key.strip_prefix('=') {
        Some(acronym) => exact_hash(acronym),
        None => folded_hash(key.strip_prefix('~').unwrap_or(key)),
    }
}

/// The hash of an acronym key: the name as written.
fn exact_hash(name: &str) -> u64 {
    let mut hash = CharHash::default();
    hash.add('=');
    name.chars().for_each(|c| hash.add(c));
    hash.0
}

/// The hash of a folded key, char by char: words one space apart, in lower case.
fn folded_hash(name: &str) -> u64 {
    let mut hash = CharHash::default();
    hash.add('~');
    for (i, word) in name.split_whitespace().enumerate() {
        if i > 0 {
            hash.add(' ');
        }
        for c in word.chars() {
            hash.add_lower(c);
        }
    }
    hash.0
}

/// A hash of the first word, in lower case, of a name that starts with `word` (a word of
/// [`term_words`] as written). Every name filed under a key starts with a word that hashes as
/// [`key_start_hash`] gives for the key.
fn start_hash(word: &str) -> u64 {
    let mut hash = CharHash::default();
    // Where lower case ends a word sooner (`İ` gains a combining dot), the folded name does too.
    for c in word.chars() {
        if c.is_ascii() {
            hash.add(c.to_ascii_lowercase());
        } else if let Some(cut) = c.to_lowercase().position(|l| !is_term_char(l)) {
            c.to_lowercase().take(cut).for_each(|l| hash.add_folded(l));
            break;
        } else {
            hash.add_lower(c);
        }
    }
    hash.0
}

/// The [`start_hash`] of the first word of the names filed under `key`, and their number of
/// words (at most [`MAX_WORDS`]), if they have a word. Lower case splits a word at most more
/// finely, so a name written with `n` words has a key of `n` words or more.
fn key_start(key: &str) -> Option<(u64, usize)> {
    let text = &key[1..];
    let words = term_words(text);
    let &(start, end) = words.first()?;
    Some((start_hash(&text[start..end]), words.len().min(MAX_WORDS)))
}

/// A streaming hash of characters, cheap enough to run on every word of a note.
#[derive(Default)]
struct CharHash(u64);

impl CharHash {
    fn add(&mut self, c: char) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    /// Adds a lower-case character, the final sigma as any sigma (`str::to_lowercase` picks it
    /// by context, `char::to_lowercase` cannot).
    fn add_folded(&mut self, c: char) {
        self.add(if c == 'ς' { 'σ' } else { c });
    }

    /// Adds a character in lower case (ASCII without a table lookup).
    fn add_lower(&mut self, c: char) {
        if c.is_ascii() {
            self.add(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(|l| self.add_folded(l));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::keys::term_key;

    /// Names with one key (as defined, as written) hash alike, and start with words that hash as the key's first word.
    #[test]
    fn names_find_the_hashes_of_their_keys() {
        for (name, written) in [
            ("Write-Ahead Log", "write-ahead  LOG"),
            ("CI/CD", "CI/CD"),
            ("N+1 queries", "n+1 Queries"),
            ("Οδος και", "ΟΔΟΣ και"),
            ("Шардирование БД", "шардирование бд"),
            ("İstanbul", "İstanbul"),
            ("i̇stanbul", "İstanbul"),
        ] {
            let key = term_key(name);
            assert_eq!(term_key(written), key, "{written}");
            assert_eq!(term_hash(written), key_hash(&key), "{written}");
            let &(s, e) = &term_words(written)[0];
            let (start, words) = key_start(&key).unwrap();
            assert_eq!(start_hash(&written[s..e]), start, "{written}");
            assert!(
                words >= term_words(written).len().min(MAX_WORDS),
                "{written}"
            );
        }
        assert_ne!(term_hash("WAL"), term_hash("wal"));
    }

    /// Keys counted twice stay until removed twice.
    #[test]
    fn counts_follow_the_keys() {
        let mut filter = TermFilter::default();
        let key = term_key("Write-ahead log");
        filter.add(&key);
        filter.add(&key);
        filter.remove(&key);
        assert!(filter.may_be_key("write-ahead log"));
        assert_eq!(filter.longest_from("Write-ahead"), 2);
        filter.remove(&key);
        assert!(!filter.may_be_key("write-ahead log"));
        assert_eq!(filter.longest_from("Write-ahead"), 0);
        assert!(filter.keys.is_empty() && filter.starts.is_empty());
    }
}
