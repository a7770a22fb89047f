//! Topic lines — headings, outline items, questions — and the names they give: question words
//! and a second sentence dropped, subjects of comparisons (`X vs Y`) and joined topics (`X & Y`).

use super::*;

pub(super) const GENERIC: &[&str] = &[
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

pub(super) const QUESTION_PREFIXES: &[&str] = &[
    "what is an ",
    "what is a ",
    "what is the ",
    "what is ",
    "what are the ",
    "what are ",
    "what's ",
    "what does ",
    "what ",
    "explain ",
    "describe ",
    "define ",
    "how does ",
    "how do ",
    "how is ",
    "how are ",
    "что такое ",
    "что это ",
    "как работает ",
    "как работают ",
];

/// The names a topic line defines (a heading, an outline item, a question), or nothing for
/// lines that are not topics. A line about several subjects (`X vs Y`, `X & Y`) names each.
pub fn topic_names(line: &str) -> Vec<String> {
    topic(line).names
}

/// What a topic line is about.
pub(super) struct Topic {
    pub(super) names: Vec<String>,
    /// Whether it names several subjects at once (`Iterators Vs. Generators`, `X & Y`): its
    /// section is about each only in part.
    pub(super) shared: bool,
}

/// Words that set the subjects of a topic line against each other: each is named.
pub(super) const VERSUS: &[&str] = &[" vs. ", " vs ", " versus ", " против "];

/// Words that join the subjects of a topic line (`Back-pressure & retries`): the line stays one
/// name, about each only in part.
pub(super) const AND: &[&str] = &[" & ", " and ", " и "];

/// Words that open a clause rather than a subject: `Dictionaries and Their Low-Level Handling`,
/// `Декораторы и зачем они нужны` are about one subject.
pub(super) const CLAUSE_WORDS: &[&str] = &[
    "their",
    "its",
    "his",
    "her",
    "our",
    "my",
    "your",
    "why",
    "how",
    "when",
    "where",
    "what",
    "which",
    "зачем",
    "почему",
    "как",
    "когда",
    "где",
    "что",
    "их",
    "его",
    "её",
    "они",
];

/// Prefixes that turn a line into a comparison of what follows (`The difference between X and Y`).
pub(super) const COMPARISON_PREFIXES: &[&str] = &[
    "the difference between ",
    "difference between ",
    "разница между ",
];

pub(super) fn topic(line: &str) -> Topic {
    let whole = strip_numbering(line.trim()).trim();
    let mut text = first_sentence(whole)
        .trim_end_matches(|c: char| matches!(c, '?' | ':' | '.' | '!') || c.is_whitespace())
        .to_string();
    let lower = text.to_lowercase();
    if let Some(prefix) = QUESTION_PREFIXES.iter().find(|p| lower.starts_with(*p)) {
        text = text[prefix.len()..].to_string();
        for suffix in [" work", " mean", " stand for", " работает", " работают"] {
            if text.to_lowercase().ends_with(suffix) {
                text.truncate(text.len() - suffix.len());
            }
        }
    } else if lower.starts_with("how ") && (lower.ends_with(" work") || lower.ends_with(" works")) {
        // `How Open Addressing & Quadric Probing Work`.
        let end = text.rfind(' ').unwrap_or(text.len());
        text = text[4..end].to_string();
    }
    for suffix in [" что такое", " это что", " что это"] {
        if text.to_lowercase().ends_with(suffix) {
            text.truncate(text.len() - suffix.len());
        }
    }
    let text = strip_article(&text);
    let lower = text.to_lowercase();
    let text = COMPARISON_PREFIXES
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(text, |p| &text[p.len()..]);
    let sides = sides(text);
    // A later side that opens a clause (`… and Their Low-Level Handling`) is not a subject.
    let kept = sides
        .iter()
        .skip(1)
        .position(|side| {
            let first = side.text.split_whitespace().next().unwrap_or("");
            CLAUSE_WORDS.contains(&first.to_lowercase().as_str())
        })
        .map_or(sides.len(), |i| i + 1);
    let sides = &sides[..kept];
    let last = sides.last().map_or(0, |s| s.end);
    let parts: Vec<&str> = if sides.iter().any(|s| s.versus) {
        sides.iter().map(|s| s.text).collect()
    } else {
        vec![&text[..last]]
    };
    let names = parts
        .iter()
        .flat_map(|part| split_aliases(strip_article(part)))
        .filter(|n| is_name(n) && !GENERIC.contains(&n.to_lowercase().as_str()))
        .collect();
    Topic {
        names,
        shared: sides.len() > 1,
    }
}

/// One subject of a topic line.
pub(super) struct Side<'a> {
    text: &'a str,
    /// Where it ends in the line.
    end: usize,
    /// Whether a [`VERSUS`] word sets it apart from the one before.
    versus: bool,
}

