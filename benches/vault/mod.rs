//! A deterministic generator of study-note vaults for the benchmarks and the `gen-vault`
//! example.
//!
//! `generate(dir, notes, seed)` writes `notes` markdown notes of about 5 KB each (plus one
//! `inbox/scratch.md` with half-typed links for completion) and returns a [`Vault`]: what was
//! written and, for every probe position, the answer a correct server gives there.
//!
//! What a note holds: a title, an overview with bold definitions, question headings
//! (`## What is the Lazy Quorum Log?`, `## Sharded Merkle Queue (SMQ)`), a Russian section with
//! outline definitions (`- Ленивый кворум данных (Lazy Quorum Log)` and a nested answer, or a
//! nested `f` gap), headings repeated across notes and inside one note (`Example` twice), code
//! fences with `#` comment lines, mentions of shared terms, links to headings of other notes
//! (GitHub slugs; a few anchors broken), same-note anchors and wiki links.
//!
//! Terms come from a shared pool of `notes / 2` (at most 40,000) names: each is defined in one to
//! three notes, every definition opening with the term's own four-word phrase, and mentioned in
//! many notes. Same `(notes, seed, profile)`, same bytes.
//!
//! Two [`Profile`]s: `standard` (the notes above, about 10 links each) and `dense`, the shape of
//! link-heavy vaults written elsewhere: about 14 markdown and 3 wiki links per note, twice the
//! headings, long section headings shared across the vault, and hub notes that thousands of
//! links point at (most of them at the hubs' first sections).
#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// The relative path of the note that holds half-typed links for completion.
pub const SCRATCH: &str = "inbox/scratch.md";

/// SplitMix64: small, fast, and the same on every platform.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for this seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 > 1.0 - p
    }

    /// One element of a non-empty slice.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

