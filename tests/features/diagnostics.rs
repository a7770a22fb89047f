//! Diagnostics in `notes-lsp check` format: one fixture per diagnostic code, then settings.

use crate::fixture::Fixture;
use expect_test::{expect, Expect};

fn check(fixture: &str, expect: Expect) {
    expect.assert_eq(&Fixture::new(fixture).check());
}

#[test]
fn unanswered() {
    check(
        r#"
        --- db.md
        ## Базы данных
        - Индексы
          - f
        - ACID
          - атомарность, согласованность, изолированность, долговечность

        3. What is the GIL?
        Answer: f
        --- indexes.md
        # Indexes
        An index finds rows without scanning the table.
        "#,
        expect![[r#"
            db.md:3:5: warning[unanswered]: Unanswered: "Индексы" has only a placeholder (answered in indexes.md › Indexes)
            db.md:8:1: warning[unanswered]: Unanswered: "What is the GIL?" has only a placeholder
            2 files, 2 headings, 0 links, 2 diagnostics (unanswered: 2)
        "#]],
    );
}

#[test]
fn broken_anchor() {
    check(
        r#"
        --- notes.md
        # Notes
        - [Python](#programming--python) · [ORM](#what-is-n--1) · [Шард](#шардирование-sharding-)
        - [missing](#exampel) · [elsewhere](db.md#indxes)

        ## Programming & Python
        ## What is "N + 1"?
        ## Шардирование (sharding) 🚀
        ## Example
        --- db.md
        # Indexes
        "#,
        expect![[r#"
            notes.md:3:13: warning[broken-anchor]: No heading #exampel in this note; did you mean #example?
            notes.md:3:37: warning[broken-anchor]: No heading #indxes in db.md; did you mean #indexes?
            2 files, 6 headings, 5 links, 2 diagnostics (broken-anchor: 2)
        "#]],
    );
}

#[test]
fn non_canonical_anchor() {
    check(
        r#"
        --- notes.md
        # Notes
        [GitHub-only?](#What-Is-OOP)

        ## What is OOP
        "#,
        expect![[r#"
            notes.md:2:16: information[non-canonical-anchor]: #What-Is-OOP differs from #what-is-oop only in letter case: GitHub's page view finds it, other renderers (VS Code preview, static sites) do not
            1 files, 2 headings, 1 links, 1 diagnostics (non-canonical-anchor: 1)
        "#]],
    );
}

#[test]
fn ambiguous_anchor_when_turned_on() {
    check(
        r#"
        --- .notes-lsp.toml
        [severity]
        ambiguous-anchor = "information"
        --- notes.md
        # Notes
        [first](#example) · [second](#example-1)

        ## Example
        ## Example
        "#,
        expect![[r#"
            notes.md:2:9: information[ambiguous-anchor]: #example matches the first of 2 headings "Example" (lines 4, 5); the others are #example-1
            1 files, 3 headings, 2 links, 1 diagnostics (ambiguous-anchor: 1)
        "#]],
    );
}

#[test]
fn missing_file() {
    check(
        r#"
        --- notes.md
        # Notes
        [gone](db/none.md) · [space](my%20note.md) · ![img](pic.png) · [site](https://example.com/x.md#nope)
        --- my note.md
        # My note
        "#,
        expect![[r#"
            notes.md:2:8: warning[missing-file]: File not found: db/none.md
            notes.md:2:53: warning[missing-file]: File not found: pic.png
            2 files, 2 headings, 4 links, 2 diagnostics (missing-file: 2)
        "#]],
    );
}

#[test]
fn unreadable_file() {
    let fixture = Fixture::with(
        r#"
        --- notes.md
        # Notes
        [outside](out.md) · [inside](in.md)
        --- in.md
        # In
        "#,
        |root| {
            let outside = root.parent().unwrap().join("outside.md");
            std::fs::write(&outside, "# Outside\n").unwrap();
            std::os::unix::fs::symlink(&outside, root.join("out.md")).unwrap();
        },
    );
    expect![[r#"
        notes.md:2:11: warning[unreadable-file]: File cannot be read: out.md (a symbolic link out of the workspace, not followed)
        2 files, 2 headings, 2 links, 1 diagnostics (unreadable-file: 1)
    "#]].assert_eq(&fixture.check());
}

#[test]
fn unresolved_wiki_link() {
    check(
        r#"
        --- notes.md
        # Notes
        [[acid]] · [[acid#Isolation levels]] · [[acid#Nope]] · [[nowhere]] · [[Databases]]
        --- db/acid.md
        # ACID
        ## Isolation levels
        --- db/index.md
        ---
        title: Databases
        ---
        # Intro
        "#,
        expect![[r#"
            notes.md:2:42: warning[broken-anchor]: No heading "Nope" in acid.md
            notes.md:2:58: warning[unresolved-wiki-link]: No note named "nowhere" in the workspace
            3 files, 4 headings, 5 links, 2 diagnostics (broken-anchor: 1, unresolved-wiki-link: 1)
        "#]],
    );
}

#[test]
fn undefined_reference() {
    check(
        r#"
        --- notes.md
        # Notes
        See [the docs][docs] and [the spec][spec], or `[code][x]`.

        [docs]: https://example.com/docs
        "#,
        expect![[r#"
            notes.md:2:26: warning[undefined-reference]: No definition for reference [spec]
            1 files, 1 headings, 1 links, 1 diagnostics (undefined-reference: 1)
        "#]],
    );
}

#[test]
fn a_clean_vault() {
    check(
        r#"
        --- a.md
        # A
        See [b](b.md#b) and [[b]].
        --- b.md
        # B
        "#,
        expect![[r#"
            2 files, 2 headings, 2 links, 0 diagnostics
        "#]],
    );
}

#[test]
fn placeholders_and_severities_from_the_settings_file() {
    check(
        r#"
        --- .notes-lsp.toml
        placeholders = ["f", "TODO"]
        [severity]
        missing-file = "off"
        unanswered = "error"
        --- a.md
        ## Q
        TODO

        [x](gone.md)
        "#,
        expect![[r#"
            a.md:2:1: error[unanswered]: Unanswered: "Q" has only a placeholder
            1 files, 1 headings, 1 links, 1 diagnostics (unanswered: 1)
        "#]],
    );
}

#[test]
fn code_like_brackets_are_not_links() {
    check(
        r#"
        --- python.md
        # Slicing
        `map(str, [[0], [1]])` and [0, 1][10:] are code written as prose, as is arr[i][j].

        ```python
        # a comment, not a heading: [x](#nope)
        ```
        "#,
        expect![[r#"
            1 files, 1 headings, 0 links, 0 diagnostics
        "#]],
    );
}

#[test]
fn an_id_after_a_heading_is_text_on_github() {
    check(
        r#"
        --- guide.md
        ### 1. Pick a language {#pick}
        [by id](#pick) · [by text](#1-pick-a-language-pick)
        "#,
        expect![[r#"
            guide.md:2:9: warning[broken-anchor]: No heading #pick in this note
            1 files, 1 headings, 2 links, 1 diagnostics (broken-anchor: 1)
        "#]],
    );
}

#[test]
fn an_id_after_a_heading_is_its_anchor_under_attributes() {
    check(
        r#"
        --- .notes-lsp.toml
        anchors = "attributes"
        --- guide.md
        ### 1. Pick a language {#pick}
        [by id](#pick) · [by text](#1-pick-a-language-pick)
        "#,
        expect![[r#"
            guide.md:2:28: warning[broken-anchor]: No heading #1-pick-a-language-pick in this note
            1 files, 1 headings, 2 links, 1 diagnostics (broken-anchor: 1)
        "#]],
    );
}
