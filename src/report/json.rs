//! The JSON contract (DESIGN.md §4): one estimate as one object, one error as one object.
//! Amounts are exact JSON numbers of yuan; `high` / `cap` are null when uncapped.
//! Keys are stable: scripts depend on them.

use crate::calc::context_en;
use crate::error::CaseError;
use crate::estimate::{Estimate, Step};
use crate::i18n::{Lang, Text};
use crate::money::Decimal;
use serde_json::{json, Map, Value};

/// A decimal as an exact JSON number (integers stay integers).
pub fn num(d: Decimal) -> Value {
    let s = d.normalize().to_string();
    serde_json::from_str(&s).unwrap_or(Value::String(s))
}

fn opt(d: Option<Decimal>) -> Value {
    d.map_or(Value::Null, num)
}

fn t(x: &Text, lang: Lang) -> Value {
    Value::String(x.get(lang).to_string())
}

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
        (Historical, Lang::Zh) => "历史性规定（所依据的概念已被法律放弃）",
        (Unknown, Lang::Zh) => "效力状态不明",
        (Practice, Lang::Zh) => "实务参考（无发布文件）",
        (InForce, Lang::En) => "in force",
        (Superseded, Lang::En) => "superseded",
        (Historical, Lang::En) => "historical (rests on a concept the law has dropped)",
        (Unknown, Lang::En) => "status unknown",
        (Practice, Lang::En) => "practice reference (no issuing document)",
    }
}

/// The harm's JSON name.
pub fn harm_code(h: crate::case::Harm) -> String {
    serde_json::to_value(h)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn step(s: &Step, lang: Lang) -> Value {
    json!({
        "rule": s.rule,
        "label": t(&s.label, lang),
        "text": s.text,
        "amount": opt(s.amount),
        "citation": t(&s.citation, lang),
    })
}

/// One estimate as a JSON object.
pub fn estimate(e: &Estimate, lang: Lang) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), e.id.clone().map_or(Value::Null, Value::String));
    m.insert("jurisdiction".into(), json!(e.jurisdiction));
    m.insert("jurisdiction_name".into(), t(&e.jurisdiction_name, lang));
    m.insert("harm".into(), json!(harm_code(e.harm)));
    m.insert("context".into(), json!(context_en(e.context)));
    m.insert("date".into(), json!(e.date.to_string()));
    m.insert(
        "amount".into(),
        json!({"low": num(e.amount.low), "point": num(e.amount.point), "high": opt(e.amount.high)}),
    );
    m.insert(
        "band".into(),
        json!({"floor": num(e.band.floor), "cap": opt(e.band.cap)}),
    );
    m.insert("basis".into(), json!(e.basis.code()));
    m.insert("rule".into(), json!(e.rule));
    m.insert(
        "tier".into(),
        e.tier.as_ref().map_or(Value::Null, |x| {
            json!({
                "name": x.name,
                "label": t(&x.label, lang),
                "derived": x.derived,
                "offered": x.offered.iter().map(|(n, l)| json!({"name": n, "label": t(l, lang)})).collect::<Vec<_>>(),
            })
        }),
    );
    m.insert(
        "steps".into(),
        Value::Array(e.steps.iter().map(|s| step(s, lang)).collect()),
    );
    m.insert(
        "citations".into(),
        Value::Array(
            e.citations
                .iter()
                .map(|c| {
                    json!({
                        "source": c.source,
                        "document": if lang == Lang::Zh { &c.document } else { &c.document_en },
                        "document_zh": c.document,
                        "issuer": c.issuer,
                        "number": c.number,
                        "date": c.date,
                        "article": c.article,
                        "status": status_code(c.status),
                        "status_note": t(&c.status_note, lang),
                        "superseded_by": c.superseded_by,
                    })
                })
                .collect(),
        ),
    );
    m.insert(
        "notes".into(),
        Value::Array(e.notes.iter().map(|n| t(n, lang)).collect()),
    );
    m.insert(
        "model".into(),
        e.model.as_ref().map_or(Value::Null, |md| {
            json!({
                "label": t(&md.label, lang),
                "score": num(md.score),
                "width": num(md.width),
                "top_factor": md.top_factor,
                "factors": md.factors.iter().map(|f| json!({
                    "factor": f.id,
                    "label": t(&f.label, lang),
                    "level": f.level,
                    "level_label": t(&f.level_label, lang),
                    "score": num(f.score),
                    "weight": num(f.weight),
                    "known": f.known,
                    "derived_from": f.derived_from,
                })).collect::<Vec<_>>(),
            })
        }),
    );
    if let Some(c) = &e.criminal {
        m.insert(
            "criminal".into(),
            json!({
                "tier": c.tier,
                "label": t(&c.label, lang),
                "sentence": c.sentence.as_ref().map(|s| t(s, lang)),
                "citation": t(&c.citation, lang),
                "reasons": c.reasons.iter().map(|r| t(r, lang)).collect::<Vec<_>>(),
            }),
        );
    }
    m.insert("disclaimer".into(), json!(super::disclaimer(lang)));
    Value::Object(m)
}

/// An error record: `{"id", "index", "file", "error": {"field", "value", "message"}}`.
pub fn error(
    id: Option<&str>,
    index: Option<usize>,
    file: Option<&str>,
    e: &CaseError,
    lang: Lang,
) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), id.map_or(Value::Null, |s| json!(s)));
    if let Some(i) = index {
        m.insert("index".into(), json!(i));
    }
    if let Some(f) = file {
        m.insert("file".into(), json!(f));
    }
    m.insert(
        "error".into(),
        json!({"field": e.field, "value": e.value, "message": e.message(lang)}),
    );
    Value::Object(m)
}