#[rustfmt::skip]
const TERM_A: [&str; 40] = [
    "Lazy", "Eager", "Sharded", "Replicated", "Optimistic", "Pessimistic", "Distributed",
    "Immutable", "Persistent", "Adaptive", "Bounded", "Concurrent", "Cached", "Incremental",
    "Hierarchical", "Probabilistic", "Consistent", "Atomic", "Durable", "Streaming", "Batched",
    "Elastic", "Federated", "Layered", "Versioned", "Partitioned", "Idempotent", "Asynchronous",
    "Synchronous", "Transactional", "Compressed", "Columnar", "Reactive", "Speculative", "Weighted",
    "Vectorized", "Encrypted", "Ordered", "Mutable", "Leased",
];
#[rustfmt::skip]
const TERM_B: [&str; 50] = [
    "Quorum", "Snapshot", "Merkle", "Bloom", "Gossip", "Vector", "Write", "Read", "Commit", "Token",
    "Lease", "Shard", "Replica", "Cursor", "Buffer", "Page", "Segment", "Checkpoint", "Heap",
    "Stack", "Ring", "Clock", "Schema", "Query", "Join", "Hash", "Trie", "Graph", "Stream", "Batch",
    "Window", "Watermark", "Backoff", "Retry", "Circuit", "Bulkhead", "Saga", "Outbox", "Event",
    "Actor", "Fiber", "Thread", "Mutex", "Semaphore", "Barrier", "Latch", "Channel", "Socket",
    "Frame", "Packet",
];
#[rustfmt::skip]
const TERM_C: [&str; 20] = [
    "Protocol", "Pattern", "Index", "Queue", "Tree", "Lock", "Log", "Cache", "Filter", "Scheduler",
    "Table", "Map", "Store", "Pool", "Router", "Balancer", "Journal", "Registry", "Engine",
    "Pipeline",
];
#[rustfmt::skip]
const RU_A: [&str; 30] = [
    "ленивый", "жадный", "шардированный", "реплицированный", "оптимистичный", "пессимистичный",
    "распределённый", "неизменяемый", "постоянный", "адаптивный", "ограниченный", "конкурентный",
    "кэшированный", "инкрементальный", "иерархический", "вероятностный", "согласованный",
    "атомарный", "надёжный", "потоковый", "пакетный", "эластичный", "федеративный", "слоистый",
    "версионный", "секционированный", "идемпотентный", "асинхронный", "синхронный",
    "транзакционный",
];
#[rustfmt::skip]
const RU_B: [&str; 30] = [
    "кворум", "снимок", "журнал", "индекс", "фильтр", "курсор", "буфер", "сегмент", "чекпоинт",
    "стек", "хеш", "граф", "поток", "пакет", "таймер", "семафор", "барьер", "канал", "сокет",
    "фрейм", "протокол", "планировщик", "лидер", "арбитр", "реестр", "маршрутизатор",
    "балансировщик", "шард", "кэш", "замок",
];
#[rustfmt::skip]
const RU_C: [&str; 10] = [
    "данных", "транзакций", "запросов", "событий", "сообщений", "реплик", "страниц", "ключей",
    "узлов", "версий",
];
#[rustfmt::skip]
const PHRASE: [&str; 32] = [
    "amber", "quartz", "meadow", "harbor", "lantern", "copper", "willow", "falcon", "glacier",
    "ember", "cedar", "orchid", "basalt", "comet", "delta", "fjord", "garnet", "heron", "indigo",
    "juniper", "kelp", "lagoon", "marble", "nectar", "onyx", "pewter", "quill", "raven", "saffron",
    "tundra", "umber", "velvet",
];
#[rustfmt::skip]
const TOPICS: [&str; 12] = [
    "databases", "networking", "python", "systems", "algorithms", "security", "distributed",
    "frontend", "devops", "testing", "architecture", "concurrency",
];
#[rustfmt::skip]
const KINDS: [&str; 8] = [
    "basics", "deep dive", "interview questions", "cheat sheet", "review", "pitfalls", "patterns",
    "exercises",
];
/// Section headings many notes share (realistic repeats across the vault).
#[rustfmt::skip]
const COMMON: [&str; 12] = [
    "Trade-offs & pitfalls", "Complexity (Big-O): time vs. space", "Real-world usage",
    "When not to use it (and why)", "Failure modes, retries & timeouts", "Key numbers to remember",
    "Follow-up questions", "How to explain it in 2 minutes", "Common mistakes", "Under the hood",
    "Checklist before the interview", "Edge cases",
];
/// The longer shared section headings of the dense profile.
#[rustfmt::skip]
const LONG_COMMON: [&str; 16] = [
    "Trade-offs and pitfalls that come up in every system design interview",
    "Complexity analysis (Big-O): time versus space, amortised and worst case",
    "Real-world usage in production systems at scale, with examples",
    "When not to use it, and what to reach for instead (with reasons)",
    "Failure modes, retries, timeouts and back-pressure in distributed systems",
    "Key numbers every engineer should know: latency, throughput, sizes",
    "Follow-up questions interviewers ask after the first answer",
    "How to explain it in two minutes to a non-specialist",
    "Common mistakes in code reviews and how to spot them early",
    "Under the hood: data structures, memory layout and system calls",
    "Checklist before the interview: definitions, diagrams, numbers",
    "Edge cases, corner cases and the tests that catch them",
    "Comparison with the alternatives: a table of pros and cons",
    "History of the idea and the papers worth reading about it",
    "Monitoring, metrics and alerts that show it is working",
    "Exercises with solutions, from warm-up to hard",
];
#[rustfmt::skip]
const RU_SECTIONS: [&str; 6] = [
    "Индексы и шардирование: обзор", "Вопросы на собеседовании (часть 2)",
    "Кэширование: «за» и «против»", "Что спрашивают чаще всего?", "Термины и определения",
    "Повторение — ключевые идеи",
];
/// Filler words: none is a pool term, a verb the term extractor reads as "is", or a stop word.
#[rustfmt::skip]
const FILLER: [&str; 64] = [
    "request", "latency", "throughput", "server", "client", "disk", "memory", "network", "packet",
    "record", "row", "column", "table", "node", "cluster", "leader", "follower", "timeout",
    "budget", "failure", "recovery", "storage", "message", "partition", "offset", "cost", "design",
    "system", "service", "worker", "process", "kernel", "cache line", "signal", "deadline",
    "benchmark", "profile", "metric", "alert", "dashboard", "deploy", "rollback", "schema change",
    "migration", "backup", "restore", "replica set", "hot path", "cold start", "tail latency",
    "queue depth", "pressure", "contention", "fairness", "ordering", "retries", "limits", "quotas",
    "traffic", "spikes", "errors", "tests", "invariants", "bugs",
];
#[rustfmt::skip]
const RU_FILLER: [&str; 24] = [
    "запрос", "задержка", "сервер", "клиент", "диск", "память", "сеть", "узел", "кластер", "лидер",
    "реплика", "таймаут", "отказ", "восстановление", "хранилище", "сообщение", "раздел", "нагрузка",
    "метрика", "алерт", "миграция", "резервная копия", "ошибка", "тест",
];
#[rustfmt::skip]
const OPENERS: [&str; 8] = [
    "Compare this with the", "Interviewers often ask about the", "Keep in mind the",
    "A typical follow-up touches the", "In practice teams reach for the",
    "Do not confuse it with the", "Draw a diagram of the", "Mention the",
];
#[rustfmt::skip]
const RU_OPENERS: [&str; 4] = [
    "Сравните с понятием", "Часто спрашивают про", "Не путайте с понятием", "Вспомните",
];

/// A shared term: its names, the phrase every answer of it holds, and where it is defined.
#[derive(Clone, Debug)]
pub struct Term {
    /// English name, three capitalised words.
    pub name: String,
    /// An acronym, when it is unique in the vault.
    pub acronym: Option<String>,
    /// A Russian name (outline definitions give both), for about a third of the terms.
    pub russian: Option<String>,
    /// Four words that open every answer of this term: a correct hover shows them.
    pub phrase: String,
    /// Where it is defined.
    pub definitions: Vec<DefSite>,
}

/// One definition of a term.
#[derive(Clone, Debug)]
pub struct DefSite {
    /// Index of the note in [`Vault::notes`].
    pub note: usize,
    /// Line (0-based) of the heading, bold term or outline item.
    pub line: u32,
    /// Whether it is only a placeholder (`f`).
    pub gap: bool,
}

