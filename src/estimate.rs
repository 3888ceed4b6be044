//! The output: one estimate — range, point, band, ordered steps, citations with status, notes.
//!
//! Every user-visible sentence is held in both languages ([`Text`]); the renderers pick one.
//! The cross-province reference's steps are the exception: they hold their figures, and are
//! written in the report's language when it is written ([`StepBody`]).
//! Amounts are exact decimals, rounded once at the end of the calculation.
//!
//! An estimate borrows the rule base's text — titles, issuers, articles, status notes, factor and
//! tier labels — rather than copying it (`Estimate<'r>` lives as long as the `&'r RuleBase` it was
//! computed from): most of a batch record's bytes are that text, and copying it for every case was
//! the largest share of the calculation's allocations.

use crate::case::{Context, Harm};
use crate::date::Date;
use crate::error::CaseError;
use crate::i18n::{Lang, Text};
use crate::money::Decimal;
use crate::rules::schema::Status;
use std::borrow::Cow;

/// The estimated amount: `high` is `None` when the rule lifts the cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    pub low: Decimal,
    pub point: Decimal,
    pub high: Option<Decimal>,
}

/// The band the rule sets: `cap` is `None` when there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BandOut {
    pub floor: Decimal,
    pub cap: Option<Decimal>,
}

/// Where the figures came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// the province's own rule for this harm and context
    Local,
    /// the province's civil rule, for a traffic or medical case it has no rule of its own for
    LocalCivil,
    /// the national rules (the province has none for this case)
    National,
    /// no provision gives a figure: the range the provincial standards span
    CrossProvince,
    /// the law gives nothing here
    Refusal,
}

impl Basis {
    pub fn code(self) -> &'static str {
        match self {
            Basis::Local => "local",
            Basis::LocalCivil => "local-civil",
            Basis::National => "national",
            Basis::CrossProvince => "cross-province",
            Basis::Refusal => "refusal",
        }
    }
}

/// A note on the estimate: most are sentences in both languages; the cross-province
/// reference's note on a province's rule it left out keeps the rule and the error, and a report
/// writes the sentence in its one language (the error's message is worked out for that language
/// alone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note<'r> {
    /// the note in both languages
    Written(Text<'r>),
    /// the cross-province reference left out a province's rule, which could not be applied to
    /// the case: `跨省参考未计入 {rule}：{message}` / `The cross-province reference leaves out
    /// {rule}: {message}`, the message being the error's ([`CaseError::message`])
    LeftOut {
        /// the rule's id
        rule: &'r str,
        /// why it could not be applied
        error: Box<CaseError>,
    },
}

impl<'r> From<Text<'r>> for Note<'r> {
    fn from(t: Text<'r>) -> Note<'r> {
        Note::Written(t)
    }
}

impl Note<'_> {
    /// The note in `lang`: borrowed where it was written out, written here otherwise.
    pub fn get(&self, lang: Lang) -> Cow<'_, str> {
        match self {
            Note::Written(t) => Cow::Borrowed(t.get(lang)),
            Note::LeftOut { .. } => {
                let mut s = String::with_capacity(160);
                self.write(lang, &mut s);
                Cow::Owned(s)
            }
        }
    }

    /// Appends [`Note::get`] to `out`.
    pub(crate) fn write(&self, lang: Lang, out: &mut impl Sink) {
        match self {
            Note::Written(t) => out.text(t.get(lang)),
            Note::LeftOut { rule, error } => {
                out.fixed(match lang {
                    Lang::Zh => "跨省参考未计入 ",
                    Lang::En => "The cross-province reference leaves out ",
                });
                out.text(rule);
                out.fixed(match lang {
                    Lang::Zh => "：",
                    Lang::En => ": ",
                });
                error.write_message(lang, out);
            }
        }
    }
}

/// One step of the arithmetic.
///
/// Its label (what the step does) and its text (the arithmetic) are read with [`Step::label`]
/// and [`Step::text`], whichever form [`Step::body`] holds them in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step<'r> {
    /// the rule id (or `model` for the tool's model)
    pub rule: Cow<'r, str>,
    /// the label and the arithmetic, as sentences or as the figures they are written from
    pub body: StepBody<'r>,
    /// the amount it yields, if any
    pub amount: Option<Decimal>,
    /// the provision it rests on (or the tool's model)
    pub citation: Text<'r>,
}

