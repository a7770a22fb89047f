//! Moving notes and folders: every link that led to them, and every relative link inside them,
//! rewritten in the style it was written.

use crate::fixture::Fixture;
use expect_test::expect;

const VAULT: &str = r#"
--- db/acid.md
# ACID
See [sharding](../scale/шардирование.md) and [[шардирование]].
--- scale/шардирование.md
# Шардирование
Back to [ACID](../db/acid.md#acid), [root](/db/acid.md) and [bare](../db/acid).
--- index.md
- [ACID](db/acid.md)
- [ACID](./db/acid.md#acid)
- [Шардирование](scale/%D1%88%D0%B0%D1%80%D0%B4%D0%B8%D1%80%D0%BE%D0%B2%D0%B0%D0%BD%D0%B8%D0%B5.md)
"#;

#[test]
fn a_moved_note_is_linked_again_from_every_note_and_links_out_of_it_still_lead_home() {
    expect![[r#"
        index.md:1:10-1:20 "db/acid.md" → "archive/acid-old.md"
        index.md:2:10-2:22 "./db/acid.md" → "./archive/acid-old.md"
        scale/шардирование.md:2:16-2:29 "../db/acid.md" → "../archive/acid-old.md"
        scale/шардирование.md:2:44-2:55 "/db/acid.md" → "/archive/acid-old.md"
        scale/шардирование.md:2:68-2:78 "../db/acid" → "../archive/acid-old"
    "#]]
    .assert_eq(&Fixture::new(VAULT).file_rename("db/acid.md", "archive/acid-old.md"));
}

#[test]
fn a_moved_folder_takes_its_notes_links_along() {
    expect![[r#"
        db/acid.md:2:16-2:40 "../scale/шардирование.md" → "../topics/scale/шардирование.md"
        index.md:3:18-3:99 "scale/%D1%88%D0%B0%D1%80%D0%B4%D0%B8%D1%80%D0%BE%D0%B2%D0%B0%D0%BD%D0%B8%D0%B5.md" → "topics/scale/%D1%88%D0%B0%D1%80%D0%B4%D0%B8%D1%80%D0%BE%D0%B2%D0%B0%D0%BD%D0%B8%D0%B5.md"
        scale/шардирование.md:2:16-2:29 "../db/acid.md" → "../../db/acid.md"
        scale/шардирование.md:2:68-2:78 "../db/acid" → "../../db/acid"
    "#]].assert_eq(&Fixture::new(VAULT).file_rename("scale", "topics/scale"));
}
