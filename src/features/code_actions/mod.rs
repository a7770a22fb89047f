//! Code actions: quick fixes for gaps (link to the answer another note holds, or insert its
//! text), for broken and non-canonical anchors (`anchors.rs`), for links to missing notes
//! (`create_note.rs`), and a table of contents between markers (`toc.rs`).

mod anchors;
mod create_note;
mod toc;

use super::answer::{display_path, shorten};
use super::link_paths::relative_link;
use super::terms::answer_elsewhere;
use crate::config::{CompletionConfig, LinkStyle};
use crate::syntax::{encode_destination, Link, Note, Span};
use crate::workspace::Workspace;
use std::path::Path;

/// A code action: a title and the text edits (and the note to create) that make it.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// What the editor lists.
    pub title: String,
    /// A fix for a diagnostic, or a rewrite asked for.
    pub kind: FixKind,
    /// Replacements in the note the fix is for.
    pub edits: Vec<(Span, String)>,
    /// A note to create first.
    pub create: Option<NewNote>,
    /// The fix to apply when the editor applies one alone.
    pub preferred: bool,
}

/// What a code action is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    /// It fixes a diagnostic.
    QuickFix,
    /// It rewrites part of the note (a table of contents).
    Rewrite,
}

/// A note a code action creates, with its text.
#[derive(Clone, Debug, PartialEq)]
pub struct NewNote {
    /// Where.
    pub path: std::path::PathBuf,
    /// Its text.
    pub text: String,
}

impl Fix {
    /// A quick fix of `edits` in the note.
    fn quick(title: String, edits: Vec<(Span, String)>) -> Self {
        Fix {
            title,
            kind: FixKind::QuickFix,
            edits,
            create: None,
            preferred: false,
        }
    }
}

/// Every code action for the part `range` of the note at `path`; links are written in
/// `settings.link_style`.
pub fn code_actions(
    workspace: &Workspace,
    path: &Path,
    range: Span,
    settings: &CompletionConfig,
) -> Vec<Fix> {
    let mut out = anchors::anchor_fixes(workspace, path, range);
    out.extend(create_note::create_note_fixes(workspace, path, range));
    out.extend(gap_fixes(workspace, path, range, settings));
    out.extend(toc::toc_actions(workspace, path, range));
    out
}

/// The placeholder token at the end of a gap's line (the `f` of `Answer: f`), so that a fix
/// replaces the token and keeps a label written before it; the whole line when no token ends it.
fn token_span(text: &str, gap: Span, placeholders: &[String]) -> Span {
    let line = text[gap.range()].trim_end();
    let end = gap.start as usize + line.len();
    placeholders
        .iter()
        .filter(|p| !p.is_empty() && line.ends_with(p.as_str()))
        .map(|p| Span::new(end - p.len(), end))
        .find(|token| {
            // A whole word: `Answer: f`, not the last letter of `Answer: elf`.
            text[gap.start as usize..token.start as usize]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
        .unwrap_or(gap)
}

/// The links of `note` that overlap `range`.
fn links_in(note: &Note, range: Span) -> impl Iterator<Item = &Link> {
    note.links
        .iter()
        .filter(move |l| l.span.end >= range.start && l.span.start <= range.end)
}

/// Fixes for the gaps of the note at `path` that overlap `range`, links written in
/// `settings.link_style`.
pub fn gap_fixes(
    workspace: &Workspace,
    path: &Path,
    range: Span,
    settings: &CompletionConfig,
) -> Vec<Fix> {
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
        let token = token_span(
            note.source.text(),
            gap.span,
            &workspace.parse_options().placeholders,
        );
        let link = match settings.link_style {
            LinkStyle::Wiki => {
                let stem = best.path.file_stem().unwrap_or_default().to_string_lossy();
                match heading {
                    Some(h) => format!("see [[{stem}#{}]]", h.text),
                    None => format!("see [[{stem}]]"),
                }
            }
            LinkStyle::Markdown => {
                let anchor = heading
                    .map(|h| format!("#{}", encode_destination(&h.slug, false)))
                    .unwrap_or_default();
                let path = relative_link(path, &best.path);
                format!("see [{}]({path}{anchor})", def.term)
            }
        };
        let shown = display_path(workspace, &best.path);
        fixes.push(Fix::quick(
            format!("Copy answer from {shown} (as a link)"),
            vec![(token, link)],
        ));
        let column = token.start as usize
            - note
                .source
                .line_range(note.source.line_of(token.start as usize))
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
        fixes.push(Fix::quick(
            format!("Insert answer text from {shown}"),
            vec![(token, indented)],
        ));
    }
    fixes
}
