//! Fuzzes the JSON case path: bytes → JSON → Case → estimate → both reports, and for bytes that
//! are not JSON, what batch salvages of them for the error record. Must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use solatium::{Case, Date, Lang, RuleBase};
use std::sync::OnceLock;

fn rb() -> &'static RuleBase {
    static RB: OnceLock<RuleBase> = OnceLock::new();
    RB.get_or_init(|| RuleBase::embedded().expect("embedded rules"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) else {
        // as batch reads a broken record: at the break, and (for a record cut short) at its end
        let at = solatium::salvage::break_offset(data);
        let s = solatium::salvage::salvage(data, at.unwrap_or(data.len()));
        // a break in the id's own value leaves no id
        assert!(s.field != "id" || s.id.is_none(), "{s:?}");
        let _ = solatium::salvage::salvage(data, data.len() / 2);
        return;
    };
    let Ok(case) = Case::from_json(&v) else {
        return;
    };
    let today = Date::parse("2026-11-22").unwrap();
    if let Ok(e) = solatium::estimate(rb(), &case, today) {
        let _ = solatium::report::json::estimate(&e, Lang::Zh).to_string();
        let _ = solatium::report::text::render(&e, Lang::En);
    }
});
