//! The JSON Schemas that `estimate schema case|estimate` prints, against what the tool really
//! reads and writes: every example's estimate in both languages, every record of the example
//! batch (error records too), compare rows, and every example case. Every object of the output
//! schema is closed (`additionalProperties: false`), so a key the tool writes that the schema does
//! not declare fails here; and every key the schema declares is seen in some output, so a key the
//! tool stops writing does too.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-22";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn estimate() -> Command {
    let mut c = Command::cargo_bin("estimate").unwrap();
    c.current_dir(root())
        .env("SOLATIUM_TODAY", TODAY)
        .env_remove("SOLATIUM_RULES");
    c
}

/// Runs `estimate` with `args`; returns stdout and the exit code.
fn run(args: &[&str], stdin: Option<&[u8]>) -> (String, i32) {
    let mut c = estimate();
    c.args(args);
    if let Some(input) = stdin {
        c.write_stdin(input);
    }
    let out = c.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

/// The schema as `estimate schema WHICH` prints it, checked against its metaschema.
fn schema(which: &str) -> Value {
    let (text, code) = run(&["schema", which], None);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&text).unwrap();
    if let Err(e) = jsonschema::meta::validate(&v) {
        panic!("the {which} schema is not a valid JSON Schema: {e}");
    }
    v
}

/// A schema, compiled, with the schema itself for explaining a failure.
struct Checker {
    schema: Value,
    validator: jsonschema::Validator,
}

fn compile(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("the schema does not compile: {e}"))
}

fn validator(which: &str) -> Checker {
    let schema = schema(which);
    Checker {
        validator: compile(&schema),
        schema,
    }
}

impl Checker {
    fn is_valid(&self, instance: &Value) -> bool {
        self.validator.is_valid(instance)
    }

    /// Every way `instance` breaks the schema, one line each, with where. A record that matches
    /// neither kind of output record is checked against the kind it claims to be (an error record
    /// when it has `error`), so the message names the key at fault rather than the whole record.
    fn errors(&self, instance: &Value) -> Vec<String> {
        if self.validator.is_valid(instance) {
            return Vec::new();
        }
        let mut schema = self.schema.clone();
        if let Some(m) = schema.as_object_mut().filter(|m| m.contains_key("oneOf")) {
            let kind = if instance.get("error").is_some() {
                "error"
            } else {
                "estimate"
            };
            m.remove("oneOf");
            m.insert("$ref".into(), format!("#/$defs/{kind}").into());
        }
        let narrowed = compile(&schema);
        let v = if narrowed.is_valid(instance) {
            &self.validator
        } else {
            &narrowed
        };
        v.iter_errors(instance)
            .map(|e| format!("at {:?}: {e}", e.instance_path().as_str()))
            .collect()
    }
}

#[track_caller]
fn assert_valid(v: &Checker, instance: &Value, what: &str) {
    let errs = v.errors(instance);
    assert!(
        errs.is_empty(),
        "{what} does not match the schema:\n{}\n{instance:#}",
        errs.join("\n")
    );
}

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    assert!(v.len() >= 30, "only {} examples", v.len());
    v
}

fn relative(p: &Path) -> String {
    p.strip_prefix(root()).unwrap().display().to_string()
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// The single-case estimate of every example, in both languages.
fn single_outputs() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for f in examples() {
        let f = relative(&f);
        for lang in ["zh", "en"] {
            let (text, code) = run(&["--case", &f, "--format", "json", "--lang", lang], None);
            assert_eq!(code, 0, "{f} --lang {lang}: {text}");
            out.push((
                format!("{f} --lang {lang}"),
                serde_json::from_str(&text).unwrap(),
            ));
        }
    }
    out
}

/// Every record of `estimate batch examples/batch.jsonl`, as JSON Lines.
fn batch_records(lang: &str) -> Vec<Value> {
    let (text, code) = run(
        &[
            "batch",
            "examples/batch.jsonl",
            "--format",
            "jsonl",
            "--lang",
            lang,
        ],
        None,
    );
    assert_eq!(code, 1, "the example batch has invalid cases");
    jsonl(&text)
}

