//! Helpers shared by the CLI tests: run `estimate` with a fixed "today" (2026-11-22), the
//! embedded rules and `--format json`, and read the figures out of the JSON estimate.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;

/// Runs the CLI with `args` and `--format json`; returns the parsed output and the exit code.
pub fn run(args: &[&str]) -> (Value, i32) {
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .env("SOLATIUM_TODAY", "2026-11-22")
        .env_remove("SOLATIUM_RULES")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let v = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not JSON ({e}): {text}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, code)
}

/// Runs the CLI and asserts exit code 0.
pub fn ok(args: &[&str]) -> Value {
    let (v, code) = run(args);
    assert_eq!(code, 0, "{args:?} → {v}");
    v
}

/// An integer JSON value.
pub fn n(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("not an integer: {v}"))
}

/// `amount.low`, `amount.point`, `amount.high` (`None` when the top is open).
pub fn amount(v: &Value) -> (i64, i64, Option<i64>) {
    let a = &v["amount"];
    (n(&a["low"]), n(&a["point"]), opt(&a["high"]))
}

/// `amount.low` and `amount.high`, for a range that is the whole band.
pub fn range(v: &Value) -> (i64, Option<i64>) {
    let a = &v["amount"];
    (n(&a["low"]), opt(&a["high"]))
}

/// `band.floor`, `band.cap` (`None` when the cap is lifted).
pub fn band(v: &Value) -> (i64, Option<i64>) {
    let b = &v["band"];
    (n(&b["floor"]), opt(&b["cap"]))
}

fn opt(v: &Value) -> Option<i64> {
    if v.is_null() {
        None
    } else {
        Some(n(v))
    }
}

/// A top-level string field (`basis`, `rule`, `harm`, …).
pub fn s<'a>(v: &'a Value, field: &str) -> &'a str {
    v[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} is not a string: {}", v[field]))
}

/// `(source, article)` of every citation.
pub fn citations(v: &Value) -> Vec<(String, String)> {
    v["citations"]
        .as_array()
        .unwrap_or_else(|| panic!("no citations array: {v}"))
        .iter()
        .map(|c| {
            (
                c["source"].as_str().unwrap_or_default().to_string(),
                c["article"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Whether the citations include `source` at `article`.
pub fn cites(v: &Value, source: &str, article: &str) -> bool {
    citations(v)
        .iter()
        .any(|(s, a)| s == source && a == article)
}

/// Whether any citation is of `source` (any article).
pub fn cites_source(v: &Value, source: &str) -> bool {
    citations(v).iter().any(|(s, _)| s == source)
}

/// The citation of every step of the arithmetic.
pub fn step_citations(v: &Value) -> Vec<String> {
    v["steps"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|st| st["citation"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// `criminal.tier` of a personal-information estimate.
pub fn criminal_tier(v: &Value) -> String {
    v["criminal"]["tier"]
        .as_str()
        .unwrap_or_else(|| panic!("no criminal.tier: {}", v["criminal"]))
        .to_string()
}

/// The six factors, each at its top level (the model's score 1).
pub const EVERY_FACTOR_AT_ITS_HIGHEST: [&str; 12] = [
    "--fault",
    "intent",
    "--circumstances",
    "egregious",
    "--consequence",
    "severe",
    "--gain-level",
    "large",
    "--ability",
    "strong",
    "--living-standard",
    "high",
];
