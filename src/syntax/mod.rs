//! One note in, one [`Note`] out: headings, anchors, links, placeholders and byte ranges.
//!
//! Nothing here does I/O or knows the protocol; every range is a byte range into the note.

mod code_like;
mod front_matter;
mod links;
mod mask;
mod names;
mod parse;
pub mod slug;
mod slug_table;
mod stem;
mod term_words;
mod terms;
pub mod tree;
mod words;

pub use front_matter::front_matter_end;
pub use links::{encode_destination, is_external, percent_decode, push_encoded};
pub use mask::CharMask;
pub use names::{
    cross_key, cross_match, cross_prefix, head_key, is_cyrillic, name_key, Keys, Script,
};
pub use parse::{parse_note, ParseOptions};
pub use stem::stem;
pub use term_words::{is_term_char, term_words};
pub use terms::{fold, is_acronym, topic_names, Definition, DefinitionKind, Weight};
pub use words::{is_word_char, mention_keys, Key, Lookup, WordFilter};

use crate::text::Source;
use serde::{Deserialize, Serialize};

/// A byte range in a note's text.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// The span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// As a `usize` range, for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether `offset` lies in the span (its end included, so a cursor just after a word counts).
    pub fn touches(self, offset: usize) -> bool {
        self.start as usize <= offset && offset <= self.end as usize
    }
}

/// A heading and the section it opens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Plain text as rendered: markup removed, link and code text kept, and spaces written as
    /// entities kept even at the edges (`## &#x20;a` is " a", whose slug is `-a`).
    pub text: Box<str>,
    /// Its anchor: GitHub's slug of `text`, with the `-n` suffix of a repeat, or under
    /// [`Anchors::Attributes`](slug::Anchors) its `{#id}` when written.
    pub slug: Box<str>,
    /// The `{#id}` written after it, read as its id under [`Anchors::Attributes`](slug::Anchors)
    /// (GitHub renders it as text, part of `text`).
    pub custom_id: Option<Box<str>>,
    /// The heading's own lines.
    pub span: Span,
    /// The heading and its content, up to the next heading of the same or a higher level.
    pub section: Span,
    /// The folded characters of `text`.
    pub mask: CharMask,
}

/// An explicit HTML anchor such as `<a name="x"></a>`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Anchor {
    /// The anchor name.
    pub name: Box<str>,
    /// Where it is written.
    pub span: Span,
}

/// What a link points at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LinkTarget {
    /// A URL with a scheme (`https:`, `mailto:` …): never checked.
    External(Box<str>),
    /// A path and/or anchor, percent-decoded. `path` is `None` for `#anchor` links.
    Local {
        /// The path as written, decoded, relative to the note (or to the root with a leading `/`).
        path: Option<Box<str>>,
        /// The fragment, decoded.
        anchor: Option<Box<str>>,
    },
    /// A wiki link `[[note#Heading|alias]]`.
    Wiki {
        /// File stem or title of the target note (empty for `[[#Heading]]`).
        note: Box<str>,
        /// Heading text or slug after `#`.
        heading: Option<Box<str>>,
    },
}

/// How a link is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkKind {
    /// `[t](dest)`, `<scheme:dest>`.
    Inline,
    /// `![alt](dest)`.
    Image,
    /// `[t][label]`, `[label][]` or `[label]` with a definition.
    Reference(Box<str>),
    /// `[[note]]`.
    Wiki,
}

/// A link in a note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// How it is written.
    pub kind: LinkKind,
    /// What it points at.
    pub target: LinkTarget,
    /// The whole link.
    pub span: Span,
    /// The destination (or label) as written: what a diagnostic or rename covers.
    pub dest_span: Span,
    /// The link text.
    pub text: Box<str>,
}

/// A reference definition `[label]: dest`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefDef {
    /// The label as written.
    pub label: Box<str>,
    /// The whole definition line.
    pub span: Span,
}

/// A reference link whose label has no definition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UndefinedRef {
    /// The label.
    pub label: Box<str>,
    /// The link.
    pub span: Span,
}

/// A placeholder (`f`) written where an answer belongs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Placeholder {
    /// The placeholder token.
    pub span: Span,
    /// The question it leaves unanswered: the parent item, the preceding line or the heading.
    pub question: Box<str>,
}

/// Everything the server knows about one note, extracted in one pass.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Note {
    /// The text and its line index (not serialized: the note cache keeps texts in their files).
    #[serde(skip)]
    pub source: Source,
    /// Front-matter `title`, else the first level-1 heading.
    pub title: Option<Box<str>>,
    /// The script most of the note is written in.
    pub script: Script,
    /// Front-matter `aliases`.
    pub aliases: Vec<Box<str>>,
    /// Headings in document order.
    pub headings: Vec<Heading>,
    /// Explicit anchors.
    pub anchors: Vec<Anchor>,
    /// Links and images in document order.
    pub links: Vec<Link>,
    /// Reference definitions.
    pub ref_defs: Vec<RefDef>,
    /// Reference links with no definition.
    pub undefined_refs: Vec<UndefinedRef>,
    /// Unanswered placeholders.
    pub placeholders: Vec<Placeholder>,
    /// Code spans and code blocks, in document order.
    pub code: Vec<Span>,
    /// Terms this note defines, in document order.
    pub definitions: Vec<Definition>,
    /// The folded characters of the title, the headings and the terms' names: a name search
    /// that this lacks a character of can pass the note by.
    pub mask: CharMask,
    /// Which words, and pairs of consecutive words, the text holds: for skipping notes that
    /// cannot mention a name.
    pub words: WordFilter,
}

impl Note {
    /// Frees the spare capacity of every list: a note lives as long as the index does.
    pub fn shrink_to_fit(&mut self) {
        self.aliases.shrink_to_fit();
        self.headings.shrink_to_fit();
        self.anchors.shrink_to_fit();
        self.links.shrink_to_fit();
        self.ref_defs.shrink_to_fit();
        self.undefined_refs.shrink_to_fit();
        self.placeholders.shrink_to_fit();
        self.code.shrink_to_fit();
        self.definitions.shrink_to_fit();
    }

    /// Whether `anchor` names a heading's anchor or an explicit anchor of this note.
    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.headings.iter().any(|h| &*h.slug == anchor)
            || self.anchors.iter().any(|a| &*a.name == anchor)
    }

    /// The anchor of this note a link's `fragment` lands on: the fragment itself, or the anchor
    /// it names with GitHub's `user-content-` prefix.
    pub fn anchor_for<'a>(&self, fragment: &'a str, anchors: slug::Anchors) -> Option<&'a str> {
        std::iter::once(fragment)
            .chain(anchors.unprefixed(fragment))
            .find(|a| self.has_anchor(a))
    }

    /// The innermost heading whose section holds `offset`.
    pub fn heading_at(&self, offset: usize) -> Option<&Heading> {
        self.headings
            .iter()
            .filter(|h| h.section.range().contains(&offset))
            .max_by_key(|h| h.level)
    }

    /// Whether `offset` is inside code.
    pub fn in_code(&self, offset: usize) -> bool {
        let i = self.code.partition_point(|s| (s.end as usize) <= offset);
        self.code
            .get(i)
            .is_some_and(|s| (s.start as usize) <= offset)
    }
}
