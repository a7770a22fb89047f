//! The subject a sentence or a bold lead defines: `X is a …`, `X — это …`, `**X** creates …`,
//! `X: …` items, and whether it defines its subject or only speaks of it.

use super::*;

pub(super) const SUBJECT_STOPWORDS: &[&str] = &[
    "it",
    "this",
    "that",
    "there",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "what",
    "which",
    "who",
    "here",
    "one",
    "each",
    "every",
    "all",
    "some",
    "answer",
    "example",
    "result",
    "reason",
    "problem",
    "idea",
    "goal",
    "point",
    "difference",
    "main",
    "это",
    "он",
    "она",
    "оно",
    "они",
    "ответ",
    "пример",
    "when",
    "if",
    "while",
    "because",
    "since",
    "after",
    "before",
    "although",
    "once",
    "unless",
    "until",
    "in",
    "on",
    "for",
    "with",
    "by",
    "from",
    "at",
    "so",
    "but",
    "and",
    "or",
    "now",
    "then",
    "also",
    "most",
    "many",
    "our",
    "my",
    "your",
    "its",
    "their",
    "his",
    "her",
    "если",
    "когда",
    "в",
    "на",
    "для",
    "так",
    "но",
    "и",
    "или",
];

/// Words after `is`/`are` that make a sentence a definition (`X is a …`, `X are the …`);
/// anything else after them (`X is useful when …`) only says something of X.
pub(super) const DEFINING_WORDS: &[&str] = &["a", "an", "the", "one", "any", "each", "some"];

/// Words after `is`/`are` that make a sentence say nothing general (`Python is my main …`).
pub(super) const PERSONAL_WORDS: &[&str] =
    &["my", "our", "your", "his", "her", "their", "mine", "ours"];

/// Words that end a defined subject (`X is …`); each opens with a space.
pub(super) const VERBS: &[&str] = &[
    " is ",
    " are ",
    " means ",
    " refers to ",
    " stands for ",
    " — это ",
    " - это ",
    " – это ",
    " это ",
    " — ",
    " – ",
    " - ",
];

/// How far into a sentence its defining verb is looked for, in bytes.
pub(super) const SUBJECT_WINDOW: usize = 240;

/// The subject a sentence opens with and whether the sentence defines it (`X is a …`,
/// `X (Y) are …`, `X — это …`) or only says something of it (`X is useful when …`).
pub(super) fn defined_subject(text: &str) -> (Vec<String>, Weight) {
    let text = strip_article(text);
    // A subject is a few words (and a parenthesis): its verb is never far into the sentence.
    let window = &text[..text.floor_char_boundary(SUBJECT_WINDOW.min(text.len()))];
    // Every verb opens with a space: the first space a verb starts at is where the subject ends.
    let Some(at) = window
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b' ')
        .map(|(i, _)| i)
        .find(|&i| VERBS.iter().any(|v| window[i..].starts_with(v)))
    else {
        return (Vec::new(), Weight::Usage);
    };
    let mut subject = &text[..at];
    // `X, also known as Y, is …`: Y is another name of X.
    let mut known_as = None;
    for marker in [", also known as ", ", aka ", ", a.k.a. ", ", или "] {
        if let Some(i) = subject.find(marker) {
            let other = subject[i + marker.len()..].trim_end_matches(',').trim();
            known_as = Some(other.to_string());
            subject = &subject[..i];
            break;
        }
    }
    let verb = VERBS
        .iter()
        .find(|v| window[at..].starts_with(*v))
        .map_or("", |v| v);
    let next = text[at + verb.len()..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    let copula = matches!(verb, " is " | " are ");
    if copula && PERSONAL_WORDS.contains(&next.as_str()) {
        return (Vec::new(), Weight::Usage);
    }
    let defines = DEFINING_WORDS.contains(&next.as_str()) || next.ends_with("ing");
    let weight = if copula && !defines {
        Weight::Usage
    } else {
        Weight::Definition
    };
    let outside_parens: String = match (subject.find('('), subject.rfind(')')) {
        (Some(o), Some(c)) if o < c => format!("{}{}", &subject[..o], &subject[c + 1..]),
        _ => subject.to_string(),
    };
    let words = outside_parens.split_whitespace().count();
    let first = outside_parens
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    if words == 0
        || words > 4
        || SUBJECT_STOPWORDS.contains(&first.as_str())
        || outside_parens.contains([',', ':', ';', '"', '!', '?'])
    {
        return (Vec::new(), weight);
    }
    let names = split_aliases(subject)
        .into_iter()
        .chain(known_as)
        .filter(|n| is_name(n))
        .collect();
    (names, weight)
}

