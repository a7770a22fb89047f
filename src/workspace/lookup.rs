//! What the term and backlink indexes answer: definitions by name, how closely they match,
//! and the notes that link to a note.

use super::keys::{cross_of, names_of, term_key, LinkKey};
use super::{DefRef, NotePath, Workspace};
use crate::syntax::{
    cross_key, cross_match, cross_prefix, fold, is_cyrillic, Definition, Keys, Note, Script,
};
use std::path::Path;
use std::sync::Arc;

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

impl Workspace {
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
    /// A name no key hashes like is answered without a lookup, and without allocating.
    pub fn definitions_filed_as(&self, name: &str) -> &[DefRef] {
        if !self.term_filter.may_be_key(name) {
            return &[];
        }
        self.terms.get(&term_key(name)).map_or(&[], Vec::as_slice)
    }

    /// The most words (up to [`MAX_TERM_WORDS`](super::MAX_TERM_WORDS)) of a name in the term
    /// index that may start with `word`, a word of [`crate::syntax::term_words`] as written: 0
    /// rules out every name starting there, and a window of more words from there is no name.
    /// Answered without a lookup and without allocating.
    pub fn longest_term_from(&self, word: &str) -> usize {
        self.term_filter.longest_from(word)
    }

    /// Notes whose links lead to the note at `path` (by path or by wiki name). A path is looked
    /// up as relative links write it and as root-relative ones (`/x.md`) do, each with and
    /// without the note extension.
    pub fn dependents(&self, path: &Path) -> Vec<NotePath> {
        let rooted = self
            .root_of(path)
            .and_then(|root| path.strip_prefix(root).ok())
            .map(|rest| Path::new("/").join(rest));
        let mut spellings: Vec<std::path::PathBuf> =
            std::iter::once(path.to_path_buf()).chain(rooted).collect();
        if self.config().is_note_path(path) {
            let bare: Vec<_> = spellings.iter().map(|p| p.with_extension("")).collect();
            spellings.extend(bare);
        }
        let mut keys: Vec<LinkKey> = spellings.iter().map(|p| LinkKey::path(p)).collect();
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
}
