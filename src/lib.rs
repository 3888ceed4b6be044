//! # solatium
//!
//! Estimates 精神损害抚慰金 (compensation for mental distress) under Chinese law, with every
//! figure cited to its provision and every provincial standard's status shown.
//!
//! - [`rules`]: the rule base — one TOML file per jurisdiction, embedded by default.
//! - [`case`]: the input, validated into typed values with field-naming errors.
//! - [`calc::estimate`]: the pure calculator (no I/O, no clock).
//! - [`mod@estimate`]: the output — range, point, band, steps, citations, notes.
//! - [`report`]: renderers (Chinese or English text, JSON, CSV rows, tables).
//!
//! The figures are reference standards and the tool's own model, not legal advice.
//!
//! ```
//! use solatium::{Case, Date, RuleBase};
//!
//! let rules = RuleBase::embedded().expect("the embedded rules load");
//! let case = Case::from_json(&serde_json::json!({
//!     "province": "sichuan", "disability_grade": 7, "liability": "0.5"
//! }))
//! .expect("a valid case");
//! let today = Date::parse("2026-11-22").unwrap();
//! let e = solatium::estimate(&rules, &case, today).expect("an estimate");
//! // Sichuan: 100000 × 0.4 (grade 7) × 0.5 (liability) = 20000
//! assert_eq!(e.amount.point.to_string(), "20000");
//! assert_eq!(e.rule, "sichuan.disability");
//! ```
#![forbid(unsafe_code)]

pub mod calc;
pub mod case;
pub mod date;
pub mod error;
pub mod estimate;
pub mod i18n;
pub mod money;
pub mod report;
pub mod rules;
pub mod salvage;

pub use calc::estimate;
pub use case::Case;
pub use date::Date;
pub use error::CaseError;
pub use estimate::Estimate;
pub use i18n::Lang;
pub use rules::RuleBase;
