//! Hover: the answer the notes hold for the term under the cursor, or the first lines of a
//! link's target.

use super::answer::{display_path, excerpt, place_link, shorten, MAX_LINES};
use super::links::{destination, link_at, LinkDestination};
use super::terms::{definition_written_at, term_at};
use crate::config::HoverConfig;
use crate::syntax::Span;
use crate::workspace::{DefRef, Workspace};
use std::path::Path;

/// What a hover shows and the text it is about.
#[derive(Clone, Debug, PartialEq)]
pub struct HoverResult {
    /// Markdown.
    pub markdown: String,
    /// The hovered term or link.
    pub span: Span,
}

/// The hover at `offset` in the note at `path`, or `None` when there is nothing useful to say
/// (or hovers are turned off in `settings`).
pub fn hover(
    workspace: &Workspace,
    path: &Path,
    offset: usize,
    settings: &HoverConfig,
) -> Option<HoverResult> {
    if !settings.enabled {
        return None;
    }
    let note = workspace.note(path)?;
    if let Some(link) = link_at(note, offset) {
        return link_hover(workspace, path, link).map(|markdown| HoverResult {
            markdown,
            span: link.span,
        });
    }
    term_hover(workspace, path, offset)
}

fn link_hover(workspace: &Workspace, path: &Path, link: &crate::syntax::Link) -> Option<String> {
    let LinkDestination::Note {
        path: target_path,
        heading,
        ..
    } = destination(workspace, path, link)?
    else {
        return None;
    };
    let target = workspace.note(&target_path)?;
    let mut title = display_path(workspace, &target_path);
    let body = match &heading {
        Some(h) => {
            title.push_str(" › ");
            title.push_str(&h.text);
            excerpt(
                target,
                Span::new(h.span.end as usize, h.section.end as usize),
            )
        }
        None => shorten(target.source.text(), MAX_LINES),
    };
    if body.trim().is_empty() {
        return Some(format!("**{title}**"));
    }
    Some(format!("**{title}**\n\n{body}"))
}

fn term_hover(workspace: &Workspace, path: &Path, offset: usize) -> Option<HoverResult> {
    let term = term_at(workspace, path, offset)?;
    let note = workspace.note(path)?;
    let here = definition_written_at(note, offset).and_then(|d| {
        let index = note.definitions.iter().position(|x| std::ptr::eq(x, d))?;
        Some((d.gap, index as u32))
    });
    let others: Vec<DefRef> = term
        .definitions
        .iter()
        .filter(|d| here.is_none_or(|(_, i)| !(&*d.path == path && d.index == i)))
        .cloned()
        .collect();
    let unanswered_here = matches!(here, Some((true, _)));
    Some(HoverResult {
        markdown: answer_markdown(workspace, &others, unanswered_here)?,
        span: term.span,
    })
}

/// The hover text for a term with these definitions (best first): the best answer, where it
/// came from and where else it is defined; `None` when no definition has an answer.
pub fn answer_markdown(
    workspace: &Workspace,
    defs: &[DefRef],
    unanswered_here: bool,
) -> Option<String> {
    let best = defs.first()?;
    let (best_note, best_def) = workspace.definition(best)?;
    if best_def.gap {
        return None;
    }
    let heading = best_def
        .names()
        .map(|n| format!("**{n}**"))
        .collect::<Vec<_>>()
        .join(" · ");
    let mut out = String::new();
    if unanswered_here {
        out.push_str("*Unanswered here. Answer from another note:*\n\n");
    }
    out.push_str(&heading);
    out.push_str("\n\n");
    out.push_str(&excerpt(best_note, best_def.answer));
    out.push_str("\n\n---\n");
    if let Some(link) = place_link(workspace, best) {
        out.push_str(&format!("Source: {link}"));
    }
    let also: Vec<String> = defs[1..]
        .iter()
        .filter(|d| workspace.definition(d).is_some_and(|(_, x)| !x.gap))
        .take(5)
        .filter_map(|d| place_link(workspace, d))
        .collect();
    if !also.is_empty() {
        out.push_str(&format!("\n\nAlso in: {}", also.join(" · ")));
    }
    Some(out)
}
