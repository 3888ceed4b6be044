//! One function per rule kind, and the modifiers the provisions make.

use super::{holds, mul, needs, Ctx, Figures};
use crate::case::{Context, Party};
use crate::error::{CaseError, Problem};
use crate::estimate::{CrossProvinceFigures, ProvinceFigures, Step, StepBody, TierOut};
use crate::i18n::Text;
use crate::money::{cmp_decimal, plain, push_plain, round_to, Decimal, Direction};
use crate::rules::schema::{Rule, RuleFile, ShareMode, Statistic, Yields};
use std::borrow::Cow;
use std::cmp::Ordering;

fn step<'r>(rule: &'r Rule, label: Text<'r>, text: String, amount: Option<Decimal>) -> Step<'r> {
    Step {
        rule: Cow::Borrowed(&rule.id),
        body: StepBody::Written { label, text },
        amount,
        citation: rule.article_text.borrow(),
    }
}

fn model_step<'r>(cx: &Ctx<'r, '_>, floor: Decimal, cap: Decimal, p: &super::Placed) -> Step<'r> {
    Step {
        rule: "model".into(),
        body: StepBody::Written {
            label: Text::new(
                "六因素定位（工具模型，非法律规定）",
                "six-factor placement (the tool's model, not law)",
            ),
            text: cx.model.place_text(floor, cap, p),
        },
        amount: Some(p.point),
        citation: Text::new("工具模型", "the tool's model"),
    }
}

impl<'r> Figures<'r> {
    fn new(floor: Decimal, cap: Option<Decimal>) -> Figures<'r> {
        Figures {
            low: floor,
            point: floor,
            high: cap,
            floor,
            cap,
            steps: Vec::new(),
            notes: Vec::new(),
            tier: None,
            used_model: false,
            unit: None,
            unit_citation: None,
            unit_texts: None,
            cites: Vec::new(),
            left_out: Vec::new(),
        }
    }

    /// Sets the figures as [`Figures::new`] makes them, keeping the room their lists have.
    #[inline]
    fn reset(&mut self, floor: Decimal, cap: Option<Decimal>) {
        let Figures {
            low,
            point,
            high,
            floor: f,
            cap: c,
            steps,
            notes,
            tier,
            used_model,
            unit,
            unit_citation,
            unit_texts,
            cites,
            left_out,
        } = self;
        // (every field named: one added to Figures is not forgotten here)
        *low = floor;
        *point = floor;
        *high = cap;
        *f = floor;
        *c = cap;
        steps.clear();
        notes.clear();
        *tier = None;
        *used_model = false;
        *unit = None;
        *unit_citation = None;
        *unit_texts = None;
        cites.clear();
        left_out.clear();
    }

    /// [`Figures::reset`] to a single amount `v` in the band.
    fn reset_fixed(&mut self, v: Decimal, floor: Decimal, cap: Option<Decimal>) {
        self.reset(floor, cap);
        self.low = v;
        self.point = v;
        self.high = Some(v);
    }
}

/// Computes the figures of one rule for the case.
pub(crate) fn compute<'r>(cx: &Ctx<'r, '_>, rule: &'r Rule) -> Result<Figures<'r>, CaseError> {
    let mut fig = Figures::new(Decimal::ZERO, None);
    compute_into(cx, rule, &mut fig)?;
    Ok(fig)
}

