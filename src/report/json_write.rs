//! The estimate record written straight into a byte buffer: the same bytes as serde_json's
//! compact output of [`super::json::EstimateJson`] (a test holds the two equal), without building
//! that borrowed tree and with a string escaper that copies a string needing no escape in one go.
//! A batch record is about 5 KB of mostly Chinese text, and serde_json's byte-at-a-time escaping of
//! it was the largest single cost of `estimate batch`.

use super::json::{status_code, Position};
use crate::calc::context_en;
use crate::error::CaseError;
use crate::estimate::{Estimate, Note, Sink, StepBody};
use crate::i18n::{Lang, Text};
use crate::money::{push_plain_bytes, Decimal};
use crate::rules::schema::{Source, Status};
use std::borrow::Cow;

/// The bytes of one block of 64 that JSON must escape (a control character, `"` or `\\`),
/// OR-ed together: nonzero when there is one. A fixed-size block the compiler turns into vector
/// code without a scalar tail, one call and one OR across the vector for 64 bytes. Not inlined:
/// inlined into the loop over blocks, the compiler vectorised that loop across blocks instead,
/// gathering one byte from each of sixteen blocks.
#[inline(never)]
fn block_marks<const N: usize>(c: &[u8; N]) -> u8 {
    let mut acc = 0u8;
    for &b in c {
        acc |= u8::from(b < 0x20) | u8::from(b == b'"') | u8::from(b == b'\\');
    }
    acc
}

/// Eight bytes at a time, as one word: nonzero when one of them is below 0x20, `"` or `\\`.
/// Each test is the classic word-at-a-time one (`(x - 0x01…·n) & !x & 0x80…` is nonzero exactly
/// when some byte is below n, for n ≤ 128; a byte equal to c is a zero byte of `x ^ c…`): a
/// borrow can set a flag above a byte that matched, never where no byte did, so the answer is
/// exact whether or not the flag lands on the right byte. Bytes of 0x80 and above (Chinese text)
/// never match, as their high bit is masked out by `!x`.
#[inline]
fn word_marks(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |v: u64, n: u8| v.wrapping_sub(ONES * u64::from(n)) & !v & HIGHS;
    below(x, 0x20)
        | below(x ^ (ONES * u64::from(b'"')), 1)
        | below(x ^ (ONES * u64::from(b'\\')), 1)
}

/// [`block_marks`] of two blocks, OR-ed: the first and last of a string's bytes, overlapping
/// where the string is shorter than both, in one call (a string of 16 to 63 bytes, most of a
/// record's article and label text, was up to four calls of one block each).
#[inline(never)]
fn pair_marks<const N: usize>(a: &[u8; N], b: &[u8; N]) -> u8 {
    let mut acc = 0u8;
    for (&x, &y) in a.iter().zip(b) {
        acc |= u8::from(x < 0x20) | u8::from(x == b'"') | u8::from(x == b'\\');
        acc |= u8::from(y < 0x20) | u8::from(y == b'"') | u8::from(y == b'\\');
    }
    acc
}

/// True when `s` holds a byte JSON must escape. Short strings (most of a record's: ids, codes,
/// labels) are read as one or two eight-byte words, the last overlapping the first; a string of
/// 16 to 63 bytes as its first and last 16 or 32 bytes, overlapping, in one call; longer text
/// (notes, titles) 64 bytes to a call, the last 64 overlapping the blocks before them. No
/// string is scanned a byte at a time but one of three bytes or fewer, and none is copied first.
fn needs_escape(s: &[u8]) -> bool {
    let n = s.len();
    if n < 16 {
        let word = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("eight bytes"));
        let half = |b: &[u8]| u64::from(u32::from_le_bytes(b.try_into().expect("four bytes")));
        let marks = if n >= 8 {
            word_marks(word(&s[..8])) | word_marks(word(&s[n - 8..]))
        } else if n >= 4 {
            word_marks(half(&s[..4]) | half(&s[n - 4..]) << 32)
        } else {
            return s.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
        };
        return marks != 0;
    }
    if n < 32 {
        let (a, b) = (&s[..16], &s[n - 16..]);
        return pair_marks::<16>(a.try_into().expect("16"), b.try_into().expect("16")) != 0;
    }
    if n < 64 {
        let (a, b) = (&s[..32], &s[n - 32..]);
        return pair_marks::<32>(a.try_into().expect("32"), b.try_into().expect("32")) != 0;
    }
    let mut acc = 0u8;
    let mut wide = s.chunks_exact(64);
    for c in &mut wide {
        acc |= block_marks::<64>(c.try_into().expect("64"));
    }
    if !wide.remainder().is_empty() {
        // the last 64 bytes of the string, overlapping the blocks before them
        acc |= block_marks::<64>(s[n - 64..].try_into().expect("64"));
    }
    acc != 0
}

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes it.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    escaped(out, s);
    out.push(b'"');
}

