//! Terms a note defines: heading topics, bold/code definitions, "X is …" sentences, `Answer:`
//! blocks, outline topics, glossary entries, abbreviations and front-matter aliases.

use super::{CharMask, Note, Span};
use serde::{Deserialize, Serialize};

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
    /// The folded characters of its names.
    pub mask: CharMask,
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

const GENERIC: &[&str] = &[
    "example",
    "examples",
    "note",
    "notes",
    "summary",
    "introduction",
    "overview",
    "answer",
    "answers",
    "question",
    "questions",
    "todo",
    "links",
    "references",
    "see also",
    "contents",
    "table of contents",
    "misc",
    "other",
    "details",
    "пример",
    "примеры",
    "итог",
    "итоги",
    "содержание",
    "ссылки",
    "вопросы",
    "ответ",
    "заметки",
    "разное",
];

const SUBJECT_STOPWORDS: &[&str] = &[
    "it",
    "this",
    "that",
    "there",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "what",
    "which",
    "who",
    "here",
    "one",
    "each",
    "every",
    "all",
    "some",
    "answer",
    "example",
    "result",
    "reason",
    "problem",
    "idea",
    "goal",
    "point",
    "difference",
    "main",
    "это",
    "он",
    "она",
    "оно",
    "они",
    "ответ",
    "пример",
    "when",
    "if",
    "while",
    "because",
    "since",
    "after",
    "before",
    "although",
    "once",
    "unless",
    "until",
    "in",
    "on",
    "for",
    "with",
    "by",
    "from",
    "at",
    "so",
    "but",
    "and",
    "or",
    "now",
    "then",
    "also",
    "most",
    "many",
    "our",
    "my",
    "your",
    "its",
    "their",
    "his",
    "her",
    "если",
    "когда",
    "в",
    "на",
    "для",
    "так",
    "но",
    "и",
    "или",
];

const QUESTION_PREFIXES: &[&str] = &[
    "what is an ",
    "what is a ",
    "what is the ",
    "what is ",
    "what are the ",
    "what are ",
    "what's ",
    "what does ",
    "explain ",
    "describe ",
    "define ",
    "how does ",
    "how do ",
    "how is ",
    "how are ",
    "why is ",
    "why are ",
    "why do ",
    "why does ",
    "why ",
    "что такое ",
    "что это ",
    "как работает ",
    "как работают ",
    "зачем ",
    "почему ",
];

/// Words that end a defined subject (`X is …`); each opens with a space.
const VERBS: &[&str] = &[
    " is ",
    " are ",
    " means ",
    " refers to ",
    " stands for ",
    " — это ",
    " - это ",
    " – это ",
    " это ",
    " — ",
    " – ",
];

/// The names a topic line defines (a heading, an outline item, a question), or nothing for
/// comparisons ("X vs Y") and lines that are not topics.
pub fn topic_names(line: &str) -> Vec<String> {
    let mut text = strip_numbering(line.trim()).trim().to_string();
    text = text
        .trim_end_matches(|c: char| matches!(c, '?' | ':' | '.' | '!') || c.is_whitespace())
        .to_string();
    let lower = text.to_lowercase();
    if [" vs ", " vs. ", " versus ", " против "]
        .iter()
        .any(|v| lower.contains(v))
    {
        return Vec::new();
    }
    if let Some(prefix) = QUESTION_PREFIXES.iter().find(|p| lower.starts_with(*p)) {
        text = text[prefix.len()..].to_string();
        for suffix in [" work", " mean", " работает", " работают"] {
            if text.to_lowercase().ends_with(suffix) {
                text.truncate(text.len() - suffix.len());
            }
        }
    }
    let text = strip_article(&text);
    split_aliases(text)
        .into_iter()
        .filter(|n| is_name(n) && !GENERIC.contains(&n.to_lowercase().as_str()))
        .collect()
}

fn strip_numbering(line: &str) -> &str {
    let line = line
        .strip_prefix("Q:")
        .or_else(|| line.strip_prefix("Q."))
        .unwrap_or(line);
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 {
        let rest = &line[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return r;
        }
    }
    line
}

fn strip_article(text: &str) -> &str {
    let text = text.trim();
    for article in ["A ", "An ", "The ", "a ", "an ", "the "] {
        if let Some(rest) = text.strip_prefix(article) {
            return rest.trim();
        }
    }
    text
}

/// `Term (Expansion)` → both names; anything else → itself.
fn split_aliases(text: &str) -> Vec<String> {
    let clean = |s: &str| {
        s.trim_matches(|c: char| !(c.is_alphanumeric() || "+#/&_'".contains(c)))
            .trim()
            .to_string()
    };
    if let (Some(open), Some(close)) = (text.find('('), text.rfind(')')) {
        if open < close {
            let outer = clean(&text[..open]);
            let inner = clean(&text[open + 1..close]);
            return [outer, inner]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
        }
    }
    vec![clean(text)]
}

