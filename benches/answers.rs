//! Answer quality on the labelled vaults (`tests/data/labels/`): prints right / weaker place /
//! none / wrong for `define` on the user's real notes and on notes in other people's styles.
//! Run with `cargo bench --bench answers`.

#[path = "../tests/labels/mod.rs"]
mod labels;

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for (name, vault, file) in [
        ("real notes", "real-notes", "real-notes.tsv"),
        ("other styles", "styles", "styles.tsv"),
    ] {
        let vault = root.join(vault);
        let labels = labels::read_labels(&root.join("labels").join(file), &vault);
        let started = std::time::Instant::now();
        let report = labels::grade(&vault, &labels);
        print!("{}", report.render(name));
        println!(
            "  ({} labels graded in {:.1?})",
            labels.len(),
            started.elapsed()
        );
    }
}
