//! Validation of a rule base: every problem, with its file, rule id and key, reported at once.
//! Each problem's detail is in both languages ([`Text`]); file names, rule ids, keys and values
//! stay as the rule files write them in either.

use super::schema::*;
use super::{normalise, NATIONAL};
use crate::case::Context;
use crate::i18n::{Lang, Text};
use crate::money::Decimal;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// One problem in a rule base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub rule: Option<String>,
    pub key: String,
    /// what is wrong, in both languages
    pub message: Text<'static>,
}

impl Problem {
    pub fn new(file: &str, rule: Option<&str>, key: &str, message: Text<'static>) -> Problem {
        Problem {
            file: file.to_string(),
            rule: rule.map(str::to_string),
            key: key.to_string(),
            message,
        }
    }

    /// A file that could not be read, with the reason its reader gives (no such file,
    /// permission denied, not UTF-8 text), in both languages.
    pub fn unreadable(file: &str, reason: &Text<'_>) -> Problem {
        Problem::new(
            file,
            None,
            "",
            Text::new(
                format!("无法读取：{}", reason.zh),
                format!("cannot be read: {}", reason.en),
            ),
        )
    }

    /// A TOML syntax or schema error (unknown key, wrong type, unquoted float), with the id of
    /// the rule it sits in when one precedes it in the text.
    pub fn parse(file: &str, text: &str, e: &toml::de::Error) -> Problem {
        let msg = e.message().trim().to_string();
        let key = msg
            .strip_prefix("unknown field `")
            .and_then(|r| r.split('`').next())
            .unwrap_or("")
            .to_string();
        let rule = e.span().and_then(|s| enclosing_rule(text, s.start));
        let mut message = super::toml_text::toml_message(&msg);
        if let Some(s) = e.span() {
            // where an editor finds it: the line, and the column in characters
            let before = text.get(..s.start).unwrap_or(text);
            let line = before.matches('\n').count() + 1;
            let column = before
                .rsplit('\n')
                .next()
                .unwrap_or("")
                .trim_start_matches('\u{feff}')
                .chars()
                .count()
                + 1;
            message
                .zh
                .to_mut()
                .push_str(&format!("（第 {line} 行第 {column} 列）"));
            message
                .en
                .to_mut()
                .push_str(&format!(" (line {line}, column {column})"));
        }
        Problem::new(file, rule.as_deref(), &key, message)
    }

    /// The problem as one line, in the report's language: file, rule, key, then what is wrong
    /// (`jiangsu.toml: rule jiangsu.traffic: band: floor 60000 is above cap 50000`).
    pub fn line(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let sep = if zh { "：" } else { ": " };
        let mut s = self.file.clone();
        if let Some(r) = &self.rule {
            s += sep;
            s += if zh { "规则 " } else { "rule " };
            s += r;
        }
        if !self.key.is_empty() {
            s += sep;
            s += &self.key;
        }
        s += sep;
        s += self.message.get(lang);
        s
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.line(Lang::En))
    }
}

/// The id of the `[[rule]]` whose text contains byte `at`, if any: the last table header before
/// it (a line starting with `[`, comments aside) must be `[[rule]]` or one of its own tables.
fn enclosing_rule(text: &str, at: usize) -> Option<String> {
    let head = text.get(..at.min(text.len()))?;
    let mut start = None;
    let mut offset = 0;
    for line in head.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with("[[rule]]") {
            start = Some(offset);
        } else if t.starts_with('[') && !t.starts_with("[rule.") && !t.starts_with("[[rule.") {
            start = None;
        }
        offset += line.len();
    }
    let after = &text[start?..];
    let id_line = after
        .lines()
        .skip(1)
        .find(|l| l.trim_start().starts_with("id"))?;
    let id = id_line.split_once('=')?.1.trim().trim_matches('"');
    Some(id.to_string())
}

/// The kind tables a rule has (valid rules have exactly one).
pub fn kinds(r: &Rule) -> Vec<&'static str> {
    let mut k = Vec::new();
    let mut add = |present: bool, name| {
        if present {
            k.push(name)
        }
    };
    add(r.band.is_some(), "band");
    add(r.tiers.is_some(), "tiers");
    add(r.formula.is_some(), "formula");
    add(r.multiple.is_some(), "multiple");
    add(r.table.is_some(), "table");
    add(r.share.is_some(), "share");
    add(r.refuse.is_some(), "refuse");
    add(r.reference.is_some(), "reference");
    k
}

