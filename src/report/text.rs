//! The text report, in Chinese (default) or English.

use super::json::{harm_code, status_label};
use crate::calc::{context_words_en, context_zh};
use crate::estimate::{Basis, Estimate};
use crate::i18n::{article_en, Lang};
use crate::money::{format_yuan, plain};
use crate::rules::schema::Status;
use std::borrow::Cow;
use std::fmt::Write;

fn harm_zh(code: &str) -> &'static str {
    match code {
        "death" => "死亡",
        "disability" => "残疾",
        "injury" => "人身伤害（未评残）",
        "personality" => "人格权益",
        "memorial" => "具有人身意义的特定物",
        "ip-moral" => "著作人身权／表演者人身权",
        "personal-info" => "个人信息",
        "detention" => "人身自由",
        _ => "",
    }
}

fn harm_en(code: &str) -> &'static str {
    match code {
        "death" => "death",
        "disability" => "disability",
        "injury" => "injury without a disability grade",
        "personality" => "personality rights",
        "memorial" => "object of personal symbolic value",
        "ip-moral" => "moral rights of an author or performer",
        "personal-info" => "personal information",
        "detention" => "loss of personal liberty",
        _ => "",
    }
}

/// What was harmed, in words (`disability` → 残疾).
pub fn harm_label(code: &str, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => harm_zh(code),
        Lang::En => harm_en(code),
    }
}

/// Where the figures came from, in words.
pub fn basis_label(b: Basis, lang: Lang) -> &'static str {
    match (b, lang) {
        (Basis::Local, Lang::Zh) => "本省标准",
        (Basis::LocalCivil, Lang::Zh) => "本省民事侵权标准（无专门规定）",
        (Basis::National, Lang::Zh) => "全国性规定",
        (Basis::CrossProvince, Lang::Zh) => "跨省参考（非本地规则）",
        (Basis::Refusal, Lang::Zh) => "不予支持（依所引规定）",
        (Basis::Local, Lang::En) => "the province's own standard",
        (Basis::LocalCivil, Lang::En) => "the province's civil standard (no specific rule)",
        (Basis::National, Lang::En) => "national rules",
        (Basis::CrossProvince, Lang::En) => "cross-province reference (not a local rule)",
        (Basis::Refusal, Lang::En) => "not supported (under the cited provision)",
    }
}

/// Where an estimate's figures came from, short enough for a table column: a national practice
/// reference (personal information's band) is said to be one.
pub fn basis_short_of(e: &Estimate, lang: Lang) -> &'static str {
    match (e.basis, e.rule_status, lang) {
        (Basis::National, Some(Status::Practice), Lang::Zh) => "全国实务参考",
        (Basis::National, Some(Status::Practice), Lang::En) => "national practice ref.",
        (b, _, _) => basis_short(b, lang),
    }
}

/// Where the figures came from, short enough for a table column.
pub fn basis_short(b: Basis, lang: Lang) -> &'static str {
    match (b, lang) {
        (Basis::Local, Lang::Zh) => "本省标准",
        (Basis::LocalCivil, Lang::Zh) => "本省民事标准",
        (Basis::National, Lang::Zh) => "全国性规定",
        (Basis::CrossProvince, Lang::Zh) => "跨省参考",
        (Basis::Refusal, Lang::Zh) => "不予支持",
        (Basis::Local, Lang::En) => "local standard",
        (Basis::LocalCivil, Lang::En) => "local civil standard",
        (Basis::National, Lang::En) => "national rules",
        (Basis::CrossProvince, Lang::En) => "cross-province ref.",
        (Basis::Refusal, Lang::En) => "not supported",
    }
}

/// The status of every source used, in short words, for a table column (words, not the JSON
/// codes, in either language: a table is for reading).
pub fn statuses(e: &Estimate, lang: Lang) -> String {
    use crate::rules::schema::Status::*;
    let v: Vec<&str> = e
        .statuses()
        .into_iter()
        .map(|s| match (s, lang) {
            (InForce, Lang::Zh) => "现行有效",
            (Superseded, Lang::Zh) => "已被取代",
            (Historical, Lang::Zh) => "历史性",
            (Unknown, Lang::Zh) => "效力不明",
            (Practice, Lang::Zh) => "实务参考",
            (InForce, Lang::En) => "in force",
            (Superseded, Lang::En) => "superseded",
            (Historical, Lang::En) => "historical",
            (Unknown, Lang::En) => "status unknown",
            (Practice, Lang::En) => "practice ref.",
        })
        .collect();
    v.join(if lang == Lang::Zh { "、" } else { ", " })
}