/// Appends the inside of [`string`]: `s` escaped, without the quotes. Most strings need no
/// escape and are copied as they are; the rest are escaped out of line, so that the common
/// path does not save and restore the registers the escaping loop uses.
fn escaped(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if !needs_escape(bytes) {
        out.extend_from_slice(bytes);
    } else {
        escape_each(out, bytes);
    }
}

/// [`escaped`] for a string that has a byte to escape: byte by byte.
#[cold]
#[inline(never)]
fn escape_each(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0c => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1f => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xf) as usize],
            ],
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(esc);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// How many strings [`KnownPlain`] remembers, at most (two that share a slot take turns): on
/// the benchmark's 5,000 cases, 256 slots missed one string in five, 1,024 one in ten, and
/// 4,096 cost more to clear than they saved.
const SLOTS: usize = 1024;

/// Strings of the rule base found to hold nothing JSON escapes, remembered by address and
/// length so that the next record copies them without scanning them again: most of a record's
/// text is the rule base's (notes, articles, labels), and the same few hundred strings recur
/// in every record of a batch.
///
/// It holds only text borrowed for `'r`, the lifetime of the estimates it is used with (the
/// rule base's), and it cannot outlive `'r`: for as long as it exists, the text at a
/// remembered address is alive and, being borrowed, unchanged. Invariant in `'r`, so that it
/// cannot be handed text borrowed for less. Text the estimate owns (a `Cow::Owned` sentence,
/// whose address a later record may reuse for other text) is never remembered.
pub struct KnownPlain<'r> {
    /// `SLOTS` of (address, length), or none for a writer that remembers nothing
    slots: Option<Box<[(usize, usize); SLOTS]>>,
    _r: std::marker::PhantomData<fn(&'r str) -> &'r str>,
}

impl<'r> KnownPlain<'r> {
    /// One that remembers, for the records of a batch.
    pub fn for_batch() -> Self {
        KnownPlain {
            slots: Some(Box::new([(0, 0); SLOTS])),
            _r: std::marker::PhantomData,
        }
    }

    /// One that remembers nothing, for a single record: no memory to clear for it. (Neither is
    /// `Default`: which of the two a writer wants is its choice to make.)
    pub fn for_one() -> Self {
        KnownPlain {
            slots: None,
            _r: std::marker::PhantomData,
        }
    }

    /// The slot of `s`: its address's bits above the allocator's alignment, and its length.
    fn slot(s: &str) -> usize {
        let a = s.as_ptr() as usize;
        ((a >> 4) ^ (a >> 12) ^ s.len()) % SLOTS
    }

    /// Appends the inside of `s`, escaped: copied as it is when it is remembered as needing no
    /// escape, else scanned (and remembered when it needs none).
    fn escaped(&mut self, out: &mut Vec<u8>, s: &'r str) {
        let key = (s.as_ptr() as usize, s.len());
        let Some(slots) = &mut self.slots else {
            return escaped(out, s);
        };
        let slot = &mut slots[Self::slot(s)];
        if *slot == key {
            out.extend_from_slice(s.as_bytes());
        } else if needs_escape(s.as_bytes()) {
            escape_each(out, s.as_bytes());
        } else {
            *slot = key;
            out.extend_from_slice(s.as_bytes());
        }
    }

    /// [`KnownPlain::escaped`] of a string the estimate may own: only borrowed text is
    /// remembered.
    // the `Cow` itself, not its text: its variant is what tells borrowed text from owned
    #[allow(clippy::ptr_arg)]
    fn cow(&mut self, out: &mut Vec<u8>, s: &Cow<'r, str>) {
        match s {
            Cow::Borrowed(b) => self.escaped(out, b),
            Cow::Owned(o) => escaped(out, o),
        }
    }

