//! Hover: a term's best answer, a link's target section, a gap's answer from another note.

use crate::fixture::Fixture;
use expect_test::{expect, Expect};

fn check(fixture: &str, expect: Expect) {
    expect.assert_eq(&Fixture::new(fixture).hover());
}

#[test]
fn a_term_after_cyrillic_text_and_emoji() {
    check(
        r#"
        --- gil.md
        # GIL (Global Interpreter Lock)
        The GIL is a mutex in CPython.
        --- ru.md
        # Заметки
        Про 🚀 G$0IL и шардирование.
        "#,
        expect![[r#"
            hover ru.md:2:8  GIL

            **GIL** · **Global Interpreter Lock**

            The GIL is a mutex in CPython.

            ---
            Source: [gil.md › GIL (Global Interpreter Lock)](file://$VAULT/gil.md#L1)
        "#]],
    );
}

#[test]
fn the_best_answer_first_and_the_other_places_after_it() {
    check(
        r#"
        --- db/replication.md
        ## Replication
        Replication is keeping copies of the same data on several machines.

        Leaders and followers.
        --- interview.md
        ### Databases
        - Replication
          - copies of data
        --- notes.md
        Read about repl$0ication today.
        "#,
        expect![[r#"
            hover notes.md:1:12  replication

            **Replication**

            Replication is keeping copies of the same data on several machines.

            Leaders and followers.

            ---
            Source: [db/replication.md › Replication](file://$VAULT/db/replication.md#L1)

            Also in: [interview.md › Databases](file://$VAULT/interview.md#L2)
        "#]],
    );
}

#[test]
fn a_link_shows_the_first_lines_of_its_target_section() {
    check(
        r#"
        --- db/acid.md
        # ACID
        ## Isolation levels
        Read committed, repeatable read and serializable.

        ## Durability
        Once committed, stays committed.
        --- notes.md
        See [levels](db/acid.md#isol$0ation-levels).
        "#,
        expect![[r#"
            hover notes.md:1:5  [levels](db/acid.md#isolation-levels)

            **db/acid.md › Isolation levels**

            Read committed, repeatable read and serializable.
        "#]],
    );
}

#[test]
fn a_gap_is_answered_from_another_note() {
    check(
        r#"
        --- en/indexes.md
        # Indexes
        An index finds rows without scanning the whole table.
        --- ru.md
        ## Базы данных
        - Индек$0сы (indexes)
          - f
        "#,
        expect![[r#"
            hover ru.md:2:3  Индексы

            *Unanswered here. Answer from another note:*

            **Indexes**

            An index finds rows without scanning the whole table.

            ---
            Source: [en/indexes.md › Indexes](file://$VAULT/en/indexes.md#L1)
        "#]],
    );
}

#[test]
fn nothing_useful_is_no_hover() {
    check(
        r#"
        --- a.md
        # A
        Plain w$0ords that no note defines.
        "#,
        expect![[r#"
            no hover
        "#]],
    );
}

#[test]
fn nothing_inside_code() {
    check(
        r#"
        --- gil.md
        # GIL
        The GIL is a lock.
        --- code.md
        ```python
        # the G$0IL again
        ```
        "#,
        expect![[r#"
            no hover
        "#]],
    );
}

#[test]
fn hover_can_be_turned_off() {
    check(
        r#"
        --- .notes-lsp.toml
        [hover]
        enabled = false
        --- gil.md
        # GIL
        The GIL is a lock.
        --- b.md
        G$0IL here.
        "#,
        expect![[r#"
            no hover
        "#]],
    );
}

#[test]
fn a_wiki_link_shows_its_heading_section() {
    check(
        r#"
        --- db/acid.md
        # ACID
        ## Isolation levels
        Read committed, repeatable read and serializable.
        --- notes.md
        See [[acid#Isol$0ation levels]].
        "#,
        expect![[r#"
            hover notes.md:1:5  [[acid#Isolation levels]]

            **db/acid.md › Isolation levels**

            Read committed, repeatable read and serializable.
        "#]],
    );
}

#[test]
fn a_term_only_gaps_define_has_no_hover() {
    check(
        r#"
        --- a.md
        - Bloom filter
          - f
        --- b.md
        A bl$0oom filter again.
        "#,
        expect![[r#"
            no hover
        "#]],
    );
}
