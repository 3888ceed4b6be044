//! The input: one case, as the user describes it.
//!
//! A case arrives as JSON (a file, stdin, a batch record) or as CLI flags, which the CLI turns
//! into the same JSON object; both go through [`Case::from_json`], the one validator. It checks
//! every key (an unknown key is an error with the nearest valid name), every value's type and
//! range, and reads numbers exactly from their text (never through `f64`).

use serde::{Deserialize, Serialize};

/// What was harmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Harm {
    Death,
    Disability,
    Injury,
    Personality,
    Memorial,
    IpMoral,
    PersonalInfo,
    Detention,
}

/// The body of rules a case falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Context {
    #[default]
    Civil,
    Traffic,
    MedicalAccident,
    StateCompensation,
}

/// 轻微伤 / 轻伤 / 重伤.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InjuryDegree {
    Slight,
    Minor,
    Serious,
}

/// A natural person or an organisation (legal person or other organisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Party {
    #[default]
    Natural,
    Organization,
}
