//! Fuzzes the rules loader: the fuzzer's bytes as one province file beside the embedded
//! regions and national rules (so a valid file can load and be used). Must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use solatium::{Case, Date, RuleBase};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut files: Vec<(String, String)> = RuleBase::embedded_files()
        .iter()
        .filter(|(n, _)| *n == "regions.toml" || *n == "national.toml")
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    files.push(("sichuan.toml".into(), text.to_string()));
    if let Ok(rb) = RuleBase::load(&files) {
        let today = Date::parse("2026-11-22").unwrap();
        for body in [
            r#"{"province":"sichuan","disability_grade":7,"liability":0.5}"#,
            r#"{"province":"sichuan","harm":"death","avg_living_expense":20000,"age":80}"#,
            r#"{"province":"sichuan","harm":"personality","severity":"serious","infringer":"organization"}"#,
            r#"{"province":"sichuan","harm":"detention","context":"state-compensation","detention_days":30,"base_compensation":1000}"#,
        ] {
            let v = serde_json::from_str(body).unwrap();
            if let Ok(c) = Case::from_json(&v) {
                let _ = solatium::estimate(&rb, &c, today);
            }
        }
    }
});
