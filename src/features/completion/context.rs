//! What completion is asked for, from the text of a line before the cursor.

/// Where the cursor is, as far as completion cares.
#[derive(Clone, Debug, PartialEq)]
pub enum Context {
    /// In a link destination: `[t](typed`.
    Path {
        /// What was typed after `(`.
        typed: String,
    },
    /// After `#` in a link destination: `[t](file.md#typed` or `[t](#typed`.
    Anchor {
        /// The file part before `#` (empty for the current note).
        file: String,
        /// What was typed after `#`.
        typed: String,
    },
    /// In a wiki link: `[[typed`.
    Wiki {
        /// What was typed after `[[`.
        typed: String,
    },
    /// After `#` in a wiki link: `[[note#typed`.
    WikiHeading {
        /// The note named before `#` (empty for the current note).
        note: String,
        /// What was typed after `#`.
        typed: String,
    },
}

/// The completion context of the text of a line before the cursor.
pub fn context(before: &str) -> Option<Context> {
    let wiki = before.rfind("[[");
    let link = before.rfind("](");
    match (wiki, link) {
        (Some(w), l) if l.is_none_or(|l| w > l) => {
            let typed = &before[w + 2..];
            if typed.contains("]]") || typed.contains('|') {
                return None;
            }
            Some(match typed.split_once('#') {
                Some((note, heading)) => Context::WikiHeading {
                    note: note.to_string(),
                    typed: heading.to_string(),
                },
                None => Context::Wiki {
                    typed: typed.to_string(),
                },
            })
        }
        (_, Some(l)) => {
            let typed = before[l + 2..].trim_start_matches('<');
            if typed.contains([')', ' ', '>']) {
                return None;
            }
            Some(match typed.split_once('#') {
                Some((file, anchor)) => Context::Anchor {
                    file: file.to_string(),
                    typed: anchor.to_string(),
                },
                None => Context::Path {
                    typed: typed.to_string(),
                },
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_from_the_text_before_the_cursor() {
        assert_eq!(
            context("see [x]("),
            Some(Context::Path { typed: "".into() })
        );
        assert_eq!(
            context("see [x](../db/ac"),
            Some(Context::Path {
                typed: "../db/ac".into()
            })
        );
        assert_eq!(
            context("[x](acid.md#iso"),
            Some(Context::Anchor {
                file: "acid.md".into(),
                typed: "iso".into()
            })
        );
        assert_eq!(
            context("[x](#"),
            Some(Context::Anchor {
                file: "".into(),
                typed: "".into()
            })
        );
        assert_eq!(
            context("Шард [[ша"),
            Some(Context::Wiki {
                typed: "ша".into()
            })
        );
        assert_eq!(
            context("[[acid#Iso"),
            Some(Context::WikiHeading {
                note: "acid".into(),
                typed: "Iso".into()
            })
        );
        assert_eq!(context("[x](done.md) and more"), None);
        assert_eq!(context("[[done]] text"), None);
        assert_eq!(context("plain text"), None);
    }
}
