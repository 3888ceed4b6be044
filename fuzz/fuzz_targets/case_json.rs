//! Fuzzes the JSON case path: bytes → JSON → Case → estimate → both reports. Must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use solatium::{Case, Date, Lang, RuleBase};
use std::sync::OnceLock;

fn rb() -> &'static RuleBase {
    static RB: OnceLock<RuleBase> = OnceLock::new();
    RB.get_or_init(|| RuleBase::embedded().expect("embedded rules"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let Ok(case) = Case::from_json(&v) else { return };
    let today = Date::parse("2026-11-22").unwrap();
    if let Ok(e) = solatium::estimate(rb(), &case, today) {
        let _ = solatium::report::json::estimate(&e, Lang::Zh).to_string();
        let _ = solatium::report::text::render(&e, Lang::En);
    }
});
