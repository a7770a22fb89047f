//! From what the user typed to tantivy queries, and from a hit's text to a one-line snippet.

use std::collections::{HashMap, HashSet};

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, Query, QueryParser,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{Language, RawTokenizer, StopWordFilter, TextAnalyzer, TokenStream};
use tantivy::{Index, Searcher, Term};

use super::analyze::{next_word, Kind, Stems, Word};
use super::Fields;

/// Weight of a match in the heading itself.
const HEADING_BOOST: f32 = 3.0;
/// Weight of a match in an ancestor heading.
const PARENTS_BOOST: f32 = 0.5;
/// Weight of a prefix completion relative to the whole word.
const PREFIX_FACTOR: f32 = 0.6;
/// Added when the whole query is the heading (word for word, after stemming): far above any
/// BM25 score, so such sections come first.
const EXACT_BONUS: f32 = 1000.0;
/// Completions of a prefix kept per field: the most frequent ones.
const MAX_COMPLETIONS: usize = 64;
/// Terms looked at per field before choosing the completions.
const MAX_SCANNED: usize = 4096;
/// Longer queries are cut (characters).
const MAX_QUERY_CHARS: usize = 500;
/// Words of a query used; the rest is ignored.
const MAX_WORDS: usize = 32;
/// Longest exact-heading key (bytes).
const MAX_KEY_BYTES: usize = 1000;
/// Snippet length (characters, without the bold marks).
const SNIPPET_CHARS: usize = 160;

/// Queries to try in order (the first with hits wins) and the terms to bold in snippets.
pub(crate) struct Plan {
    pub queries: Vec<Box<dyn Query>>,
    pub highlight: HashSet<String>,
}

/// The exact-heading key of `text`: its terms joined by spaces.
pub(crate) fn key(stems: &mut Stems, text: &str) -> String {
    let mut key = String::new();
    for w in stems.words(text) {
        if key.len() + 1 + w.term.len() > MAX_KEY_BYTES {
            break;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&w.term);
    }
    key
}

/// The plan for `text`, `None` when it holds no word.
pub(crate) fn plan(searcher: &Searcher, index: &Index, f: &Fields, text: &str) -> Option<Plan> {
    let text = match text.char_indices().nth(MAX_QUERY_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    };
    let mut stems = Stems::default();
    let mut words = stems.words(text);
    words.truncate(MAX_WORDS);
    if words.is_empty() {
        return None;
    }
    let exact = key(&mut stems, text);
    let exact: Box<dyn Query> = Box::new(ConstScoreQuery::new(
        Box::new(TermQuery::new(
            Term::from_field_text(f.key, &exact),
            IndexRecordOption::Basic,
        )),
        EXACT_BONUS,
    ));
    if uses_syntax(text) {
        if let Some(plan) = parsed(index, f, text, &exact) {
            return Some(plan);
        }
    }
    Some(plain(searcher, f, text, &words, exact))
}

/// Whether `text` is written in the query language: quotes, `+must`, `-not`, AND/OR/NOT.
fn uses_syntax(text: &str) -> bool {
    text.contains('"')
        || text.split_whitespace().any(|w| {
            matches!(w, "AND" | "OR" | "NOT")
                || (w.len() > 1 && (w.starts_with('+') || w.starts_with('-')))
        })
}

/// Through tantivy's query parser, all clauses required, then any; `None` on a syntax error.
fn parsed(index: &Index, f: &Fields, text: &str, exact: &dyn Query) -> Option<Plan> {
    if text.matches('(').count() > 8 {
        // Deep nesting: not worth the parser's recursion.
        return None;
    }
    let parser = |conjunction: bool| {
        let mut p = QueryParser::for_index(index, vec![f.heading, f.parents, f.body]);
        p.set_field_boost(f.heading, HEADING_BOOST);
        p.set_field_boost(f.parents, PARENTS_BOOST);
        if conjunction {
            p.set_conjunction_by_default();
        }
        p.parse_query(text).ok()
    };
    let all = parser(true)?;
    let any = parser(false)?;
    let mut highlight = HashSet::new();
    all.query_terms(&mut |term, _| {
        if term.field() == f.body {
            if let Some(s) = term.value().as_str() {
                highlight.insert(s.to_string());
            }
        }
    });
    let with_exact = |q: Box<dyn Query>| -> Box<dyn Query> {
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, q),
            (Occur::Should, exact.box_clone()),
        ]))
    };
    Some(Plan {
        queries: vec![with_exact(all), with_exact(any)],
        highlight,
    })
}

