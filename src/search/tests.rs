use std::path::{Path, PathBuf};

use super::*;
use crate::syntax::{parse_note, ParseOptions};

fn note(text: &str) -> Note {
    parse_note(text, &ParseOptions::default())
}

fn index_of(notes: &[(&str, &str)]) -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    for (i, (path, text)) in notes.iter().enumerate() {
        index.update(Path::new(path), i as u64, &note(text));
    }
    index.commit();
    index
}

fn places(hits: &[SearchHit]) -> Vec<(String, u32)> {
    hits.iter()
        .map(|h| (h.path.display().to_string(), h.line))
        .collect()
}

const FIXTURE: &[(&str, &str)] = &[
    (
        "replication.md",
        "# Replication\n\nSharding and replication: sharding splits, sharding again, sharding \
         everywhere. Replication copies.\n",
    ),
    (
        "databases.md",
        "# Databases\n\nStorage engines.\n\n## Sharding strategies\n\nHash or range sharding.\n\n\
         ## Indexes\n\nB-trees.\n",
    ),
    (
        "sharding.md",
        "---\ntitle: Partitioning\naliases: [Horizontal scaling]\n---\n\n# Sharding\n\n\
         Splitting data across nodes.\n",
    ),
    (
        "ru.md",
        "# Шардирование баз данных\n\nРазделение данных между узлами кластера. Ключ \
         шардирования выбирают заранее.\n\n## Репликация\n\nКопии на других узлах.\n",
    ),
];

#[test]
fn exact_heading_hit_comes_first() {
    let index = index_of(FIXTURE);
    let hits = index.search("sharding", 10);
    assert_eq!(places(&hits)[0], ("sharding.md".to_string(), 5));
    assert_eq!(hits[0].heading, "Sharding");
    assert!(hits[0].score > 1000.0);
    // The text matches follow, the heading-path one included.
    let all = places(&hits);
    assert!(all.contains(&("replication.md".to_string(), 0)));
    assert!(all.contains(&("databases.md".to_string(), 4)));

    let hits = index.search("sharding strategies", 10);
    assert_eq!(places(&hits)[0], ("databases.md".to_string(), 4));
    assert_eq!(hits[0].heading, "Databases › Sharding strategies");
    assert_eq!(hits[0].snippet, "Hash or range **sharding**.");

    // Stemming: another form of the heading is still the exact hit.
    let hits = index.search("Shard", 10);
    assert_eq!(places(&hits)[0], ("sharding.md".to_string(), 5));

    // Front-matter title and aliases find the note's start.
    let hits = index.search("horizontal scaling", 10);
    assert_eq!(places(&hits)[0], ("sharding.md".to_string(), 0));
    assert_eq!(hits[0].heading, "");
}

#[test]
fn russian_query_finds_the_russian_note() {
    let index = index_of(FIXTURE);
    for query in [
        "шардирование",
        "ШАРДИРОВАНИЯ",
        "шардированием",
        "шард",
        "шардир",
        "узлам",
    ] {
        let hits = index.search(query, 10);
        assert!(
            hits.first().is_some_and(|h| h.path == Path::new("ru.md")),
            "{query}: {hits:?}"
        );
    }
    let hits = index.search("шардирование баз данных", 10);
    assert_eq!(places(&hits)[0], ("ru.md".to_string(), 0));
    assert!(hits[0].score > 1000.0, "{hits:?}");
    let hits = index.search("узлы", 10);
    let mut found = places(&hits);
    found.sort();
    assert_eq!(found, [("ru.md".to_string(), 0), ("ru.md".to_string(), 4)]);
    let top = hits.iter().find(|h| h.line == 0).unwrap();
    assert!(top.snippet.contains("**узлами**"), "{}", top.snippet);
    let sub = hits.iter().find(|h| h.line == 4).unwrap();
    assert_eq!(sub.heading, "Шардирование баз данных › Репликация");
    assert_eq!(sub.snippet, "Копии на других **узлах**.");
    // A typed prefix: the last word completes, an earlier one does not.
    assert!(!index.search("разделен", 10).is_empty());
    assert!(!index.search("разд", 10).is_empty());
    assert!(index.search("разд ", 10).is_empty());
    assert!(index.search("кластер", 10)[0]
        .snippet
        .contains("**кластера**"));
}

