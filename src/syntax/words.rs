//! Which words a note holds, and which pairs of words follow each other, as a Bloom filter of
//! about a kilobyte: enough to tell that a note cannot mention a name without reading its text.
//!
//! A word is a maximal run of [`is_word_char`] characters, the run a mention's whole-word test
//! delimits, and words compare with each character lower-cased on its own. A mention is a name's
//! spelling up to ASCII case with no word character on either side, so the words of the spelling
//! are words of the note, one after the other: every key of [`mention_keys`] is in the filter.

use serde::{Deserialize, Serialize};

/// Filter bits per key (distinct word or pair) of a note: about 1.7% false positives.
const BITS_PER_KEY: usize = 10;

/// Bits a key picks (a few may coincide), all in one 64-bit block so that a lookup reads one
/// word of memory.
const PICKS: u32 = 6;

/// Whether `c` belongs inside a word (a mention must not have one on either side).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The words of a note and its pairs of consecutive words: a lookup is never wrong when it
/// says a key is absent.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct WordFilter {
    /// The filter's bits; none in a filter that was never built, which holds every key.
    blocks: Box<[u64]>,
    /// Where a key goes depends on it, so that notes that share many words do not also share
    /// the keys that look present because of them.
    seed: u64,
}

impl WordFilter {
    /// The filter of every key of `text`, sized to the number of distinct keys.
    pub fn new(text: &str) -> Self {
        let mut keys: Vec<u64> = Vec::with_capacity(text.len() / 4);
        let mut previous = None;
        for_each_word(text, |word| {
            keys.push(word);
            keys.extend(previous.map(|p| pair(p, word)));
            previous = Some(word);
        });
        let seed = keys.iter().fold(0u64, |seed, &k| seed.wrapping_add(k));
        let len = (distinct(&keys) * BITS_PER_KEY).div_ceil(64).max(1);
        let mut blocks = vec![0; len];
        // A repeated key sets the same bits again.
        for key in keys.into_iter().map(Key::new) {
            blocks[block(key.hash, seed, len)] |= key.mask;
        }
        WordFilter {
            blocks: blocks.into_boxed_slice(),
            seed,
        }
    }

    /// The filter's bits and seed, copied out of it.
    pub fn lookup(&self) -> Lookup<'_> {
        Lookup {
            blocks: &self.blocks,
            seed: self.seed,
        }
    }
}

/// What a lookup in a [`WordFilter`] reads, copied out of the filter: reading it for many notes
/// before looking any of them up lets those reads (cache misses, mostly) overlap.
#[derive(Clone, Copy)]
pub struct Lookup<'a> {
    blocks: &'a [u64],
    seed: u64,
}

impl Lookup<'_> {
    /// False only when the text has no such key.
    pub fn may_contain(self, key: Key) -> bool {
        if self.blocks.is_empty() {
            return true;
        }
        self.blocks[block(key.hash, self.seed, self.blocks.len())] & key.mask == key.mask
    }
}

/// A word or a pair of consecutive words, to look up in filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    hash: u64,
    /// The bits it sets in its block: six bits of the hash at a time pick one.
    mask: u64,
}

impl Key {
    fn new(hash: u64) -> Self {
        let mask = (0..PICKS).fold(0, |mask, i| mask | 1 << ((hash >> (6 * i)) & 63));
        Key { hash, mask }
    }
}

/// The keys every text that mentions `spelling` holds: each pair of its consecutive words, or
/// its word when it has one (none when it has no word).
pub fn mention_keys(spelling: &str) -> Vec<Key> {
    let mut words = Vec::new();
    for_each_word(spelling, |word| words.push(word));
    let hashes = match &words[..] {
        [word] => vec![*word],
        _ => words.windows(2).map(|w| pair(w[0], w[1])).collect(),
    };
    hashes.into_iter().map(Key::new).collect()
}

/// The block of `blocks` where the key with this hash goes in a filter with this seed.
fn block(hash: u64, seed: u64, blocks: usize) -> usize {
    let spread = (hash ^ seed).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    ((u128::from(spread) * blocks as u128) >> 64) as usize
}

