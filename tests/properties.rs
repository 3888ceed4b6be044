//! Properties over generated cases for every jurisdiction, through the library.

use proptest::prelude::*;
use serde_json::{json, Value};
use solatium::{Case, Date, RuleBase};
use std::sync::OnceLock;

fn rb() -> &'static RuleBase {
    static RB: OnceLock<RuleBase> = OnceLock::new();
    RB.get_or_init(|| RuleBase::embedded().expect("embedded rules load"))
}

fn today() -> Date {
    Date::parse("2026-11-22").unwrap()
}

const PROVINCES: &[&str] = &[
    "national",
    "sichuan",
    "anhui",
    "shandong",
    "fujian",
    "jiangsu",
    "beijing",
    "shaanxi",
    "chongqing",
    "guangdong",
    "yunnan",
    "henan",
    "zhejiang",
    "neimenggu",
    "tianjin",
    "shanghai",
    "hebei",
];
const HARMS: &[&str] = &[
    "death",
    "disability",
    "injury",
    "personality",
    "memorial",
    "ip-moral",
    "personal-info",
    "detention",
];
const CONTEXTS: &[&str] = &["civil", "traffic", "medical-accident", "state-compensation"];

fn pick(xs: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    (0..xs.len()).prop_map(move |i| xs[i])
}

fn opt_level(xs: &'static [&'static str]) -> impl Strategy<Value = Option<&'static str>> {
    proptest::option::of(pick(xs))
}

fn case_strategy() -> impl Strategy<Value = Value> {
    (
        (pick(PROVINCES), pick(HARMS), pick(CONTEXTS), 1u8..=10, 0u32..=100, 0u32..=100),
        (
            opt_level(&["intent", "gross-negligence", "ordinary-negligence", "slight-negligence"]),
            opt_level(&["egregious", "serious", "ordinary", "minor"]),
            opt_level(&["severe", "serious", "ordinary", "minor"]),
            opt_level(&["general", "serious", "especially-serious"]),
            opt_level(&["natural", "organization"]),
            opt_level(&["slight", "minor", "serious"]),
        ),
        (0u32..=100, 1u32..=4000, 10_000u64..=300_000, 0u64..=2_000_000, any::<bool>(), 2015i32..=2026),
    )
        .prop_map(|((p, h, c, g, l, vf), (fault, circ, cons, sev, inf, inj), (age, days, stat, base, profit, year))| {
            let mut m = json!({
                "province": p, "harm": h, "context": c,
                "liability": rust_decimal::Decimal::new(l as i64, 2).to_string(), "victim_fault": rust_decimal::Decimal::new(vf as i64, 2).to_string(),
                "age": age, "detention_days": days, "avg_living_expense": stat, "avg_wage": stat * 3,
                "base_compensation": base, "profit_motive": profit, "gain": base / 10,
                "date": format!("{year}-06-01"),
                "info_items": {"sensitive": days, "other": base / 100},
            });
            let o = m.as_object_mut().unwrap();
            if h == "disability" {
                o.insert("disability_grade".into(), json!(g));
            }
            let mut f = serde_json::Map::new();
            if let Some(x) = fault { f.insert("fault".into(), json!(x)); }
            if let Some(x) = circ { f.insert("circumstances".into(), json!(x)); }
            if let Some(x) = cons { f.insert("consequence".into(), json!(x)); }
            o.insert("factors".into(), Value::Object(f));
            if let Some(x) = sev { o.insert("severity".into(), json!(x)); }
            if let Some(x) = inf { o.insert("infringer".into(), json!(x)); }
            if let Some(x) = inj { if h == "injury" { o.insert("injury_degree".into(), json!(x)); } }
            m
        })
}

/// A number below 10 000 in Chinese numerals as statutes write them (an independent writer for
/// the reader's test): 一千一百八十三, 一百零八, 十一 (a leading 一十 is written 十), 一千零五.
fn statute_numeral(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ["千", "百", "十", ""];
    let mut out = String::new();
    let mut gap = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push('零');
            gap = false;
        }
        if !(i == 2 && d == 1 && out.is_empty()) {
            out.push_str(D[d as usize]);
        }
        out.push_str(units[i]);
    }
    out
}

/// Every article number 1–9999 written as statutes write it reads back as itself.
#[test]
fn every_chinese_article_number_reads_back() {
    for n in 1u32..10_000 {
        let zh = format!("第{}条", statute_numeral(n));
        assert_eq!(solatium::i18n::article_en(&zh), format!("Art. {n}"), "{zh}");
    }
    assert_eq!(statute_numeral(1183), "一千一百八十三");
    assert_eq!(statute_numeral(108), "一百零八");
    assert_eq!(statute_numeral(1005), "一千零五");
    assert_eq!(statute_numeral(12), "十二");
}