/// A generated note.
#[derive(Clone, Debug)]
pub struct NoteInfo {
    /// Path relative to the vault root, `/`-separated.
    pub rel: String,
    /// File stem (what `[[wiki]]` links use).
    pub stem: String,
    /// The level-1 heading.
    pub title: String,
    /// Headings in order: text, GitHub slug (with `-n` for repeats), line.
    pub headings: Vec<(String, String, u32)>,
    /// Size in bytes.
    pub bytes: usize,
}

/// A position in a note: byte offset, and line / UTF-16 column as an editor sends them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    /// Byte offset into the note.
    pub offset: usize,
    /// 0-based line.
    pub line: u32,
    /// 0-based column in UTF-16 code units.
    pub character: u32,
}

/// What a probe position points at.
#[derive(Clone, Debug)]
pub enum Target {
    /// A mention of a pool term (`term` indexes [`Vault::terms`]).
    Term(usize),
    /// A link to a heading (`heading` indexes the target's headings; `None` = the note itself).
    Link {
        /// Index of the target note.
        note: usize,
        /// Index of the heading in the target's headings.
        heading: Option<usize>,
        /// Whether the anchor is deliberately broken.
        broken: bool,
        /// Whether it is a `[[wiki]]` link.
        wiki: bool,
    },
}

/// A position worth asking about, and what is there.
#[derive(Clone, Debug)]
pub struct Probe {
    /// Index of the note.
    pub note: usize,
    /// Where (inside the mention or the link text).
    pub pos: Pos,
    /// What is there.
    pub target: Target,
}

/// What kind of completion a scratch position asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// After `](`: paths of notes.
    Path,
    /// After `](#`: headings of this note.
    Anchor,
    /// After `[[`: note names.
    Wiki,
}

/// A position in the scratch note just after a completion trigger.
#[derive(Clone, Debug)]
pub struct CompletionProbe {
    /// What completes there.
    pub kind: CompletionKind,
    /// The cursor.
    pub pos: Pos,
}

/// Everything written, with the expected answers.
#[derive(Debug)]
pub struct Vault {
    /// The root folder.
    pub root: PathBuf,
    /// Every note (the scratch note excluded).
    pub notes: Vec<NoteInfo>,
    /// The term pool.
    pub terms: Vec<Term>,
    /// Mentions and links, in note order.
    pub probes: Vec<Probe>,
    /// The scratch note's text.
    pub scratch_text: String,
    /// Slugs of the scratch note's headings.
    pub scratch_slugs: Vec<String>,
    /// Completion positions in the scratch note.
    pub completions: Vec<CompletionProbe>,
    /// Total bytes of all notes.
    pub bytes: u64,
    /// Links written, and how many of them have a broken anchor.
    pub links: usize,
    /// Links with a deliberately broken anchor.
    pub broken_links: usize,
    /// How many of the links are `[[wiki]]` links.
    pub wiki_links: usize,
    /// `f` placeholders written.
    pub gaps: usize,
}

impl Vault {
    /// Absolute path of note `i`.
    pub fn path(&self, i: usize) -> PathBuf {
        self.root.join(&self.notes[i].rel)
    }

    /// Probes of note `i`.
    pub fn probes_of(&self, i: usize) -> impl Iterator<Item = &Probe> {
        let start = self.probes.partition_point(|p| p.note < i);
        self.probes[start..].iter().take_while(move |p| p.note == i)
    }
}

/// GitHub's slug for the characters this generator writes: lower-case, letters, digits, `-`
/// and `_` kept, spaces to `-`, everything else dropped.
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

fn unique_slug(seen: &mut HashSet<String>, text: &str) -> String {
    let base = slug(text);
    let mut candidate = base.clone();
    let mut n = 0;
    while seen.contains(&candidate) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    seen.insert(candidate.clone());
    candidate
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The shape of a generated vault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// About 5 KB and 10 links per note, links spread evenly over the vault.
    Standard,
    /// About 5 KB and 17 links per note (a sixth of them wiki links), twice the headings, long
    /// shared section headings, and hub notes most links point at.
    Dense,
}

impl Profile {
    /// Every profile, by name.
    pub const ALL: [Profile; 2] = [Profile::Standard, Profile::Dense];

    /// The profile's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Standard => "standard",
            Profile::Dense => "dense",
        }
    }

    /// The profile with this name.
    pub fn named(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The section headings notes share.
    fn shared_sections(self) -> &'static [&'static str] {
        match self {
            Profile::Standard => &COMMON,
            Profile::Dense => &LONG_COMMON,
        }
    }

    /// How many shared sections a note tries to have (repeats are dropped).
    fn sections(self, rng: &mut Rng) -> usize {
        match self {
            Profile::Standard => 1 + rng.below(2),
            Profile::Dense => 4 + rng.below(4),
        }
    }

    /// How long a note's body grows (with filler paragraphs) before its closing section.
    fn body_bytes(self, rng: &mut Rng) -> usize {
        match self {
            Profile::Standard => 2000 + rng.below(4000),
            Profile::Dense => 800 + rng.below(2200),
        }
    }

    /// Links under the closing "See also" heading.
    fn see_also(self) -> usize {
        match self {
            Profile::Standard => 3,
            Profile::Dense => 8,
        }
    }

    /// The note a link to another note points at: any note alike, or (dense) mostly the first
    /// notes, the vault's hubs.
    fn link_target(self, rng: &mut Rng, notes: usize) -> usize {
        match self {
            Profile::Standard => rng.below(notes),
            Profile::Dense => (unit(rng).powi(3) * notes as f64) as usize,
        }
    }

    /// The heading (index ≥ 1) of a note with `headings` headings that a link points at: any
    /// alike, or (dense) mostly the first sections.
    fn link_heading(self, rng: &mut Rng, headings: usize) -> usize {
        match self {
            Profile::Standard => 1 + rng.below(headings - 1),
            Profile::Dense => 1 + (unit(rng).powi(3) * (headings - 1) as f64) as usize,
        }
    }
}

