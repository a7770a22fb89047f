//! Names as the term index compares them: one spelling of a name's words (stemmed, acronyms kept
//! exact), its head once generic heads and modifiers are dropped, and a Latin key that lets a
//! Russian name meet its English counterpart.
//!
//! - `N + 1 Problem`, `N+1 problems` → words `N+1 problem`; head `N+1`.
//! - `Singleton Design Pattern` → head `singleton`; `Generators in Python` → head `generat`.
//! - `Нормализация баз данных` → head `нормализац`; `Шардирование` ↔ `sharding` through the
//!   cross-script key `shard…`.

use super::is_acronym;
use super::stem::stem;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The script a text is mostly written in, for preferring answers in the reader's language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Script {
    /// Latin letters (or no letters at all).
    #[default]
    Latin,
    /// Cyrillic letters.
    Cyrillic,
}

impl Script {
    /// Bytes of a text looked at to tell its script.
    const SAMPLE: usize = 4096;

    /// The script most letters of `text` (its first few kilobytes) are written in.
    pub fn of(text: &str) -> Script {
        let sample = &text[..text.floor_char_boundary(Self::SAMPLE.min(text.len()))];
        let (mut latin, mut cyrillic) = (0usize, 0usize);
        for c in sample.chars() {
            if c.is_ascii_alphabetic() {
                latin += 1;
            } else if matches!(c, '\u{400}'..='\u{4FF}') {
                cyrillic += 1;
            }
        }
        if cyrillic > latin {
            Script::Cyrillic
        } else {
            Script::Latin
        }
    }
}

/// A name's words as the index matches them, joined by single spaces; `None` for a name with no
/// word. Acronyms (`CAP`, `N+1`, `CI/CD`) stay exactly as written; other words are lower-cased
/// and stemmed; spacing around `+` and `/` does not count; `-` between words is a space.
pub fn name_key(name: &str) -> Option<String> {
    let words = key_words(name);
    (!words.is_empty()).then(|| words.join(" "))
}

/// The key of a name's head: its words without trailing generic heads (`theorem`, `problem`,
/// `design pattern`, `pipeline`, `баз данных` …) and a trailing `in …`/`в …` modifier; `None`
/// when nothing generic was dropped or nothing would be left.
pub fn head_key(name: &str) -> Option<String> {
    head_of(key_words(name))
}

/// Every key of one name, its words stemmed once.
pub struct Keys {
    /// See [`name_key`].
    pub words: String,
    /// See [`head_key`].
    pub head: Option<String>,
    /// The thing a name of two or three words is a kind of: its head's last word, when no
    /// preposition or conjunction makes another word the head (`Python dictionary` →
    /// `dictionari`; `Type of JOIN`, `Useful for things like`, `Testing and Iteration` have
    /// none).
    pub kind: Option<String>,
}

impl Keys {
    /// The keys of `name`, or `None` for a name with no word.
    pub fn of(name: &str) -> Option<Keys> {
        let words = key_words(name);
        if words.is_empty() {
            return None;
        }
        let joined = words.join(" ");
        let head = head_of(words);
        let kind = kind_of(head.as_deref().unwrap_or(&joined));
        Some(Keys {
            words: joined,
            head,
            kind,
        })
    }
}

/// [`head_key`] of a name's key words.
fn head_of(mut words: Vec<String>) -> Option<String> {
    let full = words.len();
    loop {
        let before = words.len();
        strip_modifier(&mut words);
        strip_generic_head(&mut words);
        if words.len() == before {
            break;
        }
    }
    (words.len() < full && !words.is_empty()).then(|| words.join(" "))
}

/// [`Keys::kind`] of a name's head (or words) key.
fn kind_of(words: &str) -> Option<String> {
    // A kind is named by a short compound (`Two-phase commit`), not a phrase.
    if words.split(' ').count() > 3 {
        return None;
    }
    let (before, last) = words.rsplit_once(' ')?;
    const PREPOSITIONS: &[&str] = &[
        "of", "for", "in", "on", "to", "with", "by", "from", "like", "as", "в", "во", "на", "для",
        "из", "с", "по", "о", "об", "к", "and", "or", "&", "и", "или",
    ];
    let linked = before
        .split(' ')
        .chain([last])
        .any(|w| PREPOSITIONS.contains(&w));
    (!linked).then(|| last.to_string())
}

