//! Gaps and the study report: per note and per section, the questions answered and the ones
//! still open (placeholders), each open one with where another note answers it. The
//! `notes.gaps` command and `notes-lsp gaps` both read [`report`].

use super::answer::source_label;
use super::terms::answer_elsewhere;
use crate::syntax::{Definition, Note, Span, Weight};
use crate::workspace::Workspace;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// An unanswered placeholder.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    /// The note it is in.
    pub path: PathBuf,
    /// The placeholder token.
    pub span: Span,
    /// The question it leaves unanswered.
    pub question: String,
    /// Where another note answers the question, if one does.
    pub answered_in: Option<Answer>,
}

/// Where another note answers a question.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The note.
    pub path: PathBuf,
    /// Where its term is written.
    pub span: Span,
    /// `file.md › Heading › Subheading`.
    pub label: String,
}

/// The questions of one section: its own text, down to its first subheading.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionReport {
    /// The heading's text; `None` for the text before the first heading.
    pub heading: Option<String>,
    /// The heading's lines (empty at the note's start when there is no heading).
    pub span: Span,
    /// Questions with an answer.
    pub answered: usize,
    /// Questions with only a placeholder, in text order.
    pub gaps: Vec<Gap>,
}

/// The questions of one note, by section.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteReport {
    /// The note.
    pub path: PathBuf,
    /// Its sections that hold a question, in text order.
    pub sections: Vec<SectionReport>,
}

impl NoteReport {
    /// Questions with an answer.
    pub fn answered(&self) -> usize {
        self.sections.iter().map(|s| s.answered).sum()
    }

    /// Questions with only a placeholder.
    pub fn open(&self) -> usize {
        self.sections.iter().map(|s| s.gaps.len()).sum()
    }
}

/// Every note that holds a question, by path.
pub fn report(workspace: &Workspace) -> Vec<NoteReport> {
    workspace
        .sorted_paths()
        .into_iter()
        .filter_map(|path| {
            let note = workspace.note(&path)?;
            let sections = note_sections(workspace, &path, note);
            (!sections.is_empty()).then(|| NoteReport {
                path: path.to_path_buf(),
                sections,
            })
        })
        .collect()
}

/// Every gap of the workspace, by path, then in text order.
pub fn gaps(workspace: &Workspace) -> Vec<Gap> {
    report(workspace)
        .into_iter()
        .flat_map(|note| note.sections)
        .flat_map(|section| section.gaps)
        .collect()
}

/// The best answer to `question` in a note other than `path`.
pub fn answer_for(workspace: &Workspace, question: &str, path: &Path) -> Option<Answer> {
    let best = answer_elsewhere(workspace, question, path)?;
    let (note, def) = workspace.definition(&best)?;
    Some(Answer {
        path: best.path.to_path_buf(),
        span: def.span,
        label: source_label(workspace, &best.path, note, def.span.start as usize),
    })
}

/// Whether a definition answers a question: not a gap, nor a mere mention, an index or a
/// heading that only groups subsections.
fn is_answer(def: &Definition) -> bool {
    !def.gap
        && !matches!(
            def.weight,
            Weight::Usage | Weight::Index | Weight::Container
        )
}

/// Where the note's answered questions are written, one per answer: the answers that hold no
/// other question (a heading over a list of questions is their topic, not one more question),
/// and one for the terms that share an answer (aliases, `X vs Y`).
fn answered_questions(note: &Note) -> Vec<u32> {
    // Where every question starts, with its answer (none for a placeholder's), by offset.
    let mut starts: Vec<(u32, Option<Span>)> = note
        .definitions
        .iter()
        .filter(|d| is_answer(d))
        .map(|d| (d.span.start, Some(d.answer)))
        .chain(note.placeholders.iter().map(|p| (p.span.start, None)))
        .collect();
    starts.sort_unstable_by_key(|&(start, _)| start);
    let holds_another = |answer: Span| {
        let first = starts.partition_point(|&(s, _)| s < answer.start);
        starts[first..]
            .iter()
            .take_while(|&&(s, _)| s < answer.end)
            .any(|&(_, other)| other != Some(answer))
    };
    let mut answers = HashSet::new();
    note.definitions
        .iter()
        .filter(|d| is_answer(d) && !holds_another(d.answer) && answers.insert(d.answer))
        .map(|d| d.span.start)
        .collect()
}

fn note_sections(workspace: &Workspace, path: &Path, note: &Note) -> Vec<SectionReport> {
    // Slot 0 is the text before the first heading; slot i + 1 the section of heading i.
    let mut sections: Vec<SectionReport> = std::iter::once(SectionReport {
        heading: None,
        span: Span::default(),
        answered: 0,
        gaps: Vec::new(),
    })
    .chain(note.headings.iter().map(|h| SectionReport {
        heading: Some(h.text.to_string()),
        span: h.span,
        answered: 0,
        gaps: Vec::new(),
    }))
    .collect();
    let slot = |offset: u32| {
        note.headings
            .iter()
            .rposition(|h| h.section.start <= offset && offset < h.section.end)
            .map_or(0, |i| i + 1)
    };
    for start in answered_questions(note) {
        sections[slot(start)].answered += 1;
    }
    for placeholder in &note.placeholders {
        sections[slot(placeholder.span.start)].gaps.push(Gap {
            path: path.to_path_buf(),
            span: placeholder.span,
            question: placeholder.question.to_string(),
            answered_in: answer_for(workspace, &placeholder.question, path),
        });
    }
    sections.retain(|s| s.answered > 0 || !s.gaps.is_empty());
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault() -> Workspace {
        crate::workspace::of_notes(&[
            (
                "/v/b.md",
                "# Python\n\n## Threads\n\n- GIL\n  - f\n- Event loop\n  - f\n\n## Data\n\n- List\n  - A mutable sequence.\n",
            ),
            (
                "/v/a.md",
                "# Internals\n\n## GIL\n\nThe GIL is a mutex in CPython that lets one thread run at a time.\n",
            ),
            ("/v/c.md", "Just prose, no questions here.\n"),
        ])
    }

    #[test]
    fn gaps_are_listed_by_path_with_their_question_and_the_answer_elsewhere() {
        let found: Vec<(String, String, Option<String>)> = gaps(&vault())
            .into_iter()
            .map(|g| {
                let answer = g.answered_in.map(|a| a.label);
                (g.path.display().to_string(), g.question, answer)
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "/v/b.md".to_string(),
                    "GIL".to_string(),
                    Some("a.md › Internals › GIL".to_string())
                ),
                ("/v/b.md".to_string(), "Event loop".to_string(), None),
            ]
        );
    }

    #[test]
    fn the_report_counts_answered_and_open_questions_per_section() {
        let report = report(&vault());
        let paths: Vec<&Path> = report.iter().map(|n| n.path.as_path()).collect();
        assert_eq!(paths, [Path::new("/v/a.md"), Path::new("/v/b.md")]);
        let b = &report[1];
        let sections: Vec<(Option<&str>, usize, usize)> = b
            .sections
            .iter()
            .map(|s| (s.heading.as_deref(), s.answered, s.gaps.len()))
            .collect();
        assert_eq!(sections, [(Some("Threads"), 0, 2), (Some("Data"), 1, 0)]);
        assert_eq!((b.answered(), b.open()), (1, 2));
        assert_eq!((report[0].answered(), report[0].open()), (1, 0));
    }
}
