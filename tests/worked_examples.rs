//! Worked examples from the provisions, run through the CLI with `--format json`.
//! Every expected amount is computed by hand in the comment or the test name, from the
//! provision (PROVISIONS.md) and, where a range is placed inside a band, from the tool's model
//! parameters in rules/national.toml ([model]: with a factor unknown, the range widens; with
//! every factor unknown it is the whole band).

mod common;

use assert_cmd::Command;
use common::{amount, band, n, ok, run, s, EVERY_FACTOR_AT_ITS_HIGHEST};
use serde_json::Value;

fn notes(v: &Value) -> String {
    v["notes"].to_string()
}

fn statuses(v: &Value) -> Vec<String> {
    v["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap().to_string())
        .collect()
}

// ---- Sichuan (PROVISIONS.md B1) ----

#[test]
fn sichuan_grade_7_liability_half_is_100000_x_0_4_x_0_5_20000() {
    let v = ok(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "7",
        "--liability",
        "0.5",
    ]);
    assert_eq!(amount(&v), (20000, 20000, Some(20000)));
    assert_eq!(v["harm"], "disability", "harm implied by the grade");
    assert_eq!(v["rule"], "sichuan.disability");
    assert!(
        notes(&v).contains("特别恶劣"),
        "may exceed when egregious: {}",
        notes(&v)
    );
    assert!(
        statuses(&v).contains(&"historical".to_string()),
        "status shown: {:?}",
        statuses(&v)
    );
    assert_eq!(n(&v["band"]["cap"]), 100000);
}

#[test]
fn sichuan_formula_at_the_grade_edges() {
    // grade 1: 100000 × 1.0 × 1 = 100000; grade 10: 100000 × 0.1 × 1 = 10000;
    // grade 3: 100000 × 0.8 × 0.7 = 56000
    for (grade, liability, want) in [("1", "1", 100000), ("10", "1", 10000), ("3", "0.7", 56000)] {
        let v = ok(&[
            "--province",
            "sichuan",
            "--disability-grade",
            grade,
            "--liability",
            liability,
        ]);
        assert_eq!(
            amount(&v),
            (want, want, Some(want)),
            "grade {grade}, liability {liability}"
        );
    }
}

#[test]
fn sichuan_liability_zero_gives_zero_and_egregious_opens_the_top() {
    // 100000 × 0.4 × 0 = 0
    let v = ok(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "7",
        "--liability",
        "0",
    ]);
    assert_eq!(amount(&v).1, 0);
    // 特别恶劣: may exceed the formula; the upper end is left open
    let v = ok(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "7",
        "--liability",
        "0.5",
        "--circumstances",
        "egregious",
    ]);
    assert_eq!(amount(&v), (20000, 20000, None));
}

#[test]
fn sichuan_privacy_most_aggravating_lands_in_the_top_fifth() {
    // every factor at its top level: score 1 → 500 + 49500 × 1 = 50000; every factor known, so
    // the width is the base 0.1: low 500 + 49500 × 0.9 = 45050, high 500 + 49500 × 1.1 → the cap
    let v = ok(&[
        &["--province", "sichuan", "--harm", "personality"][..],
        &EVERY_FACTOR_AT_ITS_HIGHEST,
    ]
    .concat());
    assert_eq!(amount(&v), (45050, 50000, Some(50000)));
    assert_eq!((n(&v["band"]["floor"]), n(&v["band"]["cap"])), (500, 50000));
    assert!(v["model"]["label"].as_str().unwrap().contains("工具模型"));
}

#[test]
fn sichuan_privacy_most_mitigating_lands_in_the_bottom_fifth() {
    // score = 0.2×0.1 + 0.2×0.1 + 0.35×0.1 + 0.05×0 + 0.1×0.1 + 0.1×0.1 = 0.095
    // point = 500 + 49500 × 0.095 = 5202.5 → 5203 (half up); bottom fifth ends at 10400
    let v = ok(&[
        "--province",
        "sichuan",
        "--harm",
        "personality",
        "--fault",
        "slight-negligence",
        "--circumstances",
        "minor",
        "--consequence",
        "minor",
        "--gain-level",
        "none",
        "--ability",
        "weak",
        "--living-standard",
        "low",
    ]);
    assert_eq!(amount(&v).1, 5203);
    // all six known: half-width 0.1 → 500 + 49500 × (0.095 − 0.1 → 0) = 500; 500 + 49500 × 0.195 = 10152.5 → 10153
    assert_eq!(amount(&v), (500, 5203, Some(10153)));
}

#[test]
fn sichuan_profit_motive_lifts_the_50000_cap() {
    let v = ok(&[
        "--province",
        "sichuan",
        "--harm",
        "personality",
        "--profit-motive",
        "--gain",
        "120000",
    ]);
    let (_, point, high) = amount(&v);
    assert_eq!(high, None, "the 50000 cap does not bind");
    assert_eq!(point, 120000, "the point follows the infringer's gain");
    assert!(notes(&v).contains("不受上限限制"), "{}", notes(&v));
    assert!(v["band"]["cap"].is_null());
}

#[test]
fn sichuan_death_living_expense_times_years_by_age() {
    // a case dated before 2004-05-01, when the rule still applied (PROVISIONS.md B1, A3)
    // 20000 × 20 = 400000; age 75: 20 − (75 − 70) = 15 → 300000; age 85: 20 − 15 = 5 < 10 → 10 → 200000
    for (age, want) in [("40", 400000), ("75", 300000), ("85", 200000)] {
        let v = ok(&[
            "--province",
            "sichuan",
            "--harm",
            "death",
            "--avg-living-expense",
            "20000",
            "--age",
            age,
            "--date",
            "2003-06-01",
        ]);
        assert_eq!(amount(&v), (want, want, Some(want)), "age {age}");
        assert!(statuses(&v).contains(&"historical".to_string()));
        let c = v["citations"].to_string();
        assert!(
            c.contains("死亡赔偿金") || c.contains("第九条") || c.contains("2022"),
            "historical-concept note: {c}"
        );
    }
}

#[test]
fn sichuan_and_beijing_death_rules_end_when_death_compensation_became_material_loss() {
    // PROVISIONS.md B1 / B6 / D4–D5: both treat 死亡赔偿金 as mental damages, the concept the
    // personal-injury interpretation (法释〔2003〕20号, in force 2004-05-01) dropped; B1 says the
    // Sichuan death item "should not be encoded as current law". 2004-04-30 still applies them;
    // 2004-05-01 and today do not: the estimate is the cross-province reference, and a note says why.
    for (province, figure, flag) in [
        ("sichuan", "20000", "--avg-living-expense"),
        ("beijing", "120000", "--avg-wage"),
    ] {
        let rule = format!("{province}.death");
        let v = ok(&[
            "--province",
            province,
            "--harm",
            "death",
            flag,
            figure,
            "--age",
            "40",
            "--date",
            "2004-04-30",
        ]);
        assert_eq!(v["rule"], rule.as_str());
        // Sichuan 20000 × 20 = 400000; Beijing cap 10 × 120000 = 1200000
        let want = if province == "sichuan" {
            400000
        } else {
            1200000
        };
        assert_eq!(amount(&v).2, Some(want), "{province}");
        for date in ["2004-05-01", "2026-11-23"] {
            let v = ok(&[
                "--province",
                province,
                "--harm",
                "death",
                flag,
                figure,
                "--age",
                "40",
                "--date",
                date,
            ]);
            assert_eq!(v["basis"], "cross-province", "{province} {date}");
            assert!(!v["steps"].to_string().contains(&rule), "{province} {date}");
            let n = notes(&v);
            assert!(
                n.contains(&format!("规则 {rule}）只适用于 2004-04-30 及以前")),
                "{n}"
            );
            assert!(n.contains("死亡赔偿金"), "the note gives the reason: {n}");
        }
    }
}

// ---- Anhui (B2) ----

#[test]
fn anhui_slight_injury_is_refused_with_the_reason() {
    let v = ok(&[
        "--province",
        "anhui",
        "--harm",
        "injury",
        "--injury-degree",
        "slight",
    ]);
    assert_eq!(amount(&v), (0, 0, Some(0)));
    assert_eq!(v["basis"], "refusal");
    assert!(notes(&v).contains("轻微伤"), "{}", notes(&v));
}

