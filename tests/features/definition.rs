//! Go to definition: a term's definitions best first, a link's target, a reference's label line.

use crate::fixture::Fixture;
use expect_test::{expect, Expect};

fn check(fixture: &str, expect: Expect) {
    expect.assert_eq(&Fixture::new(fixture).definition());
}

#[test]
fn a_term_goes_to_every_definition_best_first() {
    check(
        r#"
        --- python/gil.md
        # GIL (Global Interpreter Lock)
        The GIL is a mutex that lets one thread run Python bytecode at a time.
        --- interview.md
        3. What is the GIL?
        Answer: GIL (global interpreter lock) is a lock that lets one thread run at a time.
        --- ru.md
        Про 🚀 G$0IL и потоки.
        "#,
        expect![[r#"
            python/gil.md:1:1  # GIL (Global Interpreter Lock)
            interview.md:1:4  What is the GIL?
        "#]],
    );
}

#[test]
fn a_link_goes_to_its_heading() {
    check(
        r#"
        --- db/acid.md
        # ACID
        ## Isolation levels
        Read committed and more.
        --- notes.md
        [levels](db/acid.md#isolation-le$0vels)
        "#,
        expect![[r#"
            db/acid.md:2:1  ## Isolation levels
        "#]],
    );
}

#[test]
fn a_wiki_link_goes_to_its_heading() {
    check(
        r#"
        --- db/acid.md
        # ACID
        ## Isolation levels
        Read committed and more.
        --- notes.md
        See [[acid#Isolation $0levels]].
        "#,
        expect![[r#"
            db/acid.md:2:1  ## Isolation levels
        "#]],
    );
}

#[test]
fn a_reference_label_goes_to_its_definition_line() {
    check(
        r#"
        --- notes.md
        # Notes
        See [the docs][do$0cs].

        [docs]: https://example.com/docs
        "#,
        expect![[r#"
            notes.md:4:1  [docs]: https://example.com/docs
        "#]],
    );
}

#[test]
fn a_link_to_a_file_that_is_not_a_note_goes_to_the_file() {
    check(
        r#"
        --- notes.md
        ![diagram](img/di$0agram.png)
        --- img/diagram.png
        not really a picture
        "#,
        expect![[r#"
            img/diagram.png:1:1
        "#]],
    );
}

#[test]
fn a_word_no_note_defines_goes_nowhere() {
    check(
        r#"
        --- notes.md
        # Notes
        Just some w$0ords.
        "#,
        expect![[r#"
            nothing
        "#]],
    );
}

#[test]
fn a_wiki_link_to_a_note_goes_to_its_start() {
    check(
        r#"
        --- db/index.md
        ---
        title: Databases
        ---
        # Intro
        --- notes.md
        See [[Datab$0ases]].
        "#,
        expect![[r#"
            db/index.md:1:1
        "#]],
    );
}

#[test]
fn a_user_content_anchor_goes_to_its_heading() {
    check(
        r#"
        --- notes.md
        # Notes
        [html](#user-content-sha$0rding)

        ## Sharding
        Splitting data by key.
        "#,
        expect![[r#"
            notes.md:4:1  ## Sharding
        "#]],
    );
}