/// What a step says. Most steps are written out when they are made; the cross-province
/// reference's steps keep their figures, and a report writes their sentences in the one
/// language it is in: such a case has a step for every province, and writing each of them in
/// both languages, for a report that shows one, was a large part of the case's cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepBody<'r> {
    /// the label in both languages, and the arithmetic (the same in both), e.g.
    /// `100000 × 0.4 × 0.5 = 20000`
    Written { label: Text<'r>, text: String },
    /// one province's figures in the cross-province reference: labelled
    /// `安徽省：参考幅度，估算 2660` / `Anhui: reference band, point 2660`, with the text
    /// `1000 – 5000 → 1000 – 5000` (the band, then the range)
    Province(ProvinceFigures<'r>),
    /// the cross-province reference's range and point, from all the provinces' figures: the
    /// text is `{low} – {high} → {point}`, and the label says how they were found
    CrossProvince(CrossProvinceFigures),
}

/// One province's figures in the cross-province reference, as its own rule gave them on the
/// case's facts. The figures are not rounded (the step's amount is this point); the step shows
/// each rounded to whole yuan, inside the band. Only an estimate makes them: two fields are the
/// crate's own, what the JSON writer may copy without a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProvinceFigures<'r> {
    /// the province's name in Chinese (its rule file's jurisdiction id where the rule base has
    /// no region for it)
    pub name_zh: &'r str,
    /// the province's name in English (or the jurisdiction id, as `name_zh`)
    pub name_en: &'r str,
    pub low: Decimal,
    pub point: Decimal,
    /// `None` when the rule lifts the cap
    pub high: Option<Decimal>,
    /// the band the province's rule set, after any modifier that changed it
    pub floor: Decimal,
    /// `None` when the band has no cap
    pub cap: Option<Decimal>,
    /// the band's text, `{floor} – {cap}`, as the rules wrote it when they loaded, where floor
    /// and cap are exactly one of the rule's own bands (the same digits): it is copied rather
    /// than written again. `None` where a modifier changed them. Only the tool sets it, from
    /// digits of its own, so the JSON writer copies it without looking for anything to escape.
    pub(crate) band_text: Option<&'r str>,
    /// the names are a region's, which hold nothing JSON escapes (as the rules found when they
    /// loaded): the JSON writer copies them as they are
    pub(crate) names_plain: bool,
}

impl ProvinceFigures<'_> {
    /// The range is the band itself, whose floor and cap are whole yuan written without decimals:
    /// rounded to yuan inside the band, its ends are then the band's own digits.
    fn range_is_whole_band(&self) -> bool {
        self.floor.scale() == 0
            && self.cap.is_none_or(|c| c.scale() == 0)
            && self.low == self.floor
            && self.high == self.cap
    }
}

/// The cross-province reference's figures, before rounding: the lowest low and the highest high
/// of the provinces' ranges, the median of their points, and the widest band they span. The
/// step shows low, high and point rounded to whole yuan inside that band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CrossProvinceFigures {
    pub low: Decimal,
    pub point: Decimal,
    /// `None` when some province's rule lifts the cap
    pub high: Option<Decimal>,
    pub floor: Decimal,
    /// `None` when some province's band has no cap
    pub cap: Option<Decimal>,
}

/// Where a step's sentences are written to: a `String`, or the JSON writer's byte buffer (which
/// escapes what comes from the rule base or the case, and copies the rest as it is).
pub(crate) trait Sink {
    /// Text known to hold nothing JSON escapes (no `"`, `\` or control character): the tool's
    /// own words, a band's text it wrote when the rules loaded, a name the rules were found to
    /// hold none in when they loaded.
    fn fixed(&mut self, s: &str);
    /// Text from the rule base or the case: a name, an error's message.
    fn text(&mut self, s: &str);
    /// A figure's plain digits.
    fn number(&mut self, d: Decimal);
    /// A whole number's digits.
    fn whole(&mut self, n: i64);
}

impl Sink for String {
    fn fixed(&mut self, s: &str) {
        self.push_str(s);
    }

    fn text(&mut self, s: &str) {
        self.push_str(s);
    }