#[test]
fn anhui_bands_by_injury_kind() {
    // no factors given beyond the grade → the whole band
    let v = ok(&["--province", "anhui", "--harm", "injury"]);
    assert_eq!((amount(&v).0, amount(&v).2), (1000, Some(5000)));
    let v = ok(&["--province", "anhui", "--disability-grade", "5"]);
    assert_eq!((amount(&v).0, amount(&v).2), (5000, Some(80000)));
    let v = ok(&["--province", "anhui", "--harm", "death"]);
    assert_eq!((amount(&v).0, amount(&v).2), (50000, Some(80000)));
}

#[test]
fn anhui_death_victim_fault_0_3_reduces_the_band_to_35000_56000() {
    // 50000 × 0.7 = 35000; 80000 × 0.7 = 56000
    let v = ok(&[
        "--province",
        "anhui",
        "--harm",
        "death",
        "--victim-fault",
        "0.3",
    ]);
    assert_eq!((amount(&v).0, amount(&v).2), (35000, Some(56000)));
    assert_eq!(
        (n(&v["band"]["floor"]), n(&v["band"]["cap"])),
        (35000, 56000)
    );
}

// ---- Shandong (B3) ----

#[test]
fn shandong_tiers_and_the_organisation_multiple() {
    // natural person: 1000–3000 / 3000–5000; organisation ×5–10: 5000–30000 / 15000–50000
    for (infringer, severity, lo, hi) in [
        ("natural", "general", 1000, 3000),
        ("natural", "serious", 3000, 5000),
        ("organization", "general", 5000, 30000),
        ("organization", "serious", 15000, 50000),
    ] {
        let v = ok(&[
            "--province",
            "山东",
            "--harm",
            "personality",
            "--infringer",
            infringer,
            "--severity",
            severity,
        ]);
        assert_eq!(
            (amount(&v).0, amount(&v).2),
            (lo, Some(hi)),
            "{infringer} {severity}"
        );
    }
}

// ---- Fujian (B4), Jiangsu (B5), Beijing (B6) ----

#[test]
fn fujian_three_tiers() {
    for (severity, lo, hi) in [
        ("general", 1000, 10000),
        ("serious", 10000, 50000),
        ("especially-serious", 50000, 100000),
    ] {
        let v = ok(&[
            "--province",
            "fujian",
            "--harm",
            "personality",
            "--severity",
            severity,
        ]);
        assert_eq!((amount(&v).0, amount(&v).2), (lo, Some(hi)), "{severity}");
        assert_eq!(v["tier"]["name"], severity);
    }
}

#[test]
fn jiangsu_traffic_disability_capped_at_50000() {
    let v = ok(&[
        "--province",
        "jiangsu",
        "--disability-grade",
        "5",
        "--context",
        "traffic",
    ]);
    assert_eq!(amount(&v).2, Some(50000));
    assert_eq!(v["rule"], "jiangsu.traffic");
}

#[test]
fn beijing_multiples_of_the_average_wage() {
    // 5 × 120000 = 600000; 10 × 120000 = 1200000
    let v = ok(&[
        "--province",
        "beijing",
        "--harm",
        "disability",
        "--avg-wage",
        "120000",
    ]);
    assert_eq!(amount(&v).2, Some(600000));
    let v = ok(&[
        "--province",
        "beijing",
        "--harm",
        "death",
        "--avg-wage",
        "120000",
        "--date",
        "2003-06-01",
    ]);
    assert_eq!(amount(&v).2, Some(1200000));
}

#[test]
fn beijing_without_the_average_wage_names_the_missing_field() {
    let (v, code) = run(&["--province", "beijing", "--disability-grade", "3"]);
    assert_eq!(code, 1);
    assert_eq!(v["error"]["field"], "avg_wage");
}

// ---- Shaanxi (B7), Chongqing (B8) ----

#[test]
fn shaanxi_death_band_and_the_second_grade() {
    let v = ok(&["--province", "shaanxi", "--harm", "death"]);
    assert_eq!((amount(&v).0, amount(&v).2), (1000, Some(20000)));
    let v = ok(&[
        "--province",
        "shaanxi",
        "--harm",
        "disability",
        "--severity",
        "level-2",
    ]);
    assert_eq!((amount(&v).0, amount(&v).2), (10000, Some(15000)));
    // the Chinese tier name works too
    let v = ok(&[
        "--province",
        "陕西",
        "--harm",
        "disability",
        "--severity",
        "二级",
    ]);
    assert_eq!((amount(&v).0, amount(&v).2), (10000, Some(15000)));
}

#[test]
fn chongqing_ip_moral_rights_capped_at_100000() {
    let v = ok(&["--province", "chongqing", "--harm", "ip-moral"]);
    assert_eq!(amount(&v).2, Some(100000));
}

// ---- Guangdong (B9): the table, boundary days in the lower row ----

#[test]
fn guangdong_state_compensation_by_days() {
    // the table applies to cases dated before 2021-04-01 (see the next test)
    // ≤20 days: 1000 (20 is on the boundary: lower row); 45 days: 20 d–2 m: 3000; 400 days: 1–3 y: 50000
    for (days, cap) in [
        ("15", 1000),
        ("20", 1000),
        ("21", 3000),
        ("45", 3000),
        ("60", 3000),
        ("61", 10000),
        ("400", 50000),
        ("3651", 200000),
    ] {
        let v = ok(&[
            "--province",
            "guangdong",
            "--context",
            "state-compensation",
            "--date",
            "2020-06-01",
            "--detention-days",
            days,
        ]);
        assert_eq!(amount(&v).2, Some(cap), "{days} days");
    }
    let v = ok(&[
        "--province",
        "guangdong",
        "--context",
        "state-compensation",
        "--date",
        "2020-06-01",
        "--detention-days",
        "20",
        "--severity",
        "especially-serious",
    ]);
    assert_eq!(amount(&v).2, Some(2000));
    let v = ok(&[
        "--province",
        "guangdong",
        "--context",
        "state-compensation",
        "--date",
        "2020-06-01",
        "--harm",
        "disability",
    ]);
    assert_eq!(amount(&v).2, Some(300000));
    assert!(statuses(&v).contains(&"superseded".to_string()));
}

/// The Guangdong table is superseded from 2021-04-01 (PROVISIONS.md B9; law/README.md policy 4):
/// up to 2021-03-31 it applies; from 2021-04-01 the national 2021 interpretation does
/// (Arts. 8, 10: at most 50% of the liberty compensation, at least 1000, in whole thousands).
#[test]
fn guangdong_table_ends_when_the_2021_interpretation_begins() {
    let case = |date: &str| {
        ok(&[
            "--province",
            "guangdong",
            "--context",
            "state-compensation",
            "--detention-days",
            "45",
            "--base-compensation",
            "50000",
            "--severity",
            "serious",
            "--date",
            date,
        ])
    };
    // 2021-03-31: 45 days is in the "20 days to 2 months" row, cap 3000
    let v = case("2021-03-31");
    assert_eq!(v["rule"], "guangdong.state-comp.detention");
    assert_eq!((n(&v["band"]["floor"]), amount(&v).2), (0, Some(3000)));
    // 2021-04-01 and today: 50000 × 50% = 25000, floor 1000
    for date in ["2021-04-01", "2026-11-22"] {
        let v = case(date);
        assert_eq!(v["rule"], "national.state-comp.2021", "{date}");
        assert_eq!(v["basis"], "national", "{date}");
        assert_eq!(n(&v["band"]["floor"]), 1000, "{date}");
        assert_eq!(n(&v["band"]["cap"]), 25000, "{date}");
        assert!(
            !statuses(&v).contains(&"superseded".to_string()),
            "{date}: the superseded table is not used"
        );
        assert!(
            notes(&v).contains(&format!(
                "广东省的此类标准（规则 guangdong.state-comp.detention）只适用于 2021-03-31 及以前；本案适用日期 {date} 在其后，故不再适用，适用全国性规定。"
            )),
            "{date}: {}",
            notes(&v)
        );
    }
    // without the compensation amount the national rule cannot be computed: the error says so
    let (_, code) = run(&[
        "--province",
        "guangdong",
        "--context",
        "state-compensation",
        "--detention-days",
        "45",
        "--severity",
        "serious",
    ]);
    assert_eq!(code, 1);
    // naming no severity, 45 days shows no serious consequence: nothing paid, no amount needed
    let (_, code) = run(&[
        "--province",
        "guangdong",
        "--context",
        "state-compensation",
        "--detention-days",
        "45",
    ]);
    assert_eq!(code, 0);
}

