//! The few front-matter keys notes use: `title` and `aliases`.

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
    fn inline_and_block_alias_lists() {
        let (t, a) = title_and_aliases("title: \"Базы\"\naliases: [DB, 'databases']\n");
        assert_eq!(t.as_deref(), Some("Базы"));
        assert_eq!(a, ["DB", "databases"]);
        let (_, a) = title_and_aliases("aliases:\n  - GIL\n  - Global Interpreter Lock\ntags: x");
        assert_eq!(a, ["GIL", "Global Interpreter Lock"]);
    }
}
