//! Heading anchors: the slug GitHub gives a heading, the `-n` suffixes for repeats, and how a
//! `{#id}` after a heading is read.

use super::slug_table::KEPT;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Which renderer's anchors the notes are written for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchors {
    /// GitHub's: a `{#id}` after a heading is text (part of the slug), and every anchor also
    /// answers to `#user-content-<anchor>`, the id GitHub's HTML really holds.
    #[default]
    Github,
    /// Pandoc's, MkDocs' and Docusaurus': a `{#id}` after a heading is its id, in place of
    /// the slug.
    Attributes,
}

/// The prefix GitHub gives every id in rendered markdown.
const USER_CONTENT: &str = "user-content-";

impl Anchors {
    /// The anchor a `#user-content-<anchor>` fragment names: GitHub's HTML holds every anchor
    /// with that prefix. `None` without the prefix or under another renderer.
    pub fn unprefixed(self, fragment: &str) -> Option<&str> {
        match self {
            Anchors::Github => fragment.strip_prefix(USER_CONTENT),
            Anchors::Attributes => None,
        }
    }
}

/// The slug of one heading text, without the repeat suffix.
///
/// Lower-cases, drops every character GitHub drops (punctuation, symbols, emoji, non-ASCII
/// spaces) and turns each ASCII space into `-`. Runs of `-` are kept as they are.
pub fn slugify(text: &str) -> String {
    if text.is_ascii() {
        return text
            .chars()
            .filter(|&c| is_kept_ascii(c))
            .map(|c| {
                if c == ' ' {
                    '-'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
    }
    text.to_lowercase()
        .chars()
        .filter(|&c| is_kept(c))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The ASCII characters GitHub keeps: letters, digits, space, `-` and `_` (the table's ASCII
/// part, without its lookup).
fn is_kept_ascii(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_')
}

fn is_kept(c: char) -> bool {
    if c.is_ascii() {
        return is_kept_ascii(c);
    }
    in_kept_table(c)
}

fn in_kept_table(c: char) -> bool {
    let cp = c as u32;
    KEPT.binary_search_by(|&(lo, hi)| {
        if hi < cp {
            std::cmp::Ordering::Less
        } else if lo > cp {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

/// Hands out the slugs of one document's headings in order, suffixing repeats as GitHub does.
#[derive(Default)]
pub struct Slugger {
    occurrences: HashMap<String, u32>,
}

impl Slugger {
    /// The unique slug for the next heading with this text.
    pub fn slug(&mut self, text: &str) -> String {
        let base = slugify(text);
        let mut result = base.clone();
        while self.occurrences.contains_key(&result) {
            let count = self.occurrences.entry(base.clone()).or_insert(0);
            *count += 1;
            result = format!("{base}-{count}");
        }
        self.occurrences.insert(result.clone(), 0);
        result
    }

    /// The anchor of the next heading: its explicit `id` when it has one (taken, so that a later
    /// slug does not repeat it), else the unique slug of its text.
    pub fn anchor(&mut self, text: &str, id: Option<&str>) -> String {
        match id {
            Some(id) => {
                self.occurrences.insert(id.to_string(), 0);
                id.to_string()
            }
            None => self.slug(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_examples() {
        assert_eq!(slugify("Programming & Python"), "programming--python");
        assert_eq!(slugify("What is \"N + 1\"?"), "what-is-n--1");
        assert_eq!(
            slugify("Шардирование (sharding) 🚀"),
            "шардирование-sharding-"
        );
    }

    #[test]
    fn ascii_shortcut_agrees_with_the_table() {
        for c in (0u8..128).map(char::from) {
            assert_eq!(is_kept_ascii(c), in_kept_table(c), "{c:?}");
        }
    }

    #[test]
    fn repeats_are_numbered_like_github() {
        let mut s = Slugger::default();
        let got: Vec<String> = ["echo", "echo", "echo 1", "echo-1", "echo"]
            .iter()
            .map(|t| s.slug(t))
            .collect();
        assert_eq!(got, ["echo", "echo-1", "echo-1-1", "echo-1-2", "echo-2"]);
    }
}
