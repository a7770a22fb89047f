//! Code written in prose without backticks that the parser would take for links:
//! `map(str, [[0], [1]])` and `[[ $x < "a" ]]` for wiki links, `[0, 1][10:]` and `arr[i][j]`
//! for reference links.

/// Whether a wiki link's target (`note#Heading`, without `|alias`) looks like a note name: no
/// space at either end, balanced brackets, and a letter (not only digits or punctuation).
pub fn is_note_name(target: &str) -> bool {
    target.trim() == target && balanced(target) && target.chars().any(char::is_alphabetic)
}

/// Whether `source`, a reference link `[text][label]` or `[label][]` whose label has no
/// definition, written right after the character `before`, is code rather than a reference:
/// an index or slice (`arr[i][j]`, `[0, 1][10:]`, `d["k"]`), text without a letter, or a label no
/// one would name a definition with.
pub fn is_code_like_reference(source: &str, label: &str, before: Option<char>) -> bool {
    let indexes = before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | ')' | ']'));
    let text = source
        .rfind('[')
        .and_then(|label_open| source.get(1..label_open.saturating_sub(1)))
        .unwrap_or_default();
    indexes || !text.chars().any(char::is_alphabetic) || !is_label(label)
}

/// Whether a reference label is made of what labels are written with: letters, digits, spaces
/// and a few joiners (`-` not first), as in `[1]`, `[docs]`, `[rfc-2616]`, `[so.answer]`.
fn is_label(label: &str) -> bool {
    !label.starts_with('-')
        && label.chars().any(char::is_alphanumeric)
        && label.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/' | '&' | '#' | '@')
        })
}

/// Whether every `(`, `[` and `{` is closed in order.
fn balanced(text: &str) -> bool {
    let mut open = Vec::new();
    for c in text.chars() {
        match c {
            '(' | '[' | '{' => open.push(c),
            ')' | ']' | '}' => {
                let opener = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                if open.pop() != Some(opener) {
                    return false;
                }
            }
            _ => {}
        }
    }
    open.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_names_and_code() {
        for name in [
            "note",
            "Data base",
            "ru/шардирование",
            "note#Heading (1)",
            "#Local",
        ] {
            assert!(is_note_name(name), "{name}");
        }
        for code in ["0], [1", " $x < \"a\" ", "0", "2, 3", "...", "a[0", "f(x]"] {
            assert!(!is_note_name(code), "{code}");
        }
    }

    #[test]
    fn references_and_code() {
        let reference =
            |source: &str, label: &str, before| !is_code_like_reference(source, label, before);
        assert!(reference("[the docs][docs]", "docs", Some(' ')));
        assert!(reference("[RFC][1]", "1", None));
        assert!(reference("[Python][py-3.12]", "py-3.12", Some('(')));
        assert!(reference("[Шардирование][]", "Шардирование", Some(' ')));
        assert!(!reference("[0, 1][10:]", "10:", Some(' ')));
        assert!(!reference("[i][j]", "j", Some('r')));
        assert!(!reference("[\"a\"][\"b\"]", "\"b\"", Some(')')));
        assert!(!reference("[items][-1]", "-1", Some(' ')));
        assert!(!reference("[x][i+1]", "i+1", Some(' ')));
        assert!(!reference("[1, 2][]", "1, 2", Some(' ')));
    }
}