/// [`compute`] into figures already made, which it first sets as [`Figures::new`] makes them
/// (keeping only the room their lists have): a cross-province reference computes every
/// province's rule into the same figures, rather than making, moving and dropping figures for
/// each (a large struct). On an error the figures are left half set.
pub(crate) fn compute_into<'r>(
    cx: &Ctx<'r, '_>,
    rule: &'r Rule,
    fig: &mut Figures<'r>,
) -> Result<(), CaseError> {
    if let Some(r) = &rule.refuse {
        let f = &mut *fig;
        f.reset_fixed(Decimal::ZERO, Decimal::ZERO, Some(Decimal::ZERO));
        if !cx.quiet {
            f.steps.push(step(
                rule,
                Text::new("不予支持", "not supported"),
                "0".into(),
                Some(Decimal::ZERO),
            ));
        }
        if !cx.quiet {
            f.notes.push(Text::new(&r.reason_zh, &r.reason_en));
        }
    } else if let Some(b) = &rule.band {
        let floor = b.floor.unwrap_or_default();
        let f = &mut *fig;
        f.reset(floor, b.cap);
        if !cx.quiet {
            f.steps.push(step(
                rule,
                Text::new("参考幅度", "reference band"),
                rule_band_text(rule, floor, b.cap),
                None,
            ));
        }
        adjust_band(cx, rule, f)?;
        place(cx, f);
    } else if let Some(t) = &rule.tiers {
        // (the tiers offered are shown only when not quiet: no list for a cross-province reference)
        let offered: Vec<(&str, Text)> = if cx.quiet {
            Vec::new()
        } else {
            t.tiers
                .iter()
                .map(|x| (x.name.as_str(), Text::new(&x.label_zh, &x.label_en)))
                .collect()
        };
        let mut covered = None;
        let (tier, derived) = match cx.severity {
            Some(s) => match t.tiers.iter().find(|x| x.name == s) {
                Some(x) => (x, false),
                // a generic severity with no tier of its own that a tier takes in
                None if t.tiers.iter().any(|x| x.covers.iter().any(|c| c == s)) => {
                    let x = t
                        .tiers
                        .iter()
                        .find(|x| x.covers.iter().any(|c| c == s))
                        .expect("a tier covers it");
                    covered = Some(x);
                    (x, false)
                }
                None => {
                    // the value as the case wrote it (特别严重), quoted as every other
                    // message quotes text, not the name it was read as (especially-serious)
                    let given = cx.case.severity.as_deref().map(|g| format!("{g:?}"));
                    return Err(CaseError::new(
                        "severity",
                        given.as_deref().unwrap_or(s),
                        Problem::UnknownValue {
                            allowed: t.tiers.iter().map(|x| x.name.clone()).collect(),
                            suggestion: None,
                            chinese: t.tiers.iter().map(|x| x.label_zh.clone()).collect(),
                        },
                    ));
                }
            },
            None => {
                // no severity named: the tool's model picks the tier from the factor score
                (&t.tiers[cx.model.tier_index(t.tiers.len())], true)
            }
        };
        let f = &mut *fig;
        f.reset(tier.floor, Some(tier.cap));
        f.tier = Some(TierOut {
            name: &tier.name,
            label: Text::new(&tier.label_zh, &tier.label_en),
            derived,
            offered,
        });
        if !cx.quiet {
            f.steps.push(step(
            rule,
            if derived {
                {
                    use Piece::{D, S};
                    let score = D(cx.model.score);
                    Text::new(
                        join(&[S("档次："), S(&tier.label_zh), S("（案件未指明，按工具模型的六因素得分 "), score, S(" 选定）")]),
                        join(&[S("tier: "), S(&tier.label_en), S(" (not named by the case; chosen by the tool's model from the factor score "), score, S(")")]),
                    )
                }
            } else if covered.is_some() {
                let given = cx.severity.unwrap_or_default();
                let zh = match given {
                    "general" => "一般",
                    "serious" => "严重",
                    "especially-serious" => "特别严重",
                    other => other,
                };
                Text::new(
                    format!("档次：{}（规则没有“{zh}”一档，按规则文件的读法归入此档）", tier.label_zh),
                    format!("tier: {} (the rule has no {given} tier; the rule file's reading puts it in this one)", tier.label_en),
                )
            } else {
                Text::new(["档次：", &tier.label_zh].concat(), ["tier: ", &tier.label_en].concat())
            },
            rule_band_text(rule, tier.floor, Some(tier.cap)),
            None,
        ));
        }
        if let Some(x) = covered {
            if let (Some(zh), Some(en), false) = (&x.covers_note_zh, &x.covers_note_en, cx.quiet) {
                f.notes.push(Text::new(zh, en));
            }
        }
        adjust_band(cx, rule, f)?;
        place(cx, f);
    } else if let Some(fm) = &rule.formula {
        let g = cx
            .case
            .disability_grade
            .ok_or_else(|| needs("disability_grade", rule))?;
        let coef = fm.grade_coefficients[usize::from(g - 1)];
        let mut v = mul(fm.base, coef, "disability_grade")?;
        let liability = if fm.apply_liability {
            let l = cx.case.liability.unwrap_or(Decimal::ONE);
            v = mul(v, l, "liability")?;
            Some(l)
        } else {
            None
        };
        // the label and the arithmetic are shown only when not quiet (a cross-province reference
        // keeps each province's numbers alone)
        let (label, text) = if cx.quiet {
            (Text::new("", ""), String::new())
        } else {
            use Piece::{D, S, U};
            let (base, grade) = (D(fm.base), U(u64::from(g)));
            // the liability's part of the label and of the arithmetic, where the rule applies one
            let (l_zh, l_en, l_text) = match (liability, cx.case.liability) {
                (Some(_), None) => (
                    [S("，未给出责任系数，按全部责任 1 计"), S("")],
                    [
                        S("; no liability given, counted as full liability 1"),
                        S(""),
                    ],
                    [S(" × "), D(Decimal::ONE)],
                ),
                (Some(l), Some(_)) => (
                    [S(" × 责任系数 "), D(l)],
                    [S(" × liability coefficient "), D(l)],
                    [S(" × "), D(l)],
                ),
                (None, _) => ([S(""), S("")], [S(""), S("")], [S(""), S("")]),
            };
            let label = Text::new(
                join(&[
                    base,
                    S(" × 伤残等级系数（"),
                    grade,
                    S("级 → "),
                    D(coef),
                    S("）"),
                    l_zh[0],
                    l_zh[1],
                ]),
                join(&[
                    base,
                    S(" × grade coefficient (grade "),
                    grade,
                    S(" → "),
                    D(coef),
                    S(")"),
                    l_en[0],
                    l_en[1],
                ]),
            );
            let text = join(&[
                base,
                S(" × "),
                D(coef),
                l_text[0],
                l_text[1],
                S(" = "),
                D(v),
            ]);
            (label, text)
        };
        yielded(cx, rule, fm.yields, v, Some(fm.base), label, text, fig)?;
    } else if let Some(m) = &rule.multiple {
        let (field, stat) = match m.statistic {
            Statistic::AvgWage => ("avg_wage", cx.case.avg_wage),
            Statistic::AvgLivingExpense => ("avg_living_expense", cx.case.avg_living_expense),
        };
        let stat = stat.ok_or_else(|| needs(field, rule))?;
        let mut years = m.multiple;
        let mut extra = String::new();
        let mut age_note = None;
        if let Some(a) = &m.age_reduction {
            match cx.case.age {
                Some(age) if age > a.from_age => {
                    let cut = Decimal::from(age - a.from_age) * a.per_year;
                    years = (m.multiple - cut).max(a.min);
                    if !cx.quiet {
                        extra = format!(
                            " ({} − ({} − {}) × {}, ≥ {} → {})",
                            plain(m.multiple),
                            age,
                            a.from_age,
                            plain(a.per_year),
                            plain(a.min),
                            plain(years)
                        );
                    }
                }
                Some(_) => {}
                None if !cx.quiet => {
                    age_note = Some(Text::new(
                        format!("未给出年龄：未按{}周岁以上递减年限计算", a.from_age),
                        format!(
                            "no age given: the reduction from age {} was not applied",
                            a.from_age
                        ),
                    ))
                }
                None => {}
            }
        }
        let v = mul(stat, years, field)?;
        // shown only when not quiet, as for a formula
        let (label, text) = if cx.quiet {
            (Text::new("", ""), String::new())
        } else {
            let text = format!("{} × {}{} = {}", plain(stat), plain(years), extra, plain(v));
            let label = match m.statistic {
                Statistic::AvgWage => Text::new(
                    format!("职工平均工资 × {}", plain(years)),
                    format!("average wage × {}", plain(years)),
                ),
                Statistic::AvgLivingExpense => Text::new(
                    format!("平均生活费 × {} 年", plain(years)),
                    format!("average living expense × {} years", plain(years)),
                ),
            };
            (label, text)
        };
        yielded(cx, rule, m.yields, v, None, label, text, fig)?;
        if !cx.quiet {
            fig.notes.extend(age_note);
        }
    } else if let Some(t) = &rule.table {
        let days = cx
            .case
            .detention_days
            .ok_or_else(|| needs("detention_days", rule))?;
        let row = t
            .rows
            .iter()
            .find(|r| r.up_to_days.is_none_or(|u| days <= u))
            .expect("validated: the last row is open");
        let severe = cx.severity == Some("especially-serious");
        let cap = if severe { row.severe_cap } else { row.cap };
        let f = &mut *fig;
        f.reset(Decimal::ZERO, Some(cap));
        if !cx.quiet {
            f.steps.push(step(
                rule,
                Text::new(
                    format!(
                        "失去人身自由 {} 日：属“{}”一档，{}上限 {}",
                        days,
                        row.label_zh,
                        if severe { "特别严重的" } else { "" },
                        plain(cap)
                    ),
                    format!(
                        "{} of lost liberty: row “{}”, {}cap {}",
                        if days == 1 {
                            "1 day".to_string()
                        } else {
                            format!("{days} days")
                        },
                        row.label_en,
                        if severe { "especially serious " } else { "" },
                        plain(cap)
                    ),
                ),
                format!("{days} → {}", plain(cap)),
                Some(cap),
            ));
        }
        if t.rows.iter().any(|r| r.up_to_days == Some(days)) && !cx.quiet {
            f.notes.push(Text::new(
                format!("{days} 日恰在两档分界，按本规则的说明计入较低一档。"),
                format!("{days} days is on a boundary between two rows; as the rule's note says, it goes in the lower row."),
            ));
        }
        adjust_band(cx, rule, f)?;
        place(cx, f);
    } else if let Some(s) = &rule.share {
        let base = cx
            .case
            .base_compensation
            .ok_or_else(|| needs("base_compensation", rule))?;
        let v = mul(base, s.rate, "base_compensation")?;
        // the arithmetic's text is shown only when not quiet
        let quiet = cx.quiet;
        let pct = if quiet {
            String::new()
        } else {
            plain(s.rate * Decimal::from(100))
        };
        match s.mode {
            ShareMode::Cap => {
                let mut cap = v;
                let mut text = String::new();
                if !quiet {
                    use Piece::{D, S};
                    text = join(&[D(base), S(" × "), S(&pct), S("% = "), D(v)]);
                }
                if let Some(u) = s.round_to {
                    cap = round_to(v, u, Direction::Down);
                    if cap != v && !quiet {
                        text += &format!(" → {} ({} {})", plain(cap), "↓", plain(u));
                    }
                }
                if cap < s.floor {
                    if !quiet {
                        text += &format!("; < {} → {}", plain(s.floor), plain(s.floor));
                    }
                    cap = s.floor;
                }
                let f = &mut *fig;
                f.reset(s.floor, Some(cap));
                f.unit = s.round_to;
                f.unit_citation = s.round_to_article_text.as_ref().map(Text::borrow);
                f.unit_texts = s.unit_texts.as_ref();
                if !cx.quiet {
                    f.steps.push(step(
                        rule,
                        {
                            use Piece::{D, S};
                            Text::new(
                                join(&[
                                    S("上限：人身自由赔偿金、生命健康赔偿金总额 "),
                                    D(base),
                                    S(" 的 "),
                                    S(&pct),
                                    S("%，下限 "),
                                    D(s.floor),
                                    S(" 元"),
                                ]),
                                join(&[
                                    S("cap: "),
                                    S(&pct),
                                    S("% of the compensation for lost liberty and for life and health ("),
                                    D(base),
                                    S("), floor "),
                                    D(s.floor),
                                ]),
                            )
                        },
                        text,
                        Some(cap),
                    ));
                }
                place(cx, f);
            }
            ShareMode::Above => {
                // the same arithmetic shown as for a cap: the rounding to the unit (up, as the
                // figure is a floor) and the rule's own minimum, each where it changes the figure
                let mut low = v;
                let mut text = String::new();
                if !quiet {
                    text = format!("{} × {}% = {}", plain(base), pct, plain(v));
                }
                if let Some(u) = s.round_to {
                    low = round_to(v, u, Direction::Up);
                    if low != v && !quiet {
                        text += &format!(" → {} ({} {})", plain(low), "↑", plain(u));
                    }
                }
                if low < s.floor {
                    if !quiet {
                        text += &format!("; < {} → {}", plain(s.floor), plain(s.floor));
                    }
                    low = s.floor;
                }
                let f = &mut *fig;
                f.reset(low, None);
                f.unit = s.round_to;
                f.unit_citation = s.round_to_article_text.as_ref().map(Text::borrow);
                f.unit_texts = s.unit_texts.as_ref();
                if !cx.quiet {
                    f.steps.push(step(
                        rule,
                        Text::new(
                            format!(
                                "下限：人身自由赔偿金、生命健康赔偿金总额 {} 的 {}%，不少于 {} 元，可以更高（不设上限）",
                                plain(base),
                                pct,
                                plain(s.floor)
                            ),
                            format!(
                                "from {}% of the compensation for lost liberty and for life and health ({}), at least {}, and may go higher (no cap)",
                                pct,
                                plain(base),
                                plain(s.floor)
                            ),
                        ),
                        text,
                        Some(low),
                    ));
                }
            }
        }
    } else {
        // validation guarantees one kind; a reference rule is handled by the caller
        return Err(CaseError::new(
            "",
            "",
            Problem::Conflict {
                detail: Text::new("规则没有种类", "rule has no kind"),
            },
        ));
    }
    if let Some(u) = fig.unit {
        if !cx.quiet {
            // (written when the rules loaded, for the unit the share gives)
            fig.notes.push(match fig.unit_texts {
                Some(t) => t.note.borrow(),
                None => super::unit_texts(u).note,
            });
        }
    }
    finish_modifiers(cx, rule, fig);
    for (zh, en) in rule.notes_zh.iter().zip(rule.notes_en.iter()) {
        if !cx.quiet {
            fig.notes.push(Text::new(zh, en));
        }
    }
    Ok(())
}