/// The severity names every case may use.
pub const STANDARD_SEVERITIES: &[&str] = &["general", "serious", "especially-serious"];
/// The six factor ids of the model.
pub const FACTOR_IDS: &[&str] = &[
    "fault",
    "circumstances",
    "consequence",
    "gain",
    "ability",
    "living_standard",
];

struct Ctx {
    out: Vec<Problem>,
}

impl Ctx {
    /// A problem, its detail in Chinese and in English.
    fn push(
        &mut self,
        file: &str,
        rule: Option<&str>,
        key: &str,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) {
        self.out.push(Problem::new(
            file,
            rule,
            key,
            Text::new(zh.into(), en.into()),
        ));
    }
}

pub fn check(regions: &[Region], files: &[(String, RuleFile)]) -> Vec<Problem> {
    let mut cx = Ctx { out: Vec::new() };
    check_regions(&mut cx, regions);
    let region_ids: HashSet<&str> = regions.iter().map(|r| r.id.as_str()).collect();

    let national = files.iter().find(|(_, f)| f.jurisdiction.id == NATIONAL);
    if national.is_none() {
        cx.push(
            "national.toml",
            None,
            "",
            "缺少文件：规则库必须有 national.toml",
            "missing: the rule base needs national.toml",
        );
    }
    let model = national.and_then(|(_, f)| f.model.as_ref());
    if let Some((name, f)) = national {
        match &f.model {
            Some(m) => check_model(&mut cx, name, m),
            None => cx.push(
                name,
                None,
                "model",
                "national.toml 必须有 [model] 节",
                "national.toml must have [model]",
            ),
        }
    }
    let levels = |factor: &str| -> Vec<String> {
        model
            .and_then(|m| m.factors.iter().find(|f| f.id == factor))
            .map(|f| f.levels.iter().map(|l| l.name.clone()).collect())
            .unwrap_or_default()
    };
    let fault_levels = levels("fault");
    let circumstance_levels = levels("circumstances");

    // severity names known anywhere in the base
    let mut severities: HashSet<String> =
        STANDARD_SEVERITIES.iter().map(|s| s.to_string()).collect();
    for (_, f) in files {
        for r in &f.rules {
            for t in r.tiers.iter().flat_map(|t| &t.tiers) {
                severities.insert(t.name.clone());
                severities.extend(t.aliases.iter().cloned());
            }
        }
    }

    let mut seen_ids: HashMap<String, String> = HashMap::new();
    let mut rule_ids: HashMap<String, String> = HashMap::new();
    for (name, f) in files {
        let id = &f.jurisdiction.id;
        let stem = name.trim_end_matches(".toml");
        if stem != id {
            cx.push(
                name,
                None,
                "jurisdiction.id",
                format!("id {id:?} 必须与文件名 {stem:?} 一致"),
                format!("id {id:?} must match the file name {stem:?}"),
            );
        }
        if !region_ids.contains(id.as_str()) {
            cx.push(
                name,
                None,
                "jurisdiction.id",
                format!("{id:?} 不是 regions.toml 中的地区"),
                format!("{id:?} is not a region in regions.toml"),
            );
        }
        if let Some(other) = seen_ids.insert(id.clone(), name.clone()) {
            cx.push(
                name,
                None,
                "jurisdiction.id",
                format!("{other} 也声明了 {id:?}"),
                format!("{id:?} is also declared by {other}"),
            );
        }
        if id != NATIONAL {
            for (present, key) in [
                (f.model.is_some(), "model"),
                (!f.factor_basis.is_empty(), "factor_basis"),
                (f.criminal_info.is_some(), "criminal_info"),
            ] {
                if present {
                    cx.push(
                        name,
                        None,
                        key,
                        "只有 national.toml 可以有此节",
                        "only national.toml may have this section",
                    );
                }
            }
        }

        // sources
        let mut declared: HashMap<&str, bool> = HashMap::new();
        for s in &f.sources {
            if declared.insert(s.id.as_str(), false).is_some() {
                cx.push(
                    name,
                    None,
                    &format!("source.{}", s.id),
                    "来源 id 重复声明",
                    "source id declared twice",
                );
            }
            if s.status == Status::Superseded && s.superseded_by.is_none() {
                cx.push(
                    name,
                    None,
                    &format!("source.{}.superseded_by", s.id),
                    "已被取代的来源必须写明取代它的文件",
                    "a superseded source must say what superseded it",
                );
            }
            if let Some(d) = &s.date {
                if !date_text_ok(d) {
                    cx.push(
                        name,
                        None,
                        &format!("source.{}.date", s.id),
                        format!("{d:?} 不是 YYYY、YYYY-MM 或 YYYY-MM-DD 格式"),
                        format!("{d:?} is not YYYY, YYYY-MM or YYYY-MM-DD"),
                    );
                }
            }
            if let (Some(a), Some(b)) = (s.effective, s.superseded_from) {
                if a > b {
                    cx.push(
                        name,
                        None,
                        &format!("source.{}.superseded_from", s.id),
                        format!("{b} 早于该来源的施行日期（{a}）"),
                        format!("{b} is before the source took effect ({a})"),
                    );
                }
            }
        }
        let mut cite =
            |src: &str, rule: Option<&str>, key: &str, cx: &mut Ctx| match declared.get_mut(src) {
                Some(used) => *used = true,
                None => cx.push(
                    name,
                    rule,
                    key,
                    format!("引用了来源 {src:?}，但本文件没有声明该来源"),
                    format!("cites source {src:?}, which this file does not declare"),
                ),
            };
        for b in &f.factor_basis {
            cite(&b.source, None, "factor_basis.source", &mut cx);
            check_dates(&mut cx, name, None, b.from, b.until);
        }
        for n in &f.context_notes {
            check_dates(&mut cx, name, None, n.from, n.until);
            cite(&n.source, None, "context_note.source", &mut cx);
            for r in &n.rules {
                if !f.rules.iter().any(|x| x.id == *r) {
                    cx.push(
                        name,
                        None,
                        "context_note.rules",
                        format!("{r:?} 不是本文件中的规则"),
                        format!("{r:?} is not a rule of this file"),
                    );
                }
            }
            // a note for no context is never given: a slip, as a rule's empty contexts is
            if n.contexts.is_empty() {
                cx.push(
                    name,
                    None,
                    "context_note.contexts",
                    "至少列出一种情形",
                    "list at least one context",
                );
            }
            if let Some(s) = &n.share {
                check_share(&mut cx, name, None, "context_note.share", s.rate, s.floor);
                // base_compensation is a state-compensation figure: elsewhere it is not applied
                if n.contexts.iter().any(|c| *c != Context::StateCompensation) {
                    cx.push(
                        name,
                        None,
                        "context_note.share",
                        "base_compensation 的比例只用于国家赔偿的说明；不得列出其他 context",
                        "a share of base_compensation is for state-compensation notes only; list no other context",
                    );
                }
            }
        }
        for s in &f.severity_from_facts {
            check_dates(&mut cx, name, None, s.from, s.until);
            cite(&s.source, None, "severity_from_facts.source", &mut cx);
            if s.harms.is_empty()
                && s.min_detention_days.is_none()
                && s.max_detention_days.is_none()
                && s.injury_degrees.is_empty()
            {
                cx.push(
                    name,
                    None,
                    "severity_from_facts",
                    "未指明任何事实：请给出 harms、min_detention_days、max_detention_days 或其组合",
                    "names no fact: give harms, min_detention_days, max_detention_days or a combination",
                );
            }
            if let (Some(min), Some(max)) = (s.min_detention_days, s.max_detention_days) {
                if min > max {
                    cx.push(
                        name,
                        None,
                        "severity_from_facts.max_detention_days",
                        format!("max_detention_days {max} 小于 min_detention_days {min}：没有案件能满足"),
                        format!("max_detention_days {max} is below min_detention_days {min}: no case can meet both"),
                    );
                }
            }
            if !["general", "serious", "especially-serious"].contains(&s.severity.as_str()) {
                cx.push(
                    name,
                    None,
                    "severity_from_facts.severity",
                    format!(
                        "{:?} 不是 general、serious、especially-serious 之一",
                        s.severity
                    ),
                    format!(
                        "{:?} is not one of general, serious, especially-serious",
                        s.severity
                    ),
                );
            }
        }
        if let Some(ci) = &f.criminal_info {
            cite(&ci.source, None, "criminal_info.source", &mut cx);
            cite(
                &ci.statute_source,
                None,
                "criminal_info.statute_source",
                &mut cx,
            );
            if ci.insider_divisor <= Decimal::ZERO {
                cx.push(
                    name,
                    None,
                    "criminal_info.insider_divisor",
                    "必须大于 0",
                    "must be above 0",
                );
            }
            let mut last = Decimal::ZERO;
            for t in &ci.tiers {
                if t.multiplier <= last {
                    cx.push(
                        name,
                        None,
                        "criminal_info.tier.multiplier",
                        "各档须从最轻的一档起依次排列，倍数逐档递增",
                        "tiers must be listed mildest first with rising multipliers",
                    );
                }
                last = t.multiplier;
                // each threshold is a figure × (multiplier / divisor), worked out when the rules
                // load: it must be a number the tool can hold (a divisor of 0 is refused above),
                // and a case's item counts are divided by the item thresholds, so each of those
                // must be at least one item (and the gain threshold above 0)
                let fits = [Decimal::ONE, ci.insider_divisor]
                    .into_iter()
                    .filter(|d| *d > Decimal::ZERO)
                    .all(|d| {
                        t.multiplier.checked_div(d).is_some_and(|k| {
                            [ci.sensitive, ci.important, ci.other]
                                .iter()
                                .all(|x| x.checked_mul(k).is_some_and(|t| t >= Decimal::ONE))
                                && ci.gain.checked_mul(k).is_some_and(|t| t > Decimal::ZERO)
                        })
                    });
                if !fits {
                    cx.push(
                        name,
                        None,
                        "criminal_info.tier.multiplier",
                        "各项入罪标准乘以本档倍数（或再除以内部人员除数）后，须在本工具可计算的数值范围内，且信息条数标准不少于 1 条、获利标准大于 0",
                        "each threshold times the tier's multiplier (or then divided by the insider divisor) must be a number the tool can compute with, an item count at least 1 and the gain above 0",
                    );
                }
            }
        }

        for r in &f.rules {
            let rid = Some(r.id.as_str());
            cite(&r.source, rid, "source", &mut cx);
            // a rule cannot apply once its source is superseded: dates choose the rule
            let superseded_from = f
                .sources
                .iter()
                .find(|s| s.id == r.source)
                .filter(|s| r.status.unwrap_or(s.status) == Status::Superseded)
                .and_then(|s| s.superseded_from);
            if let Some(d) = superseded_from {
                if r.until.is_none_or(|u| u >= d) {
                    cx.push(
                        name,
                        rid,
                        "until",
                        format!(
                            "其来源自 {d} 起被取代，本规则必须在此之前终止（until = {}）",
                            d.pred()
                        ),
                        format!(
                            "its source is superseded from {d}, so the rule must end before then (until = {})",
                            d.pred()
                        ),
                    );
                }
            }
            if let Some(other) = rule_ids.insert(r.id.clone(), name.clone()) {
                cx.push(
                    name,
                    rid,
                    "id",
                    format!("该规则 id 在 {other} 中也已使用"),
                    format!("rule id also used in {other}"),
                );
            }
            if !r.id.starts_with(&format!("{id}.")) {
                cx.push(
                    name,
                    rid,
                    "id",
                    format!("本文件的规则 id 须以 \"{id}.\" 开头"),
                    format!("rule ids in this file start with \"{id}.\""),
                );
            }
            if r.everywhere && id != NATIONAL {
                cx.push(
                    name,
                    rid,
                    "everywhere",
                    "只有全国性规则可以在各地适用",
                    "only national rules apply everywhere",
                );
            }
            if r.harms.is_empty() {
                cx.push(
                    name,
                    rid,
                    "harms",
                    "至少列出一种损害",
                    "list at least one harm",
                );
            }
            if r.contexts.is_empty() {
                cx.push(
                    name,
                    rid,
                    "contexts",
                    "至少列出一种情形",
                    "list at least one context",
                );
            }
            if r.article.trim().is_empty() {
                cx.push(
                    name,
                    rid,
                    "article",
                    "每条规则都须引用其所依据的条文",
                    "every rule cites the article it encodes",
                );
            }
            check_dates(&mut cx, name, rid, r.from, r.until);
            let k = kinds(r);
            if k.len() != 1 {
                cx.push(name, rid, "kind", format!(
                    "每条规则须恰有一个种类表（band、tiers、formula、multiple、table、share、refuse、reference 之一）；现有：{}",
                    if k.is_empty() { "无".to_string() } else { k.join("、") }), format!(
                    "a rule has exactly one kind table (band, tiers, formula, multiple, table, share, refuse, reference); found {}",
                    if k.is_empty() { "none".to_string() } else { k.join(", ") }));
            }
            check_kind(&mut cx, name, r);
            if let Some(w) = &r.when {
                for s in w.severity.iter().flatten() {
                    if !severities.contains(s) {
                        cx.push(
                            name,
                            rid,
                            "when.severity",
                            format!("{s:?} 不是已知的严重程度或档次名称"),
                            format!("{s:?} is not a known severity or tier name"),
                        );
                    }
                }
                for lv in w.fault.iter().flatten() {
                    if model.is_some() && !fault_levels.contains(lv) {
                        cx.push(
                            name,
                            rid,
                            "when.fault",
                            format!(
                                "{lv:?} 不是 fault 因素（过错程度）的等级（{}）",
                                fault_levels.join("、")
                            ),
                            format!(
                                "{lv:?} is not a level of the fault factor ({})",
                                fault_levels.join(", ")
                            ),
                        );
                    }
                }
            }
            let m = &r.modifiers;
            if let Some(mu) = &m.organization_multiplier {
                if mu.low <= Decimal::ZERO || mu.low > mu.high {
                    cx.push(
                        name,
                        rid,
                        "modifiers.organization_multiplier",
                        "须满足 0 < low ≤ high",
                        "needs 0 < low ≤ high",
                    );
                }
            }
            if let Some(me) = &m.may_exceed {
                for t in me.tiers.iter().flatten() {
                    let known = r
                        .tiers
                        .as_ref()
                        .is_some_and(|ts| ts.tiers.iter().any(|x| x.name == *t));
                    if !known {
                        cx.push(
                            name,
                            rid,
                            "modifiers.may_exceed.tiers",
                            format!("{t:?} 不是本规则的档次"),
                            format!("{t:?} is not a tier of this rule"),
                        );
                    }
                }
                for c in &me.circumstances {
                    if model.is_some() && !circumstance_levels.contains(c) {
                        cx.push(
                            name,
                            rid,
                            "modifiers.may_exceed.circumstances",
                            format!("{c:?} 不是 circumstances 因素（具体情节）的等级"),
                            format!("{c:?} is not a level of the circumstances factor"),
                        );
                    }
                }
            }
        }
        for (src, used) in declared {
            if !used {
                cx.push(
                    name,
                    None,
                    &format!("source.{src}"),
                    "已声明但从未被引用",
                    "declared but never cited",
                );
            }
        }
    }
    cx.out
}