    /// [`KnownPlain::cow`] of a text in `lang`.
    fn text(&mut self, out: &mut Vec<u8>, t: &Text<'r>, lang: Lang) {
        self.cow(
            out,
            match lang {
                Lang::Zh => &t.zh,
                Lang::En => &t.en,
            },
        );
    }

    /// [`KnownPlain::escaped`] in quotes: a JSON string.
    fn string(&mut self, out: &mut Vec<u8>, s: &'r str) {
        out.push(b'"');
        self.escaped(out, s);
        out.push(b'"');
    }

    /// [`KnownPlain::cow`] in quotes.
    #[allow(clippy::ptr_arg)]
    fn cow_string(&mut self, out: &mut Vec<u8>, s: &Cow<'r, str>) {
        out.push(b'"');
        self.cow(out, s);
        out.push(b'"');
    }

    /// [`KnownPlain::text`] in quotes.
    fn text_string(&mut self, out: &mut Vec<u8>, t: &Text<'r>, lang: Lang) {
        out.push(b'"');
        self.text(out, t, lang);
        out.push(b'"');
    }
}

/// A step's sentences written as the inside of a JSON string: the tool's own text copied as it
/// is (it holds nothing to escape), the rule base's escaped, the figures' digits written
/// straight into the buffer.
struct JsonText<'a>(&'a mut Vec<u8>);

impl Sink for JsonText<'_> {
    fn fixed(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }

    fn text(&mut self, s: &str) {
        escaped(self.0, s);
    }

    fn number(&mut self, d: Decimal) {
        push_plain_bytes(self.0, d);
    }

    fn whole(&mut self, n: i64) {
        self.0
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }
}