/// The parts of a topic line between [`VERSUS`] and [`AND`] words, outside parentheses.
pub(super) fn sides(text: &str) -> Vec<Side<'_>> {
    let lower = text.to_lowercase();
    let whole = || {
        vec![Side {
            text,
            end: text.len(),
            versus: false,
        }]
    };
    // Lower-casing keeps byte offsets for the joiners, which are ASCII or Cyrillic words whose
    // lower case has the same length; a line where it does not is kept whole.
    if lower.len() != text.len() {
        return whole();
    }
    let mut out = Vec::new();
    let (mut from, mut depth, mut versus) = (0, 0i32, false);
    let mut i = 0;
    while i < text.len() {
        let c = lower[i..].chars().next().unwrap_or(' ');
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        let joiner = (depth == 0)
            .then(|| {
                let at = |list: &[&str]| {
                    list.iter()
                        .find(|j| lower[i..].starts_with(**j))
                        .map(|j| j.len())
                };
                at(VERSUS)
                    .map(|len| (len, true))
                    .or(at(AND).map(|len| (len, false)))
            })
            .flatten();
        if let Some((len, next_versus)) = joiner {
            out.push(Side {
                text: text[from..i].trim(),
                end: i,
                versus,
            });
            versus = next_versus;
            i += len;
            from = i;
            continue;
        }
        i += c.len_utf8();
    }
    out.push(Side {
        text: text[from..].trim(),
        end: text.len(),
        versus,
    });
    out.retain(|s| !s.text.is_empty());
    if out.is_empty() {
        return whole();
    }
    out
}

/// A topic line's first sentence: `What is a B-tree? Where is it used?` → `What is a B-tree`,
/// `Что такое мьютекс. Чем он отличается …` → `Что такое мьютекс`. A period ends a sentence
/// only after a word of three or more letters (`Vs.`, `e.g.` do not).
pub(super) fn first_sentence(text: &str) -> &str {
    let mut word = 0;
    for (i, c) in text.char_indices() {
        let rest = &text[i + c.len_utf8()..];
        let more = rest.starts_with(' ')
            && rest
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
        if more && (c == '?' || c == '!' || (c == '.' && word >= 3)) {
            return &text[..i];
        }
        word = if c.is_alphabetic() { word + 1 } else { 0 };
    }
    text
}

pub(super) fn strip_numbering(line: &str) -> &str {
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
    // A letter marker: `S - Single Responsibility`, `a. Idempotency`, `b) Versioning`.
    let mut chars = line.chars();
    if chars.next().is_some_and(|c| c.is_ascii_alphabetic()) {
        let rest = chars.as_str();
        for marker in [" - ", " — ", " – ", ". ", ") "] {
            if let Some(r) = rest.strip_prefix(marker) {
                return r;
            }
        }
    }
    line
}

pub(super) fn strip_article(text: &str) -> &str {
    let text = text.trim();
    for article in ["A ", "An ", "The ", "a ", "an ", "the "] {
        if let Some(rest) = text.strip_prefix(article) {
            return rest.trim();
        }
    }
    text
}
