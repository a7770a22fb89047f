//! Document symbols (the heading outline) and workspace symbols (headings and terms, fuzzy).

use crate::fixture::Fixture;
use expect_test::expect;

#[test]
fn the_outline_nests_by_level_and_skips_front_matter_and_code() {
    let fixture = Fixture::new(
        r#"
        --- notes.md
        ---
        title: Notes
        ---
        # Notes
        ## Programming & Python
        ### What is "N + 1"?
        ```bash
        # a comment, not a heading
        ```
        ## Шардирование (sharding) 🚀
        Setext heading
        --------------
        # Appendix
        "#,
    );
    expect![[r##"
        # Notes  notes.md:4:1-13:1
          ## Programming & Python  notes.md:5:1-10:1
            ### What is "N + 1"?  notes.md:6:1-10:1
          ## Шардирование (sharding) 🚀  notes.md:10:1-11:1
          ## Setext heading  notes.md:11:1-13:1
        # Appendix  notes.md:13:1-14:1
    "##]]
    .assert_eq(&fixture.document_symbols("notes.md"));
}

const VAULT: &str = r#"
--- python/gil.md
# Threads

**GIL (Global Interpreter Lock)** is a mutex that lets one thread run Python bytecode at a time.
--- db/acid.md
# ACID
## Isolation levels
Read committed and more.
--- ru/шардирование.md
# Шардирование (sharding)
Разделение данных.
"#;

#[test]
fn a_term_by_its_alias() {
    let fixture = Fixture::new(VAULT);
    expect![[r#"
        term    Global Interpreter Lock  python/gil.md:3:1  (in Threads)
    "#]]
    .assert_eq(&fixture.workspace_symbols("Global Interpreter Lock"));
    expect![[r#"
        term    GIL  python/gil.md:3:1  (in Threads)
    "#]]
    .assert_eq(&fixture.workspace_symbols("GIL"));
}

#[test]
fn headings_fuzzily_and_in_cyrillic() {
    let fixture = Fixture::new(VAULT);
    expect![[r#"
        heading Isolation levels  db/acid.md:2:1  (in ACID)
    "#]]
    .assert_eq(&fixture.workspace_symbols("isolat"));
    expect![[r#"
        heading Шардирование (sharding)  ru/шардирование.md:1:1  (in Шардирование (sharding))
    "#]]
    .assert_eq(&fixture.workspace_symbols("шард"));
}

#[test]
fn an_empty_query_lists_nothing() {
    expect![[r#"
        nothing
    "#]]
    .assert_eq(&Fixture::new(VAULT).workspace_symbols(" "));
}

#[test]
fn a_heading_is_listed_under_its_note_title() {
    let fixture = Fixture::new(
        r#"
        --- db.md
        ---
        title: Databases
        ---
        # Replication
        Leaders and followers.
        "#,
    );
    expect![[r#"
        heading Replication  db.md:4:1  (in Databases)
    "#]]
    .assert_eq(&fixture.workspace_symbols("replic"));
}
