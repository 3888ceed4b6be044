//! The JSON contract (DESIGN.md §4): one estimate as one object, one error as one object.
//! Amounts are exact JSON numbers of yuan; `high` / `cap` are null when uncapped.
//! Keys are stable: scripts depend on them.

pub use super::json_write::KnownPlain;
use crate::calc::context_en;
use crate::error::CaseError;
use crate::estimate::{Estimate, Step};
use crate::i18n::{Lang, Text};
use crate::money::Decimal;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::str::FromStr;

/// The status code as it appears in JSON: `in-force`, `superseded`, …
pub fn status_code(s: crate::rules::schema::Status) -> &'static str {
    use crate::rules::schema::Status::*;
    match s {
        InForce => "in-force",
        Superseded => "superseded",
        Historical => "historical",
        Unknown => "unknown",
        Practice => "practice",
    }
}

/// The status as words.
pub fn status_label(s: crate::rules::schema::Status, lang: Lang) -> &'static str {
    use crate::rules::schema::Status::*;
    match (s, lang) {
        (InForce, Lang::Zh) => "现行有效",
        (Superseded, Lang::Zh) => "已被取代",
        (Historical, Lang::Zh) => "历史性规定（所依据的概念已为现行法律所摒弃）",
        (Unknown, Lang::Zh) => "效力不明",
        (Practice, Lang::Zh) => "实务参考（无发布文件）",
        (InForce, Lang::En) => "in force",
        (Superseded, Lang::En) => "superseded",
        (Historical, Lang::En) => "historical (rests on a concept the law has dropped)",
        (Unknown, Lang::En) => "unknown",
        (Practice, Lang::En) => "practice reference (no issuing document)",
    }
}

/// The harm's JSON name.
pub fn harm_code(h: crate::case::Harm) -> &'static str {
    h.code()
}

/// A decimal as an exact JSON number: integers as integers, others from their decimal text.
#[derive(Debug, Clone, Copy)]
struct Num(Decimal);

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0.normalize();
        if d.scale() == 0 {
            if let Ok(i) = i64::try_from(d) {
                return s.serialize_i64(i);
            }
        }
        let text = crate::money::plain(d);
        match serde_json::Number::from_str(&text) {
            Ok(n) => n.serialize(s),
            Err(_) => s.serialize_str(&text),
        }
    }
}

#[derive(Serialize)]
struct AmountOut {
    low: Num,
    point: Num,
    high: Option<Num>,
}

#[derive(Serialize)]
struct BandJson {
    floor: Num,
    cap: Option<Num>,
}

#[derive(Serialize)]
struct NamedLabel<'a> {
    name: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct TierJson<'a> {
    name: &'a str,
    label: &'a str,
    derived: bool,
    offered: Vec<NamedLabel<'a>>,
}

#[derive(Serialize)]
struct StepJson<'a> {
    rule: &'a str,
    label: Cow<'a, str>,
    text: Cow<'a, str>,
    amount: Option<Num>,
    citation: &'a str,
}

#[derive(Serialize)]
struct CitationJson<'a> {
    source: &'a str,
    document: &'a str,
    document_zh: &'a str,
    issuer: &'a str,
    number: Option<&'a str>,
    date: Option<&'a str>,
    article: &'a str,
    status: &'static str,
    status_note: &'a str,
    superseded_by: Option<&'a str>,
}

#[derive(Serialize)]
struct FactorJson<'a> {
    factor: &'a str,
    label: &'a str,
    level: &'a str,
    level_label: &'a str,
    score: Num,
    weight: Num,
    known: bool,
    derived_from: Option<&'a str>,
}

#[derive(Serialize)]
struct ModelJson<'a> {
    label: &'a str,
    score: Num,
    width: Num,
    top_factor: Option<&'a str>,
    factors: Vec<FactorJson<'a>>,
}

#[derive(Serialize)]
struct CriminalJson<'a> {
    tier: &'a str,
    label: &'a str,
    sentence: Option<&'a str>,
    citation: &'a str,
    reasons: Vec<&'a str>,
}

/// The JSON contract of one estimate, borrowing from it: serialised straight to the output
/// with no intermediate `Value` tree.
#[derive(Serialize)]
pub struct EstimateJson<'a> {
    id: Option<&'a str>,
    /// in batch: the 1-based position in its input, the file, and the line the record starts on
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    jurisdiction: &'a str,
    jurisdiction_name: &'a str,
    harm: crate::case::Harm,
    context: &'static str,
    date: String,
    amount: AmountOut,
    band: BandJson,
    basis: &'static str,
    rule: &'a str,
    tier: Option<TierJson<'a>>,
    steps: Vec<StepJson<'a>>,
    citations: Vec<CitationJson<'a>>,
    notes: Vec<Cow<'a, str>>,
    model: Option<ModelJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    criminal: Option<CriminalJson<'a>>,
    disclaimer: &'static str,
}

