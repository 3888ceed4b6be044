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
use crate::money::{cmp_decimal_scaled, push_plain, round_dp_even, Decimal};
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
    /// the shares' mantissas, where they fit (see [`place_on_mantissas`])
    share_parts: Option<ShareParts>,
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

/// The most factors for which [`width`] is worked out for every set of unknown ones when the rules
/// load (2^8 sets, each a division); a model with more factors works out each case's as it comes.
pub(crate) const WIDTH_TABLE_FACTORS: usize = 8;

/// The half-width of the range, rounded, for a case whose unknown factors weigh `unknown_weight`
/// in all: the model's base width, widened in proportion to that share of the total weight.
pub(crate) fn width(model: &Model, unknown_weight: Decimal) -> Decimal {
    let total = model.total_weight;
    let width = model.base_width
        + if cmp_decimal_scaled(&total, &Decimal::ZERO) == Greater {
            model.unknown_width * unknown_weight / total
        } else {
            Decimal::ZERO
        };
    width.round_dp(4)
}

/// Writes each level's `weighted_at`: its weighted score's mantissa at the largest scale any of
/// them has, which it returns, when every one, and the largest of each factor's added up, fit 64
/// bits there (so any case's sum of them does); else `None`, and nothing is written.
pub(crate) fn weighted_at(model: &mut Model) -> Option<u32> {
    let levels = || model.factors.iter().flat_map(|f| &f.levels);
    let top = levels().map(|l| l.weighted.scale()).max().unwrap_or(0);
    if top as usize >= POW10_64.len() {
        return None;
    }
    let at = |l: &crate::rules::schema::Level| -> Option<u64> {
        let m = u64::try_from(l.weighted.mantissa()).ok()?;
        m.checked_mul(*POW10_64.get((top - l.weighted.scale()) as usize)?)
    };
    let mut most: u64 = 0;
    for f in &model.factors {
        let mut largest = 0;
        for l in &f.levels {
            largest = largest.max(at(l)?);
        }
        most = most.checked_add(largest)?;
    }
    for l in model.factors.iter_mut().flat_map(|f| f.levels.iter_mut()) {
        l.weighted_at = at(l)?;
    }
    Some(top)
}

/// 10^0 … 10^19, every power of ten a u64 holds.
pub(crate) const POW10_64: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// The weighted scores of a case's levels added up, as `Decimal`'s `+=` adds them from zero, on
/// the mantissas at the model's `weighted_scale` (`top`): a zero sum takes the next term as it is
/// (its scale too), a zero term leaves the sum as it is, and otherwise the sum is exact at the
/// larger of the two scales (the terms are at least 0, and fit 64 bits).
struct WeightedSum {
    top: u32,
    mantissa: u64,
    scale: u32,
}

impl WeightedSum {
    #[inline]
    fn add(&mut self, l: &crate::rules::schema::Level) {
        let scale = l.weighted.scale();
        if self.mantissa == 0 {
            self.scale = scale;
        } else if l.weighted_at != 0 {
            self.scale = self.scale.max(scale);
        }
        self.mantissa += l.weighted_at;
    }

    /// The sum as a decimal, at its scale: every term not zero has at most that scale, so the
    /// division is exact.
    fn total(&self) -> Decimal {
        let m = self.mantissa / POW10_64[(self.top - self.scale) as usize];
        Decimal::from_i128_with_scale(i128::from(m), self.scale)
    }
}

/// Reads the case's factors against the model.
pub fn evaluate<'r>(model: &'r Model, case: &Case, harm: Harm) -> Result<Evaluated<'r>, CaseError> {
    evaluate_into(model, case, harm, Vec::new())
}