// ---- National state compensation (A7): dates choose the rule ----

/// National state compensation for detention, liberty and life/health compensation 300000.
fn state_comp_300000(severity: &str, date: &str) -> Value {
    ok(&[
        "--province",
        "national",
        "--context",
        "state-compensation",
        "--harm",
        "detention",
        "--base-compensation",
        "300000",
        "--severity",
        severity,
        "--date",
        date,
    ])
}

#[test]
fn national_state_compensation_50_percent_after_2021_04_01() {
    // 300000 × 50% = 150000 (whole thousands); floor 1000. No factor given: score 0.2575 (the
    // model's defaults: 0.3×0.2 + 0.25×0.2 + 0.25×0.35 + 0×0.05 + 0.3×0.1 + 0.3×0.1), so the point is
    // 1000 + 149000 × 0.2575 = 39367.5 → 39000 in whole thousands (Art. 10); the range is the band
    let v = state_comp_300000("serious", "2025-01-01");
    assert_eq!(amount(&v), (1000, 39000, Some(150000)));
    assert_eq!(n(&v["band"]["floor"]), 1000);
    // the rounding is Art. 10's (以千为计数单位), not Art. 8's share: it cites Art. 10 alone
    let last = v["steps"].as_array().unwrap().last().unwrap();
    assert_eq!(
        (&last["rule"], &last["text"], &last["citation"]),
        (
            &"rounding".into(),
            &"39367.5 → 39000".into(),
            &"第十条".into()
        )
    );
}

#[test]
fn national_state_compensation_35_percent_before_2021_04_01() {
    // 300000 × 35% = 105000; floor 1000; the 2014 opinion is superseded
    let v = state_comp_300000("serious", "2020-06-01");
    assert_eq!(amount(&v).2, Some(105000));
    assert_eq!(n(&v["band"]["floor"]), 1000);
    assert!(statuses(&v).contains(&"superseded".to_string()));
}

#[test]
fn state_compensation_switches_on_2021_04_01() {
    // the day before: 35% → 105000; the day itself: 50% → 150000
    let day = |d: &str| amount(&state_comp_300000("serious", d)).2;
    assert_eq!(day("2021-03-31"), Some(105000));
    assert_eq!(day("2021-04-01"), Some(150000));
}