/// Appends a string the program itself holds (a code such as `death`, or the disclaimer) without
/// the escape check: none holds a byte JSON escapes, which a test checks for each of them.
fn known(out: &mut Vec<u8>, s: &'static str) {
    debug_assert!(!needs_escape(s.as_bytes()), "{s:?}");
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

fn opt_string(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A decimal as an exact JSON number, as `Num` serialises it: its plain digits.
fn number(out: &mut Vec<u8>, d: Decimal) {
    push_plain_bytes(out, d);
}

fn opt_number(out: &mut Vec<u8>, d: Option<Decimal>) {
    match d {
        Some(d) => number(out, d),
        None => out.extend_from_slice(b"null"),
    }
}

fn unsigned(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn boolean(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

/// A citation object up to its article's value: `{"source":…,"article":`. Its source's part,
/// the same for every case citing that source, is rendered once when the rules load
/// ([`SourceJson`]); this writes it for a citation that has none.
#[allow(clippy::too_many_arguments)]
fn citation_head(
    out: &mut Vec<u8>,
    source: &str,
    document: &str,
    document_zh: &str,
    issuer: &str,
    number: Option<&str>,
    date: Option<&str>,
) {
    out.extend_from_slice(b"{\"source\":");
    string(out, source);
    out.extend_from_slice(b",\"document\":");
    string(out, document);
    out.extend_from_slice(b",\"document_zh\":");
    string(out, document_zh);
    out.extend_from_slice(b",\"issuer\":");
    string(out, issuer);
    out.extend_from_slice(b",\"number\":");
    opt_string(out, number);
    out.extend_from_slice(b",\"date\":");
    opt_string(out, date);
    out.extend_from_slice(b",\"article\":");
}

/// A citation object after its article's value: `,"status":…}`.
fn citation_tail(out: &mut Vec<u8>, status: Status, note: &str, superseded_by: Option<&str>) {
    out.extend_from_slice(b",\"status\":");
    string(out, status_code(status));
    out.extend_from_slice(b",\"status_note\":");
    string(out, note);
    out.extend_from_slice(b",\"superseded_by\":");
    opt_string(out, superseded_by);
    out.push(b'}');
}

/// The same text, not merely equal text: the same bytes of the rule base. Text borrowed from a
/// source or level is the same as its own fields; text changed after the estimate was made is
/// not, and is then written field by field. Two comparisons, where comparing the text would read
/// it all.
fn same(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b)
}

fn same_opt(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Whether a citation's fields before its article are still its source's, whose JSON was
/// rendered when the rules loaded.
fn head_is_sources(c: &crate::estimate::Citation, s: &Source) -> bool {
    same(c.source, &s.id)
        && same(c.document, &s.title)
        && same(c.document_en, &s.title_en)
        && same(c.issuer, &s.issuer)
        && same_opt(c.number, s.number.as_deref())
        && same_opt(c.date, s.date.as_deref())
}

/// Whether a citation's fields after its article are still its source's (a rule may give its own
/// status and status note).
fn tail_is_sources(c: &crate::estimate::Citation, s: &Source) -> bool {
    c.status == s.status
        && same(&c.status_note.zh, &s.status_note_zh)
        && same(&c.status_note.en, &s.status_note_en)
        && same_opt(c.superseded_by, s.superseded_by.as_deref())
}

/// Whether a model factor's fields up to `known` are still its factor's and level's.
fn factor_is_levels(
    f: &crate::estimate::FactorOut,
    fa: &crate::rules::schema::Factor,
    lv: &crate::rules::schema::Level,
) -> bool {
    same(f.id, &fa.id)
        && same(&f.label.zh, &fa.label_zh)
        && same(&f.label.en, &fa.label_en)
        && same(f.level, &lv.name)
        && same(&f.level_label.zh, &lv.label_zh)
        && same(&f.level_label.en, &lv.label_en)
        && f.score == lv.score
        && f.weight == fa.weight
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Zh => 0,
        Lang::En => 1,
    }
}

/// A source's part of every citation of it, as JSON bytes in each language (Chinese, English):
/// `head` up to the article, `tail` after it. Rendered once when the rules load, since a batch
/// record's citations are about half its bytes and every case citing a source repeats them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceJson {
    pub(crate) head: [Vec<u8>; 2],
    pub(crate) tail: [Vec<u8>; 2],
}

impl SourceJson {
    pub(crate) fn of(s: &Source) -> SourceJson {
        let mut j = SourceJson::default();
        for lang in [Lang::Zh, Lang::En] {
            let l = lang_index(lang);
            citation_head(
                &mut j.head[l],
                &s.id,
                if lang == Lang::Zh {
                    &s.title
                } else {
                    &s.title_en
                },
                &s.title,
                &s.issuer,
                s.number.as_deref(),
                s.date.as_deref(),
            );
            let note = if lang == Lang::Zh {
                &s.status_note_zh
            } else {
                &s.status_note_en
            };
            citation_tail(&mut j.tail[l], s.status, note, s.superseded_by.as_deref());
        }
        j
    }
}

/// A model factor's object up to its `known` value: all of it that depends only on the factor
/// and its level, rendered once per level when the rules load ([`factor_json`]).
fn factor_head(
    out: &mut Vec<u8>,
    id: &str,
    label: &str,
    level: &str,
    level_label: &str,
    score: Decimal,
    weight: Decimal,
) {
    out.extend_from_slice(b"{\"factor\":");
    string(out, id);
    out.extend_from_slice(b",\"label\":");
    string(out, label);
    out.extend_from_slice(b",\"level\":");
    string(out, level);
    out.extend_from_slice(b",\"level_label\":");
    string(out, level_label);
    out.extend_from_slice(b",\"score\":");
    number(out, score);
    out.extend_from_slice(b",\"weight\":");
    number(out, weight);
    out.extend_from_slice(b",\"known\":");
}

/// [`factor_head`] of a factor at one of its levels, in each language (Chinese, English).
pub(crate) fn factor_json(
    id: &str,
    label: [&str; 2],
    weight: Decimal,
    level: &crate::rules::schema::Level,
) -> [Vec<u8>; 2] {
    let mut j: [Vec<u8>; 2] = Default::default();
    for (l, (label, level_label)) in label
        .into_iter()
        .zip([&level.label_zh, &level.label_en])
        .enumerate()
    {
        factor_head(
            &mut j[l],
            id,
            label,
            &level.name,
            level_label,
            level.score,
            weight,
        );
    }
    j
}

/// A record's place in the batch, after its id: `,"index":…[,"file":…],"line":…`.
fn position(out: &mut Vec<u8>, p: Position) {
    out.extend_from_slice(b",\"index\":");
    unsigned(out, p.index);
    if let Some(f) = p.file {
        out.extend_from_slice(b",\"file\":");
        string(out, f);
    }
    out.extend_from_slice(b",\"line\":");
    unsigned(out, p.line);
}

/// Appends one estimate record, compact, with its batch position after the id when given.
/// `plain` remembers the rule base's strings that need no escape, from one record to the next.
pub(crate) fn estimate<'r>(
    out: &mut Vec<u8>,
    e: &Estimate<'r>,
    lang: Lang,
    pos: Option<Position>,
    plain: &mut KnownPlain<'r>,
) {
    out.extend_from_slice(b"{\"id\":");
    opt_string(out, e.id.as_deref());
    if let Some(p) = pos {
        position(out, p);
    }
    out.extend_from_slice(b",\"jurisdiction\":");
    plain.string(out, e.jurisdiction);
    out.extend_from_slice(b",\"jurisdiction_name\":");
    plain.text_string(out, &e.jurisdiction_name, lang);
    out.extend_from_slice(b",\"harm\":");
    known(out, e.harm.code());
    out.extend_from_slice(b",\"context\":");
    known(out, context_en(e.context));
    out.extend_from_slice(b",\"date\":\"");
    e.date.push_iso(out);
    out.extend_from_slice(b"\",\"amount\":{\"low\":");
    number(out, e.amount.low);
    out.extend_from_slice(b",\"point\":");
    number(out, e.amount.point);
    out.extend_from_slice(b",\"high\":");
    opt_number(out, e.amount.high);
    out.extend_from_slice(b"},\"band\":{\"floor\":");
    number(out, e.band.floor);
    out.extend_from_slice(b",\"cap\":");
    opt_number(out, e.band.cap);
    out.extend_from_slice(b"},\"basis\":");
    known(out, e.basis.code());
    out.extend_from_slice(b",\"rule\":");
    plain.cow_string(out, &e.rule);
    out.extend_from_slice(b",\"tier\":");
    match &e.tier {
        None => out.extend_from_slice(b"null"),
        Some(x) => {
            out.extend_from_slice(b"{\"name\":");
            plain.string(out, x.name);
            out.extend_from_slice(b",\"label\":");
            plain.text_string(out, &x.label, lang);
            out.extend_from_slice(b",\"derived\":");
            boolean(out, x.derived);
            out.extend_from_slice(b",\"offered\":[");
            for (i, (name, label)) in x.offered.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(b"{\"name\":");
                plain.string(out, name);
                out.extend_from_slice(b",\"label\":");
                plain.text_string(out, label, lang);
                out.push(b'}');
            }
            out.extend_from_slice(b"]}");
        }
    }
    out.extend_from_slice(b",\"steps\":[");
    for (i, s) in e.steps.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"rule\":");
        plain.cow_string(out, &s.rule);
        out.extend_from_slice(b",\"label\":\"");
        match &s.body {
            StepBody::Written { label, .. } => plain.text(out, label, lang),
            _ => s.write_label(lang, &mut JsonText(out)),
        }
        out.extend_from_slice(b"\",\"text\":\"");
        s.write_text(&mut JsonText(out));
        out.push(b'"');
        out.extend_from_slice(b",\"amount\":");
        opt_number(out, s.amount);
        out.extend_from_slice(b",\"citation\":");
        plain.text_string(out, &s.citation, lang);
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"citations\":[");
    for (i, c) in e.citations.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let l = lang_index(lang);
        match c.from.0.filter(|s| head_is_sources(c, s)) {
            Some(s) => out.extend_from_slice(&s.json.head[l]),
            None => citation_head(
                out,
                c.source,
                if lang == Lang::Zh {
                    c.document
                } else {
                    c.document_en
                },
                c.document,
                c.issuer,
                c.number,
                c.date,
            ),
        }
        plain.string(out, c.article);
        match c.from.0.filter(|s| tail_is_sources(c, s)) {
            Some(s) => out.extend_from_slice(&s.json.tail[l]),
            None => citation_tail(out, c.status, c.status_note.get(lang), c.superseded_by),
        }
    }
    out.extend_from_slice(b"],\"notes\":[");
    for (i, note) in e.notes.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'"');
        match note {
            Note::Written(t) => plain.text(out, t, lang),
            _ => note.write(lang, &mut JsonText(out)),
        }
        out.push(b'"');
    }
    out.extend_from_slice(b"],\"model\":");
    match &e.model {
        None => out.extend_from_slice(b"null"),
        Some(m) => {
            out.extend_from_slice(b"{\"label\":");
            plain.text_string(out, &m.label, lang);
            out.extend_from_slice(b",\"score\":");
            number(out, m.score);
            out.extend_from_slice(b",\"width\":");
            number(out, m.width);
            out.extend_from_slice(b",\"top_factor\":");
            opt_string(out, m.top_factor);
            out.extend_from_slice(b",\"factors\":[");
            for (i, f) in m.factors.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                match f.from.0.filter(|(fa, lv)| factor_is_levels(f, fa, lv)) {
                    Some((_, lv)) => out.extend_from_slice(&lv.json[lang_index(lang)]),
                    None => factor_head(
                        out,
                        f.id,
                        f.label.get(lang),
                        f.level,
                        f.level_label.get(lang),
                        f.score,
                        f.weight,
                    ),
                }
                boolean(out, f.known);
                out.extend_from_slice(b",\"derived_from\":");
                opt_string(out, f.derived_from.as_deref());
                out.push(b'}');
            }
            out.extend_from_slice(b"]}");
        }
    }
    if let Some(c) = &e.criminal {
        out.extend_from_slice(b",\"criminal\":{\"tier\":");
        plain.cow_string(out, &c.tier);
        out.extend_from_slice(b",\"label\":");
        plain.text_string(out, &c.label, lang);
        out.extend_from_slice(b",\"sentence\":");
        match &c.sentence {
            Some(t) => plain.text_string(out, t, lang),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"citation\":");
        plain.text_string(out, &c.citation, lang);
        out.extend_from_slice(b",\"reasons\":[");
        for (i, r) in c.reasons.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            plain.text_string(out, r, lang);
        }
        out.extend_from_slice(b"]}");
    }
    out.extend_from_slice(b",\"disclaimer\":");
    known(out, super::disclaimer(lang));
    out.push(b'}');
}

