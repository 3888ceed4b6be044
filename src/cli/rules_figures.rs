//! The figures a rule holds, for `rules show`: its band, formula and grade coefficients,
//! multiple, detention table, share, the modifiers that change an amount, the conditions it
//! applies under and its notes — as lines of text in the report's language, and as JSON with
//! exact numbers. A litigator checking the rule base reads here the numbers the calculator uses,
//! next to the provision they come from.

use solatium::case::serde_name as code;
use solatium::i18n::Lang;
use solatium::money::{plain, Decimal};
use solatium::rules::schema::{Rule, Statistic, Yields};

/// What a formula's or multiple's result becomes.
fn yields_text(y: Yields, lang: Lang) -> &'static str {
    match (y, lang) {
        (Yields::Point, Lang::Zh) => "；所得即估算值",
        (Yields::Point, Lang::En) => "; the result is the estimate",
        (Yields::Cap, Lang::Zh) => "；所得为上限，六因素在 0 至上限之间定位估算值（工具模型）",
        (Yields::Cap, Lang::En) => {
            "; the result is the cap, and the six factors place the estimate between 0 and it (the tool's model)"
        }
    }
}

fn statistic_text(s: Statistic, lang: Lang) -> &'static str {
    match (s, lang) {
        (Statistic::AvgWage, Lang::Zh) => "职工平均工资（avg_wage）",
        (Statistic::AvgWage, Lang::En) => "average wage (avg_wage)",
        (Statistic::AvgLivingExpense, Lang::Zh) => "平均生活费（avg_living_expense）",
        (Statistic::AvgLivingExpense, Lang::En) => "average living expense (avg_living_expense)",
    }
}

/// Where a band's estimate comes from: the tool's model places it inside.
fn placed(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "；六因素在幅度内定位估算值（工具模型）",
        Lang::En => "; the six factors place the estimate inside it (the tool's model)",
    }
}

/// A percentage of a rate: 0.35 → 35.
fn percent(rate: Decimal) -> String {
    plain((rate * Decimal::from(100)).normalize())
}