fn date_text_ok(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u8>().unwrap_or(0)),
        _ => crate::date::Date::parse(d).is_some(),
    }
}

fn check_dates(
    cx: &mut Ctx,
    file: &str,
    rule: Option<&str>,
    from: Option<crate::date::Date>,
    until: Option<crate::date::Date>,
) {
    if let (Some(a), Some(b)) = (from, until) {
        if a > b {
            cx.push(
                file,
                rule,
                "until",
                format!("终止日期 until {b} 早于起始日期 from {a}"),
                format!("until {b} is before from {a}"),
            );
        }
    }
}

fn check_band(
    cx: &mut Ctx,
    file: &str,
    rule: Option<&str>,
    key: &str,
    floor: Decimal,
    cap: Option<Decimal>,
) {
    if floor < Decimal::ZERO {
        cx.push(
            file,
            rule,
            key,
            format!("下限 floor {floor} 为负数"),
            format!("floor {floor} is negative"),
        );
    }
    if let Some(c) = cap {
        if floor > c {
            cx.push(
                file,
                rule,
                key,
                format!("下限 floor {floor} 高于上限 cap {c}"),
                format!("floor {floor} is above cap {c}"),
            );
        }
    }
}

fn check_kind(cx: &mut Ctx, file: &str, r: &Rule) {
    let rid = Some(r.id.as_str());
    if let Some(b) = &r.band {
        check_band(cx, file, rid, "band", b.floor.unwrap_or_default(), b.cap);
    }
    if let Some(t) = &r.tiers {
        if t.tiers.is_empty() {
            cx.push(file, rid, "tiers", "至少列出一档", "list at least one tier");
        }
        let mut names = HashSet::new();
        for (i, tier) in t.tiers.iter().enumerate() {
            check_band(
                cx,
                file,
                rid,
                &format!("tiers.tier.{}", tier.name),
                tier.floor,
                Some(tier.cap),
            );
            for c in &tier.covers {
                if !["general", "serious", "especially-serious"].contains(&c.as_str()) {
                    cx.push(
                        file,
                        rid,
                        &format!("tiers.tier.{}.covers", tier.name),
                        format!("{c:?} 不是通用的严重程度（general、serious、especially-serious）"),
                        format!("{c:?} is not a generic severity (general, serious, especially-serious)"),
                    );
                }
            }
            if tier.covers.is_empty()
                != (tier.covers_note_zh.is_none() && tier.covers_note_en.is_none())
                || tier.covers_note_zh.is_some() != tier.covers_note_en.is_some()
            {
                cx.push(
                    file,
                    rid,
                    &format!("tiers.tier.{}.covers", tier.name),
                    "covers 须与 covers_note_zh、covers_note_en 一并给出：说明为何此档包括该严重程度",
                    "covers goes with covers_note_zh and covers_note_en: they say why this tier takes in that severity",
                );
            }
            for n in std::iter::once(&tier.name)
                .chain(&tier.aliases)
                .chain(&tier.covers)
            {
                if !names.insert(n.clone()) {
                    cx.push(
                        file,
                        rid,
                        "tiers.tier.name",
                        format!("{n:?} 同时是两档的名称"),
                        format!("{n:?} names two tiers"),
                    );
                }
            }
            if i > 0 {
                let prev = &t.tiers[i - 1];
                let ascending = prev.floor <= tier.floor && prev.cap <= tier.cap;
                let descending = prev.floor >= tier.floor && prev.cap >= tier.cap;
                let (lo, hi) = if ascending {
                    (prev, tier)
                } else {
                    (tier, prev)
                };
                if !(ascending || descending) {
                    cx.push(
                        file,
                        rid,
                        "tiers",
                        format!("档次 {:?} 与 {:?} 未按顺序排列", prev.name, tier.name),
                        format!("tiers {:?} and {:?} are not in order", prev.name, tier.name),
                    );
                } else if lo.cap > hi.floor {
                    cx.push(
                        file,
                        rid,
                        "tiers",
                        format!(
                            "档次 {:?} 与 {:?} 重叠（{} > {}）；相邻两档只能共用边界值",
                            lo.name, hi.name, lo.cap, hi.floor
                        ),
                        format!(
                        "tiers {:?} and {:?} overlap ({} > {}); tiers may only share a boundary",
                        lo.name, hi.name, lo.cap, hi.floor),
                    );
                }
            }
        }
    }
    if let Some(fm) = &r.formula {
        if fm.grade_coefficients.len() != 10 {
            cx.push(
                file,
                rid,
                "formula.grade_coefficients",
                format!(
                    "须为 1 至 10 级各给一个系数；现有 {} 个",
                    fm.grade_coefficients.len()
                ),
                format!(
                    "needs one coefficient for each grade 1 to 10; found {}",
                    fm.grade_coefficients.len()
                ),
            );
        }
        for w in fm.grade_coefficients.windows(2) {
            if w[1] > w[0] {
                cx.push(
                    file,
                    rid,
                    "formula.grade_coefficients",
                    "系数自 1 级（最重）至 10 级不得上升",
                    "coefficients must not rise from grade 1 (most severe) to grade 10",
                );
                break;
            }
        }
        if fm
            .grade_coefficients
            .iter()
            .any(|c| *c < Decimal::ZERO || *c > Decimal::ONE)
        {
            cx.push(
                file,
                rid,
                "formula.grade_coefficients",
                "系数须在 [0, 1] 之间",
                "coefficients lie in [0, 1]",
            );
        }
        if fm.base <= Decimal::ZERO {
            cx.push(file, rid, "formula.base", "必须大于 0", "must be above 0");
        }
    }
    if let Some(m) = &r.multiple {
        if m.multiple <= Decimal::ZERO {
            cx.push(
                file,
                rid,
                "multiple.multiple",
                "必须大于 0",
                "must be above 0",
            );
        }
        if let Some(a) = &m.age_reduction {
            if a.min > m.multiple || a.per_year < Decimal::ZERO {
                cx.push(
                    file,
                    rid,
                    "multiple.age_reduction",
                    "须满足 0 ≤ per_year 且 min ≤ multiple",
                    "needs 0 ≤ per_year and min ≤ multiple",
                );
            }
        }
    }
    if let Some(t) = &r.table {
        let mut last = None;
        for (i, row) in t.rows.iter().enumerate() {
            let is_last = i + 1 == t.rows.len();
            match (row.up_to_days, is_last) {
                (None, false) => cx.push(
                    file,
                    rid,
                    "table.row.up_to_days",
                    "只有最后一行可以不设上限（不写 up_to_days）",
                    "only the last row may be open",
                ),
                (Some(_), true) => cx.push(
                    file,
                    rid,
                    "table.row.up_to_days",
                    "最后一行必须不设上限（不写 up_to_days）",
                    "the last row must be open (no up_to_days)",
                ),
                _ => {}
            }
            if let (Some(a), Some(b)) = (last, row.up_to_days) {
                if b <= a {
                    cx.push(
                        file,
                        rid,
                        "table.row.up_to_days",
                        format!("各行须递增：{a} 之后是 {b}"),
                        format!("rows must ascend: {b} after {a}"),
                    );
                }
            }
            last = row.up_to_days.or(last);
            if row.cap > row.severe_cap {
                cx.push(
                    file,
                    rid,
                    "table.row.severe_cap",
                    format!("severe_cap {} 低于 cap {}", row.severe_cap, row.cap),
                    format!("severe_cap {} is below cap {}", row.severe_cap, row.cap),
                );
            }
        }
        if t.rows.is_empty() {
            cx.push(
                file,
                rid,
                "table.row",
                "至少列出一行",
                "list at least one row",
            );
        }
    }
    if let Some(s) = &r.share {
        check_share(cx, file, rid, "share", s.rate, Some(s.floor));
        if s.round_to_article.is_some() && s.round_to.is_none() {
            cx.push(
                file,
                rid,
                "share.round_to_article",
                "只在给出 round_to 时使用：它是规定计数单位的条文".to_string(),
                "only with round_to: it is the article that sets the unit".to_string(),
            );
        }
    }
}