fn is_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=8).contains(&words) && name.len() <= 80 && name.chars().any(char::is_alphabetic)
}

/// How far into a sentence its defining verb is looked for, in bytes.
const SUBJECT_WINDOW: usize = 240;

/// The subject a sentence opens by defining: `X is …`, `X (Y) are …`, `X — это …`.
fn defined_subject(text: &str) -> Vec<String> {
    let text = strip_article(text);
    // A subject is a few words (and a parenthesis): its verb is never far into the sentence.
    let window = &text[..text.floor_char_boundary(SUBJECT_WINDOW.min(text.len()))];
    // Every verb opens with a space: the first space a verb starts at is where the subject ends.
    let Some(at) = window
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b' ')
        .map(|(i, _)| i)
        .find(|&i| VERBS.iter().any(|v| window[i..].starts_with(v)))
    else {
        return Vec::new();
    };
    let subject = &text[..at];
    let outside_parens: String = match (subject.find('('), subject.rfind(')')) {
        (Some(o), Some(c)) if o < c => format!("{}{}", &subject[..o], &subject[c + 1..]),
        _ => subject.to_string(),
    };
    let words = outside_parens.split_whitespace().count();
    let first = outside_parens
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    if words == 0
        || words > 4
        || SUBJECT_STOPWORDS.contains(&first.as_str())
        || outside_parens.contains([',', ':', ';', '"', '!', '?'])
    {
        return Vec::new();
    }
    split_aliases(subject)
        .into_iter()
        .filter(|n| is_name(n))
        .collect()
}

/// The names a bold/code lead defines, when the text after it reads as a definition.
fn lead_names(block_text: &str, lead: &Lead) -> Vec<String> {
    if lead.text.trim().is_empty() {
        return Vec::new();
    }
    let Some(at) = block_text.find(lead.text.as_str()) else {
        return Vec::new();
    };
    let mut after = block_text[at + lead.text.len()..].trim_start();
    let mut names = split_aliases(&lead.text);
    if let Some(rest) = after.strip_prefix('(') {
        if let Some(close) = rest.find(')') {
            names.extend(split_aliases(&rest[..close]));
            after = rest[close + 1..].trim_start();
        }
    }
    let defines = [
        "is ",
        "are ",
        "means ",
        "refers to ",
        "stands for ",
        "says ",
        "states ",
        "describes ",
        "—",
        "–",
        "- ",
        ":",
        "это",
    ]
    .iter()
    .any(|v| after.starts_with(v));
    if !defines {
        return Vec::new();
    }
    names.retain(|n| is_name(n));
    names
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
        for prefix in ["Answer:", "answer:", "Ответ:", "ответ:", "A:"] {
            if let Some(rest) = line.strip_prefix(prefix) {
                line = rest.trim();
            }
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
}

impl Builder<'_> {
    fn add(&mut self, names: Vec<String>, kind: DefinitionKind, span: Span, answer: Span) {
        let mut names = names.into_iter();
        let Some(term) = names.next() else {
            return;
        };
        // A sentence inside a section that already defines the same term only adds its aliases.
        let folded = fold(&term);
        let names: Vec<String> = names.collect();
        if kind != DefinitionKind::Heading {
            let restated = self.out.iter_mut().find(|d| {
                fold(&d.term) == folded && d.answer.start <= span.start && span.end <= d.answer.end
            });
            if let Some(existing) = restated {
                for name in names {
                    if !existing.names().any(|n| fold(n) == fold(&name)) {
                        existing.aliases.push(name.into());
                    }
                }
                return;
            }
        }
        let gap = placeholder_only(&self.text[answer.range()], self.tokens)
            || self.text[answer.range()].trim().is_empty();
        self.out.push(Definition {
            term: term.into(),
            aliases: names.into_iter().map(Into::into).collect(),
            kind,
            span,
            answer,
            gap,
            mask: CharMask::default(),
        });
    }

    /// `Question?\nAnswer: …` inside one block: the question's names and the answer's span.
    fn answer_block(&self, span: Span, end: u32) -> Option<(Vec<String>, Span, Span)> {
        let source = &self.text[span.range()];
        let mut offset = 0;
        for line in source.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if ["Answer:", "Ответ:", "A:"]
                .iter()
                .any(|p| trimmed.starts_with(p))
                && offset > 0
            {
                let question = source[..offset].trim();
                let mut names = topic_names(question.lines().last().unwrap_or(question));
                let reply = trimmed.split_once(':').map_or("", |(_, r)| r.trim());
                let restated = defined_subject(reply);
                if restated
                    .iter()
                    .any(|r| names.iter().any(|n| fold(n) == fold(r)))
                {
                    names.extend(
                        restated
                            .into_iter()
                            .filter(|r| !names.contains(r))
                            .collect::<Vec<_>>(),
                    );
                }
                let q_span = Span::new(span.start as usize, span.start as usize + offset);
                let answer = Span::new(span.start as usize + offset, end as usize);
                return Some((names, q_span, answer));
            }
            offset += line.len();
        }
        None
    }
}

