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

#[test]
fn the_real_notes_answer_at_least_95_percent_right_and_none_wrong() {
    let report = report("real-notes", "real-notes.tsv");
    println!("{}", report.render("real notes"));
    let total = report.graded.len();
    assert!(total >= 40, "{total} labels");
    assert_eq!(
        report.count(Grade::Wrong),
        0,
        "{}",
        report.render("real notes")
    );
    assert!(
        report.count(Grade::Right) * 100 >= total * 95,
        "{}",
        report.render("real notes")
    );
}

#[test]
fn notes_in_other_styles_answer_mostly_right_and_none_wrong() {
    let report = report("styles", "styles.tsv");
    println!("{}", report.render("other styles"));
    assert_eq!(
        report.count(Grade::Wrong),
        0,
        "{}",
        report.render("other styles")
    );
    let total = report.graded.len();
    assert!(
        report.count(Grade::Right) * 100 >= total * 90,
        "{}",
        report.render("other styles")
    );
}