/// Art. 7 ¶2: death, or detention of ten years or more, is 后果特别严重. A case that names no
/// severity but gives such a fact is estimated under the rule open above 50%, and says why.
#[test]
fn state_compensation_severity_follows_the_facts_art_7_para_2() {
    let sc = |extra: &[&str], date: &str| {
        let mut a = vec![
            "--province",
            "national",
            "--context",
            "state-compensation",
            "--base-compensation",
            "300000",
            "--date",
            date,
        ];
        a.extend_from_slice(extra);
        ok(&a)
    };
    let cited_7_2 = |v: &Value| {
        v["citations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["article"] == "第七条第二款")
    };
    // death: 300000 × 50% = 150000, open above
    let v = sc(&["--harm", "death"], "2025-01-01");
    assert_eq!(amount(&v), (150000, 150000, None));
    assert_eq!(v["rule"], "national.state-comp.2021.especially-serious");
    assert!(cited_7_2(&v) && notes(&v).contains("受害人死亡"), "{v}");
    // 3653 days is ten years whatever the dates; 3652 may fall a day short (three leap days)
    let v = sc(
        &["--harm", "detention", "--detention-days", "3653"],
        "2025-01-01",
    );
    assert_eq!(amount(&v), (150000, 150000, None));
    assert!(notes(&v).contains("羁押 3653 日"), "{}", notes(&v));
    // 3652 days: the serious rule, 50% cap; no factor given: 1000 + 149000 × 0.2575 = 39367.5 → 39000
    let v = sc(
        &["--harm", "detention", "--detention-days", "3652"],
        "2025-01-01",
    );
    assert_eq!(amount(&v), (1000, 39000, Some(150000)));
    assert!(!cited_7_2(&v));
    // a severity the case names wins: death named serious stays under the 50% cap; death implies
    // 后果特别严重 for the model (score 0.52): 1000 + 149000 × 0.52 = 78480 → 78000
    let v = sc(&["--harm", "death", "--severity", "serious"], "2025-01-01");
    assert_eq!(amount(&v), (1000, 78000, Some(150000)));
    assert!(!notes(&v).contains("未指明严重程度："));
    // before 2021-04-01 the 2014 opinion (35%, no thousands) has no such rule:
    // 1000 + 104000 × 0.52 = 55080
    let v = sc(&["--harm", "death"], "2020-06-01");
    assert_eq!(amount(&v), (1000, 55080, Some(105000)));
    assert!(!cited_7_2(&v));
}

/// Art. 7 lists detention of six months or more among the serious consequences; six months are
/// 181–184 days, so 180 days or fewer is certainly short of it and the report says another serious
/// consequence is needed. Naming no severity, such a case is paid nothing (Art. 35; the tool's
/// reading); naming a serious consequence, cap 50000 × 50% = 25000 and the model places
/// 1000 + 24000 × 0.2575 = 7180 → 7000, the note still given.
#[test]
fn state_compensation_under_six_months_says_another_serious_consequence_is_needed() {
    let run_days = |days: &str, date: &str| {
        ok(&[
            "--province",
            "national",
            "--context",
            "state-compensation",
            "--harm",
            "detention",
            "--detention-days",
            days,
            "--base-compensation",
            "50000",
            "--date",
            date,
        ])
    };
    let v = run_days("180", "2025-01-01");
    assert!(
        notes(&v).contains("羁押 180 日，不足六个月"),
        "{}",
        notes(&v)
    );
    assert!(v["citations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["source"] == "spc-state-2021" && c["article"] == "第七条"));
    assert_eq!(amount(&v), (0, 0, Some(0)));
    assert_eq!(v["rule"], "national.state-comp.no-serious-consequence");
    let v = ok(&[
        "--province",
        "national",
        "--context",
        "state-compensation",
        "--harm",
        "detention",
        "--detention-days",
        "180",
        "--base-compensation",
        "50000",
        "--severity",
        "serious",
        "--date",
        "2025-01-01",
    ]);
    assert_eq!(amount(&v), (1000, 7000, Some(25000)));
    assert!(notes(&v).contains("羁押 180 日，不足六个月"));
    // 181 days may be six months; before 2021-04-01 the 2014 opinion had no such list
    assert!(!notes(&run_days("181", "2025-01-01")).contains("不足六个月"));
    assert!(!notes(&run_days("100", "2020-06-01")).contains("不足六个月"));
}

/// Art. 7 lists an injury among the serious consequences from 轻伤 upwards ("轻伤以上或者残疾"), so a
/// case assessed as 轻微伤 is told another serious consequence is needed, citing Art. 7. Naming no
/// severity, it is paid nothing (Art. 35; the tool's reading). Naming a serious consequence, the
/// estimate is: cap 20000 × 50% = 10000; the model reads 轻微伤 as a slight consequence (0.1):
/// score 0.06 + 0.05 + 0.35 × 0.1 + 0 + 0.03 + 0.03 = 0.205, 1000 + 9000 × 0.205 = 2845 → 3000 in
/// whole thousands.
#[test]
fn state_compensation_slight_injury_says_another_serious_consequence_is_needed() {
    let run_case = |degree: &str, harm: &str, date: &str, lang: &str| {
        ok(&[
            "--province",
            "national",
            "--context",
            "state-compensation",
            "--harm",
            harm,
            "--injury-degree",
            degree,
            "--base-compensation",
            "20000",
            "--date",
            date,
            "--lang",
            lang,
        ])
    };
    let v = run_case("slight", "injury", "2025-01-01", "zh");
    assert!(
        notes(&v).contains("伤情为轻微伤，不构成第七条所列“轻伤以上或者残疾”的严重后果"),
        "{}",
        notes(&v)
    );
    assert!(v["citations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["source"] == "spc-state-2021" && c["article"] == "第七条"));
    assert_eq!(s(&v, "rule"), "national.state-comp.no-serious-consequence");
    assert_eq!(amount(&v), (0, 0, Some(0)));
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
        "20000",
        "--severity",
        "serious",
        "--date",
        "2025-01-01",
    ]);
    assert_eq!(s(&v, "rule"), "national.state-comp.2021");
    assert_eq!(band(&v), (1000, Some(10000)));
    assert_eq!(amount(&v).1, 3000);
    assert!(notes(&v).contains("伤情为轻微伤，不构成第七条所列“轻伤以上或者残疾”的严重后果"));
    let en = run_case("slight", "injury", "2025-01-01", "en");
    assert!(
        notes(&en).contains("A slight injury (轻微伤) is not the serious consequence Art. 7 lists"),
        "{}",
        notes(&en)
    );
    // 轻伤 is one of Art. 7's consequences; before 2021-04-01 the 2014 opinion had no such list
    assert!(!notes(&run_case("minor", "injury", "2025-01-01", "zh")).contains("伤情为轻微伤"));
    assert!(!notes(&run_case("slight", "injury", "2020-06-01", "zh")).contains("伤情为轻微伤"));
}

#[test]
fn state_compensation_especially_serious_is_open_above_50_percent() {
    let v = state_comp_300000("especially-serious", "2025-01-01");
    assert_eq!(amount(&v), (150000, 150000, None));
}

// ---- Zhejiang (C1): generally up to 50000; egregious cases in principle up to 100000 ----

#[test]
fn zhejiang_egregious_raises_the_top_to_100000_with_a_step() {
    // band 0–50000; death implies 后果特别严重 (score 1), the rest at their defaults:
    // 0.3×0.2 + 0.25×0.2 + 1×0.35 + 0×0.05 + 0.3×0.1 + 0.3×0.1 = 0.52 → 50000 × 0.52 = 26000;
    // five factors unknown widen the range to the whole band
    let v = ok(&["--province", "zhejiang", "--harm", "death"]);
    assert_eq!(n(&v["band"]["cap"]), 50000);
    assert_eq!(amount(&v), (0, 26000, Some(50000)));
    let v = ok(&[
        "--province",
        "zhejiang",
        "--harm",
        "death",
        "--circumstances",
        "egregious",
    ]);
    // 第15条: 情节特别恶劣的，原则上不超过10万元 — the egregious case's band is 0–100000, and the
    // range's top goes with it
    assert_eq!(
        n(&v["band"]["cap"]),
        100000,
        "the provision's higher limit is the band for this case"
    );
    assert_eq!(amount(&v).2, Some(100000), "第15条: 原则上不超过10万元");
    let steps = v["steps"].as_array().unwrap();
    let raise = steps.iter().rfind(|s| s["rule"] != "rounding").unwrap();
    assert_eq!(raise["rule"], "zhejiang.personal-injury");
    assert!(
        raise["text"].as_str().unwrap().ends_with("→ 100000"),
        "the raise is a step of the arithmetic: {raise}"
    );
}

// ---- Medical accidents (A8), Inner Mongolia (C2) ----

#[test]
fn medical_accident_living_expense_times_6_or_3_years() {
    // 20000 × 6 = 120000; 20000 × 3 = 60000
    let v = ok(&[
        "--province",
        "national",
        "--context",
        "medical-accident",
        "--harm",
        "death",
        "--avg-living-expense",
        "20000",
    ]);
    assert_eq!(amount(&v).2, Some(120000));
    let v = ok(&[
        "--province",
        "national",
        "--context",
        "medical-accident",
        "--harm",
        "disability",
        "--avg-living-expense",
        "20000",
    ]);
    assert_eq!(amount(&v).2, Some(60000));
}

#[test]
fn neimenggu_traffic_grade_3_cap_is_30000_x_0_8() {
    // 30000 × 0.8 = 24000
    let v = ok(&[
        "--province",
        "neimenggu",
        "--disability-grade",
        "3",
        "--context",
        "traffic",
    ]);
    assert_eq!(amount(&v).2, Some(24000));
}

// ---- Personal information: criminal classification (A6) ----

fn criminal(args: &[&str]) -> Value {
    let mut a = vec!["--province", "national", "--harm", "personal-info"];
    a.extend_from_slice(args);
    ok(&a)["criminal"].clone()
}

#[test]
fn personal_information_criminal_thresholds_are_inclusive() {
    for (args, tier) in [
        (&["--info-sensitive", "60"][..], "serious"), // 60 ≥ 50
        (&["--info-sensitive", "500"][..], "especially-serious"), // 500 ≥ 10 × 50
        (&["--info-other", "4999"][..], "none"),      // 4999 < 5000
        (&["--info-other", "5000"][..], "serious"),   // 5000 ≥ 5000 (以上 includes)
        (&["--gain", "5000"][..], "serious"),         // 违法所得 5000 ≥ 5000
        (&["--info-sensitive", "25", "--insider"][..], "serious"), // insiders: 50 / 2 = 25
    ] {
        let c = criminal(args);
        assert_eq!(c["tier"], tier, "{args:?}: {c}");
        match tier {
            "serious" => assert!(c["sentence"].as_str().unwrap().contains("三年以下有期徒刑")),
            "especially-serious" => {
                assert!(c["sentence"].as_str().unwrap().contains("三年以上七年以下"))
            }
            _ => assert!(c["sentence"].is_null()),
        }
    }
    // 24 sensitive items by an insider stay below 25
    assert_eq!(
        criminal(&["--info-sensitive", "24", "--insider"])["tier"],
        "none"
    );
}

#[test]
fn national_case_states_each_note_once() {
    // Regression: a case naming `national` had the national context notes (1183 premise, PIPL 69)
    // applied twice, once as national and once as "its own province".
    for province in ["national", "sichuan"] {
        let v = ok(&["--province", province, "--harm", "personal-info"]);
        let notes: Vec<&str> = v["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        let pipl = notes
            .iter()
            .filter(|n| n.contains("《个人信息保护法》第六十九条"))
            .count();
        assert_eq!(pipl, 1, "{province}: {notes:?}");
        let mut seen = std::collections::HashSet::new();
        assert!(
            notes.iter().all(|n| seen.insert(*n)),
            "{province}: {notes:?}"
        );
    }
}

// ---- Refusals the law makes ----

#[test]
fn memorial_object_with_ordinary_negligence_is_refused_under_1183_2() {
    let v = ok(&[
        "--province",
        "sichuan",
        "--harm",
        "memorial",
        "--fault",
        "ordinary-negligence",
    ]);
    assert_eq!(amount(&v), (0, 0, Some(0)));
    assert_eq!(v["rule"], "national.memorial-fault");
    let c = v["citations"].to_string();
    assert!(c.contains("民法典"), "{c}");
    assert!(c.contains("1183") || c.contains("一千一百八十三"), "{c}");
}

#[test]
fn legal_person_victims_get_nothing() {
    let v = ok(&[
        "--province",
        "fujian",
        "--harm",
        "personality",
        "--victim",
        "organization",
    ]);
    assert_eq!(amount(&v), (0, 0, Some(0)));
    assert_eq!(v["basis"], "refusal");
}

// ---- Fallbacks ----

#[test]
fn shanghai_is_known_and_gets_a_labelled_cross_province_reference() {
    let v = ok(&[
        "--province",
        "shanghai",
        "--disability-grade",
        "7",
        "--liability",
        "1",
    ]);
    assert_eq!(v["jurisdiction"], "shanghai");
    assert_eq!(v["basis"], "cross-province");
    assert!(notes(&v).contains("跨省参考"));
    // one step per province used, each with its point; Sichuan's is 100000 × 0.4 × 1 = 40000
    let steps = v["steps"].as_array().unwrap();
    let provincial: Vec<&Value> = steps
        .iter()
        .filter(|s| !["cross-province", "rounding"].contains(&s["rule"].as_str().unwrap()))
        .collect();
    let sichuan = provincial
        .iter()
        .find(|s| s["rule"] == "sichuan.disability")
        .unwrap();
    assert_eq!(sichuan["amount"], 40000);
    // the point is the median of the provincial points (the tool's model), whole yuan half up
    let mut points: Vec<rust_decimal::Decimal> = provincial
        .iter()
        .map(|s| s["amount"].to_string().parse().unwrap())
        .collect();
    points.sort();
    let k = points.len();
    let median = if k % 2 == 1 {
        points[k / 2]
    } else {
        (points[k / 2 - 1] + points[k / 2]) / rust_decimal::Decimal::TWO
    };
    let median =
        median.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(amount(&v).1.to_string(), median.to_string());
}

#[test]
fn a_province_without_a_medical_rule_uses_the_national_regulation() {
    let v = ok(&[
        "--province",
        "sichuan",
        "--context",
        "medical-accident",
        "--harm",
        "death",
        "--avg-living-expense",
        "20000",
    ]);
    assert_eq!(v["rule"], "national.medical-accident.death");
    assert_eq!(amount(&v).2, Some(120000));
}

// ---- Bad input ----

#[test]
fn bad_input_names_the_field_and_what_is_allowed() {
    let (v, code) = run(&["--province", "sichuan", "--disability-grade", "11"]);
    assert_eq!(
        (code, v["error"]["field"].as_str()),
        (1, Some("disability_grade"))
    );
    assert!(v["error"]["message"].as_str().unwrap().contains("1 至 10"));

    let (v, code) = run(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "7",
        "--liability",
        "1.5",
    ]);
    assert_eq!((code, v["error"]["field"].as_str()), (1, Some("liability")));

    // a negative number is the flag's value, not a flag: the range error, not a usage error
    let (v, code) = run(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "7",
        "--liability",
        "-0.2",
    ]);
    assert_eq!((code, v["error"]["field"].as_str()), (1, Some("liability")));
    assert!(v["error"]["message"].as_str().unwrap().contains("0 至 1"));

    let (v, code) = run(&["--province", "sichaun", "--disability-grade", "7"]);
    assert_eq!((code, v["error"]["field"].as_str()), (1, Some("province")));
    assert!(
        v["error"]["message"].as_str().unwrap().contains("sichuan"),
        "suggests sichuan: {v}"
    );
}

/// Errors that end the run (exit 2) come in the report's language too.
#[test]
fn unreadable_input_is_explained_in_the_report_language() {
    let run2 = |args: &[&str]| {
        let out = Command::cargo_bin("estimate")
            .unwrap()
            .env("SOLATIUM_TODAY", "2026-11-22")
            .env_remove("SOLATIUM_RULES")
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    let (code, err) = run2(&["--case", "no-such-case.json"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err.trim_end(),
        "estimate: 无法读取案件文件 no-such-case.json：文件或目录不存在"
    );
    let (code, err) = run2(&["--case", "no-such-case.json", "--lang", "en"]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("estimate: cannot read case file no-such-case.json: "),
        "{err}"
    );
    let (code, err) = run2(&["batch", "no-such-dir"]);
    assert_eq!(code, Some(2));
    assert_eq!(err.trim_end(), "estimate: 文件或目录不存在：no-such-dir");
}

#[test]
fn errors_come_in_english_with_lang_en() {
    let (v, _) = run(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "11",
        "--lang",
        "en",
    ]);
    assert!(v["error"]["message"]
        .as_str()
        .unwrap()
        .contains("out of range"));
}

#[test]
fn cross_province_citations_carry_the_status_of_the_rule_used() {
    // Shanghai has no standard; the reference draws on Sichuan's personality band (三、3、5–8),
    // whose status is unknown — not the "historical" status of Sichuan's death and disability items.
    let v = ok(&["--province", "shanghai", "--harm", "personality"]);
    assert_eq!(v["basis"], "cross-province");
    let sc: Vec<&Value> = v["citations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["source"] == "sc-opinion")
        .collect();
    assert_eq!(sc.len(), 1, "{}", v["citations"]);
    assert_eq!(sc[0]["article"], "三、3、5–8");
    assert_eq!(sc[0]["status"], "unknown");
}

// ---- Provisions apply from the day they took effect (PROVISIONS.md A1, A2, A5, A6, A7) ----

fn articles(v: &Value) -> Vec<String> {
    v["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                c["source"].as_str().unwrap(),
                c["article"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn personal_information_before_pipl_and_the_2017_interpretation() {
    // 60 items of 行踪轨迹 etc. ≥ 50: 情节严重 under 法释〔2017〕10号 Art. 5 — in force 2017-06-01.
    // PIPL Art. 69 is in force from 2021-11-01, Civil Code 1183 from 2021-01-01 (before: old Art. 8).
    let args = |date: &'static str| {
        [
            "--province",
            "national",
            "--harm",
            "personal-info",
            "--info-sensitive",
            "60",
            "--date",
            date,
        ]
    };
    let v = ok(&args("2016-05-01"));
    assert!(
        v["criminal"].is_null(),
        "no classification before 2017-06-01: {v}"
    );
    assert!(notes(&v).contains("自 2017-06-01 起施行"), "{}", notes(&v));
    let a = articles(&v);
    assert!(
        !a.iter()
            .any(|c| c.starts_with("pipl") || c.starts_with("civil-code")),
        "{a:?}"
    );
    assert!(a.contains(&"spc-2001 第八条".to_string()), "{a:?}");
    assert!(a.contains(&"spc-2001 第十条".to_string()), "{a:?}");

    let v = ok(&args("2017-06-01"));
    assert_eq!(
        v["criminal"]["tier"], "serious",
        "the day it took effect counts"
    );
    assert!(!articles(&v).iter().any(|c| c.starts_with("pipl")));

    let v = ok(&args("2021-11-01"));
    assert_eq!(v["criminal"]["tier"], "serious");
    let a = articles(&v);
    assert!(a.contains(&"pipl 第六十九条".to_string()), "{a:?}");
    assert!(
        a.contains(&"civil-code 第一千一百八十三条第一款".to_string()),
        "{a:?}"
    );
    assert!(!a.iter().any(|c| c.starts_with("spc-2001")), "{a:?}");
}

#[test]
fn the_memorial_fault_threshold_starts_with_the_civil_code() {
    // 民法典 1183 ¶2 (in force 2021-01-01) needs intent or gross negligence for an object of
    // personal significance; before it, ordinary negligence is not refused on that ground and the
    // Sichuan 500–50000 band (B1 item 4) applies.
    let args = |date: &'static str| {
        [
            "--province",
            "sichuan",
            "--harm",
            "memorial",
            "--fault",
            "ordinary-negligence",
            "--date",
            date,
        ]
    };
    let v = ok(&args("2020-12-31"));
    assert_eq!(v["rule"], "sichuan.memorial");
    assert_eq!((amount(&v).0, amount(&v).2), (500, Some(50000)));
    let v = ok(&args("2021-01-01"));
    assert_eq!(v["rule"], "national.memorial-fault");
    assert_eq!(amount(&v), (0, 0, Some(0)));
}

#[test]
fn article_998_and_state_compensation_article_9_are_cited_where_they_apply() {
    // PROVISIONS.md F: 民法典 998 adds factors for personality rights other than life, body, health
    let v = ok(&["--province", "sichuan", "--harm", "personality"]);
    assert!(articles(&v).contains(&"civil-code 第九百九十八条".to_string()));
    assert!(notes(&v).contains("影响范围"), "{}", notes(&v));
    // not for bodily harm
    let v = ok(&["--province", "sichuan", "--disability-grade", "7"]);
    assert!(!articles(&v).contains(&"civil-code 第九百九十八条".to_string()));
    // A7 第九条: the state-compensation factors, from 2021-04-01 only
    let args = |date: &'static str| {
        [
            "--province",
            "national",
            "--context",
            "state-compensation",
            "--harm",
            "detention",
            "--detention-days",
            "200",
            "--base-compensation",
            "300000",
            "--severity",
            "serious",
            "--date",
            date,
        ]
    };
    let v = ok(&args("2025-01-01"));
    assert!(articles(&v).contains(&"spc-state-2021 第九条".to_string()));
    assert!(notes(&v).contains("原因力比例"), "{}", notes(&v));
    let v = ok(&args("2020-06-01"));
    assert!(
        !articles(&v).iter().any(|c| c.starts_with("spc-state-2021")),
        "{:?}",
        articles(&v)
    );
}

#[test]
fn the_2014_state_compensation_opinion_does_not_reach_back_before_2014() {
    // PROVISIONS.md A7 dates the 35% opinion only to 2014. Dated 2014-06-01: 20000 × 35% = 7000,
    // floor 1000. Dated 2013-06-01: no national figure; the note names the rule and its start.
    let args = |date: &'static str| {
        [
            "--province",
            "national",
            "--context",
            "state-compensation",
            "--harm",
            "detention",
            "--detention-days",
            "200",
            "--base-compensation",
            "20000",
            "--severity",
            "serious",
            "--date",
            date,
        ]
    };
    let v = ok(&args("2014-06-01"));
    assert_eq!(v["rule"], "national.state-comp.2014");
    assert_eq!((amount(&v).0, amount(&v).2), (1000, Some(7000)));
    let v = ok(&args("2013-06-01"));
    assert_eq!(v["basis"], "cross-province");
    let n = notes(&v);
    assert!(
        n.contains("规则 national.state-comp.2014）自 2014-01-01 起才适用"),
        "{n}"
    );
    assert!(n.contains("全国性规定未就此给出数额"), "{n}");
    // the same from a province with no state-compensation rule of its own
    let mut a = args("2013-06-01");
    a[1] = "shanghai";
    let n = notes(&ok(&a));
    assert!(
        n.contains("全国的此类标准（规则 national.state-comp.2014）自 2014-01-01 起才适用"),
        "{n}"
    );
}

#[test]
fn a_severity_the_rule_does_not_use_is_said_to_be_unused() {
    // Sichuan's 500–50000 band has no severity tiers (B1 item 3): the severity changes nothing,
    // and a note says so; Fujian's tiers (B4) do use it, with no such note.
    let plain = ok(&["--province", "sichuan", "--harm", "personality"]);
    let v = ok(&[
        "--province",
        "sichuan",
        "--harm",
        "personality",
        "--severity",
        "especially-serious",
    ]);
    assert_eq!(amount(&v), amount(&plain));
    assert!(
        notes(&v).contains("所给严重程度（especially-serious）未计入"),
        "{}",
        notes(&v)
    );
    let v = ok(&[
        "--province",
        "fujian",
        "--harm",
        "personality",
        "--severity",
        "serious",
    ]);
    // Fujian serious: 10000–50000; no factor given: 10000 + 40000 × 0.2575 = 20300, range = band
    assert_eq!(amount(&v), (10000, 20300, Some(50000)));
    assert!(!notes(&v).contains("所给严重程度"), "{}", notes(&v));
}

#[test]
fn a_refusal_resting_on_later_law_says_so_for_an_earlier_case() {
    // legal persons get nothing under the amended interpretation's Art. 4 (in force 2021-01-01,
    // PROVISIONS.md A2); the rule base holds no earlier counterpart, so a 2019 case is refused on
    // the later text with a note saying so, and a 2022 case without one
    let args = |date: &'static str| {
        [
            "--province",
            "sichuan",
            "--harm",
            "personality",
            "--victim",
            "organization",
            "--date",
            date,
        ]
    };
    let v = ok(&args("2019-01-01"));
    assert_eq!(amount(&v), (0, 0, Some(0)));
    assert!(
        notes(&v).contains("（2020年修正）自 2021-01-01 起施行，晚于本案适用日期 2019-01-01"),
        "{}",
        notes(&v)
    );
    let v = ok(&args("2022-01-01"));
    assert_eq!(amount(&v), (0, 0, Some(0)));
    assert!(!notes(&v).contains("晚于本案适用日期"), "{}", notes(&v));
}

// ---- facts given that the estimate does not use: never dropped without a word ----

fn notes_text(v: &serde_json::Value) -> String {
    v["notes"].to_string()
}

/// An average wage, living expense or age that no rule the estimate rests on reads is named as
/// not applied, and changes nothing: Anhui death is a band (50000–80000), not a multiple; a
/// Hebei death case dated 2026 is the cross-province reference, whose rules (Beijing's and
/// Sichuan's death multiples having ended in 2004) read none of them. Where a rule reads them —
/// Sichuan death in 2003 (living expense × years, less with age), Beijing disability within
/// Hebei's cross-province reference (the wage × 5) — there is no such note.
#[test]
fn a_statistic_or_age_no_rule_reads_is_named_as_not_applied() {
    let stats = [
        "--avg-wage",
        "100000",
        "--avg-living-expense",
        "20000",
        "--age",
        "80",
    ];
    for base in [
        vec!["--province", "anhui", "--harm", "death"],
        vec![
            "--province",
            "hebei",
            "--harm",
            "death",
            "--date",
            "2026-06-01",
        ],
    ] {
        let v = ok(&[base.clone(), stats.to_vec()].concat());
        let w = ok(&base);
        for field in ["avg_wage", "avg_living_expense", "age"] {
            assert!(
                notes_text(&v).contains(&format!("所给 {field} 未计入")),
                "{base:?}: {}",
                notes_text(&v)
            );
        }
        assert_eq!(v["amount"], w["amount"], "{base:?}");
    }
    let v = ok(&[
        "--province",
        "sichuan",
        "--harm",
        "death",
        "--date",
        "2003-06-01",
        "--avg-living-expense",
        "20000",
        "--age",
        "75",
    ]);
    assert!(!notes_text(&v).contains("未计入"), "{}", notes_text(&v));
    let v = ok(&[
        "--province",
        "hebei",
        "--disability-grade",
        "3",
        "--avg-wage",
        "100000",
        "--lang",
        "en",
    ]);
    assert!(!notes_text(&v).contains("avg_wage"), "{}", notes_text(&v));
    let v = ok(&[
        "--province",
        "anhui",
        "--harm",
        "death",
        "--avg-wage",
        "1",
        "--lang",
        "en",
    ]);
    assert!(
        notes_text(&v).contains("avg_wage was given but not applied"),
        "{}",
        notes_text(&v)
    );
}

/// Factors, a profit motive, a gain or `insider` given for an estimate that reads none of them
/// are named: Sichuan disability is 100000 × 0.4 = 40000 by formula, whatever the fault, the
/// profit or the gain, and `insider` counts only in personal information's criminal
/// classification. Where they are read — the circumstances by Sichuan's "especially vile" clause
/// (no upper end), the fault by the memorial refusal (ordinary negligence: 0), the gain by the
/// criminal classification — there is no such note.
#[test]
fn factors_profit_and_insider_no_rule_reads_are_named_as_not_applied() {
    let base = ["--province", "sichuan", "--disability-grade", "7"];
    let v = ok(&[
        &base[..],
        &[
            "--fault",
            "intent",
            "--ability",
            "strong",
            "--profit-motive",
            "--gain",
            "5000",
        ],
        &["--insider", "--circumstances", "egregious"],
    ]
    .concat());
    let notes = notes_text(&v);
    for part in [
        "所给 factors.fault、factors.ability 未计入",
        "所给 profit_motive 未计入",
        "所给 gain 未计入",
        "所给 insider 未计入：本案损害类型为 disability",
    ] {
        assert!(notes.contains(part), "{part}: {notes}");
    }
    assert!(!notes.contains("factors.circumstances"), "{notes}");
    // egregious circumstances lift the top; the point stays the formula's
    assert_eq!(
        (n(&v["amount"]["point"]), &v["amount"]["high"]),
        (40000, &Value::Null)
    );
    // an infringer's kind: not in Sichuan's formula; Shandong multiplies an organisation's band,
    // and Hebei's cross-province reference spans Shandong's (1000 × 5 – 3000 × 10)
    let v = ok(&[&base[..], &["--infringer", "organization"]].concat());
    assert!(
        notes_text(&v).contains("所给 infringer（organization）未计入"),
        "{}",
        notes_text(&v)
    );
    for p in ["shandong", "hebei"] {
        let v = ok(&[
            "--province",
            p,
            "--harm",
            "personality",
            "--infringer",
            "organization",
        ]);
        assert!(
            !notes_text(&v).contains("未计入"),
            "{p}: {}",
            notes_text(&v)
        );
    }
    // an injury degree with a graded disability: the grade gives the consequence
    let v = ok(&[&base[..], &["--injury-degree", "serious"]].concat());
    assert!(
        notes_text(&v).contains("所给 injury_degree（serious）未计入：本案损害类型为 disability"),
        "{}",
        notes_text(&v)
    );
    // read by the model (the consequence of an injury to a personality right) and by Anhui's
    // rules for injury (轻微伤 refused): no note
    for args in [
        [
            "--province",
            "sichuan",
            "--harm",
            "personality",
            "--injury-degree",
            "serious",
        ],
        [
            "--province",
            "anhui",
            "--harm",
            "injury",
            "--injury-degree",
            "slight",
        ],
    ] {
        let v = ok(&args);
        assert!(
            !notes_text(&v).contains("未计入"),
            "{args:?}: {}",
            notes_text(&v)
        );
    }
    let v = ok(&[
        "--province",
        "national",
        "--harm",
        "memorial",
        "--fault",
        "ordinary-negligence",
    ]);
    assert_eq!(n(&v["amount"]["point"]), 0);
    assert!(!notes_text(&v).contains("未计入"), "{}", notes_text(&v));
    let v = ok(&[
        "--province",
        "national",
        "--info-sensitive",
        "60",
        "--gain",
        "100",
        "--insider",
        "--profit-motive",
    ]);
    assert!(!notes_text(&v).contains("未计入"), "{}", notes_text(&v));
}

/// base_compensation in state compensation is read by a share (the national 50% from 2021) or by
/// the note that works Guangdong's 35% out of it (2014 to 2021-03-31); Guangdong's table by days
/// before 2014 reads neither, so it is named as not applied, and the amounts are the table's.
#[test]
fn base_compensation_a_table_by_days_does_not_read_is_named() {
    let case = |date: &'static str, base: bool| {
        let mut a = vec![
            "--province",
            "guangdong",
            "--context",
            "state-compensation",
            "--detention-days",
            "30",
            "--date",
            date,
        ];
        if base {
            a.extend(["--base-compensation", "100000"]);
        }
        ok(&a)
    };
    let v = case("2010-01-01", true);
    assert!(
        notes_text(&v).contains(
            "所给 base_compensation 未计入：所用规则不按人身自由、生命健康赔偿金总额的比例计算数额"
        ),
        "{}",
        notes_text(&v)
    );
    assert_eq!(v["amount"], case("2010-01-01", false)["amount"]);
    for date in ["2016-01-01", "2022-01-01"] {
        let mut args = vec![
            "--province",
            "guangdong",
            "--context",
            "state-compensation",
            "--detention-days",
            "30",
            "--base-compensation",
            "100000",
            "--date",
            date,
        ];
        // from 2021-04-01 a detention under six months naming no severity is paid nothing (no
        // share to compute): a serious consequence named, the share reads base_compensation
        if date >= "2021-04-01" {
            args.extend(["--severity", "serious"]);
        }
        let v = ok(&args);
        assert!(
            !notes_text(&v).contains("所给 base_compensation"),
            "{date}: {}",
            notes_text(&v)
        );
    }
}

/// The state-compensation note on Art. 9's factors says the tool's model stands in for them only
/// where the model places the point: inside the 50% rule's band (1000–50000 on a base of 100000),
/// not at the especially-serious rule's open floor of 50%, which the model does not move.
#[test]
fn the_model_stands_in_for_art_9_only_where_it_places_the_point() {
    let run = |severity: &str| {
        ok(&[
            "--province",
            "national",
            "--context",
            "state-compensation",
            "--harm",
            "detention",
            "--detention-days",
            "400",
            "--base-compensation",
            "100000",
            "--severity",
            severity,
        ])
    };
    let serious = run("serious");
    assert!(serious["model"].is_object());
    assert!(notes_text(&serious).contains("本工具用六因素模型近似定位第九条所列因素"));
    let grave = run("especially-serious");
    assert!(grave["model"].is_null(), "{}", grave["model"]);
    assert_eq!(
        (n(&grave["amount"]["point"]), &grave["amount"]["high"]),
        (50000, &Value::Null)
    );
    assert!(notes_text(&grave).contains("（国家赔偿精神损害解释第九条）"));
    assert!(
        !notes_text(&grave).contains("六因素模型"),
        "{}",
        notes_text(&grave)
    );
}

/// A fact that belongs to another harm (or context) gets a note naming the field, and the amounts
/// are those of the same case without it.
#[test]
fn facts_of_another_harm_are_named_as_not_applied() {
    for (with, without, field) in [
        (
            vec![
                "--province",
                "sichuan",
                "--disability-grade",
                "7",
                "--info-sensitive",
                "600",
            ],
            vec!["--province", "sichuan", "--disability-grade", "7"],
            "info_items",
        ),
        (
            vec![
                "--province",
                "national",
                "--info-sensitive",
                "600",
                "--detention-days",
                "30",
            ],
            vec!["--province", "national", "--info-sensitive", "600"],
            "detention_days",
        ),
        (
            vec![
                "--province",
                "anhui",
                "--disability-grade",
                "5",
                "--base-compensation",
                "50000",
            ],
            vec!["--province", "anhui", "--disability-grade", "5"],
            "base_compensation",
        ),
    ] {
        let v = ok(&with);
        let w = ok(&without);
        assert!(
            notes_text(&v).contains(&format!("所给 {field} 未计入")),
            "{with:?}: {}",
            notes_text(&v)
        );
        assert!(
            !notes_text(&w).contains("未计入"),
            "{without:?}: {}",
            notes_text(&w)
        );
        assert_eq!(v["amount"], w["amount"], "{with:?}");
        assert_eq!(v["criminal"], w["criminal"], "{with:?}");
    }
    // a grade the tool's model reads as the consequence is said to be read so, not "not applied":
    // Fujian personality, no severity, the model picks the tier. Without a grade the score is
    // 0.17 + 0.35 × 0.25 = 0.2575 → tier 0 of 3 (general, 1000–10000), point 1000 + 9000 × 0.2575
    // = 3317.5 → 3318; with grade 1 the consequence is especially severe: 0.17 + 0.35 = 0.52 →
    // tier 1 (serious, 10000–50000), point 10000 + 40000 × 0.52 = 30800.
    let v = ok(&["--province", "fujian", "--harm", "personality"]);
    assert_eq!(v["amount"]["point"], 3318);
    let v = ok(&[
        "--province",
        "fujian",
        "--harm",
        "personality",
        "--disability-grade",
        "1",
    ]);
    assert_eq!(v["amount"]["point"], 30800);
    assert!(notes_text(&v).contains("所给 disability_grade 未作伤残计算（本案损害类型为 personality），只用于工具模型读取侵权后果"), "{}", notes_text(&v));
    assert!(
        !notes_text(&v).contains("所给 disability_grade 未计入"),
        "{}",
        notes_text(&v)
    );
    // a death case: the model reads the consequence from the death, the grade is not used at all
    let v = ok(&[
        "--province",
        "fujian",
        "--harm",
        "death",
        "--disability-grade",
        "1",
    ]);
    let w = ok(&["--province", "fujian", "--harm", "death"]);
    assert_eq!(v["amount"], w["amount"]);
    assert!(
        notes_text(&v).contains("所给 disability_grade 未计入"),
        "{}",
        notes_text(&v)
    );
    // 600 sensitive items would be 情节特别严重 for personal information: with a disability grade
    // the harm is disability, and the note says no criminal classification was made
    let v = ok(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "7",
        "--info-sensitive",
        "600",
        "--lang",
        "en",
    ]);
    assert_eq!(v["harm"], "disability");
    assert!(
        notes_text(&v).contains("info_items was given but not applied"),
        "{}",
        notes_text(&v)
    );
    assert!(
        notes_text(&v).contains("so none was made"),
        "{}",
        notes_text(&v)
    );
}

