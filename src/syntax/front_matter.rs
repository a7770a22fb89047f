//! Front matter: where it ends (it exists only at the very start of a note) and the few keys
//! notes use, `title` and `aliases`.

/// Byte offset just after a YAML (`---` … `---`/`...`) or TOML (`+++` … `+++`) front-matter
/// block that opens the text (after an optional byte-order mark), 0 without one. The line after
/// the opening fence must hold something: a rule followed by a blank line is a thematic break.
pub fn front_matter_end(text: &str) -> usize {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = body.split_inclusive('\n').map(|l| (l.len(), l.trim_end()));
    let Some((first_len, fence)) = lines.next().filter(|(_, l)| matches!(*l, "---" | "+++")) else {
        return 0;
    };
    let mut at = text.len() - body.len() + first_len;
    for (i, (len, line)) in lines.enumerate() {
        at += len;
        if i == 0 && line.is_empty() {
            return 0;
        }
        if line == fence || (fence == "---" && line == "...") {
            return at;
        }
    }
    0
}

/// Title and aliases from a YAML front-matter block's text.
pub fn title_and_aliases(yaml: &str) -> (Option<String>, Vec<String>) {
    let mut title = None;
    let mut aliases = Vec::new();
    let mut in_alias_list = false;
    for line in yaml.lines() {
        if in_alias_list {
            if let Some(item) = line.trim_start().strip_prefix("- ") {
                aliases.push(unquote(item));
                continue;
            }
            in_alias_list = false;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "title" if !value.is_empty() => title = Some(unquote(value)),
            "aliases" | "alias" => {
                if let Some(list) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
                    aliases.extend(list.split(',').map(unquote).filter(|a| !a.is_empty()));
                } else if value.is_empty() {
                    in_alias_list = true;
                } else {
                    aliases.push(unquote(value));
                }
            }
            _ => {}
        }
    }
    (title, aliases)
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches(|c| c == '"' || c == '\'').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_opens_the_text_or_is_not_there() {
        let yaml = "---\ntitle: A\n---\n# A\n";
        assert_eq!(&yaml[front_matter_end(yaml)..], "# A\n");
        let toml = "\u{feff}+++\ntitle = \"A\"\n+++\ntext";
        assert_eq!(&toml[front_matter_end(toml)..], "text");
        assert_eq!(
            &"---\na: 1\n...\nx"[front_matter_end("---\na: 1\n...\nx")..],
            "x"
        );
        for none in [
            "# A\n\n---\ntitle: B\n---\n",
            "---\n\n# A rule, a blank line\n---\n",
            "---\nnever closed\n",
            "----\na: 1\n----\n",
        ] {
            assert_eq!(front_matter_end(none), 0, "{none:?}");
        }
    }

    #[test]
    fn inline_and_block_alias_lists() {
        let (t, a) = title_and_aliases("title: \"Базы\"\naliases: [DB, 'databases']\n");
        assert_eq!(t.as_deref(), Some("Базы"));
        assert_eq!(a, ["DB", "databases"]);
        let (_, a) = title_and_aliases("aliases:\n  - GIL\n  - Global Interpreter Lock\ntags: x");
        assert_eq!(a, ["GIL", "Global Interpreter Lock"]);
    }
}