/// The figures of a computed value, set in `f` (as [`compute_into`] sets them): the amount itself
/// (with `point_cap` as the band's cap), or the cap of a band from 0 inside which the six factors
/// place the estimate.
#[allow(clippy::too_many_arguments)]
fn yielded<'r>(
    cx: &Ctx<'r, '_>,
    rule: &'r Rule,
    yields: Yields,
    v: Decimal,
    point_cap: Option<Decimal>,
    label: Text<'r>,
    text: String,
    f: &mut Figures<'r>,
) -> Result<(), CaseError> {
    match yields {
        Yields::Point => {
            f.reset_fixed(v, Decimal::ZERO, point_cap);
            if !cx.quiet {
                f.steps.push(step(rule, label, text, Some(v)));
            }
        }
        Yields::Cap => {
            f.reset(Decimal::ZERO, Some(v));
            if !cx.quiet {
                f.steps.push(step(
                    rule,
                    Text::new(format!("上限：{}", label.zh), format!("cap: {}", label.en)),
                    text,
                    Some(v),
                ));
            }
            adjust_band(cx, rule, f)?;
            place(cx, f);
        }
    }
    Ok(())
}

/// A piece of a sentence that quotes figures: text, a decimal (as [`plain`] writes it), or a whole
/// number.
#[derive(Clone, Copy)]
pub(crate) enum Piece<'a> {
    S(&'a str),
    D(Decimal),
    U(u64),
}

/// The pieces written one after another into one String: what `format!` with `plain` arguments
/// made, without a String for each figure or the formatting machinery (steps and notes that
/// quote figures are in most records).
pub(crate) fn join(pieces: &[Piece]) -> String {
    let mut out = String::with_capacity(
        pieces
            .iter()
            .map(|p| match p {
                Piece::S(s) => s.len(),
                Piece::D(_) | Piece::U(_) => 12,
            })
            .sum(),
    );
    for p in pieces {
        match p {
            Piece::S(s) => out.push_str(s),
            Piece::D(d) => push_plain(&mut out, *d),
            Piece::U(n) => out.push_str(itoa::Buffer::new().format(*n)),
        }
    }
    out
}

/// A band as a step shows it: `500 – 50000`, `1000 – ∞`.
pub(crate) fn band_text(floor: Decimal, cap: Option<Decimal>) -> String {
    let mut s = String::with_capacity(24);
    crate::estimate::write_band(&mut s, floor, cap);
    s
}

/// The text the rules wrote when they loaded for the rule's own band whose floor and cap are the
/// very same decimals as these (value and scale: the same digits), if there is one. A modifier
/// that changed the band leaves none, and the text is written from the figures.
#[inline]
fn rule_band_text_of(rule: &Rule, floor: Decimal, cap: Option<Decimal>) -> Option<&str> {
    // (the same 16 bytes: compared as one number)
    let same = |a: Decimal, b: Decimal| {
        u128::from_le_bytes(a.serialize()) == u128::from_le_bytes(b.serialize())
    };
    rule.band_texts
        .iter()
        .find(|(f, c, _)| {
            same(*f, floor)
                && match (c, cap) {
                    (Some(c), Some(x)) => same(*c, x),
                    (None, None) => true,
                    _ => false,
                }
        })
        .map(|(_, _, t)| t.as_str())
}

/// [`band_text`], taken from the rule's own texts where [`rule_band_text_of`] finds one.
fn rule_band_text(rule: &Rule, floor: Decimal, cap: Option<Decimal>) -> String {
    match rule_band_text_of(rule, floor, cap) {
        Some(t) => t.to_string(),
        None => band_text(floor, cap),
    }
}