/// A parenthetical: full-width brackets in Chinese, ASCII ones after a space in English.
fn paren(lang: Lang, s: &str) -> String {
    match lang {
        Lang::Zh => format!("（{s}）"),
        Lang::En => format!(" ({s})"),
    }
}

/// The range as words: `¥20,000 – ¥20,000`, or `¥50,000 起，不设上限`.
pub fn range(e: &Estimate, lang: Lang) -> String {
    match (e.amount.high, lang) {
        (Some(h), _) => format!("{} – {}", format_yuan(e.amount.low), format_yuan(h)),
        (None, Lang::Zh) => format!("{} 起，不设上限", format_yuan(e.amount.low)),
        (None, Lang::En) => format!("from {}, no upper limit", format_yuan(e.amount.low)),
    }
}

/// The band as words.
pub fn band(e: &Estimate, lang: Lang) -> String {
    match (e.band.cap, lang) {
        (Some(c), _) => format!("{} – {}", format_yuan(e.band.floor), format_yuan(c)),
        (None, Lang::Zh) => format!("{} 起，不设上限", format_yuan(e.band.floor)),
        (None, Lang::En) => format!("from {}, no cap", format_yuan(e.band.floor)),
    }
}

/// The full report.
pub fn render(e: &Estimate, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut o = String::new();
    let h = harm_code(e.harm);
    let (harm, ctx) = if zh {
        (harm_zh(h), context_zh(e.context))
    } else {
        (harm_en(h), context_words_en(e.context))
    };
    let title = if zh {
        "精神损害抚慰金估算"
    } else {
        "Estimate of compensation for mental distress (精神损害抚慰金)"
    };
    let _ = writeln!(o, "{title}");
    let id =
        e.id.as_deref()
            .map(|i| format!("{i} · "))
            .unwrap_or_default();
    // the date chooses the rules in force: one the case did not give is said to be today's
    let defaulted = match (e.date_given, zh) {
        (true, _) => "",
        (false, true) => "（案件未给出日期，按今天）",
        (false, false) => " (the case gives no date: today's)",
    };
    let _ = writeln!(
        o,
        "{}{id}{} · {harm} · {ctx} · {} {}{defaulted}",
        if zh { "案件：" } else { "Case: " },
        e.jurisdiction_name.get(lang),
        if zh { "适用日期" } else { "rules as of" },
        e.date
    );
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{}{}",
        if zh { "估算金额：" } else { "Estimate: " },
        format_yuan(e.amount.point)
    );
    // a refusal the law makes: the outcome and the rule, not a range of ¥0 – ¥0 and a "basis"
    if e.basis == Basis::Refusal {
        let _ = writeln!(
            o,
            "{}{}",
            if zh { "结论：    " } else { "Outcome:  " },
            if zh {
                format!("不予支持（依所引规定；规则 {}）", e.rule)
            } else {
                format!("not supported (under the cited provision; rule {})", e.rule)
            }
        );
        return rest(o, e, lang);
    }
    let _ = writeln!(
        o,
        "{}{}",
        if zh { "估算区间：" } else { "Range:    " },
        range(e, lang)
    );
    let _ = writeln!(
        o,
        "{}{}{}",
        if zh { "适用幅度：" } else { "Band:     " },
        band(e, lang),
        paren(
            lang,
            &match (e.basis, &*e.rule) {
                // a rule that gives no figure of its own (Tianjin: supported, no amount)
                (Basis::CrossProvince, r) if r != "cross-province" => {
                    if zh {
                        format!("规则 {r} 未定数额，幅度来自跨省参考")
                    } else {
                        format!("rule {r} sets no figure; the band is the cross-province reference")
                    }
                }
                (_, r) => format!("{}{r}", if zh { "规则 " } else { "rule " }),
            }
        )
    );
    if let Some(t) = &e.tier {
        let offered: Vec<String> = t
            .offered
            .iter()
            .map(|(n, l)| format!("{n}{}", paren(lang, l.get(lang))))
            .collect();
        let _ = writeln!(
            o,
            "{}{}{}{}{}{}",
            if zh { "档次：" } else { "Tier:     " },
            t.label.get(lang),
            if t.derived {
                if zh {
                    "（按工具模型选定）"
                } else {
                    " (chosen by the tool's model)"
                }
            } else {
                ""
            },
            if zh { "；" } else { "; " },
            if zh {
                "可选档次："
            } else {
                "tiers offered: "
            },
            offered.join(if zh { "、" } else { ", " })
        );
    }
    // the national rules' band for personal information is a lawyer's estimate, not a provision:
    // "national rules" alone would read as law
    let basis = match (e.basis, e.rule_status, lang) {
        (Basis::National, Some(Status::Practice), Lang::Zh) => "全国性实务参考（非规范性文件）",
        (Basis::National, Some(Status::Practice), Lang::En) => {
            "national practice reference (no issuing document)"
        }
        _ => basis_label(e.basis, lang),
    };
    let _ = writeln!(o, "{}{basis}", if zh { "依据层级：" } else { "Basis:    " });
    rest(o, e, lang)
}