/// Appends one error record, compact, as serde_json writes [`super::json::error`]: `{"id",
/// "index", "file", "line", "error": {"field", "value", "message"}}`, without building that
/// value (a map of its own for each record, and one for its error).
pub(crate) fn error(out: &mut Vec<u8>, id: Option<&str>, pos: Position, e: &CaseError, lang: Lang) {
    out.extend_from_slice(b"{\"id\":");
    opt_string(out, id);
    position(out, pos);
    out.extend_from_slice(b",\"error\":{\"field\":");
    string(out, &e.field);
    out.extend_from_slice(b",\"value\":");
    string(out, &e.value);
    out.extend_from_slice(b",\"message\":");
    string(out, &e.message(lang));
    out.extend_from_slice(b"}}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde(s: &str) -> Vec<u8> {
        serde_json::to_vec(s).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all = String::new();
        for b in 0u8..0x80 {
            all.push(b as char);
        }
        for s in [
            "",
            "plain ascii",
            "四川省高级人民法院《关于审理人身损害赔偿案件若干问题的会议纪要》",
            "quote \" and backslash \\ and tab \t",
            "\u{7f}\u{80}\u{2028}\u{1f600}",
            &all,
            &"长".repeat(100),
            &format!("{}\"", "x".repeat(63)),
        ] {
            let mut out = Vec::new();
            string(&mut out, s);
            assert_eq!(out, serde(s), "{s:?}");
        }
    }

    #[test]
    fn the_escape_scan_finds_every_byte_that_needs_escaping_at_every_offset() {
        for b in 0u8..=255 {
            let needs = b < 0x20 || b == b'"' || b == b'\\';
            // every length through four wide blocks and a remainder of each kind after them
            for len in (1..=50).chain([63, 64, 65, 79, 80, 81, 127, 128, 129, 150]) {
                for at in 0..len {
                    // around the byte: ASCII and the bytes of Chinese text, which the scan
                    // must not mistake for a byte below 0x20
                    let mut s: Vec<u8> = "长a".bytes().cycle().take(len).collect();
                    s[at] = b;
                    assert_eq!(needs_escape(&s), needs, "byte {b:#x} at {at} of {len}");
                }
            }
        }
        assert!(!needs_escape("四川省高级人民法院".as_bytes()));
        assert!(!needs_escape(b""));
        // any mix of bytes: against the byte-at-a-time rule, on strings of 0 to 199 bytes (short,
        // whole blocks, blocks with an overlapping last one, wide blocks and every remainder
        // after them) from a fixed xorshift sequence
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut s = Vec::new();
        for i in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.extend_from_slice(&x.to_le_bytes());
            // a string made of enough words, then cut to length
            while s.len() < 200 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.extend_from_slice(&x.to_le_bytes());
            }
            s.truncate(i % 200);
            let naive = s.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
            assert_eq!(needs_escape(&s), naive, "{s:?}");
        }
    }

    #[test]
    fn the_strings_written_without_the_escape_check_need_none() {
        use crate::estimate::Basis;
        let bases = [
            Basis::Local,
            Basis::LocalCivil,
            Basis::National,
            Basis::CrossProvince,
            Basis::Refusal,
        ];
        // (a new variant must join the list above: this match does not compile without it)
        for b in bases {
            match b {
                Basis::Local
                | Basis::LocalCivil
                | Basis::National
                | Basis::CrossProvince
                | Basis::Refusal => {}
            }
        }
        let all = crate::case::HARM_VALUES
            .iter()
            .map(|h| h.code())
            .chain(crate::case::CONTEXT_VALUES.iter().map(|&c| context_en(c)))
            .chain(bases.iter().map(|b| b.code()))
            .chain([Lang::Zh, Lang::En].map(super::super::disclaimer));
        for s in all {
            let mut out = Vec::new();
            known(&mut out, s);
            assert_eq!(out, serde(s), "{s:?}");
        }
    }

    #[test]
    fn a_step_written_from_its_figures_is_escaped_as_its_text_would_be() {
        use crate::estimate::{ProvinceFigures, Step, StepBody};
        use crate::i18n::Text;
        // a name from the rule base with what JSON escapes in it; the tool's own text has none
        let s = Step {
            rule: "r".into(),
            body: StepBody::Province(ProvinceFigures {
                name_zh: "省\"名\\",
                name_en: "a \"b\" \t",
                low: Decimal::from(1000),
                point: Decimal::from(2000),
                high: None,
                floor: Decimal::from(1000),
                cap: None,
                band_text: None,
                names_plain: false,
            }),
            amount: None,
            citation: Text::same(""),
        };
        for lang in [Lang::Zh, Lang::En] {
            let mut out = vec![b'"'];
            s.write_label(lang, &mut JsonText(&mut out));
            out.push(b'"');
            assert_eq!(out, serde(&s.label(lang)), "{lang:?}");
        }
        let mut out = vec![b'"'];
        s.write_text(&mut JsonText(&mut out));
        out.push(b'"');
        assert_eq!(out, serde(&s.text()));
    }

    #[test]
    fn a_note_written_from_its_error_is_escaped_as_its_text_would_be() {
        use crate::error::CaseError;
        use crate::estimate::Note;
        use crate::i18n::Text;
        // the field's name and the reason hold what JSON escapes
        let n = Note::LeftOut {
            rule: "r\"1",
            error: Box::new(CaseError::missing(
                "a\\b",
                Text::new("原因\"\n", "why \"\t"),
            )),
        };
        for lang in [Lang::Zh, Lang::En] {
            let mut out = vec![b'"'];
            n.write(lang, &mut JsonText(&mut out));
            out.push(b'"');
            assert_eq!(out, serde(&n.get(lang)), "{lang:?}");
        }
    }

    #[test]
    fn only_borrowed_text_that_needs_no_escape_is_remembered() {
        let mut k = KnownPlain::for_batch();
        let remembered = |k: &KnownPlain, s: &str| {
            k.slots.as_ref().unwrap()[KnownPlain::slot(s)] == (s.as_ptr() as usize, s.len())
        };
        let (plain, quoted) = ("第一千一百八十三条", "a \"b\"");
        let owned = Cow::Owned(String::from("owned"));
        let mut out = Vec::new();
        for _ in 0..2 {
            k.escaped(&mut out, plain);
            k.escaped(&mut out, quoted);
            k.cow(&mut out, &owned);
        }
        assert!(remembered(&k, plain));
        assert!(!remembered(&k, quoted));
        assert!(!remembered(&k, &owned));
        let once = "第一千一百八十三条a \\\"b\\\"owned";
        assert_eq!(String::from_utf8(out).unwrap(), once.repeat(2));
    }

    #[test]
    fn numbers_are_their_plain_digits() {
        use std::str::FromStr;
        for (d, text) in [
            ("0", "0"),
            ("-0.00", "0"),
            ("20000.00", "20000"),
            ("39367.50", "39367.5"),
            ("-1.25", "-1.25"),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
        ] {
            let mut out = Vec::new();
            number(&mut out, Decimal::from_str(d).unwrap());
            assert_eq!(String::from_utf8(out).unwrap(), text);
        }
        let mut out = Vec::new();
        unsigned(&mut out, 0);
        unsigned(&mut out, 1_000_007);
        assert_eq!(out, b"01000007");
    }
}