/// About how many different keys `keys` holds (linear counting: the share of bits of a bitmap
/// that no key sets; within a few percent).
fn distinct(keys: &[u64]) -> usize {
    let bits = (keys.len() * 8).next_power_of_two().max(64);
    let mut bitmap = vec![0u64; bits / 64];
    for &key in keys {
        let bit = (key >> 40) as usize & (bits - 1);
        bitmap[bit / 64] |= 1 << (bit % 64);
    }
    let unset: u32 = bitmap.iter().map(|w| w.count_zeros()).sum();
    if unset == 0 {
        return keys.len();
    }
    let bits = bits as f64;
    (bits * (bits / f64::from(unset)).ln()).round() as usize
}

/// The key of two consecutive words.
fn pair(first: u64, second: u64) -> u64 {
    first.rotate_left(17) ^ second
}

/// Calls `f` with the hash of each word of `text`, in order, repeats included: the hash of its
/// characters, each lower-cased on its own, in UTF-8.
fn for_each_word(text: &str, mut f: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let mut word = WordHasher::default();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            let lower = ASCII_WORD[usize::from(b)];
            if lower == 0 {
                i += 1;
            } else if word.len > 0 {
                word.push(lower);
                i += 1;
                continue;
            } else {
                // Most words are ASCII only: those are hashed eight bytes at a time.
                let end = ascii_word_end(bytes, i);
                if bytes.get(end).is_none_or(u8::is_ascii) {
                    f(hash_ascii(bytes, i..end));
                } else {
                    bytes[i..end]
                        .iter()
                        .for_each(|&b| word.push(ASCII_WORD[usize::from(b)]));
                }
                i = end;
                continue;
            }
        } else if let Some(lower) = russian_lowercase(b, bytes.get(i + 1).copied()) {
            lower.into_iter().for_each(|b| word.push(b));
            i += 2;
            continue;
        } else {
            // `i` moves by whole characters, so this is one.
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            if is_word_char(c) {
                for lower in c.to_lowercase() {
                    lower
                        .encode_utf8(&mut [0; 4])
                        .bytes()
                        .for_each(|b| word.push(b));
                }
                continue;
            }
        }
        if word.len > 0 {
            f(std::mem::take(&mut word).finish());
        }
    }
    if word.len > 0 {
        f(word.finish());
    }
}

