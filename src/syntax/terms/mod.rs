//! Terms a note defines: heading topics, bold/code definitions, "X is …" sentences, `Answer:`
//! blocks, outline topics, glossary entries, abbreviations and front-matter aliases.

use super::names::{cross_key, cross_match, head_key, is_cyrillic, name_key, Script};
use super::{CharMask, Note, Span};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

mod aliases;
mod subject;
mod topic;

use aliases::*;
use subject::*;
pub use topic::topic_names;
use topic::*;

/// How a definition is written; earlier kinds are stronger evidence of a real answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DefinitionKind {
    /// A heading whose section answers it.
    Heading,
    /// A glossary entry (`Term\n: definition`) or an abbreviation (`*[GIL]: …`).
    Glossary,
    /// An outline item whose nested items answer it.
    Outline,
    /// A bold or code term opening a paragraph or item: `**WAL** is …`.
    Bold,
    /// A question followed by an `Answer:` line.
    Answer,
    /// A plain sentence opening a paragraph or item: `Replication is …`.
    Sentence,
}

/// One definition of a term in a note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Definition {
    /// The term as written.
    pub term: Box<str>,
    /// Other names for it (`Term (Expansion)`, front-matter aliases).
    pub aliases: Vec<Box<str>>,
    /// How it is written.
    pub kind: DefinitionKind,
    /// Where the term itself is written.
    pub span: Span,
    /// The answer: a section, nested items or a paragraph.
    pub answer: Span,
    /// Whether the answer is only a placeholder.
    pub gap: bool,
    /// How strongly its shape says "this is what the term means".
    pub weight: Weight,
    /// The script its answer is written in.
    pub script: Script,
    /// The folded characters of its names.
    pub mask: CharMask,
}

/// How strongly a definition's shape says it is the term's meaning; earlier is stronger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Weight {
    /// A sentence or glossary entry that says what the term is: `X is a …`, `X — это …`.
    Definition,
    /// A section, outline topic or question whose answer is about the term.
    Section,
    /// A heading with no text of its own: its answer is its subsections.
    Container,
    /// A bold lead of a list item.
    ListLead,
    /// A section about several subjects at once (`X vs Y`, `X & Y`).
    Shared,
    /// A sentence about the term that does not define it: `X is useful when …`.
    Usage,
    /// A table of contents or index: its answer is only links.
    Index,
}

impl Weight {
    /// Whether a definition of this shape answers what its term is, rather than only speaking
    /// of it (a comparison, a usage, an index).
    pub fn answers(self) -> bool {
        self < Weight::Shared
    }
}

impl Definition {
    /// The term and its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(&*self.term).chain(self.aliases.iter().map(|a| &**a))
    }
}

/// A bold or code span that opens a block.
#[derive(Clone, Debug, Default)]
pub(super) struct Lead {
    pub text: String,
    pub span: Span,
}

/// The blocks of a note that can define terms, as the parser saw them.
#[derive(Debug)]
pub(super) enum Block {
    Paragraph {
        text: String,
        span: Span,
        lead: Option<Lead>,
    },
    Item {
        text: String,
        own: Span,
        lead: Option<Lead>,
        whole: Span,
        children: Option<Span>,
    },
    Glossary {
        term: String,
        span: Span,
        answer: Span,
    },
}

impl Block {
    fn start(&self) -> u32 {
        match self {
            Block::Paragraph { span, .. } => span.start,
            Block::Item { whole, .. } => whole.start,
            Block::Glossary { span, .. } => span.start,
        }
    }
}

/// Case-folded, whitespace-collapsed form of a name, as the index compares it.
pub fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a name is an acronym, matched case-sensitively: two or more characters, all capitals,
/// digits, `+`, `/`, `&` or `-`, with at least one capital (`CAP`, `N+1`, `CI/CD`).
pub fn is_acronym(name: &str) -> bool {
    name.chars().count() >= 2
        && name.chars().any(|c| c.is_uppercase())
        && name
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || "+/&-".contains(c))
}

/// What opens an answer line: `Answer:`, `Ответ:`, `A:`, in any case.
const ANSWER_PREFIXES: &[&str] = &["answer:", "ответ:", "a:"];

