//! Where a term is answered, on notes in shapes other people write: each case is a small vault
//! in a string and the place (`file:line`) the best answer must come from, or `-` for none.

mod common;
use common::vault;
use notes_lsp::features::terms::definitions_of;
use notes_lsp::workspace::Workspace;

/// The place of the best answered definition of `term`, as `file:line`, or `-`.
fn answer(ws: &Workspace, root: &std::path::Path, term: &str) -> String {
    let defs = definitions_of(ws, term);
    let Some((note, def)) = defs.first().and_then(|d| ws.definition(d)) else {
        return "-".into();
    };
    if def.gap {
        return "-".into();
    }
    let path = defs[0].path.strip_prefix(root).unwrap_or(&defs[0].path);
    let line = note.source.line_of(def.span.start as usize) + 1;
    format!("{}:{line}", path.display())
}

/// Loads `spec` and checks each `(term, place)`; reports every miss at once.
fn answers(spec: &str, expected: &[(&str, &str)]) {
    let dir = vault(spec);
    let root = dir.path().canonicalize().unwrap();
    let (ws, _) = notes_lsp::workspace::load(vec![root.clone()], Default::default());
    let misses: Vec<String> = expected
        .iter()
        .filter_map(|(term, place)| {
            let got = answer(&ws, &root, term);
            (got != *place).then(|| format!("{term}: expected {place}, got {got}"))
        })
        .collect();
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

#[test]
fn a_comparison_heading_yields_to_the_sentence_that_defines_each_side() {
    answers(
        "--- copy.md\n\
         ### Shallow Copy vs Deep Copy in Python\n\
         \n\
         Copying can be done in two ways.\n\
         \n\
         A **shallow copy** creates a new object but references the nested ones.\n\
         \n\
         A **deep copy** creates a new object and copies everything recursively.\n\
         \n\
         ### Iterators Vs. Generators\n\
         \n\
         | Feature | Iterator | Generator |\n\
         |---|---|---|\n\
         | Memory | any | lazy |\n\
         \n\
         ### Back-pressure & retries\n\
         \n\
         Back-pressure means that a slow consumer makes the producer slow down.\n",
        &[
            ("Shallow Copy", "copy.md:5"),
            ("Deep copy", "copy.md:7"),
            // Nothing else speaks of iterators: the comparison is the answer.
            ("Iterator", "copy.md:9"),
            ("Back-pressure", "copy.md:17"),
            // The subjects of a comparison are not names of one another.
            ("Generators", "copy.md:9"),
        ],
    );
}

#[test]
fn a_bold_line_opens_the_list_after_it() {
    answers(
        "--- base.md\n\
         ### BASE\n\
         \n\
         Many NoSQL stores follow the BASE model.\n\
         \n\
         1. **Basically Available**\n\
         \n\
         - The system answers even under failure.\n\
         \n\
         2. **Eventual Consistency**\n\
         \n\
         - Given enough time all replicas converge.\n\
         \n\
         ## Choosing\n\
         \n\
         - Eventual consistency is okay for likes and logs.\n",
        &[
            ("Basically Available", "base.md:5"),
            ("Eventual Consistency", "base.md:9"),
        ],
    );
}

#[test]
fn the_innermost_section_takes_the_sentence_that_restates_it() {
    answers(
        "--- redis.md\n\
         # What is redis? Explain caching by Redis.\n\
         ### What is Redis?\n\
         Redis (Remote Dictionary Server) is an in-memory data store.\n\
         \n\
         ### Caching by Redis\n\
         Redis is extensively used for caching.\n",
        &[
            ("Redis", "redis.md:2"),
            ("Remote Dictionary Server", "redis.md:2"),
        ],
    );
}

#[test]
fn a_heading_about_a_compound_does_not_swallow_its_parts() {
    answers(
        "--- ci.md\n\
         ## What is a CI/CD Pipeline?\n\
         \n\
         A **CI/CD pipeline** is a series of automated steps that build and deploy software.\n\
         \n\
         ### Key Concepts in CI/CD\n\
         1. **Continuous Integration (CI)**:\n\
         \x20  - Developers merge code into a shared repository many times a day.\n",
        &[
            ("CI/CD", "ci.md:1"),
            ("Continuous Integration", "ci.md:6"),
            ("CI", "ci.md:6"),
        ],
    );
}

#[test]
fn questions_restated_by_their_answer_and_items_with_long_leads() {
    answers(
        "--- qa.md\n\
         6. What is MRO in Python?\n\
         \n\
         Answer: MRO (method resolution order) is the order Python searches base classes in.\n\
         \n\
         9. What does CORS stand for?\n\
         \n\
         Answer: CORS (Cross-Origin Resource Sharing) is how a server lets other origins call it.\n\
         \n\
         2. **TTL (Time-to-Live)**: Assign expiration times to cache entries to keep them fresh.\n\
         \x20  - Example: `SET key value EX 60`.\n\
         \n\
         - Token bucket: tokens refill at a fixed rate and each request spends one.\n\
         - Python: SQLAlchemy connection pooling.\n",
        &[
            ("method resolution order", "qa.md:1"),
            ("Cross-Origin Resource Sharing", "qa.md:5"),
            ("TTL", "qa.md:9"),
            ("Time-to-Live", "qa.md:9"),
            ("Token bucket", "qa.md:12"),
            ("Python", "-"),
        ],
    );
}

#[test]
fn subjects_that_act_and_digits_that_abbreviate() {
    answers(
        "--- glossary.md\n\
         `EXPLAIN ANALYZE` runs the query for real and prints the plan with timings.\n\
         \n\
         Compaction merges several SSTables into one and drops overwritten values.\n\
         \n\
         Two-phase commit (2PC) is a protocol in which a coordinator asks every participant first.\n\
         \n\
         Часто спрашивают про уровень изоляции.\n\
         \n\
         Python lists are more flexible than arrays.\n",
        &[
            ("EXPLAIN ANALYZE", "glossary.md:1"),
            ("Compaction", "glossary.md:3"),
            ("2PC", "glossary.md:5"),
            ("Часто", "-"),
            ("Python", "-"),
        ],
    );
}

#[test]
fn a_kind_answers_only_when_nothing_closer_does() {
    answers(
        "--- dict.md\n\
         ### Python Dictionaries and Their Low-Level Handling\n\
         \n\
         A **Python dictionary** is an unordered collection of key-value pairs.\n\
         \n\
         ### Type of JOIN\n\
         \n\
         Django uses an inner join by default.\n\
         --- lists.md\n\
         ### Python Lists & Their Low-Level Handling\n\
         \n\
         A list is a dynamic array of references.\n",
        &[
            ("Dictionary", "dict.md:1"),
            ("Python", "-"),
            ("JOIN", "-"),
            ("List", "lists.md:3"),
        ],
    );
}

#[test]
fn a_translation_that_defines_beats_a_usage_in_the_readers_language() {
    answers(
        "--- en.md\n\
         # Atomicity\n\
         \n\
         - A transaction is indivisible: all operations succeed or none do.\n\
         --- ru.md\n\
         - Транзакции\n\
         \x20 - это операции, которые либо полностью завершены, либо откатываются.\n",
        &[("Transaction", "ru.md:1")],
    );
}

#[test]
fn a_section_takes_only_sentences_of_its_own_text() {
    answers(
        "--- sse.md\n\
         ## What is SSE? How do we use SSE?\n\
         \n\
         ### What is SSE (Server-Sent Events)?\n\
         \n\
         **Server-Sent Events (SSE)** is a protocol that lets a server push updates to a client.\n\
         \n\
         ### Key Features of SSE\n\
         \n\
         SSE is a text-based protocol over plain HTTP, with reconnection built in.\n",
        &[("SSE", "sse.md:3"), ("Server-Sent Events", "sse.md:3")],
    );
}

#[test]
fn a_name_in_cyrillic_is_answered_in_russian_first() {
    answers(
        "--- README.md\n\
         ## Load balancer\n\
         \n\
         A load balancer spreads requests over several servers.\n\
         --- README-ru.md\n\
         ## Балансировщик нагрузки (Load balancer)\n\
         \n\
         Балансировщик нагрузки распределяет запросы между серверами.\n",
        &[
            ("Балансировщик нагрузки", "README-ru.md:1"),
            ("Load balancer", "README.md:1"),
        ],
    );
}