/// The rule's figures, conditions and notes, one line each, without indentation.
pub(crate) fn lines(r: &Rule, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    if let Some(w) = &r.when {
        let mut conds: Vec<String> = Vec::new();
        let list = |field: &str, vals: Vec<String>| format!("{field} = {}", vals.join(" | "));
        if let Some(v) = &w.injury_degree {
            conds.push(list("injury_degree", v.iter().map(code).collect()));
        }
        if let Some(b) = w.has_grade {
            conds.push(match (b, zh) {
                (true, true) => "给出伤残等级".into(),
                (false, true) => "未给出伤残等级".into(),
                (true, false) => "a disability grade is given".into(),
                (false, false) => "no disability grade is given".into(),
            });
        }
        if let Some(v) = &w.severity {
            conds.push(list("severity", v.clone()));
        }
        if let Some(v) = &w.infringer {
            conds.push(list("infringer", v.iter().map(code).collect()));
        }
        if let Some(v) = &w.victim {
            conds.push(list("victim", v.iter().map(code).collect()));
        }
        if let Some(v) = &w.fault {
            conds.push(list("factors.fault", v.clone()));
        }
        if !conds.is_empty() {
            out.push(if zh {
                format!("条件：{}", conds.join("；"))
            } else {
                format!("when: {}", conds.join("; "))
            });
        }
    }
    let lead = if zh { "数额：" } else { "figures: " };
    if let Some(b) = &r.band {
        let range = match (b.floor, b.cap, zh) {
            (Some(f), Some(c), _) => format!("{} – {}", plain(f), plain(c)),
            (Some(f), None, true) => format!("{} 起，未规定上限", plain(f)),
            (Some(f), None, false) => format!("from {}, no cap stated", plain(f)),
            (None, Some(c), true) => format!("至 {}，未规定下限", plain(c)),
            (None, Some(c), false) => format!("up to {}, no floor stated", plain(c)),
            (None, None, true) => "未规定上下限".to_string(),
            (None, None, false) => "no floor or cap stated".to_string(),
        };
        out.push(format!("{lead}{range}{}", placed(lang)));
    }
    if let Some(t) = &r.tiers {
        // a rule whose `when` asks for a severity is never reached without one
        let needs_severity = r.when.as_ref().is_some_and(|w| w.severity.is_some());
        out.push(match (zh, needs_severity) {
            (true, true) => format!("{lead}分档，按 severity 选档；六因素在所选档内定位估算值（工具模型）"),
            (true, false) => format!("{lead}分档，按 severity 选档，未指明的由六因素得分选档；六因素在所选档内定位估算值（工具模型）"),
            (false, true) => format!("{lead}tiers, chosen by severity; the six factors place the estimate inside the tier (the tool's model)"),
            (false, false) => format!("{lead}tiers, chosen by severity, or where the case names none by the six-factor score; the six factors place the estimate inside the tier (the tool's model)"),
        });
        for tier in &t.tiers {
            out.push(if zh {
                format!(
                    "- {}（{}）：{} – {}",
                    tier.name,
                    tier.label_zh,
                    plain(tier.floor),
                    plain(tier.cap)
                )
            } else {
                format!(
                    "- {} ({}): {} – {}",
                    tier.name,
                    tier.label_en,
                    plain(tier.floor),
                    plain(tier.cap)
                )
            });
            if !tier.covers.is_empty() {
                let names = tier.covers.join(", ");
                out.push(if zh {
                    format!("  也用于 {names}（规则文件的读法）")
                } else {
                    format!("  also used for {names} (the rule file's reading)")
                });
            }
        }
    }
    if let Some(fm) = &r.formula {
        let liability = match (fm.apply_liability, zh) {
            (true, true) => " × 责任系数（liability）",
            (true, false) => " × liability coefficient (liability)",
            (false, _) => "",
        };
        out.push(if zh {
            format!(
                "{lead}{} × 伤残等级系数{liability}{}",
                plain(fm.base),
                yields_text(fm.yields, lang)
            )
        } else {
            format!(
                "{lead}{} × grade coefficient{liability}{}",
                plain(fm.base),
                yields_text(fm.yields, lang)
            )
        });
        let coefs: Vec<String> = fm
            .grade_coefficients
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if zh {
                    format!("{}级 {}", i + 1, plain(*c))
                } else {
                    format!("grade {} {}", i + 1, plain(*c))
                }
            })
            .collect();
        out.push(if zh {
            format!("伤残等级系数：{}", coefs.join("，"))
        } else {
            format!("grade coefficients: {}", coefs.join(", "))
        });
    }
    if let Some(m) = &r.multiple {
        let stat = statistic_text(m.statistic, lang);
        let unit = match m.statistic {
            Statistic::AvgLivingExpense if zh => " 年",
            Statistic::AvgLivingExpense => " years",
            Statistic::AvgWage => "",
        };
        out.push(format!(
            "{lead}{stat} × {}{unit}{}",
            plain(m.multiple),
            yields_text(m.yields, lang)
        ));
        if let Some(a) = &m.age_reduction {
            out.push(if zh {
                format!(
                    "年龄（age）超过 {} 周岁的，每增加一岁减 {}，最低 {}",
                    a.from_age,
                    plain(a.per_year),
                    plain(a.min)
                )
            } else {
                format!(
                    "over age {} (age): {} less for each year of age, at least {}",
                    a.from_age,
                    plain(a.per_year),
                    plain(a.min)
                )
            });
        }
    }
    if let Some(t) = &r.table {
        out.push(if zh {
            format!("{lead}按失去人身自由的天数（detention_days）查表得上限，severity = especially-serious 的用“特别严重”一栏；六因素在 0 至上限之间定位估算值（工具模型）")
        } else {
            format!("{lead}a cap by days of lost liberty (detention_days); severity = especially-serious takes the “especially serious” column; the six factors place the estimate between 0 and it (the tool's model)")
        });
        let mut after = 0;
        for row in &t.rows {
            let days = match (row.up_to_days, zh) {
                (Some(d), true) => format!("{} – {d} 日", after + 1),
                (Some(d), false) => format!("{} – {d} days", after + 1),
                (None, true) => format!("{} 日以上", after + 1),
                (None, false) => format!("{} days or more", after + 1),
            };
            after = row.up_to_days.unwrap_or(after);
            let label = if zh { &row.label_zh } else { &row.label_en };
            out.push(if zh {
                format!(
                    "- {label}（{days}）：上限 {}，特别严重 {}",
                    plain(row.cap),
                    plain(row.severe_cap)
                )
            } else {
                format!(
                    "- {label} ({days}): cap {}, especially serious {}",
                    plain(row.cap),
                    plain(row.severe_cap)
                )
            });
        }
    }
    if let Some(s) = &r.share {
        let rate = percent(s.rate);
        let unit = s.round_to.map(plain);
        out.push(
            match (s.mode, zh) {
                (solatium::rules::schema::ShareMode::Cap, true) => format!(
                    "{lead}上限为 base_compensation × {rate}%，最低 {}",
                    plain(s.floor)
                ),
                (solatium::rules::schema::ShareMode::Cap, false) => format!(
                    "{lead}cap base_compensation × {rate}%, at least {}",
                    plain(s.floor)
                ),
                (solatium::rules::schema::ShareMode::Above, true) => format!(
                    "{lead}自 base_compensation × {rate}% 起，不设上限，最低 {}",
                    plain(s.floor)
                ),
                (solatium::rules::schema::ShareMode::Above, false) => format!(
                    "{lead}from base_compensation × {rate}% upwards, no cap, at least {}",
                    plain(s.floor)
                ),
            } + &match (unit, zh) {
                (Some(u), true) => format!("，以 {u} 元为计数单位"),
                (Some(u), false) => format!(", in multiples of {u}"),
                (None, _) => String::new(),
            } + match s.mode {
                solatium::rules::schema::ShareMode::Cap => placed(lang),
                solatium::rules::schema::ShareMode::Above => "",
            },
        );
    }
    if let Some(x) = &r.refuse {
        out.push(if zh {
            format!("{lead}0（不予赔偿）：{}", x.reason_zh)
        } else {
            format!("{lead}0 (nothing is paid): {}", x.reason_en)
        });
    }
    if let Some(x) = &r.reference {
        out.push(if zh {
            format!("{lead}本规定没有数额，给出跨省参考范围：{}", x.reason_zh)
        } else {
            format!(
                "{lead}no figure in the provision; the cross-province reference range is given: {}",
                x.reason_en
            )
        });
    }
    let m = &r.modifiers;
    if let Some(om) = &m.organization_multiplier {
        out.push(if zh {
            format!(
                "侵权人为单位（infringer = organization）：下限 × {}，上限 × {}",
                plain(om.low),
                plain(om.high)
            )
        } else {
            format!(
                "infringer an organisation (infringer = organization): floor × {}, cap × {}",
                plain(om.low),
                plain(om.high)
            )
        });
    }
    if let Some(x) = &m.may_exceed {
        let mut when = vec![format!(
            "factors.circumstances = {}",
            x.circumstances.join(" | ")
        )];
        if let Some(t) = &x.tiers {
            when.push(format!("severity = {}", t.join(" | ")));
        }
        let to = x.to.map(|t| {
            if zh {
                format!("，至 {}", plain(t))
            } else {
                format!(", up to {}", plain(t))
            }
        });
        out.push(if zh {
            format!(
                "可以超出（{}{}）：{}",
                when.join("；"),
                to.unwrap_or_default(),
                x.note_zh
            )
        } else {
            format!(
                "may exceed ({}{}): {}",
                when.join("; "),
                to.unwrap_or_default(),
                x.note_en
            )
        });
    }
    if m.profit_lifts_cap {
        out.push(
            if zh {
                "以营利为目的（profit_motive）：不受上限限制"
            } else {
                "for profit (profit_motive): the cap does not bind"
            }
            .into(),
        );
    }
    if m.victim_fault_reduces {
        let article = m.victim_fault_article.as_deref().unwrap_or(&r.article);
        out.push(if zh {
            format!("受害人有过错的（victim_fault），按其比例减少（{article}）")
        } else {
            format!(
                "the victim's own fault (victim_fault) reduces the amount in proportion ({})",
                solatium::i18n::article_en(article)
            )
        });
    }
    let notes = if zh { &r.notes_zh } else { &r.notes_en };
    for n in notes {
        out.push(if zh {
            format!("注：{n}")
        } else {
            format!("note: {n}")
        });
    }
    out
}