impl<'a> EstimateJson<'a> {
    pub fn new(e: &'a Estimate, lang: Lang) -> EstimateJson<'a> {
        let t = |x: &'a Text| x.get(lang);
        EstimateJson {
            id: e.id.as_deref(),
            index: None,
            file: None,
            line: None,
            jurisdiction: e.jurisdiction,
            jurisdiction_name: t(&e.jurisdiction_name),
            harm: e.harm,
            context: context_en(e.context),
            date: e.date.to_string(),
            amount: AmountOut {
                low: Num(e.amount.low),
                point: Num(e.amount.point),
                high: e.amount.high.map(Num),
            },
            band: BandJson {
                floor: Num(e.band.floor),
                cap: e.band.cap.map(Num),
            },
            basis: e.basis.code(),
            rule: &e.rule,
            tier: e.tier.as_ref().map(|x| TierJson {
                name: x.name,
                label: t(&x.label),
                derived: x.derived,
                offered: x
                    .offered
                    .iter()
                    .map(|(n, l)| NamedLabel {
                        name: n,
                        label: t(l),
                    })
                    .collect(),
            }),
            steps: e.steps.iter().map(|s| step(s, lang)).collect(),
            citations: e
                .citations
                .iter()
                .map(|c| CitationJson {
                    source: c.source,
                    document: if lang == Lang::Zh {
                        c.document
                    } else {
                        c.document_en
                    },
                    document_zh: c.document,
                    issuer: c.issuer,
                    number: c.number,
                    date: c.date,
                    article: c.article,
                    status: status_code(c.status),
                    status_note: t(&c.status_note),
                    superseded_by: c.superseded_by,
                })
                .collect(),
            notes: e.notes.iter().map(|n| n.get(lang)).collect(),
            model: e.model.as_ref().map(|m| ModelJson {
                label: t(&m.label),
                score: Num(m.score),
                width: Num(m.width),
                top_factor: m.top_factor,
                factors: m
                    .factors
                    .iter()
                    .map(|f| FactorJson {
                        factor: f.id,
                        label: t(&f.label),
                        level: f.level,
                        level_label: t(&f.level_label),
                        score: Num(f.score),
                        weight: Num(f.weight),
                        known: f.known,
                        derived_from: f.derived_from.as_deref(),
                    })
                    .collect(),
            }),
            criminal: e.criminal.as_ref().map(|c| CriminalJson {
                tier: &c.tier,
                label: t(&c.label),
                sentence: c.sentence.as_ref().map(t),
                citation: t(&c.citation),
                reasons: c.reasons.iter().map(t).collect(),
            }),
            disclaimer: super::disclaimer(lang),
        }
    }
}

fn step<'a>(s: &'a Step<'_>, lang: Lang) -> StepJson<'a> {
    StepJson {
        rule: &s.rule,
        label: s.label(lang),
        text: s.text(),
        amount: s.amount.map(Num),
        citation: s.citation.get(lang),
    }
}

/// One estimate as a JSON value (for pretty printing or adding keys).
pub fn estimate(e: &Estimate, lang: Lang) -> Value {
    serde_json::to_value(EstimateJson::new(e, lang)).unwrap_or(Value::Null)
}

/// Where a batch record came from: its 1-based index in its input, the file (when the input is
/// a file), and the line it starts on.
#[derive(Debug, Clone, Copy)]
pub struct Position<'a> {
    pub index: usize,
    pub file: Option<&'a str>,
    pub line: usize,
}

/// Appends one estimate as compact JSON, with where it came from after its id: the same bytes
/// as serde_json writes for [`EstimateJson`], written directly (see `json_write`).
pub fn write_estimate_at(out: &mut Vec<u8>, e: &Estimate, lang: Lang, pos: Position) {
    super::json_write::estimate(out, e, lang, Some(pos), &mut KnownPlain::for_one());
}

/// [`write_estimate_at`] for one of many records made from the same rules: `known` remembers
/// the rules' strings that need no escape from one record to the next (a batch keeps one).
pub fn write_estimate_known<'r>(
    out: &mut Vec<u8>,
    e: &Estimate<'r>,
    lang: Lang,
    pos: Position,
    known: &mut KnownPlain<'r>,
) {
    super::json_write::estimate(out, e, lang, Some(pos), known);
}

