//! Other names a parenthesis gives: expansions (`GIL (global interpreter lock)`),
//! translations (`Шардирование (sharding)`) and `aka`; any other parenthesis is a remark.

use super::*;

/// The names a topic or subject gives: `Term (Expansion)`, `Expansion (TERM)`,
/// `Термин (term)` and `X (aka Y)` give both; any other parenthesis (a remark, `remove(key)`)
/// is dropped from the name.
pub(super) fn split_aliases(text: &str) -> Vec<String> {
    let clean = |s: &str| {
        s.trim_matches(|c: char| !(c.is_alphanumeric() || "+#/&_'".contains(c)))
            .trim()
            .to_string()
    };
    let (Some(open), Some(close)) = (text.find('('), text.rfind(')')) else {
        return vec![clean(text)];
    };
    if open > close {
        return vec![clean(text)];
    }
    let outer = clean(&text[..open]);
    let inner = clean(&text[open + 1..close]);
    let after = clean(&text[close + 1..]);
    let set_apart = text[..open].ends_with(char::is_whitespace);
    if outer.is_empty() {
        return vec![inner];
    }
    if after.is_empty() && set_apart {
        if let Some(alias) = alias_of(&outer, &inner) {
            return vec![outer, alias];
        }
    }
    let joined = if after.is_empty() {
        outer
    } else {
        clean(&format!("{outer} {after}"))
    };
    vec![joined]
}

/// The other name a parenthesis gives `name`, when it is an expansion (`GIL (global interpreter
/// lock)`, `Global Interpreter Lock (GIL)`), a translation (`Шардирование (sharding)`: one side
/// Cyrillic, the other not) or says so (`aka`, `или`, `англ.`).
pub(super) fn alias_of(name: &str, inner: &str) -> Option<String> {
    let lower = inner.to_lowercase();
    for marker in [
        "aka ",
        "a.k.a. ",
        "also ",
        "или ",
        "англ. ",
        "англ ",
        "eng. ",
    ] {
        if lower.starts_with(marker) {
            let alias = inner[marker.len()..].trim();
            return (!alias.is_empty()).then(|| alias.to_string());
        }
    }
    let letters = |s: &str| s.chars().any(char::is_alphabetic);
    // A translation: one side all Cyrillic, the other without Cyrillic (`Транзакции в JDBC
    // (Java Database Connectivity)` mixes scripts: its parenthesis expands JDBC alone).
    let latin = |s: &str| s.chars().any(|c| c.is_ascii_alphabetic());
    let translated = letters(name)
        && letters(inner)
        && is_cyrillic(name) != is_cyrillic(inner)
        && !(latin(name) && is_cyrillic(name))
        && !(latin(inner) && is_cyrillic(inner));
    // `CAP Theorem (Brewer's theorem)`: another name of the same kind of thing.
    let last_word = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        (words.len() >= 2).then(|| name_key(words[words.len() - 1]))
    };
    let same_head = last_word(name).is_some_and(|a| a.is_some() && Some(a) == last_word(inner));
    let abbreviation = abbreviates(name, inner) || abbreviates(inner, name);
    (translated || same_head || abbreviation).then(|| inner.to_string())
}

/// Whether the one-word `short` abbreviates the phrase `long`: its letters, in order, are taken
/// from the phrase's words, starting each word at its initial and using every word
/// (`GIL` ↔ `global interpreter lock`, `JDBC` ↔ `Java Database Connectivity`, `ORM` ↔
/// `Object-Relational Mapping`).
pub(super) fn abbreviates(short: &str, long: &str) -> bool {
    let short: Vec<char> = short.to_lowercase().chars().collect();
    if short.len() < 2 || short.len() > 10 || !short.iter().all(|c| c.is_alphanumeric()) {
        return false;
    }
    // A digit may stand for a number word: `2PC` ↔ `Two-phase commit`.
    let all: Vec<&str> = long
        .split([' ', '-', '/'])
        .filter(|w| !w.is_empty())
        .map(|w| number_digit(w).unwrap_or(w))
        .collect();
    let content: Vec<&str> = all
        .iter()
        .copied()
        .filter(|w| !["of", "and", "the", "for", "to", "&", "и"].contains(w))
        .collect();
    spells(&short, &content) || spells(&short, &all)
}

/// The digit a number word is written as in abbreviations (`two` → `2`).
pub(super) fn number_digit(word: &str) -> Option<&'static str> {
    const NUMBERS: [(&str, &str); 6] = [
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("два", "2"),
        ("три", "3"),
        ("double", "2"),
    ];
    let lower = word.to_lowercase();
    NUMBERS.iter().find(|(w, _)| *w == lower).map(|(_, d)| *d)
}

/// Whether `short` is spelled from every one of `words` in order (see [`abbreviates`]).
pub(super) fn spells(short: &[char], words: &[&str]) -> bool {
    let words: Vec<Vec<char>> = words
        .iter()
        .map(|w| w.to_lowercase().chars().collect())
        .collect();
    if words.len() < 2 || words.len() > short.len() {
        return false;
    }
    // `reach(i, w)`: the first `i` letters are spelled, the last from word `w` (which is
    // entered through its initial); a letter may continue inside the word or open the next.
    let mut reach = vec![vec![false; words.len()]; short.len() + 1];
    for i in 1..=short.len() {
        for w in 0..words.len() {
            let opens = words[w].first() == Some(&short[i - 1])
                && if i == 1 {
                    w == 0
                } else {
                    w > 0 && reach[i - 1][w - 1]
                };
            let continues = reach[i - 1][w] && words[w][1..].contains(&short[i - 1]);
            reach[i][w] = opens || continues;
        }
    }
    reach[short.len()][words.len() - 1]
}

pub(super) fn is_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=8).contains(&words) && name.len() <= 80 && name.chars().any(char::is_alphabetic)
}