/// The cross-script key of a one-word key: Cyrillic transliterated, then both scripts folded
/// to a coarse Latin spelling (`c`/`q` → `k`, `x` → `ks`, `z` → `s`, doubled letters once), so
/// that `шардирован` and `shard`, `транзакц` and `transact` share a start. `None` for keys of
/// several words, other scripts, or fewer than [`CROSS_PREFIX`] letters.
pub fn cross_key(key: &str) -> Option<String> {
    if key.contains(' ') || !key.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    let mut latin = String::with_capacity(key.len());
    for c in key.chars() {
        match c {
            'a'..='z' => latin.push(c),
            'а'..='я' | 'ё' => latin.push_str(transliterate(c)),
            _ => return None,
        }
    }
    let mut coarse = String::with_capacity(latin.len());
    for c in latin.chars() {
        let folded: &str = match c {
            'c' | 'q' => "k",
            'x' => "ks",
            'z' => "s",
            'w' => "v",
            'y' => "i",
            _ => "",
        };
        let push = |s: &str, out: &mut String| {
            for f in s.chars() {
                if !out.ends_with(f) {
                    out.push(f);
                }
            }
        };
        if folded.is_empty() {
            push(c.encode_utf8(&mut [0; 4]), &mut coarse);
        } else {
            push(folded, &mut coarse);
        }
    }
    (coarse.chars().count() >= CROSS_PREFIX).then_some(coarse)
}

/// How many leading characters of a cross-script key the index files it under.
pub const CROSS_PREFIX: usize = 5;

/// The part of a cross-script key the index files it under.
pub fn cross_prefix(cross: &str) -> &str {
    let end = cross
        .char_indices()
        .nth(CROSS_PREFIX)
        .map_or(cross.len(), |(i, _)| i);
    &cross[..end]
}

/// Whether two cross-script keys name the same word: they share a start of at least
/// [`CROSS_PREFIX`] letters that covers all but the last letter of the shorter one.
pub fn cross_match(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    common >= CROSS_PREFIX && common + 1 >= shorter
}

/// Whether a name is written in Cyrillic (any Cyrillic letter).
pub fn is_cyrillic(name: &str) -> bool {
    name.chars().any(|c| matches!(c, '\u{400}'..='\u{4FF}'))
}

fn transliterate(c: char) -> &'static str {
    match c {
        'а' | 'я' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ю' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "c",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ы' => "y",
        _ => "",
    }
}

/// The words of a name as the index matches them.
fn key_words(name: &str) -> Vec<String> {
    // `N + 1`, `CI / CD`: spacing around `+` and `/` does not count.
    let mut glued = String::with_capacity(name.len());
    for part in name.split_whitespace() {
        let joins = |s: &str| s.starts_with(['+', '/']) || glued.ends_with(['+', '/']);
        if !glued.is_empty() && !joins(part) {
            glued.push(' ');
        }
        glued.push_str(part);
    }
    glued
        .split([' ', '-', '–', '—'])
        .map(|w| w.trim_matches(|c: char| !(c.is_alphanumeric() || "+#".contains(c))))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| {
            if is_acronym(w) {
                return w.to_string();
            }
            let mut lower = w.to_lowercase().replace('ё', "е");
            stem(&mut lower);
            lower
        })
        .collect()
}

/// Drops a trailing `in Python`, `в JDBC` (a preposition and at most two words after it).
fn strip_modifier(words: &mut Vec<String>) {
    let len = words.len();
    for at in len.saturating_sub(3)..len {
        if at > 0 && ["in", "в", "во"].contains(&words[at].as_str()) {
            words.truncate(at);
            return;
        }
    }
}