    fn number(&mut self, d: Decimal) {
        crate::money::push_plain(self, d);
    }

    fn whole(&mut self, n: i64) {
        self.push_str(itoa::Buffer::new().format(n));
    }
}

/// A figure rounded for a step, as the estimate's own amount is rounded: to whole yuan, inside
/// the band. Where the band's floor and cap are whole numbers of scale 0 (most are), rounding
/// cannot pass either of them (see [`crate::calc::yuan_in_band`]), and the whole number is
/// written from the rounded mantissa without making a decimal of it and taking that apart again
/// for its digits: a cross-province case shows three figures for every province.
fn write_shown(out: &mut impl Sink, x: Decimal, floor: Decimal, cap: Option<Decimal>) {
    if floor.scale() == 0 && cap.is_none_or(|c| c.scale() == 0) {
        if let Some(q) = crate::money::round_yuan_i64(x) {
            out.whole(q);
            return;
        }
    }
    out.number(crate::calc::yuan_in_band(x, floor, cap));
}

/// A name from the rule base: copied as it is where the rules found it holds nothing to escape.
fn name(out: &mut impl Sink, s: &str, plain: bool) {
    if plain {
        out.fixed(s);
    } else {
        out.text(s);
    }
}

/// A band as the steps show it, its figures as they are: `500 – 50000`, `1000 – ∞`.
pub(crate) fn write_band(out: &mut impl Sink, floor: Decimal, cap: Option<Decimal>) {
    out.number(floor);
    out.fixed(" – ");
    match cap {
        Some(c) => out.number(c),
        None => out.fixed("∞"),
    }
}

/// `{low} – {high}` (or `– ∞`), each rounded for the step.
fn range(
    out: &mut impl Sink,
    low: Decimal,
    high: Option<Decimal>,
    floor: Decimal,
    cap: Option<Decimal>,
) {
    write_shown(out, low, floor, cap);
    out.fixed(" – ");
    match high {
        Some(h) => write_shown(out, h, floor, cap),
        None => out.fixed("∞"),
    }
}

impl<'r> Step<'r> {
    /// What the step does, in `lang`: borrowed where the step was written out, written here for
    /// the cross-province reference's steps.
    pub fn label(&self, lang: Lang) -> Cow<'_, str> {
        match &self.body {
            StepBody::Written { label, .. } => Cow::Borrowed(label.get(lang)),
            _ => {
                let mut s = String::with_capacity(64);
                self.write_label(lang, &mut s);
                Cow::Owned(s)
            }
        }
    }

    /// The step's arithmetic (the same in both languages), e.g. `100000 × 0.4 × 0.5 = 20000`.
    pub fn text(&self) -> Cow<'_, str> {
        match &self.body {
            StepBody::Written { text, .. } => Cow::Borrowed(text),
            _ => {
                let mut s = String::with_capacity(48);
                self.write_text(&mut s);
                Cow::Owned(s)
            }
        }
    }

    /// Appends [`Step::label`] to `out`.
    pub(crate) fn write_label(&self, lang: Lang, out: &mut impl Sink) {
        match &self.body {
            StepBody::Written { label, .. } => out.text(label.get(lang)),
            StepBody::Province(p) => {
                match lang {
                    Lang::Zh => {
                        name(out, p.name_zh, p.names_plain);
                        out.fixed("：参考幅度，估算 ");
                    }
                    Lang::En => {
                        name(out, p.name_en, p.names_plain);
                        out.fixed(": reference band, point ");
                    }
                }
                write_shown(out, p.point, p.floor, p.cap);
            }
            StepBody::CrossProvince(c) => {
                out.fixed(match lang {
                    Lang::Zh => "跨省参考：各省区间的最低至最高为 ",
                    Lang::En => "cross-province reference: ",
                });
                range(out, c.low, c.high, c.floor, c.cap);
                out.fixed(match lang {
                    Lang::Zh => "，估算值取各省估算值的中位数 ",
                    Lang::En => ", lowest to highest of the provincial ranges; the point is the median of their points, ",
                });
                write_shown(out, c.point, c.floor, c.cap);
                out.fixed(match lang {
                    Lang::Zh => "（工具模型）",
                    Lang::En => " (the tool's model)",
                });
            }
        }
    }

    /// Appends [`Step::text`] to `out`.
    pub(crate) fn write_text(&self, out: &mut impl Sink) {
        match &self.body {
            StepBody::Written { text, .. } => out.text(text),
            StepBody::Province(p) => match p.band_text {
                Some(t) => {
                    out.fixed(t);
                    out.fixed(" → ");
                    // a range that is the whole band, of whole yuan, shows as the band does (most
                    // provinces' ranges, where the case leaves the factors unknown): its text again
                    if p.range_is_whole_band() {
                        out.fixed(t);
                    } else {
                        range(out, p.low, p.high, p.floor, p.cap);
                    }
                }
                None => {
                    write_band(out, p.floor, p.cap);
                    out.fixed(" → ");
                    range(out, p.low, p.high, p.floor, p.cap);
                }
            },
            StepBody::CrossProvince(c) => {
                range(out, c.low, c.high, c.floor, c.cap);
                out.fixed(" → ");
                write_shown(out, c.point, c.floor, c.cap);
            }
        }
    }
}

