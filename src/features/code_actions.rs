//! Quick fixes for gaps: link to the answer another note holds, or insert its text.

use super::answer::{display_path, shorten};
use super::terms::answer_elsewhere;
use crate::config::LinkStyle;
use crate::syntax::Span;
use crate::workspace::Workspace;
use std::path::{Component, Path, PathBuf};

/// A quick fix: a title and the text edits that make it.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// What the editor lists.
    pub title: String,
    /// Replacements in the note the fix is for.
    pub edits: Vec<(Span, String)>,
}

/// Fixes for the gaps of the note at `path` that overlap `range`.
pub fn gap_fixes(workspace: &Workspace, path: &Path, range: Span) -> Vec<Fix> {
    let Some(note) = workspace.note(path) else {
        return Vec::new();
    };
    let mut fixes = Vec::new();
    for gap in &note.placeholders {
        if gap.span.end < range.start || gap.span.start > range.end {
            continue;
        }
        let Some(best) = answer_elsewhere(workspace, &gap.question, path) else {
            continue;
        };
        let Some((target, def)) = workspace.definition(&best) else {
            continue;
        };
        let heading = target.heading_at(def.span.start as usize);
        let link = match workspace.config().completion.link_style {
            LinkStyle::Wiki => {
                let stem = best.path.file_stem().unwrap_or_default().to_string_lossy();
                match heading {
                    Some(h) => format!("see [[{stem}#{}]]", h.text),
                    None => format!("see [[{stem}]]"),
                }
            }
            LinkStyle::Markdown => {
                let anchor = heading.map(|h| format!("#{}", h.slug)).unwrap_or_default();
                let path = relative_link(path, &best.path);
                format!("see [{}]({path}{anchor})", def.term)
            }
        };
        let shown = display_path(workspace, &best.path);
        fixes.push(Fix {
            title: format!("Copy answer from {shown} (as a link)"),
            edits: vec![(gap.span, link)],
        });
        let column = gap.span.start as usize
            - note
                .source
                .line_range(note.source.line_of(gap.span.start as usize))
                .start;
        let answer = shorten(&target.source.text()[def.answer.range()], usize::MAX);
        let indented = answer
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 || l.is_empty() {
                    l.to_string()
                } else {
                    format!("{}{l}", " ".repeat(column))
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        fixes.push(Fix {
            title: format!("Insert answer text from {shown}"),
            edits: vec![(gap.span, indented)],
        });
    }
    fixes
}

/// The relative link from the note at `from` to the file `to`, spaces percent-encoded.
pub fn relative_link(from: &Path, to: &Path) -> String {
    let base = from.parent().unwrap_or(Path::new(""));
    let base: Vec<Component> = base.components().collect();
    let target: Vec<Component> = to.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut rel = PathBuf::new();
    for _ in common..base.len() {
        rel.push("..");
    }
    for c in &target[common..] {
        rel.push(c);
    }
    rel.to_string_lossy().replace(' ', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_between_folders() {
        assert_eq!(
            relative_link(
                Path::new("/n/ru/db.md"),
                Path::new("/n/databases/my index.md")
            ),
            "../databases/my%20index.md"
        );
        assert_eq!(
            relative_link(Path::new("/n/a.md"), Path::new("/n/b.md")),
            "b.md"
        );
    }
}