/// The report from its arithmetic on: the steps, the model, the provisions, the notes.
fn rest(mut o: String, e: &Estimate, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let _ = writeln!(o);
    let _ = writeln!(o, "{}", if zh { "计算过程：" } else { "Arithmetic:" });
    for (i, s) in e.steps.iter().enumerate() {
        let _ = writeln!(o, "  {}. {}", i + 1, s.label(lang));
        let _ = writeln!(
            o,
            "     {}    [{} · {}]",
            s.text(),
            s.rule,
            s.citation.get(lang)
        );
    }

    if let Some(m) = &e.model {
        let _ = writeln!(o);
        let _ = writeln!(o, "{}", m.label.get(lang));
        for f in &m.factors {
            let how = if f.known {
                match &f.derived_from {
                    Some(d) => {
                        if zh {
                            format!("（由{}推定）", derived_zh(d))
                        } else {
                            format!(" (inferred from {})", derived_en(d))
                        }
                    }
                    None => String::new(),
                }
            } else if zh {
                "（未给出，按默认档计，区间因此放宽）".to_string()
            } else {
                " (not given: the default level is used, which widens the range)".to_string()
            };
            let _ = writeln!(
                o,
                "  - {}{}{}{}  [{} {} × {} {}]",
                f.label.get(lang),
                if zh { "：" } else { ": " },
                f.level_label.get(lang),
                how,
                if zh { "分值" } else { "score" },
                plain(f.score),
                if zh { "权重" } else { "weight" },
                plain(f.weight)
            );
        }
        let top = m
            .top_factor
            .as_ref()
            .and_then(|id| m.factors.iter().find(|f| &f.id == id))
            .map(|f| f.label.get(lang).to_string());
        let _ = writeln!(
            o,
            "  {} {}{}{} ±{}{}",
            if zh { "综合得分" } else { "score" },
            plain(m.score),
            if zh { "；" } else { "; " },
            if zh {
                "区间半宽（以幅度全长为 1 计，非百分比）"
            } else {
                "half-width (in lengths of the band, not a percentage)"
            },
            plain(m.width),
            top.map(|t| if zh {
                format!("；影响最大的因素：{t}")
            } else {
                format!("; the factor that moved it most: {t}")
            })
            .unwrap_or_default()
        );
    }

    if let Some(c) = &e.criminal {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "{}",
            if zh {
                "刑事数量标准对照（侵犯公民个人信息罪；仅依条数、金额，不等于构成犯罪，仅供参考）："
            } else {
                "Criminal thresholds compared (crime of infringing personal information; by counts and amounts only, not a finding of a crime; for reference):"
            }
        );
        let _ = writeln!(o, "  {}", c.label.get(lang));
        if let Some(s) = &c.sentence {
            let _ = writeln!(
                o,
                "  {}{}",
                if zh { "法定刑：" } else { "sentence: " },
                s.get(lang)
            );
        }
        for r in &c.reasons {
            let _ = writeln!(o, "  - {}", r.get(lang));
        }
        let _ = writeln!(o, "  [{}]", c.citation.get(lang));
    }

    let _ = writeln!(o);
    // a status is the provision's standing now, not on the case's date (a 2003 case cites the
    // 2001 interpretation, in force then, superseded now)
    let _ = writeln!(
        o,
        "{}",
        if zh {
            "依据（效力状态为现时状态，而非案件日期时的状态）："
        } else {
            "Provisions (statuses as they stand now):"
        }
    );
    for c in &e.citations {
        let doc = if zh { &c.document } else { &c.document_en };
        let (issuer, article) = match lang {
            Lang::Zh => (c.issuer, Cow::Borrowed(c.article)),
            Lang::En => (c.issuer_en, article_en(c.article)),
        };
        let meta: Vec<&str> = [issuer].into_iter().chain(c.number).chain(c.date).collect();
        let sep = if zh { "，" } else { ", " };
        // Chinese runs a title and its article together: 《…》第五条, 《…》（2020年修正）第五条
        let gap = if zh { "" } else { " " };
        let _ = writeln!(o, "  - {doc}{gap}{article}{}", paren(lang, &meta.join(sep)));
        let _ = writeln!(
            o,
            "    {}{}{}{}",
            if zh { "状态：" } else { "status: " },
            status_label(c.status, lang),
            if zh { "。" } else { ". " },
            full_stop(c.status_note.get(lang), lang)
        );
    }

    if !e.notes.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "{}", if zh { "说明：" } else { "Notes:" });
        for n in &e.notes {
            let _ = writeln!(o, "  - {}", full_stop(&n.get(lang), lang));
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "{}", super::disclaimer(lang));
    o
}

