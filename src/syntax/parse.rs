//! The one extraction pass: pulldown-cmark events → a [`Note`].

use super::code_like::{is_code_like_reference, is_note_name};
use super::front_matter::{front_matter_end, title_and_aliases};
use super::links::{inline_destination_range, target_of_destination, target_of_wiki};
use super::slug::{Anchors, Slugger};
use super::terms::{definitions, strip_answer_prefix, Block, Lead};
use super::words::WordFilter;
use super::{
    Anchor, CharMask, Heading, Link, LinkKind, LinkTarget, Note, Placeholder, RefDef, Script, Span,
    UndefinedRef,
};
use crate::text::Source;
use pulldown_cmark::{BrokenLink, Event, LinkType, Options, Parser, Tag, TagEnd};

/// What extraction needs to know beyond the text.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ParseOptions {
    /// Tokens that, alone on a line or item, mark an unanswered question.
    pub placeholders: Vec<String>,
    /// Whether a `{#id}` after a heading is text (GitHub) or the heading's id.
    pub anchors: Anchors,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            placeholders: vec!["f".to_string()],
            anchors: Anchors::default(),
        }
    }
}

/// The markdown dialect notes are written in: CommonMark with GFM, wiki links, definition lists,
/// and heading attributes when `{#id}` sets a heading's id (front matter is cut off before
/// parsing: it exists only at the very start, where the parser's metadata blocks would also take
/// any later `---` block).
fn markdown_options(anchors: Anchors) -> Options {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_GFM;
    match anchors {
        Anchors::Github => options,
        Anchors::Attributes => options | Options::ENABLE_HEADING_ATTRIBUTES,
    }
}

/// Extracts everything the server needs from one note. Never fails.
pub fn parse_note(text: &str, options: &ParseOptions) -> Note {
    let front_end = front_matter_end(text);
    let blanked;
    let body = if front_end == 0 {
        text
    } else {
        blanked = blank_prefix(text, front_end);
        &blanked
    };
    let mut undefined_refs = Vec::new();
    // Reported only for `[text][label]` and `[label][]` (never a shortcut `[label]` alone), and
    // not where the brackets are code.
    let callback = |broken: BrokenLink<'_>| {
        let source = &body[broken.span.clone()];
        let before = body[..broken.span.start].chars().next_back();
        if matches!(broken.link_type, LinkType::Reference | LinkType::Collapsed)
            && !is_code_like_reference(source, &broken.reference, before)
        {
            undefined_refs.push(UndefinedRef {
                label: broken.reference.to_string().into(),
                span: Span::new(broken.span.start, broken.span.end),
            });
        }
        None
    };
    let parser = Parser::new_with_broken_link_callback(
        body,
        markdown_options(options.anchors),
        Some(callback),
    );
    let mut walker = Walker::new(text, options);
    walker.front_matter(&text[..front_end]);
    let mut events = parser.into_offset_iter();
    for (event, range) in events.by_ref() {
        walker.event(event, range);
    }
    let mut ref_defs: Vec<RefDef> = events
        .reference_definitions()
        .iter()
        .map(|(label, def)| RefDef {
            label: label.into(),
            span: Span::new(def.span.start, def.span.end),
        })
        .collect();
    drop(events);
    ref_defs.sort_by_key(|d| d.span);
    let mut note = walker.finish();
    note.ref_defs = ref_defs;
    note.undefined_refs = undefined_refs;
    note.words = WordFilter::new(text);
    note
}

/// One line of a text block, with the bytes it came from.
#[derive(Default)]
struct Line {
    text: String,
    span: Option<Span>,
}

/// The running text of a paragraph or of a list item's own first lines.
#[derive(Default)]
struct TextBlock {
    lines: Vec<Line>,
    lead: Option<Lead>,
    lead_open: bool,
    /// The block's own bytes when the parser gave them (paragraphs), else the text's extent.
    extent: Option<Span>,
}

impl TextBlock {
    fn push(&mut self, text: &str, range: &std::ops::Range<usize>) {
        if self.lines.is_empty() {
            self.lines.push(Line::default());
        }
        let line = self.lines.last_mut().expect("a line was just ensured");
        line.text.push_str(text);
        let span = line.span.get_or_insert(Span::new(range.start, range.end));
        span.end = span.end.max(range.end as u32);
    }

    fn line_break(&mut self) {
        self.lines.push(Line::default());
    }

    /// Whether nothing but an article has been written yet (so a bold or code span here leads).
    /// (Asked at every bold or code span: it looks at no more than two pieces of text, so
    /// that a paragraph of thousands of spans is not read over and over.)
    fn at_lead_position(&self) -> bool {
        let mut so_far = self
            .lines
            .iter()
            .map(|l| l.text.trim())
            .filter(|t| !t.is_empty());
        match (so_far.next(), so_far.next()) {
            (None, _) => true,
            (Some(only), None) => ["A", "An", "The"].contains(&only),
            _ => false,
        }
    }

