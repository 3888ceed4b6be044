//! The tool's six-factor model. Not law.
//!
//! 民法典 1183 and the SPC interpretation (Art. 5; Art. 10 before 2021) list six factors and
//! give no arithmetic. The model gives each factor levels with scores in [0, 1] and a weight
//! (all in `[model]` of national.toml); the weighted mean places the point inside a band.
//! Factors the case does not give count at their default ("ordinary") level and widen the range.

use crate::case::{Case, Harm};
use crate::error::{CaseError, Problem};
use crate::estimate::{FactorOut, ModelOut};
use crate::i18n::Text;
use crate::money::{cmp_decimal_scaled, push_plain, Decimal};
use crate::rules::schema::{Factor, Model};
use std::borrow::Cow;
use std::cmp::Ordering::{Greater, Less};

/// The model applied to one case.
#[derive(Debug, Clone)]
pub struct Evaluated<'r> {
    pub score: Decimal,
    /// half-width of the range as a share of the band
    pub width: Decimal,
    /// where the low end, the point and the high end fall in any band, as shares of its span
    /// (score − width, score, score + width, each clamped to [0, 1]): the same for every band,
    /// so worked out once here rather than for each band placed (a cross-province case is placed
    /// in every province's band)
    shares: Placed,
    pub out: ModelOut<'r>,
}

/// Where a point lands in a band, before rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub low: Decimal,
    pub point: Decimal,
    pub high: Decimal,
}

/// The level a case names: by its id (any case, `_` for `-`), its Chinese label or its English
/// label (any case). The id as written is tried first, without allocating: it is what the model's
/// own defaults and derivations name, several times for every case.
#[inline]
fn find_level<'a>(f: &'a Factor, name: &str) -> Option<&'a crate::rules::schema::Level> {
    if let Some(l) = f.levels.iter().find(|l| l.name == name) {
        return Some(l);
    }
    let n = name.trim().to_lowercase().replace('_', "-");
    f.levels
        .iter()
        .find(|l| l.name == n || l.label_zh == name.trim() || l.label_en.to_lowercase() == n)
}

/// Reads the case's factors against the model.
pub fn evaluate<'r>(model: &'r Model, case: &Case, harm: Harm) -> Result<Evaluated<'r>, CaseError> {
    // (summed once, when the rules load)
    let total = model.total_weight;
    let mut score = Decimal::ZERO;
    let mut unknown_weight = Decimal::ZERO;
    // one FactorOut per factor, known in advance: no regrowth (each is a large struct)
    let mut factors = Vec::with_capacity(model.factors.len());
    let mut top: Option<(Decimal, &'r str)> = None;
    for f in &model.factors {
        let given = case.factor(&f.id);
        // the default level is looked up once: it is the level of every factor not given, and
        // the baseline a factor's pull is measured from
        let default = &f.levels[f.default_index];
        let (level, known, derived_from) = match given {
            Some(name) => {
                let level = find_level(f, name).ok_or_else(|| {
                    let allowed: Vec<String> = f.levels.iter().map(|l| l.name.clone()).collect();
                    CaseError::new(
                        format!("factors.{}", f.id),
                        format!("{name:?}"),
                        Problem::UnknownValue {
                            suggestion: crate::i18n::suggest(
                                name,
                                allowed.iter().map(String::as_str),
                            ),
                            allowed,
                            chinese: f.levels.iter().map(|l| l.label_zh.clone()).collect(),
                        },
                    )
                })?;
                (level, true, None)
            }
            None => match derive(model, f, case, harm) {
                Some((lv, why)) => (find_level(f, lv).unwrap_or(default), true, Some(why)),
                None => (default, false, None),
            },
        };
        if !known {
            unknown_weight += f.weight;
        }
        // weight × score and the pull from the default were worked out when the rules loaded;
        // a level with no pull above zero (the default's own, among others) has none
        score += level.weighted;
        if let Some(pull) = level.pull {
            if top
                .as_ref()
                .is_none_or(|(p, _)| cmp_decimal_scaled(&pull, p) == Greater)
            {
                top = Some((pull, f.id.as_str()));
            }
        }
        factors.push(FactorOut {
            id: &f.id,
            label: Text::new(&f.label_zh, &f.label_en),
            level: &level.name,
            level_label: Text::new(&level.label_zh, &level.label_en),
            score: level.score,
            weight: f.weight,
            known,
            derived_from,
            from: crate::estimate::Origin(Some((f, level))),
        });
    }
    let positive = cmp_decimal_scaled(&total, &Decimal::ZERO) == Greater;
    let score = if positive {
        score / total
    } else {
        Decimal::ZERO
    };
    let width = model.base_width
        + if positive {
            model.unknown_width * unknown_weight / total
        } else {
            Decimal::ZERO
        };
    let score = score.round_dp(4);
    let width = width.round_dp(4);
    // (Ord::clamp, without its check that 0 ≤ 1)
    let share = |s: Decimal| {
        if cmp_decimal_scaled(&s, &Decimal::ZERO) == Less {
            Decimal::ZERO
        } else if cmp_decimal_scaled(&s, &Decimal::ONE) == Greater {
            Decimal::ONE
        } else {
            s
        }
    };
    Ok(Evaluated {
        score,
        width,
        shares: Placed {
            low: share(score - width),
            point: share(score),
            high: share(score + width),
        },
        out: ModelOut {
            label: Text::new(&model.label_zh, &model.label_en),
            score,
            width,
            factors,
            top_factor: top.map(|(_, id)| id),
        },
    })
}