/// Modifiers that change the band before the factors place the point.
///
/// Inline: most rules have neither modifier, and a cross-province case comes here for every
/// province; the modifiers themselves are out of line, in [`adjust_band_by`].
#[inline]
fn adjust_band<'r>(cx: &Ctx<'r, '_>, rule: &'r Rule, f: &mut Figures<'r>) -> Result<(), CaseError> {
    let m = &rule.modifiers;
    if m.organization_multiplier.is_none() && !m.victim_fault_reduces {
        return Ok(());
    }
    adjust_band_by(cx, rule, f)
}

/// [`adjust_band`] for a rule with a modifier that may change the band (or add a note).
fn adjust_band_by<'r>(
    cx: &Ctx<'r, '_>,
    rule: &'r Rule,
    f: &mut Figures<'r>,
) -> Result<(), CaseError> {
    let m = &rule.modifiers;
    if let (Some(mu), Some(Party::Organization)) = (&m.organization_multiplier, cx.case.infringer) {
        let floor = mul(f.floor, mu.low, "infringer")?;
        let cap = f.cap.map(|c| mul(c, mu.high, "infringer")).transpose()?;
        if !cx.quiet {
            f.steps.push(step(
                rule,
                Text::new(
                    format!(
                        "侵权人为法人或其他组织：下限 × {}，上限 × {}",
                        plain(mu.low),
                        plain(mu.high)
                    ),
                    format!(
                        "infringer is an organisation: floor × {}, cap × {}",
                        plain(mu.low),
                        plain(mu.high)
                    ),
                ),
                format!(
                    "{} × {} = {}; {}",
                    plain(f.floor),
                    plain(mu.low),
                    plain(floor),
                    cap.map_or("∞".into(), |c| format!(
                        "{} × {} = {}",
                        plain(f.cap.unwrap_or_default()),
                        plain(mu.high),
                        plain(c)
                    ))
                ),
                None,
            ));
        }
        f.floor = floor;
        f.cap = cap;
    } else if let (Some(mu), None, false) =
        (&m.organization_multiplier, cx.case.infringer, cx.quiet)
    {
        // the multiplier decides the band: an infringer not given is said to be taken as natural
        f.notes.push(Text::new(
            format!(
                "未给出侵权人：按自然人计；侵权人为法人或其他组织的，下限 × {}，上限 × {}（可用 --infringer organization 指明）。",
                plain(mu.low),
                plain(mu.high)
            ),
            format!(
                "No infringer was given: taken as a natural person; for an organisation the floor is × {} and the cap × {} (name it with --infringer organization).",
                plain(mu.low),
                plain(mu.high)
            ),
        ));
    }
    if m.victim_fault_reduces {
        if let Some(vf) = cx.case.victim_fault.filter(|v| *v > Decimal::ZERO) {
            let k = Decimal::ONE - vf;
            let floor = f.floor * k;
            let cap = f.cap.map(|c| c * k);
            // the step is made only when shown (a cross-province reference runs this quietly
            // for every province whose rule reduces for the victim's fault)
            if !cx.quiet {
                let mut s = step(
                    rule,
                    Text::new(
                        format!("受害人过错 {}：按比例减轻，× {}", plain(vf), plain(k)),
                        format!(
                            "victim's own fault {}: reduced in proportion, × {}",
                            plain(vf),
                            plain(k)
                        ),
                    ),
                    format!(
                        "{} × {} = {}; {}",
                        plain(f.floor),
                        plain(k),
                        plain(floor),
                        cap.map_or("∞".into(), |c| format!(
                            "{} × {} = {}",
                            plain(f.cap.unwrap_or_default()),
                            plain(k),
                            plain(c)
                        ))
                    ),
                    None,
                );
                if let Some(a) = &m.victim_fault_article {
                    s.citation = Text::article(a);
                }
                f.steps.push(s);
            }
            f.floor = floor;
            f.cap = cap;
        }
    }
    Ok(())
}

/// The six factors place the point and range inside the band.
fn place<'r>(cx: &Ctx<'r, '_>, f: &mut Figures<'r>) {
    let Some(cap) = f.cap else {
        f.low = f.floor;
        f.point = f.floor;
        f.high = None;
        return;
    };
    let p = cx.model.place(f.floor, cap);
    if !cx.quiet {
        push_model_step(cx, f, cap, &p);
    }
    f.low = p.low;
    f.point = p.point;
    f.high = Some(p.high);
    f.used_model = true;
}

/// The model's step for a placed band, out of line: a large value made only when shown, which
/// inline gave `place` a frame of its size and the registers to save for every band placed
/// quietly (a cross-province case places one for every province).
#[inline(never)]
fn push_model_step<'r>(cx: &Ctx<'r, '_>, f: &mut Figures<'r>, cap: Decimal, p: &super::Placed) {
    f.steps.push(model_step(cx, f.floor, cap, p));
}