/// Compare rows: every jurisdiction × grades 1–10 (Beijing's rows fail without an average wage).
fn compare_rows() -> Vec<Value> {
    let (text, code) = run(
        &[
            "compare",
            "--provinces",
            "all",
            "--grades",
            "1-10",
            "--harm",
            "disability",
            "--liability",
            "0.5",
            "--format",
            "jsonl",
        ],
        None,
    );
    assert_eq!(code, 1, "Beijing's rows fail without --avg-wage");
    jsonl(&text)
}

/// Every object in `v` with the JSON pointer to it.
fn objects(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            out.push(at.clone());
            for (k, x) in m {
                objects(x, format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                objects(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Every key of every object in `v`.
fn keys(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                out.insert(k.clone());
                keys(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
        _ => {}
    }
}

/// Every subschema of `s` that describes an object: each must list its keys and allow no other.
fn assert_closed(s: &Value, at: &str) {
    match s {
        Value::Object(m) => {
            let is_object = match m.get("type") {
                Some(Value::String(t)) => t == "object",
                Some(Value::Array(ts)) => ts.iter().any(|t| t == "object"),
                _ => false,
            } || m.contains_key("properties");
            if is_object {
                assert!(
                    m.contains_key("properties"),
                    "{at}: an object schema lists its keys"
                );
                assert_eq!(
                    m.get("additionalProperties"),
                    Some(&Value::Bool(false)),
                    "{at}: an object schema allows no other keys"
                );
            }
            for (k, x) in m {
                // a property's name is not a schema keyword
                if k == "properties" || k == "$defs" {
                    for (name, sub) in x.as_object().unwrap() {
                        assert_closed(sub, &format!("{at}/{k}/{name}"));
                    }
                } else {
                    assert_closed(x, &format!("{at}/{k}"));
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                assert_closed(x, &format!("{at}/{i}"));
            }
        }
        _ => {}
    }
}

/// The property names a schema declares.
fn declared(s: &Value, out: &mut BTreeSet<String>) {
    match s {
        Value::Object(m) => {
            if let Some(Value::Object(p)) = m.get("properties") {
                out.extend(p.keys().cloned());
            }
            m.values().for_each(|x| declared(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| declared(x, out)),
        _ => {}
    }
}

#[test]
fn every_object_of_both_schemas_is_closed() {
    for which in ["case", "estimate"] {
        assert_closed(&schema(which), which);
    }
}

#[test]
fn every_examples_estimate_matches_the_schema_in_both_languages() {
    let v = validator("estimate");
    let outputs = single_outputs();
    for (what, out) in &outputs {
        assert_valid(&v, out, what);
        assert!(out.get("error").is_none(), "{what}");
        for k in ["index", "file", "line", "compare"] {
            assert!(out.get(k).is_none(), "{what}: {k} is for batch or compare");
        }
    }
    // the examples reach the parts that only some estimates have
    let has = |k: &str| outputs.iter().any(|(_, o)| !o[k].is_null());
    for k in ["tier", "model", "criminal"] {
        assert!(has(k), "no example has a {k}");
    }
}

#[test]
fn a_single_cases_error_record_matches_the_schema() {
    let v = validator("estimate");
    for args in [
        &["--province", "sichuan", "--disability-grade", "11"][..],
        &["--province", "sichaun", "--harm", "death", "--id", "c-18"][..],
    ] {
        for format in ["json", "jsonl"] {
            let mut a = args.to_vec();
            a.extend(["--format", format]);
            let (text, code) = run(&a, None);
            assert_eq!(code, 1, "{a:?}");
            let out: Value = serde_json::from_str(&text).unwrap();
            assert!(out.get("error").is_some(), "{a:?}: {out}");
            assert_valid(&v, &out, &format!("{a:?}"));
        }
    }
}

#[test]
fn every_batch_record_matches_the_schema() {
    let v = validator("estimate");
    for lang in ["zh", "en"] {
        let records = batch_records(lang);
        assert_eq!(records.len(), 50);
        let mut errors = 0;
        for (i, r) in records.iter().enumerate() {
            assert_valid(&v, r, &format!("batch record {} ({lang})", i + 1));
            assert_eq!(r["index"], i + 1);
            assert_eq!(r["file"], "examples/batch.jsonl");
            assert!(r["line"].as_u64().is_some());
            errors += usize::from(r.get("error").is_some());
        }
        assert_eq!(errors, 5, "the five invalid example cases");
    }
    // as one JSON array, and from standard input (no file)
    let (text, _) = run(&["batch", "examples/batch.jsonl", "--format", "json"], None);
    let array: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(array.len(), 50);
    for r in &array {
        assert_valid(&v, r, "batch --format json record");
    }
    let input = std::fs::read(root().join("examples/batch.jsonl")).unwrap();
    let (text, _) = run(&["batch", "-"], Some(&input));
    for r in jsonl(&text) {
        assert!(r.get("file").is_none(), "{r}");
        assert_valid(&v, &r, "batch record from stdin");
    }
}

#[test]
fn every_compare_row_matches_the_schema() {
    let v = validator("estimate");
    let rows = compare_rows();
    assert_eq!(rows.len(), 32 * 10);
    assert!(rows.iter().any(|r| r.get("error").is_some()));
    for r in &rows {
        assert_valid(&v, r, "compare row");
        assert!(r["compare"]["disability_grade"].is_string(), "{r}");
        assert_eq!(r["compare"]["liability"], "0.5");
    }
    // as one JSON array, with a liability sweep and no grade
    let (text, code) = run(
        &[
            "compare",
            "--provinces",
            "covered",
            "--harm",
            "death",
            "--liabilities",
            ".5,1",
            "--avg-wage",
            "120000",
            "--avg-living-expense",
            "20000",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(code, 0, "{text}");
    let rows: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert!(!rows.is_empty());
    for r in &rows {
        assert_valid(&v, r, "compare --format json row");
        assert!(r["compare"]["disability_grade"].is_null(), "{r}");
    }
}

#[test]
fn a_key_the_schema_does_not_declare_is_refused_in_every_object() {
    let v = validator("estimate");
    let mut samples: Vec<(String, Value)> = single_outputs()
        .into_iter()
        .filter(|(w, _)| {
            w.contains("national-personal-info")
                || w.contains("shaanxi-level-2")
                || w.contains("sichuan-disability")
        })
        .collect();
    let batch = batch_records("en");
    samples.push(("batch estimate".into(), batch[0].clone()));
    let error = batch.iter().find(|r| r.get("error").is_some()).unwrap();
    samples.push(("batch error".into(), error.clone()));
    let rows = compare_rows();
    samples.push(("compare estimate".into(), rows[0].clone()));
    let failed = rows.iter().find(|r| r.get("error").is_some()).unwrap();
    samples.push(("compare error".into(), failed.clone()));
    for (what, record) in samples {
        assert_valid(&v, &record, &what);
        let mut at = Vec::new();
        objects(&record, String::new(), &mut at);
        assert!(at.len() >= 2, "{what}");
        for p in at {
            let mut bad = record.clone();
            bad.pointer_mut(&p)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .insert("undeclared".into(), Value::Bool(true));
            assert!(
                !v.is_valid(&bad),
                "{what}: a key the schema does not declare is accepted at {p:?}"
            );
        }
    }
}

#[test]
fn every_key_the_output_schema_declares_is_written_somewhere() {
    let mut seen = BTreeSet::new();
    for (_, out) in single_outputs() {
        keys(&out, &mut seen);
    }
    for r in batch_records("zh").iter().chain(&compare_rows()) {
        keys(r, &mut seen);
    }
    let mut names = BTreeSet::new();
    declared(&schema("estimate"), &mut names);
    let unseen: Vec<&String> = names.difference(&seen).collect();
    assert!(unseen.is_empty(), "declared but never written: {unseen:?}");
}

#[test]
fn every_example_case_matches_the_case_schema() {
    let v = validator("case");
    for f in examples() {
        let case: Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
        assert_valid(&v, &case, &relative(&f));
    }
    // the example batch: a line the schema takes is a line the reader takes, and the other way
    // round (`sichaun` and Beijing without an average wage are valid cases whose estimate fails)
    let text = std::fs::read_to_string(root().join("examples/batch.jsonl")).unwrap();
    let mut refused = 0;
    for (i, line) in text.lines().enumerate() {
        let case: Value = serde_json::from_str(line).unwrap();
        let read = solatium::Case::from_json(&case);
        let errs = v.errors(&case);
        assert_eq!(
            read.is_ok(),
            errs.is_empty(),
            "line {}: the reader says {:?}, the schema {errs:?}: {line}",
            i + 1,
            read.err().map(|e| e.field)
        );
        refused += usize::from(!errs.is_empty());
    }
    assert_eq!(
        refused, 3,
        "grade 11, a misspelt field and \"2万\" are refused"
    );
}

#[test]
fn the_case_schema_agrees_with_the_reader_on_hand_made_cases() {
    let v = validator("case");
    for (case, ok) in [
        (r#"{"province": "sichuan", "harm": "death"}"#, true),
        (
            r#"{"id": 17, "province": 510000, "disability_grade": "7"}"#,
            true,
        ),
        (
            r#"{"id": null, "province": "川", "harm": null, "context": null,
             "disability_grade": null, "liability": null, "victim_fault": null,
             "infringer": null, "severity": null, "factors": null, "profit_motive": null,
             "gain": null, "victims": null, "defendants": null, "age": null, "victim": null,
             "injury_degree": null, "avg_living_expense": null, "avg_wage": null,
             "detention_days": null, "base_compensation": null, "info_items": null,
             "insider": null, "date": null}"#,
            true,
        ),
        (
            r#"{"province": "national", "harm": "personal-info",
             "info_items": {"sensitive": 60, "important": "0", "other": null},
             "gain": "5000.50", "insider": true, "profit_motive": false,
             "factors": {"fault": "intent", "living_standard": null}, "date": "2025-06-01"}"#,
            true,
        ),
        (
            r#"{"province": "sichuan", "liability": ".5", "victim_fault": "0.25",
             "victims": 2, "defendants": "3", "age": 150}"#,
            true,
        ),
        (r#"{"id": true, "province": "sichuan"}"#, false),
        (r#"{"harm": "death"}"#, false),
        (r#"{"province": "  ", "harm": "death"}"#, false),
        (r#"{"province": "sichuan", "disability_grade": 0}"#, false),
        (r#"{"province": "sichuan", "disability_grade": 7.5}"#, false),
        (r#"{"province": "sichuan", "liability": 1.5}"#, false),
        (r#"{"province": "sichuan", "liability": "50%"}"#, false),
        (r#"{"province": "sichuan", "victims": 0}"#, false),
        (r#"{"province": "sichuan", "victims": 100001}"#, false),
        (r#"{"province": "sichuan", "age": 151}"#, false),
        (
            r#"{"province": "sichuan", "avg_wage": 1000000000001}"#,
            false,
        ),
        (r#"{"province": "sichuan", "detention_days": 36526}"#, false),
        (
            r#"{"province": "sichuan", "harm": "death", "factors": {"malice": "intent"}}"#,
            false,
        ),
        (
            r#"{"province": "sichuan", "info_items": {"secret": 1}}"#,
            false,
        ),
        (
            r#"{"province": "sichuan", "info_items": {"other": -1}}"#,
            false,
        ),
        (r#"{"province": "sichuan", "profit_motive": 1}"#, false),
        (r#"{"province": "sichuan", "date": 20250601}"#, false),
        (r#"{"province": "sichuan", "date": "2025-13-01"}"#, false),
        (r#"{"province": "sichuan", "severity": 2}"#, false),
    ] {
        let case: Value = serde_json::from_str(case).unwrap();
        let read = solatium::Case::from_json(&case);
        assert_eq!(read.is_ok(), ok, "the reader on {case}: {:?}", read.err());
        assert_eq!(
            v.errors(&case).is_empty(),
            ok,
            "the schema on {case}: {:?}",
            v.errors(&case)
        );
    }
}