/// An error record: `{"id", "index", "file", "line", "error": {"field", "value", "message"}}`,
/// where it came from in the same order as an estimate record gives it.
pub fn error(id: Option<&str>, pos: Option<Position>, e: &CaseError, lang: Lang) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), id.map_or(Value::Null, |s| json!(s)));
    if let Some(p) = pos {
        m.insert("index".into(), json!(p.index));
        if let Some(f) = p.file {
            m.insert("file".into(), json!(f));
        }
        m.insert("line".into(), json!(p.line));
    }
    m.insert(
        "error".into(),
        json!({"field": e.field, "value": e.value, "message": e.message(lang)}),
    );
    Value::Object(m)
}

/// [`error`] as serde_json writes it, compact, at a batch position: the same bytes, written
/// directly.
pub fn write_error_at(
    out: &mut Vec<u8>,
    id: Option<&str>,
    pos: Position,
    e: &CaseError,
    lang: Lang,
) {
    super::json_write::error(out, id, pos, e, lang);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Case, Date, RuleBase};

    /// The direct writer and serde_json write the same bytes for every estimate the examples give,
    /// in both languages, with and without a file.
    #[test]
    fn the_direct_writer_matches_serde_json_on_every_example() {
        let rb = RuleBase::embedded().unwrap();
        let mut n = 0;
        for e in example_estimates(&rb) {
            for lang in [Lang::Zh, Lang::En] {
                for file in [None, Some("dir/案件 \"1\".json")] {
                    let pos = Position {
                        index: 3,
                        file,
                        line: 41,
                    };
                    let mut fast = Vec::new();
                    write_estimate_at(&mut fast, &e, lang, pos);
                    assert_eq!(String::from_utf8(fast).unwrap(), expected(&e, lang, pos));
                }
            }
            n += 1;
        }
        assert!(n >= 40, "only {n} examples estimated");
    }

    /// The estimates of examples/batch.jsonl's cases that have one.
    fn example_estimates(rb: &RuleBase) -> impl Iterator<Item = Estimate<'_>> {
        let today = Date::parse("2026-11-23").unwrap();
        include_str!("../../examples/batch.jsonl")
            .lines()
            .filter_map(move |line| {
                let v = serde_json::from_str::<Value>(line).ok()?;
                let case = Case::from_json(&v).ok()?;
                crate::calc::estimate(rb, &case, today).ok()
            })
    }

    /// serde_json's bytes of `e` at `pos`, what the direct writer must write.
    fn expected(e: &Estimate, lang: Lang, pos: Position) -> String {
        let mut j = EstimateJson::new(e, lang);
        j.index = Some(pos.index);
        j.file = pos.file;
        j.line = Some(pos.line);
        serde_json::to_string(&j).unwrap()
    }

    const POS: Position = Position {
        index: 1,
        file: None,
        line: 1,
    };

    /// With one [`KnownPlain`] for all the examples, as a batch worker keeps one, every string it
    /// remembers from one record is copied into the next as it is: still serde_json's bytes.
    #[test]
    fn the_direct_writer_remembering_plain_strings_matches_serde_json() {
        let rb = RuleBase::embedded().unwrap();
        let mut plain = KnownPlain::for_batch();
        let mut n = 0;
        for _ in 0..2 {
            for e in example_estimates(&rb) {
                for lang in [Lang::Zh, Lang::En] {
                    let mut fast = Vec::new();
                    write_estimate_known(&mut fast, &e, lang, POS, &mut plain);
                    assert_eq!(String::from_utf8(fast).unwrap(), expected(&e, lang, POS));
                }
                n += 1;
            }
        }
        assert!(n >= 80, "only {n} examples estimated");
    }

    /// The estimate of a Sichuan personality-rights case, intent: one with citations, a model and
    /// notes, for the tests that change its fields after it was made.
    fn personality_case(rb: &RuleBase) -> Estimate<'_> {
        let today = Date::parse("2026-11-23").unwrap();
        let v: Value = serde_json::from_str(
            r#"{"province":"sichuan","harm":"personality","factors":{"fault":"intent"}}"#,
        )
        .unwrap();
        crate::calc::estimate(rb, &Case::from_json(&v).unwrap(), today).unwrap()
    }

    /// Text that needs an escape is escaped every time, whether borrowed (never remembered) or
    /// the estimate's own (never remembered either: another record's text may take its place in
    /// memory); fields changed after the writer remembered theirs are written as changed.
    #[test]
    fn the_direct_writer_remembers_no_string_that_needs_an_escape() {
        use crate::estimate::{Note, StepBody};
        use crate::i18n::Text;
        let rb = RuleBase::embedded().unwrap();
        let mut e = personality_case(&rb);
        let mut plain = KnownPlain::for_batch();
        for lang in [Lang::Zh, Lang::En] {
            let mut fast = Vec::new();
            write_estimate_known(&mut fast, &e, lang, POS, &mut plain);
            assert_eq!(String::from_utf8(fast).unwrap(), expected(&e, lang, POS));
        }
        e.jurisdiction = "省\"名\"";
        e.notes[0] = Note::Written(Text::new(
            String::from("注\\释\n"),
            String::from("a \"note\""),
        ));
        e.steps[0].rule = Cow::Owned(String::from("r\"1"));
        e.steps[0].citation = Text::new("第\t1条", "art.\t1");
        if let StepBody::Written { label, .. } = &mut e.steps[0].body {
            *label = Text::new(String::from("标\"签"), "la\\bel");
        }
        e.citations[0].article = "第\"1\"条";
        for _ in 0..2 {
            for lang in [Lang::Zh, Lang::En] {
                let mut fast = Vec::new();
                write_estimate_known(&mut fast, &e, lang, POS, &mut plain);
                let fast = String::from_utf8(fast).unwrap();
                assert_eq!(fast, expected(&e, lang, POS));
                assert!(fast.contains(r#""jurisdiction":"省\"名\"""#), "{fast}");
                assert!(fast.contains(r#""rule":"r\"1""#), "{fast}");
                assert!(fast.contains(r#""article":"第\"1\"条""#), "{fast}");
            }
        }
    }

    /// An error record written directly is serde_json's bytes of [`error`]: with and without an
    /// id and a file, and with what JSON escapes in the field, the value and the message.
    #[test]
    fn an_error_record_written_directly_matches_serde_json() {
        let errors = [
            CaseError::missing(
                "avg_wage",
                crate::i18n::Text::new("需要\"数字\"", "needs a \\ figure"),
            ),
            CaseError::new(
                "a\"b",
                "x\ny\u{1}",
                crate::error::Problem::Unreadable {
                    detail: crate::i18n::Text::new("坏\"字节\"\t", "bad \"bytes\"\t"),
                },
            ),
            CaseError::new(
                "",
                "",
                crate::error::Problem::Unreadable {
                    detail: crate::i18n::Text::same(""),
                },
            ),
        ];
        for e in &errors {
            for lang in [Lang::Zh, Lang::En] {
                for id in [None, Some("c-\"1\"")] {
                    for file in [None, Some("dir/案件 \"1\".json")] {
                        let pos = Position {
                            index: 7,
                            file,
                            line: 12,
                        };
                        let expected = serde_json::to_vec(&error(id, Some(pos), e, lang)).unwrap();
                        let mut fast = Vec::new();
                        write_error_at(&mut fast, id, pos, e, lang);
                        assert_eq!(
                            String::from_utf8(fast).unwrap(),
                            String::from_utf8(expected).unwrap()
                        );
                    }
                }
            }
        }
    }

    /// A citation or model factor whose fields are changed after the estimate was made is written
    /// with the changed fields, not the JSON its source or level had when the rules loaded: the
    /// writer copies that JSON only while the fields are still the rule base's own.
    #[test]
    fn the_direct_writer_writes_fields_changed_after_the_estimate() {
        let rb = RuleBase::embedded().unwrap();
        let mut e = personality_case(&rb);
        let c = &mut e.citations[0];
        c.document = "《改过的标题》";
        c.number = Some("〔2026〕1号");
        c.status = crate::rules::schema::Status::Superseded;
        c.status_note = crate::i18n::Text::new("改过的说明", "a changed note");
        let m = e.model.as_mut().unwrap();
        m.factors[0].level_label = crate::i18n::Text::new("改过的等级", "a changed level");
        m.factors[1].score = Decimal::ONE;
        for lang in [Lang::Zh, Lang::En] {
            let pos = Position {
                index: 1,
                file: None,
                line: 1,
            };
            let mut j = EstimateJson::new(&e, lang);
            j.index = Some(pos.index);
            j.line = Some(pos.line);
            let expected = serde_json::to_string(&j).unwrap();
            let mut fast = Vec::new();
            write_estimate_at(&mut fast, &e, lang, pos);
            let fast = String::from_utf8(fast).unwrap();
            assert_eq!(fast, expected);
            let changed: &[&str] = match lang {
                Lang::Zh => &[
                    "《改过的标题》",
                    "〔2026〕1号",
                    "\"superseded\"",
                    "改过的说明",
                    "改过的等级",
                ],
                Lang::En => &[
                    "〔2026〕1号",
                    "\"superseded\"",
                    "a changed note",
                    "a changed level",
                ],
            };
            for c in changed {
                assert!(fast.contains(c), "{c} missing from {fast}");
            }
        }
    }
}