/// Drops one trailing generic head (`theorem`, `design pattern`, `баз данных` …).
fn strip_generic_head(words: &mut Vec<String>) {
    let heads = generic_heads();
    let best = heads
        .iter()
        .filter(|h| h.len() < words.len() && words.ends_with(h))
        .map(Vec::len)
        .max();
    if let Some(n) = best {
        words.truncate(words.len() - n);
    }
}

/// Generic heads and modifiers a term's name may carry, stemmed as names are.
fn generic_heads() -> &'static [Vec<String>] {
    static HEADS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    HEADS.get_or_init(|| {
        [
            "theorem",
            "problem",
            "pattern",
            "design pattern",
            "pipeline",
            "principle",
            "principles",
            "model",
            "algorithm",
            "protocol",
            "method",
            "technique",
            "concept",
            "approach",
            "paradigm",
            "mechanism",
            "query",
            "property",
            "properties",
            "теорема",
            "проблема",
            "паттерн",
            "паттерн проектирования",
            "шаблон проектирования",
            "принцип",
            "принципы",
            "модель",
            "алгоритм",
            "протокол",
            "метод",
            "запрос",
            "свойства",
            "баз данных",
            "бд",
        ]
        .iter()
        .map(|h| key_words(h))
        .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spacing_case_and_inflection_do_not_count() {
        assert_eq!(name_key("N + 1"), name_key("N+1"));
        assert_eq!(name_key("CI / CD"), Some("CI/CD".into()));
        assert_eq!(name_key("Iterators"), name_key("Iterator"));
        assert_eq!(name_key("генераторы"), name_key("Генератор"));
        assert_eq!(name_key("Select-Related"), name_key("select related"));
        assert_ne!(name_key("CAP"), name_key("cap"));
    }

    #[test]
    fn heads_drop_generic_words_and_modifiers() {
        assert_eq!(head_key("CAP Theorem"), Some("CAP".into()));
        assert_eq!(head_key("N + 1 Problem"), Some("N+1".into()));
        assert_eq!(head_key("Singleton Design Pattern"), name_key("Singleton"));
        assert_eq!(head_key("CI/CD Pipeline"), Some("CI/CD".into()));
        assert_eq!(
            head_key("Нормализация баз данных"),
            name_key("Нормализация")
        );
        assert_eq!(head_key("Generators in Python"), name_key("generator"));
        assert_eq!(head_key("Транзакции в JDBC"), name_key("транзакция"));
        assert_eq!(head_key("Python Lists & Their Low-Level Handling"), None);
        assert_eq!(head_key("System Design"), None);
        assert_eq!(head_key("Pattern"), None);
    }

    #[test]
    fn kinds_are_the_last_word_of_a_plain_name() {
        assert_eq!(
            Keys::of("Python dictionary").and_then(|k| k.kind),
            name_key("dictionaries")
        );
        assert_eq!(
            Keys::of("Shallow Copy").and_then(|k| k.kind),
            name_key("copy")
        );
        assert_eq!(Keys::of("Type of JOIN").and_then(|k| k.kind), None);
        assert_eq!(
            Keys::of("Useful for things like").and_then(|k| k.kind),
            None
        );
        assert_eq!(Keys::of("Dictionary").and_then(|k| k.kind), None);
    }

    #[test]
    fn cross_script_keys_meet_through_transliterated_stems() {
        let meets = |ru: &str, en: &str| {
            let a = cross_key(&name_key(ru).unwrap()).unwrap();
            let b = cross_key(&name_key(en).unwrap()).unwrap();
            cross_match(&a, &b)
        };
        assert!(meets("Шардирование", "Sharding"));
        assert!(meets("нормализация", "normalization"));
        assert!(meets("репликация", "replication"));
        assert!(meets("индексы", "index"));
        assert!(meets("транзакция", "transaction"));
        assert!(!meets("репликация", "replace"));
        assert!(!meets("индексы", "indirection"));
        assert_eq!(cross_key("GIL"), None);
        assert_eq!(cross_key("key"), None);
    }
}