/// A level read from other facts of the case, when the model says how.
fn derive<'r>(
    model: &'r Model,
    f: &Factor,
    case: &Case,
    harm: Harm,
) -> Option<(&'r str, Cow<'r, str>)> {
    match f.id.as_str() {
        "consequence" => {
            if harm == Harm::Death {
                return model
                    .death_consequence
                    .as_deref()
                    .map(|l| (l, "harm = death".into()));
            }
            if let Some(g) = case.disability_grade {
                // (the reason, `disability_grade = 3`, was written when the rules loaded)
                return model.grade_consequence.iter().find_map(|gc| {
                    let i = gc.grades.iter().position(|x| *x == g)?;
                    Some((gc.level.as_str(), Cow::Borrowed(gc.why[i].as_str())))
                });
            }
            let d = case.injury_degree?;
            model
                .injury_consequence
                .iter()
                .find(|ic| ic.degree == d)
                .map(|ic| (ic.level.as_str(), "injury_degree".into()))
        }
        "gain" => {
            let positive = case.gain.is_some_and(|g| g > Decimal::ZERO);
            if case.profit_motive == Some(true) || positive {
                model
                    .profit_gain
                    .as_deref()
                    .map(|l| (l, "profit_motive / gain".into()))
            } else if case.profit_motive == Some(false) {
                model
                    .no_profit_gain
                    .as_deref()
                    .map(|l| (l, "profit_motive = false".into()))
            } else {
                None
            }
        }
        _ => None,
    }
}

impl Evaluated<'_> {
    /// Places the point and range inside `[floor, cap]`.
    #[inline]
    pub fn place(&self, floor: Decimal, cap: Decimal) -> Placed {
        let span = cap - floor;
        let at = |s: Decimal| floor + span * s;
        Placed {
            low: at(self.shares.low),
            point: at(self.shares.point),
            high: at(self.shares.high),
        }
    }

    /// The arithmetic of [`Evaluated::place`], for the trace:
    /// `{floor} + ({cap} − {floor}) × {score} = {point}; ± {width} → {low} – {high}`.
    /// Written with push_plain rather than format!: every placed band has this step, and the
    /// seven numbers as Strings of their own were most of its cost.
    pub fn place_text(&self, floor: Decimal, cap: Decimal, p: &Placed) -> String {
        let mut t = String::with_capacity(96);
        push_plain(&mut t, floor);
        t.push_str(" + (");
        push_plain(&mut t, cap);
        t.push_str(" − ");
        push_plain(&mut t, floor);
        t.push_str(") × ");
        push_plain(&mut t, self.score);
        t.push_str(" = ");
        push_plain(&mut t, p.point.round_dp(2));
        t.push_str("; ± ");
        push_plain(&mut t, self.width);
        t.push_str(" → ");
        push_plain(&mut t, p.low.round_dp(2));
        t.push_str(" – ");
        push_plain(&mut t, p.high.round_dp(2));
        t
    }
}