/// A number in `0..1`.
fn unit(rng: &mut Rng) -> f64 {
    rng.below(1 << 20) as f64 / (1 << 20) as f64
}

/// How a definition is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// `## What is the X?` (0), `## X (ACR)` (1), `## How does the X work?` (2).
    Heading(u8),
    /// `**X (ACR)** is …` in the overview.
    Bold,
    /// `- Russian (X)` with a nested answer in the Russian section.
    Outline,
    /// `- X` with a nested `f`.
    Gap,
}

/// What one note will hold, decided before any text is written (links need other notes'
/// headings).
struct Plan {
    rel: String,
    stem: String,
    title: String,
    front_matter: bool,
    /// Pool terms this note defines, with their shape.
    defs: Vec<(usize, Shape)>,
    common: Vec<&'static str>,
    russian: &'static str,
    /// Heading texts in order, with slugs.
    headings: Vec<(String, String)>,
}

fn term_names(count: usize) -> Vec<Term> {
    let mut acronyms = HashSet::new();
    (0..count)
        .map(|i| {
            let k = (i * 7919) % 40_000;
            let (a, b, c) = (k % 40, (k / 40) % 50, (k / 2000) % 20);
            let name = format!("{} {} {}", TERM_A[a], TERM_B[b], TERM_C[c]);
            let initials: String = [TERM_A[a], TERM_B[b], TERM_C[c]]
                .iter()
                .map(|w| w.chars().next().unwrap())
                .collect();
            let acronym = (i % 3 == 1 && acronyms.insert(initials.clone())).then_some(initials);
            let russian = (i % 3 == 0 && i / 3 < 9000).then(|| {
                let r = (i / 3 * 7) % 9000;
                capitalize(&format!(
                    "{} {} {}",
                    RU_A[r % 30],
                    RU_B[(r / 30) % 30],
                    RU_C[r / 900]
                ))
            });
            let p = (i * 104_729) % (1 << 20);
            let phrase = format!(
                "{} {} for {} {}",
                PHRASE[p & 31],
                PHRASE[(p >> 5) & 31],
                PHRASE[(p >> 10) & 31],
                PHRASE[(p >> 15) & 31]
            );
            Term {
                name,
                acronym,
                russian,
                phrase,
                definitions: Vec::new(),
            }
        })
        .collect()
}

fn plan(notes: usize, seed: u64, profile: Profile, terms: &mut [Term]) -> Vec<Plan> {
    let mut rng = Rng::new(seed);
    let mut plans: Vec<Plan> = (0..notes)
        .map(|i| {
            let folder = i / 50;
            let topic = TOPICS[folder % TOPICS.len()];
            let title = format!("{} {} {i}", capitalize(topic), rng.pick(&KINDS));
            let stem = slug(&title);
            let rel = format!("{topic}/part-{:03}/{stem}.md", folder / TOPICS.len());
            let mut common: Vec<&'static str> = Vec::new();
            for _ in 0..profile.sections(&mut rng) {
                let c = rng.pick(profile.shared_sections());
                if !common.contains(&c) {
                    common.push(c);
                }
            }
            Plan {
                rel,
                stem,
                title,
                front_matter: rng.chance(0.2),
                defs: Vec::new(),
                common,
                russian: rng.pick(&RU_SECTIONS),
                headings: Vec::new(),
            }
        })
        .collect();
    for (t, term) in terms.iter().enumerate() {
        let count = 1 + rng.below(3);
        for k in 0..count {
            let note = rng.below(notes);
            if plans[note].defs.iter().any(|(x, _)| *x == t) {
                continue;
            }
            let shape = if k > 0 && rng.chance(0.25) {
                Shape::Gap
            } else {
                match rng.below(20) {
                    0..=11 => Shape::Heading(rng.below(3) as u8),
                    12..=16 => Shape::Bold,
                    _ if term.russian.is_some() => Shape::Outline,
                    _ => Shape::Heading(1),
                }
            };
            plans[note].defs.push((t, shape));
        }
    }
    // A name is only known where a definition writes it: keep the acronym of terms with a
    // definition that shows it, the Russian name of terms with an outline definition.
    let mut shows_acronym = vec![false; terms.len()];
    let mut shows_russian = vec![false; terms.len()];
    for plan in &plans {
        for &(t, shape) in &plan.defs {
            match shape {
                Shape::Bold | Shape::Heading(1) | Shape::Heading(2) => shows_acronym[t] = true,
                Shape::Outline => shows_russian[t] = true,
                _ => {}
            }
        }
    }
    for (t, term) in terms.iter_mut().enumerate() {
        if !shows_acronym[t] {
            term.acronym = None;
        }
        if !shows_russian[t] {
            term.russian = None;
        }
    }
    for plan in &mut plans {
        // A note whose only definition of a term is a gap would make that term unanswered:
        // every term's first definition is answered (k == 0 above), so gaps are extras.
        let mut seen = HashSet::new();
        let mut texts = vec![plan.title.clone(), "Overview".to_string()];
        for &(t, shape) in &plan.defs {
            if let Shape::Heading(form) = shape {
                texts.push(heading_text(&terms[t], form));
            }
        }
        texts.push("Example".to_string());
        texts.extend(plan.common.iter().map(|s| s.to_string()));
        texts.push(plan.russian.to_string());
        texts.push("Example".to_string());
        texts.push("See also".to_string());
        plan.headings = texts
            .into_iter()
            .map(|t| {
                let s = unique_slug(&mut seen, &t);
                (t, s)
            })
            .collect();
    }
    plans
}

