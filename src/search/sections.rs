//! A note cut into the sections that become search documents, with markdown markup removed.

use crate::syntax::{front_matter_end, Note};

/// Separator of a heading path.
pub(crate) const TRAIL_SEPARATOR: &str = " › ";

/// One search document.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Section {
    /// 0-based line where the section starts.
    pub line: u32,
    /// "A › B": the heading path shown to the user; empty before the first heading.
    pub trail: String,
    /// Searched as the heading: its text, or the front-matter title and aliases of the text
    /// before the first heading.
    pub heading: Vec<String>,
    /// The ancestors' headings, searched with a lower weight.
    pub parents: String,
    /// The section's own text up to the next heading, as plain text.
    pub body: String,
}

/// The sections of `note`: the text before the first heading (when it holds anything), then
/// each heading with its direct content.
pub(crate) fn sections(note: &Note) -> Vec<Section> {
    let text = note.source.text();
    let mut out = Vec::with_capacity(note.headings.len() + 1);

    let front_end = front_matter_end(text);
    let first = note
        .headings
        .first()
        .map_or(text.len(), |h| h.span.start as usize);
    let preamble = text.get(front_end..first.max(front_end)).unwrap_or("");
    let mut heading = Vec::new();
    if front_end > 0 {
        heading.extend(note.title.iter().map(|t| t.to_string()));
        heading.extend(note.aliases.iter().map(|a| a.to_string()));
    }
    if !preamble.trim().is_empty() || !heading.is_empty() {
        // The first line with text, else the front matter.
        let line = if preamble.trim().is_empty() {
            0
        } else {
            let blank = preamble.len() - preamble.trim_start().len();
            note.source.line_of(front_end + blank) as u32
        };
        let mut body = String::new();
        clean_markdown(preamble, &mut body);
        out.push(Section {
            line,
            trail: String::new(),
            heading,
            parents: String::new(),
            body,
        });
    }

    // Open ancestors: (level, text).
    let mut stack: Vec<(u8, &str)> = Vec::new();
    for (i, h) in note.headings.iter().enumerate() {
        while stack.last().is_some_and(|&(level, _)| level >= h.level) {
            stack.pop();
        }
        let parents: Vec<&str> = stack.iter().map(|&(_, t)| t).collect();
        let mut trail = parents.join(TRAIL_SEPARATOR);
        if !trail.is_empty() {
            trail.push_str(TRAIL_SEPARATOR);
        }
        trail.push_str(&h.text);
        let end = note
            .headings
            .get(i + 1)
            .map_or(text.len(), |n| n.span.start as usize);
        let mut body = String::new();
        clean_markdown(text.get(h.span.end as usize..end).unwrap_or(""), &mut body);
        out.push(Section {
            line: note.source.line_of(h.span.start as usize) as u32,
            trail,
            heading: vec![h.text.to_string()],
            parents: parents.join("\n"),
            body,
        });
        stack.push((h.level, &h.text));
    }
    out
}

/// Appends `markdown` to `out` as plain text: fence lines, block markers (quotes, list bullets,
/// task boxes), table rules, emphasis and code marks, link destinations and HTML tags go; the
/// words stay, one output line per input line.
pub(crate) fn clean_markdown(markdown: &str, out: &mut String) {
    out.reserve(markdown.len());
    for line in markdown.lines() {
        let mut l = line.trim_start();
        if l.starts_with("```") || l.starts_with("~~~") {
            continue;
        }
        while let Some(rest) = l.strip_prefix('>') {
            l = rest.trim_start();
        }
        l = strip_list_marker(l);
        for task in ["[ ] ", "[x] ", "[X] "] {
            if let Some(rest) = l.strip_prefix(task) {
                l = rest;
                break;
            }
        }
        if l.bytes().all(|b| b" \t|-:*_=".contains(&b)) {
            // Blank, a table rule, a thematic break.
            continue;
        }
        clean_inline(l, out);
        out.push('\n');
    }
    while out.ends_with('\n') {
        out.pop();
    }
}

fn strip_list_marker(l: &str) -> &str {
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = l.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    let digits = l.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &l[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return rest.trim_start();
        }
    }
    l
}