/// Where in the rule base a part of an estimate was made from, for the JSON writer to copy that
/// part's JSON rendered when the rules loaded. Not part of the estimate's value: two estimates
/// whose fields are equal are equal, wherever they came from.
#[derive(Clone, Copy)]
pub(crate) struct Origin<T>(pub(crate) Option<T>);

impl<T> PartialEq for Origin<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> Eq for Origin<T> {}

impl<T> std::fmt::Debug for Origin<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Origin")
    }
}

/// A provision the estimate rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation<'r> {
    pub source: &'r str,
    pub document: &'r str,
    pub document_en: &'r str,
    pub issuer: &'r str,
    pub issuer_en: &'r str,
    pub number: Option<&'r str>,
    pub date: Option<&'r str>,
    pub article: &'r str,
    pub status: Status,
    pub status_note: Text<'r>,
    pub superseded_by: Option<&'r str>,
    /// the day the source took effect, where the rule base records it
    pub effective: Option<Date>,
    /// where it does not: the earliest day the document can date from ([`crate::rules::schema::Source::earliest`])
    pub earliest: Option<Date>,
    /// the source it was made from: the JSON writer copies the source's part of the citation,
    /// rendered when the rules load, wherever the fields above are still that source's own
    pub(crate) from: Origin<&'r crate::rules::schema::Source>,
}

/// One factor as the tool's model read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactorOut<'r> {
    pub id: &'r str,
    pub label: Text<'r>,
    pub level: &'r str,
    pub level_label: Text<'r>,
    pub score: Decimal,
    pub weight: Decimal,
    /// given by the case (true) or assumed / derived (false)
    pub known: bool,
    /// how the level was found when not given
    pub derived_from: Option<Cow<'r, str>>,
    /// the factor and level it was made from: the JSON writer copies their part of the factor,
    /// rendered when the rules load, wherever the fields above are still theirs
    pub(crate) from: Origin<(
        &'r crate::rules::schema::Factor,
        &'r crate::rules::schema::Level,
    )>,
}

/// The tool's six-factor model as applied (not law).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelOut<'r> {
    pub label: Text<'r>,
    pub score: Decimal,
    pub width: Decimal,
    pub factors: Vec<FactorOut<'r>>,
    /// the factor that moved the point furthest from the ordinary case
    pub top_factor: Option<&'r str>,
}

/// The criminal classification of a personal-information case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criminal<'r> {
    /// `none`, `serious` or `especially-serious`
    pub tier: Cow<'r, str>,
    pub label: Text<'r>,
    pub sentence: Option<Text<'r>>,
    pub citation: Text<'r>,
    pub reasons: Vec<Text<'r>>,
}

/// The named tier the estimate used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierOut<'r> {
    pub name: &'r str,
    pub label: Text<'r>,
    /// chosen by the tool's model rather than named by the case
    pub derived: bool,
    /// all the tiers the rule offers, as (name, label)
    pub offered: Vec<(&'r str, Text<'r>)>,
}