    fn span(&self) -> Option<Span> {
        if self.extent.is_some() {
            return self.extent;
        }
        let mut spans = self.lines.iter().filter_map(|l| l.span);
        let first = spans.next()?;
        let last = spans.next_back().unwrap_or(first);
        Some(Span {
            start: first.start,
            end: last.end,
        })
    }

    fn into_text_block(self) -> Option<(String, Span, Option<Lead>)> {
        let span = self.span()?;
        Some((self.joined(), span, self.lead))
    }

    fn joined(&self) -> String {
        let parts: Vec<&str> = self.lines.iter().map(|l| l.text.trim()).collect();
        parts.join(" ").trim().to_string()
    }

    fn last_line(&self) -> Option<&str> {
        self.lines
            .iter()
            .rev()
            .map(|l| l.text.trim())
            .find(|t| !t.is_empty())
    }
}

/// A list item being read: its own text and whether that text is complete.
#[derive(Default)]
struct Item {
    own: TextBlock,
    own_closed: bool,
    start: usize,
    children_start: Option<usize>,
}

struct HeadingBuilder {
    level: u8,
    text: String,
    custom_id: Option<String>,
    start: usize,
}

struct LinkBuilder {
    kind: LinkKind,
    target: LinkTarget,
    span: Span,
    dest_span: Span,
    text: String,
}

struct Walker<'a> {
    text: &'a str,
    options: &'a ParseOptions,
    note: Note,
    slugger: Slugger,
    items: Vec<Item>,
    paragraph: Option<TextBlock>,
    heading: Option<HeadingBuilder>,
    /// Open links, innermost last; `None` for brackets that are code, not a link.
    links: Vec<Option<LinkBuilder>>,
    in_code_block: bool,
    image_depth: u32,
    last_heading: Option<String>,
    previous_paragraph_question: Option<String>,
    blocks: Vec<Block>,
    definition_title: Option<(String, Span)>,
}

impl<'a> Walker<'a> {
    fn new(text: &'a str, options: &'a ParseOptions) -> Self {
        Walker {
            text,
            options,
            note: Note::default(),
            slugger: Slugger::default(),
            items: Vec::new(),
            paragraph: None,
            heading: None,
            links: Vec::new(),
            in_code_block: false,
            image_depth: 0,
            last_heading: None,
            previous_paragraph_question: None,
            blocks: Vec::new(),
            definition_title: None,
        }
    }

