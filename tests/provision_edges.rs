//! Edges of the provisions that no other test pinned: state-compensation rounding and floors
//! (A7), the provinces pinned only by snapshots (B10 Yunnan, B11 Henan, C2 Inner Mongolia,
//! C3 Tianjin), Guangdong's detention table (B9), Shaanxi's tiers (B7), the personal-information
//! criminal thresholds (A6), the victim's own fault (B6 Beijing, B2 Anhui), Sichuan's death age
//! reduction (B1) and Shandong's open top and the six-factor citation switch (B3, A2).
//!
//! Every expected figure is computed by hand from the provision in PROVISIONS.md named next to it.
//! Where a test asserts `amount.low` / `amount.high`, the range is the whole band, by the tool's
//! model (rules/national.toml `[model]`): the half-width is 0.1 + 1 × (unknown weight / total).
//! With every factor unknown it is 1.1, so score ± 1.1 covers [0, 1] whatever the score. When only
//! the consequence is read from the case (death, a disability grade: weight 0.35), the half-width
//! is 0.1 + 0.65 = 0.75 and the score is 0.17 + 0.35 × c (fault 0.2 × 0.3 + circumstances
//! 0.2 × 0.25 + gain 0 + ability 0.1 × 0.3 + living standard 0.1 × 0.3 = 0.17): for c = 1 (death,
//! grades 1–2) 0.52 ± 0.75, for c = 0.7 (grades 3–5) 0.415 ± 0.75 and for c = 0.25 (grades 6–8)
//! 0.2575 ± 0.75 — each covers [0, 1], so the range is again the whole band. Grades 9–10
//! (c = 0.1: 0.205 + 0.75 = 0.955) do not, so for them only the band is asserted.

mod common;

use common::*;

// ---------------------------------------------------------------------------------------------
// A. State compensation (PROVISIONS.md A7)
// ---------------------------------------------------------------------------------------------

fn state_comp(base: &str, severity: Option<&str>, date: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "--province",
        "national",
        "--context",
        "state-compensation",
        "--harm",
        "detention",
        "--base-compensation",
        base,
        "--date",
        date,
    ];
    if let Some(s) = severity {
        args.extend(["--severity", s]);
    }
    args.extend(extra);
    ok(&args)
}

/// A7, the 2014 opinion: "原则上不超过…总额的百分之三十五". 123457 × 35% = 43209.95; the largest
/// whole-yuan amount that does not exceed it is 43209, so the band's cap rounds down (half up would
/// give 43210, 0.05 above the 35%). With every factor at its highest the model's point is the cap
/// itself, 43209.95, and the rounding step says it went down; the low is
/// 43209.95 − 0.1 × (43209.95 − 1000) = 38988.955 → 38989 (half up: not a cap).
#[test]
fn a7_2014_cap_of_35pct_rounds_down_to_whole_yuan_43209_95_to_43209() {
    let v = state_comp("123457", None, "2018-05-01", &[]);
    assert_eq!(s(&v, "rule"), "national.state-comp.2014");
    assert_eq!(band(&v), (1000, Some(43209)));
    assert_eq!(range(&v), (1000, Some(43209)));

    for (lang, label) in [
        ("zh", "取整：到元，向下取整以不超过上限"),
        (
            "en",
            "rounding: down to whole yuan, so as not to exceed the cap",
        ),
    ] {
        let mut extra = EVERY_FACTOR_AT_ITS_HIGHEST.to_vec();
        extra.extend(["--lang", lang]);
        let v = state_comp("123457", None, "2018-05-01", &extra);
        assert_eq!(amount(&v), (38989, 43209, Some(43209)), "{lang}");
        assert_eq!(band(&v), (1000, Some(43209)), "{lang}");
        let last = v["steps"].as_array().unwrap().last().unwrap();
        assert_eq!(last["rule"], "rounding");
        assert_eq!(last["label"], label);
        assert_eq!(last["text"], "43209.95 → 43209");
    }
}

/// A8 Art. 50 (11): death, "赔偿年限最长不超过6年" of the average living expense. 20000.25 × 6 =
/// 120001.5: the cap permits at most 120001 whole yuan (half up would give 120002). Every factor
/// at its highest puts the point on the cap; the low is 120001.5 × 0.9 = 108001.35 → 108001.
#[test]
fn a8_medical_death_cap_of_six_years_rounds_down_120001_5_to_120001() {
    let mut args = vec![
        "--province",
        "national",
        "--context",
        "medical-accident",
        "--harm",
        "death",
        "--avg-living-expense",
        "20000.25",
    ];
    let v = ok(&args);
    assert_eq!(s(&v, "rule"), "national.medical-accident.death");
    assert_eq!(band(&v), (0, Some(120001)));
    args.extend(EVERY_FACTOR_AT_ITS_HIGHEST);
    let v = ok(&args);
    assert_eq!(amount(&v), (108001, 120001, Some(120001)));
}

/// Beijing item 25: "一般不超过…平均工资收入的5倍". 12345.75 × 5 = 61728.75, so the cap permits
/// 61728 whole yuan. Every factor at its highest puts the point on the cap: 61728, and the low is
/// 61728.75 × 0.9 = 55555.875 → 55556. A cross-province reference (Hebei has no rule of its own)
/// shows Beijing's figures rounded the same way in its step.
#[test]
fn b_beijing_cap_of_five_wages_rounds_down_here_and_in_a_cross_province_step() {
    let case = |province: &'static str| {
        let mut args = vec![
            "--province",
            province,
            "--disability-grade",
            "3",
            "--avg-wage",
            "12345.75",
        ];
        args.extend(EVERY_FACTOR_AT_ITS_HIGHEST);
        ok(&args)
    };
    let v = case("beijing");
    assert_eq!(s(&v, "rule"), "beijing.disability");
    assert_eq!(band(&v), (0, Some(61728)));
    assert_eq!(amount(&v), (55556, 61728, Some(61728)));

    let v = case("hebei");
    assert_eq!(s(&v, "rule"), "cross-province");
    let step = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|st| st["rule"] == "beijing.disability")
        .expect("a Beijing step");
    assert_eq!(step["label"], "北京市：参考幅度，估算 61728");
    assert_eq!(step["text"], "0 – 61728.75 → 55556 – 61728");
}

/// A7 Art. 8: 严重后果 → at most 50% (包括本数); Art. 10: at least 1000, in whole thousands.
/// 25500 × 50% = 12750; the largest whole thousand not above it is 12000 (the cap rounds down).
#[test]
fn a7_serious_25500_x_50pct_12750_cap_rounds_down_to_12000_floor_1000() {
    let v = state_comp("25500", Some("serious"), "2025-01-01", &[]);
    assert_eq!(s(&v, "rule"), "national.state-comp.2021");
    assert_eq!(band(&v), (1000, Some(12000)));
    assert_eq!(
        range(&v),
        (1000, Some(12000)),
        "every factor unknown: the whole band"
    );
    assert!(
        cites(&v, "spc-state-2021", "第八条、第十条"),
        "{:?}",
        citations(&v)
    );
}

/// A7 Art. 8 "百分之五十以下（包括本数）": 24000 × 50% = 12000 exactly, already a whole thousand.
#[test]
fn a7_serious_24000_x_50pct_12000_cap_is_inclusive() {
    let v = state_comp("24000", Some("serious"), "2025-01-01", &[]);
    assert_eq!(band(&v), (1000, Some(12000)));
    assert_eq!(range(&v), (1000, Some(12000)));
}

/// A7 Art. 8: 后果特别严重 "可以在百分之五十以上酌定", no upper limit; 以上 includes the number, so
/// the range starts at 25500 × 50% = 12750; Art. 10 whole thousands → the smallest whole thousand
/// not below it, 13000 (the floor rounds up). Nothing above is fixed: the point is that floor.
#[test]
fn a7_especially_serious_25500_from_12750_rounds_up_to_13000_no_cap() {
    let v = state_comp("25500", Some("especially-serious"), "2025-01-01", &[]);
    assert_eq!(s(&v, "rule"), "national.state-comp.2021.especially-serious");
    assert_eq!(band(&v), (13000, None));
    assert_eq!(amount(&v), (13000, 13000, None));
    // the rounding is printed, as it is for a cap
    assert_eq!(
        v["steps"][0]["text"],
        "25500 × 50% = 12750 → 13000 (↑ 1000)"
    );
    assert_eq!(v["steps"][0]["amount"], 13000);
}

/// A7 Art. 10 "一般不少于一千元": 1500 × 50% = 750 < 1000, so the floor 1000 is the only figure.
#[test]
fn a7_serious_1500_x_50pct_750_below_floor_gives_1000() {
    let v = state_comp("1500", Some("serious"), "2025-01-01", &[]);
    assert_eq!(band(&v), (1000, Some(1000)));
    assert_eq!(amount(&v), (1000, 1000, Some(1000)));
}

/// A7 Arts. 8, 10: 3999 × 50% = 1999.5 → whole thousands down → 1000, which is also the floor.
#[test]
fn a7_serious_3999_x_50pct_1999_5_rounds_down_to_1000() {
    let v = state_comp("3999", Some("serious"), "2025-01-01", &[]);
    assert_eq!(amount(&v), (1000, 1000, Some(1000)));
}

/// A7 Arts. 8, 10: especially serious, 1500 × 50% = 750 → up to whole thousands 1000 = the floor;
/// no cap.
#[test]
fn a7_especially_serious_1500_x_50pct_750_gives_floor_1000_no_cap() {
    let v = state_comp("1500", Some("especially-serious"), "2025-01-01", &[]);
    assert_eq!(band(&v), (1000, None));
    assert_eq!(amount(&v), (1000, 1000, None));
    assert_eq!(v["steps"][0]["text"], "1500 × 50% = 750 → 1000 (↑ 1000)");
}

/// A7 (superseded 2014 opinion, in use until 2021-03-31): "原则上不超过…总额的百分之三十五，
/// 最低不少于一千元", no thousands rounding: 25500 × 35% = 8925.
#[test]
fn a7_2014_opinion_25500_x_35pct_8925_cap_unrounded() {
    for date in ["2020-01-01", "2021-03-31"] {
        let v = state_comp("25500", Some("serious"), date, &[]);
        assert_eq!(s(&v, "rule"), "national.state-comp.2014", "{date}");
        assert_eq!(band(&v), (1000, Some(8925)), "{date}");
        assert_eq!(range(&v), (1000, Some(8925)), "{date}");
        assert!(
            cites_source(&v, "spc-state-2014"),
            "{date}: {:?}",
            citations(&v)
        );
    }
}

/// A7 2014 opinion: 2000 × 35% = 700 < "最低不少于一千元" → 1000.
#[test]
fn a7_2014_opinion_2000_x_35pct_700_below_floor_gives_1000() {
    let v = state_comp("2000", Some("serious"), "2020-01-01", &[]);
    assert_eq!(s(&v, "rule"), "national.state-comp.2014");
    assert_eq!(amount(&v), (1000, 1000, Some(1000)));
}