/// A share of `base_compensation` (`[rule.share]` or `[context_note.share]`): the rate in (0, 1],
/// the floor, if any, not negative; each problem names the value found.
fn check_share(
    cx: &mut Ctx,
    file: &str,
    rule: Option<&str>,
    key: &str,
    rate: Decimal,
    floor: Option<Decimal>,
) {
    if rate <= Decimal::ZERO || rate > Decimal::ONE {
        cx.push(
            file,
            rule,
            &format!("{key}.rate"),
            format!("比例须在 (0, 1] 之间；现为 {rate}"),
            format!("a share lies in (0, 1]; found {rate}"),
        );
    }
    if let Some(f) = floor.filter(|f| *f < Decimal::ZERO) {
        cx.push(
            file,
            rule,
            &format!("{key}.floor"),
            format!("不得为负数；现为 {f}"),
            format!("must not be negative; found {f}"),
        );
    }
}

fn check_regions(cx: &mut Ctx, regions: &[Region]) {
    let f = super::REGIONS_FILE;
    let mut names: HashMap<String, String> = HashMap::new();
    let mut has_national = false;
    for r in regions {
        has_national |= r.id == NATIONAL;
        let all = r.names();
        let mut own = HashSet::new();
        for n in all {
            let k = normalise(n);
            if !own.insert(k.clone()) {
                continue;
            }
            if let Some(other) = names.insert(k, r.id.clone()) {
                cx.push(
                    f,
                    None,
                    &format!("region.{}", r.id),
                    format!("名称 {n:?} 也是 {other} 的名称"),
                    format!("name {n:?} is also a name of {other}"),
                );
            }
        }
    }
    if !has_national {
        cx.push(
            f,
            None,
            "region",
            "regions.toml 必须列出 `national`",
            "regions.toml must list `national`",
        );
    }
}

