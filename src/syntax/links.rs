//! Link destinations: external or local, path and anchor, percent-decoding, and the one
//! writer of destinations, whose output they read back as written.

use super::LinkTarget;

/// Whether a destination has a URL scheme (`https:`, `mailto:`) or is protocol-relative.
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
}

/// Decodes `%XX` escapes; a malformed escape or invalid UTF-8 is kept as written.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_string(), |d| d.into_owned())
}

/// Whether a link destination writes `c` percent-encoded: what a bare CommonMark destination
/// cannot hold (spaces, control characters, `<`, `>`, parentheses, a backslash, which escapes),
/// what would split it (`#` before the anchor, `?` before a query), `:` (which could read as a
/// URL scheme) and `%` itself.
fn must_encode(c: char) -> bool {
    c.is_ascii_control()
        || matches!(
            c,
            ' ' | '%' | '#' | '?' | '<' | '>' | '(' | ')' | '\\' | ':'
        )
}

/// Appends `text` (a path component or an anchor) as a link destination writes it: percent-
/// encoded where [`must_encode`] says, and every non-ASCII character too when `all` (in the
/// style of a link already written that way); otherwise letters of any script (Cyrillic, emoji)
/// stay as they are, as GitHub and editors read them. [`target_of_destination`] reads back
/// `text`.
pub fn push_encoded(out: &mut String, text: &str, all: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for c in text.chars() {
        if must_encode(c) || (all && !c.is_ascii()) {
            let mut buf = [0; 4];
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        } else {
            out.push(c);
        }
    }
}

/// `text` as a link destination writes it ([`push_encoded`]).
pub fn encode_destination(text: &str, all: bool) -> String {
    let mut out = String::with_capacity(text.len());
    push_encoded(&mut out, text, all);
    out
}

/// What a markdown link destination points at.
pub fn target_of_destination(dest: &str) -> LinkTarget {
    if is_external(dest) {
        return LinkTarget::External(dest.into());
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    LinkTarget::Local {
        path: (!path.is_empty()).then(|| percent_decode(path).into()),
        anchor: anchor.map(|a| percent_decode(a).into()),
    }
}

/// What a wiki link's inner text (`note#Heading`, without `|alias`) points at.
pub fn target_of_wiki(inner: &str) -> LinkTarget {
    let (note, heading) = match inner.split_once('#') {
        Some((n, h)) => (n.trim(), Some(h.trim())),
        None => (inner.trim(), None),
    };
    LinkTarget::Wiki {
        note: note.into(),
        heading: heading.filter(|h| !h.is_empty()).map(Into::into),
    }
}

/// Byte range, within an inline link's source `[text](dest "title")`, of `dest`.
pub fn inline_destination_range(link_source: &str) -> Option<std::ops::Range<usize>> {
    let open = link_source.rfind("](")? + 2;
    let rest = &link_source[open..];
    let skipped = rest.len() - rest.trim_start().len();
    let start = open + skipped;
    let body = &link_source[start..];
    let len = if let Some(inner) = body.strip_prefix('<') {
        return inner.find('>').map(|end| start + 1..start + 1 + end);
    } else {
        let mut depth = 0i32;
        body.char_indices()
            .find(|&(_, c)| match c {
                '(' => {
                    depth += 1;
                    false
                }
                ')' if depth == 0 => true,
                ')' => {
                    depth -= 1;
                    false
                }
                c => c.is_whitespace(),
            })
            .map_or(body.len(), |(i, _)| i)
    };
    Some(start..start + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_external_paths_are_not() {
        assert!(is_external("https://example.com/a.md"));
        assert!(is_external("mailto:me@example.com"));
        assert!(is_external("//cdn.example.com"));
        assert!(!is_external("notes/a.md#x:y"));
        assert!(!is_external("a.md"));
    }

    #[test]
    fn local_targets_are_decoded() {
        assert_eq!(
            target_of_destination("my%20note.md#%D1%88%D0%B0%D1%80%D0%B4"),
            LinkTarget::Local {
                path: Some("my note.md".into()),
                anchor: Some("шард".into())
            }
        );
        assert_eq!(
            target_of_destination("#top"),
            LinkTarget::Local {
                path: None,
                anchor: Some("top".into())
            }
        );
    }

    /// Whatever a name holds, the destination written for it reads back as the name.
    #[test]
    fn written_destinations_read_back() {
        for name in [
            "back\\slash <1>.md",
            "tab\tin.md",
            "what?.md",
            "C#.md",
            "(x) 100%.md",
            "ab:c.md",
            "Шард 🚀.md",
        ] {
            for all in [false, true] {
                let written = encode_destination(name, all);
                assert!(!written.contains([' ', '#', '?', '(', ')']), "{written}");
                assert_eq!(
                    target_of_destination(&format!("{written}#{}", encode_destination(name, all))),
                    LinkTarget::Local {
                        path: Some(name.into()),
                        anchor: Some(name.into())
                    },
                    "{name} written as {written}"
                );
            }
        }
        assert_eq!(encode_destination("Шард 🚀.md", false), "Шард%20🚀.md");
        assert_eq!(encode_destination("ш", true), "%D1%88");
    }

    #[test]
    fn destination_ranges() {
        let s = "[a](b.md#c \"t\")";
        assert_eq!(&s[inline_destination_range(s).unwrap()], "b.md#c");
        let s = "[a](<my note.md>)";
        assert_eq!(&s[inline_destination_range(s).unwrap()], "my note.md");
        let s = "[a](f(x).md)";
        assert_eq!(&s[inline_destination_range(s).unwrap()], "f(x).md");
    }
}