#[test]
fn prefix_only_for_the_word_being_typed() {
    let index = index_of(FIXTURE);
    assert_eq!(places(&index.search("replic", 10))[0].0, "replication.md");
    // A finished word (followed by a space) is not a prefix.
    assert!(!index.search("spli", 10).is_empty());
    assert!(index.search("spli ", 10).is_empty());
    // `word*` asks for a prefix anywhere.
    assert!(!index.search("replic* copies", 10).is_empty());
}

#[test]
fn update_replaces_and_remove_removes() {
    let index = index_of(FIXTURE);
    assert!(!index.search("across ", 10).is_empty());
    index.update(
        Path::new("sharding.md"),
        7,
        &note("# Sharding\n\nConsistent hashing.\n"),
    );
    assert!(index.search("across ", 10).is_empty());
    assert_eq!(
        places(&index.search("consistent", 10)),
        [("sharding.md".to_string(), 0)]
    );
    assert_eq!(index.stamps()[Path::new("sharding.md")], 7);

    index.remove(Path::new("sharding.md"));
    assert!(index.search("consistent", 10).is_empty());
    assert!(!index.stamps().contains_key(Path::new("sharding.md")));
    assert_eq!(index.stamps().len(), FIXTURE.len() - 1);
}

#[test]
fn empty_notes_keep_their_stamp() {
    let index = index_of(&[("empty.md", ""), ("blank.md", "\n\n")]);
    let stamps = index.stamps();
    assert_eq!(stamps.len(), 2);
    assert_eq!(stamps[Path::new("blank.md")], 1);
}

#[test]
fn on_disk_index_reopens_warm() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    {
        let index = SearchIndex::open_or_create(&cache).unwrap();
        assert!(index.stamps().is_empty());
        for (i, (path, text)) in FIXTURE.iter().enumerate() {
            index.update(Path::new(path), 100 + i as u64, &note(text));
        }
        // Another process (here: another instance) cannot open it meanwhile.
        index.commit();
        assert!(SearchIndex::open_or_create(&cache).is_err());
        // Dropped with an uncommitted change: committed on drop.
        index.remove(Path::new("replication.md"));
    }
    {
        let index = SearchIndex::open_or_create(&cache).unwrap();
        let stamps = index.stamps();
        assert_eq!(stamps.len(), FIXTURE.len() - 1);
        assert_eq!(stamps[Path::new("ru.md")], 103);
        assert_eq!(places(&index.search("шард", 5))[0].0, "ru.md");
        assert!(index.search("copies", 5).is_empty());
    }
    // Another version's index is wiped, other files are left alone.
    fs::write(cache.join(VERSION_FILE), "older\n").unwrap();
    fs::write(cache.join("notes.txt"), "mine").unwrap();
    {
        let index = SearchIndex::open_or_create(&cache).unwrap();
        assert!(index.stamps().is_empty());
        index.update(Path::new("a.md"), 1, &note("# A\ntext"));
    }
    assert_eq!(fs::read_to_string(cache.join("notes.txt")).unwrap(), "mine");
    // A corrupt one too.
    fs::write(cache.join("meta.json"), "{ not json").unwrap();
    let index = SearchIndex::open_or_create(&cache).unwrap();
    assert!(index.stamps().is_empty());
    assert!(index.search("text", 5).is_empty());
    drop(index);
    // Damaged segment files.
    {
        let index = SearchIndex::open_or_create(&cache).unwrap();
        index.update(Path::new("a.md"), 1, &note("# A\ntext"));
    }
    for entry in fs::read_dir(&cache).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "store") {
            fs::write(&path, b"garbage").unwrap();
        }
    }
    let index = SearchIndex::open_or_create(&cache).unwrap();
    assert!(index.stamps().is_empty());
}