/// A complete estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate<'r> {
    pub id: Option<String>,
    /// the region id the case named (e.g. `shanghai`), even when its rules came from elsewhere
    pub jurisdiction: &'r str,
    pub jurisdiction_name: Text<'r>,
    pub harm: Harm,
    pub context: Context,
    /// the date whose rules were applied
    pub date: Date,
    /// whether the case gave that date (else it is today's, and the text report says so)
    pub date_given: bool,
    pub amount: Amount,
    pub band: BandOut,
    pub basis: Basis,
    /// the rule that set the figures; `cross-province` for the cross-province reference (its steps
    /// name each province's rule)
    pub rule: Cow<'r, str>,
    /// the status of that rule (its own, or its source's), when one rule set the figures: the
    /// text report says a practice reference is one (its JSON is in `citations`)
    pub rule_status: Option<Status>,
    pub tier: Option<TierOut<'r>>,
    pub steps: Vec<Step<'r>>,
    pub citations: Vec<Citation<'r>>,
    /// what the reader should know besides the figures; each is read with [`Note::get`]
    pub notes: Vec<Note<'r>>,
    pub model: Option<ModelOut<'r>>,
    pub criminal: Option<Criminal<'r>>,
}

impl Estimate<'_> {
    /// The distinct statuses of the sources used, in citation order.
    pub fn statuses(&self) -> Vec<Status> {
        let mut v: Vec<Status> = Vec::new();
        for c in &self.citations {
            if !v.contains(&c.status) {
                v.push(c.status);
            }
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn step(body: StepBody<'_>) -> Step<'_> {
        Step {
            rule: Cow::Borrowed("r"),
            body,
            amount: None,
            citation: Text::same(""),
        }
    }

    /// A province step named `x`: its range (low, point, high), its band (floor, cap) and the
    /// rule's text of that band, if any.
    fn province<'a>(
        (low, point, high): (&str, &str, Option<&str>),
        (floor, cap): (&str, Option<&str>),
        band_text: Option<&'a str>,
    ) -> Step<'a> {
        step(StepBody::Province(ProvinceFigures {
            name_zh: "x",
            name_en: "x",
            low: d(low),
            point: d(point),
            high: high.map(d),
            floor: d(floor),
            cap: cap.map(d),
            band_text,
            names_plain: false,
        }))
    }

    #[test]
    fn a_province_step_is_written_from_its_figures_in_either_language() {
        // the rule's own band text; the point 2660.4 shows as 2660
        let s = step(StepBody::Province(ProvinceFigures {
            name_zh: "安徽省",
            name_en: "Anhui",
            low: d("1000"),
            point: d("2660.4"),
            high: Some(d("5000")),
            floor: d("1000"),
            cap: Some(d("5000")),
            band_text: Some("1000 – 5000"),
            names_plain: true,
        }));
        assert_eq!(s.label(Lang::Zh), "安徽省：参考幅度，估算 2660");
        assert_eq!(s.label(Lang::En), "Anhui: reference band, point 2660");
        assert_eq!(s.text(), "1000 – 5000 → 1000 – 5000");

        // no band text of the rule's: the band from its figures; no cap, no high; half up
        let s = province(("1500.5", "2000.25", None), ("1000", None), None);
        assert_eq!(s.label(Lang::En), "x: reference band, point 2000");
        assert_eq!(s.text(), "1000 – ∞ → 1501 – ∞");

        // a cap with decimals: half up would pass it, so the high shows rounded down
        let range = ("0", "43209.95", Some("43209.95"));
        let s = province(range, ("0", Some("43209.95")), None);
        assert_eq!(s.label(Lang::Zh), "x：参考幅度，估算 43209");
        assert_eq!(s.text(), "0 – 43209.95 → 0 – 43209");
        // the same with the rule's band text: the range is the band, but its cap has decimals,
        // so its high is still rounded, not the band's text copied
        let s = province(range, ("0", Some("43209.95")), Some("0 – 43209.95"));
        assert_eq!(s.text(), "0 – 43209.95 → 0 – 43209");

        // a range that is the band, its low written with decimals: the band's text again
        let band = ("1000", Some("3000"));
        let s = province(("1000.00", "1830", Some("3000")), band, Some("1000 – 3000"));
        assert_eq!(s.text(), "1000 – 3000 → 1000 – 3000");
        // not the band: a high below the cap is written from its figure (2999.5 half up is
        // 3000, the cap; 2500.4 is 2500)
        let s = province(("1000", "1830", Some("2999.5")), band, Some("1000 – 3000"));
        assert_eq!(s.text(), "1000 – 3000 → 1000 – 3000");
        let s = province(("1000", "1830", Some("2500.4")), band, Some("1000 – 3000"));
        assert_eq!(s.text(), "1000 – 3000 → 1000 – 2500");
        // no cap and no high: the band's text again
        let s = province(("500", "500", None), ("500", None), Some("500 – ∞"));
        assert_eq!(s.text(), "500 – ∞ → 500 – ∞");
    }

    #[test]
    fn the_cross_province_summary_is_written_from_its_figures() {
        let s = step(StepBody::CrossProvince(CrossProvinceFigures {
            low: d("1000"),
            point: d("12345.5"),
            high: Some(d("50000")),
            floor: d("500"),
            cap: Some(d("50000")),
        }));
        assert_eq!(
            s.label(Lang::Zh),
            "跨省参考：各省区间的最低至最高为 1000 – 50000，估算值取各省估算值的中位数 12346（工具模型）"
        );
        assert_eq!(
            s.label(Lang::En),
            "cross-province reference: 1000 – 50000, lowest to highest of the provincial ranges; the point is the median of their points, 12346 (the tool's model)"
        );
        assert_eq!(s.text(), "1000 – 50000 → 12346");
        let s = step(StepBody::CrossProvince(CrossProvinceFigures {
            low: d("0"),
            point: d("7"),
            high: None,
            floor: d("0"),
            cap: None,
        }));
        assert_eq!(s.text(), "0 – ∞ → 7");
    }

    #[test]
    fn a_figure_shown_from_its_whole_number_is_the_figure_rounded_in_its_band() {
        // worked by hand: half up, away from zero
        for (x, shown) in [
            ("-2.5", "-3"),
            ("-0.4", "0"),
            ("0", "0"),
            ("0.5", "1"),
            ("1.49", "1"),
            ("2660.4", "2660"),
            ("99999999999999.5", "100000000000000"),
        ] {
            let mut s = String::new();
            write_shown(&mut s, d(x), d("0"), None);
            assert_eq!(s, shown, "{x}");
        }
        // and as the 96-bit rounding in the band has it, on either path (a scale past 18, a
        // mantissa past 64 bits, a floor or cap with decimals)
        for x in [
            "-2.5",
            "0.5",
            "1000.5",
            "43209.95",
            "1.0000000000000000005",
            "79228162514264337593543950335",
        ] {
            for (floor, cap) in [
                ("0", None),
                ("0", Some("50000")),
                ("1000.5", Some("43209.95")),
                ("0", Some("1000.0")),
            ] {
                let (x, floor, cap) = (d(x), d(floor), cap.map(d));
                let mut s = String::new();
                write_shown(&mut s, x, floor, cap);
                let mut slow = String::new();
                crate::money::push_plain(&mut slow, crate::calc::yuan_in_band(x, floor, cap));
                assert_eq!(s, slow, "{x} in {floor} – {cap:?}");
            }
        }
    }

    #[test]
    fn a_rule_left_out_is_noted_with_its_error_in_either_language() {
        let n = Note::LeftOut {
            rule: "anhui-civil",
            error: Box::new(CaseError::missing(
                "annual_income",
                Text::new("该规则按收入计算", "the rule counts income"),
            )),
        };
        assert_eq!(
            n.get(Lang::Zh),
            "跨省参考未计入 anhui-civil：缺少字段 `annual_income`：该规则按收入计算"
        );
        assert_eq!(
            n.get(Lang::En),
            "The cross-province reference leaves out anhui-civil: missing `annual_income`: the rule counts income"
        );
        let n = Note::from(Text::new("注", "note"));
        assert!(matches!(n.get(Lang::En), Cow::Borrowed("note")));
    }

    #[test]
    fn a_written_step_is_borrowed() {
        let s = step(StepBody::Written {
            label: Text::new("标签", "label"),
            text: "1 + 1 = 2".to_string(),
        });
        assert!(matches!(s.label(Lang::Zh), Cow::Borrowed("标签")));
        assert!(matches!(s.label(Lang::En), Cow::Borrowed("label")));
        assert!(matches!(s.text(), Cow::Borrowed("1 + 1 = 2")));
    }
}
