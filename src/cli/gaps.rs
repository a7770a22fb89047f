//! `notes-lsp gaps [DIR]`: the study report — per note and per section, the questions answered
//! and the ones still open, each open one with where another note answers it.

use super::load_dir;
use crate::features::answer::display_path;
use crate::features::gaps::{report, Gap, NoteReport, SectionReport};
use crate::syntax::Note;
use crate::text::Encoding;
use crate::workspace::Workspace;
use serde_json::{json, Value};
use std::io::{self, Write};
use std::path::Path;

/// How `gaps` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Each note's totals, then its sections with open questions and those questions.
    Text,
    /// One JSON document, for tools.
    Json,
    /// A markdown page with tables and a checklist of the open questions.
    Markdown,
}

/// Prints the study report of the notes under `dir` to `out`. Returns 0 whatever it finds (it is
/// a report, not a check), 2 when `dir` cannot be read.
pub fn gaps(dir: &Path, format: ReportFormat, out: &mut dyn Write) -> u8 {
    if !dir.is_dir() {
        eprintln!("notes-lsp: {} is not a folder", dir.display());
        return 2;
    }
    let (workspace, _) = load_dir(dir);
    let notes = report(&workspace);
    let study = Study {
        workspace: &workspace,
        notes: &notes,
    };
    let _ = match format {
        ReportFormat::Text => study.text(out),
        ReportFormat::Json => writeln!(out, "{:#}", study.json()),
        ReportFormat::Markdown => study.markdown(out),
    };
    0
}

/// The report and what it needs to name places.
struct Study<'a> {
    workspace: &'a Workspace,
    notes: &'a [NoteReport],
}

impl Study<'_> {
    fn note(&self, path: &Path) -> &Note {
        self.workspace
            .note(path)
            .expect("reported notes are in the workspace")
    }

    /// One-based line and column (UTF-16, as editors count) of `offset` in the note at `path`.
    fn line_col(&self, path: &Path, offset: u32) -> (u32, u32) {
        let pos = self
            .note(path)
            .source
            .line_col(offset as usize, Encoding::Utf16);
        (pos.line + 1, pos.col + 1)
    }

    fn line(&self, path: &Path, offset: u32) -> u32 {
        self.line_col(path, offset).0
    }

    /// Questions answered, questions open, and open ones another note answers, in all notes.
    fn totals(&self) -> (usize, usize, usize) {
        let answered = self.notes.iter().map(NoteReport::answered).sum();
        let open = self.notes.iter().map(NoteReport::open).sum();
        let elsewhere = self
            .notes
            .iter()
            .flat_map(|n| &n.sections)
            .flat_map(|s| &s.gaps)
            .filter(|g| g.answered_in.is_some())
            .count();
        (answered, open, elsewhere)
    }

    /// `5 notes with questions: 120 answered, 8 open (2 of them answered in another note)`.
    fn summary(&self) -> String {
        let (answered, open, elsewhere) = self.totals();
        format!(
            "{} notes with questions: {answered} answered, {open} open ({elsewhere} of them answered in another note)",
            self.notes.len()
        )
    }

    fn heading(section: &SectionReport) -> &str {
        section
            .heading
            .as_deref()
            .unwrap_or("(before the first heading)")
    }

    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        for note in self.notes {
            let path = note.path.display();
            writeln!(
                out,
                "{path}: {} answered, {} open",
                note.answered(),
                note.open()
            )?;
            // Sections with open questions only: a terminal cannot take every section of a vault.
            for section in note.sections.iter().filter(|s| !s.gaps.is_empty()) {
                writeln!(
                    out,
                    "  {} — {} answered, {} open",
                    Self::heading(section),
                    section.answered,
                    section.gaps.len()
                )?;
                for gap in &section.gaps {
                    let (line, col) = self.line_col(&gap.path, gap.span.start);
                    writeln!(out, "    {path}:{line}:{col}: {}", question(gap))?;
                }
            }
        }
        writeln!(out, "{}", self.summary())
    }

    fn json(&self) -> Value {
        let notes: Vec<Value> = self
            .notes
            .iter()
            .map(|note| {
                let sections: Vec<Value> = note
                    .sections
                    .iter()
                    .map(|section| {
                        let gaps: Vec<Value> =
                            section.gaps.iter().map(|gap| self.gap_json(gap)).collect();
                        json!({
                            "heading": section.heading,
                            "line": section.heading.as_ref().map(|_| self.line(&note.path, section.span.start)),
                            "answered": section.answered,
                            "open": section.gaps.len(),
                            "gaps": gaps,
                        })
                    })
                    .collect();
                json!({
                    "path": note.path.display().to_string(),
                    "answered": note.answered(),
                    "open": note.open(),
                    "sections": sections,
                })
            })
            .collect();
        let (answered, open, elsewhere) = self.totals();
        json!({
            "notes": notes,
            "summary": {
                "notes": self.notes.len(), "answered": answered, "open": open,
                "answeredElsewhere": elsewhere,
            },
        })
    }

    fn gap_json(&self, gap: &Gap) -> Value {
        let (line, column) = self.line_col(&gap.path, gap.span.start);
        let answered_in = gap.answered_in.as_ref().map(|answer| {
            json!({
                "path": answer.path.display().to_string(),
                "line": self.line(&answer.path, answer.span.start),
                "label": answer.label,
            })
        });
        json!({
            "line": line, "column": column, "question": gap.question, "answeredIn": answered_in,
        })
    }

    fn markdown(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "# Study report\n\n{}.\n", self.summary())?;
        writeln!(out, "| Note | Answered | Open |\n| --- | ---: | ---: |")?;
        for note in self.notes {
            writeln!(
                out,
                "| {} | {} | {} |",
                cell(&display_path(self.workspace, &note.path)),
                note.answered(),
                note.open()
            )?;
        }
        for note in self.notes {
            let name = display_path(self.workspace, &note.path);
            writeln!(out, "\n## {name}\n")?;
            writeln!(
                out,
                "| Section | Line | Answered | Open |\n| --- | ---: | ---: | ---: |"
            )?;
            for section in &note.sections {
                let line = match section.heading {
                    Some(_) => self.line(&note.path, section.span.start).to_string(),
                    None => String::new(),
                };
                writeln!(
                    out,
                    "| {} | {line} | {} | {} |",
                    cell(Self::heading(section)),
                    section.answered,
                    section.gaps.len()
                )?;
            }
            if note.open() > 0 {
                writeln!(out)?;
            }
            for section in &note.sections {
                for gap in &section.gaps {
                    let line = self.line(&gap.path, gap.span.start);
                    writeln!(
                        out,
                        "- [ ] {}, line {line}: {}",
                        Self::heading(section),
                        question(gap)
                    )?;
                }
            }
        }
        Ok(())
    }
}

/// A gap's question (or what stands for it when the placeholder has none), and where another
/// note answers it.
fn question(gap: &Gap) -> String {
    let mut text = if gap.question.is_empty() {
        "(a placeholder with no question)".to_string()
    } else {
        gap.question.clone()
    };
    if let Some(answer) = &gap.answered_in {
        text.push_str(" — answered in ");
        text.push_str(&answer.label);
    }
    text
}

/// Text for a markdown table cell: a `|` would end it.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}