fn heading_text(term: &Term, form: u8) -> String {
    match (form, &term.acronym) {
        (0, _) => format!("What is the {}?", term.name),
        (1, Some(acr)) => format!("{} ({acr})", term.name),
        (1, None) => format!("Q: {}?", term.name),
        (_, Some(acr)) => format!("How does the {} ({acr}) work?", term.name),
        _ => format!("How does the {} work?", term.name),
    }
}

/// Builds one note's text, tracking positions.
struct Writer {
    text: String,
    line: u32,
    line_start: usize,
}

impl Writer {
    fn pos(&self) -> Pos {
        Pos {
            offset: self.text.len(),
            line: self.line,
            character: self.text[self.line_start..].encode_utf16().count() as u32,
        }
    }

    fn push(&mut self, s: &str) {
        for (i, b) in s.bytes().enumerate() {
            if b == b'\n' {
                self.line += 1;
                self.line_start = self.text.len() + i + 1;
            }
        }
        self.text.push_str(s);
    }

    /// Writes `s` and returns the position of its `at`-th byte.
    fn push_at(&mut self, s: &str, at: usize) -> Pos {
        let before = self.pos();
        self.push(s);
        Pos {
            offset: before.offset + at,
            line: before.line,
            character: before.character + s[..at].encode_utf16().count() as u32,
        }
    }
}

struct NoteCtx<'a> {
    i: usize,
    profile: Profile,
    plans: &'a [Plan],
    terms: &'a [Term],
    rng: Rng,
    w: Writer,
    probes: Vec<Probe>,
    heading_lines: Vec<u32>,
    def_lines: Vec<(usize, u32, bool)>,
    links: usize,
    wiki: usize,
    broken: usize,
    gaps: usize,
}

