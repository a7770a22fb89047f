//! Renaming a heading: its text and every link to it, in every link form.

use crate::fixture::Fixture;
use expect_test::{expect, Expect};

fn check(fixture: &str, new_text: &str, expect: Expect) {
    expect.assert_eq(&Fixture::new(fixture).rename(new_text));
}

#[test]
fn every_link_form_is_rewritten() {
    check(
        r#"
        --- db/acid.md
        # ACID
        ## Isol$0ation levels
        See [up](#isolation-levels) and [html](#user-content-isolation-levels).
        --- notes.md
        [a](db/acid.md#isolation-levels) and [[acid#Isolation levels]] and [b](db/acid.md#acid)
        "#,
        "Isolation levels (SQL)",
        expect![[r#"
            renames "Isolation levels" at db/acid.md:2:4-2:20
            db/acid.md:2:4-2:20 "Isolation levels" → "Isolation levels (SQL)"
            db/acid.md:3:11-3:27 "isolation-levels" → "isolation-levels-sql"
            db/acid.md:3:41-3:70 "user-content-isolation-levels" → "user-content-isolation-levels-sql"
            notes.md:1:16-1:32 "isolation-levels" → "isolation-levels-sql"
            notes.md:1:45-1:61 "Isolation levels" → "Isolation levels (SQL)"
        "#]],
    );
}

#[test]
fn a_russian_heading_among_duplicates() {
    check(
        r#"
        --- ru.md
        # Заметки
        ## Пример
        ## Пр$0имер ##
        [второй](#пример-1)
        "#,
        "Второй пример",
        expect![[r#"
            renames "Пример" at ru.md:3:4-3:10
            ru.md:3:4-3:10 "Пример" → "Второй пример"
            ru.md:4:11-4:19 "пример-1" → "второй-пример"
        "#]],
    );
}

#[test]
fn not_on_a_heading() {
    check(
        r#"
        --- a.md
        # A
        just t$0ext
        "#,
        "x",
        expect![[r#"
            cannot rename here
        "#]],
    );
}

#[test]
fn an_id_read_as_the_anchor_is_kept() {
    check(
        r#"
        --- .notes-lsp.toml
        anchors = "attributes"
        --- guide.md
        ### 1. Pick a lang$0uage {#pick}
        See [pick](#pick).
        "#,
        "Choose a language",
        expect![[r#"
            renames "1. Pick a language" at guide.md:1:5-1:23
            guide.md:1:5-1:23 "1. Pick a language" → "Choose a language"
            guide.md:2:13-2:17 "pick" → "pick"
        "#]],
    );
}