/// Shandong's rule (B3 Art. 85) says nothing of several victims or joint tortfeasors: the numbers
/// given are named as not applied. Sichuan's (三、6–7) does, and its own notes apply instead.
#[test]
fn victims_and_defendants_a_rule_says_nothing_of_are_named() {
    let v = ok(&[
        "--province",
        "shandong",
        "--harm",
        "personality",
        "--severity",
        "serious",
        "--victims",
        "3",
        "--defendants",
        "2",
    ]);
    let w = ok(&[
        "--province",
        "shandong",
        "--harm",
        "personality",
        "--severity",
        "serious",
    ]);
    assert_eq!(v["amount"], w["amount"]);
    assert!(
        notes_text(&v).contains("所给被告人数（2）未计入：所用规则 shandong.personal"),
        "{}",
        notes_text(&v)
    );
    assert!(
        notes_text(&v).contains("所给受害人人数（3）未计入：所用规则 shandong.personal"),
        "{}",
        notes_text(&v)
    );
    // a cross-province reference: its provinces' own notes are not shown, so the numbers are named
    let v = ok(&[
        "--province",
        "national",
        "--harm",
        "death",
        "--victims",
        "3",
        "--defendants",
        "2",
    ]);
    assert_eq!(v["basis"], "cross-province");
    assert!(
        notes_text(&v).contains("所给受害人人数（3）未计入：跨省参考不按受害人人数计算"),
        "{}",
        notes_text(&v)
    );
    assert!(
        notes_text(&v).contains("所给被告人数（2）未计入：跨省参考不按被告人数计算"),
        "{}",
        notes_text(&v)
    );
    let v = ok(&[
        "--province",
        "sichuan",
        "--harm",
        "personality",
        "--victims",
        "3",
        "--defendants",
        "2",
    ]);
    assert!(!notes_text(&v).contains("未计入"), "{}", notes_text(&v));
    assert!(
        notes_text(&v)
            .contains("本案共同侵权人 2 人：以上估算为各被告共同承担的总额，不超过同一上限"),
        "{}",
        notes_text(&v)
    );
    assert!(
        notes_text(&v).contains("本案受害人 3 人：以上为每名受害人的估算，分别计算"),
        "{}",
        notes_text(&v)
    );
}