    /// Reads the title and aliases of the note's front matter (empty when it has none).
    fn front_matter(&mut self, block: &str) {
        let (title, aliases) = title_and_aliases(block);
        self.note.title = title.map(Into::into);
        self.note.aliases = aliases.into_iter().map(Into::into).collect();
    }

    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) if !self.in_code_block => self.inline_text(&t, &range),
            Event::Code(t) => {
                self.note.code.push(Span::new(range.start, range.end));
                if let Some(block) = self.current_block() {
                    if block.at_lead_position() && block.lead.is_none() {
                        block.lead = Some(Lead {
                            text: t.to_string(),
                            span: Span::new(range.start, range.end),
                        });
                    }
                }
                self.inline_text(&t, &range);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = self.current_block() {
                    block.line_break();
                }
                if let Some(h) = &mut self.heading {
                    h.text.push(' ');
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for name in anchor_names(&html) {
                    self.note.anchors.push(Anchor {
                        name: name.into(),
                        span: Span::new(range.start, range.end),
                    });
                }
            }
            _ => {}
        }
    }

    fn inline_text(&mut self, t: &str, range: &std::ops::Range<usize>) {
        if let Some(h) = &mut self.heading {
            if self.image_depth == 0 {
                h.text.push_str(t);
            }
            return;
        }
        if let Some(Some(link)) = self.links.last_mut() {
            link.text.push_str(t);
        }
        if let Some(block) = self.current_block() {
            block.push(t, range);
            if block.lead_open {
                if let Some(lead) = &mut block.lead {
                    lead.text.push_str(t);
                }
            }
        }
    }

    /// The block that running text belongs to: the open paragraph, else the open item's own text.
    fn current_block(&mut self) -> Option<&mut TextBlock> {
        if let Some(p) = &mut self.paragraph {
            return Some(p);
        }
        match self.items.last_mut() {
            Some(item) if !item.own_closed => Some(&mut item.own),
            _ => None,
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: std::ops::Range<usize>) {
        match tag {
            Tag::Paragraph => {
                self.paragraph = Some(TextBlock {
                    extent: Some(Span::new(range.start, range.end)),
                    ..TextBlock::default()
                })
            }
            Tag::Heading { level, id, .. } => {
                self.heading = Some(HeadingBuilder {
                    level: level as u8,
                    text: String::new(),
                    custom_id: id.map(|i| i.to_string()),
                    start: range.start,
                })
            }
            Tag::CodeBlock(_) => {
                self.in_code_block = true;
                self.note.code.push(Span::new(range.start, range.end));
            }
            Tag::Item => self.items.push(Item {
                start: range.start,
                ..Item::default()
            }),
            Tag::List(_) => {
                if let Some(parent) = self.items.last_mut() {
                    parent.children_start.get_or_insert(range.start);
                    if !parent.own_closed {
                        parent.own_closed = true;
                        self.check_item_own(self.items.len() - 1);
                    }
                }
            }
            Tag::Strong => {
                if let Some(block) = self.current_block() {
                    if block.at_lead_position() && block.lead.is_none() {
                        block.lead = Some(Lead {
                            text: String::new(),
                            span: Span::new(range.start, range.end),
                        });
                        block.lead_open = true;
                    }
                }
            }
            Tag::DefinitionListTitle => self.paragraph = Some(TextBlock::default()),
            Tag::DefinitionListDefinition => {
                if let Some((term, span)) = self.definition_title.take() {
                    self.blocks.push(Block::Glossary {
                        term,
                        span,
                        answer: Span::new(range.start, range.end),
                    });
                }
            }
            Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            } => self.start_link(link_type, &dest_url, &id, range, false),
            Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            } => {
                self.image_depth += 1;
                self.start_link(link_type, &dest_url, &id, range, true)
            }
            _ => {}
        }
    }

    fn start_link(
        &mut self,
        link_type: LinkType,
        dest: &str,
        id: &str,
        range: std::ops::Range<usize>,
        image: bool,
    ) {
        let source = &self.text[range.clone()];
        let whole = Span::new(range.start, range.end);
        let (kind, target, dest_span) = match link_type {
            LinkType::WikiLink { .. } if !is_note_name(dest) => {
                self.links.push(None);
                return;
            }
            LinkType::WikiLink { .. } => {
                let inner_start = source.find("[[").map_or(0, |i| i + 2);
                let inner = &source[inner_start..];
                let inner_len = inner.find(['|', ']']).unwrap_or(inner.len());
                let span = Span::new(
                    range.start + inner_start,
                    range.start + inner_start + inner_len,
                );
                (LinkKind::Wiki, target_of_wiki(dest), span)
            }
            LinkType::Autolink | LinkType::Email => {
                (LinkKind::Inline, LinkTarget::External(dest.into()), whole)
            }
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
                let label_start = source.rfind('[').unwrap_or(0);
                let span = Span::new(range.start + label_start, range.end);
                (
                    LinkKind::Reference(id.into()),
                    target_of_destination(dest),
                    span,
                )
            }
            _ => {
                let span = inline_destination_range(source).map_or(whole, |r| {
                    Span::new(range.start + r.start, range.start + r.end)
                });
                let kind = if image {
                    LinkKind::Image
                } else {
                    LinkKind::Inline
                };
                (kind, target_of_destination(dest), span)
            }
        };
        self.links.push(Some(LinkBuilder {
            kind,
            target,
            span: whole,
            dest_span,
            text: String::new(),
        }));
    }

    fn end(&mut self, tag: TagEnd, range: std::ops::Range<usize>) {
        match tag {
            TagEnd::Paragraph => self.end_paragraph(),
            TagEnd::Heading(_) => {
                if let Some(h) = self.heading.take() {
                    let text = h.text;
                    let slug = self.slugger.anchor(&text, h.custom_id.as_deref());
                    self.last_heading = Some(text.clone());
                    self.previous_paragraph_question = None;
                    let mask = CharMask::of(&text);
                    self.note.headings.push(Heading {
                        level: h.level,
                        text: text.into(),
                        slug: slug.into(),
                        custom_id: h.custom_id.map(Into::into),
                        span: Span::new(h.start, range.end),
                        section: Span::new(h.start, self.text.len()),
                        mask,
                    });
                }
            }
            TagEnd::CodeBlock => self.in_code_block = false,
            TagEnd::Strong => {
                if let Some(block) = self.current_block() {
                    block.lead_open = false;
                }
            }
            TagEnd::DefinitionListTitle => {
                if let Some((text, span, _)) =
                    self.paragraph.take().and_then(TextBlock::into_text_block)
                {
                    self.definition_title = Some((text, span));
                }
            }
            TagEnd::Item => {
                if let Some(item) = self.items.last_mut() {
                    if !item.own_closed {
                        item.own_closed = true;
                        self.check_item_own(self.items.len() - 1);
                    }
                }
                if let Some(item) = self.items.pop() {
                    if let Some((text, own, lead)) = item.own.into_text_block() {
                        self.blocks.push(Block::Item {
                            text,
                            own,
                            lead,
                            whole: Span::new(item.start, range.end),
                            children: item.children_start.map(|start| Span::new(start, range.end)),
                        });
                    }
                }
            }
            TagEnd::Link | TagEnd::Image => {
                if matches!(tag, TagEnd::Image) {
                    self.image_depth = self.image_depth.saturating_sub(1);
                }
                if let Some(Some(l)) = self.links.pop() {
                    self.note.links.push(Link {
                        kind: l.kind,
                        target: l.target,
                        span: l.span,
                        dest_span: l.dest_span,
                        text: l.text.trim().into(),
                    });
                }
            }
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let Some(paragraph) = self.paragraph.take() else {
            return;
        };
        if let Some(item) = self.items.last_mut() {
            if !item.own_closed && item.own.lines.is_empty() {
                item.own = paragraph;
                item.own_closed = true;
                self.check_item_own(self.items.len() - 1);
                return;
            }
        }
        let fallback = self
            .previous_paragraph_question
            .clone()
            .or_else(|| self.last_heading.clone());
        self.check_block(&paragraph, fallback);
        self.previous_paragraph_question = paragraph
            .last_line()
            .filter(|l| l.ends_with('?'))
            .map(str::to_string);
        if let Some((text, span, lead)) = paragraph.into_text_block() {
            self.blocks.push(Block::Paragraph { text, span, lead });
        }
    }

    /// Looks for placeholders in the own text of item `index`; the question defaults to the
    /// parent item's text, else the heading.
    fn check_item_own(&mut self, index: usize) {
        let fallback = match index.checked_sub(1) {
            Some(parent) => Some(self.items[parent].own.joined()),
            None => self.last_heading.clone(),
        };
        let block = std::mem::take(&mut self.items[index].own);
        self.check_block(&block, fallback);
        self.items[index].own = block;
    }

    fn check_block(&mut self, block: &TextBlock, fallback: Option<String>) {
        for (i, line) in block.lines.iter().enumerate() {
            let Some(span) = line.span else { continue };
            if !self.is_placeholder(&line.text) {
                continue;
            }
            let question = block.lines[..i]
                .iter()
                .rev()
                .map(|l| l.text.trim())
                .find(|t| !t.is_empty())
                .map(str::to_string)
                .or_else(|| fallback.clone())
                .unwrap_or_default();
            self.note.placeholders.push(Placeholder {
                span,
                question: question.into(),
            });
        }
    }

    /// A line that is only a placeholder token, or `Answer: <token>`.
    fn is_placeholder(&self, line: &str) -> bool {
        let line = line.trim();
        let value = strip_answer_prefix(line).map_or(line, str::trim);
        self.options.placeholders.iter().any(|p| p == value)
    }

    fn finish(mut self) -> Note {
        let len = self.text.len();
        let headings = &mut self.note.headings;
        for i in 0..headings.len() {
            let level = headings[i].level;
            let end = headings[i + 1..]
                .iter()
                .find(|h| h.level <= level)
                .map_or(len, |h| h.span.start as usize);
            headings[i].section.end = end as u32;
        }
        if self.note.title.is_none() {
            self.note.title = headings
                .iter()
                .find(|h| h.level == 1)
                .map(|h| h.text.clone());
        }
        self.note.code.sort();
        self.note.source = Source::new(self.text);
        self.note.script = Script::of(self.text);
        self.note.definitions = definitions(&self.note, &self.blocks, &self.options.placeholders);
        let note = &mut self.note;
        for d in &mut note.definitions {
            d.mask = d.names().map(CharMask::of).fold(d.mask, CharMask::union);
        }
        let title = note.title.as_deref().map(CharMask::of).unwrap_or_default();
        let headings = note.headings.iter().map(|h| h.mask);
        let terms = note.definitions.iter().map(|d| d.mask);
        note.mask = headings.chain(terms).fold(title, CharMask::union);
        note.shrink_to_fit();
        self.note
    }
}

/// `text` with its first `len` bytes (whole lines) turned into blank lines, so that the parser
/// skips them while every later offset stays the same.
fn blank_prefix(text: &str, len: usize) -> String {
    let mut out = String::with_capacity(text.len());
    out.extend(
        text[..len]
            .bytes()
            .map(|b| if b == b'\n' { '\n' } else { ' ' }),
    );
    out.push_str(&text[len..]);
    out
}

/// Names of `<a name="x">` / `<… id="x">` anchors in an HTML fragment.
fn anchor_names(html: &str) -> Vec<String> {
    let mut names = Vec::new();
    for attr in ["name=", "id="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let preceded_by_space = rest[..i].ends_with(|c: char| c.is_whitespace());
            rest = &rest[i + attr.len()..];
            let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            let value = &rest[1..];
            if let (true, Some(end)) = (preceded_by_space, value.find(quote)) {
                names.push(value[..end].to_string());
            }
        }
    }
    names
}
