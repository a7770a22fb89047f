//! The keys a note files under in the workspace indexes: wiki names, backlink keys, term keys
//! and match keys.

use super::{normalize, NotePath};
use crate::syntax::{cross_key, cross_prefix, fold, is_acronym, Keys, LinkTarget, Note};
use std::path::Path;

/// What a link key points at, for the backlink index.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum LinkKey {
    /// A normalized path, as bytes: hashing bytes is several times cheaper than hashing a
    /// `Path` component by component.
    Path(Box<[u8]>),
    /// A lower-case wiki name.
    Name(String),
}

impl LinkKey {
    /// The key of a link to `path`.
    pub(super) fn path(path: &Path) -> Self {
        LinkKey::Path(path.as_os_str().as_encoded_bytes().into())
    }
}

/// The term-index key of a name: acronyms exactly, other names case-folded.
pub(super) fn term_key(name: &str) -> String {
    if is_acronym(name) {
        format!("={name}")
    } else {
        format!("~{}", fold(name))
    }
}

/// The match keys of a name: its words (`%`), its head (`>`), the last word of a name of
/// several (`^`) and the start of its cross-script key (`≈`), as
/// [`Workspace::definitions_matching`] looks them up.
fn match_keys_of(name: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let Some(Keys { words, head, kind }) = Keys::of(name) else {
        return keys;
    };
    if let Some(kind) = kind {
        keys.push(format!("^{kind}"));
    }
    if let Some(cross) = cross_key(head.as_deref().unwrap_or(&words)) {
        keys.push(format!("≈{}", cross_prefix(&cross)));
    }
    if let Some(head) = head {
        keys.push(format!(">{head}"));
    }
    keys.push(format!("%{words}"));
    keys
}

/// The cross-script key of a name's head (or words), if it has one.
pub(super) fn cross_of(name: &str) -> Option<String> {
    let Keys { words, head, .. } = Keys::of(name)?;
    cross_key(&head.unwrap_or(words))
}

/// A note with the keys it files under in the workspace indexes, worked out apart from the
/// insertion so that the first index prepares every note in parallel.
pub struct Prepared {
    pub(super) key: NotePath,
    pub(super) note: Note,
    pub(super) names: Vec<String>,
    pub(super) link_keys: Vec<LinkKey>,
    pub(super) term_keys: Vec<(u32, String)>,
    pub(super) match_keys: Vec<(u32, String)>,
}

impl Prepared {
    /// The note's path.
    pub fn key(&self) -> &NotePath {
        &self.key
    }

    /// The note at `path`, ready to insert.
    pub fn new(path: &Path, note: Note) -> Self {
        let key: NotePath = normalize(path).into();
        Prepared {
            names: names_of(&key, &note),
            link_keys: link_keys(&key, &note),
            term_keys: term_keys(&note),
            match_keys: match_keys(&note),
            key,
            note,
        }
    }
}

/// Lower-case names a wiki link may use for a note: its file stem and its title.
pub(super) fn names_of(path: &Path, note: &Note) -> Vec<String> {
    let mut names = Vec::new();
    if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
        names.push(stem.to_lowercase());
    }
    if let Some(title) = &note.title {
        let title = title.to_lowercase();
        if !names.contains(&title) {
            names.push(title);
        }
    }
    names
}

/// Index keys of every name of every definition of a note, with the definition's index.
pub(super) fn term_keys(note: &Note) -> Vec<(u32, String)> {
    let mut keys: Vec<(u32, String)> = note
        .definitions
        .iter()
        .enumerate()
        .flat_map(|(i, def)| def.names().map(move |name| (i as u32, term_key(name))))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Match keys of every name of every definition of a note, with the definition's index.
pub(super) fn match_keys(note: &Note) -> Vec<(u32, String)> {
    let mut keys: Vec<(u32, String)> = note
        .definitions
        .iter()
        .enumerate()
        .flat_map(|(i, def)| {
            def.names()
                .flat_map(match_keys_of)
                .map(move |key| (i as u32, key))
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Backlink keys for every link of a note.
pub(super) fn link_keys(from: &Path, note: &Note) -> Vec<LinkKey> {
    let mut keys: Vec<LinkKey> = note
        .links
        .iter()
        .filter_map(|l| match &l.target {
            LinkTarget::Local {
                path: Some(path), ..
            } => {
                let base = from.parent().unwrap_or(Path::new(""));
                Some(LinkKey::path(&normalize(&base.join(&**path))))
            }
            LinkTarget::Wiki { note, .. } if !note.is_empty() => {
                let name = note.trim().trim_end_matches(".md").to_lowercase();
                let last = name.rsplit('/').next().unwrap_or(&name).to_string();
                Some(LinkKey::Name(last))
            }
            _ => None,
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}
