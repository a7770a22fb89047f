//! Words for the index, for queries and for snippets: one scanner, one normalisation, one stemmer
//! choice, so that a query word and an indexed word meet on the same term.
//!
//! A word is a run of letters and digits (combining marks kept inside it); an emoji or a CJK
//! character is a word of its own; everything else separates words. A word is lower-cased,
//! `ё` becomes `е`, a decomposed `й` is composed, and it is cut (not dropped) at
//! [`MAX_WORD_BYTES`]. Then it is stemmed by its script: all `a`–`z` → English Snowball, all
//! `а`–`я` → Russian Snowball, anything else (digits, mixed scripts, other alphabets) is kept as
//! it is.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Longest indexed word, in bytes; longer ones are cut at a character boundary.
pub(crate) const MAX_WORD_BYTES: usize = 120;

/// Stems kept per analyzer before the cache starts over.
const CACHE_LIMIT: usize = 100_000;

/// The name the tokenizer is registered under.
pub(crate) const TOKENIZER: &str = "notes";

/// What a scanned word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters and digits.
    Word,
    /// One emoji or CJK character.
    Single,
}

/// A word of a query or snippet text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    /// Byte range in the text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Lower-cased and folded, not stemmed.
    pub lower: String,
    /// The indexed term.
    pub term: String,
    /// Word or single character.
    pub kind: Kind,
}

/// The next word of `text` at or after byte `from`: its range and kind.
pub(crate) fn next_word(text: &str, from: usize) -> Option<(usize, usize, Kind)> {
    let bytes = text.as_bytes();
    let mut i = from;
    let start = loop {
        let &b = bytes.get(i)?;
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                break i;
            }
            i += 1;
            continue;
        }
        let c = text.get(i..)?.chars().next()?;
        if is_letter(c) {
            break i;
        }
        if is_single(c) {
            return Some((i, i + c.len_utf8(), Kind::Single));
        }
        i += c.len_utf8();
    };
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        if !(is_letter(c) || is_combining(c)) {
            break;
        }
        i += c.len_utf8();
    }
    Some((start, i, Kind::Word))
}

/// A letter or digit starting or continuing a word (not an emoji or CJK character).
fn is_letter(c: char) -> bool {
    match c {
        // Cyrillic letters, the common case past ASCII, without the table lookup.
        '\u{400}'..='\u{481}' | '\u{48A}'..='\u{4FF}' => true,
        _ => !is_single(c) && c.is_alphanumeric(),
    }
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{483}'..='\u{489}')
}

fn is_single(c: char) -> bool {
    matches!(c,
        '\u{2600}'..='\u{27BF}'
        | '\u{1F000}'..='\u{1F3FA}'
        | '\u{1F400}'..='\u{1FAFF}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}')
}

/// Lower-cases and folds `word` into `out` (cleared first), cut at [`MAX_WORD_BYTES`].
pub(crate) fn normalize(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        let word = &word[..word.len().min(MAX_WORD_BYTES)];
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        let lower = match c {
            'а'..='я' => c,
            'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            'ё' | 'Ё' => 'е',
            _ if c.is_ascii() => c.to_ascii_lowercase(),
            '\u{306}' if out.ends_with('и') => {
                // A decomposed й.
                out.pop();
                'й'
            }
            _ if is_combining(c) => continue,
            _ => {
                for l in c.to_lowercase() {
                    if out.len() + l.len_utf8() > MAX_WORD_BYTES {
                        return;
                    }
                    out.push(l);
                }
                continue;
            }
        };
        if out.len() + lower.len_utf8() > MAX_WORD_BYTES {
            return;
        }
        out.push(lower);
    }
}

/// Stemming with a cache from words as written to terms (words repeat a lot in a vault, and a
/// hit skips both normalising and stemming).
#[derive(Default)]
pub(crate) struct Stems {
    cache: HashMap<Box<str>, Box<str>, BuildHasherDefault<FxHasher>>,
}

impl Clone for Stems {
    /// A fresh cache: tantivy clones the tokenizer per segment writer.
    fn clone(&self) -> Self {
        Stems::default()
    }
}