impl NoteCtx<'_> {
    /// A term index, skewed so that a few terms are mentioned very often.
    fn popular_term(&mut self) -> usize {
        let u = self.rng.below(1 << 20) as f64 / (1 << 20) as f64;
        ((u * u) * self.terms.len() as f64) as usize
    }

    fn filler(&mut self, words: usize) -> String {
        let mut out = String::new();
        for k in 0..words {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(self.rng.pick(&FILLER));
        }
        out
    }

    fn ru_filler(&mut self, words: usize) -> String {
        let mut out = String::new();
        for k in 0..words {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(self.rng.pick(&RU_FILLER));
        }
        out
    }

    /// Writes a mention of a pool term (inline, no newline) and records a probe.
    fn mention(&mut self) {
        let t = self.popular_term();
        let terms = self.terms;
        let term = &terms[t];
        let roll = self.rng.below(10);
        let (text, cursor) = match (roll, &term.acronym, &term.russian) {
            (0..=1, Some(acr), _) => (acr.clone(), 1),
            (2..=3, _, Some(ru)) => {
                let lower = ru.to_lowercase();
                let second = lower.find(' ').map_or(1, |s| s + 1);
                (lower, second)
            }
            (4, _, _) => {
                let lower = term.name.to_lowercase();
                let second = lower.find(' ').map_or(1, |s| s + 1);
                (lower, second)
            }
            _ => {
                let second = term.name.find(' ').map_or(1, |s| s + 1);
                (term.name.clone(), second)
            }
        };
        let pos = self.w.push_at(&text, cursor);
        self.probes.push(Probe {
            note: self.i,
            pos,
            target: Target::Term(t),
        });
    }

    /// A paragraph of filler with `mentions` term mentions and `links` links.
    fn paragraph(&mut self, mentions: usize, links: usize, russian: bool) {
        let sentences = mentions + links + 1 + self.rng.below(2);
        let mut kinds: Vec<u8> = std::iter::repeat_n(0, mentions)
            .chain(std::iter::repeat_n(1, links))
            .chain(std::iter::repeat_n(2, sentences - mentions - links))
            .collect();
        for k in (1..kinds.len()).rev() {
            let j = self.rng.below(k + 1);
            kinds.swap(k, j);
        }
        for (k, kind) in kinds.into_iter().enumerate() {
            if k > 0 {
                self.w.push(" ");
            }
            match kind {
                0 => {
                    let opener = if russian {
                        self.rng.pick(&RU_OPENERS)
                    } else {
                        self.rng.pick(&OPENERS)
                    };
                    self.w.push(opener);
                    self.w.push(" ");
                    self.mention();
                    if russian {
                        let tail = self.ru_filler(4);
                        self.w.push(&format!(", когда важны {tail}."));
                    } else {
                        let tail = self.filler(5);
                        self.w.push(&format!(" when {tail} matter."));
                    }
                }
                1 => {
                    let lead = self.filler(3);
                    self.w.push(&format!("{} in ", capitalize(&lead)));
                    self.link();
                    self.w.push(".");
                }
                _ => {
                    let body = if russian {
                        self.ru_filler(8)
                    } else {
                        self.filler(10)
                    };
                    let tail = self.filler(4);
                    self.w.push(&format!("{}, {tail}.", capitalize(&body)));
                }
            }
        }
        self.w.push("\n\n");
    }

    /// Writes a link (inline, no newline) and records a probe.
    fn link(&mut self) {
        self.links += 1;
        let plans = self.plans;
        let roll = self.rng.below(100);
        if roll < 10 {
            // A same-note anchor.
            let h = 1 + self.rng.below(plans[self.i].headings.len() - 1);
            let (text, slug) = &plans[self.i].headings[h];
            let label = format!("[{}](#{slug})", text.to_lowercase());
            let pos = self.w.push_at(&label, second_char(&label, 1));
            self.probes.push(Probe {
                note: self.i,
                pos,
                target: Target::Link {
                    note: self.i,
                    heading: Some(h),
                    broken: false,
                    wiki: false,
                },
            });
            return;
        }
        let mut j = self.profile.link_target(&mut self.rng, plans.len());
        if j == self.i {
            j = (j + 1) % plans.len();
        }
        let target = &plans[j];
        let dest = relative(&plans[self.i].rel, &target.rel);
        if roll < 30 {
            self.wiki += 1;
            let alias = self.rng.chance(0.3);
            let label = if alias {
                format!("[[{}|{}]]", target.stem, target.title.to_lowercase())
            } else {
                format!("[[{}]]", target.stem)
            };
            let pos = self.w.push_at(&label, second_char(&label, 2));
            self.probes.push(Probe {
                note: self.i,
                pos,
                target: Target::Link {
                    note: j,
                    heading: None,
                    broken: false,
                    wiki: true,
                },
            });
            return;
        }
        let h = self
            .profile
            .link_heading(&mut self.rng, target.headings.len());
        let (text, slug) = &target.headings[h];
        let broken = roll >= 97;
        let anchor = if broken {
            self.broken += 1;
            format!("{slug}-old")
        } else {
            slug.clone()
        };
        let label = format!("[{}]({dest}#{anchor})", text.replace(['[', ']'], ""));
        let pos = self.w.push_at(&label, second_char(&label, 1));
        self.probes.push(Probe {
            note: self.i,
            pos,
            target: Target::Link {
                note: j,
                heading: Some(h),
                broken,
                wiki: false,
            },
        });
    }

    fn heading(&mut self, level: usize, index: usize) {
        let text = self.plans[self.i].headings[index].0.clone();
        self.heading_lines.push(self.w.line);
        self.w.push(&format!("{} {text}\n\n", "#".repeat(level)));
    }

    fn code_fence(&mut self) {
        let terms = self.terms;
        let lang = self.rng.pick(&["python", "bash", "sql"]);
        let comment = self.filler(4);
        let t = self.popular_term();
        let body = match lang {
            "python" => format!(
                "# {comment}\ndef handle(request):\n    # {} (not a heading)\n    return request\n",
                terms[t].name
            ),
            "bash" => format!(
                "# {comment}\ncurl -s localhost:8080/health | jq .\n## not a heading either\n"
            ),
            _ => format!("-- {comment}\nSELECT id, name FROM notes WHERE id = 42;\n"),
        };
        self.w.push(&format!("```{lang}\n{body}```\n\n"));
    }

    fn answer(&mut self, t: usize) -> String {
        let terms = self.terms;
        let term = &terms[t];
        format!(
            "{} {} across {}.",
            term.phrase,
            self.filler(6),
            self.filler(3)
        )
    }

    fn write(&mut self) {
        let (plans, terms) = (self.plans, self.terms);
        let plan = &plans[self.i];
        let mut h = 0;
        if plan.front_matter {
            let tags = format!(
                "[{}, {}]",
                TOPICS[self.i / 50 % 12],
                slug(self.rng.pick(&KINDS))
            );
            self.w.push(&format!(
                "---\ntitle: {}\ntags: {tags}\n---\n\n",
                plan.title
            ));
        }
        self.heading(1, h);
        h += 1;
        self.paragraph(2, 1, false);
        self.heading(2, h);
        h += 1;
        self.paragraph(2, 1, false);
        let defs = plan.defs.clone();
        for &(t, shape) in &defs {
            if shape == Shape::Bold {
                let term = &terms[t];
                let name = match &term.acronym {
                    Some(acr) => format!("{} ({acr})", term.name),
                    None => term.name.clone(),
                };
                self.def_lines.push((t, self.w.line, false));
                let answer = self.answer(t);
                self.w.push(&format!("**{name}** is {answer} "));
                self.mention();
                self.w.push(" fits here too.\n\n");
            }
        }
        for &(t, shape) in &defs {
            if let Shape::Heading(_) = shape {
                self.def_lines.push((t, self.w.line, false));
                self.heading(2, h);
                h += 1;
                let answer = self.answer(t);
                self.w.push(&format!("{answer}\n\n"));
                self.paragraph(2, 1, false);
            }
        }
        self.heading(2, h);
        h += 1;
        self.code_fence();
        self.paragraph(1, 0, false);
        for _ in 0..plan.common.len() {
            self.heading(2, h);
            h += 1;
            match self.profile {
                Profile::Standard => {
                    self.paragraph(3, 1, false);
                    self.paragraph(2, 1, false);
                    if self.rng.chance(0.5) {
                        self.code_fence();
                    }
                }
                // Many short sections, each mostly links.
                Profile::Dense => self.paragraph(0, 1, false),
            }
        }
        self.heading(2, h);
        h += 1;
        self.paragraph(2, 0, true);
        let mut outline = false;
        for &(t, shape) in &defs {
            let term = &terms[t];
            match shape {
                Shape::Outline => {
                    let ru = term.russian.clone().unwrap_or_else(|| term.name.clone());
                    self.def_lines.push((t, self.w.line, false));
                    let answer = self.answer(t);
                    self.w
                        .push(&format!("- {ru} ({})\n  - {answer}\n  - ", term.name));
                    self.mention();
                    let tail = self.ru_filler(3);
                    self.w.push(&format!(" {tail}\n"));
                    outline = true;
                }
                Shape::Gap => {
                    self.def_lines.push((t, self.w.line, true));
                    self.w.push(&format!("- {}\n  - f\n", term.name));
                    self.gaps += 1;
                    outline = true;
                }
                _ => {}
            }
        }
        if !outline || self.rng.chance(0.5) {
            let topic = self.ru_filler(2);
            let answer = self.ru_filler(6);
            self.w
                .push(&format!("- {}\n  - {answer}\n", capitalize(&topic)));
        }
        self.w.push("\n");
        self.paragraph(1, 1, true);
        self.heading(2, h);
        h += 1;
        self.code_fence();
        // Fill up to 2–6 KB of body; with the links section notes average about 5 KB.
        let want = self.profile.body_bytes(&mut self.rng);
        while self.w.text.len() < want {
            self.paragraph(2, 1, false);
        }
        self.heading(2, h);
        for _ in 0..self.profile.see_also() {
            self.w.push("- ");
            self.link();
            self.w.push("\n");
        }
        self.w.push("\n");
    }
}

