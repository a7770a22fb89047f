//! References: every mention of a term (by any of its names), every link to a heading.

use crate::fixture::Fixture;
use expect_test::{expect, Expect};

fn check(fixture: &str, expect: Expect) {
    expect.assert_eq(&Fixture::new(fixture).references());
}

#[test]
fn a_term_by_each_of_its_names() {
    check(
        r#"
        --- gil.md
        # GIL (Global Interpreter Lock)
        The GIL is a mutex in CPython.
        --- ru.md
        # Заметки
        Про 🚀 G$0IL и потоки: global interpreter lock мешает.
        "#,
        expect![[r#"
            gil.md:1:3  GIL
            gil.md:1:8  Global Interpreter Lock
            gil.md:2:5  GIL
            ru.md:2:8  GIL
            ru.md:2:22  global interpreter lock
        "#]],
    );
}

#[test]
fn an_outline_topic_in_russian() {
    check(
        r#"
        --- ru.md
        # Заметки
        Про шардирование и реплики.
        - Шардирован$0ие (sharding)
          - разделение данных по ключу
        "#,
        expect![[r#"
            ru.md:2:5  шардирование
            ru.md:3:3  Шардирование
            ru.md:3:17  sharding
        "#]],
    );
}

#[test]
fn an_acronym_is_matched_in_its_case_only() {
    check(
        r#"
        --- cap.md
        ### CAP Theorem (Brewer's theorem)
        A distributed store cannot be consistent, available and partition tolerant at once.
        --- notes.md
        The CA$0P theorem, not a cap on a bottle. CAP again.
        "#,
        expect![[r#"
            cap.md:1:5  CAP Theorem
            cap.md:1:18  Brewer's theorem
            notes.md:1:5  CAP theorem
        "#]],
    );
}

/// A heading's text names a term (the heading topic): the references are its mentions.
#[test]
fn a_heading_text_by_its_mentions() {
    check(
        r#"
        --- db/acid.md
        # ACID
        ## Isolation$0 levels
        See [up](#isolation-levels).
        --- notes.md
        [a](db/acid.md#isolation-levels) and [[acid#Isolation levels]] and [b](db/acid.md#acid)
        "#,
        expect![[r#"
            db/acid.md:2:4  Isolation levels
            notes.md:1:45  Isolation levels
        "#]],
    );
}

/// On a heading's markers: the heading and every link to it.
#[test]
fn a_heading_by_every_link_to_it() {
    check(
        r#"
        --- db/acid.md
        # ACID
        #$0# Isolation levels
        See [up](#isolation-levels) and [html](#user-content-isolation-levels).
        --- notes.md
        [a](db/acid.md#isolation-levels) and [[acid#Isolation levels]] and [b](db/acid.md#acid)
        "#,
        expect![[r#"
            db/acid.md:2:1  ## Isolation levels
            db/acid.md:3:5  [up](#isolation-levels)
            db/acid.md:3:33  [html](#user-content-isolation-levels)
            notes.md:1:1  [a](db/acid.md#isolation-levels)
            notes.md:1:38  [[acid#Isolation levels]]
        "#]],
    );
}
