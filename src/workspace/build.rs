//! How notes enter and leave the indexes: one at a time, or all at once into an empty
//! workspace (the first index).

use super::keys::{link_keys, match_keys, names_of, term_keys};
use super::term_filter::TermFilter;
use super::{BuildMap, DefRef, Map, NotePath, Prepared, Workspace};
use crate::syntax::Note;
use std::path::Path;
use std::sync::Arc;

impl Workspace {
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
            if !self.terms.contains_key(&term) {
                self.term_filter.add(&term);
            }
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
        self.term_filter = TermFilter::of(terms.keys());
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
        for term in unfile(&mut self.terms, term_keys(&note), &key) {
            self.term_filter.remove(&term);
        }
        unfile(&mut self.matches, match_keys(&note), &key);
        self.scripts[note.script as usize] -= 1;
    }
}

/// Takes the note at `key` out of the lists of `keys` in `index`, and returns the keys left with
/// no list. Every index holds the note's own key, so entries are found by identity.
fn unfile(
    index: &mut Map<String, Vec<DefRef>>,
    keys: Vec<(u32, String)>,
    key: &NotePath,
) -> Vec<String> {
    let mut emptied = Vec::new();
    for (_, term) in keys {
        if let Some(list) = index.get_mut(&term) {
            list.retain(|d| !Arc::ptr_eq(&d.path, key));
            if list.is_empty() {
                index.remove(&term);
                emptied.push(term);
            }
        }
    }
    emptied
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::PathBuf;

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