/// A7: the 2021 interpretation is in force from 2021-04-01 (Art. 14). 25500: 2021-03-31 → 35% =
/// 8925; 2021-04-01 → 50% = 12750 → 12000.
#[test]
fn a7_rule_switches_on_2021_04_01_from_8925_to_12000() {
    let before = state_comp("25500", Some("serious"), "2021-03-31", &[]);
    let after = state_comp("25500", Some("serious"), "2021-04-01", &[]);
    assert_eq!(band(&before), (1000, Some(8925)));
    assert_eq!(band(&after), (1000, Some(12000)));
    assert_eq!(s(&after, "rule"), "national.state-comp.2021");
}

/// A7 第一条: legal persons and unincorporated organisations cannot claim → 0.
#[test]
fn a7_art_1_organization_victim_gets_0() {
    let v = state_comp(
        "25500",
        Some("serious"),
        "2025-01-01",
        &["--victim", "organization"],
    );
    assert_eq!(amount(&v), (0, 0, Some(0)));
    assert_eq!(band(&v), (0, Some(0)));
    assert_eq!(s(&v, "basis"), "refusal");
    assert!(cites(&v, "spc-state-2021", "第一条"), "{:?}", citations(&v));
}

/// A7 国家赔偿法第35条 ("造成严重后果的，应当支付…") and Art. 7 (what counts as 严重后果): a
/// general case gets no 抚慰金 → 0, under either the 2021 or the 2014 rule's dates.
#[test]
fn a7_state_comp_law_art_35_general_severity_gets_0() {
    for date in ["2025-01-01", "2020-01-01"] {
        let v = state_comp("25500", Some("general"), date, &[]);
        assert_eq!(amount(&v), (0, 0, Some(0)), "{date}");
        assert_eq!(s(&v, "basis"), "refusal", "{date}");
        assert!(
            cites(&v, "state-comp-law", "第三十五条"),
            "{date}: {:?}",
            citations(&v)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// B. Provinces pinned only by snapshots
// ---------------------------------------------------------------------------------------------

/// B10 Yunnan: "一般不得超过5万元，情况特殊的不得超过10万元". Death: band 0–50000; with egregious
/// circumstances (情况特殊) the cap is 100000 and the top of the range reaches it.
#[test]
fn b10_yunnan_death_cap_50000_egregious_100000() {
    let v = ok(&["--province", "yunnan", "--harm", "death"]);
    assert_eq!(s(&v, "rule"), "yunnan.personal-injury");
    assert_eq!(band(&v), (0, Some(50000)));
    assert_eq!(
        range(&v),
        (0, Some(50000)),
        "death: 0.52 ± 0.75 covers the band"
    );

    let v = ok(&[
        "--province",
        "yunnan",
        "--harm",
        "death",
        "--circumstances",
        "egregious",
    ]);
    assert_eq!(band(&v), (0, Some(100000)));
    assert_eq!(v["amount"]["high"], 100000);
}

/// B10 Yunnan: disability grade 6 falls under the same 0–50000 band (no grade scale in item 14).
#[test]
fn b10_yunnan_grade_6_band_0_50000() {
    let v = ok(&["--province", "yunnan", "--disability-grade", "6"]);
    assert_eq!(s(&v, "basis"), "local");
    assert_eq!(band(&v), (0, Some(50000)));
    assert_eq!(range(&v), (0, Some(50000)), "grade 6: 0.2575 ± 0.75");
}

/// B11 Henan 第30条: "死亡抚慰金参照在5000元—10万元之间酌定", civil and traffic alike.
#[test]
fn b11_henan_death_band_5000_100000() {
    for ctx in ["civil", "traffic"] {
        let v = ok(&["--province", "henan", "--harm", "death", "--context", ctx]);
        assert_eq!(s(&v, "rule"), "henan.death", "{ctx}");
        assert_eq!(band(&v), (5000, Some(100000)), "{ctx}");
        assert_eq!(range(&v), (5000, Some(100000)), "{ctx}");
    }
}

/// B11 Henan: "No figure for disability or other harms" → no local rule.
#[test]
fn b11_henan_disability_has_no_local_figure() {
    let v = ok(&["--province", "henan", "--disability-grade", "5"]);
    assert_ne!(s(&v, "basis"), "local");
}

/// C2 Inner Mongolia 第六条(三): injury without disability "500元以上至10000元以下" (traffic).
#[test]
fn c2_neimenggu_traffic_injury_500_10000() {
    let v = ok(&[
        "--province",
        "neimenggu",
        "--context",
        "traffic",
        "--harm",
        "injury",
    ]);
    assert_eq!(s(&v, "rule"), "neimenggu.injury");
    assert_eq!(band(&v), (500, Some(10000)));
    assert_eq!(range(&v), (500, Some(10000)));
}

/// C2: the scale is a traffic-accident scale; a civil injury case does not use it.
#[test]
fn c2_neimenggu_civil_injury_is_not_the_traffic_scale() {
    let v = ok(&["--province", "neimenggu", "--harm", "injury"]);
    assert_ne!(s(&v, "rule"), "neimenggu.injury");
}

/// C2 第六条(一): death "50000元（含本数）以下" in total.
#[test]
fn c2_neimenggu_traffic_death_cap_50000() {
    let v = ok(&[
        "--province",
        "neimenggu",
        "--context",
        "traffic",
        "--harm",
        "death",
    ]);
    assert_eq!(s(&v, "rule"), "neimenggu.death");
    assert_eq!(band(&v), (0, Some(50000)));
    assert_eq!(range(&v), (0, Some(50000)));
}

/// C2 第六条(二): disability "30000元以下", "每个级差10%递减" (grade 1 highest, PROVISIONS' reading):
/// grade g cap = 30000 × (1 − 0.1 × (g − 1)): grade 1 30000, grade 2 27000, grade 10 3000.
#[test]
fn c2_neimenggu_traffic_disability_caps_30000_27000_3000() {
    for (grade, cap) in [("1", 30000), ("2", 27000), ("10", 3000)] {
        let v = ok(&[
            "--province",
            "neimenggu",
            "--context",
            "traffic",
            "--disability-grade",
            grade,
        ]);
        assert_eq!(s(&v, "rule"), "neimenggu.disability", "grade {grade}");
        assert_eq!(band(&v), (0, Some(cap)), "grade {grade}");
    }
}

/// C3 Tianjin: injury without a disability grade "从严掌握，一般不予支持" → 0, basis refusal.
#[test]
fn c3_tianjin_injury_refused_0() {
    for ctx in ["civil", "traffic"] {
        let v = ok(&[
            "--province",
            "tianjin",
            "--harm",
            "injury",
            "--context",
            ctx,
        ]);
        assert_eq!(amount(&v), (0, 0, Some(0)), "{ctx}");
        assert_eq!(s(&v, "basis"), "refusal", "{ctx}");
        assert_eq!(s(&v, "rule"), "tianjin.injury", "{ctx}");
    }
}

// ---------------------------------------------------------------------------------------------
// C. Guangdong state compensation (PROVISIONS.md B9). The table ends 2021-03-31 (the 2021 SPC
// interpretation replaces it), so the cases are dated 2020-01-01. Days: a month is read as 30
// days and a year as 365 (the tool's stated reading in rules/guangdong.toml, printed in the
// notes); a boundary day belongs to the lower row (B9: "treat each boundary value as belonging to
// the lower band").
// ---------------------------------------------------------------------------------------------

fn guangdong_detention(days: &str, especially: bool) -> serde_json::Value {
    let mut args = vec![
        "--province",
        "guangdong",
        "--context",
        "state-compensation",
        "--date",
        "2020-01-01",
        "--harm",
        "detention",
        "--detention-days",
        days,
    ];
    if especially {
        args.extend(["--severity", "especially-serious"]);
    }
    ok(&args)
}

/// (days, normal cap, especially-serious cap) from the B9 table.
fn check_guangdong_rows(rows: &[(&str, i64, i64)]) {
    for &(days, cap, severe) in rows {
        let v = guangdong_detention(days, false);
        assert_eq!(s(&v, "rule"), "guangdong.state-comp.detention", "{days} d");
        assert_eq!(band(&v), (0, Some(cap)), "{days} days, normal cap");
        assert_eq!(range(&v), (0, Some(cap)), "{days} days");
        let v = guangdong_detention(days, true);
        assert_eq!(
            band(&v),
            (0, Some(severe)),
            "{days} days, especially serious cap"
        );
    }
}

/// B9 item 9: one day inside each row.
#[test]
fn b9_guangdong_each_row_cap_and_especially_serious_cap() {
    check_guangdong_rows(&[
        ("10", 1000, 2000),       // ≤20 days
        ("40", 3000, 5000),       // 20 days – 2 months
        ("75", 10000, 30000),     // 2 – 3 months
        ("200", 20000, 50000),    // 3 months – 1 year
        ("700", 50000, 100000),   // 1 – 3 years
        ("1500", 100000, 150000), // 3 – 5 years
        ("3000", 150000, 200000), // 5 – 10 years
        ("5000", 200000, 300000), // over 10 years
    ]);
}

/// B9 item 9 boundaries, each day in the lower row: 20 | 21, 60 | 61, 90 | 91 (3 × 30),
/// 365 | 366, 1095 | 1096 (3 × 365), 1825 | 1826 (5 × 365), 3650 | 3651 (10 × 365).
#[test]
fn b9_guangdong_boundary_days_fall_in_the_lower_row() {
    check_guangdong_rows(&[
        ("20", 1000, 2000),
        ("21", 3000, 5000),
        ("60", 3000, 5000),
        ("61", 10000, 30000),
        ("90", 10000, 30000),
        ("91", 20000, 50000),
        ("365", 20000, 50000),
        ("366", 50000, 100000),
        ("1095", 50000, 100000),
        ("1096", 100000, 150000),
        ("1825", 100000, 150000),
        ("1826", 150000, 200000),
        ("3650", 150000, 200000),
        ("3651", 200000, 300000),
    ]);
}

/// B9 item 10: serious injury, disability or death → cap 300000 "regardless of how long liberty
/// was lost" (10 days would otherwise cap at 1000).
#[test]
fn b9_guangdong_item_10_death_disability_serious_injury_cap_300000() {
    let base = [
        "--province",
        "guangdong",
        "--context",
        "state-compensation",
        "--date",
        "2020-01-01",
        "--detention-days",
        "10",
    ];
    for extra in [
        &["--harm", "death"][..],
        &["--disability-grade", "5"][..],
        &["--harm", "injury", "--injury-degree", "serious"][..],
    ] {
        let args: Vec<&str> = base.iter().chain(extra).copied().collect();
        let v = ok(&args);
        assert_eq!(band(&v), (0, Some(300000)), "{extra:?}");
        assert_eq!(range(&v), (0, Some(300000)), "{extra:?}");
        assert!(
            cites(&v, "gd-state", "第10项"),
            "{extra:?}: {:?}",
            citations(&v)
        );
    }
}

/// B9: the table is superseded by the national 2021 interpretation from 2021-04-01 (A7).
/// 2021-03-31, 30 days → row "20 days – 2 months", cap 3000; 2021-04-01 with base 10000 and a
/// serious consequence named → national 10000 × 50% = 5000. Naming none, 30 days (under Art. 7's
/// six months) shows no serious consequence: Art. 35 pays nothing (the tool's reading), and the
/// report still says why Guangdong's table no longer applies.
#[test]
fn b9_guangdong_table_applies_up_to_2021_03_31() {
    let common = [
        "--province",
        "guangdong",
        "--context",
        "state-compensation",
        "--harm",
        "detention",
        "--detention-days",
        "30",
        "--base-compensation",
        "10000",
    ];
    let mut before: Vec<&str> = common.to_vec();
    before.extend(["--date", "2021-03-31"]);
    let v = ok(&before);
    assert_eq!(s(&v, "rule"), "guangdong.state-comp.detention");
    assert_eq!(band(&v), (0, Some(3000)));
    let mut after: Vec<&str> = common.to_vec();
    after.extend(["--date", "2021-04-01"]);
    let v = ok(&after);
    assert_eq!(s(&v, "rule"), "national.state-comp.no-serious-consequence");
    assert_eq!(band(&v), (0, Some(0)));
    assert_eq!(n(&v["amount"]["point"]), 0);
    let all = notes(&v);
    assert!(
        all.contains("未指明严重程度：案件只给出羁押 30 日，不足六个月"),
        "{all}"
    );
    assert!(all.contains("--severity serious"), "{all}");
    assert!(
        all.contains("广东省的此类标准（规则 guangdong.state-comp.detention）只适用于 2021-03-31 及以前；本案适用日期 2021-04-01 在其后，故不再适用，适用全国性规定。"),
        "{all}"
    );
    after.extend(["--severity", "serious"]);
    let v = ok(&after);
    assert_eq!(s(&v, "rule"), "national.state-comp.2021");
    assert_eq!(band(&v), (1000, Some(5000)));
}

// ---------------------------------------------------------------------------------------------
// D. Shaanxi (PROVISIONS.md B7)
// ---------------------------------------------------------------------------------------------

/// B7 item 3, serious-consequence grades: 一 15000–20000, 三 5000–10000, 四 1000–5000 (tier names
/// level-1 / level-3 / level-4 in rules/shaanxi.toml, with the Chinese aliases).
#[test]
fn b7_shaanxi_tiers_1_3_4() {
    for (sev, floor, cap) in [
        ("level-1", 15000, 20000),
        ("一级", 15000, 20000),
        ("level-3", 5000, 10000),
        ("三级", 5000, 10000),
        ("level-4", 1000, 5000),
        ("四级", 1000, 5000),
    ] {
        let v = ok(&[
            "--province",
            "shaanxi",
            "--harm",
            "personality",
            "--severity",
            sev,
        ]);
        assert_eq!(s(&v, "rule"), "shaanxi.serious-consequence", "{sev}");
        assert_eq!(band(&v), (floor, Some(cap)), "{sev}");
        assert_eq!(range(&v), (floor, Some(cap)), "{sev}");
    }
}

/// B7 item 2: disability "the same 1000–20000" (grade 5: 0.415 ± 0.75 covers the band).
#[test]
fn b7_shaanxi_disability_grade_5_band_1000_20000() {
    let v = ok(&["--province", "shaanxi", "--disability-grade", "5"]);
    assert_eq!(s(&v, "rule"), "shaanxi.disability");
    assert_eq!(band(&v), (1000, Some(20000)));
    assert_eq!(range(&v), (1000, Some(20000)));
}

/// B7: death 1000–20000; "If the top figure is not enough, the court's 审判委员会 may decide an
/// amount of 20000–50000" → with egregious circumstances the cap is 50000.
/// (`b7_shaanxi_raise_for_items_1_2_cites_item_3` checks the raise's citation.)
#[test]
fn b7_shaanxi_death_1000_20000_egregious_cap_50000() {
    let v = ok(&["--province", "shaanxi", "--harm", "death"]);
    assert_eq!(band(&v), (1000, Some(20000)));
    let v = ok(&[
        "--province",
        "shaanxi",
        "--harm",
        "death",
        "--circumstances",
        "egregious",
    ]);
    assert_eq!(s(&v, "rule"), "shaanxi.death");
    assert_eq!(band(&v), (1000, Some(50000)));
    assert_eq!(v["amount"]["high"], 50000);
}

/// B7: "If the top figure is not enough" (item 3: 若在以上规定的最高限额内仍不足以给当事人精神抚慰的)
/// the committee may decide 20000–50000 — a range that begins where grade 一 (15000–20000) ends
/// (the rule file's reading; the item names no grade). So egregious circumstances
/// raise a grade-一 case to 50000, and leave grades 二 and 四 in their bands with the note.
/// Score with circumstances egregious and the rest at their defaults: 0.2 × 0.3 + 0.2 × 1 +
/// 0.35 × 0.25 + 0.05 × 0 + 0.1 × 0.3 + 0.1 × 0.3 = 0.4075; width 0.1 + 0.8 unknown = 0.9, so the
/// range spans the band. Points: 15000 + 5000 × 0.4075 = 17037.5 → 17038; 10000 + 5000 × 0.4075 =
/// 12037.5 → 12038; 1000 + 4000 × 0.4075 = 2630.
#[test]
fn b7_shaanxi_committee_raise_only_beyond_the_top_grade() {
    for (sev, floor, point, cap, raised) in [
        ("level-1", 15000, 17038, 50000, true),
        ("level-2", 10000, 12038, 15000, false),
        ("level-4", 1000, 2630, 5000, false),
    ] {
        let v = ok(&[
            "--province",
            "shaanxi",
            "--harm",
            "personality",
            "--severity",
            sev,
            "--circumstances",
            "egregious",
        ]);
        assert_eq!(band(&v), (floor, Some(cap)), "{sev}");
        assert_eq!(v["amount"]["point"], point, "{sev}");
        assert_eq!(v["amount"]["high"], cap, "{sev}");
        let notes = v["notes"].to_string();
        assert!(notes.contains("20000元至50000元"), "{sev}: {notes}");
        assert_eq!(notes.contains("故不提高"), !raised, "{sev}: {notes}");
    }
}

/// B7: the committee's 20000–50000 is the last sentence of item 3 ("若在以上规定的最高限额内仍不足以
/// 给当事人精神抚慰的，经该院审判委员会讨论决定，可在20000元至50000元范围内决定赔偿数额"), and PROVISIONS.md
/// F gives it to death and disability ("20,000 (50,000 with 审委会 approval)"). So a death (item 1)
/// or disability (item 2) case with egregious circumstances is raised to 50000 by a step citing
/// item 3, its band by a step citing its own item, and the note quotes item 3's words.
/// Band 1000–20000 → 1000–50000; no step moves the point.
#[test]
fn b7_shaanxi_raise_for_items_1_2_cites_item_3() {
    for (harm, rule, own) in [
        (["--harm", "death"], "shaanxi.death", "第1项"),
        (["--disability-grade", "5"], "shaanxi.disability", "第2项"),
    ] {
        let mut args = vec!["--province", "shaanxi", "--circumstances", "egregious"];
        args.extend(harm);
        let v = ok(&args);
        assert_eq!(s(&v, "rule"), rule);
        assert_eq!(band(&v), (1000, Some(50000)), "{rule}");
        let steps = step_citations(&v);
        assert_eq!(
            steps.first().map(String::as_str),
            Some(own),
            "{rule}: {steps:?}"
        );
        assert_eq!(
            steps.last().map(String::as_str),
            Some("第3项"),
            "{rule}: {steps:?}"
        );
        let n = notes(&v);
        assert!(
            n.contains("若在以上规定的最高限额内仍不足以给当事人精神抚慰的，经该院审判委员会讨论决定，可在20000元至50000元范围内决定赔偿数额"),
            "{rule}: {n}"
        );
        assert!(!n.contains("按最高标准"), "{rule}: {n}");
        args.extend(["--lang", "en"]);
        let en = ok(&args);
        assert_eq!(
            step_citations(&en).last().map(String::as_str),
            Some("item 3"),
            "{rule}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// E. Personal information, criminal thresholds (PROVISIONS.md A6: 法释〔2017〕10号 第五条).
// ¶1 items 3–5: sensitive ≥50, important ≥500, other ≥5000; item 7: gain ≥5000 yuan (all
// inclusive, 以上); item 6: categories below their thresholds summed in proportion; item 8:
// insiders half. ¶2 item 3: ten times the thresholds of items 3–8 → 特别严重.
// ---------------------------------------------------------------------------------------------

fn pi_tier(extra: &[&str]) -> String {
    let mut args = vec!["--province", "national", "--harm", "personal-info"];
    args.extend(extra);
    criminal_tier(&ok(&args))
}

fn check_tiers(cases: &[(&[&str], &str)]) {
    for (args, want) in cases {
        assert_eq!(pi_tier(args), *want, "{args:?}");
    }
}

/// Item 4 (住宿/通信记录/健康生理/交易): 500; ×10 = 5000.
#[test]
fn a6_important_499_none_500_serious_5000_especially_serious() {
    check_tiers(&[
        (&["--info-important", "499"], "none"),
        (&["--info-important", "500"], "serious"),
        (&["--info-important", "4999"], "serious"),
        (&["--info-important", "5000"], "especially-serious"),
    ]);
}

/// Item 3 (行踪轨迹/通信内容/征信/财产): 50; ×10 = 500.
#[test]
fn a6_sensitive_49_none_50_serious_500_especially_serious() {
    check_tiers(&[
        (&["--info-sensitive", "49"], "none"),
        (&["--info-sensitive", "50"], "serious"),
        (&["--info-sensitive", "499"], "serious"),
        (&["--info-sensitive", "500"], "especially-serious"),
    ]);
}

/// Item 5 (other): 5000; ×10 = 50000.
#[test]
fn a6_other_4999_none_5000_serious_50000_especially_serious() {
    check_tiers(&[
        (&["--info-other", "4999"], "none"),
        (&["--info-other", "5000"], "serious"),
        (&["--info-other", "49999"], "serious"),
        (&["--info-other", "50000"], "especially-serious"),
    ]);
}

/// Item 7: 违法所得五千元以上 (inclusive; seed's "超过" is wrong, D6); ×10 = 50000.
#[test]
fn a6_gain_4999_none_5000_serious_50000_especially_serious() {
    check_tiers(&[
        (&["--gain", "4999"], "none"),
        (&["--gain", "5000"], "serious"),
        (&["--gain", "49999"], "serious"),
        (&["--gain", "50000"], "especially-serious"),
    ]);
}

/// Item 8, insiders half: sensitive 50 / 2 = 25, ×10 = 250; important 500 / 2 = 250;
/// other 5000 / 2 = 2500; gain 5000 / 2 = 2500, ×10 = 25000.
#[test]
fn a6_insider_halves_sensitive_25_250_important_250_other_2500_gain_2500_25000() {
    check_tiers(&[
        (&["--info-sensitive", "24", "--insider"], "none"),
        (&["--info-sensitive", "25", "--insider"], "serious"),
        (&["--info-sensitive", "249", "--insider"], "serious"),
        (
            &["--info-sensitive", "250", "--insider"],
            "especially-serious",
        ),
        (&["--info-important", "249", "--insider"], "none"),
        (&["--info-important", "250", "--insider"], "serious"),
        (&["--info-other", "2500", "--insider"], "serious"),
        (&["--gain", "2499", "--insider"], "none"),
        (&["--gain", "2500", "--insider"], "serious"),
        (&["--gain", "25000", "--insider"], "especially-serious"),
    ]);
}

/// Item 6, proportional sum of items 3–5: 25/50 + 250/500 = 0.5 + 0.5 = 1 → serious;
/// 24/50 + 250/500 = 0.98 → none; 25/50 + 249/500 = 0.998 → none; 10/50 + 200/500 + 2000/5000 =
/// 0.2 + 0.4 + 0.4 = 1 → serious; with other 1999: 0.9998 → none. ¶2 item 3 (ten times items
/// 3–8, so item 6 too): 250/500 + 2500/5000 = 1 → especially serious; 249/500 + 2500/5000 =
/// 0.998 of ten times, but ≥ 1 of once → serious. Insider halves: 13/25 + 125/250 = 1.02 →
/// serious; 12/25 + 125/250 = 0.98 → none.
#[test]
fn a6_proportional_sum_across_categories() {
    check_tiers(&[
        (
            &["--info-sensitive", "25", "--info-important", "250"],
            "serious",
        ),
        (
            &["--info-sensitive", "24", "--info-important", "250"],
            "none",
        ),
        (
            &["--info-sensitive", "25", "--info-important", "249"],
            "none",
        ),
        (
            &[
                "--info-sensitive",
                "10",
                "--info-important",
                "200",
                "--info-other",
                "2000",
            ],
            "serious",
        ),
        (
            &[
                "--info-sensitive",
                "10",
                "--info-important",
                "200",
                "--info-other",
                "1999",
            ],
            "none",
        ),
        (
            &["--info-sensitive", "250", "--info-important", "2500"],
            "especially-serious",
        ),
        (
            &["--info-sensitive", "249", "--info-important", "2500"],
            "serious",
        ),
        (
            &[
                "--info-sensitive",
                "13",
                "--info-important",
                "125",
                "--insider",
            ],
            "serious",
        ),
        (
            &[
                "--info-sensitive",
                "12",
                "--info-important",
                "125",
                "--insider",
            ],
            "none",
        ),
    ]);
}

/// Item 6 sums the item 3–5 counts only; the gain (item 7) is a separate ground:
/// sensitive 25/50 = 0.5 and gain 2500/5000 = 0.5 do not add up → none.
#[test]
fn a6_gain_is_not_summed_with_counts() {
    check_tiers(&[(&["--info-sensitive", "25", "--gain", "2500"], "none")]);
}

/// 刑法 253之一 (A6): 情节严重 "三年以下有期徒刑或者拘役，并处或者单处罚金"; 情节特别严重
/// "三年以上七年以下有期徒刑，并处罚金".
#[test]
fn a6_sentences_by_tier() {
    let v = ok(&[
        "--province",
        "national",
        "--harm",
        "personal-info",
        "--info-sensitive",
        "50",
    ]);
    assert_eq!(
        v["criminal"]["sentence"],
        "三年以下有期徒刑或者拘役，并处或者单处罚金"
    );
    let v = ok(&[
        "--province",
        "national",
        "--harm",
        "personal-info",
        "--info-sensitive",
        "500",
    ]);
    assert_eq!(
        v["criminal"]["sentence"],
        "三年以上七年以下有期徒刑，并处罚金"
    );
}

/// A6: 刑法 第253条之一 "as rewritten by 刑法修正案（九） (2015)". The Code is the 全国人民代表大会's;
/// the 2015 amendment that rewrote the article (修改为, not added) is its 常务委员会's (LRB headers,
/// the text A6 cites). The source's date is the amendment's year, so its issuer names both bodies
/// instead of pairing the Congress with 2015; the criminal citation itself is unchanged.
#[test]
fn a6_criminal_law_citation_names_the_standing_committee_for_the_2015_amendment() {
    let v = ok(&["rules", "show", "national"]);
    let src = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "criminal-law")
        .unwrap();
    assert_eq!(src["date"], "2015");
    let issuer = src["issuer"].as_str().unwrap();
    assert!(issuer.starts_with("全国人民代表大会（刑法）"), "{issuer}");
    assert!(
        issuer.contains("全国人民代表大会常务委员会（刑法修正案（九））"),
        "{issuer}"
    );
    let note = src["status_note_zh"].as_str().unwrap();
    assert!(
        note.contains("由刑法修正案（九）（2015年，全国人民代表大会常务委员会通过）修改"),
        "{note}"
    );
    let v = ok(&[
        "--province",
        "national",
        "--harm",
        "personal-info",
        "--info-sensitive",
        "50",
    ]);
    assert_eq!(
        v["criminal"]["citation"],
        "《中华人民共和国刑法》第二百五十三条之一；法释〔2017〕10号第五条第一款第（三）至（八）项"
    );
}

/// B8 Chongqing Art. 21: "人民法院应综合考虑下列因素以决定是否适用精神损害赔偿" — five factors weighed
/// together, which the note had called five conditions to be met (须符合…五项条件). Art. 22's cap:
/// band 0–100000.
#[test]
fn b8_chongqing_art_21_lists_factors_weighed_together_not_conditions() {
    let v = ok(&["--province", "chongqing", "--harm", "ip-moral"]);
    assert_eq!(s(&v, "rule"), "chongqing.ip-moral");
    assert_eq!(band(&v), (0, Some(100000)));
    let n = notes(&v);
    assert!(n.contains("“应综合考虑”第二十一条所列五项因素"), "{n}");
    assert!(!n.contains("须符合"), "{n}");
}

// ---------------------------------------------------------------------------------------------
// F. The victim's own fault
// ---------------------------------------------------------------------------------------------

/// B6 Beijing item 25: disability "一般不超过…上一年平均工资收入的5倍" → 5 × 120000 = 600000;
/// item 27: the victim's fault reduces it → 600000 × (1 − 0.2) = 480000. Item 25 has no end date
/// (only item 26, death, ends with the 2004 interpretation), so today's date applies.
#[test]
fn b6_beijing_disability_5_x_120000_600000_victim_fault_0_2_480000() {
    let v = ok(&[
        "--province",
        "beijing",
        "--harm",
        "disability",
        "--avg-wage",
        "120000",
    ]);
    assert_eq!(s(&v, "rule"), "beijing.disability");
    assert_eq!(band(&v), (0, Some(600000)));
    let v = ok(&[
        "--province",
        "beijing",
        "--harm",
        "disability",
        "--avg-wage",
        "120000",
        "--victim-fault",
        "0.2",
    ]);
    assert_eq!(band(&v), (0, Some(480000)));
    assert_eq!(range(&v), (0, Some(480000)));
    assert!(
        step_citations(&v).iter().any(|c| c == "第27项"),
        "item 27 cited in the steps: {:?}",
        step_citations(&v)
    );
}

/// B2 Anhui Art. 25(2): injury 1000–5000; the victim's fault reduces in proportion:
/// 1000 × 0.5 = 500, 5000 × 0.5 = 2500.
#[test]
fn b2_anhui_injury_1000_5000_victim_fault_0_5_500_2500() {
    let v = ok(&[
        "--province",
        "anhui",
        "--harm",
        "injury",
        "--victim-fault",
        "0.5",
    ]);
    assert_eq!(s(&v, "rule"), "anhui.injury");
    assert_eq!(band(&v), (500, Some(2500)));
    assert_eq!(range(&v), (500, Some(2500)));
}

/// B2 Anhui Art. 25(2) with a victim's fault of 0.999999: 1000 × 0.000001 = 0.001 and
/// 5000 × 0.000001 = 0.005, a band with no whole yuan in it. The cap rounds down to 0, so the
/// estimate is 0 throughout, the band shows 0 – 0, and the point 0.001 + 0.004 × 0.2575 =
/// 0.00203 rounds half up to 0. Before, the floor rounded up to 1 above the cap of 0.005: an
/// amount of 1 and a band shown as 1 – 0.
#[test]
fn b2_anhui_injury_victim_fault_0_999999_a_band_without_a_whole_yuan_is_0() {
    let v = ok(&[
        "--province",
        "anhui",
        "--harm",
        "injury",
        "--victim-fault",
        "0.999999",
        "--lang",
        "en",
    ]);
    assert_eq!(s(&v, "rule"), "anhui.injury");
    assert_eq!(band(&v), (0, Some(0)));
    assert_eq!(amount(&v), (0, 0, Some(0)));
    let last = v["steps"].as_array().unwrap().last().unwrap();
    assert_eq!(last["rule"], "rounding");
    assert_eq!(last["label"], "rounding: half up to whole yuan");
    assert_eq!(last["text"], "0.00203 → 0");
}

/// B2 Anhui Art. 25(3): disability 5000–80000; × 0.5 → 2500–40000.
#[test]
fn b2_anhui_disability_5000_80000_victim_fault_0_5_2500_40000() {
    let v = ok(&[
        "--province",
        "anhui",
        "--harm",
        "disability",
        "--victim-fault",
        "0.5",
    ]);
    assert_eq!(s(&v, "rule"), "anhui.disability");
    assert_eq!(band(&v), (2500, Some(40000)));
    assert_eq!(range(&v), (2500, Some(40000)));
}

// ---------------------------------------------------------------------------------------------
// G. Sichuan (PROVISIONS.md B1). The death item ends 2004-04-30, so the cases are dated
// 2003-06-01: average living expense 20000 × 20 years; from age 70 one year less per year of
// age (years = 20 − (age − 70)), at least 10 years.
// ---------------------------------------------------------------------------------------------

fn sichuan_death(age: &str) -> serde_json::Value {
    ok(&[
        "--province",
        "sichuan",
        "--harm",
        "death",
        "--date",
        "2003-06-01",
        "--avg-living-expense",
        "20000",
        "--age",
        age,
    ])
}

#[test]
fn b1_sichuan_death_age_70_20_years_20000_x_20_400000() {
    let v = sichuan_death("70");
    assert_eq!(s(&v, "rule"), "sichuan.death");
    assert_eq!(amount(&v), (400000, 400000, Some(400000)));
}

#[test]
fn b1_sichuan_death_age_71_19_years_20000_x_19_380000() {
    assert_eq!(amount(&sichuan_death("71")), (380000, 380000, Some(380000)));
}

#[test]
fn b1_sichuan_death_age_80_10_years_20000_x_10_200000() {
    assert_eq!(amount(&sichuan_death("80")), (200000, 200000, Some(200000)));
}

/// 20 − 11 = 9 years, below the minimum of 10 → 20000 × 10 = 200000.
#[test]
fn b1_sichuan_death_age_81_min_10_years_200000() {
    assert_eq!(amount(&sichuan_death("81")), (200000, 200000, Some(200000)));
}

/// B1 item 2: 100000 × grade coefficient (grade 7: 0.4) × responsibility coefficient; no
/// liability given → full liability, coefficient 1: 100000 × 0.4 × 1 = 40000.
#[test]
fn b1_sichuan_grade_7_no_liability_full_100000_x_0_4_40000() {
    let v = ok(&["--province", "sichuan", "--disability-grade", "7"]);
    assert_eq!(s(&v, "rule"), "sichuan.disability");
    assert_eq!(amount(&v), (40000, 40000, Some(40000)));
}

/// B1 item 2 in its own words: "如责任人承担全部责任的，责任系数为1；承担一半责任的，责任系数为0.5" —
/// half liability (一半责任), which the note had given as 同等责任 (equal liability, another term).
/// 100000 × 0.4 (grade 7) × 0.5 = 20000.
#[test]
fn b1_sichuan_liability_note_quotes_half_liability_not_equal_liability() {
    let args = [
        "--province",
        "sichuan",
        "--disability-grade",
        "7",
        "--liability",
        "0.5",
    ];
    let v = ok(&args);
    assert_eq!(amount(&v), (20000, 20000, Some(20000)));
    let zh = notes(&v);
    assert!(zh.contains("承担一半责任的，责任系数为0.5"), "{zh}");
    assert!(!zh.contains("同等责任"), "{zh}");
    let mut en_args = args.to_vec();
    en_args.extend(["--lang", "en"]);
    let en = notes(&ok(&en_args));
    assert!(en.contains("0.5 where it bears half (III.2)"), "{en}");
    assert!(!en.contains("equal liability"), "{en}");
}

/// B1 item 7: "在共同侵权案件中，无论被告人数的多少，作为多个被告共同所应当承担的精神损害抚慰金数额均不能超过
/// 上述最高限额" — a rule of Part 三 as a whole, so of item 2's disability amount too (its 上限 is
/// 100000). Two defendants: the amount is the formula's, 100000 × 0.4 (grade 7) × 0.5 = 20000, with
/// the joint-tortfeasor note citing 三、7, and not the note that the defendants were not applied.
#[test]
fn b1_sichuan_disability_joint_tortfeasors_share_the_cap_item_7() {
    let v = ok(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "7",
        "--liability",
        "0.5",
        "--defendants",
        "2",
    ]);
    assert_eq!(s(&v, "rule"), "sichuan.disability");
    assert_eq!(amount(&v), (20000, 20000, Some(20000)));
    assert_eq!(band(&v), (0, Some(100000)));
    let n = notes(&v);
    assert!(
        n.contains("本案共同侵权人 2 人：以上估算为各被告共同承担的总额"),
        "{n}"
    );
    assert!(
        n.contains("各被告共同承担的数额均不能超过最高限额（三、7）"),
        "{n}"
    );
    assert!(!n.contains("所给被告人数（2）未计入"), "{n}");
}

/// B1 item 6: "同一侵权行为分别侵害二个或二个以上自然人人格权利的，侵权人应当按照本意见确定的赔偿标准分别向各
/// 受害人支付" — 人格权利 includes the 物质性 rights (life, health) Part 三 opens with, so the disability
/// and death items assess each victim separately as the personality band does. Three victims:
/// disability 100000 × 0.4 (grade 7) × 1 = 40000 each; death (dated 2003-06-01, age 70)
/// 20000 × 20 = 400000 each — the same figures as one victim, with the per-victim note.
#[test]
fn b1_sichuan_disability_and_death_each_victim_separately_item_6() {
    let v = ok(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "7",
        "--victims",
        "3",
    ]);
    assert_eq!(amount(&v), (40000, 40000, Some(40000)));
    let n = notes(&v);
    assert!(n.contains("本案受害人 3 人：以上为每名受害人的估算"), "{n}");
    assert!(n.contains("分别向各受害人支付（三、6）"), "{n}");
    assert!(!n.contains("所给受害人人数（3）未计入"), "{n}");
    let mut death = vec![
        "--province",
        "sichuan",
        "--harm",
        "death",
        "--date",
        "2003-06-01",
        "--avg-living-expense",
        "20000",
        "--age",
        "70",
    ];
    death.extend(["--victims", "3"]);
    let v = ok(&death);
    assert_eq!(s(&v, "rule"), "sichuan.death");
    assert_eq!(amount(&v), (400000, 400000, Some(400000)));
    let n = notes(&v);
    assert!(n.contains("本案受害人 3 人：以上为每名受害人的估算"), "{n}");
    assert!(!n.contains("所给受害人人数（3）未计入"), "{n}");
}

// ---------------------------------------------------------------------------------------------
// H. Shandong (PROVISIONS.md B3) and the six-factor citation (A2)
// ---------------------------------------------------------------------------------------------

/// B3 Art. 85: serious mental harm 3000–5000; especially vile means "may be raised" (after the
/// provincial high court's review), no figure → the cap is lifted and the top is open.
#[test]
fn b3_shandong_egregious_lifts_cap_high_null() {
    let v = ok(&[
        "--province",
        "shandong",
        "--harm",
        "personality",
        "--severity",
        "serious",
    ]);
    assert_eq!(band(&v), (3000, Some(5000)));
    let v = ok(&[
        "--province",
        "shandong",
        "--harm",
        "personality",
        "--severity",
        "serious",
        "--circumstances",
        "egregious",
    ]);
    assert_eq!(band(&v), (3000, None));
    assert_eq!(v["amount"]["high"], serde_json::Value::Null);
    // low: score 0.06 + 0.2 + 0.35 × 0.25 + 0 + 0.03 + 0.03 = 0.4075, half-width 0.1 + 0.8 = 0.9:
    // 0.4075 − 0.9 < 0 → the floor 3000.
    assert_eq!(n(&v["amount"]["low"]), 3000);
}

/// B3 Art. 85 has two tiers, 一般 1000–3000 and 严重 3000–5000; 特别严重 harm is serious harm, so
/// the rule file puts an especially-serious case in the 严重 tier (its reading, said in a note)
/// instead of refusing it. An organisation as infringer: 3000 × 5 = 15000, 5000 × 10 = 50000.
#[test]
fn b3_shandong_especially_serious_is_estimated_in_the_serious_tier() {
    for severity in ["especially-serious", "特别严重"] {
        let v = ok(&[
            "--province",
            "shandong",
            "--harm",
            "personality",
            "--severity",
            severity,
        ]);
        assert_eq!(s(&v, "rule"), "shandong.personal");
        assert_eq!(v["tier"]["name"], "serious");
        assert_eq!(band(&v), (3000, Some(5000)));
        assert_eq!(
            v["steps"][0]["label"],
            "档次：严重精神损害（规则没有“特别严重”一档，按规则文件的读法归入此档）"
        );
        let n = notes(&v);
        assert!(
            n.contains("故按“严重精神损害”一档估算（规则文件的读法）"),
            "{n}"
        );
    }
    let v = ok(&[
        "--province",
        "shandong",
        "--harm",
        "personality",
        "--severity",
        "especially-serious",
        "--infringer",
        "organization",
    ]);
    assert_eq!(band(&v), (15000, Some(50000)));
    // a severity that names a tier is unchanged: no reading note
    let v = ok(&[
        "--province",
        "shandong",
        "--harm",
        "personality",
        "--severity",
        "serious",
    ]);
    assert!(!notes(&v).contains("规则文件的读法"), "{}", notes(&v));
}

/// A2: the six factors are Art. 10 of the 2001 text up to 2020-12-31 and Art. 5 of the amended
/// text from 2021-01-01.
#[test]
fn a2_six_factor_citation_switches_on_2021_01_01() {
    let at = |date: &str| {
        ok(&[
            "--province",
            "shandong",
            "--harm",
            "personality",
            "--severity",
            "serious",
            "--date",
            date,
        ])
    };
    let v = at("2020-12-31");
    assert!(cites(&v, "spc-2001", "第十条"), "{:?}", citations(&v));
    assert!(!cites(&v, "spc-2020", "第五条"), "{:?}", citations(&v));
    let v = at("2021-01-01");
    assert!(cites(&v, "spc-2020", "第五条"), "{:?}", citations(&v));
    assert!(!cites(&v, "spc-2001", "第十条"), "{:?}", citations(&v));
}

// ---------------------------------------------------------------------------------------------
// F. Dates the documents themselves carry (policy 4: dates choose the rule)
// ---------------------------------------------------------------------------------------------

fn notes(v: &serde_json::Value) -> String {
    v["notes"].to_string()
}

/// B5 Jiangsu's traffic guidance is dated 2005-09 (PROVISIONS line "2005-09"): a case dated
/// 2003 rests on a document that did not yet exist, and the report says so; a case dated from
/// 2005-09-01 does not get the note.
#[test]
fn b5_jiangsu_2005_09_guidance_for_a_2003_case_is_noted_as_later() {
    let at = |date: &str| {
        ok(&[
            "--province",
            "jiangsu",
            "--context",
            "traffic",
            "--harm",
            "death",
            "--date",
            date,
        ])
    };
    let v = at("2003-01-01");
    assert_eq!(s(&v, "rule"), "jiangsu.traffic");
    assert!(
        notes(&v).contains("》的日期不早于 2005-09-01，晚于本案适用日期 2003-01-01"),
        "{}",
        notes(&v)
    );
    let v = at("2005-09-01");
    assert!(!notes(&v).contains("的日期不早于"), "{}", notes(&v));
}

/// A4 / A2: the traffic interpretation the rule base holds is the text amended 2020-12-23 by the
/// omnibus 法释〔2020〕17号, in force 2021-01-01; its Art. 13 ¶2 note (交强险 first) is not given
/// for a case dated before that text took effect.
#[test]
fn a4_traffic_note_only_from_the_2020_text() {
    let at = |date: &str| {
        ok(&[
            "--province",
            "sichuan",
            "--context",
            "traffic",
            "--disability-grade",
            "7",
            "--date",
            date,
        ])
    };
    let v = at("2020-12-31");
    assert!(!cites_source(&v, "spc-traffic"), "{:?}", citations(&v));
    assert!(!notes(&v).contains("交强险"), "{}", notes(&v));
    let v = at("2021-01-01");
    assert!(cites_source(&v, "spc-traffic"), "{:?}", citations(&v));
    assert!(notes(&v).contains("交强险"), "{}", notes(&v));
}

/// B1: the Sichuan opinion has no date, but cites the 2001 interpretation, "so it dates from 2001
/// or later": a 2000 case is noted, a 2001 one is not. Its 500–50000 band is marked a historic
/// reference, as PROVISIONS asks.
#[test]
fn b1_sichuan_opinion_not_before_2001_and_band_a_historic_reference() {
    let at = |date: &str| {
        ok(&[
            "--province",
            "sichuan",
            "--harm",
            "personality",
            "--date",
            date,
        ])
    };
    let v = at("2000-12-31");
    assert_eq!(s(&v, "rule"), "sichuan.personality");
    assert_eq!(band(&v), (500, Some(50000)));
    assert!(
        notes(&v).contains("的日期不早于 2001-01-01"),
        "{}",
        notes(&v)
    );
    let v = at("2001-01-01");
    assert!(!notes(&v).contains("的日期不早于"), "{}", notes(&v));
    let note = v["citations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["source"] == "sc-opinion")
        .map(|c| c["status_note"].as_str().unwrap().to_string())
        .unwrap();
    assert!(note.contains("作为历史参考"), "{note}");
}

/// A8: 医疗事故处理条例 is in force from 2002-09-01. A medical-accident death dated 2002-08-31 is
/// not estimated under its ×6 years and says why; one dated 2002-09-01 is: 20000 × 6 = 120000.
#[test]
fn a8_medical_regulation_applies_from_2002_09_01() {
    let at = |date: &str| {
        ok(&[
            "--province",
            "national",
            "--context",
            "medical-accident",
            "--harm",
            "death",
            "--avg-living-expense",
            "20000",
            "--date",
            date,
        ])
    };
    let v = at("2002-08-31");
    assert_ne!(s(&v, "rule"), "national.medical-accident.death");
    assert!(
        notes(&v).contains("national.medical-accident.death")
            && notes(&v).contains("自 2002-09-01 起才适用"),
        "{}",
        notes(&v)
    );
    let v = at("2002-09-01");
    assert_eq!(s(&v, "rule"), "national.medical-accident.death");
    assert_eq!(band(&v).1, Some(120000));
}

/// A2 / A7: the civil interpretation's six factors are not cited as the basis of a
/// state-compensation estimate (whose own factors are the 2021 interpretation's Art. 9); a civil
/// case still cites them.
#[test]
fn a7_state_compensation_does_not_cite_the_civil_six_factors() {
    let v = state_comp("123456", Some("serious"), "2022-01-01", &[]);
    assert!(!cites_source(&v, "spc-2020"), "{:?}", citations(&v));
    assert!(!cites_source(&v, "spc-2001"), "{:?}", citations(&v));
    assert!(cites_source(&v, "spc-state-2021"), "{:?}", citations(&v));
    let v = ok(&[
        "--province",
        "shandong",
        "--harm",
        "personality",
        "--severity",
        "serious",
    ]);
    assert!(cites(&v, "spc-2020", "第五条"), "{:?}", citations(&v));
}

/// B9 with A7: from 2014 to 2021-03-31 the SPC's 2014 opinion capped state compensation at 35%;
/// a Guangdong case of those years (still under Guangdong's table) says so. 2013 and 2021-04-01
/// cases do not get the note.
#[test]
fn b9_guangdong_cases_of_2014_to_2021_note_the_national_35_percent_cap() {
    let at = |date: &str| {
        ok(&[
            "--province",
            "guangdong",
            "--context",
            "state-compensation",
            "--detention-days",
            "400",
            "--base-compensation",
            "100000",
            "--severity",
            "serious",
            "--date",
            date,
        ])
    };
    let v = at("2018-01-01");
    assert_eq!(s(&v, "rule"), "guangdong.state-comp.detention");
    assert!(
        notes(&v).contains("不超过人身自由赔偿金、生命健康赔偿金总额的35%"),
        "{}",
        notes(&v)
    );
    assert!(cites_source(&v, "spc-state-2014"), "{:?}", citations(&v));
    let v = at("2013-12-31");
    assert!(!notes(&v).contains("35%"), "{}", notes(&v));
    let v = at("2021-04-01");
    assert_eq!(s(&v, "rule"), "national.state-comp.2021");
    assert!(
        !notes(&v).contains("不超过人身自由赔偿金、生命健康赔偿金总额的35%"),
        "{}",
        notes(&v)
    );
}

// B9 with A7: the 2014 opinion's figure worked out when the case gives base_compensation. The
// opinion: "原则上不超过…总额的百分之三十五，最低不少于一千元" (A7). A Guangdong rule gives the minutes'
// figures as they state them (the tool does not build an amount neither document states), so the
// note reports the figure and whether the estimate's point and high exceed it, and the Guangdong
// amounts are left as they are. The case: Guangdong, detention, 400 days, dated 2018-06-01, no
// severity and no factors.
//   B9 item 9: 400 days lies in "一年以上、三年以下" (366–1095 days, a year read as 365): cap 50000.
//   The tool's model, every factor unknown (rules/national.toml [model]): score = fault
//   0.3 × 0.2 + circumstances 0.25 × 0.2 + consequence 0.25 × 0.35 + gain 0 × 0.05 + ability
//   0.3 × 0.1 + living standard 0.3 × 0.1 = 0.06 + 0.05 + 0.0875 + 0 + 0.03 + 0.03 = 0.2575;
//   point 0 + 50000 × 0.2575 = 12875; half-width 1.1 → the whole band, 0 – 50000.
// So the estimate is low 0, point 12875, high 50000 whatever base is given.

fn gd_2018(base: Option<&str>, lang: &str) -> serde_json::Value {
    gd_detention_400("2018-06-01", base, lang)
}

/// A Guangdong state-compensation case of 400 days' detention on `date`.
fn gd_detention_400(date: &str, base: Option<&str>, lang: &str) -> serde_json::Value {
    let mut args = vec![
        "--province",
        "guangdong",
        "--context",
        "state-compensation",
        "--harm",
        "detention",
        "--detention-days",
        "400",
        "--date",
        date,
        "--lang",
        lang,
    ];
    if let Some(b) = base {
        args.extend(["--base-compensation", b]);
    }
    ok(&args)
}

/// The note as rules/guangdong.toml words it, before any figure is added.
const NOTE_35_ZH: &str = "2014年最高人民法院意见规定：精神损害抚慰金原则上不超过人身自由赔偿金、生命健康赔偿金总额的35%，最低不少于1000元。广东纪要的数额未计入这一上限；其数额高于该35%时，应以该意见为准核对。";
const NOTE_35_EN: &str = "The SPC's 2014 opinion caps the award, in principle, at 35% of the compensation for lost liberty and for life and health, with a floor of 1000. The Guangdong minutes' amounts do not take that cap into account; where one is above that 35%, check it against the opinion.";

/// The one note that starts with the 2014 opinion's note.
fn note_35(v: &serde_json::Value, lang: &str) -> String {
    let start = if lang == "en" { NOTE_35_EN } else { NOTE_35_ZH };
    let hits: Vec<&str> = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .filter(|n| n.starts_with(start))
        .collect();
    assert_eq!(hits.len(), 1, "{}", v["notes"]);
    hits[0].to_string()
}

/// The estimate and its citation of the 2014 opinion do not depend on the base.
fn assert_unchanged_guangdong_2018(v: &serde_json::Value) {
    assert_eq!(s(v, "rule"), "guangdong.state-comp.detention");
    assert_eq!(amount(v), (0, 12875, Some(50000)));
    assert_eq!(band(v), (0, Some(50000)));
    assert!(
        cites(v, "spc-state-2014", "数额条款（条号未核实）"),
        "{:?}",
        citations(v)
    );
}

/// 100000 × 35% = 35000: the high, 50000, exceeds it; the point, 12875, does not.
#[test]
fn b9_a7_guangdong_2018_base_100000_35pct_35000_high_50000_exceeds() {
    let v = gd_2018(Some("100000"), "zh");
    assert_unchanged_guangdong_2018(&v);
    assert_eq!(
        note_35(&v, "zh"),
        format!("{NOTE_35_ZH}按所给人身自由赔偿金、生命健康赔偿金总额（base_compensation）计算：100000 × 35% = 35000。估算区间上限 50000 超过 35000，估算金额 12875 未超过。本工具只作核对，未据此调整估算。")
    );
    let v = gd_2018(Some("100000"), "en");
    assert_unchanged_guangdong_2018(&v);
    assert_eq!(
        note_35(&v, "en"),
        format!("{NOTE_35_EN} From the base_compensation given (the compensation for lost liberty and for life and health): 100000 × 35% = 35000. The estimate's high, 50000, exceeds 35000; its point, 12875, does not. The tool states this for checking and has not changed the estimate.")
    );
}

/// The figure against the estimate's point (12875) and high (50000), for each base, by hand:
/// - 200000 × 35% = 70000: neither exceeds it;
/// - 20000 × 35% = 7000: both exceed it;
/// - "最低不少于一千元": 2000 × 35% = 700, below 1000, so the figure is 1000, which both exceed;
/// - the share is a cap, so it rounds down to whole yuan (README, Rounding), as the national 2014
///   rule's cap does, and "不超过" includes the figure itself: 142857 × 35% = 49999.95, so the
///   largest whole amount it permits is 49999, which the high of 50000 exceeds (half up would have
///   said 50000 is within 35%, though 50000 > 49999.95); 142855 × 35% = 49999.25 → 49999, likewise.
#[test]
fn b9_a7_guangdong_2018_35pct_of_each_base_against_point_12875_and_high_50000() {
    let rows = [
        (
            "200000",
            "计算：200000 × 35% = 70000。估算金额 12875 与估算区间上限 50000 均未超过 70000。",
            ": 200000 × 35% = 70000. Neither the estimate's point, 12875, nor its high, 50000, exceeds 70000.",
        ),
        (
            "20000",
            "计算：20000 × 35% = 7000。估算金额 12875 与估算区间上限 50000 均超过 7000。",
            ": 20000 × 35% = 7000. Both the estimate's point, 12875, and its high, 50000, exceed 7000.",
        ),
        (
            "2000",
            "计算：2000 × 35% = 700，低于最低数额 1000，按 1000 计。估算金额 12875 与估算区间上限 50000 均超过 1000。",
            ": 2000 × 35% = 700, below the floor of 1000, so 1000. Both the estimate's point, 12875, and its high, 50000, exceed 1000.",
        ),
        (
            "142857",
            "计算：142857 × 35% = 49999.95 → 49999（向下取整到元，不超过该比例）。估算区间上限 50000 超过 49999，估算金额 12875 未超过。",
            ": 142857 × 35% = 49999.95 → 49999 (down to whole yuan, not above the share). The estimate's high, 50000, exceeds 49999; its point, 12875, does not.",
        ),
        (
            "142855",
            "计算：142855 × 35% = 49999.25 → 49999（向下取整到元，不超过该比例）。估算区间上限 50000 超过 49999，估算金额 12875 未超过。",
            ": 142855 × 35% = 49999.25 → 49999 (down to whole yuan, not above the share). The estimate's high, 50000, exceeds 49999; its point, 12875, does not.",
        ),
    ];
    for (base, zh, en) in rows {
        for (lang, want) in [("zh", zh), ("en", en)] {
            let v = gd_2018(Some(base), lang);
            assert_unchanged_guangdong_2018(&v);
            let note = note_35(&v, lang);
            assert!(note.contains(want), "{base} {lang}: {note}");
        }
    }
}

/// "最低不少于一千元" holds whatever the base: 45 days falls in the 20 days–2 months row (cap 3000,
/// B9), and the model places the point at 3000 × 0.2575 = 772.5 → 773, below the opinion's 1000 —
/// which the note now says, besides 100000 × 35% = 35000 exceeding neither.
#[test]
fn b9_a7_guangdong_point_below_the_opinions_1000_floor_is_said() {
    for (lang, want) in [
        ("zh", "估算金额 773 与估算区间上限 3000 均未超过 35000。估算金额 773 低于最低数额 1000。本工具只作核对"),
        ("en", "Neither the estimate's point, 773, nor its high, 3000, exceeds 35000. Its point, 773, is below the minimum of 1000. The tool states"),
    ] {
        let v = ok(&[
            "--province",
            "guangdong",
            "--context",
            "state-compensation",
            "--harm",
            "detention",
            "--detention-days",
            "45",
            "--base-compensation",
            "100000",
            "--date",
            "2016-06-01",
            "--lang",
            lang,
        ]);
        assert_eq!(amount(&v), (0, 773, Some(3000)));
        let note = note_35(&v, lang);
        assert!(note.contains(want), "{lang}: {note}");
    }
    // 400 days: the point 12875 is above 1000, so nothing is said of the floor
    assert!(!note_35(&gd_2018(Some("100000"), "zh"), "zh").contains("低于最低数额"));
}

/// Without base_compensation the note stays exactly as rules/guangdong.toml words it.
#[test]
fn b9_a7_guangdong_2018_without_base_keeps_the_note_as_it_was() {
    for lang in ["zh", "en"] {
        let v = gd_2018(None, lang);
        assert_unchanged_guangdong_2018(&v);
        let start = if lang == "en" { NOTE_35_EN } else { NOTE_35_ZH };
        assert_eq!(note_35(&v, lang), start, "{lang}");
        assert!(
            !notes(&v).contains("base_compensation"),
            "{lang}: {}",
            notes(&v)
        );
    }
}

/// Item 10 is one of the note's rules too: a Guangdong death of 2018-06-01, cap 300000 (B9 item
/// 10). The model reads the consequence from the death (c = 1): score 0.17 + 0.35 × 1 = 0.52,
/// point 300000 × 0.52 = 156000, half-width 0.75 → the whole band. 600000 × 35% = 210000: the
/// high exceeds it, the point does not.
#[test]
fn b9_a7_guangdong_2018_death_base_600000_35pct_210000() {
    let v = ok(&[
        "--province",
        "guangdong",
        "--context",
        "state-compensation",
        "--harm",
        "death",
        "--base-compensation",
        "600000",
        "--date",
        "2018-06-01",
    ]);
    assert_eq!(s(&v, "rule"), "guangdong.state-comp.grave-harm");
    assert_eq!(amount(&v), (0, 156000, Some(300000)));
    assert!(
        note_35(&v, "zh").contains(
            "计算：600000 × 35% = 210000。估算区间上限 300000 超过 210000，估算金额 156000 未超过。"
        ),
        "{}",
        note_35(&v, "zh")
    );
}

/// From 2021-04-01 the 2021 interpretation applies (A7, Art. 14) and the 35% note is gone, as
/// before: 100000 × 50% = 50000 (Art. 8), in whole thousands, floor 1000.
#[test]
fn b9_a7_guangdong_2021_06_01_has_no_35pct_note() {
    for lang in ["zh", "en"] {
        let v = gd_detention_400("2021-06-01", Some("100000"), lang);
        assert_eq!(s(&v, "rule"), "national.state-comp.2021", "{lang}");
        assert_eq!(band(&v), (1000, Some(50000)), "{lang}");
        assert!(!notes(&v).contains("35%"), "{lang}: {}", notes(&v));
        assert!(
            !cites_source(&v, "spc-state-2014"),
            "{lang}: {:?}",
            citations(&v)
        );
    }
}

/// PROVISIONS line 56: 民法典 1173 lets the court reduce for the victim's own fault. A rule with
/// no reduction of its own names the article; a case dated before the Code took effect
/// (2021-01-01) is told the article is later than the case.
#[test]
fn civil_code_1173_named_for_victim_fault_with_its_date() {
    let at = |date: &str| {
        ok(&[
            "--province",
            "fujian",
            "--harm",
            "death",
            "--victim-fault",
            "0.3",
            "--date",
            date,
        ])
    };
    let v = at("2020-12-31");
    assert!(
        notes(&v).contains("可以减轻侵权人的责任（《民法典》自 2021-01-01 起施行"),
        "{}",
        notes(&v)
    );
    let v = at("2021-01-01");
    assert!(
        notes(&v).contains("可以减轻侵权人的责任。"),
        "{}",
        notes(&v)
    );
}

/// C1 Zhejiang Art. 15: "especially vile acts, especially serious harm or great social impact:
/// may be raised, 但原则上不超过10万元" — the note gives those three grounds, no others.
#[test]
fn c1_zhejiang_raise_note_gives_the_provision_grounds() {
    let v = ok(&[
        "--province",
        "zhejiang",
        "--harm",
        "death",
        "--circumstances",
        "egregious",
    ]);
    assert_eq!(band(&v), (0, Some(100000)));
    assert!(
        notes(&v).contains(
            "手段特别恶劣、损害后果特别严重或社会影响特别大的，可以适当提高，但原则上不超过10万元"
        ),
        "{}",
        notes(&v)
    );
    assert!(!notes(&v).contains("恶意侵权"), "{}", notes(&v));
}

/// A7: the State Compensation Law is held in its 2012 text, but the law is from 1994 (amended
/// 2010, 2012): a 2011 case is not told the law is later than the case, and keeps its Art. 35
/// note. Only a document whose own date is uncertain carries a not-before day.
#[test]
fn a7_state_compensation_law_is_not_dated_by_its_amendment() {
    let v = state_comp(
        "300000",
        Some("general"),
        "2011-06-01",
        &["--detention-days", "200"],
    );
    assert!(!notes(&v).contains("的日期不早于"), "{}", notes(&v));
    assert!(
        notes(&v).contains("国家赔偿中，致人精神损害的"),
        "{}",
        notes(&v)
    );
}

/// B9 with A7: the 2014 opinion's note is for estimates resting on Guangdong's own minutes; a
/// Guangdong personality case of 2016 rests on the national 2014 rule itself (35% of 100000 =
/// 35000, floor 1000), which needs no such note.
#[test]
fn b9_the_35_percent_note_only_where_guangdong_minutes_answer() {
    let v = ok(&[
        "--province",
        "guangdong",
        "--context",
        "state-compensation",
        "--harm",
        "personality",
        "--base-compensation",
        "100000",
        "--severity",
        "serious",
        "--date",
        "2016-01-01",
    ]);
    assert_eq!(s(&v, "rule"), "national.state-comp.2014");
    assert_eq!(band(&v), (1000, Some(35000)));
    assert!(!notes(&v).contains("广东纪要"), "{}", notes(&v));
}

// ---------------------------------------------------------------------------------------------
// I. Coverage of a provision: which harms, which claimants, which law (audit 12)
// ---------------------------------------------------------------------------------------------

/// C2 Inner Mongolia 第六条(一): death "50000元（含本数）以下", a total shared among the close
/// relatives (the claimants). It says nothing of several defendants, so two defendants are not
/// told that joint tortfeasors share one cap; the report says the count was not applied.
/// Figures: death reads the consequence as especially severe (c = 1), score 0.17 + 0.35 = 0.52:
/// 0 + 50000 × 0.52 = 26000; half-width 0.75 covers [0, 1], so the range is the band 0–50000.
#[test]
fn c2_neimenggu_death_total_is_shared_by_relatives_not_by_joint_tortfeasors() {
    let v = ok(&[
        "--province",
        "neimenggu",
        "--context",
        "traffic",
        "--harm",
        "death",
        "--defendants",
        "2",
    ]);
    assert_eq!(s(&v, "rule"), "neimenggu.death");
    assert_eq!(amount(&v), (0, 26000, Some(50000)));
    assert!(!notes(&v).contains("共同侵权"), "{}", notes(&v));
    assert!(
        notes(&v).contains("所给被告人数（2）未计入"),
        "{}",
        notes(&v)
    );
    assert!(notes(&v).contains("由近亲属共享"), "{}", notes(&v));
}

/// B1 item 4: a commemorative object takes item 3's 500–50000 band ("适用上一条的规定"); item 5
/// lifts the cap only for "以获取经济利益为目的侵犯他人精神性人格权利的". So the same facts lift the
/// cap for privacy (point = the gain 80000, no cap) but not for an object.
/// Object, by hand: fault intent 0.2 × 1 = 0.2; circumstances 0.2 × 0.25 = 0.05; consequence
/// 0.35 × 0.25 = 0.0875; gain (from profit_motive) 0.05 × 0.5 = 0.025; ability 0.1 × 0.3 = 0.03;
/// living standard 0.1 × 0.3 = 0.03; score 0.4225: 500 + 49500 × 0.4225 = 21413.75 → 21414;
/// half-width 0.1 + 0.75 (circumstances, consequence, ability, living standard unknown) = 0.85
/// covers [0, 1]: range 500–50000.
#[test]
fn b1_sichuan_profit_lifts_the_cap_for_personality_rights_not_for_an_object() {
    let args = |harm: &'static str| {
        [
            "--province",
            "sichuan",
            "--harm",
            harm,
            "--profit-motive",
            "--fault",
            "intent",
            "--gain",
            "80000",
        ]
    };
    let v = ok(&args("memorial"));
    assert_eq!(s(&v, "rule"), "sichuan.memorial");
    assert!(cites(&v, "sc-opinion", "三、4"), "{:?}", citations(&v));
    assert_eq!(band(&v), (500, Some(50000)));
    assert_eq!(amount(&v), (500, 21414, Some(50000)));
    let v = ok(&args("personality"));
    assert_eq!(s(&v, "rule"), "sichuan.personality");
    assert_eq!(band(&v), (500, None));
    assert_eq!(amount(&v), (500, 80000, None));
}

/// B3 Art. 85 lists 生命权、健康权、身体权 and 名誉权、姓名权、肖像权、荣誉权、人格尊严权、人身自由权、
/// 隐私权. 人身自由权 (civil detention) is covered: serious harm 3000–5000, an organisation × 5–10
/// → 15000–50000; all factors ordinary, score 0.2575: 15000 + 35000 × 0.2575 = 24012.5 → 24013.
/// An object of personal symbolic value is not in the list: no Shandong figure for it.
#[test]
fn b3_shandong_covers_personal_liberty_not_an_object_of_symbolic_value() {
    let v = ok(&[
        "--province",
        "shandong",
        "--harm",
        "detention",
        "--severity",
        "serious",
        "--infringer",
        "organization",
    ]);
    assert_eq!(s(&v, "rule"), "shandong.personal");
    assert_eq!(band(&v), (15000, Some(50000)));
    assert_eq!(amount(&v), (15000, 24013, Some(50000)));
    let v = ok(&[
        "--province",
        "shandong",
        "--harm",
        "memorial",
        "--severity",
        "general",
    ]);
    assert_ne!(s(&v, "rule"), "shandong.personal");
    assert_eq!(s(&v, "basis"), "cross-province");
}

/// A7: in state compensation the victim's fault is governed by the state-compensation texts
/// (2021 interpretation Art. 11; the 2014 opinion's own sentence, seed 001), not by 民法典 1173,
/// a tort rule. The amounts are unchanged by the fault given:
/// 2025: 100000 × 50% = 50000; 1000 + 49000 × 0.2575 = 13617.5 → 14000 (whole thousands).
/// 2018: 100000 × 35% = 35000; 1000 + 34000 × 0.2575 = 9755.
#[test]
fn a7_state_comp_victim_fault_is_not_pointed_to_civil_code_1173() {
    let at = |date: &'static str| {
        ok(&[
            "--province",
            "national",
            "--context",
            "state-compensation",
            "--harm",
            "detention",
            "--base-compensation",
            "100000",
            "--severity",
            "serious",
            "--victim-fault",
            "0.3",
            "--date",
            date,
        ])
    };
    let v = at("2025-01-01");
    assert_eq!(s(&v, "rule"), "national.state-comp.2021");
    assert_eq!(amount(&v), (1000, 14000, Some(50000)));
    assert!(!notes(&v).contains("1173"), "{}", notes(&v));
    assert!(notes(&v).contains("第十一条"), "{}", notes(&v));
    // the texts let the award be reduced for the fault: the note says the tool made no reduction,
    // not that the rule has none
    assert!(
        !notes(&v).contains("该规则未规定按比例减轻"),
        "{}",
        notes(&v)
    );
    assert!(
        notes(&v).contains("所给受害人过错未计入：本工具未据此折算数额"),
        "{}",
        notes(&v)
    );
    let v = at("2018-01-01");
    assert_eq!(s(&v, "rule"), "national.state-comp.2014");
    assert_eq!(amount(&v), (1000, 9755, Some(35000)));
    assert!(!notes(&v).contains("1173"), "{}", notes(&v));
    assert!(
        notes(&v).contains("可以根据其过错程度减少或者不予支付精神损害抚慰金"),
        "{}",
        notes(&v)
    );
    assert!(
        !notes(&v).contains("该规则未规定按比例减轻"),
        "{}",
        notes(&v)
    );
    // a civil case without a proportional reduction still points to 1173
    let v = ok(&[
        "--province",
        "sichuan",
        "--harm",
        "personality",
        "--victim-fault",
        "0.3",
    ]);
    assert!(
        notes(&v).contains("《民法典》第一千一百七十三条"),
        "{}",
        notes(&v)
    );
}

/// B9: Guangdong's minutes are "likely superseded in substance" by the 2021 interpretation
/// (PROVISIONS.md B9 and F); no repeal notice was found, so the status note keeps the hedge rather
/// than stating the supersession as fact. The figures are unchanged: 45 days is in the row
/// "二十日以上、二个月以下" (20 < 45 ≤ 60), cap 3000; all factors ordinary, 3000 × 0.2575 = 772.5 → 773.
#[test]
fn b9_guangdong_status_note_says_likely_superseded_not_superseded_as_fact() {
    let v = ok(&[
        "--province",
        "guangdong",
        "--context",
        "state-compensation",
        "--detention-days",
        "45",
        "--severity",
        "serious",
        "--date",
        "2012-06-01",
    ]);
    assert_eq!(s(&v, "rule"), "guangdong.state-comp.detention");
    assert_eq!(amount(&v), (0, 773, Some(3000)));
    let note = v["citations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["source"] == "gd-state")
        .map(|c| c["status_note"].to_string())
        .unwrap_or_default();
    assert!(note.contains("很可能已在实质上被"), "{note}");
    assert!(note.contains("未见废止通知"), "{note}");
    // B9: "Date: not found, but it predates May 2013" — the citation carries no date, only the
    // status note's "2013年5月前" (README no longer calls it a "2013 table")
    let gd = v["citations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["source"] == "gd-state")
        .unwrap();
    assert!(gd["date"].is_null(), "{gd}");
    assert!(note.contains("2013年5月前"), "{note}");
}

/// A7 第七条: a 轻微伤 is below "轻伤以上"; the note saying so reads the injury degree, so the report
/// does not also say the degree was not applied, even where the case names the consequence itself
/// (and the model reads that instead), with a serious consequence named (without one, a slight
/// injury alone is no serious consequence: nothing is paid). 10000 × 50% = 5000; consequence severe: score
/// 0.2 × 0.3 + 0.2 × 0.25 + 0.35 × 1 + 0.05 × 0 + 0.1 × 0.3 + 0.1 × 0.3 = 0.52;
/// 1000 + 4000 × 0.52 = 3080 → 3000 in whole thousands; half-width 0.75 covers 1000–5000.
#[test]
fn a7_slight_injury_note_reads_the_degree_it_names() {
    let v = ok(&[
        "--province",
        "national",
        "--context",
        "state-compensation",
        "--harm",
        "injury",
        "--injury-degree",
        "slight",
        "--base-compensation",
        "10000",
        "--consequence",
        "severe",
        "--severity",
        "serious",
        "--date",
        "2025-01-01",
    ]);
    assert_eq!(s(&v, "rule"), "national.state-comp.2021");
    assert_eq!(amount(&v), (1000, 3000, Some(5000)));
    assert!(notes(&v).contains("伤情为轻微伤"), "{}", notes(&v));
    assert!(!notes(&v).contains("injury_degree"), "{}", notes(&v));
    // no severity named: the slight injury alone is no serious consequence (the tool's reading)
    let v = ok(&[
        "--province",
        "national",
        "--context",
        "state-compensation",
        "--harm",
        "injury",
        "--injury-degree",
        "slight",
        "--base-compensation",
        "10000",
        "--date",
        "2025-01-01",
    ]);
    assert_eq!(s(&v, "rule"), "national.state-comp.no-serious-consequence");
    assert_eq!(amount(&v), (0, 0, Some(0)));
    assert!(
        notes(&v).contains("案件只给出伤情为轻微伤"),
        "{}",
        notes(&v)
    );
}

/// A7 Art. 7 and 国家赔偿法 Art. 35: compensation for mental distress is paid only for serious
/// consequences, and detention counts as one from six months. A detention case naming no severity:
/// 180 days (certainly under six months) shows none, so nothing is paid (the tool's reading, said
/// in a note); 181 days may be six months, so it is estimated as serious: cap 100000 × 50% =
/// 50000, floor 1000 (Art. 8). An injury case with the same short detention is not read down: its
/// injury may itself be the serious consequence (轻伤以上).
#[test]
fn a7_a_short_detention_naming_no_severity_is_no_serious_consequence() {
    let case = |days: &str, harm: &str| {
        ok(&[
            "--province",
            "national",
            "--context",
            "state-compensation",
            "--harm",
            harm,
            "--detention-days",
            days,
            "--base-compensation",
            "100000",
            "--date",
            "2025-01-01",
        ])
    };
    let v = case("180", "detention");
    assert_eq!(s(&v, "rule"), "national.state-comp.no-serious-consequence");
    assert_eq!(n(&v["amount"]["point"]), 0);
    assert!(cites(&v, "spc-state-2021", "第七条"), "{:?}", citations(&v));
    assert!(notes(&v).contains("案件只给出羁押 180 日，不足六个月"));
    let v = case("181", "detention");
    assert_eq!(s(&v, "rule"), "national.state-comp.2021");
    assert_eq!(band(&v), (1000, Some(50000)));
    let v = case("45", "injury");
    assert_eq!(s(&v, "rule"), "national.state-comp.2021");
    assert_eq!(band(&v), (1000, Some(50000)));
    // before the 2021 interpretation (the 2014 opinion, 35%), no such reading
    let v = ok(&[
        "--province",
        "national",
        "--context",
        "state-compensation",
        "--harm",
        "detention",
        "--detention-days",
        "45",
        "--base-compensation",
        "100000",
        "--date",
        "2020-01-01",
    ]);
    assert_ne!(s(&v, "rule"), "national.state-comp.no-serious-consequence");
}

/// A8 (法释〔2017〕10号 Art. 5 ¶1 (3)): 60 items of 行踪轨迹 etc. reach the 50 of 情节严重. Reaching a
/// threshold is no finding of a crime: the comparison carries, as below the thresholds, that the
/// conduct (Criminal Law Art. 253-1: selling, providing, illegally obtaining) decides it and that
/// the criminal thresholds set no civil amount.
#[test]
fn a8_a_criminal_threshold_reached_still_says_what_it_does_not_decide() {
    let v = ok(&["--province", "national", "--info-sensitive", "60"]);
    assert_eq!(v["criminal"]["tier"], "serious");
    let reasons = v["criminal"]["reasons"].to_string();
    assert!(
        reasons.contains("行踪轨迹、通信内容、征信、财产信息 60 条 ≥ 50 条"),
        "{reasons}"
    );
    assert!(reasons.contains("刑法第二百五十三条之一"), "{reasons}");
    assert!(
        reasons.contains("上述为刑事定罪标准，不确定民事赔偿数额。"),
        "{reasons}"
    );
    // Art. 5 ¶1 item (8): an insider's thresholds are half; not said, it is taken as not
    assert!(
        reasons.contains("数量、数额标准减半（第五条第一款第（八）项）；案件未指明的，按否计"),
        "{reasons}"
    );
    let v = ok(&[
        "--province",
        "national",
        "--info-sensitive",
        "60",
        "--lang",
        "en",
    ]);
    let reasons = v["criminal"]["reasons"].to_string();
    assert!(
        reasons.contains("These are criminal thresholds; they set no civil amount."),
        "{reasons}"
    );
}

/// B2 Art. 25(3): Anhui's disability band is not apportioned by liability (the provision says
/// nothing of a 责任系数, unlike Sichuan's 三、2): a liability share given leaves 5000–80000 as it
/// is, and the note says the standard does not apportion — the tool's restraint, not a rule it
/// invents.
#[test]
fn b2_anhui_a_liability_share_is_named_and_not_applied() {
    let with = ok(&[
        "--province",
        "anhui",
        "--disability-grade",
        "7",
        "--liability",
        "0.5",
    ]);
    let without = ok(&["--province", "anhui", "--disability-grade", "7"]);
    assert_eq!(band(&with), (5000, Some(80000)));
    assert_eq!(with["amount"], without["amount"]);
    assert!(
        notes(&with).contains("所给责任系数未计入：该标准未规定按责任比例折算，本工具亦不折算"),
        "{}",
        notes(&with)
    );
}

/// Where a missing field decides the outcome, the report says what it assumed:
/// - B7 item 3: Shaanxi's four levels need a level; without one the note names the rule and the
///   levels instead of saying Shaanxi gives no figure;
/// - B3 Art. 85: Shandong's organisation multiplier (× 5 / × 10) — no infringer given is taken as
///   a natural person, said with the multipliers;
/// - B2 Art. 25(1): Anhui refuses 轻微伤 — no degree given is assumed not slight;
/// - A1 1183 ¶2: an object of personal significance needs intent or gross negligence — no fault
///   given is assumed to be one of them.
#[test]
fn a_missing_field_that_decides_the_outcome_is_named_with_what_was_assumed() {
    let v = ok(&["--province", "shaanxi", "--harm", "personality"]);
    assert_eq!(s(&v, "basis"), "cross-province");
    let n = notes(&v);
    assert!(
        n.contains("陕西省的规定（规则 shaanxi.serious-consequence）只适用于严重程度为 level-1、level-2、level-3、level-4 的案件，本案未指明严重程度"),
        "{n}"
    );
    assert!(!n.contains("陕西省及全国性规定均未就此给出数额"), "{n}");
    let v = ok(&["--province", "shandong", "--harm", "death"]);
    assert_eq!(band(&v), (3000, Some(5000)));
    assert!(
        notes(&v)
            .contains("未给出侵权人：按自然人计；侵权人为法人或其他组织的，下限 × 5，上限 × 10"),
        "{}",
        notes(&v)
    );
    let v = ok(&[
        "--province",
        "shandong",
        "--harm",
        "death",
        "--infringer",
        "natural",
    ]);
    assert!(!notes(&v).contains("未给出侵权人"));
    let v = ok(&["--province", "anhui", "--harm", "injury"]);
    assert_eq!(band(&v), (1000, Some(5000)));
    assert!(notes(&v).contains("伤情未给出的，本估算假定不属轻微伤"));
    let v = ok(&["--province", "national", "--harm", "memorial"]);
    assert!(notes(&v).contains("过错程度未给出的，本估算假定为故意或者重大过失"));
}

/// B3 Art. 85's 一般精神损害 tier (1000–3000) sits beside A1: 1183 requires serious mental harm.
/// The model may choose that tier for a case naming no severity; the rule's note says the tier is
/// the opinion's own and to check the requirement first.
#[test]
fn b3_shandong_general_tier_is_flagged_against_1183() {
    let v = ok(&["--province", "shandong", "--harm", "personality"]);
    assert_eq!(v["tier"]["name"], "general");
    assert_eq!(band(&v), (1000, Some(3000)));
    assert!(
        notes(&v).contains(
            "“一般精神损害”一档是本意见自己的分档；而精神损害抚慰金以造成严重精神损害为前提"
        ),
        "{}",
        notes(&v)
    );
}