fn run(v: &Value) -> Option<solatium::Estimate<'static>> {
    let c = Case::from_json(v).ok()?;
    solatium::estimate(rb(), &c, today()).ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn range_is_ordered_and_inside_the_band(v in case_strategy()) {
        if let Some(e) = run(&v) {
            let a = e.amount;
            prop_assert!(a.low <= a.point, "{v}: {a:?}");
            if let Some(h) = a.high {
                prop_assert!(a.point <= h, "{v}: {a:?}");
            }
            let lifted = a.high.is_none() || e.band.cap.is_none();
            if !lifted {
                if let (Some(cap), Some(h)) = (e.band.cap, a.high) {
                    // a rule that lets a case exceed its cap raises the band with it (Zhejiang
                    // 第15条) or lifts it (None): a stated cap is never exceeded
                    prop_assert!(h <= cap, "{v}: high {h} above cap {cap}");
                }
                prop_assert!(a.low >= e.band.floor || e.basis == solatium::estimate::Basis::CrossProvince, "{v}: {a:?} {:?}", e.band);
            } else {
                prop_assert!(!e.notes.is_empty(), "an uncapped estimate says why");
            }
            // JSON output parses back
            let j = solatium::report::json::estimate(&e, solatium::Lang::Zh).to_string();
            let back: Value = serde_json::from_str(&j).unwrap();
            prop_assert_eq!(back["amount"]["point"].to_string(), e.amount.point.normalize().to_string());
            let _ = solatium::report::text::render(&e, solatium::Lang::En);
            // the batch writer's bytes are serde_json's for the same record, in both languages
            for lang in [solatium::Lang::Zh, solatium::Lang::En] {
                let pos = solatium::report::json::Position { index: 7, file: Some("案件/a \"b\".json"), line: 12 };
                let mut fast = Vec::new();
                solatium::report::json::write_estimate_at(&mut fast, &e, lang, pos);
                let Value::Object(m) = solatium::report::json::estimate(&e, lang) else { unreachable!() };
                let mut expected = serde_json::Map::new();
                for (k, v) in m {
                    expected.insert(k.clone(), v);
                    if k == "id" {
                        expected.insert("index".into(), json!(7));
                        expected.insert("file".into(), json!("案件/a \"b\".json"));
                        expected.insert("line".into(), json!(12));
                    }
                }
                let expected = serde_json::to_string(&Value::Object(expected)).unwrap();
                prop_assert_eq!(String::from_utf8(fast).unwrap(), expected);
            }
        }
    }

    #[test]
    fn a_more_severe_grade_never_gives_less(v in case_strategy(), g in 1u8..10) {
        let mut v = v;
        v["harm"] = json!("disability");
        v["disability_grade"] = json!(g + 1);
        let milder = run(&v);
        v["disability_grade"] = json!(g);
        let worse = run(&v);
        if let (Some(m), Some(w)) = (milder, worse) {
            prop_assert!(w.amount.point >= m.amount.point, "{v}: grade {g} {:?} < grade {} {:?}", w.amount, g + 1, m.amount);
            if let (Some(wh), Some(mh)) = (w.amount.high, m.amount.high) {
                prop_assert!(wh >= mh);
            }
        }
    }

    #[test]
    fn higher_liability_never_gives_less(v in case_strategy(), a in 0u32..=100, b in 0u32..=100) {
        let (lo, hi) = (a.min(b), a.max(b));
        let mut v = v;
        v["liability"] = json!(rust_decimal::Decimal::new(lo as i64, 2).to_string());
        let low = run(&v);
        v["liability"] = json!(rust_decimal::Decimal::new(hi as i64, 2).to_string());
        let high = run(&v);
        if let (Some(l), Some(h)) = (low, high) {
            prop_assert!(h.amount.point >= l.amount.point, "{v}");
        }
    }

    #[test]
    fn more_victim_fault_never_gives_more(v in case_strategy(), a in 0u32..=100, b in 0u32..=100) {
        let (lo, hi) = (a.min(b), a.max(b));
        let mut v = v;
        v["victim_fault"] = json!(rust_decimal::Decimal::new(lo as i64, 2).to_string());
        let less = run(&v);
        v["victim_fault"] = json!(rust_decimal::Decimal::new(hi as i64, 2).to_string());
        let more = run(&v);
        if let (Some(l), Some(m)) = (less, more) {
            prop_assert!(m.amount.point <= l.amount.point, "{v}");
        }
    }

    #[test]
    fn arbitrary_json_never_panics(s in "\\PC{0,200}") {
        if let Ok(v) = serde_json::from_str::<Value>(&s) {
            if let Ok(c) = Case::from_json(&v) {
                let _ = solatium::estimate(rb(), &c, today());
            }
        }
    }

    /// Whatever the text, reading an article never panics, and what it cannot read stays as written.
    #[test]
    fn any_article_text_is_read_or_left_alone(s in "[第条款项之至（）、一二三四五六七八九十百千零0-9–-]{0,12}") {
        let en = solatium::i18n::article_en(&s);
        prop_assert!(en == s || en.starts_with("Art.") || en.starts_with("item") || en.starts_with('¶') || en.contains('.'), "{s} → {en}");
    }

    #[test]
    fn plain_text_of_any_decimal_is_its_display(lo in any::<u32>(), mid in any::<u32>(), hi in any::<u32>(), neg in any::<bool>(), scale in 0u32..=28) {
        let d = rust_decimal::Decimal::from_parts(lo, mid, hi, neg, scale);
        let expected = if d.is_zero() { "0".to_string() } else { d.normalize().to_string() };
        let mut bytes = Vec::new();
        solatium::money::push_plain_bytes(&mut bytes, d);
        prop_assert_eq!(String::from_utf8(bytes).unwrap(), expected.clone());
        prop_assert_eq!(solatium::money::plain(d), expected);
    }

    /// Amounts and coefficients carry trailing zeros (`20000.00`, `0.50`, `0` at scale 2): small
    /// mantissas times a power of ten, at every scale.
    #[test]
    fn plain_text_drops_trailing_zeros_as_normalize_does(m in 0u64..1_000_000, zeros in 0u32..=12, neg in any::<bool>(), scale in 0u32..=28) {
        let mantissa = i128::from(m) * 10i128.pow(zeros) * if neg { -1 } else { 1 };
        let d = rust_decimal::Decimal::from_i128_with_scale(mantissa, scale);
        let expected = if d.is_zero() { "0".to_string() } else { d.normalize().to_string() };
        let mut bytes = Vec::new();
        solatium::money::push_plain_bytes(&mut bytes, d);
        prop_assert_eq!(String::from_utf8(bytes).unwrap(), expected.clone());
        prop_assert_eq!(solatium::money::plain(d), expected);
    }
}