#[test]
fn open_or_create_fails_on_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    fs::write(&file, "x").unwrap();
    assert!(SearchIndex::open_or_create(&file).is_err());
}

#[test]
fn any_query_is_safe() {
    let index = index_of(FIXTURE);
    let long = "шард ".repeat(20_000);
    let nested = format!("{}\"x", "(".repeat(10_000));
    let brackets = format!("\"a\" {}", "[{".repeat(5_000));
    let signs = format!("\"a\" {}", "+-".repeat(5_000));
    let fields = format!("\"a\" {}", "body:".repeat(2_000));
    let queries = [
        &brackets,
        &signs,
        &fields,
        "",
        " ",
        "\t\n",
        "\"",
        "\"unclosed",
        "\"\"",
        "((((",
        "))",
        "AND",
        "OR OR",
        "NOT NOT NOT",
        "-",
        "+",
        "*",
        "**",
        "шард*",
        ":",
        "body:",
        "heading:шард",
        "a:b:c",
        "[1 TO",
        "{",
        "~",
        "^",
        "\\",
        "🚀",
        "\u{0}",
        "\u{feff}",
        "-sharding",
        "+\"\" -",
        "sharding -replication",
        "\"sharding strategies\"",
        "\"ключ шардирования\"",
        "title:x\"",
        "line:5",
        "path:x -",
        "*:*",
        "sharding^100",
        "sharding~2",
        "/regex/",
        "IN [a b]",
        "👩‍👩‍👧",
        "\u{202e}",
        &long,
        &nested,
    ];
    for q in queries {
        let hits = index.search(q, 5);
        assert!(hits.len() <= 5);
        for h in &hits {
            assert!(!h.snippet.contains('\n'), "{q:?}: {h:?}");
        }
    }
    assert!(index.search("sharding", 0).is_empty());
    assert!(!index.search("sharding", usize::MAX).is_empty());
    // The query language works when used.
    let hits = index.search("sharding -replication", 10);
    assert!(!hits.is_empty() && hits.iter().all(|h| h.path != Path::new("replication.md")));
    let hits = index.search("\"ключ шардирования\"", 10);
    assert_eq!(places(&hits), [("ru.md".to_string(), 0)]);
}

#[test]
fn snippets_are_one_short_line() {
    let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(10);
    let text = format!(
        "# Long\n{filler}\nThe **needle** is here,\nright   here.\n{filler}\n# Short\nNo match.\n"
    );
    let index = index_of(&[("long.md", &text)]);
    let hits = index.search("needle", 5);
    let snippet = &hits[0].snippet;
    assert!(
        snippet.contains("The **needle** is here, right here."),
        "{snippet}"
    );
    assert!(
        snippet.starts_with('…') && snippet.ends_with('…'),
        "{snippet}"
    );
    assert!(
        snippet.replace("**", "").chars().count() <= 162,
        "{snippet}"
    );
    // A matched word longer than a snippet is cut.
    let word = "x".repeat(300);
    let index2 = index_of(&[("w.md", &format!("# W\n{word} tail"))]);
    let hits = index2.search(&word[..100], 5);
    let snippet = &hits[0].snippet;
    assert!(
        snippet.starts_with("**xxx") && snippet.ends_with("**…"),
        "{snippet}"
    );
    assert!(snippet.chars().count() < 170);
    // A heading-only hit shows the start of the section.
    let hits = index.search("short", 5);
    assert_eq!(hits[0].snippet, "No match.");
    let hits = index.search("long", 5);
    assert!(hits[0].snippet.starts_with("Lorem ipsum") && hits[0].snippet.ends_with('…'));
}