/// The lower case of each ASCII byte that is a word character, else 0.
const ASCII_WORD: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'_' {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Where the run of ASCII word characters from `start` ends, found eight bytes at a time.
fn ascii_word_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start;
    while let Some(eight) = bytes
        .get(at..at + 8)
        .and_then(|c| <[u8; 8]>::try_from(c).ok())
    {
        let others = not_ascii_word(u64::from_le_bytes(eight));
        if others != 0 {
            return at + (others.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&b| !b.is_ascii() || ASCII_WORD[usize::from(b)] == 0)
        .map_or(bytes.len(), |n| at + n)
}

/// The high bit of each of eight bytes that is not an ASCII word character.
fn not_ascii_word(bytes: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    const LOW: u64 = ONES * 0x7F;
    // Each test below looks at the low seven bits only: a byte with the high bit is none.
    let seven = bytes & LOW;
    let within = |x: u64, lo: u8, hi: u8| {
        let from_lo = x + ONES * u64::from(0x80 - lo);
        let past_hi = x + ONES * u64::from(0x80 - hi - 1);
        from_lo & !past_hi & HIGH
    };
    let letters = within(seven | (ONES * 0x20), b'a', b'z');
    let digits = within(seven, b'0', b'9');
    let other = seven ^ (ONES * u64::from(b'_'));
    let underscores = !(((other & LOW) + LOW) | other) & HIGH;
    !(letters | digits | underscores) & HIGH | (bytes & HIGH)
}

/// What [`WordHasher`] gives for the ASCII word characters `bytes[word]`, lower-cased eight
/// bytes at a time.
#[inline(always)]
fn hash_ascii(bytes: &[u8], word: std::ops::Range<usize>) -> u64 {
    let mut hash = 0;
    let mut at = word.start;
    while at < word.end {
        let n = (word.end - at).min(8);
        let chunk = match bytes
            .get(at..at + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
        {
            // The bytes past the word are dropped below.
            Some(eight) => eight,
            None => {
                let mut tail = [0; 8];
                tail[..n].copy_from_slice(&bytes[at..word.end]);
                tail
            }
        };
        let kept = u64::MAX >> (8 * (8 - n));
        hash = step(hash, ascii_lowercase(u64::from_le_bytes(chunk) & kept));
        at += 8;
    }
    mix(hash ^ word.len() as u64)
}

/// Eight ASCII bytes in lower case: 0x20 added to each of `A`..=`Z` (no carry crosses a byte:
/// every byte is below 0x80).
fn ascii_lowercase(bytes: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let from_a = bytes + ONES * u64::from(0x80 - b'A');
    let past_z = bytes + ONES * u64::from(0x80 - b'Z' - 1);
    let upper = from_a & !past_z & (ONES * 0x80);
    bytes | (upper >> 2)
}

/// The lower case, in UTF-8, of a letter of the Russian alphabet (`А`..=`я`, `Ё`, `ё`) whose
/// UTF-8 is `first`, `second`: common in notes, and folded without the Unicode tables.
fn russian_lowercase(first: u8, second: Option<u8>) -> Option<[u8; 2]> {
    match (first, second?) {
        (0xD0, s @ 0x90..=0x9F) => Some([0xD0, s + 0x20]),
        (0xD0, s @ 0xA0..=0xAF) => Some([0xD1, s - 0x20]),
        (0xD0, s @ 0xB0..=0xBF) | (0xD1, s @ 0x80..=0x8F) => Some([first, s]),
        (0xD0, 0x81) | (0xD1, 0x91) => Some([0xD1, 0x91]),
        _ => None,
    }
}

/// A fixed hash of a word's bytes, taken eight at a time: a filter means the same in every
/// process.
#[derive(Default)]
struct WordHasher {
    hash: u64,
    /// Bytes not hashed yet, the first in the lowest bits.
    pending: u64,
    len: usize,
}

impl WordHasher {
    #[inline(always)]
    fn push(&mut self, b: u8) {
        self.pending |= u64::from(b) << (8 * (self.len % 8));
        self.len += 1;
        if self.len.is_multiple_of(8) {
            self.hash = step(self.hash, self.pending);
            self.pending = 0;
        }
    }

    fn finish(self) -> u64 {
        let hash = if self.len.is_multiple_of(8) {
            self.hash
        } else {
            step(self.hash, self.pending)
        };
        mix(hash ^ self.len as u64)
    }
}

fn step(hash: u64, bytes: u64) -> u64 {
    (hash ^ bytes)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .rotate_left(29)
}

/// Mixes a hash so that every bit depends on every bit (MurmurHash3's finalizer).
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        for_each_word(text, |w| out.push(w));
        out
    }

    #[test]
    fn words_are_runs_of_letters_digits_and_underscores_in_any_case() {
        assert_eq!(
            words("N+1, CI/CD; select_related (Brewer's) — «Шардирование»"),
            words("n 1 ci cd select_related brewer s шардирование"),
        );
        assert_eq!(words("WRITE-AHEAD Log"), words("write ahead log"));
        assert_eq!(words("ШАРДИРОВАНИЕ"), words("шардирование"));
        assert!(words(" — ").is_empty());
    }

    #[test]
    fn ascii_words_hash_as_byte_by_byte() {
        for word in [
            "a",
            "Z",
            "select_Related",
            "ABCDEFGH",
            "AbCdEfGhI",
            "N1",
            "x@[`{",
        ] {
            let mut bytes = WordHasher::default();
            word.bytes()
                .for_each(|b| bytes.push(b.to_ascii_lowercase()));
            let expected = bytes.finish();
            let text = format!("{word} and more");
            assert_eq!(
                hash_ascii(word.as_bytes(), 0..word.len()),
                expected,
                "{word}"
            );
            assert_eq!(
                hash_ascii(text.as_bytes(), 0..word.len()),
                expected,
                "{word}"
            );
        }
    }

    #[test]
    fn eight_bytes_at_a_time_find_what_one_at_a_time_does() {
        for b in 0..=255u8 {
            let word = b.is_ascii() && ASCII_WORD[usize::from(b)] != 0;
            let bytes = [b, b'a', b'Z', b'_', b'0', b'9', b'z', 0x80 | b'a'];
            let expected = if word { 0 } else { 0x80 } | 0x80 << 56;
            assert_eq!(not_ascii_word(u64::from_le_bytes(bytes)), expected, "{b}");
        }
        let text = "select_related, N+1 and CI/CD in 2024, naïve Шардирование";
        for start in 0..text.len() {
            let expected = text.as_bytes()[start..]
                .iter()
                .position(|&b| !b.is_ascii() || ASCII_WORD[usize::from(b)] == 0)
                .map_or(text.len(), |n| start + n);
            assert_eq!(ascii_word_end(text.as_bytes(), start), expected, "{start}");
        }
    }

    #[test]
    fn the_russian_alphabet_folds_as_unicode_says() {
        for c in ('\u{400}'..='\u{4FF}').chain(['Ӂ', 'ӂ']) {
            let mut utf8 = [0; 4];
            let bytes = c.encode_utf8(&mut utf8).as_bytes();
            if let Some(lower) = russian_lowercase(bytes[0], bytes.get(1).copied()) {
                assert!(is_word_char(c), "{c}");
                let expected: String = c.to_lowercase().collect();
                assert_eq!(lower, expected.as_bytes(), "{c}");
            }
        }
        assert_eq!(
            russian_lowercase(0xD0, Some(0xAF)),
            Some(*"я".as_bytes().first_chunk().unwrap())
        );
        assert_eq!(russian_lowercase(0xD0, None), None);
    }

    #[test]
    fn a_filter_holds_every_word_and_pair_of_its_text_and_rejects_others() {
        let text = "The Global Interpreter Lock (GIL) и шардирование: N+1, CI/CD.";
        let filter = WordFilter::new(text);
        let holds = |name: &str| {
            mention_keys(name)
                .into_iter()
                .all(|k| filter.lookup().may_contain(k))
        };
        for present in [
            "global interpreter LOCK",
            "Lock",
            "GIL",
            "Lock (GIL",
            "Шардирование",
            "N+1",
            "CI/CD",
        ] {
            assert!(holds(present), "{present}");
        }
        for absent in [
            "Mutex",
            "Interpreter Global",
            "Global Lock",
            "репликация",
            "N+2",
            "CI/CE",
        ] {
            assert!(!holds(absent), "{absent}");
        }
    }

    #[test]
    fn a_filter_without_words_holds_none_and_one_never_built_holds_all() {
        let key = mention_keys("word")[0];
        assert!(!WordFilter::new("— 1 ")
            .lookup()
            .may_contain(mention_keys("2")[0]));
        assert!(!WordFilter::new("").lookup().may_contain(key));
        assert!(WordFilter::default().lookup().may_contain(key));
    }

    #[test]
    fn a_filter_takes_bits_per_distinct_word_and_pair() {
        // 200 distinct words, each followed by the same next word every time: 400 keys.
        let text: String = (0..1000).map(|i| format!("w{} ", i % 200)).collect();
        let blocks = (400 * BITS_PER_KEY) as f64 / 64.0;
        let got = WordFilter::new(&text).blocks.len() as f64;
        assert!((got - blocks).abs() <= blocks * 0.05, "{got} blocks");
        assert_eq!(WordFilter::new(&"again ".repeat(1000)).blocks.len(), 1);
    }
}