/// The rest of a line that opens with an answer prefix (see [`ANSWER_PREFIXES`]).
pub(crate) fn strip_answer_prefix(line: &str) -> Option<&str> {
    ANSWER_PREFIXES.iter().find_map(|p| {
        let end = line
            .char_indices()
            .nth(p.chars().count())
            .map_or(line.len(), |(i, _)| i);
        (line[..end].to_lowercase() == *p && line.chars().count() >= p.chars().count())
            .then(|| line[end..].trim_start())
    })
}

/// Whether `text` holds nothing but placeholder tokens (list markers and `Answer:` aside).
pub(crate) fn placeholder_only(text: &str, tokens: &[String]) -> bool {
    let mut any = false;
    for line in text.lines() {
        let mut line = line.trim();
        line = line
            .trim_start_matches(|c: char| c == '>' || c.is_whitespace())
            .trim_start();
        for marker in ["- ", "* ", "+ "] {
            if let Some(rest) = line.strip_prefix(marker) {
                line = rest.trim();
            }
        }
        if line == "-" || line == "*" || line == "+" {
            continue;
        }
        let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && line[digits..].starts_with(". ") {
            line = line[digits + 2..].trim();
        }
        if let Some(rest) = strip_answer_prefix(line) {
            line = rest.trim();
        }
        if line.is_empty() {
            continue;
        }
        if !tokens.iter().any(|t| t == line) {
            return false;
        }
        any = true;
    }
    any
}

struct Builder<'a> {
    text: &'a str,
    tokens: &'a [String],
    out: Vec<Definition>,
    /// Indexes into `out` by folded term, so that finding a restated term costs no scan.
    by_term: HashMap<String, Vec<usize>>,
    /// Sections and outline topics by where their answer's first block starts.
    openers: HashMap<u32, usize>,
    /// Where the block being read starts.
    block_start: u32,
    /// Where each heading starts, in order.
    heading_starts: Vec<u32>,
}

impl Builder<'_> {
    fn add(
        &mut self,
        names: Vec<String>,
        kind: DefinitionKind,
        weight: Weight,
        span: Span,
        answer: Span,
    ) {
        let mut names = names.into_iter();
        let Some(term) = names.next() else {
            return;
        };
        // A sentence inside a section that already defines the same term only adds its aliases
        // (and a defining sentence makes the section a definition).
        let folded = fold(&term);
        let names: Vec<String> = names.collect();
        if kind != DefinitionKind::Heading {
            let restated = self.by_term.get(&folded).and_then(|list| {
                list.iter().rev().copied().find(|&i| {
                    let d = &self.out[i];
                    // A heading takes only sentences of its own text, not of its subsections.
                    let own = d.kind != DefinitionKind::Heading
                        || self.heading_at(span.start) == Some(d.span.start);
                    own && d.weight != Weight::Shared
                        && d.answer.start <= span.start
                        && span.end <= d.answer.end
                })
            });
            let opened = self.openers.get(&self.block_start).copied().filter(|&i| {
                let topic = &self.out[i];
                std::iter::once(&term)
                    .chain(&names)
                    .any(|n| topic.names().any(|m| same_topic(m, n)))
            });
            if let Some(i) = restated.or(opened) {
                let existing = &mut self.out[i];
                for name in std::iter::once(term).chain(names) {
                    if !existing.names().any(|n| fold(n) == fold(&name)) {
                        existing.aliases.push(name.into());
                    }
                }
                existing.weight = existing.weight.min(weight);
                return;
            }
        }
        let answer_text = &self.text[answer.range()];
        let gap = placeholder_only(answer_text, self.tokens) || answer_text.trim().is_empty();
        let weight = if links_only(answer_text) {
            Weight::Index
        } else {
            weight
        };
        let topic = matches!(kind, DefinitionKind::Heading | DefinitionKind::Outline);
        if topic && weight == Weight::Section && !gap {
            let first = answer_text.len() - answer_text.trim_start().len();
            self.openers
                .insert(answer.start + first as u32, self.out.len());
        }
        self.by_term.entry(folded).or_default().push(self.out.len());
        self.out.push(Definition {
            term: term.into(),
            aliases: names.into_iter().map(Into::into).collect(),
            kind,
            span,
            answer,
            gap,
            weight,
            script: Script::of(answer_text),
            mask: CharMask::default(),
        });
    }

    /// Where the innermost heading whose section holds `offset` starts.
    fn heading_at(&self, offset: u32) -> Option<u32> {
        let after = self.heading_starts.partition_point(|&h| h <= offset);
        after.checked_sub(1).map(|i| self.heading_starts[i])
    }

    /// A question and its answer, as an `Answer` definition.
    fn add_answered(&mut self, a: Answered) {
        let Answered {
            names,
            weight,
            question,
            answer,
        } = a;
        self.add(names, DefinitionKind::Answer, weight, question, answer);
    }

    /// `Question?\nAnswer: …` inside one block: the question's names and the answer's span.
    fn answer_block(&self, span: Span, end: u32) -> Option<Answered> {
        let source = &self.text[span.range()];
        let mut offset = 0;
        for line in source.split_inclusive('\n') {
            if let Some(reply) = strip_answer_prefix(line.trim_start()).filter(|_| offset > 0) {
                let question = source[..offset].trim();
                let question = question.lines().last().unwrap_or(question);
                let q_span = Span::new(span.start as usize, span.start as usize + offset);
                let answer = Span::new(span.start as usize + offset, end as usize);
                return Some(answered(question, reply, q_span, answer));
            }
            offset += line.len();
        }
        None
    }
}

