//! Problems in one note: gaps, broken anchors, missing or unreadable files, unresolved wiki
//! links and undefined references.

use super::gaps::answer_for;
use crate::config::{DiagnosticCode, Severities, Severity};
use crate::syntax::slug::{slugify, Anchors};
use crate::syntax::{Link, LinkTarget, Note, Span};
use crate::workspace::{Resolved, Workspace};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One problem found in a note.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Where, in the note's bytes.
    pub span: Span,
    /// What it is about.
    pub code: DiagnosticCode,
    /// How serious, after the settings.
    pub severity: Severity,
    /// What is wrong, for a person.
    pub message: String,
}

/// The diagnostics of the note at `path`, in document order (none for an unknown path), each
/// at the severity `severities` gives its code (its default when not listed; none when `off`).
pub fn diagnose(workspace: &Workspace, path: &Path, severities: &Severities) -> Vec<Diagnostic> {
    let Some(note) = workspace.note(path) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for placeholder in &note.placeholders {
        let mut message = if placeholder.question.is_empty() {
            "Unanswered: only a placeholder where an answer belongs".to_string()
        } else {
            format!(
                "Unanswered: \"{}\" has only a placeholder",
                placeholder.question
            )
        };
        if let Some(answer) = answer_for(workspace, &placeholder.question, path) {
            message.push_str(&format!(" (answered in {})", answer.label));
        }
        found.push((placeholder.span, DiagnosticCode::Unanswered, message));
    }
    found.extend(link_problems(workspace, path, note));
    for undefined in &note.undefined_refs {
        let message = format!("No definition for reference [{}]", undefined.label);
        found.push((undefined.span, DiagnosticCode::UndefinedReference, message));
    }
    let mut out: Vec<Diagnostic> = found
        .into_iter()
        .filter_map(|(span, code, message)| {
            let severity = severities
                .get(&code)
                .copied()
                .unwrap_or_else(|| code.default_severity());
            (severity != Severity::Off).then_some(Diagnostic {
                span,
                code,
                severity,
                message,
            })
        })
        .collect();
    out.sort_by_key(|d| d.span);
    out
}

/// The links of `note` (at `path`) that lead nowhere, or not where they mean: the span each
/// problem covers, its code and message.
pub fn link_problems(
    workspace: &Workspace,
    path: &Path,
    note: &Note,
) -> Vec<(Span, DiagnosticCode, String)> {
    problems_of_links(workspace, path, note, note.links.iter())
}

/// [`link_problems`] of some of the links of `note` only (the budget of typo suggestions is
/// theirs alone, so a message may suggest more than the whole note's would).
pub fn problems_of_links<'a>(
    workspace: &Workspace,
    path: &Path,
    note: &Note,
    links: impl Iterator<Item = &'a Link>,
) -> Vec<(Span, DiagnosticCode, String)> {
    let mut lookups = AnchorLookups {
        typo_budget: TYPO_COMPARISONS,
        folded: HashMap::new(),
    };
    links
        .filter_map(|link| {
            check_link(workspace, path, note, link, &mut lookups)
                .map(|(code, message)| (link.dest_span, code, message))
        })
        .collect()
}

fn check_link(
    workspace: &Workspace,
    path: &Path,
    note: &Note,
    link: &Link,
    lookups: &mut AnchorLookups,
) -> Option<(DiagnosticCode, String)> {
    let (target_note, target_name, target_path) = match workspace.resolve(path, &link.target) {
        Resolved::External | Resolved::OtherFile => return None,
        Resolved::MissingFile(missing) => {
            let shown = match &link.target {
                LinkTarget::Local { path: Some(p), .. } => p.to_string(),
                _ => missing.display().to_string(),
            };
            return Some((
                DiagnosticCode::MissingFile,
                format!("File not found: {shown}"),
            ));
        }
        Resolved::Unreadable(reason) => {
            let shown = match &link.target {
                LinkTarget::Local { path: Some(p), .. } => &**p,
                _ => "",
            };
            return Some((
                DiagnosticCode::UnreadableFile,
                format!("File cannot be read: {shown} ({reason})"),
            ));
        }
        Resolved::UnresolvedWiki => {
            let LinkTarget::Wiki { note: name, .. } = &link.target else {
                return None;
            };
            return Some((
                DiagnosticCode::UnresolvedWikiLink,
                format!("No note named \"{name}\" in the workspace"),
            ));
        }
        Resolved::Note(target_path, target) => {
            let same = &**target_path == path;
            let name = if same {
                "this note".to_string()
            } else {
                target_path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            };
            (
                if same { note } else { &**target },
                name,
                target_path.to_path_buf(),
            )
        }
    };
    match &link.target {
        LinkTarget::Local {
            anchor: Some(anchor),
            ..
        } if !anchor.is_empty() => check_anchor(
            (target_note, &target_path),
            anchor,
            workspace.parse_options().anchors,
            &target_name,
            lookups,
        ),
        LinkTarget::Wiki {
            heading: Some(heading),
            ..
        } => check_wiki_heading(target_note, heading, &target_name, &mut lookups.typo_budget),
        _ => None,
    }
}