/// Words as typed: each word in the heading, its ancestors or the text (stemmed), the last one
/// (or one written `word*`) also as a prefix; all words required (stop words optional), then
/// any word.
fn plain(
    searcher: &Searcher,
    f: &Fields,
    text: &str,
    words: &[Word],
    exact: Box<dyn Query>,
) -> Plan {
    let fields = [
        (f.heading, HEADING_BOOST),
        (f.parents, PARENTS_BOOST),
        (f.body, 1.0),
    ];
    let mut stop = stop_words();
    let mut highlight = HashSet::new();
    let mut clauses: Vec<(bool, Box<dyn Query>)> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let typing = i + 1 == words.len() && !text.ends_with(char::is_whitespace);
        let starred = text[w.end..].starts_with('*');
        let prefix = (typing || starred) && w.kind == Kind::Word && w.lower.chars().count() >= 2;
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &(field, boost) in &fields {
            let term = TermQuery::new(
                Term::from_field_text(field, &w.term),
                IndexRecordOption::WithFreqs,
            );
            should.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(term), boost)),
            ));
            if !prefix {
                continue;
            }
            let completions = complete(searcher, field, &[&w.lower, &w.term], &w.term);
            if completions.is_empty() {
                continue;
            }
            let alternatives: Vec<Box<dyn Query>> = completions
                .iter()
                .map(|c| -> Box<dyn Query> {
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, c),
                        IndexRecordOption::WithFreqs,
                    ))
                })
                .collect();
            let best = DisjunctionMaxQuery::new(alternatives);
            should.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(best), boost * PREFIX_FACTOR)),
            ));
            if field == f.body {
                highlight.extend(completions);
            }
        }
        highlight.insert(w.term.clone());
        clauses.push((
            is_stop_word(&mut stop, &w.lower),
            Box::new(BooleanQuery::new(should)),
        ));
    }
    let all_stop = clauses.iter().all(|(stop, _)| *stop);
    let all: Vec<(Occur, Box<dyn Query>)> = clauses
        .iter()
        .map(|(stop, q)| {
            let occur = if *stop && !all_stop {
                Occur::Should
            } else {
                Occur::Must
            };
            (occur, q.box_clone())
        })
        .chain([(Occur::Should, exact.box_clone())])
        .collect();
    let mut queries: Vec<Box<dyn Query>> = vec![Box::new(BooleanQuery::new(all))];
    if clauses.len() > 1 {
        let any: Vec<(Occur, Box<dyn Query>)> = clauses
            .into_iter()
            .map(|(_, q)| (Occur::Should, q))
            .chain([(Occur::Should, exact)])
            .collect();
        queries.push(Box::new(BooleanQuery::new(any)));
    }
    Plan { queries, highlight }
}

/// Indexed terms of `field` starting with one of `prefixes`, other than `skip`: the most
/// frequent ones first.
fn complete(searcher: &Searcher, field: Field, prefixes: &[&str], skip: &str) -> Vec<String> {
    let mut found: HashMap<String, u32> = HashMap::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        for prefix in prefixes {
            let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream()
            else {
                continue;
            };
            let mut scanned = 0;
            while scanned < MAX_SCANNED && stream.advance() {
                scanned += 1;
                let key = stream.key();
                if !key.starts_with(prefix.as_bytes()) {
                    break;
                }
                let Ok(term) = std::str::from_utf8(key) else {
                    continue;
                };
                if term == skip {
                    continue;
                }
                let doc_freq = stream.value().doc_freq;
                match found.get_mut(term) {
                    Some(freq) => *freq += doc_freq,
                    None => {
                        found.insert(term.to_string(), doc_freq);
                    }
                }
            }
        }
    }
    let mut found: Vec<(String, u32)> = found.into_iter().collect();
    found.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.0.len().cmp(&b.0.len()))
            .then(a.0.cmp(&b.0))
    });
    found.truncate(MAX_COMPLETIONS);
    found.into_iter().map(|(t, _)| t).collect()
}

/// English and Russian stop words (tantivy's lists).
fn stop_words() -> TextAnalyzer {
    let mut builder = TextAnalyzer::builder(RawTokenizer::default()).dynamic();
    for language in [Language::English, Language::Russian] {
        if let Some(filter) = StopWordFilter::new(language) {
            builder = builder.filter_dynamic(filter);
        }
    }
    builder.build()
}

fn is_stop_word(stop: &mut TextAnalyzer, lower: &str) -> bool {
    !stop.token_stream(lower).advance()
}