/// Whether a sentence's subject `name` restates the topic `topic` of the section it opens: one
/// holds the other as whole words (`SOLID` in `SOLID principles`; `CI` is not a word of
/// `CI/CD`), they share their words' stems or head (`Factory pattern` / `Factory Design
/// Pattern`), or one word is the other's counterpart in the other script (`Iterators` /
/// `Итератор`).
fn same_topic(topic: &str, name: &str) -> bool {
    let (a, b) = (fold(topic), fold(name));
    let in_word = |c: char| c.is_alphanumeric() || "/+-_".contains(c);
    let holds = |long: &str, short: &str| {
        long.match_indices(short).any(|(i, _)| {
            let before = long[..i].chars().next_back();
            let after = long[i + short.len()..].chars().next();
            !before.is_some_and(in_word) && !after.is_some_and(in_word)
        })
    };
    if holds(&a, &b) || holds(&b, &a) {
        return true;
    }
    let key = |n: &str| head_key(n).or_else(|| name_key(n));
    if key(topic).is_some() && key(topic) == key(name) {
        return true;
    }
    let one_word = |w: &str| !w.contains(' ') && w.chars().all(char::is_alphabetic);
    one_word(&a)
        && one_word(&b)
        && is_cyrillic(&a) != is_cyrillic(&b)
        && cross_key(&a)
            .zip(cross_key(&b))
            .is_some_and(|(x, y)| cross_match(&x, &y))
}

/// A question and its answer, as a definition.
struct Answered {
    names: Vec<String>,
    weight: Weight,
    question: Span,
    answer: Span,
}

/// The definition a question line and its reply make: the question's topic, with the names of
/// a reply that restates it (`Answer: GIL is a lock …`), which also makes it a definition.
fn answered(question: &str, reply: &str, q_span: Span, answer: Span) -> Answered {
    let mut names = topic_names(question);
    let (restated, weight) = defined_subject(reply.trim());
    let restates = restated
        .iter()
        .any(|r| names.iter().any(|n| same_topic(n, r)));
    let weight = if restates {
        for r in restated {
            if !names.iter().any(|n| fold(n) == fold(&r)) {
                names.push(r);
            }
        }
        weight
    } else {
        Weight::Section
    };
    Answered {
        names,
        weight,
        question: q_span,
        answer,
    }
}

/// Whether every non-blank line of `text` is only a link (a table of contents, an index).
fn links_only(text: &str) -> bool {
    let mut any = false;
    for line in text.lines() {
        let line = line
            .trim()
            .trim_start_matches(|c: char| "-*+".contains(c) || c.is_ascii_digit())
            .trim_start_matches('.')
            .trim();
        if line.is_empty() {
            continue;
        }
        if !(line.starts_with('[') && (line.ends_with(')') || line.ends_with(']'))) {
            return false;
        }
        any = true;
    }
    any
}