impl Stems {
    /// The term of the word `raw` (as scanned by [`next_word`]) into `out`.
    pub(crate) fn term(&mut self, raw: &str, kind: Kind, out: &mut String) {
        if let Some(term) = self.cache.get(raw) {
            out.clear();
            out.push_str(term);
            return;
        }
        normalize(raw, out);
        if kind == Kind::Word {
            self.stem(out);
        }
        if self.cache.len() >= CACHE_LIMIT {
            self.cache.clear();
        }
        self.cache.insert(raw.into(), out.as_str().into());
    }

    /// Replaces the normalised `word` with its stem, when its script has a stemmer.
    pub(crate) fn stem(&mut self, word: &mut String) {
        crate::syntax::stem(word);
    }

    /// The words of `text`, normalised and stemmed.
    pub(crate) fn words(&mut self, text: &str) -> Vec<Word> {
        let mut words = Vec::new();
        let mut at = 0;
        while let Some((start, end, kind)) = next_word(text, at) {
            at = end;
            let mut lower = String::new();
            normalize(&text[start..end], &mut lower);
            if lower.is_empty() {
                continue;
            }
            let mut term = lower.clone();
            if kind == Kind::Word {
                self.stem(&mut term);
            }
            words.push(Word {
                start,
                end,
                lower,
                term,
                kind,
            });
        }
        words
    }
}

/// A fast hash for the stem cache (FxHash: the keys are words, not adversarial input).
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The tantivy tokenizer over [`next_word`], [`normalize`] and [`Stems`].
#[derive(Clone, Default)]
pub(crate) struct NotesTokenizer {
    stems: Stems,
    token: Token,
}

/// Token stream of [`NotesTokenizer`].
pub(crate) struct NotesTokenStream<'a> {
    text: &'a str,
    at: usize,
    token: &'a mut Token,
    stems: &'a mut Stems,
}

impl Tokenizer for NotesTokenizer {
    type TokenStream<'a> = NotesTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NotesTokenStream<'a> {
        self.token.reset();
        NotesTokenStream {
            text,
            at: 0,
            token: &mut self.token,
            stems: &mut self.stems,
        }
    }
}

impl TokenStream for NotesTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((start, end, kind)) = next_word(self.text, self.at) {
            self.at = end;
            self.stems
                .term(&self.text[start..end], kind, &mut self.token.text);
            if self.token.text.is_empty() {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Stems::default()
            .words(text)
            .into_iter()
            .map(|w| w.term)
            .collect()
    }

    #[test]
    fn stems_by_script() {
        assert_eq!(terms("Sharding databases"), ["shard", "databas"]);
        assert_eq!(terms("Шардирование баз"), ["шардирован", "баз"]);
        assert_eq!(terms("Ёлка, ЁЖ"), terms("елка еж"));
        // Mixed or other scripts are kept whole.
        assert_eq!(terms("k8s mp3 naïve"), ["k8s", "mp3", "naïve"]);
    }

    #[test]
    fn long_words_emoji_and_cjk_are_kept() {
        let long = "высокопревосходительствование".repeat(4);
        let t = terms(&long);
        assert_eq!(t.len(), 1);
        assert!(t[0].len() <= MAX_WORD_BYTES && !t[0].is_empty());
        assert_eq!(terms("🚀 launch"), ["🚀", "launch"]);
        assert_eq!(terms("数据库"), ["数", "据", "库"]);
        // A decomposed й is composed.
        assert_eq!(terms("И\u{306}ошкар"), terms("йошкар"));
    }

    #[test]
    fn tokenizer_offsets_match_words() {
        let text = "Привет, world! 👋";
        let mut tokenizer = NotesTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut seen = Vec::new();
        while stream.advance() {
            let t = stream.token();
            seen.push((text[t.offset_from..t.offset_to].to_string(), t.position));
        }
        assert_eq!(
            seen,
            [
                ("Привет".to_string(), 0),
                ("world".to_string(), 1),
                ("👋".to_string(), 2)
            ]
        );
    }
}