/// An injury degree is read where it chooses between the rules the case could rest on (Anhui's
/// 轻微伤 refusal, for an Anhui case or a cross-province reference spanning Anhui), not because
/// some other province has such a rule. Shandong, injury, consequence severe (so the model does
/// not read the degree either): score 0.2 × 0.3 + 0.2 × 0.25 + 0.35 × 1 + 0.05 × 0 + 0.1 × 0.3 +
/// 0.1 × 0.3 = 0.52, which chooses the tier serious (3000–5000); 3000 + 2000 × 0.52 = 4040;
/// half-width 0.75 covers the tier. The same without the degree: it changed nothing.
#[test]
fn an_injury_degree_no_rule_of_this_province_reads_is_named() {
    let base = [
        "--province",
        "shandong",
        "--harm",
        "injury",
        "--consequence",
        "severe",
    ];
    let with = ok(&[&base[..], &["--injury-degree", "serious"]].concat());
    let without = ok(&base);
    assert_eq!(with["rule"], "shandong.personal");
    assert_eq!(
        (
            n(&with["amount"]["low"]),
            n(&with["amount"]["point"]),
            n(&with["amount"]["high"])
        ),
        (3000, 4040, 5000)
    );
    assert_eq!(with["amount"], without["amount"]);
    assert!(
        notes_text(&with).contains("所给 injury_degree（serious）未计入：本案损害类型为 injury"),
        "{}",
        notes_text(&with)
    );
    // Anhui's own rules, and a cross-province reference that spans them, do read it
    for p in ["anhui", "national"] {
        let v = ok(&[
            "--province",
            p,
            "--harm",
            "injury",
            "--consequence",
            "severe",
            "--injury-degree",
            "minor",
        ]);
        assert!(
            !notes_text(&v).contains("injury_degree"),
            "{p}: {}",
            notes_text(&v)
        );
    }
}