/// Modifiers that act on the placed amount, and the notes they carry.
fn finish_modifiers<'r>(cx: &Ctx<'r, '_>, rule: &'r Rule, f: &mut Figures<'r>) {
    let m = &rule.modifiers;
    let case = cx.case;
    if m.profit_lifts_cap && case.profit_motive == Some(true) {
        let cap_before = f.cap;
        let point_before = f.point;
        f.high = None;
        f.cap = None;
        let mut zh = "以营利为目的侵权：不受上限限制，可根据侵权人的获利情况确定数额".to_string();
        let mut en = "infringement for profit: the cap does not bind; the amount may follow the infringer's gain".to_string();
        if let Some(g) = case.gain.filter(|g| *g > f.point) {
            f.point = g;
            zh += &format!("；估算值取侵权人获利 {}（工具模型）", plain(g));
            en += &format!(
                "; the point is set at the infringer's gain {} (the tool's model)",
                plain(g)
            );
        }
        if !cx.quiet {
            f.steps.push(step(
                rule,
                Text::new(zh.clone(), en.clone()),
                // numbers only, as every step's arithmetic (it is the same in both languages)
                if f.point == point_before {
                    format!("{} → ∞", cap_before.map_or_else(|| "∞".to_string(), plain))
                } else {
                    format!(
                        "{} → ∞; {} → {}",
                        cap_before.map_or_else(|| "∞".to_string(), plain),
                        plain(point_before),
                        plain(f.point)
                    )
                },
                Some(f.point),
            ));
        }
        if !cx.quiet {
            f.notes.push(Text::new(zh + "。", en));
        }
    }
    if let Some(me) = &m.may_exceed {
        let level = cx
            .model
            .out
            .factors
            .iter()
            .find(|x| x.id == "circumstances" && x.known)
            .map(|x| x.level);
        let hit = level.is_some_and(|l| me.circumstances.iter().any(|c| c == l));
        // a raise the provision limits to some tiers (Shaanxi: beyond the top one)
        let tier_allows = me.tiers.as_ref().is_none_or(|ts| {
            f.tier
                .as_ref()
                .is_some_and(|t| ts.iter().any(|n| n == t.name))
        });
        if hit && !tier_allows {
            if !cx.quiet {
                let (zh, en) = match &f.tier {
                    Some(t) => (&*t.label.zh, &*t.label.en),
                    None => ("", ""),
                };
                f.notes.push(Text::new(
                    format!(
                        "情节特别恶劣：{}。所用等级为{zh}，不在规则文件所列的适用等级内，故不提高（规则文件对条文的读法）",
                        me.note_zh
                    ),
                    format!(
                        "egregious circumstances: {}. The tier used is {en}, not one the rule file applies this to, so the range is not raised (the rule file's reading of the provision)",
                        me.note_en
                    ),
                ));
            }
        } else if hit {
            let before = f.high;
            f.high = me.to.map(|to| before.map_or(to, |h| h.max(to)));
            // the provision's own higher limit: the band's cap rises with the range's top
            f.cap = match (f.cap, f.high) {
                (Some(c), Some(h)) => Some(c.max(h)),
                _ => None,
            };
            let show = |d: Option<Decimal>| d.map_or_else(|| "∞".to_string(), plain);
            if !cx.quiet {
                let mut s = step(
                rule,
                Text::new(
                    "情节特别恶劣：可以适当提高，幅度上限与区间上端随之提高",
                    "egregious circumstances: the award may be raised, so the band's cap and the top of the range rise",
                ),
                format!("{} → {}", show(before), show(f.high)),
                None,
            );
                // the raise's own article, where it is not the rule's (Shaanxi items 1–2: item 3)
                if let Some(a) = &me.article {
                    s.citation = Text::article(a);
                }
                f.steps.push(s);
            }
            if !cx.quiet {
                f.notes.push(Text::new(
                    format!(
                        "情节特别恶劣：{}{}",
                        me.note_zh,
                        me.to.map_or("（上端不设限）。".into(), |t| format!(
                            "（至多 {}）。",
                            plain(t)
                        ))
                    ),
                    format!(
                        "egregious circumstances: {}{}",
                        me.note_en,
                        me.to.map_or(" (upper end left open)".into(), |t| format!(
                            " (up to {})",
                            plain(t)
                        ))
                    ),
                ));
            }
        } else {
            if !cx.quiet {
                // a note is a sentence: the rule file's text ends with its 。 here, unless it
                // already has one
                let zh: std::borrow::Cow<str> = if me.note_zh.ends_with('。') {
                    Cow::Borrowed(&me.note_zh)
                } else {
                    Cow::Owned([&me.note_zh, "。"].concat())
                };
                f.notes.push(Text::new(zh, &me.note_en));
            }
        }
    }
    // the rule's own notes say how its cap is shared; the case's own joint tortfeasors are named
    // (with the case's numbers: what the rule's standing note means for this case)
    if let Some(d) = case
        .defendants
        .filter(|d| m.shared_cap && *d > 1 && !cx.quiet)
    {
        f.notes.push(Text::new(
            format!("本案共同侵权人 {d} 人：以上估算为各被告共同承担的总额，不超过同一上限。"),
            format!("This case's {d} joint tortfeasors: the estimate is the total they bear together, within one cap."),
        ));
    }
    if let Some(v) = case.victims.filter(|v| m.per_victim && *v > 1 && !cx.quiet) {
        f.notes.push(Text::new(
            format!("本案受害人 {v} 人：以上为每名受害人的估算，分别计算。"),
            format!(
                "This case's {v} victims: the figures are per victim, each assessed separately."
            ),
        ));
    }
    // the same facts, given for a rule that says nothing of them: not silently dropped
    if let Some(d) = case.defendants.filter(|d| *d > 1) {
        if !m.shared_cap && rule.refuse.is_none() && !cx.quiet {
            f.notes.push(Text::new(
                format!("所给被告人数（{d}）未计入：所用规则 {} 的数额不按被告人数计算。", rule.id),
                format!("the number of defendants given ({d}) was not applied: the rule used, {}, does not count defendants.", rule.id),
            ));
        }
    }
    if let Some(v) = case.victims.filter(|v| *v > 1) {
        if !m.per_victim && rule.refuse.is_none() && !cx.quiet {
            f.notes.push(Text::new(
                format!("所给受害人人数（{v}）未计入：所用规则 {} 的数额不按受害人人数计算。", rule.id),
                format!("the number of victims given ({v}) was not applied: the rule used, {}, does not count victims.", rule.id),
            ));
        }
    }
    if cx.case.severity.is_some() && !uses_severity(rule) && rule.refuse.is_none() && !cx.quiet {
        let sev = cx.severity.unwrap_or_default();
        f.notes.push(Text::new(
            [
                "所给严重程度（",
                sev,
                "）未计入：该规则不按严重程度分档；后果轻重可用 factors.consequence 表示（工具模型）。",
            ]
            .concat(),
            [
                "the severity given (",
                sev,
                ") was not applied: this rule has no severity tiers; give the gravity as factors.consequence (the tool's model).",
            ]
            .concat(),
        ));
    }
    let uses_liability = rule.formula.as_ref().is_some_and(|x| x.apply_liability);
    if case.liability.is_some() && !uses_liability && rule.refuse.is_none() && !cx.quiet {
        f.notes.push(Text::new(
            "所给责任系数未计入：该标准未规定按责任比例折算，本工具亦不折算（法院可综合过错程度等因素酌定）。",
            "the liability share given was not applied: this standard does not apportion its figures by liability, so the tool does not either (a court may weigh the degree of fault among the factors).",
        ));
    }
    if case.victim_fault.is_some_and(|v| v > Decimal::ZERO)
        && !m.victim_fault_reduces
        && rule.refuse.is_none()
        && !cx.quiet
    {
        // the Civil Code's day, from the rule base: an earlier case is told the article is later
        let later = cx
            .rb
            .national()
            .source("civil-code")
            .and_then(|s| s.effective)
            .filter(|e| cx.date < *e);
        let (zh, en) = match later {
            Some(e) => (
                format!("（《民法典》自 {e} 起施行，晚于本案适用日期；此前的相应规定本工具未收入）"),
                format!(" (the Civil Code took effect on {e}, after the case's date; the tool holds no earlier counterpart)"),
            ),
            None => (String::new(), String::new()),
        };
        // 民法典 1173 is a tort rule: state compensation has its own (2021 interpretation Art. 11,
        // the 2014 opinion's sentence, which the rule's notes give), so a state-compensation case
        // is not pointed to the Code; and those texts do let the award be reduced for the fault, so
        // the note does not say the rule has no reduction, only that the tool made none (Guangdong's
        // minutes say nothing of fault: the note claims nothing of what the provision says)
        if case.context == Context::StateCompensation {
            f.notes.push(Text::new(
                "所给受害人过错未计入：本工具未据此折算数额。",
                "the victim's fault given was not applied: the tool does not reduce the amount for it.",
            ));
        } else {
            f.notes.push(Text::new(
                format!("所给受害人过错未计入：该规则未规定按比例减轻；依《民法典》第一千一百七十三条，被侵权人对损害的发生或者扩大有过错的，可以减轻侵权人的责任{zh}。"),
                format!("the victim's fault given was not applied: this rule sets no proportional reduction; Civil Code Art. 1173 lets the court reduce the liability{en}."),
            ));
        }
    }
}

/// True when the rule's figures depend on the case's severity: its tiers, table or share, or a
/// condition naming a severity.
pub(crate) fn uses_severity(rule: &Rule) -> bool {
    rule.tiers.is_some()
        || rule.table.is_some()
        || rule.share.is_some()
        || rule.when.as_ref().is_some_and(|w| w.severity.is_some())
}

