//! Answer quality on the labelled vaults: the user's real notes and notes written in other
//! people's styles (see `tests/data/labels/README.md`). `cargo bench --bench answers` prints the
//! same report.

mod labels;

use labels::{grade, read_labels, Grade};
use std::path::Path;

fn report(vault: &str, labels: &str) -> labels::Report {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let vault = root.join(vault);
    let labels = read_labels(&root.join("labels").join(labels), &vault);
    grade(&vault, &labels)
}

/// Holds a vault's grades to a floor: at least `right_percent` right, at most `wrong` wrong.
/// The floors are where the answers stand today: above the 95%-right goal on the real notes,
/// none wrong on either vault.
fn holds(name: &str, vault: &str, labels: &str, right_percent: usize, wrong: usize) {
    let report = report(vault, labels);
    let rendered = report.render(name);
    println!("{rendered}");
    let total = report.graded.len();
    assert!(total >= 40, "{total} labels");
    assert!(report.count(Grade::Wrong) <= wrong, "{rendered}");
    assert!(
        report.count(Grade::Right) * 100 >= total * right_percent,
        "{rendered}"
    );
}

#[test]
fn the_real_notes_answer_from_where_they_define_each_term() {
    holds("real notes", "real-notes", "real-notes.tsv", 99, 0);
}

#[test]
fn notes_in_other_styles_answer_from_where_they_define_each_term() {
    holds("other styles", "styles", "styles.tsv", 97, 0);
}