/// Whether a block reads as a question: its first line ends with `?` or opens with `Q.`/`Q:`.
fn is_question(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("").trim();
    first.ends_with('?') || first.starts_with("Q.") || first.starts_with("Q:")
}

impl Block {
    /// The block's own text (a paragraph, an item's first lines, a glossary term).
    fn text(&self) -> &str {
        match self {
            Block::Paragraph { text, .. } | Block::Item { text, .. } => text,
            Block::Glossary { term, .. } => term,
        }
    }
}

/// Every definition in a note, from the blocks the parser recorded.
pub(super) fn definitions(note: &Note, blocks: &[Block], tokens: &[String]) -> Vec<Definition> {
    let text = note.source.text();
    let mut b = Builder {
        text,
        tokens,
        out: Vec::new(),
        by_term: HashMap::new(),
        openers: HashMap::new(),
        block_start: 0,
        heading_starts: note.headings.iter().map(|h| h.span.start).collect(),
    };
    for (i, h) in note.headings.iter().enumerate() {
        let Topic { mut names, shared } = topic(&h.text);
        if i == 0 && h.level == 1 {
            names.extend(note.aliases.iter().map(|a| a.to_string()));
        }
        let next = note
            .headings
            .get(i + 1)
            .map_or(text.len(), |n| n.span.start as usize);
        let direct = Span::new(h.span.end as usize, next);
        let (answer, weight) = if text[direct.range()].trim().is_empty() {
            let section = Span::new(h.span.end as usize, h.section.end as usize);
            (section, Weight::Container)
        } else if shared {
            (direct, Weight::Shared)
        } else {
            (direct, Weight::Section)
        };
        b.add(names, DefinitionKind::Heading, weight, h.span, answer);
    }
    let mut ordered: Vec<&Block> = blocks.iter().collect();
    ordered.sort_by_key(|b| b.start());
    let heading_starts = b.heading_starts.clone();
    // Where the answer of a question in block `i` ends: the next question or heading after it.
    let mut next_question = vec![text.len() as u32; ordered.len() + 1];
    for i in (0..ordered.len()).rev() {
        next_question[i] = if is_question(ordered[i].text()) {
            ordered[i].start()
        } else {
            next_question[i + 1]
        };
    }
    let answer_end = |i: usize, from: u32| {
        let heading = heading_starts
            .get(heading_starts.partition_point(|&h| h <= from))
            .copied()
            .unwrap_or(text.len() as u32);
        next_question[i].min(heading)
    };
    // Where the answer of a bold-only line in block `i` ends: the next such line.
    let mut next_bold = vec![text.len() as u32; ordered.len() + 1];
    for i in (0..ordered.len()).rev() {
        next_bold[i] = if bold_only(ordered[i]).is_some() {
            ordered[i].start()
        } else {
            next_bold[i + 1]
        };
    }
    for (i, block) in ordered.iter().enumerate() {
        b.block_start = block.start();
        if let Some(mut answered) = answer_after(&ordered, i, &heading_starts, text) {
            answered.answer.end = answer_end(i + 2, answered.answer.start);
            b.add_answered(answered);
            continue;
        }
        if let Some((lead, own)) = bold_only(block) {
            let next = ordered.get(i + 1).filter(|next| {
                let heading_between = heading_starts
                    .iter()
                    .any(|&h| own.end <= h && h < next.start());
                bold_only(next).is_none()
                    && !heading_between
                    && text[own.end as usize..next.start() as usize]
                        .trim()
                        .is_empty()
            });
            if let Some(next) = next {
                let end = answer_end(i + 1, next.start()).min(next_bold[i + 1]);
                let answer = Span::new(next.start() as usize, end as usize);
                let Topic { names, shared } = topic(&lead.text);
                let weight = if shared {
                    Weight::Shared
                } else {
                    Weight::Section
                };
                b.add(names, DefinitionKind::Outline, weight, lead.span, answer);
                continue;
            }
        }
        match block {
            Block::Glossary { term, span, answer } => b.add(
                split_aliases(term),
                DefinitionKind::Glossary,
                Weight::Definition,
                *span,
                *answer,
            ),
            Block::Item {
                text: own_text,
                own,
                lead,
                whole,
                children,
                ..
            } => {
                if let Some(a) = b.answer_block(*own, whole.end) {
                    b.add_answered(a);
                } else if let Some(children) =
                    children.filter(|_| own_text.split_whitespace().count() <= 8)
                {
                    let Topic { names, shared } = topic(own_text);
                    let weight = if shared {
                        Weight::Shared
                    } else {
                        Weight::Section
                    };
                    b.add(names, DefinitionKind::Outline, weight, *own, children);
                } else {
                    let names = lead.as_ref().map(|l| lead_names(own_text, l));
                    match names.filter(|n| !n.is_empty()) {
                        Some(names) => {
                            let span = lead.as_ref().map_or(*own, |l| l.span);
                            b.add(names, DefinitionKind::Bold, Weight::ListLead, span, *whole);
                        }
                        None => match labelled_item(own_text) {
                            Some(names) => {
                                let kind = DefinitionKind::Sentence;
                                b.add(names, kind, Weight::ListLead, *own, *whole);
                            }
                            None => {
                                let (names, weight) = defined_subject(own_text);
                                b.add(names, DefinitionKind::Sentence, weight, *own, *whole);
                            }
                        },
                    }
                }
            }
            Block::Paragraph {
                text: para,
                span,
                lead,
                ..
            } => {
                if let Some(a) = b.answer_block(*span, span.end) {
                    b.add_answered(a);
                    continue;
                }
                let raw = &text[span.range()];
                if raw.starts_with("*[") {
                    for (offset, line) in line_offsets(raw) {
                        if let Some((abbr, expansion)) = abbreviation(line) {
                            let at = span.start as usize + offset;
                            let s = Span::new(at, at + line.len());
                            let names = vec![abbr.to_string(), expansion.to_string()];
                            b.add(names, DefinitionKind::Glossary, Weight::Definition, s, s);
                        }
                    }
                    continue;
                }
                let names = lead
                    .as_ref()
                    .map(|l| lead_names(para, l))
                    .unwrap_or_default();
                if names.is_empty() {
                    let (names, weight) = defined_subject(para);
                    let (names, weight) = if names.is_empty() {
                        (acting_subject(para), Weight::Usage)
                    } else {
                        (names, weight)
                    };
                    b.add(names, DefinitionKind::Sentence, weight, *span, *span);
                } else {
                    let at = lead.as_ref().map_or(*span, |l| l.span);
                    b.add(names, DefinitionKind::Bold, Weight::Definition, at, *span);
                }
            }
        }
    }
    b.out
}