/// The byte offset of the second character after the first `skip` bytes of `s`.
fn second_char(s: &str, skip: usize) -> usize {
    skip + s[skip..].chars().next().map_or(0, char::len_utf8)
}

/// The link from the note at `from` to the note at `to` (both relative to the root).
fn relative(from: &str, to: &str) -> String {
    let from_dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    let (to_dir, to_file) = to.rsplit_once('/').unwrap_or(("", to));
    if from_dir == to_dir {
        return to_file.to_string();
    }
    let up = from_dir.split('/').filter(|s| !s.is_empty()).count();
    format!("{}{to}", "../".repeat(up))
}

fn scratch(vault_notes: &[NoteInfo]) -> (String, Vec<String>, Vec<CompletionProbe>) {
    let mut w = Writer {
        text: String::new(),
        line: 0,
        line_start: 0,
    };
    let headings = [
        "Scratch",
        "Draft: what to link?",
        "Черновик (draft) & идеи",
        "Draft: what to link?",
    ];
    let mut seen = HashSet::new();
    let slugs: Vec<String> = headings.iter().map(|h| unique_slug(&mut seen, h)).collect();
    w.push("# Scratch\n\nHalf-typed links, as while typing.\n\n## Draft: what to link?\n\n");
    let mut probes = Vec::new();
    let mut add = |w: &mut Writer, kind: CompletionKind, line: &str| {
        w.push("- ");
        let pos = w.push_at(line, line.len());
        w.push("\n");
        probes.push(CompletionProbe { kind, pos });
    };
    let folder = vault_notes
        .first()
        .map_or("databases", |n| n.rel.split('/').next().unwrap_or(""));
    add(&mut w, CompletionKind::Path, "see [the note](");
    add(
        &mut w,
        CompletionKind::Path,
        &format!("see [x](../{folder}"),
    );
    add(&mut w, CompletionKind::Anchor, "jump [up](#");
    w.push("\n## Черновик (draft) & идеи\n\n");
    add(&mut w, CompletionKind::Anchor, "назад [к черновику](#dr");
    add(&mut w, CompletionKind::Wiki, "see [[");
    add(
        &mut w,
        CompletionKind::Wiki,
        &format!("see [[{}", &folder[..3.min(folder.len())]),
    );
    w.push("\n## Draft: what to link?\n\nAgain.\n");
    (w.text, slugs, probes)
}