/// Emphasis, code and bracket marks removed, `[text](dest)` → `text`, HTML tags removed.
fn clean_inline(l: &str, out: &mut String) {
    let bytes = l.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let next = bytes.get(i + 1).copied();
        let skip = match bytes[i] {
            b']' if next == Some(b'(') => {
                // Skip the destination up to its closing parenthesis.
                let mut depth = 0usize;
                let mut j = i + 1;
                while j < bytes.len() {
                    match bytes[j] {
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                j + 1 - i
            }
            b'*' | b'`' | b'[' | b']' => 1,
            b'~' if next == Some(b'~') => 2,
            b'!' if next == Some(b'[') => 2,
            b'\\' if next.is_some_and(|b| b.is_ascii_punctuation()) => 1,
            b'<' => html_len(&l[i..]),
            _ => 0,
        };
        if skip == 0 {
            i += 1;
            continue;
        }
        out.push_str(&l[copied..i]);
        if bytes[i] == b'\\' {
            // Keep the escaped character.
            copied = i + 1;
            i += 2;
        } else {
            i = (i + skip).min(bytes.len());
            copied = i;
        }
    }
    out.push_str(&l[copied..]);
}

/// Length of the HTML tag or comment `s` starts with (common inline and block tags only, so
/// that `Vec<T>` stays), 0 when it starts with none.
fn html_len(s: &str) -> usize {
    if let Some(rest) = s.strip_prefix("<!--") {
        return rest.find("-->").map_or(0, |end| 4 + end + 3);
    }
    let name_start = if s.starts_with("</") { 2 } else { 1 };
    let name_len = s[name_start..]
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let name = s[name_start..name_start + name_len].to_ascii_lowercase();
    const TAGS: &[&str] = &[
        "a", "abbr", "b", "br", "code", "del", "details", "div", "em", "hr", "i", "img", "ins",
        "kbd", "mark", "p", "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "u",
    ];
    if !TAGS.contains(&name.as_str()) {
        return 0;
    }
    let after = &s[name_start + name_len..];
    if !after.starts_with(['>', ' ', '/', '\t']) {
        return 0;
    }
    s.find('>').map_or(0, |end| end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{parse_note, ParseOptions};

    fn clean(md: &str) -> String {
        let mut out = String::new();
        clean_markdown(md, &mut out);
        out
    }

    #[test]
    fn markup_goes_words_stay() {
        assert_eq!(
            clean("> - **Sharding** is `split` of [data](https://x.io/a_(b)) ~~old~~\n\n```rust\nlet x = 1;\n```\n| a | b |\n|---|---|\n1. [ ] task <br/> ![img](p.png) \\*lit\\*"),
            "Sharding is split of data old\nlet x = 1;\n| a | b |\ntask  img *lit*"
        );
        assert_eq!(
            clean("snake_case [[Wiki|alias]] [ref][1]"),
            "snake_case Wiki|alias ref1"
        );
        // Unclosed destination and a stray bracket do not panic.
        assert_eq!(clean("a](b ( c"), "a");
        assert_eq!(clean("x ]"), "x ");
        assert_eq!(
            clean("`Vec<T>` <a name=\"x\"></a>a<!-- c -->b <http://x>"),
            "Vec<T> ab <http://x>"
        );
    }

    #[test]
    fn sections_with_paths_and_lines() {
        let text = "---\ntitle: Базы\naliases: [DB]\n---\nIntro text.\n\n# Top\nTop body\n## Child\nChild body\n### Deep\n## Second\nSecond body\n";
        let note = parse_note(text, &ParseOptions::default());
        let s = sections(&note);
        let summary: Vec<(u32, &str, &str, &str)> = s
            .iter()
            .map(|s| {
                (
                    s.line,
                    s.trail.as_str(),
                    s.parents.as_str(),
                    s.body.as_str(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (4, "", "", "Intro text."),
                (6, "Top", "", "Top body"),
                (8, "Top › Child", "Top", "Child body"),
                (10, "Top › Child › Deep", "Top\nChild", ""),
                (11, "Top › Second", "Top", "Second body"),
            ]
        );
        assert_eq!(s[0].heading, ["Базы", "DB"]);
        assert_eq!(s[1].heading, ["Top"]);
    }

    #[test]
    fn empty_preamble_is_skipped() {
        let note = parse_note("\n# Only\ntext", &ParseOptions::default());
        let s = sections(&note);
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].line, s[0].body.as_str()), (1, "text"));
        assert!(sections(&parse_note("", &ParseOptions::default())).is_empty());
    }
}
