//! Quick fixes for a gap another note answers: a link to the answer, or its text.

use crate::fixture::Fixture;
use expect_test::{expect, Expect};

fn check(fixture: &str, expect: Expect) {
    expect.assert_eq(&Fixture::new(fixture).code_actions());
}

#[test]
fn an_outline_gap_gets_a_link_and_the_text() {
    check(
        r#"
        --- db/indexes.md
        # Indexes
        An index finds rows without scanning the table.

        It costs writes.
        --- ru.md
        - Индексы (indexes)
          - $0f$0
        "#,
        expect![[r#"
            Copy answer from db/indexes.md (as a link)
              ru.md:2:5-2:6 "f" → "see [Indexes](db/indexes.md#indexes)"
            Insert answer text from db/indexes.md
              ru.md:2:5-2:6 "f" → "An index finds rows without scanning the table.\n\n    It costs writes."
        "#]],
    );
}

#[test]
fn a_wiki_link_when_the_settings_ask_for_one() {
    check(
        r#"
        --- .notes-lsp.toml
        [completion]
        linkStyle = "wiki"
        --- db/acid.md
        # ACID
        ## Isolation
        Isolation is how concurrent transactions see each other's changes.
        --- qa.md
        5. What is isolation?
        Answer: $0f
        "#,
        expect![[r#"
            Copy answer from db/acid.md (as a link)
              qa.md:2:9-2:10 "f" → "see [[acid#Isolation]]"
            Insert answer text from db/acid.md
              qa.md:2:9-2:10 "f" → "Isolation is how concurrent transactions see each other's changes."
        "#]],
    );
}

#[test]
fn a_gap_nobody_answers_has_no_fix() {
    check(
        r#"
        --- a.md
        - Bloom filter
          - $0f
        "#,
        expect![[r#"
            no code actions
        "#]],
    );
}

#[test]
fn a_range_over_two_gaps_fixes_both() {
    check(
        r#"
        --- en.md
        # Indexes
        An index finds rows without scanning the table.

        # Sharding
        Sharding splits data across servers by key.
        --- ru.md
        - Индексы (indexes)
          - $0f
        - Шардирование (sharding)
          - f$0
        "#,
        expect![[r#"
            Copy answer from en.md (as a link)
              ru.md:2:5-2:6 "f" → "see [Indexes](en.md#indexes)"
            Insert answer text from en.md
              ru.md:2:5-2:6 "f" → "An index finds rows without scanning the table."
            Copy answer from en.md (as a link)
              ru.md:4:5-4:6 "f" → "see [Sharding](en.md#sharding)"
            Insert answer text from en.md
              ru.md:4:5-4:6 "f" → "Sharding splits data across servers by key."
        "#]],
    );
}