/// The rule's figures as JSON, every number exact (its plain digits, never through f64); `null`
/// for what the rule does not have.
pub(crate) fn json(r: &Rule) -> serde_json::Value {
    use serde_json::json;
    let n = exact_number;
    let yields = |y: Yields| match y {
        Yields::Point => "point",
        Yields::Cap => "cap",
    };
    let statistic = |s: Statistic| match s {
        Statistic::AvgWage => "avg_wage",
        Statistic::AvgLivingExpense => "avg_living_expense",
    };
    let m = &r.modifiers;
    json!({
        "when": r.when.as_ref().map(|w| json!({
            "injury_degree": w.injury_degree.as_ref().map(|v| v.iter().map(code).collect::<Vec<_>>()),
            "has_grade": w.has_grade,
            "severity": w.severity,
            "infringer": w.infringer.as_ref().map(|v| v.iter().map(code).collect::<Vec<_>>()),
            "victim": w.victim.as_ref().map(|v| v.iter().map(code).collect::<Vec<_>>()),
            "fault": w.fault,
        })),
        "band": r.band.as_ref().map(|b| json!({
            "floor": b.floor.map(n), "cap": b.cap.map(n),
        })),
        "tiers": r.tiers.as_ref().map(|t| t.tiers.iter().map(|t| json!({
            "name": t.name, "aliases": t.aliases, "label_zh": t.label_zh, "label_en": t.label_en,
            "floor": n(t.floor), "cap": n(t.cap), "covers": t.covers,
            "covers_note_zh": t.covers_note_zh, "covers_note_en": t.covers_note_en,
        })).collect::<Vec<_>>()),
        "formula": r.formula.as_ref().map(|f| json!({
            "base": n(f.base),
            "grade_coefficients": f.grade_coefficients.iter().copied().map(n).collect::<Vec<_>>(),
            "apply_liability": f.apply_liability,
            "yields": yields(f.yields),
        })),
        "multiple": r.multiple.as_ref().map(|m| json!({
            "statistic": statistic(m.statistic),
            "multiple": n(m.multiple),
            "yields": yields(m.yields),
            "age_reduction": m.age_reduction.as_ref().map(|a| json!({
                "from_age": a.from_age, "per_year": n(a.per_year), "min": n(a.min),
            })),
        })),
        "table": r.table.as_ref().map(|t| t.rows.iter().map(|row| json!({
            "up_to_days": row.up_to_days, "label_zh": row.label_zh, "label_en": row.label_en,
            "cap": n(row.cap), "severe_cap": n(row.severe_cap),
        })).collect::<Vec<_>>()),
        "share": r.share.as_ref().map(|s| json!({
            "rate": n(s.rate),
            "mode": match s.mode {
                solatium::rules::schema::ShareMode::Cap => "cap",
                solatium::rules::schema::ShareMode::Above => "above",
            },
            "floor": n(s.floor),
            "round_to": s.round_to.map(n),
        })),
        "refuse": r.refuse.as_ref().map(|x| json!({"reason_zh": x.reason_zh, "reason_en": x.reason_en})),
        "reference": r.reference.as_ref().map(|x| json!({"reason_zh": x.reason_zh, "reason_en": x.reason_en})),
        "modifiers": {
            "organization_multiplier": m.organization_multiplier.as_ref().map(|o| json!({
                "low": n(o.low), "high": n(o.high),
            })),
            "may_exceed": m.may_exceed.as_ref().map(|x| json!({
                "circumstances": x.circumstances, "tiers": x.tiers, "to": x.to.map(n),
                "article": x.article,
                "note_zh": x.note_zh, "note_en": x.note_en,
            })),
            "profit_lifts_cap": m.profit_lifts_cap,
            "victim_fault_reduces": m.victim_fault_reduces,
            "victim_fault_article": m.victim_fault_article,
            "shared_cap": m.shared_cap,
            "per_victim": m.per_victim,
        },
        "notes_zh": r.notes_zh,
        "notes_en": r.notes_en,
    })
}

/// A decimal as an exact JSON number (its plain digits, never through f64).
pub(crate) fn exact_number(d: Decimal) -> serde_json::Value {
    serde_json::from_str(&plain(d)).expect("plain digits are a JSON number")
}