/// The cross-province reference: every provincial rule for this harm, on the same facts.
///
/// What is the same for every province is worked out once, before: the model's evaluation and
/// where it places a point in a band ([`super::model::Evaluated`]), the severity, the contexts.
/// Each province's figures are gathered as they come (the range's ends, its step and citation,
/// its point), rather than kept in a list gone through again for each.
///
/// `exclude` is the case's own place's rule file, if it has one: the file whose id is the place's
/// (ids are unique, validation makes sure), told apart by address rather than by its id.
pub(crate) fn cross_province<'r>(
    cx: &Ctx<'r, '_>,
    exclude: Option<&'r RuleFile>,
) -> Result<Figures<'r>, CaseError> {
    // a traffic or medical-accident case falls back on each province's civil rules
    let both = [cx.case.context, Context::Civil];
    let contexts = match cx.case.context {
        Context::Traffic | Context::MedicalAccident => &both[..],
        _ => &both[..1],
    };
    let others = cx.rb.files().len().saturating_sub(1);
    let mut skipped: Vec<(&'r str, CaseError)> = Vec::new();
    // each province's figures are wanted for their numbers; their own steps and notes are not shown
    let quiet = Ctx { quiet: true, ..*cx };
    let mut fig = Figures::new(Decimal::ZERO, None);
    // (room for every province at once, and for the step that sums them up: each is pushed as
    // it comes)
    if !cx.quiet {
        fig.steps = Vec::with_capacity(others + 1);
    }
    fig.cites = Vec::with_capacity(others);
    let mut points = Points::new();
    let mut scratch = Figures::new(Decimal::ZERO, None);
    // the range's ends so far (see `least` and `greatest`)
    let mut low: Option<Decimal> = None;
    let mut floor: Option<Decimal> = None;
    let (mut high, mut high_open): (Option<Decimal>, bool) = (None, false);
    let (mut cap, mut cap_open): (Option<Decimal>, bool) = (None, false);
    // the files with a rule for the harm in one of the contexts, in file order: those of each
    // context (one or two lists, each in order) merged
    let first = cx.rb.cross_files(cx.harm, contexts[0]);
    let second = contexts
        .get(1)
        .map_or(&[][..], |c| cx.rb.cross_files(cx.harm, *c));
    let (mut i, mut j) = (0, 0);
    loop {
        let k = match (first.get(i), second.get(j)) {
            (Some(&a), Some(&b)) => {
                i += usize::from(a <= b);
                j += usize::from(b <= a);
                a.min(b)
            }
            (Some(&a), None) => {
                i += 1;
                a
            }
            (None, Some(&b)) => {
                j += 1;
                b
            }
            (None, None) => break,
        };
        let (f, region) = cx.rb.file_with_region(k);
        if exclude.is_some_and(|x| std::ptr::eq(x, f)) {
            continue;
        }
        // (the rules indexed by harm and context, in file order: the first that holds is the one
        // `matches` finds among the harm's)
        let rule = contexts
            .iter()
            .find_map(|c| f.rules_for_case(cx.harm, *c).find(|r| holds(cx, r)));
        let Some(rule) = rule else { continue };
        if rule.refuse.is_some() || rule.reference.is_some() {
            continue;
        }
        // (every province's figures computed into the same scratch figures, and read there)
        if let Err(e) = compute_into(&quiet, rule, &mut scratch) {
            skipped.push((&rule.id, e));
            continue;
        }
        let u = &scratch;
        least(&mut low, u.low);
        least(&mut floor, u.floor);
        match u.high {
            Some(h) => greatest(&mut high, h),
            None => high_open = true,
        }
        match u.cap {
            Some(c) => greatest(&mut cap, c),
            None => cap_open = true,
        }
        points.push(u.point);
        if !cx.quiet {
            // the figures, not sentences: a report writes them in its one language (see
            // StepBody), and a cross-province case has a step for every province
            let jid = f.jurisdiction.id.as_str();
            let (name_zh, name_en, names_plain) = region.map_or((jid, jid, false), |r| {
                (r.name_zh.as_str(), r.name_en.as_str(), r.names_plain)
            });
            fig.steps.push(Step {
                rule: Cow::Borrowed(&rule.id),
                body: StepBody::Province(ProvinceFigures {
                    name_zh,
                    name_en,
                    low: u.low,
                    point: u.point,
                    high: u.high,
                    floor: u.floor,
                    cap: u.cap,
                    band_text: rule_band_text_of(rule, u.floor, u.cap),
                    names_plain,
                }),
                amount: Some(u.point),
                citation: rule.article_text.borrow(),
            });
        }
        fig.cites.push((f, rule));
        fig.used_model |= u.used_model;
    }
    if points.len() == 0 {
        let mut detail = Text::new(
            format!(
                "没有任何规则就此给出数额：harm = {}，context = {}",
                cx.harm.code(),
                super::context_en(cx.case.context)
            ),
            format!(
                "no rule gives a figure for harm {} in context {}",
                cx.harm.code(),
                super::context_en(cx.case.context)
            ),
        );
        if let Some((rid, e)) = skipped.first() {
            *detail.zh.to_mut() += &format!("（{rid}：{}）", e.message(crate::i18n::Lang::Zh));
            *detail.en.to_mut() += &format!(" ({rid}: {})", e.message(crate::i18n::Lang::En));
            return Err(CaseError {
                problem: Problem::Conflict { detail },
                ..e.clone()
            });
        }
        return Err(CaseError::new(
            "harm",
            format!("{:?}", cx.harm.code()),
            Problem::Conflict { detail },
        ));
    }
    let (low, floor) = (low.unwrap_or_default(), floor.unwrap_or_default());
    // (an end open in any province is open)
    let high = high.filter(|_| !high_open);
    let cap = cap.filter(|_| !cap_open);
    let point = points.median();
    fig.low = low;
    fig.point = point;
    fig.high = high;
    fig.floor = floor;
    fig.cap = cap;
    if !cx.quiet {
        fig.steps.push(Step {
            rule: "cross-province".into(),
            body: StepBody::CrossProvince(CrossProvinceFigures {
                low,
                point,
                high,
                floor,
                cap,
            }),
            amount: Some(point),
            citation: Text::new("工具模型", "the tool's model"),
        });
    }
    if !cx.quiet {
        fig.left_out = skipped;
    }
    Ok(fig)
}

/// The least so far of one end of the provinces' ranges, as `min_by` in Decimal's order picks
/// it: among equals, the first.
#[inline]
fn least(now: &mut Option<Decimal>, d: Decimal) {
    match now {
        Some(m) if cmp_figures(&d, m) != Ordering::Less => {}
        _ => *now = Some(d),
    }
}

/// The greatest so far of one end of the provinces' ranges, as `max_by` in Decimal's order picks
/// it: among equals, the last. (Where any province's end is open, the range's is: the caller
/// keeps that apart.)
#[inline]
fn greatest(now: &mut Option<Decimal>, d: Decimal) {
    match now {
        Some(m) if cmp_figures(&d, m) == Ordering::Less => {}
        _ => *now = Some(d),
    }
}