fn check_model(cx: &mut Ctx, file: &str, m: &Model) {
    let ids: Vec<&str> = m.factors.iter().map(|f| f.id.as_str()).collect();
    for want in FACTOR_IDS {
        if !ids.contains(want) {
            cx.push(
                file,
                None,
                "model.factor",
                format!("缺少因素 {want:?}"),
                format!("missing factor {want:?}"),
            );
        }
    }
    for f in &m.factors {
        let key = format!("model.factor.{}", f.id);
        if !FACTOR_IDS.contains(&f.id.as_str()) {
            cx.push(
                file,
                None,
                &key,
                format!("未知因素；六个因素为 {}", FACTOR_IDS.join("、")),
                format!("unknown factor; the six are {}", FACTOR_IDS.join(", ")),
            );
        }
        // weights are relative (a factor's share is its weight over their sum); bounded so that
        // their sum and the model's arithmetic on them stay numbers the tool can hold
        if f.weight < Decimal::ZERO || f.weight > MODEL_LIMIT {
            cx.push(
                file,
                None,
                &key,
                "权重 weight 须在 [0, 100] 之间",
                "weight must lie in [0, 100]",
            );
        }
        if !f.levels.iter().any(|l| l.name == f.default) {
            cx.push(
                file,
                None,
                &key,
                format!("默认等级 default {:?} 不是该因素的等级之一", f.default),
                format!("default {:?} is not one of its levels", f.default),
            );
        }
        for (i, l) in f.levels.iter().enumerate() {
            // a level name given twice would leave a case's level, and the rules matching it,
            // to whichever came first
            if f.levels[..i].iter().any(|o| o.name == l.name) {
                cx.push(
                    file,
                    None,
                    &key,
                    format!("等级名 {:?} 出现了两次；每个等级须有自己的名称", l.name),
                    format!(
                        "level name {:?} is given twice; each level needs a name of its own",
                        l.name
                    ),
                );
            }
            if l.score < Decimal::ZERO || l.score > Decimal::ONE {
                cx.push(
                    file,
                    None,
                    &key,
                    format!("等级 {:?} 的分值 score 须在 [0, 1] 之间", l.name),
                    format!("level {:?} score must lie in [0, 1]", l.name),
                );
            }
        }
    }
    // a sum that cannot be held has a weight out of bounds, named above
    if m.factors
        .iter()
        .try_fold(Decimal::ZERO, |a, f| a.checked_add(f.weight))
        .is_some_and(|sum| sum <= Decimal::ZERO)
    {
        cx.push(
            file,
            None,
            "model.factor.weight",
            "各因素的权重不得全为 0",
            "the weights must not all be 0",
        );
    }
    let consequence: Vec<&str> = m
        .factors
        .iter()
        .find(|f| f.id == "consequence")
        .map(|f| f.levels.iter().map(|l| l.name.as_str()).collect())
        .unwrap_or_default();
    let mut grades = Vec::new();
    for g in &m.grade_consequence {
        grades.extend(g.grades.iter().copied());
        if !consequence.contains(&g.level.as_str()) {
            cx.push(
                file,
                None,
                "model.grade_consequence.level",
                format!("{:?} 不是 consequence 因素（侵权后果）的等级", g.level),
                format!("{:?} is not a consequence level", g.level),
            );
        }
    }
    grades.sort_unstable();
    if !m.grade_consequence.is_empty() && grades != (1..=10).collect::<Vec<u8>>() {
        cx.push(
            file,
            None,
            "model.grade_consequence.grades",
            "须覆盖 1 至 10 级，每级恰好一次",
            "must cover grades 1 to 10, each once",
        );
    }
    for lv in m
        .death_consequence
        .iter()
        .chain(m.injury_consequence.iter().map(|i| &i.level))
    {
        if !consequence.contains(&lv.as_str()) {
            cx.push(
                file,
                None,
                "model",
                format!("{lv:?} 不是 consequence 因素（侵权后果）的等级"),
                format!("{lv:?} is not a consequence level"),
            );
        }
    }
    let width_ok = |w: Decimal| w >= Decimal::ZERO && w <= MODEL_LIMIT;
    if !width_ok(m.base_width) || !width_ok(m.unknown_width) {
        cx.push(
            file,
            None,
            "model",
            "宽度 base_width、unknown_width 须在 [0, 100] 之间",
            "widths base_width and unknown_width must lie in [0, 100]",
        );
    }
}

