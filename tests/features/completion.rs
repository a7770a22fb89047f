//! Completion after `](`, `](#`, `](file.md#`, `[[` and `[[note#`: labels and what they insert.

use crate::fixture::Fixture;
use expect_test::{expect, Expect};

/// A vault with folders, Cyrillic names, a space in a name and terms.
const VAULT: &str = r#"
--- db/acid.md
# ACID
## Isolation levels
Read committed and more.
## Atomicity & durability
All or nothing.
--- db/indexes.md
# Indexes
An index finds rows fast.
--- ru/шардирование.md
# Шардирование (sharding)
Разделение данных.
--- my note.md
# My note
"#;

fn check(note: &str, expect: Expect) {
    let fixture = format!("{VAULT}--- notes.md\n{note}");
    expect.assert_eq(&Fixture::new(&fixture).completion());
}

#[test]
fn paths_mid_line_after_cyrillic_text() {
    check(
        "# Notes\nПро шарды см. [x](db/ac$0) и дальше\n",
        expect![[r#"
            replaces "db/ac" at notes.md:2:19
            file    db/acid.md  (ACID)
            heading db/acid.md#acid  (ACID)
            heading db/acid.md#isolation-levels  (Isolation levels)
            heading db/acid.md#atomicity--durability  (Atomicity & durability)
        "#]],
    );
}

#[test]
fn every_note_with_nothing_typed_nearest_first() {
    check(
        "# Notes\n[x]($0\n",
        expect![[r#"
        replaces "" at notes.md:2:5
        file    my%20note.md  (My note)
        file    db/acid.md  (ACID)
        file    db/indexes.md  (Indexes)
        file    ru/шардирование.md  (Шардирование (sharding))
    "#]],
    );
}

#[test]
fn a_space_in_a_file_name_is_percent_encoded() {
    check(
        "# Notes\n[x](my$0\n",
        expect![[r#"
        replaces "my" at notes.md:2:5
        file    my%20note.md  (My note)
        heading my%20note.md#my-note  (My note)
        heading db/acid.md#atomicity--durability  (Atomicity & durability)
    "#]],
    );
}

#[test]
fn headings_of_another_file_insert_their_slug() {
    check(
        "# Notes\nSee [x](db/acid.md#ato$0)\n",
        expect![[r#"
        replaces "ato" at notes.md:2:20
        heading Atomicity & durability ⇒ atomicity--durability  (#atomicity--durability)
        heading Isolation levels ⇒ isolation-levels  (#isolation-levels)
    "#]],
    );
}

#[test]
fn headings_of_this_note() {
    check(
        "# Notes\n## Local heading\nSee [x](#$0)\n",
        expect![[r#"
        replaces "" at notes.md:3:10
        heading Notes ⇒ notes  (#notes)
        heading Local heading ⇒ local-heading  (#local-heading)
    "#]],
    );
}

#[test]
fn wiki_notes_and_terms_by_a_cyrillic_prefix() {
    check(
        "# Notes\nСм. [[шард$0\n",
        expect![[r#"
        replaces "шард" at notes.md:2:7
        file    шардирование  (ru/шардирование.md)
        heading шардирование#Шардирование (sharding)  (ru/шардирование.md)
        term    Шардирование ⇒ шардирование#Шардирование (sharding)  (Разделение данных.)
    "#]],
    );
}

#[test]
fn wiki_terms_come_with_their_first_answer_line() {
    check(
        "# Notes\nSee [[ind$0\n",
        expect![[r#"
        replaces "ind" at notes.md:2:7
        file    indexes  (db/indexes.md)
        heading indexes#Indexes  (db/indexes.md)
        term    Indexes ⇒ indexes#Indexes  (An index finds rows fast.)
    "#]],
    );
}

#[test]
fn wiki_headings_of_a_named_note() {
    check(
        "# Notes\nSee [[acid#iso$0\n",
        expect![[r#"
        replaces "iso" at notes.md:2:12
        heading Isolation levels  (#isolation-levels)
    "#]],
    );
}

#[test]
fn nothing_in_a_code_block() {
    check(
        "# Notes\n\n```\n[x](db/$0\n```\n",
        expect![[r#"
        no completion
    "#]],
    );
}

#[test]
fn nothing_in_a_code_span() {
    check(
        "# Notes\nand `[y](db/$0` here\n",
        expect![[r#"
        no completion
    "#]],
    );
}

#[test]
fn a_capped_list_keeps_the_best() {
    let fixture = format!(
        "{VAULT}--- .notes-lsp.toml\n[completion]\nmaxItems = 2\n--- notes.md\n[x](db/acid$0\n"
    );
    expect![[r#"
        replaces "db/acid" at notes.md:1:5 (incomplete)
        file    db/acid.md  (ACID)
        heading db/acid.md#acid  (ACID)
    "#]]
    .assert_eq(&Fixture::new(&fixture).completion());
}

#[test]
fn a_capped_wiki_list_puts_the_note_first() {
    let fixture =
        format!("{VAULT}--- .notes-lsp.toml\n[completion]\nmaxItems = 2\n--- notes.md\n[[acid$0\n");
    expect![[r#"
        replaces "acid" at notes.md:1:3 (incomplete)
        file    acid  (db/acid.md)
        heading acid#ACID  (db/acid.md)
    "#]]
    .assert_eq(&Fixture::new(&fixture).completion());
}