/// One line of at most about [`SNIPPET_CHARS`] characters of `body`, around the part with the
/// most distinct highlighted terms, those words in `**bold**`; the start of `body` when it holds
/// none of them.
pub(crate) fn snippet(stems: &mut Stems, body: &str, highlight: &HashSet<String>) -> String {
    // Matched words: byte range, character range, term.
    let mut hits: Vec<(usize, usize, usize, usize, String)> = Vec::new();
    let mut chars = 0;
    let mut counted = 0;
    let mut at = 0;
    let mut term = String::new();
    while let Some((start, end, kind)) = next_word(body, at) {
        at = end;
        stems.term(&body[start..end], kind, &mut term);
        if highlight.contains(&term) {
            chars += body[counted..start].chars().count();
            let char_start = chars;
            chars += body[start..end].chars().count();
            counted = end;
            hits.push((start, end, char_start, chars, term.clone()));
        }
    }
    if hits.is_empty() {
        return lead(body);
    }
    // The window with the most distinct terms, then the most hits; the earliest on a tie.
    let mut best = (0, 0, 0, 0);
    for i in 0..hits.len() {
        let mut distinct: HashSet<&str> = HashSet::new();
        let mut j = i;
        while j < hits.len() && hits[j].3 - hits[i].2 <= SNIPPET_CHARS {
            distinct.insert(&hits[j].4);
            j += 1;
        }
        let j = j.max(i + 1);
        if (distinct.len(), j - i) > (best.2, best.3) {
            best = (i, j, distinct.len(), j - i);
        }
    }
    let (first, last) = (&hits[best.0], &hits[best.1 - 1]);
    let used = last.3.saturating_sub(first.2);
    let spare = SNIPPET_CHARS.saturating_sub(used);
    let before = (spare / 3).min(first.2);
    let mut start = back_chars(body, first.0, before);
    let mut end = forward_chars(body, last.1, spare - before);
    // Whole words at the cut ends.
    if start > 0 {
        if let Some(space) = body[start..first.0].find(char::is_whitespace) {
            start += space;
        }
    }
    if end < body.len() {
        if let Some(space) = body[last.1..end].rfind(char::is_whitespace) {
            end = last.1 + space;
        }
    }
    let marks: Vec<(usize, usize)> = hits[best.0..best.1]
        .iter()
        .map(|h| (h.0, h.1))
        .filter(|&(s, e)| s >= start && e <= end)
        .collect();
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut copied = start;
    for (s, e) in marks {
        push_one_line(&mut out, &body[copied..s]);
        out.push_str("**");
        push_one_line(&mut out, &body[s..e]);
        out.push_str("**");
        copied = e;
    }
    push_one_line(&mut out, &body[copied..end]);
    let mut out = out.trim().to_string();
    if end < body.len() {
        out.push('…');
    }
    cap(out)
}

/// `snippet` cut to [`SNIPPET_CHARS`] when a single matched word made it much longer.
fn cap(mut snippet: String) -> String {
    if snippet.chars().count() <= SNIPPET_CHARS + 20 {
        return snippet;
    }
    snippet.truncate(forward_chars(&snippet, 0, SNIPPET_CHARS));
    while snippet.ends_with('*') {
        snippet.pop();
    }
    if snippet.matches("**").count() % 2 == 1 {
        snippet.push_str("**");
    }
    snippet.push('…');
    snippet
}

/// The start of `body` on one line, cut at a word end.
fn lead(body: &str) -> String {
    let body = body.trim_start();
    let end = forward_chars(body, 0, SNIPPET_CHARS);
    let mut out = String::new();
    if end < body.len() {
        let cut = body[..end].rfind(char::is_whitespace).unwrap_or(end);
        push_one_line(&mut out, &body[..cut]);
        out.truncate(out.trim_end().len());
        out.push('…');
    } else {
        push_one_line(&mut out, body);
    }
    out.trim().to_string()
}

/// Appends `s` with every run of whitespace made one space.
fn push_one_line(out: &mut String, s: &str) {
    for c in s.chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// The byte offset `n` characters before `at`.
fn back_chars(s: &str, at: usize, n: usize) -> usize {
    if n == 0 {
        return at;
    }
    s[..at]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at`.
fn forward_chars(s: &str, at: usize, n: usize) -> usize {
    s[at..]
        .char_indices()
        .nth(n)
        .map_or(s.len(), |(i, _)| at + i)
}