/// The largest model weight or width a rule file may give: far above any the model needs
/// (weights are relative; a half-width of 1 already spans the band), and small enough that the
/// model's sums and products of them cannot overflow a decimal.
const MODEL_LIMIT: Decimal = Decimal::ONE_HUNDRED;

#[cfg(test)]
mod tests {
    use super::enclosing_rule;

    #[test]
    fn a_problem_is_placed_in_its_rule_and_not_in_a_later_source() {
        let text = "[jurisdiction]\nid = \"x\"\n\n[[rule]]\nid = \"x.one\"\n[rule.band]\nfloor = 1\n\n[[source]]\nid = \"s\"\n";
        let in_band = text.find("floor").unwrap();
        assert_eq!(enclosing_rule(text, in_band).as_deref(), Some("x.one"));
        let in_source = text.rfind("id = \"s\"").unwrap();
        assert_eq!(enclosing_rule(text, in_source), None);
        assert_eq!(enclosing_rule(text, 3), None);
        // any other table ends the rule; a comment naming a table does not
        let text = "[[rule]]\nid = \"x.one\"\n# unlike a [[source]]\nfloor = 1\n[criminal_info]\nbad = 1\n[[severity_from_facts]]\nbad = 2\n";
        assert_eq!(
            enclosing_rule(text, text.find("floor").unwrap()).as_deref(),
            Some("x.one")
        );
        assert_eq!(enclosing_rule(text, text.find("bad = 1").unwrap()), None);
        assert_eq!(enclosing_rule(text, text.find("bad = 2").unwrap()), None);
    }
}
