//! The words of a line that a term under the cursor can be made of: letters and digits, with
//! the punctuation term names carry inside (`N+1`, `CI/CD`, `select_related`, `Brewer's`).

/// Characters that belong inside a term's word (`N+1`, `CI/CD`, `select_related`, `Brewer's`).
/// Whether `c` can be part of a word of a term name.
pub fn is_term_char(c: char) -> bool {
    c.is_alphanumeric() || "+/_'#-".contains(c)
}

/// Byte ranges of the words of `line`, trailing `-`, `'` and `/` trimmed.
pub fn term_words(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        match (start, is_term_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = line[s..i].trim_end_matches(['-', '\'', '/', '#']);
                let word = word.trim_start_matches(['-', '\'', '/', '#']);
                if word.chars().any(char::is_alphanumeric) {
                    let lead = line[s..i].len()
                        - line[s..i].trim_start_matches(['-', '\'', '/', '#']).len();
                    out.push((s + lead, s + lead + word.len()));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_term_punctuation() {
        let line = "N+1 queries, CI/CD and select_related (Brewer's) — GIL.";
        let got: Vec<&str> = term_words(line).iter().map(|&(s, e)| &line[s..e]).collect();
        assert_eq!(
            got,
            [
                "N+1",
                "queries",
                "CI/CD",
                "and",
                "select_related",
                "Brewer's",
                "GIL"
            ]
        );
    }
}
