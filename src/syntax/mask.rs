//! [`CharMask`]: which characters a name holds, folded as fuzzy matching folds them, in 64 bits.
//! A name whose mask lacks a bit of a query's mask cannot match the query, which one AND tells
//! before the name's text is read.

use nucleo_matcher::chars::{normalize, to_lower_case};
use serde::{Deserialize, Serialize};

/// The folded characters of a text as a set: each ASCII letter (either case) and digit has its
/// own bit, other ASCII characters but spaces 6 bits (4 of them one character's own), and
/// every character outside ASCII one of the remaining 22. Spaces are left out: a query never
/// requires them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CharMask(u64);

/// Bits of ASCII characters but letters, digits and spaces, after the 36 of letters and digits.
const ASCII_BITS: u8 = 6;
/// The first bit of the characters outside ASCII.
const SHARED_FROM: u32 = 36 + ASCII_BITS as u32;

impl CharMask {
    /// Every character a query may match in `text`: a character as written, lower-cased,
    /// without its accents, and both.
    pub fn of(text: &str) -> Self {
        let bits = if text.is_ascii() {
            text.bytes().fold(0, |bits, b| bits | ascii_bit(b))
        } else {
            text.chars().fold(0, |bits, c| {
                let plain = normalize(c);
                bits | char_bit(c)
                    | char_bit(to_lower_case(c))
                    | char_bit(plain)
                    | char_bit(to_lower_case(plain))
            })
        };
        CharMask(bits)
    }

    /// What a name must hold to match a query's character `c`, lower-cased as the query is.
    pub fn of_query_char(c: char) -> Self {
        CharMask(char_bit(c))
    }

    /// The characters of both.
    pub fn union(self, other: CharMask) -> Self {
        CharMask(self.0 | other.0)
    }

    /// Whether every character of `wanted` is in this set.
    pub fn holds(self, wanted: CharMask) -> bool {
        wanted.0 & !self.0 == 0
    }
}

/// The bit of one character as it is (no folding but of ASCII case).
fn char_bit(c: char) -> u64 {
    if c.is_ascii() {
        ascii_bit(c as u8)
    } else {
        1 << (SHARED_FROM + u32::from(c) % (64 - SHARED_FROM))
    }
}

/// The bit of an ASCII character: one per letter (either case) and digit, one each for the
/// characters of paths and slugs (`.`, `/`, `-`, `_`), two shared by the others; none for
/// spaces.
fn ascii_bit(b: u8) -> u64 {
    let other = |i: u8| 1 << (36 + i);
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'A'..=b'Z' => 1 << (b - b'A'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        b if b.is_ascii_whitespace() => 0,
        b'.' => other(0),
        b'/' => other(1),
        b'-' => other(2),
        b'_' => other(3),
        b => other(4 + b % 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_holds_its_own_folded_characters() {
        let of = |s: &str| CharMask::of(s);
        let query = |s: &str| {
            s.chars()
                .map(CharMask::of_query_char)
                .fold(CharMask::default(), CharMask::union)
        };
        assert!(of("Lazy Quorum Log").holds(query("lql")));
        assert!(of("Élan").holds(query("e")), "accents folded");
        assert!(of("Élan").holds(query("é")), "or kept");
        assert!(of("Шардирование").holds(query("шард")));
        assert!(
            of("\u{212A}elvin").holds(query("k")),
            "the Kelvin sign is a k"
        );
        assert!(!of("Lazy Quorum Log").holds(query("x")));
        assert!(!of("abc").holds(query("1")));
        assert!(of("").holds(CharMask::default()));
        assert!(of("../db").holds(query("./")));
        assert!(!of("../db").holds(query("/.-")), "punctuation counts");
        assert!(of("a b").holds(query(" ")), "spaces are never required");
    }
}
