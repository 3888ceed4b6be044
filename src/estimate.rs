//! The output: one estimate — range, point, band, ordered steps, citations with status, notes.
//!
//! Every user-visible sentence is held in both languages ([`Text`]); the renderers pick one.
//! Amounts are exact decimals, rounded once at the end of the calculation.
//!
//! An estimate borrows the rule base's text — titles, issuers, articles, status notes, factor and
//! tier labels — rather than copying it (`Estimate<'r>` lives as long as the `&'r RuleBase` it was
//! computed from): most of a batch record's bytes are that text, and copying it for every case was
//! the largest share of the calculation's allocations.

use crate::case::{Context, Harm};
use crate::date::Date;
use crate::i18n::Text;
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

/// One step of the arithmetic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step<'r> {
    /// the rule id (or `model` for the tool's model)
    pub rule: Cow<'r, str>,
    /// what the step does
    pub label: Text<'r>,
    /// the arithmetic, e.g. `100000 × 0.4 × 0.5 = 20000`
    pub text: String,
    /// the amount it yields, if any
    pub amount: Option<Decimal>,
    /// the provision it rests on (or the tool's model)
    pub citation: Text<'r>,
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
    pub notes: Vec<Text<'r>>,
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