/// [`evaluate`], the factors read into `factors` (emptied; a batch worker's, kept from one record
/// to the next, so that it seldom allocates).
pub(crate) fn evaluate_into<'r>(
    model: &'r Model,
    case: &Case,
    harm: Harm,
    mut factors: Vec<FactorOut<'r>>,
) -> Result<Evaluated<'r>, CaseError> {
    // (summed once, when the rules load)
    let total = model.total_weight;
    let mut score = Decimal::ZERO;
    let mut sum = model.weighted_scale.map(|top| WeightedSum {
        top,
        mantissa: 0,
        scale: 0,
    });
    // the unknown factors, as the set `model.widths` is indexed by (or, without that table, their
    // weight summed)
    let table = !model.widths.is_empty();
    let mut unknown_set = 0usize;
    let mut unknown_weight = Decimal::ZERO;
    // one FactorOut per factor, known in advance: no regrowth (each is a large struct)
    factors.clear();
    factors.reserve_exact(model.factors.len());
    let mut top: Option<(Decimal, &'r str)> = None;
    for (k, f) in model.factors.iter().enumerate() {
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
            if table {
                unknown_set |= 1 << k;
            } else {
                unknown_weight += f.weight;
            }
        }
        // weight × score and the pull from the default were worked out when the rules loaded;
        // a level with no pull above zero (the default's own, among others) has none
        match &mut sum {
            Some(sum) => sum.add(level),
            None => score += level.weighted,
        }
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
    if let Some(sum) = &sum {
        score = sum.total();
    }
    let positive = cmp_decimal_scaled(&total, &Decimal::ZERO) == Greater;
    let score = if positive {
        score / total
    } else {
        Decimal::ZERO
    };
    let score = score.round_dp(4);
    // (the table has an entry for every set of the model's factors)
    let width = if table {
        model.widths[unknown_set]
    } else {
        width(model, unknown_weight)
    };
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
    let shares = Placed {
        low: share(score - width),
        point: share(score),
        high: share(score + width),
    };
    Ok(Evaluated {
        score,
        width,
        shares,
        share_parts: share_parts(&shares),
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

/// `floor + (cap − floor) × share` for each share, by `Decimal`'s own `-`, `*` and `+`.
fn place_by_decimal(floor: Decimal, cap: Decimal, shares: &Placed) -> Placed {
    let span = cap - floor;
    let at = |s: Decimal| floor + span * s;
    Placed {
        low: at(shares.low),
        point: at(shares.point),
        high: at(shares.high),
    }
}

/// A decimal's mantissa when it is at least 0 and fits 64 bits (as `Decimal`'s cheaper paths take
/// it): a negative zero, whose sign `Decimal` carries, is not taken either.
#[inline]
fn small(d: Decimal) -> Option<u64> {
    if d.is_sign_negative() {
        return None;
    }
    u64::try_from(d.mantissa()).ok()
}

/// The three shares of [`Placed`] as (mantissa, scale), for [`place_on_mantissas`]: worked out
/// once for each case, where each is at least 0 and fits 64 bits (the shares are in [0, 1]).
pub(crate) type ShareParts = [(u64, u32); 3];

fn share_parts(shares: &Placed) -> Option<ShareParts> {
    let part = |d: Decimal| Some((small(d)?, d.scale()));
    Some([part(shares.low)?, part(shares.point)?, part(shares.high)?])
}

/// Two mantissas brought to the larger of their scales, or `None` where the scales are more than
/// 19 apart (where `Decimal` would take another path).
#[inline]
fn aligned(a: u64, sa: u32, b: u64, sb: u32) -> Option<(u128, u128, u32)> {
    let up = |m: u64, by: u32| Some(u128::from(m) * u128::from(*POW10_64.get(by as usize)?));
    Some(if sa >= sb {
        (u128::from(a), up(b, sa - sb)?, sa)
    } else {
        (up(a, sb - sa)?, u128::from(b), sb)
    })
}

/// [`place_by_decimal`] on the mantissas, where the band is at least 0, every figure fits
/// 64 bits, and every result is exact: the same values, scales and signs as `Decimal`'s `-`, `*`
/// and `+` give (each near a hundred instructions, three times for every band placed, and a
/// cross-province case places a band for every province), with their rules for a zero kept:
/// `x − 0` and `x + 0` are `x` as it is, `0 + x` is `x` as it is, and a product with a zero
/// factor is `Decimal::ZERO` (scale 0). `None` where any of that does not hold (a cap below the
/// floor, a span or product past 64 bits, a product past scale 28, scales more than 19 apart):
/// the caller then takes the decimals' own operators.
#[inline]
fn place_on_mantissas(floor: Decimal, cap: Decimal, shares: &ShareParts) -> Option<Placed> {
    let (mf, sf) = (small(floor)?, floor.scale());
    let (mc, sc) = (small(cap)?, cap.scale());
    // cap − floor: the cap itself from a zero floor; a zero cap above a floor that is not zero
    // would be negative (not taken here). (A span of 0 at any scale makes every product ZERO.)
    let (span, ss) = if mf == 0 {
        (mc, sc)
    } else if mc == 0 {
        return None;
    } else if sf == sc {
        (mc.checked_sub(mf)?, sc)
    } else {
        let (c, f, scale) = aligned(mc, sc, mf, sf)?;
        (u64::try_from(c.checked_sub(f)?).ok()?, scale)
    };
    // (the three shares in one loop, each figure written where it goes)
    let mut placed = [floor; 3];
    for (out, &(ms, s)) in placed.iter_mut().zip(shares) {
        // span × share: ZERO where either is 0, else exact at the two scales added; and
        // floor + ZERO is the floor (as set), 0 + ZERO is ZERO
        if span == 0 || ms == 0 {
            if mf == 0 {
                *out = Decimal::ZERO;
            }
            continue;
        }
        let mp = u64::try_from(u128::from(span) * u128::from(ms)).ok()?;
        let sp = ss + s;
        if sp > Decimal::MAX_SCALE {
            return None;
        }
        // floor + product: the product as it is from a zero floor
        let (m, scale) = if mf == 0 {
            (u128::from(mp), sp)
        } else {
            let (a, b, scale) = aligned(mf, sf, mp, sp)?;
            // (below 2^64 × 10^19 + 2^64: past 96 bits only where the scales are far apart)
            let sum = a + b;
            if sum >> 96 != 0 {
                return None;
            }
            (sum, scale)
        };
        *out = Decimal::from_parts(m as u32, (m >> 32) as u32, (m >> 64) as u32, false, scale);
    }
    let [low, point, high] = placed;
    Some(Placed { low, point, high })
}

impl Evaluated<'_> {
    /// Places the point and range inside `[floor, cap]`.
    #[inline]
    pub fn place(&self, floor: Decimal, cap: Decimal) -> Placed {
        // (every placed band comes here, a cross-province case's once for every province: the
        // same result on the mantissas where they fit, else Decimal's own operators)
        self.share_parts
            .and_then(|parts| place_on_mantissas(floor, cap, &parts))
            .unwrap_or_else(|| place_by_decimal(floor, cap, &self.shares))
    }

    /// The tier the score picks among `n` (at least one) tiers, for a case that names no
    /// severity: `⌊score × n⌋` as a usize (0 where that is not one, as for a negative score),
    /// at most `n − 1`. On the mantissa where the score is at least 0 and fits 64 bits (the
    /// floor of a quotient of whole numbers at least 0 is the quotient), else by `Decimal`'s
    /// own `*` and `floor`: every tiered rule a cross-province case reaches asks.
    pub fn tier_index(&self, n: usize) -> usize {
        let on_mantissa = || -> Option<usize> {
            let m = small(self.score)?;
            let p = POW10_64.get(self.score.scale() as usize)?;
            let q = u128::from(m) * u128::try_from(n).ok()? / u128::from(*p);
            // (a quotient past usize is no usize: 0, as Decimal's conversion gives)
            Some(usize::try_from(q).unwrap_or(0))
        };
        let i = on_mantissa().unwrap_or_else(|| {
            let i = (self.score * Decimal::from(n as u32)).floor();
            i.try_into().unwrap_or(0)
        });
        i.min(n - 1)
    }

    /// The arithmetic of [`Evaluated::place`], for the trace:
    /// `{floor} + ({cap} − {floor}) × {score} = {point}; ± {width} → {low} – {high}`.
    /// Written with push_plain rather than format!: every placed band has this step, and the
    /// seven numbers as Strings of their own were most of its cost. (The floor's digits, written
    /// twice, are written once and copied; the three figures are rounded on their mantissas.)
    pub fn place_text(&self, floor: Decimal, cap: Decimal, p: &Placed) -> String {
        let mut t = String::with_capacity(96);
        push_plain(&mut t, floor);
        let floor_end = t.len();
        t.push_str(" + (");
        push_plain(&mut t, cap);
        t.push_str(" − ");
        t.extend_from_within(..floor_end);
        t.push_str(") × ");
        push_plain(&mut t, self.score);
        t.push_str(" = ");
        push_plain(&mut t, round_dp_even(p.point, 2));
        t.push_str("; ± ");
        push_plain(&mut t, self.width);
        t.push_str(" → ");
        push_plain(&mut t, round_dp_even(p.low, 2));
        t.push_str(" – ");
        push_plain(&mut t, round_dp_even(p.high, 2));
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleBase;
    use std::str::FromStr;

    /// The half-widths worked out when the rules load, by hand from national.toml's model: a base
    /// width of 0.1, 1 more per unit of unknown weight, and weights 0.2 (fault), 0.2
    /// (circumstances), 0.35 (consequence), 0.05 (gain), 0.1 and 0.1 (ability, living standard),
    /// 1.00 in all.
    #[test]
    fn the_half_width_of_each_set_of_unknown_factors_is_worked_out_when_the_rules_load() {
        let rb = RuleBase::embedded().unwrap();
        let m = rb.model();
        let ids: Vec<&str> = m.factors.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "fault",
                "circumstances",
                "consequence",
                "gain",
                "ability",
                "living_standard"
            ]
        );
        assert_eq!(m.widths.len(), 64);
        let dec = |s: &str| Decimal::from_str(s).unwrap();
        // every factor known: the base width as written, scale and all
        assert_eq!(m.widths[0].serialize(), dec("0.1").serialize());
        // all unknown: 0.1 + 1 × 1.00 / 1.00
        assert_eq!(m.widths[0b111111], dec("1.1"));
        // fault and consequence unknown: 0.1 + 0.55 / 1.00
        assert_eq!(m.widths[0b000101], dec("0.65"));
        // all but gain: 0.1 + 0.95 / 1.00, the ± 1.05 of a record that gives only the gain
        assert_eq!(m.widths[0b110111], dec("1.05"));
        // and each is what a case's own arithmetic gives for the same unknown weight, to the scale
        let mut by_case = m.clone();
        by_case.widths.clear();
        for set in 0..64 {
            let mut unknown = Decimal::ZERO;
            for (k, f) in m.factors.iter().enumerate() {
                if set & (1 << k) != 0 {
                    unknown += f.weight;
                }
            }
            assert_eq!(
                m.widths[set].serialize(),
                width(&by_case, unknown).serialize()
            );
        }
    }

    /// A band placed on the mantissas is placed as `Decimal`'s operators place it, value, scale
    /// and sign, for every pair of floor and cap and every three shares from a set with zeros at
    /// several scales, unequal scales, bands upside down and figures past 64 bits; and the common
    /// bands are placed on the mantissas at all. By hand: 1000 + (50000 − 1000) × 0.35 is
    /// 18150.00, at the scale of 0.35.
    #[test]
    fn a_band_placed_on_the_mantissas_is_placed_as_the_decimals_place_it() {
        let dec = |s: &str| Decimal::from_str(s).unwrap();
        let shares = |l: &str, p: &str, h: &str| Placed {
            low: dec(l),
            point: dec(p),
            high: dec(h),
        };
        let parts = |l: &str, p: &str, h: &str| share_parts(&shares(l, p, h));
        let p = place_on_mantissas(dec("1000"), dec("50000"), &parts("0", "0.35", "1").unwrap())
            .expect("a common band");
        assert_eq!(p.point.to_string(), "18150.00");
        assert_eq!(p.low.to_string(), "1000");
        assert_eq!(p.high.to_string(), "50000");
        // a zero floor at a scale: 0 + x is x, at x's scale (and 0 × share is ZERO, scale 0)
        let p =
            place_on_mantissas(dec("0.00"), dec("0"), &parts("0.5", "0", "1").unwrap()).unwrap();
        assert_eq!(p.point.serialize(), Decimal::ZERO.serialize());
        let figures = [
            "0",
            "0.00",
            "-0",
            "1",
            "1.0",
            "500",
            "1000",
            "1000.000",
            "50000",
            "0.3",
            "12.345",
            "-5",
            "99999999999",
            "18446744073709551615",
            "18446744073709551616",
            "1000000000000000000",
            "0.0000000000000000000000000001",
            "79228162514264337593543950335",
        ];
        let fractions = [
            "0",
            "0.0000",
            "-0",
            "1",
            "0.35",
            "0.0001",
            "0.5",
            "0.9999",
            "0.12345678901234567890",
            "0.00000000000000000000000001",
        ];
        let mut exact = 0;
        for f in figures {
            for c in figures {
                for l in fractions {
                    for h in fractions {
                        let s = shares(l, "0.35", h);
                        let (floor, cap) = (dec(f), dec(c));
                        // (Decimal's own operators panic on an overflow where these say None,
                        // and give what these give otherwise: not a case to compare)
                        let at =
                            |x: Decimal| floor.checked_add(cap.checked_sub(floor)?.checked_mul(x)?);
                        // (a negative share is never made: the shares are clamped to [0, 1])
                        let Some(parts) = share_parts(&s) else {
                            continue;
                        };
                        let on_mantissas = place_on_mantissas(floor, cap, &parts);
                        let (Some(low), Some(point), Some(high)) =
                            (at(s.low), at(s.point), at(s.high))
                        else {
                            assert_eq!(on_mantissas, None);
                            continue;
                        };
                        let by_decimal = Placed { low, point, high };
                        assert_eq!(by_decimal, place_by_decimal(floor, cap, &s));
                        if let Some(p) = on_mantissas {
                            for (a, b) in [
                                (p.low, by_decimal.low),
                                (p.point, by_decimal.point),
                                (p.high, by_decimal.high),
                            ] {
                                assert_eq!(
                                    a.serialize(),
                                    b.serialize(),
                                    "{f} {c} {l} {h}: {a} {b}"
                                );
                            }
                            exact += 1;
                        }
                    }
                }
            }
        }
        // and the comparison is not empty: 6,818 of the 32,400 are placed on the mantissas (the
        // rest have a negative figure, a cap below the floor, or a product past scale 28 or
        // 64 bits)
        assert_eq!(exact, 6818);
    }

    /// The tier a score picks on its mantissa is the one `Decimal`'s `*` and `floor` pick, for
    /// scores from 0 to 1 at scales 0 to 4 and a few beyond (negative, past 64 bits, at scale
    /// 28), among 1 to 6 tiers. By hand: 0.5 of 4 tiers is the third (index 2), 0.4999 the
    /// second, 1 the last.
    #[test]
    fn the_tier_a_score_picks_on_its_mantissa_is_the_decimals() {
        let rb = RuleBase::embedded().unwrap();
        let case = Case::default();
        let with_score = |score: Decimal| {
            let mut e = evaluate(rb.model(), &case, Harm::Personality).unwrap();
            e.score = score;
            e
        };
        let dec = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(with_score(dec("0.5")).tier_index(4), 2);
        assert_eq!(with_score(dec("0.4999")).tier_index(4), 1);
        assert_eq!(with_score(dec("1")).tier_index(4), 3);
        assert_eq!(with_score(dec("0")).tier_index(4), 0);
        let by_decimal = |score: Decimal, n: usize| {
            let i = (score * Decimal::from(n as u32)).floor();
            let i: usize = i.try_into().unwrap_or(0);
            i.min(n - 1)
        };
        let mut scores: Vec<Decimal> = Vec::new();
        for scale in 0..=4 {
            for m in 0..=10i64.pow(scale) {
                scores.push(Decimal::new(m, scale));
            }
        }
        for s in [
            "-0.25",
            "-1",
            "3.7",
            "18446744073709551616",
            "0.0000000000000000000000000001",
        ] {
            scores.push(dec(s));
        }
        for score in scores {
            let e = with_score(score);
            for n in 1..=6 {
                assert_eq!(e.tier_index(n), by_decimal(score, n), "{score} {n}");
            }
        }
    }

    /// The same on figures like a rule base's and a model's, drawn at random (a fixed seed):
    /// bands of whole or fractional yuan at scales 0 to 6, sometimes upside down or of zero
    /// width, and shares of at most four decimals, sometimes 0 or 1.
    #[test]
    fn random_bands_placed_on_the_mantissas_are_placed_as_the_decimals_place_them() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let mut exact = 0;
        for _ in 0..200_000 {
            let mut figure = || {
                let m = match next(4) {
                    0 => next(10),
                    1 => next(100_000),
                    2 => next(10_000_000_000),
                    _ => next(u64::MAX),
                };
                Decimal::from_i128_with_scale(i128::from(m), next(7) as u32)
            };
            let (floor, mut cap) = (figure(), figure());
            if next(8) == 0 {
                cap = floor;
            }
            let mut share = || match next(6) {
                0 => Decimal::ZERO,
                1 => Decimal::ONE,
                _ => Decimal::from_i128_with_scale(i128::from(next(10_001)), next(5) as u32),
            };
            let s = Placed {
                low: share(),
                point: share(),
                high: share(),
            };
            let Some(p) = place_on_mantissas(floor, cap, &share_parts(&s).unwrap()) else {
                continue;
            };
            let q = place_by_decimal(floor, cap, &s);
            for (a, b) in [(p.low, q.low), (p.point, q.point), (p.high, q.high)] {
                assert_eq!(a.serialize(), b.serialize(), "{floor} {cap} {s:?}: {a} {b}");
            }
            exact += 1;
        }
        // (74,557 of them: the rest are upside down or past 64 bits)
        assert!(exact > 70_000, "{exact}");
    }

    /// Every level of each factor, in turn: the sums `WeightedSum` makes of the weighted scores
    /// against `+=` on the decimals, value, scale and sign.
    fn every_sum_is_the_decimals(m: &Model) -> usize {
        let top = m.weighted_scale.expect("the mantissas fit");
        let mut choice = vec![0usize; m.factors.len()];
        let mut sums = 0;
        loop {
            let mut by_decimal = Decimal::ZERO;
            let mut by_mantissa = WeightedSum {
                top,
                mantissa: 0,
                scale: 0,
            };
            for (f, &i) in m.factors.iter().zip(&choice) {
                by_decimal += f.levels[i].weighted;
                by_mantissa.add(&f.levels[i]);
            }
            assert_eq!(
                by_mantissa.total().serialize(),
                by_decimal.serialize(),
                "{choice:?}: {by_decimal}"
            );
            sums += 1;
            // the next choice, as an odometer turns
            let mut k = 0;
            loop {
                if k == choice.len() {
                    return sums;
                }
                choice[k] += 1;
                if choice[k] < m.factors[k].levels.len() {
                    break;
                }
                choice[k] = 0;
                k += 1;
            }
        }
    }

    /// The weighted scores added on their mantissas give what `+=` gives: for every case of the
    /// shipped model (the largest scale of its weighted scores is 4: 0.35 × 0.25 = 0.0875, by
    /// hand), and of one with zero weights and scores and scales from 0 to 7.
    #[test]
    fn the_weighted_scores_added_on_their_mantissas_are_the_decimals_sum() {
        let rb = RuleBase::embedded().unwrap();
        let m = rb.model();
        assert_eq!(m.weighted_scale, Some(4));
        assert_eq!(every_sum_is_the_decimals(m), 4 * 4 * 4 * 3 * 3 * 3);
        let dec = |s: &str| Decimal::from_str(s).unwrap();
        let mut odd = m.clone();
        let weights = ["0.125", "0", "3", "0.5", "1.0", "0.01"];
        let scores = ["0", "0.000", "1", "0.3333", "0.50", "1.00"];
        for (f, w) in odd.factors.iter_mut().zip(weights) {
            f.weight = dec(w);
            for (l, s) in f
                .levels
                .iter_mut()
                .zip(scores.iter().cycle().skip(f.id.len()))
            {
                l.score = dec(s);
                l.weighted = f.weight * l.score;
            }
        }
        odd.weighted_scale = weighted_at(&mut odd);
        assert!(odd.weighted_scale.is_some());
        every_sum_is_the_decimals(&odd);
        // a weighted score past 64 bits at the largest scale: no mantissas, and nothing written
        let mut wide = m.clone();
        wide.factors[0].levels[0].weighted = dec("0.0000000000000000000001");
        assert_eq!(weighted_at(&mut wide), None);
    }
}