/// The lead and span of a block that is nothing but one bold phrase (`3. **Eventual
/// Consistency**`, `**Атомарность**:`): a topic line whose answer is the blocks after it.
fn bold_only(block: &Block) -> Option<(&Lead, Span)> {
    let (text, lead, span) = match block {
        Block::Item {
            text,
            lead: Some(lead),
            whole,
            children: None,
            ..
        } => (text, lead, *whole),
        Block::Paragraph {
            text,
            lead: Some(lead),
            span,
        } => (text, lead, *span),
        _ => return None,
    };
    let phrase = lead.text.trim();
    (!phrase.is_empty() && text.trim().trim_end_matches(':').trim_end() == phrase)
        .then_some((lead, span))
}

/// A question in block `i` answered by the block after it: an `Answer: …` paragraph after a
/// question item or paragraph (`3. What is the GIL?` / `Answer: …`), or a plain paragraph after
/// a one-line question paragraph (`Q. Generators in Python?` / `Instead of …`), with nothing
/// but blank lines between them. The answer's span runs from the reply's start.
fn answer_after(
    ordered: &[&Block],
    i: usize,
    heading_starts: &[u32],
    text: &str,
) -> Option<Answered> {
    let question = ordered[i];
    let (q_span, q_text) = match question {
        Block::Item {
            own,
            children: None,
            text,
            ..
        } => (*own, text.as_str()),
        Block::Paragraph { span, text, .. } => (*span, text.as_str()),
        _ => return None,
    };
    if !is_question(&text[q_span.range()]) {
        return None;
    }
    let Some(Block::Paragraph {
        span: reply,
        text: reply_text,
        ..
    }) = ordered.get(i + 1)
    else {
        return None;
    };
    let between = &text[q_span.end as usize..reply.start as usize];
    let heading_between = heading_starts
        .iter()
        .any(|&h| q_span.end <= h && h < reply.start);
    if heading_between || !between.trim().is_empty() {
        return None;
    }
    let reply_text = reply_text.as_str();
    let answer = Span::new(reply.start as usize, reply.end as usize);
    if let Some(rest) = strip_answer_prefix(reply_text) {
        return Some(answered(q_text, rest, q_span, answer));
    }
    let one_line =
        matches!(question, Block::Paragraph { .. }) && !text[q_span.range()].trim().contains('\n');
    (one_line && !is_question(reply_text)).then(|| answered(q_text, reply_text, q_span, answer))
}