/// A severity moves only the rules with severity tiers; a cross-province reference runs each
/// rule quietly, so it names the rules the severity did not move. Hebei, personality, serious,
/// every factor ordinary (score 0.2575): Fujian 严重 10000 + 40000 × 0.2575 = 20300; Shandong 严重
/// 3000 + 2000 × 0.2575 = 3515; Sichuan (no tiers) 500 + 49500 × 0.2575 = 13246.25; the median
/// 13246.25 → 13246. An ip-moral reference spans no tiered rule: the severity is named as unused.
#[test]
fn a_cross_province_reference_names_the_rules_a_severity_does_not_move() {
    let v = ok(&[
        "--province",
        "hebei",
        "--harm",
        "personality",
        "--severity",
        "serious",
    ]);
    assert_eq!(v["basis"], "cross-province");
    assert_eq!(n(&v["amount"]["point"]), 13246);
    let notes = notes_text(&v);
    assert!(
        notes.contains(
            "所给严重程度（serious）只用于按严重程度分档的规则（fujian.tiers、shandong.personal）；sichuan.personality 不按严重程度分档"
        ),
        "{notes}"
    );
    let without = ok(&["--province", "hebei", "--harm", "personality"]);
    assert!(
        !notes_text(&without).contains("严重程度"),
        "{}",
        notes_text(&without)
    );
    let v = ok(&[
        "--province",
        "hebei",
        "--harm",
        "ip-moral",
        "--severity",
        "serious",
    ]);
    assert_eq!(v["basis"], "cross-province");
    let notes = notes_text(&v);
    assert!(
        notes.contains("所给严重程度（serious）未计入：跨省参考所涉各省规则均不按严重程度分档"),
        "{notes}"
    );
}