#[test]
fn shared_between_threads() {
    fn check<T: Send + Sync>() {}
    check::<SearchIndex>();
    let index = SearchIndex::in_memory().unwrap();
    std::thread::scope(|s| {
        for t in 0..4 {
            let index = &index;
            s.spawn(move || {
                for i in 0..50 {
                    let text = format!("# Note {t} {i}\nthread{t} body{i}\n");
                    index.update(&PathBuf::from(format!("{t}/{i}.md")), 0, &note(&text));
                    if i % 10 == 0 {
                        index.search("thread", 3);
                    }
                }
            });
        }
    });
    assert_eq!(index.stamps().len(), 200);
    assert_eq!(
        index.search("thread2 body7", 5)[0].path,
        Path::new("2/7.md")
    );
}

/// `NOTES_SEARCH_VAULT=DIR cargo test --release --lib search::tests::index_a_vault -- --ignored
/// --nocapture`: indexing time and size for a vault (say, one from
/// `cargo run --release --example gen-vault -- DIR --notes N`),
/// and a few searches.
#[test]
#[ignore]
fn index_a_vault() {
    let Ok(dir) = std::env::var("NOTES_SEARCH_VAULT") else {
        return;
    };
    let notes: Vec<(PathBuf, Note)> = ignore::Walk::new(&dir)
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|e| e == "md"))
        .map(|e| {
            let text = fs::read_to_string(e.path()).unwrap();
            (e.path().to_path_buf(), note(&text))
        })
        .collect();
    let bytes: usize = notes.iter().map(|(_, n)| n.source.text().len()).sum();
    // User + system CPU time of the process (Linux), in milliseconds.
    let cpu_ms = || -> Option<u64> {
        let stat = fs::read_to_string("/proc/self/stat").ok()?;
        let f: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
        Some((f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?) * 10)
    };
    let cpu_before = cpu_ms();
    let started = std::time::Instant::now();
    let index = SearchIndex::in_memory().unwrap();
    for (path, n) in &notes {
        index.update(path, 0, n);
    }
    index.commit();
    let built = started.elapsed();
    let cpu = cpu_ms().zip(cpu_before).map(|(a, b)| a - b);
    let size = index.reader.searcher().space_usage().unwrap().total();
    println!(
        "{} notes, {} MB: indexed in {built:.2?} ({cpu:?} ms CPU), {} MB in memory",
        notes.len(),
        bytes / 1_000_000,
        size.get_bytes() / 1_000_000
    );
    // A warm start from disk.
    let cache = tempfile::tempdir().unwrap();
    {
        let disk = SearchIndex::open_or_create(cache.path()).unwrap();
        let started = std::time::Instant::now();
        for (path, n) in &notes {
            disk.update(path, 1, n);
        }
        disk.commit();
        println!("on disk: indexed in {:.2?}", started.elapsed());
    }
    let started = std::time::Instant::now();
    let disk = SearchIndex::open_or_create(cache.path()).unwrap();
    let stamps = disk.stamps();
    println!(
        "reopened with {} stamps in {:.2?}",
        stamps.len(),
        started.elapsed()
    );
    for query in [
        "шард",
        "шардирование",
        "sharding",
        "consistent hashing",
        "\"узлы кластера\"",
    ] {
        let started = std::time::Instant::now();
        let hits = index.search(query, 20);
        println!("{query}: {} hits in {:.2?}", hits.len(), started.elapsed());
        for h in hits.iter().take(2) {
            println!(
                "    {}:{} [{}] {}",
                h.path.display(),
                h.line + 1,
                h.heading,
                h.snippet
            );
        }
    }
}

#[test]
fn a_private_folder_index_searches_and_leaves_nothing_behind() {
    let parent = tempfile::tempdir().unwrap();
    let folder = PrivateFolder::create_in(parent.path(), std::time::Duration::ZERO).unwrap();
    let index = SearchIndex::in_folder(folder).unwrap();
    for (i, (path, text)) in FIXTURE.iter().enumerate() {
        index.update(Path::new(path), i as u64, &note(text));
    }
    index.commit();
    let hits = index.search("sharding", 5);
    assert_eq!(places(&hits)[0], ("sharding.md".to_string(), 5));
    assert_eq!(fs::read_dir(parent.path()).unwrap().count(), 1);
    drop(index);
    assert_eq!(fs::read_dir(parent.path()).unwrap().count(), 0);
}
