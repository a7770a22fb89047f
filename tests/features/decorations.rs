//! What the editor draws over a note: heading lenses (links in, gaps inside), semantic tokens
//! (known terms, terms only gaps define, broken links) and acronym hints.

use crate::fixture::Fixture;
use expect_test::expect;

const VAULT: &str = r#"
--- db/acid.md
# ACID
## Isolation
Isolation is how concurrent transactions see each other's changes.
## Вопросы
- Что такое MVCC?
  - f
- Write-Ahead Log (WAL)
  - A log written before the data.
--- notes.md
# Notes
See [isolation](db/acid.md#isolation) and [again](db/acid.md#isolation), [gone](db/acid.md#nope).
The WAL keeps writes safe; MVCC is still open. WAL again.
"#;

#[test]
fn lenses_count_the_links_to_a_heading_and_the_gaps_under_it() {
    expect![[r#"
        db/acid.md:1:1  # ACID  0 references, 1 unanswered
        db/acid.md:2:1  ## Isolation  2 references, 0 unanswered
        db/acid.md:4:1  ## Вопросы  0 references, 1 unanswered
    "#]]
    .assert_eq(&Fixture::new(VAULT).lenses("db/acid.md"));
}

#[test]
fn tokens_mark_terms_gap_only_terms_and_broken_links() {
    expect![[r#"
        notes.md:2:6  isolation  Term { gap_only: false }
        notes.md:2:81  db/acid.md#nope  BrokenLink
        notes.md:3:5  WAL  Term { gap_only: false }
        notes.md:3:28  MVCC  Term { gap_only: true }
        notes.md:3:48  WAL  Term { gap_only: false }
    "#]]
    .assert_eq(&Fixture::new(VAULT).semantic_tokens("notes.md"));
}

#[test]
fn hints_expand_an_acronym_at_its_first_use() {
    expect![[r#"
        notes.md:3:8-3:8  "Write-Ahead Log"
    "#]]
    .assert_eq(&Fixture::new(VAULT).inlay_hints("notes.md"));
}