/// Whether `word` reads as a verb in the present tense, third person (`creates`, `runs`,
/// `merges`; `задаёт`, `хранит`, `используется`): what a sentence says its subject does.
pub(super) fn acts(word: &str) -> bool {
    let word = word.trim_end_matches([',', ';', ':']);
    let len = word.chars().count();
    if len < 4 || !word.chars().all(char::is_lowercase) {
        return false;
    }
    if word.chars().all(|c| c.is_ascii_alphabetic()) {
        return word.ends_with('s') && !["ss", "us", "is", "ous"].iter().any(|e| word.ends_with(e));
    }
    word.chars().all(|c| matches!(c, 'а'..='я' | 'ё'))
        && ["ет", "ёт", "ит", "ут", "ют", "ат", "ят", "тся"]
            .iter()
            .any(|e| word.ends_with(e))
}

/// Words that open what a verb acts on (`merges several SSTables`, `runs the query`).
pub(super) const DETERMINERS: &[&str] = &[
    "a", "an", "the", "several", "each", "every", "all", "one", "two", "its", "their", "your",
    "any", "many", "multiple", "some",
];

/// The subject of an English paragraph that opens with what it does (`Compaction merges
/// several SSTables …`, `` `EXPLAIN` runs the query …``): a short capitalised name, a
/// present-tense verb and a determiner. Without the determiner, word runs such as `Server
/// quotas system …` would read as sentences; Russian word order and adverbs (`Часто спрашивают
/// про …`) cannot be told apart without a dictionary, so only a bold lead makes a Russian
/// subject that acts.
pub(super) fn acting_subject(text: &str) -> Vec<String> {
    let text = strip_article(text);
    let words: Vec<&str> = text.split_whitespace().take(5).collect();
    let english = |w: &str| w.chars().all(|c| c.is_ascii_alphabetic());
    let Some(at) = (1..words.len().min(3)).find(|&i| {
        english(words[i])
            && acts(words[i])
            && words.get(i + 1).is_some_and(|w| DETERMINERS.contains(w))
    }) else {
        return Vec::new();
    };
    let subject = words[..at].join(" ");
    let first = words[0].to_lowercase();
    let named = words[0].starts_with(|c: char| c.is_uppercase())
        && !SUBJECT_STOPWORDS.contains(&first.as_str())
        && !subject.contains([',', ':', ';', '"', '!', '?', '.']);
    if !named {
        return Vec::new();
    }
    split_aliases(&subject)
        .into_iter()
        .filter(|n| is_name(n))
        .collect()
}

/// The names of a list item that opens with a short label and a colon (`Token bucket: tokens
/// refill …`), when the label reads as a name.
pub(super) fn labelled_item(text: &str) -> Option<Vec<String>> {
    let (label, rest) = text.split_once(": ")?;
    let first = label.split_whitespace().next()?.to_lowercase();
    let plain = label.split_whitespace().count() <= 4
        && !rest.trim().is_empty()
        && !label.contains([',', ';', '"', '!', '?', '.', '`'])
        && !SUBJECT_STOPWORDS.contains(&first.as_str())
        && !GENERIC.contains(&label.to_lowercase().as_str());
    // `Python: SQLAlchemy connection pooling.`, `Python: \`logging\`` list examples.
    let sentence = rest.split_whitespace().count() >= 5 && !rest.starts_with('`');
    let names: Vec<String> = split_aliases(label)
        .into_iter()
        .filter(|n| is_name(n))
        .collect();
    (plain && sentence && !names.is_empty()).then_some(names)
}

/// The names a bold/code lead defines, when the text after it reads as a definition.
pub(super) fn lead_names(block_text: &str, lead: &Lead) -> Vec<String> {
    if lead.text.trim().is_empty() {
        return Vec::new();
    }
    let Some(at) = block_text.find(lead.text.as_str()) else {
        return Vec::new();
    };
    let mut after = block_text[at + lead.text.len()..].trim_start();
    let mut names = split_aliases(&lead.text);
    if let Some(rest) = after.strip_prefix('(') {
        if let Some(close) = rest.find(')') {
            let lead_name = names.first().map_or("", String::as_str);
            names.extend(alias_of(lead_name, rest[..close].trim()));
            after = rest[close + 1..].trim_start();
        }
    }
    let defines = [
        "is ",
        "are ",
        "means ",
        "refers to ",
        "stands for ",
        "says ",
        "states ",
        "describes ",
        "—",
        "–",
        "- ",
        ":",
        "это",
    ]
    .iter()
    .any(|v| after.starts_with(v))
        || after.split_whitespace().next().is_some_and(acts);
    if !defines {
        return Vec::new();
    }
    names.retain(|n| is_name(n));
    names
}