fn check_anchor(
    (target, target_path): (&Note, &Path),
    fragment: &str,
    anchors: Anchors,
    target_name: &str,
    lookups: &mut AnchorLookups,
) -> Option<(DiagnosticCode, String)> {
    if let Some(anchor) = target.anchor_for(fragment, anchors) {
        return ambiguity(target, anchor);
    }
    if let Some(anchor) = lookups.same_but_case(target, target_path, fragment, anchors) {
        return Some((
            DiagnosticCode::NonCanonicalAnchor,
            format!(
                "#{fragment} differs from #{anchor} only in letter case: GitHub's page view finds it, other renderers (VS Code preview, static sites) do not"
            ),
        ));
    }
    let mut message = format!("No heading #{fragment} in {target_name}");
    if let Some(best) = closest_slug(target, fragment, &mut lookups.typo_budget) {
        message.push_str(&format!("; did you mean #{best}?"));
    }
    Some((DiagnosticCode::BrokenAnchor, message))
}

/// What the anchor checks of one note's diagnostics look up more than once, so that a note
/// with thousands of links into a note with thousands of headings stays linear.
struct AnchorLookups {
    /// Heading slugs still to compare with broken anchors (see [`TYPO_COMPARISONS`]).
    typo_budget: usize,
    /// Per target note, its anchors by their lower case (the first of equals).
    folded: HashMap<PathBuf, HashMap<String, String>>,
}

impl AnchorLookups {
    /// The anchor of `target` (at `path`) that `fragment` names when letter case is ignored.
    fn same_but_case(
        &mut self,
        target: &Note,
        path: &Path,
        fragment: &str,
        anchors: Anchors,
    ) -> Option<String> {
        let folded = fragment.to_lowercase();
        let unprefixed = anchors.unprefixed(&folded);
        if !self.folded.contains_key(path) {
            let mut index = HashMap::new();
            let names = target.headings.iter().map(|h| &*h.slug);
            for name in names.chain(target.anchors.iter().map(|a| &*a.name)) {
                index
                    .entry(name.to_lowercase())
                    .or_insert_with(|| name.to_string());
            }
            self.folded.insert(path.to_path_buf(), index);
        }
        let index = &self.folded[path];
        index
            .get(&folded)
            .or_else(|| unprefixed.and_then(|u| index.get(u)))
            .cloned()
    }
}

/// An anchor that names the first of several headings with the same text.
fn ambiguity(target: &Note, anchor: &str) -> Option<(DiagnosticCode, String)> {
    let heading = target.headings.iter().find(|h| &*h.slug == anchor)?;
    let base = slugify(&heading.text);
    if base != anchor {
        return None;
    }
    let same: Vec<_> = target
        .headings
        .iter()
        .filter(|h| h.slug.starts_with(&base) && slugify(&h.text) == base)
        .collect();
    if same.len() < 2 {
        return None;
    }
    let lines: Vec<String> = same
        .iter()
        .map(|h| (target.source.line_of(h.span.start as usize) + 1).to_string())
        .collect();
    let others: Vec<String> = same[1..].iter().map(|h| format!("#{}", h.slug)).collect();
    Some((
        DiagnosticCode::AmbiguousAnchor,
        format!(
            "#{anchor} matches the first of {} headings \"{}\" (lines {}); the others are {}",
            same.len(),
            heading.text,
            lines.join(", "),
            others.join(", ")
        ),
    ))
}

fn check_wiki_heading(
    target: &Note,
    heading: &str,
    target_name: &str,
    budget: &mut usize,
) -> Option<(DiagnosticCode, String)> {
    let wanted = slugify(heading);
    let matches = target
        .headings
        .iter()
        .filter(|h| h.text.to_lowercase() == heading.to_lowercase() || slugify(&h.text) == wanted)
        .count();
    match matches {
        0 if target.has_anchor(heading) => None,
        0 => {
            let mut message = format!("No heading \"{heading}\" in {target_name}");
            if let Some(best) = closest_slug(target, &wanted, budget) {
                message.push_str(&format!("; did you mean #{best}?"));
            }
            Some((DiagnosticCode::BrokenAnchor, message))
        }
        1 => None,
        n => Some((
            DiagnosticCode::AmbiguousAnchor,
            format!(
                "\"{heading}\" matches {n} headings in {target_name}; the link goes to the first"
            ),
        )),
    }
}

/// How many heading slugs one note's diagnostics compare with broken anchors in all, looking for
/// typos: a note with thousands of broken links and thousands of headings stays linear, its
/// later links get no "did you mean".
const TYPO_COMPARISONS: usize = 20_000;

/// How close a slug must be to a broken anchor to be offered as its typo fix.
const TYPO_SCORE: f64 = 0.7;

/// The slug a link to `anchor` most likely meant: the heading whose slug is the anchor's own
/// slug (`#1.-Intro` → `#1-intro`), else the closest when it is close enough to be a typo and
/// `budget` (comparisons left, see [`TYPO_COMPARISONS`]) allows the search.
fn closest_slug<'a>(target: &'a Note, anchor: &str, budget: &mut usize) -> Option<&'a str> {
    let canonical = slugify(anchor);
    if let Some(h) = target.headings.iter().find(|h| *h.slug == canonical) {
        return Some(&h.slug);
    }
    if *budget < target.headings.len() {
        return None;
    }
    *budget -= target.headings.len();
    let anchor = anchor.to_lowercase();
    let length = anchor.chars().count();
    target
        .headings
        .iter()
        .filter(|h| {
            // The edit distance is at least the difference in length.
            let other = h.slug.chars().count();
            let longer = length.max(other) as f64;
            (length.abs_diff(other) as f64) <= (1.0 - TYPO_SCORE) * longer
        })
        .map(|h| {
            (
                strsim::normalized_damerau_levenshtein(&anchor, &h.slug),
                &*h.slug,
            )
        })
        .filter(|(score, _)| *score >= TYPO_SCORE)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, slug)| slug)
}
