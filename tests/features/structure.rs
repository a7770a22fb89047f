//! Folding, selection ranges and document links of one note.

use crate::fixture::Fixture;
use expect_test::expect;

const NOTE: &str = r#"
--- notes.md
---
title: N
---
# Notes

## Local heading
- item **bo$0ld word**
  - nested

```
code
```

| a | b |
|---|---|
| 1 | 2 |
[a](db/acid.md#isolation-levels)
--- db/acid.md
# ACID
## Isolation levels
Read committed.
"#;

#[test]
fn folding_covers_front_matter_sections_lists_code_and_tables() {
    expect![[r#"
        notes.md:1:1-4:1 FrontMatter  ---
        notes.md:4:1-18:1 Region  # Notes
        notes.md:6:1-18:1 Region  ## Local heading
        notes.md:7:1-10:1 Region  - item **bold word**
        notes.md:7:1-10:1 Region  - item **bold word**
        notes.md:8:3-10:1 Region  - nested
        notes.md:8:3-10:1 Region  - nested
        notes.md:10:1-13:1 Code  ```
        notes.md:14:1-18:1 Region  | a | b |
    "#]]
    .assert_eq(&Fixture::new(NOTE).folding("notes.md"));
}

#[test]
fn selection_grows_from_the_word_to_the_document() {
    expect![[r#"
        notes.md:7:10-7:14  bold
        notes.md:7:8-7:21  **bold word**
        notes.md:7:3-7:21  item **bold word**
        notes.md:7:3-8:3  item **bold word**
        notes.md:7:1-8:11  - item **bold word**
        notes.md:6:1-17:33  ## Local heading
        notes.md:4:1-17:33  # Notes
        notes.md:1:1-17:33  ---
    "#]]
    .assert_eq(&Fixture::new(NOTE).selection());
}

#[test]
fn document_links_lead_to_headings_files_and_urls() {
    let fixture = Fixture::new(
        r#"
        --- notes.md
        # Notes
        [a](db/acid.md#isolation-levels) · [[acid]] · [up](#notes) · [x][ref] · [gone](gone.md)
        <https://example.com> · ![pic](pic.png)

        [ref]: db/acid.md
        --- db/acid.md
        # ACID
        ## Isolation levels
        --- pic.png
        png
        "#,
    );
    expect![[r#"
        notes.md:2:5  db/acid.md#isolation-levels  →  db/acid.md:2:1  ## Isolation levels
        notes.md:2:38  acid  →  db/acid.md:1:1
        notes.md:2:52  #notes  →  notes.md:1:1  # Notes
        notes.md:2:65  [ref]  →  db/acid.md:1:1
        notes.md:2:80  gone.md  →  nowhere
        notes.md:3:1  <https://example.com>  →  https://example.com
        notes.md:3:32  pic.png  →  pic.png:1:1
    "#]]
    .assert_eq(&fixture.document_links("notes.md"));
}

#[test]
fn selection_columns_after_cyrillic_text_and_emoji() {
    let fixture = Fixture::new(
        r#"
        --- ru.md
        ## Заметки
        Про 🚀 шарди$0рование и `код`.
        "#,
    );
    expect![[r#"
        ru.md:2:8-2:20  шардирование
        ru.md:2:1-2:29  Про 🚀 шардирование и `код`.
        ru.md:1:1-2:29  ## Заметки
    "#]]
    .assert_eq(&fixture.selection());
}

#[test]
fn folding_a_russian_outline() {
    let fixture = Fixture::new(
        r#"
        --- ru.md
        ## Базы данных
        - Индексы
          - f
        - ACID
          - атомарность
          - согласованность
        "#,
    );
    expect![[r#"
        ru.md:1:1-7:1 Region  ## Базы данных
        ru.md:2:1-4:1 Region  - Индексы
        ru.md:2:1-7:1 Region  - Индексы
        ru.md:4:1-7:1 Region  - ACID
        ru.md:5:3-7:1 Region  - атомарность
    "#]]
    .assert_eq(&fixture.folding("ru.md"));
}