fn line_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let at = offset;
        offset += line.len();
        (at, line.trim_end())
    })
}

/// `*[GIL]: Global Interpreter Lock` → (`GIL`, `Global Interpreter Lock`).
fn abbreviation(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("*[")?;
    let (abbr, expansion) = rest.split_once("]:")?;
    let expansion = expansion.trim();
    (!abbr.is_empty() && !expansion.is_empty()).then_some((abbr.trim(), expansion))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_lines_lose_question_words_and_split_aliases() {
        assert_eq!(topic_names("What is the GIL?"), ["GIL"]);
        assert_eq!(
            topic_names("3. How does the event loop work?"),
            ["event loop"]
        );
        assert_eq!(
            topic_names("CAP Theorem (Brewer's theorem)"),
            ["CAP Theorem", "Brewer's theorem"]
        );
        assert_eq!(
            topic_names("What is a B-tree? Where is it used?"),
            ["B-tree"]
        );
        assert_eq!(
            topic_names("Что такое мьютекс. Чем он отличается от семафора"),
            ["мьютекс"]
        );
        assert_eq!(
            topic_names("3. What GIL (global interpreter lock)? How does it allow threads?"),
            ["GIL", "global interpreter lock"]
        );
        assert_eq!(
            topic_names("S - Single Responsibility Principle (SRP)"),
            ["Single Responsibility Principle", "SRP"]
        );
        assert_eq!(
            topic_names("Шардирование (sharding) 🚀"),
            ["Шардирование", "sharding"]
        );
        assert_eq!(topic_names("Что такое репликация?"), ["репликация"]);
        assert_eq!(topic_names("What does CORS stand for?"), ["CORS"]);
        assert!(topic_names("Examples").is_empty());
    }

    #[test]
    fn topics_about_several_subjects_are_shared() {
        let of = |line: &str| {
            let t = topic(line);
            (t.names, t.shared)
        };
        assert_eq!(
            of("ACID Vs. BASE"),
            (vec!["ACID".into(), "BASE".into()], true)
        );
        assert_eq!(
            of("Shallow Copy vs Deep Copy in Python").0,
            ["Shallow Copy", "Deep Copy in Python"]
        );
        assert_eq!(
            of("Back-pressure & retries"),
            (vec!["Back-pressure & retries".into()], true)
        );
        assert_eq!(
            of("How Open Addressing & Quadric Probing Work"),
            (vec!["Open Addressing & Quadric Probing".into()], true)
        );
        assert!(of("What is the difference between optimistic and pessimistic locking?").1);
        // A later side that opens a clause is not a subject; a first side always is.
        assert_eq!(
            of("Python Dictionaries and Their Low-Level Handling"),
            (vec!["Python Dictionaries".into()], false)
        );
        assert_eq!(
            of("Декораторы и зачем они нужны"),
            (vec!["Декораторы".into()], false)
        );
        assert_eq!(of("3. WHERE:"), (vec!["WHERE".into()], false));
    }

    #[test]
    fn subjects_that_act_and_labelled_items() {
        assert_eq!(
            acting_subject("Compaction merges several SSTables into one."),
            ["Compaction"]
        );
        assert!(acting_subject("Часто спрашивают про уровень изоляции.").is_empty());
        assert!(acting_subject("Server quotas system backup record bugs.").is_empty());
        assert!(acting_subject("Python lists are more flexible than arrays.").is_empty());
        assert!(acting_subject("This reduces the need to fetch data.").is_empty());
        assert_eq!(
            labelled_item(
                "Token bucket: tokens refill at a fixed rate and each request spends one."
            ),
            Some(vec!["Token bucket".into()])
        );
        assert_eq!(
            labelled_item("Python: SQLAlchemy connection pooling."),
            None
        );
        assert_eq!(
            labelled_item("Python: `concurrent.futures`, `logging`, `queue`, `x`, `y`."),
            None
        );
        assert_eq!(
            labelled_item("Example: In a money transfer we deduct first."),
            None
        );
    }

    #[test]
    fn a_digit_abbreviates_a_number_word() {
        assert!(abbreviates("2PC", "Two-phase commit"));
        assert!(!abbreviates("3PC", "Two-phase commit"));
    }

    #[test]
    fn sentences_that_define_their_subject() {
        let names = |s: &str| defined_subject(s).0;
        assert_eq!(names("Replication is keeping copies."), ["Replication"]);
        assert_eq!(
            names("GIL (global interpreter lock) is a lock."),
            ["GIL", "global interpreter lock"]
        );
        assert_eq!(names("Репликация - это хранение копий."), ["Репликация"]);
        assert_eq!(
            names("Атомарность - никакая транзакция не …"),
            ["Атомарность"]
        );
        assert_eq!(
            names("Horizontal scaling, also known as scale-out, refers to adding machines."),
            ["Horizontal scaling", "scale-out"]
        );
        assert!(names("It is a lock.").is_empty());
        assert!(names("When the pool is full, requests wait.").is_empty());
        assert!(names("Python is my main language.").is_empty());
        assert_eq!(
            defined_subject("Memoization is a technique.").1,
            Weight::Definition
        );
        assert_eq!(
            defined_subject("Memoization is useful when …").1,
            Weight::Usage
        );
    }

    #[test]
    fn only_expansions_and_translations_make_aliases() {
        assert_eq!(
            split_aliases("ORM (Object-Relational Mapping)"),
            ["ORM", "Object-Relational Mapping"]
        );
        assert_eq!(
            split_aliases("Global Interpreter Lock (GIL)"),
            ["Global Interpreter Lock", "GIL"]
        );
        assert_eq!(
            split_aliases("Redis (Remote Dictionary Server)"),
            ["Redis", "Remote Dictionary Server"]
        );
        assert_eq!(split_aliases("TTL (Time-to-Live)"), ["TTL", "Time-to-Live"]);
        assert_eq!(
            split_aliases("Балансировщик нагрузки (Load balancer)"),
            ["Балансировщик нагрузки", "Load balancer"]
        );
        assert_eq!(
            split_aliases("Consistency (aka linearizability)"),
            ["Consistency", "linearizability"]
        );
        assert_eq!(
            split_aliases("Транзакции в JDBC (Java Database Connectivity)"),
            ["Транзакции в JDBC"]
        );
        assert_eq!(split_aliases("Python (my favourite)"), ["Python"]);
        assert_eq!(
            split_aliases("Как удалить элементы без медленного remove(key)"),
            ["Как удалить элементы без медленного remove"]
        );
    }

    #[test]
    fn acronyms_are_case_sensitive_names() {
        assert!(is_acronym("CAP"));
        assert!(is_acronym("N+1"));
        assert!(is_acronym("CI/CD"));
        assert!(!is_acronym("Cap"));
        assert!(!is_acronym("A"));
        assert_eq!(fold("Global  Interpreter\tLock"), "global interpreter lock");
    }

    #[test]
    fn placeholder_only_answers_are_gaps() {
        let tokens = vec!["f".to_string()];
        assert!(placeholder_only("  - f\n", &tokens));
        assert!(placeholder_only("\nAnswer: f\n", &tokens));
        assert!(!placeholder_only("  - f\n  - real answer\n", &tokens));
        assert!(!placeholder_only("\n\n", &tokens));
    }
}