/// Writes a vault of `notes` notes of the standard profile under `dir` (created if needed;
/// existing files with the same names are overwritten) and returns what it holds.
pub fn generate(dir: &Path, notes: usize, seed: u64) -> io::Result<Vault> {
    generate_profile(dir, notes, seed, Profile::Standard)
}

/// [`generate`] with the shape of `profile`.
pub fn generate_profile(
    dir: &Path,
    notes: usize,
    seed: u64,
    profile: Profile,
) -> io::Result<Vault> {
    let notes = notes.max(2);
    let mut terms = term_names((notes / 2).clamp(10, 40_000));
    let plans = plan(notes, seed, profile, &mut terms);
    let mut infos = Vec::with_capacity(notes);
    let mut probes = Vec::new();
    let (mut bytes, mut links, mut wiki, mut broken, mut gaps) = (0u64, 0, 0, 0, 0);
    let mut made_dirs = HashSet::new();
    let mut sites = Vec::new();
    for i in 0..notes {
        let mut ctx = NoteCtx {
            i,
            profile,
            plans: &plans,
            terms: &terms,
            rng: Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64)),
            w: Writer {
                text: String::with_capacity(8192),
                line: 0,
                line_start: 0,
            },
            probes: Vec::new(),
            heading_lines: Vec::new(),
            def_lines: Vec::new(),
            links: 0,
            wiki: 0,
            broken: 0,
            gaps: 0,
        };
        ctx.write();
        let plan = &plans[i];
        let path = dir.join(&plan.rel);
        let parent = path.parent().expect("notes live in folders").to_path_buf();
        if made_dirs.insert(parent.clone()) {
            std::fs::create_dir_all(&parent)?;
        }
        std::fs::write(&path, &ctx.w.text)?;
        bytes += ctx.w.text.len() as u64;
        links += ctx.links;
        wiki += ctx.wiki;
        broken += ctx.broken;
        gaps += ctx.gaps;
        for &(t, line, gap) in &ctx.def_lines {
            sites.push((t, DefSite { note: i, line, gap }));
        }
        assert_eq!(ctx.heading_lines.len(), plan.headings.len());
        infos.push(NoteInfo {
            rel: plan.rel.clone(),
            stem: plan.stem.clone(),
            title: plan.title.clone(),
            headings: plan
                .headings
                .iter()
                .zip(&ctx.heading_lines)
                .map(|((t, s), &l)| (t.clone(), s.clone(), l))
                .collect(),
            bytes: ctx.w.text.len(),
        });
        probes.append(&mut ctx.probes);
    }
    for (t, site) in sites {
        terms[t].definitions.push(site);
    }
    let (scratch_text, scratch_slugs, completions) = scratch(&infos);
    let scratch_path = dir.join(SCRATCH);
    std::fs::create_dir_all(scratch_path.parent().expect("in a folder"))?;
    std::fs::write(&scratch_path, &scratch_text)?;
    Ok(Vault {
        root: dir.to_path_buf(),
        notes: infos,
        terms,
        probes,
        scratch_text,
        scratch_slugs,
        completions,
        bytes,
        links,
        broken_links: broken,
        wiki_links: wiki,
        gaps,
    })
}

/// Every `n`-th element of `items`, starting at a seed-chosen offset: a deterministic sample.
pub fn sample<T: Clone>(items: &[T], count: usize, seed: u64) -> Vec<T> {
    if items.is_empty() || count == 0 {
        return Vec::new();
    }
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| items[rng.below(items.len())].clone())
        .collect()
}

/// A one-line summary of a vault.
pub fn summary(vault: &Vault) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "{} notes, {:.1} MB ({:.1} KB/note), {} terms, {} links ({} wiki, {} broken anchors), {} headings, {} gaps, {} probes",
        vault.notes.len(),
        vault.bytes as f64 / 1e6,
        vault.bytes as f64 / vault.notes.len().max(1) as f64 / 1e3,
        vault.terms.len(),
        vault.links,
        vault.wiki_links,
        vault.broken_links,
        vault.notes.iter().map(|n| n.headings.len()).sum::<usize>(),
        vault.gaps,
        vault.probes.len()
    );
    s
}

/// A Russian Q/A note of about `bytes` bytes: numbered questions with `Ответ:` paragraphs,
/// bold definitions, outline topics with `f` gaps and sections linking to their own anchors.
pub fn big_qa_note(bytes: usize) -> String {
    let mut text = String::from("# Вопросы с собеседований\n\n");
    let mut i = 0;
    while text.len() < bytes {
        i += 1;
        let entry = match i % 4 {
            0 => format!(
                "{i}. Что такое термин{i}?\n\nОтвет: Термин{i} — это способ хранить данные так, чтобы \
                 чтение было быстрым, а запись — надёжной.\n\n"
            ),
            1 => format!(
                "**Понятие{i}** — механизм, который защищает данные от одновременного изменения.\n\n"
            ),
            2 => format!("- Тема{i}\n  - f\n\n"),
            _ => format!("## Раздел {i}\n\nСм. [раздел](#раздел-{i}) и `код_{i}()`.\n\n"),
        };
        text.push_str(&entry);
    }
    text
}