/// Every definition in a note, from the blocks the parser recorded.
pub(super) fn definitions(note: &Note, blocks: &[Block], tokens: &[String]) -> Vec<Definition> {
    let text = note.source.text();
    let mut b = Builder {
        text,
        tokens,
        out: Vec::new(),
    };
    for (i, h) in note.headings.iter().enumerate() {
        let mut names = topic_names(&h.text);
        if i == 0 && h.level == 1 {
            names.extend(note.aliases.iter().map(|a| a.to_string()));
        }
        let next = note
            .headings
            .get(i + 1)
            .map_or(text.len(), |n| n.span.start as usize);
        let direct = Span::new(h.span.end as usize, next);
        let answer = if text[direct.range()].trim().is_empty() {
            Span::new(h.span.end as usize, h.section.end as usize)
        } else {
            direct
        };
        b.add(names, DefinitionKind::Heading, h.span, answer);
    }
    let mut ordered: Vec<&Block> = blocks.iter().collect();
    ordered.sort_by_key(|b| b.start());
    for block in ordered {
        match block {
            Block::Glossary { term, span, answer } => b.add(
                split_aliases(term),
                DefinitionKind::Glossary,
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
                if let Some((names, q, answer)) = b.answer_block(*own, whole.end) {
                    b.add(names, DefinitionKind::Answer, q, answer);
                } else if let Some(children) = children {
                    if own_text.split_whitespace().count() <= 8 {
                        let names = topic_names(own_text);
                        b.add(names, DefinitionKind::Outline, *own, *children);
                    }
                } else if let Some(names) = lead.as_ref().map(|l| lead_names(own_text, l)) {
                    let span = lead.as_ref().map_or(*own, |l| l.span);
                    if names.is_empty() {
                        b.add(
                            defined_subject(own_text),
                            DefinitionKind::Sentence,
                            *own,
                            *whole,
                        );
                    } else {
                        b.add(names, DefinitionKind::Bold, span, *whole);
                    }
                } else {
                    b.add(
                        defined_subject(own_text),
                        DefinitionKind::Sentence,
                        *own,
                        *whole,
                    );
                }
            }
            Block::Paragraph {
                text: para,
                span,
                lead,
                ..
            } => {
                if let Some((names, q, answer)) = b.answer_block(*span, span.end) {
                    b.add(names, DefinitionKind::Answer, q, answer);
                    continue;
                }
                let raw = &text[span.range()];
                if raw.starts_with("*[") {
                    for (offset, line) in line_offsets(raw) {
                        if let Some((abbr, expansion)) = abbreviation(line) {
                            let at = span.start as usize + offset;
                            let s = Span::new(at, at + line.len());
                            let names = vec![abbr.to_string(), expansion.to_string()];
                            b.add(names, DefinitionKind::Glossary, s, s);
                        }
                    }
                    continue;
                }
                let names = lead
                    .as_ref()
                    .map(|l| lead_names(para, l))
                    .unwrap_or_default();
                if names.is_empty() {
                    b.add(
                        defined_subject(para),
                        DefinitionKind::Sentence,
                        *span,
                        *span,
                    );
                } else {
                    let at = lead.as_ref().map_or(*span, |l| l.span);
                    b.add(names, DefinitionKind::Bold, at, *span);
                }
            }
        }
    }
    b.out
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
            topic_names("Шардирование (sharding) 🚀"),
            ["Шардирование", "sharding"]
        );
        assert_eq!(topic_names("Что такое репликация?"), ["репликация"]);
        assert!(topic_names("ACID Vs. BASE").is_empty());
        assert!(topic_names("Examples").is_empty());
    }

    #[test]
    fn sentences_that_define_their_subject() {
        assert_eq!(
            defined_subject("Replication is keeping copies."),
            ["Replication"]
        );
        assert_eq!(
            defined_subject("GIL (global interpreter lock) is a lock."),
            ["GIL", "global interpreter lock"]
        );
        assert_eq!(
            defined_subject("Репликация - это хранение копий."),
            ["Репликация"]
        );
        assert!(defined_subject("It is a lock.").is_empty());
        assert!(defined_subject("When the pool is full, requests wait.").is_empty());
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