/// Decimal's order, on the mantissas where the two are at one scale, or are at least 0 and fit
/// 64 bits and so can be brought to one scale exactly in 128 (a floor at scale 0 meets figures
/// placed at scale 4): else `Decimal::cmp`.
#[inline]
fn cmp_figures(a: &Decimal, b: &Decimal) -> Ordering {
    let (sa, sb) = (a.scale(), b.scale());
    let (ma, mb) = (a.mantissa(), b.mantissa());
    if sa == sb {
        return ma.cmp(&mb);
    }
    if !a.is_sign_negative() && !b.is_sign_negative() {
        if let (Ok(ma), Ok(mb)) = (u64::try_from(ma), u64::try_from(mb)) {
            let up = |m: u64, by: u32| {
                let p = super::model::POW10_64.get(by as usize)?;
                Some(u128::from(m) * u128::from(*p))
            };
            let both = if sa < sb {
                up(ma, sb - sa).map(|a| (a, u128::from(mb)))
            } else {
                up(mb, sa - sb).map(|b| (u128::from(ma), b))
            };
            if let Some((a, b)) = both {
                return a.cmp(&b);
            }
        }
    }
    a.cmp(b)
}

/// The points of a cross-province reference, one for each province, held on the stack (there
/// are at most 31 provinces; a rule base with more files spills into a Vec).
struct Points {
    few: [Decimal; Points::FEW],
    len: usize,
    many: Vec<Decimal>,
}

impl Points {
    const FEW: usize = 32;

    fn new() -> Points {
        Points {
            few: [Decimal::ZERO; Points::FEW],
            len: 0,
            many: Vec::new(),
        }
    }

    fn push(&mut self, d: Decimal) {
        if self.len < Points::FEW {
            self.few[self.len] = d;
        } else {
            if self.many.is_empty() {
                self.many.extend_from_slice(&self.few);
            }
            self.many.push(d);
        }
        self.len += 1;
    }

    fn len(&self) -> usize {
        self.len
    }

    fn median(&mut self) -> Decimal {
        if self.len <= Points::FEW {
            median(&mut self.few[..self.len])
        } else {
            median(&mut self.many)
        }
    }
}

/// The median of the points (at least one), as a stable sort in `Decimal`'s order chooses it:
/// the middle one, or the mean of the two in the middle. Where every point is at least 0 and
/// fits 59 bits at the largest scale among them (as the placed points do), each is sorted as
/// that whole number and its place in the list, which orders them as the stable sort does (the
/// same value: the earlier first), without comparing decimals; otherwise by the stable sort
/// itself. The points may be left in any order.
fn median(points: &mut [Decimal]) -> Decimal {
    let n = points.len();
    let middle = |sorted: &[Decimal]| {
        if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / Decimal::TWO
        }
    };
    if let Some(mut keys) = median_keys(points) {
        let keys = &mut keys[..n];
        keys.sort_unstable();
        // (the index is the key's low 5 bits)
        let at = |k: u64| points[(k & 0x1f) as usize];
        return if n % 2 == 1 {
            at(keys[n / 2])
        } else {
            (at(keys[n / 2 - 1]) + at(keys[n / 2])) / Decimal::TWO
        };
    }
    // (a stable sort, as `sort` is, in Decimal's order)
    points.sort_by(cmp_decimal);
    middle(points)
}