/// A cross-province reference runs each province's rule quietly, so the notes a rule gives on a
/// liability share or a victim's fault it does not read are not shown: the reference names them
/// itself when no rule it spans reads them. Hebei, personality, every factor ordinary (score
/// 0.2575): Fujian 一般 1000 + 9000 × 0.2575 = 3317.5; Shandong 一般 1000 + 2000 × 0.2575 = 1515;
/// Sichuan 500 + 49500 × 0.2575 = 13246.25; the median 3317.5 → 3318, the range 500–50000, with
/// or without the share and the fault (no band there is apportioned or reduced for them).
#[test]
fn a_cross_province_reference_names_a_liability_or_victim_fault_none_of_its_rules_reads() {
    let base = ["--province", "hebei", "--harm", "personality"];
    let with = ok(&[&base[..], &["--liability", "0.5", "--victim-fault", "0.2"]].concat());
    let without = ok(&base);
    assert_eq!(with["basis"], "cross-province");
    assert_eq!(
        (
            n(&with["amount"]["low"]),
            n(&with["amount"]["point"]),
            n(&with["amount"]["high"])
        ),
        (500, 3318, 50000)
    );
    assert_eq!(with["amount"], without["amount"]);
    let notes = notes_text(&with);
    assert!(notes.contains("所给责任系数未计入：跨省参考"), "{notes}");
    assert!(notes.contains("所给受害人过错未计入：跨省参考"), "{notes}");
    assert!(
        !notes_text(&without).contains("未计入"),
        "{}",
        notes_text(&without)
    );
    // an injury reference spans Anhui's band, which the victim's fault reduces: no note for it
    let v = ok(&[
        "--province",
        "hebei",
        "--harm",
        "injury",
        "--victim-fault",
        "0.2",
    ]);
    assert!(
        !notes_text(&v).contains("受害人过错未计入"),
        "{}",
        notes_text(&v)
    );
    // a disability reference spans Sichuan's formula, which the liability share apportions
    let v = ok(&[
        "--province",
        "hebei",
        "--disability-grade",
        "7",
        "--liability",
        "0.5",
    ]);
    assert!(
        !notes_text(&v).contains("责任系数未计入"),
        "{}",
        notes_text(&v)
    );
}