/// Where the model read a factor from, in Chinese words (the JSON keeps the field names).
fn derived_zh(d: &str) -> String {
    if let Some(g) = d.strip_prefix("disability_grade = ") {
        return format!("{g}级伤残");
    }
    match d {
        "harm = death" => "损害类型（死亡）".to_string(),
        "injury_degree" => "伤情程度".to_string(),
        "profit_motive / gain" => "营利目的或获利".to_string(),
        "profit_motive = false" => "“非营利”".to_string(),
        other => format!(" {other} "),
    }
}

/// Where the model read a factor from, in English words (the JSON keeps the field names).
fn derived_en(d: &str) -> String {
    if let Some(g) = d.strip_prefix("disability_grade = ") {
        return format!("disability grade {g}");
    }
    match d {
        "harm = death" => "the harm (death)".to_string(),
        "injury_degree" => "the injury degree".to_string(),
        "profit_motive / gain" => "the profit motive or gain".to_string(),
        "profit_motive = false" => "“not for profit”".to_string(),
        other => other.to_string(),
    }
}

/// A sentence as a line of the report: ending in a full stop (。 in Chinese) when its source text
/// (a rule file's note, a status note) leaves it off, and in English starting with a capital (a
/// rule file's English note may begin in lower case, as it reads inside another sentence too).
fn full_stop(s: &str, lang: Lang) -> String {
    let s = &match lang {
        Lang::En => {
            let mut c = s.chars();
            match c.next() {
                Some(first) if first.is_ascii_lowercase() => {
                    format!("{}{}", first.to_ascii_uppercase(), c.as_str())
                }
                _ => s.to_string(),
            }
        }
        Lang::Zh => s.to_string(),
    };
    let ends = match lang {
        // Chinese: a closing bracket or quotation mark does not end the sentence (…（二元化）。,
        // …决定赔偿数额”。) unless the quotation itself ends in a full stop (…精神损害赔偿。”)
        Lang::Zh => {
            let mut rev = s.chars().rev();
            match rev.next() {
                None => true,
                Some(c) if "。．！？!?".contains(c) => true,
                Some('”' | '」') => rev.next().is_some_and(|c| "。！？".contains(c)),
                Some(_) => false,
            }
        }
        Lang::En => s
            .chars()
            .last()
            .is_none_or(|c| "。．.！？!?）)」”\"'".contains(c)),
    };
    match (ends, lang) {
        (true, _) => s.to_string(),
        (false, Lang::Zh) => format!("{s}。"),
        (false, Lang::En) => format!("{s}."),
    }
}