/// Each point as `(value at the largest scale) << 5 | its index` in one u64 (cheaper to sort than
/// a wider key), where there are at most [`Points::FEW`] (32) points, each at least 0 (a negative
/// zero is not taken) and below 2^59 at that scale (a yuan figure at four decimals is far below).
fn median_keys(points: &[Decimal]) -> Option<[u64; Points::FEW]> {
    const _: () = assert!(Points::FEW <= 32);
    let n = points.len();
    if n > Points::FEW {
        return None;
    }
    let top = points.iter().map(Decimal::scale).max().unwrap_or(0);
    let mut keys = [0u64; Points::FEW];
    for (i, (p, k)) in points.iter().zip(&mut keys).enumerate() {
        if p.is_sign_negative() {
            return None;
        }
        let m = u64::try_from(p.mantissa()).ok()?;
        let m = m.checked_mul(*super::model::POW10_64.get((top - p.scale()) as usize)?)?;
        if m >> 59 != 0 {
            return None;
        }
        *k = (m << 5) | i as u64;
    }
    Some(keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// The median as it was taken before: the points sorted stably in Decimal's order, the middle
    /// one or the mean of the two in the middle.
    fn by_sort(points: &[Decimal]) -> Decimal {
        let mut v = points.to_vec();
        v.sort_by(cmp_decimal);
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / Decimal::TWO
        }
    }

    /// By hand: the middle of an odd number, the mean of the two middle ones of an even number,
    /// and among equal values at different scales the one a stable sort puts there (12.5 and
    /// 12.50: the earlier in the list); negative points and points past 64 bits are taken by the
    /// sort itself. Each is what the sort gives, value and scale (and the mean as `Decimal`
    /// divides: (2 + 3) / 2 is 2.50).
    #[test]
    fn the_median_of_the_points_is_the_stable_sorts() {
        let cases: &[(&[&str], &str)] = &[
            (&["5"], "5"),
            (&["3", "1", "2"], "2"),
            (&["4", "1", "3", "2"], "2.50"),
            (&["10.0000", "7", "8.5000", "9"], "8.7500"),
            // equal values at two scales: the stable sort keeps the list's order
            (&["12.50", "1", "12.5"], "12.50"),
            (&["12.5", "1", "12.50"], "12.5"),
            (&["20", "12.5", "12.50", "1", "30"], "12.50"),
            (&["0", "0.000", "-0"], "0.000"),
            (&["-3", "2", "1"], "1"),
            (&["18446744073709551616", "1", "2"], "2"),
            (&["0.0000000000000000000000000001", "1", "2"], "1"),
        ];
        for (points, want) in cases {
            let mut v: Vec<Decimal> = points.iter().map(|p| dec(p)).collect();
            let sorted = by_sort(&v);
            assert_eq!(sorted.to_string(), *want, "{points:?}");
            let mine = median(&mut v);
            assert_eq!(mine.serialize(), sorted.serialize(), "{points:?}");
        }
        // the keys are taken where every point is at least 0 and fits at the largest scale
        assert!(median_keys(&[dec("12.50"), dec("1"), dec("12.5")]).is_some());
        assert!(median_keys(&[dec("-3"), dec("2")]).is_none());
        let mut negative_zero = Decimal::ZERO;
        negative_zero.set_sign_negative(true);
        assert!(negative_zero.is_sign_negative());
        assert!(median_keys(&[negative_zero, dec("2")]).is_none());
        let mut v = [dec("0.00"), negative_zero, dec("0")];
        assert_eq!(median(&mut v).serialize(), negative_zero.serialize());
        assert!(median_keys(&[dec("18446744073709551615"), dec("0.1")]).is_none());
        // (2^59 − 1 is taken, 2^59 not: the index takes the key's low 5 bits)
        assert!(median_keys(&[dec("576460752303423487"), dec("1")]).is_some());
        assert!(median_keys(&[dec("576460752303423488"), dec("1")]).is_none());
        let mut v = [
            dec("576460752303423488"),
            dec("1"),
            dec("576460752303423487"),
        ];
        assert_eq!(median(&mut v), dec("576460752303423487"));
        // and every permutation of a list with repeats gives what the sort gives
        let pool = ["1", "1.0", "2", "2.00", "0.5", "3"];
        for mask in 1..(1u32 << pool.len()) {
            let chosen: Vec<Decimal> = (0..pool.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| dec(pool[i]))
                .collect();
            for rot in 0..chosen.len() {
                let mut v = chosen.clone();
                v.rotate_left(rot);
                let want = by_sort(&v);
                assert_eq!(
                    median(&mut v.clone()).serialize(),
                    want.serialize(),
                    "{v:?}"
                );
            }
        }
    }

    /// Figures reset are figures made new, whatever they held.
    #[test]
    fn figures_reset_are_figures_made_new() {
        let rb = crate::rules::RuleBase::embedded().unwrap();
        let (f, r) = (rb.national(), &rb.national().rules[0]);
        let mut dirty = Figures::new(dec("1"), Some(dec("2")));
        dirty.low = dec("0.5");
        dirty.high = None;
        dirty.steps.push(step(r, Text::same("x"), "y".into(), None));
        dirty.notes.push(Text::same("n"));
        dirty.tier = Some(TierOut {
            name: "t",
            label: Text::same("t"),
            derived: true,
            offered: vec![("t", Text::same("t"))],
        });
        dirty.used_model = true;
        dirty.unit = Some(dec("1000"));
        dirty.unit_citation = Some(Text::same("c"));
        dirty.cites.push((f, r));
        dirty.left_out.push(("r", needs("x", r)));
        let mut reset = dirty.clone();
        reset.reset(dec("3"), None);
        assert_eq!(
            format!("{reset:?}"),
            format!("{:?}", Figures::new(dec("3"), None))
        );
        dirty.reset_fixed(dec("4"), dec("0"), Some(dec("9")));
        let mut fixed = Figures::new(dec("0"), Some(dec("9")));
        (fixed.low, fixed.point, fixed.high) = (dec("4"), dec("4"), Some(dec("4")));
        assert_eq!(format!("{dirty:?}"), format!("{fixed:?}"));
    }

    /// Every rule of the rule base computed into figures that held another rule's gives what it
    /// gives computed afresh (quiet, as a cross-province reference computes it, and not), for a
    /// few cases of each harm: the figures, the error, or both the same.
    #[test]
    fn a_rule_computed_into_used_figures_gives_what_it_gives_afresh() {
        let rb = crate::rules::RuleBase::embedded().unwrap();
        let cases = [
            r#"{"province":"beijing","harm":"injury","injury_degree":"serious"}"#,
            r#"{"province":"anhui","harm":"death","age":70,"avg_living_expense":20000,"avg_wage":90000,"victim_fault":0.2,"infringer":"organization"}"#,
            r#"{"province":"fujian","disability_grade":3,"liability":0.5,"factors":{"fault":"intent"}}"#,
            r#"{"province":"national","context":"state-compensation","harm":"detention","detention_days":30,"base_compensation":100000,"severity":"serious"}"#,
            r#"{"province":"sichuan","harm":"personality","severity":"serious","infringer":"organization","profit_motive":true,"gain":90000}"#,
            r#"{"province":"guangdong","harm":"personal-info","info_items":{"sensitive":20,"other":300},"defendants":2,"victims":3}"#,
        ];
        let mut compared = 0;
        for text in cases {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            let case = crate::case::Case::from_json(&value).unwrap();
            let harm = case.harm().unwrap();
            let model = super::super::model::evaluate(rb.model(), &case, harm).unwrap();
            for quiet in [true, false] {
                let cx = Ctx {
                    rb: &rb,
                    case: &case,
                    harm,
                    date: crate::date::Date::new(2026, 11, 22).unwrap(),
                    severity: case.severity.as_deref(),
                    model: &model,
                    quiet,
                };
                let mut used = Figures::new(Decimal::ZERO, None);
                for f in rb.files() {
                    for r in f.rules.iter().filter(|r| r.reference.is_none()) {
                        let afresh = compute(&cx, r);
                        let into = compute_into(&cx, r, &mut used).map(|()| &used);
                        assert_eq!(
                            format!("{:?}", afresh.as_ref().map_err(|e| e.to_string())),
                            format!("{:?}", into.map_err(|e| e.to_string())),
                            "{} {text}",
                            r.id
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 100, "{compared}");
    }

    /// The points held on the stack spill into a Vec past 32, and the median is the same.
    #[test]
    fn more_points_than_the_stack_holds_spill_into_a_vec() {
        let mut p = Points::new();
        let all: Vec<Decimal> = (0..40).map(|i| Decimal::from((i * 7) % 40)).collect();
        for d in &all {
            p.push(*d);
        }
        assert_eq!(p.len(), 40);
        // 0..40 in some order: the two middle ones are 19 and 20
        assert_eq!(p.median(), dec("19.5"));
        assert_eq!(by_sort(&all), dec("19.5"));
    }

    /// `least` and `greatest` pick as `min_by` and `max_by` do in Decimal's order: among equals,
    /// the first and the last (told apart by their scales), over the ends given.
    #[test]
    fn the_ends_of_the_range_are_picked_as_min_by_and_max_by_pick_them() {
        let lists: &[&[Option<&str>]] = &[
            &[Some("3"), Some("1.0"), Some("1"), Some("2.5000")],
            &[Some("1"), Some("1.00"), Some("1.0")],
            &[Some("2"), None, Some("9")],
            &[Some("2.0001"), Some("2"), Some("-1"), Some("-1.0")],
            &[
                Some("18446744073709551616"),
                Some("0.1"),
                Some("18446744073709551616.0"),
            ],
        ];
        for list in lists {
            let ds: Vec<Option<Decimal>> = list.iter().map(|x| x.map(dec)).collect();
            let mut hi = None;
            for d in ds.iter().flatten() {
                greatest(&mut hi, *d);
            }
            let want = ds.iter().flatten().copied().max_by(cmp_decimal);
            assert_eq!(
                hi.map(|d| d.serialize()),
                want.map(|d| d.serialize()),
                "{list:?}"
            );
            let mut lo = None;
            for d in ds.iter().flatten() {
                least(&mut lo, *d);
            }
            let want = ds.iter().flatten().copied().min_by(cmp_decimal);
            assert_eq!(
                lo.map(|d| d.serialize()),
                want.map(|d| d.serialize()),
                "{list:?}"
            );
        }
        // by hand: the last of the equal greatest, the first of the equal least
        let mut hi = None;
        for d in ["1", "1.00", "1.0"] {
            greatest(&mut hi, dec(d));
        }
        assert_eq!(hi.unwrap().scale(), 1);
        let mut lo = None;
        for d in ["1.00", "1", "2"] {
            least(&mut lo, dec(d));
        }
        assert_eq!(lo.unwrap().scale(), 2);
    }

    /// `cmp_figures` orders as `Decimal::cmp` does, on a grid of values at several scales, signs
    /// and sizes.
    #[test]
    fn figures_are_compared_as_decimal_compares_them() {
        let values = [
            "0",
            "0.00",
            "-0",
            "1",
            "1.0000",
            "0.9999",
            "2.5",
            "-2.5",
            "1000",
            "999.99995",
            "18446744073709551615",
            "18446744073709551616",
            "1844674407370955161.5",
            "0.0000000000000000000000000001",
            "79228162514264337593543950335",
        ];
        let mut all: Vec<Decimal> = values.iter().map(|v| dec(v)).collect();
        let mut negative_zero = Decimal::new(0, 3);
        negative_zero.set_sign_negative(true);
        all.push(negative_zero);
        for a in &all {
            for b in &all {
                assert_eq!(cmp_figures(a, b), a.cmp(b), "{a} {b}");
            }
        }
    }
}
