//! Fixes for links to headings: a broken anchor becomes the closest heading's (the other
//! candidates offered after it), a non-canonical one the anchor it differs from in case only.

use super::{links_in, Fix};
use crate::features::link_paths::fragment_span;
use crate::syntax::slug::slugify;
use crate::syntax::{encode_destination, Heading, LinkTarget, Note, Span};
use crate::workspace::{Resolved, Workspace};
use std::path::Path;

/// Headings offered for one broken anchor, closest first.
const CANDIDATES: usize = 5;

/// Fixes for the links to headings in `range` of the note at `path`.
pub(super) fn anchor_fixes(workspace: &Workspace, path: &Path, range: Span) -> Vec<Fix> {
    let Some(note) = workspace.note(path) else {
        return Vec::new();
    };
    let anchors = workspace.parse_options().anchors;
    let mut out = Vec::new();
    for link in links_in(note, range) {
        let Resolved::Note(_, target) = workspace.resolve(path, &link.target) else {
            continue;
        };
        let Some(span) = fragment_span(note, link) else {
            continue;
        };
        let written = &note.source.text()[span.range()];
        match &link.target {
            LinkTarget::Local {
                anchor: Some(anchor),
                ..
            } if !anchor.is_empty() && target.anchor_for(anchor, anchors).is_none() => {
                if let Some(canonical) = same_but_case(target, anchor) {
                    let new = encode_destination(canonical, written.contains('%'));
                    let mut fix = Fix::quick(
                        format!("Change #{anchor} to #{canonical}"),
                        vec![(span, new)],
                    );
                    fix.preferred = true;
                    out.push(fix);
                } else {
                    let encoded = written.contains('%');
                    out.extend(broken(target, anchor, span, |h| {
                        encode_destination(&h.slug, encoded)
                    }));
                }
            }
            LinkTarget::Wiki {
                heading: Some(wanted),
                ..
            } if !wiki_heading_found(target, wanted) => {
                out.extend(broken(target, wanted, span, |h| h.text.to_string()));
            }
            _ => {}
        }
    }
    out
}

/// Whether a wiki link's heading names a heading (by text or slug) or an anchor of `target`.
fn wiki_heading_found(target: &Note, wanted: &str) -> bool {
    let slug = slugify(wanted);
    target.has_anchor(wanted)
        || target
            .headings
            .iter()
            .any(|h| h.text.to_lowercase() == wanted.to_lowercase() || *h.slug == slug)
}

/// The anchor of `target` that `fragment` names when letter case is ignored.
fn same_but_case<'a>(target: &'a Note, fragment: &str) -> Option<&'a str> {
    let folded = fragment.to_lowercase();
    let headings = target.headings.iter().map(|h| &*h.slug);
    let mut names = headings.chain(target.anchors.iter().map(|a| &*a.name));
    names.find(|name| name.to_lowercase() == folded)
}

/// Fixes for a broken heading link: the closest heading first (preferred), then the others
/// that come close, each written by `write`.
fn broken(target: &Note, wanted: &str, span: Span, write: impl Fn(&Heading) -> String) -> Vec<Fix> {
    let canonical = slugify(wanted);
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(f64, &Heading)> = target
        .headings
        .iter()
        .map(|h| {
            let score = if *h.slug == canonical {
                2.0
            } else {
                let by_slug = strsim::normalized_damerau_levenshtein(&wanted, &h.slug);
                let by_text =
                    strsim::normalized_damerau_levenshtein(&wanted, &h.text.to_lowercase());
                by_slug.max(by_text)
            };
            (score, h)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out = Vec::new();
    for (i, (_, heading)) in scored.into_iter().take(CANDIDATES).enumerate() {
        let new = write(heading);
        let mut fix = Fix::quick(
            format!("Link to \"{}\" ({new})", heading.text),
            vec![(span, new)],
        );
        fix.preferred = i == 0;
        out.push(fix);
    }
    out
}
