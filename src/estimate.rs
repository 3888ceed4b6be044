//! The output: one estimate — range, point, band, ordered steps, citations with status, notes.
//!
//! Every user-visible sentence is held in both languages ([`Text`]); the renderers pick one.
//! Amounts are exact decimals, rounded once at the end of the calculation.

use crate::case::{Context, Harm};
use crate::date::Date;
use crate::i18n::Text;
use crate::money::Decimal;
use crate::rules::schema::Status;

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
pub struct Step {
    /// the rule id (or `model` for the tool's model)
    pub rule: String,
    /// what the step does
    pub label: Text,
    /// the arithmetic, e.g. `100000 × 0.4 × 0.5 = 20000`
    pub text: String,
    /// the amount it yields, if any
    pub amount: Option<Decimal>,
    /// the provision it rests on (or the tool's model)
    pub citation: Text,
}

/// A provision the estimate rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub source: String,
    pub document: String,
    pub document_en: String,
    pub issuer: String,
    pub issuer_en: String,
    pub number: Option<String>,
    pub date: Option<String>,
    pub article: String,
    pub status: Status,
    pub status_note: Text,
    pub superseded_by: Option<String>,
    /// the day the source took effect, where the rule base records it
    pub effective: Option<Date>,
    /// where it does not: the earliest day the document can date from ([`crate::rules::schema::Source::earliest`])
    pub earliest: Option<Date>,
}

/// One factor as the tool's model read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactorOut {
    pub id: String,
    pub label: Text,
    pub level: String,
    pub level_label: Text,
    pub score: Decimal,
    pub weight: Decimal,
    /// given by the case (true) or assumed / derived (false)
    pub known: bool,
    /// how the level was found when not given
    pub derived_from: Option<String>,
}

/// The tool's six-factor model as applied (not law).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelOut {
    pub label: Text,
    pub score: Decimal,
    pub width: Decimal,
    pub factors: Vec<FactorOut>,
    /// the factor that moved the point furthest from the ordinary case
    pub top_factor: Option<String>,
}

/// The criminal classification of a personal-information case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criminal {
    /// `none`, `serious` or `especially-serious`
    pub tier: String,
    pub label: Text,
    pub sentence: Option<Text>,
    pub citation: Text,
    pub reasons: Vec<Text>,
}

/// The named tier the estimate used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierOut {
    pub name: String,
    pub label: Text,
    /// chosen by the tool's model rather than named by the case
    pub derived: bool,
    /// all the tiers the rule offers, as (name, label)
    pub offered: Vec<(String, Text)>,
}

/// A complete estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    pub id: Option<String>,
    /// the region id the case named (e.g. `shanghai`), even when its rules came from elsewhere
    pub jurisdiction: String,
    pub jurisdiction_name: Text,
    pub harm: Harm,
    pub context: Context,
    /// the date whose rules were applied
    pub date: Date,
    pub amount: Amount,
    pub band: BandOut,
    pub basis: Basis,
    /// the rule that set the figures (for a cross-province reference, the first used)
    pub rule: String,
    pub tier: Option<TierOut>,
    pub steps: Vec<Step>,
    pub citations: Vec<Citation>,
    pub notes: Vec<Text>,
    pub model: Option<ModelOut>,
    pub criminal: Option<Criminal>,
}

impl Estimate {
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
