//! Answer quality on a labelled vault: each label names a term and the line where its true
//! definition starts (or `-`: the notes define nothing). `define`'s answer is graded right (its
//! source starts on that line), weaker place (that line is among the other answers), none (no
//! answer), or wrong. Shared by `tests/answers.rs` and `benches/answers.rs`.

use notes_lsp::cli::load_dir;
use notes_lsp::features::terms::definitions_of;
use std::path::{Path, PathBuf};

/// One label: a term and the `(file, line)` of its true definition, or `None` for a trap.
pub struct Label {
    pub term: String,
    pub expected: Option<(PathBuf, usize)>,
}

/// How one answer was graded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grade {
    Right,
    Weaker,
    None,
    Wrong,
}

/// The grades of a vault, with each non-right term and what it got.
pub struct Report {
    pub graded: Vec<(String, Grade, String)>,
}

impl Report {
    /// How many answers got `grade`.
    pub fn count(&self, grade: Grade) -> usize {
        self.graded.iter().filter(|(_, g, _)| *g == grade).count()
    }

    /// A summary line and one line per term that is not right.
    pub fn render(&self, name: &str) -> String {
        let total = self.graded.len();
        let right = self.count(Grade::Right);
        let mut out = format!(
            "{name}: {total} labels: right {right} ({:.1}%), weaker place {}, none {}, wrong {}\n",
            100.0 * right as f64 / total.max(1) as f64,
            self.count(Grade::Weaker),
            self.count(Grade::None),
            self.count(Grade::Wrong),
        );
        for (term, grade, got) in &self.graded {
            if *grade != Grade::Right {
                out.push_str(&format!("  {grade:?}: {term} → {got}\n"));
            }
        }
        out
    }
}

/// Reads `labels` (TSV, `#` comments) for the vault at `vault`.
pub fn read_labels(labels: &Path, vault: &Path) -> Vec<Label> {
    let text = std::fs::read_to_string(labels).expect("labels");
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let (term, place) = line.split_once('\t').expect("TERM<TAB>PLACE");
            let expected = (place != "-").then(|| {
                let (file, n) = place.rsplit_once(':').expect("FILE:LINE");
                (vault.join(file), n.parse().expect("a line number"))
            });
            Label {
                term: term.to_string(),
                expected,
            }
        })
        .collect()
}

/// Grades `define` on every label of the vault at `vault`.
pub fn grade(vault: &Path, labels: &[Label]) -> Report {
    let (workspace, _) = load_dir(vault);
    let place = |d: &notes_lsp::workspace::DefRef| {
        let (note, def) = workspace.definition(d)?;
        let line = note.source.line_of(def.span.start as usize) + 1;
        Some((d.path.to_path_buf(), line, def.gap))
    };
    let graded = labels
        .iter()
        .map(|label| {
            let defs = definitions_of(&workspace, &label.term);
            let answered: Vec<(PathBuf, usize)> = defs
                .iter()
                .filter_map(place)
                .filter(|(_, _, gap)| !gap)
                .map(|(p, l, _)| (p, l))
                .collect();
            // `define` answers only when its best definition is answered.
            let answers = defs.first().and_then(place).is_some_and(|(_, _, gap)| !gap);
            let shown = |(p, l): &(PathBuf, usize)| {
                let file = p.strip_prefix(vault).unwrap_or(p).display().to_string();
                format!("{file}:{l}")
            };
            let got = if answers {
                shown(&answered[0])
            } else {
                "no answer".to_string()
            };
            let grade = match (&label.expected, answers) {
                (None, false) => Grade::Right,
                (None, true) => Grade::Wrong,
                (Some(_), false) => Grade::None,
                (Some(e), true) if answered[0] == *e => Grade::Right,
                (Some(e), true) if answered.contains(e) => Grade::Weaker,
                (Some(_), true) => Grade::Wrong,
            };
            let expected = label.expected.as_ref().map_or("-".to_string(), shown);
            (
                label.term.clone(),
                grade,
                format!("{got} (labelled {expected})"),
            )
        })
        .collect();
    Report { graded }
}
