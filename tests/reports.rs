//! Snapshots of the whole observable output: the text report (zh) and the JSON report for every
//! example case, an English report, and CLI errors (stdout, stderr and exit code together).
//! A snapshot shows that output changed; the hand-computed expectations in worked_examples.rs
//! show that it is right.

use assert_cmd::Command;
use std::path::Path;

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOLATIUM_TODAY", "2026-11-22")
        .env_remove("SOLATIUM_RULES")
        .args(args)
        .output()
        .unwrap();
    format!(
        "exit code: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn examples() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_example_text_report_zh() {
    for name in examples() {
        let path = format!("examples/{name}");
        let stem = name.trim_end_matches(".json").to_string();
        insta::with_settings!({snapshot_suffix => stem}, {
            insta::assert_snapshot!("text_zh", run(&["--case", &path]));
        });
    }
}

#[test]
fn every_example_json_report() {
    for name in examples() {
        let path = format!("examples/{name}");
        let stem = name.trim_end_matches(".json").to_string();
        insta::with_settings!({snapshot_suffix => stem}, {
            insta::assert_snapshot!("json", run(&["--case", &path, "--format", "json"]));
        });
    }
}

#[test]
fn english_report() {
    insta::assert_snapshot!(run(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "7",
        "--liability",
        "0.5",
        "--lang",
        "en"
    ]));
}

/// An English report's notes cite articles as its steps do (`III.5`), never in the Chinese
/// numbering (`三、5`) the English reader has no key to; the provision's own Chinese (document
/// titles as issued, terms of art in brackets) is not a note's article.
#[test]
fn english_notes_cite_articles_in_english() {
    for name in examples() {
        let path = format!("examples/{name}");
        let out = run(&["--case", &path, "--lang", "en"]);
        let notes = out
            .split("\nNotes:\n")
            .nth(1)
            .unwrap_or_default()
            .split("\n\n")
            .next()
            .unwrap_or_default();
        for numeral in "一二三四五六七八九十".chars() {
            assert!(!notes.contains(&format!("{numeral}、")), "{name}: {notes}");
        }
    }
}

#[test]
fn cli_error_out_of_range_grade() {
    insta::assert_snapshot!(run(&["--province", "sichuan", "--disability-grade", "11"]));
}

#[test]
fn cli_error_unknown_province_suggests() {
    insta::assert_snapshot!(run(&[
        "--province",
        "sichaun",
        "--disability-grade",
        "7",
        "--lang",
        "en"
    ]));
}

#[test]
fn cli_error_missing_figure() {
    insta::assert_snapshot!(run(&["--province", "beijing", "--disability-grade", "3"]));
}

#[test]
fn cli_usage_error_exits_2() {
    let out = run(&["--province", "sichuan", "--format", "xml"]);
    assert!(out.starts_with("exit code: 2"), "{out}");
}

#[test]
fn usage_errors_speak_the_report_language() {
    let out = run(&["--province", "sichuan", "--format", "xml"]);
    assert!(out.starts_with("exit code: 2"), "{out}");
    assert!(
        out.contains("estimate: 参数 --format <FORMAT> 的值 'xml' 无效；可选值：text、json、jsonl、csv、table"),
        "{out}"
    );
    let out = run(&["--provinse", "sichuan"]);
    assert!(out.starts_with("exit code: 2"), "{out}");
    assert!(
        out.contains("无法识别的参数 '--provinse'；是否想用 '--province'？"),
        "{out}"
    );
    assert!(out.contains("用法：estimate"), "{out}");
    // English when asked for, anywhere on the line
    let out = run(&["--lang", "en", "--province", "sichuan", "--format", "xml"]);
    assert!(out.starts_with("exit code: 2"), "{out}");
    assert!(
        out.contains("invalid value 'xml' for '--format <FORMAT>'"),
        "{out}"
    );
    let out = run(&["compare", "--grades", "--lang=en"]);
    assert!(out.starts_with("exit code: 2"), "{out}");
    assert!(!out.contains("参数"), "{out}");
    // a flag twice; an option before a subcommand
    let out = run(&["compare", "--grades", "1", "--grades", "2"]);
    assert!(out.contains("参数 --grades <GRADES> 只能给出一次"), "{out}");
    // --lang, --format and --rules may come before the subcommand as well as after it
    let out = run(&["--format", "csv", "rules", "list"]);
    assert!(out.starts_with("exit code: 0"), "{out}");
    assert!(out.contains("\u{feff}id,name_zh,name_en"), "{out}");
    let out = run(&[
        "--lang", "en", "--format", "json", "rules", "show", "fujian",
    ]);
    assert!(out.starts_with("exit code: 0"), "{out}");
    assert!(out.contains("\"id\": \"fujian.tiers\""), "{out}");
    // a case flag before batch, or a stray word after the case flags: said as it is
    let out = run(&["--province", "sichuan", "batch", "x.jsonl"]);
    assert!(out.starts_with("exit code: 2"), "{out}");
    assert!(out.contains("batch 不接受案件参数"), "{out}");
    let out = run(&["--province", "sichuan", "batch", "x.jsonl", "--lang", "en"]);
    assert!(out.contains("batch takes no case flags"), "{out}");
    let out = run(&["--province", "sichuan", "--disability-grade", "7", "extra"]);
    assert!(out.starts_with("exit code: 2"), "{out}");
    assert!(out.contains("多余的参数 'extra'"), "{out}");
    // global options before help are taken as before any subcommand: the command's help (had
    // been "help takes no options before it"); a case flag before it is still that error
    let out = run(&["--lang", "en", "help", "batch"]);
    assert!(out.starts_with("exit code: 0"), "{out}");
    assert!(out.contains("Usage: estimate batch"), "{out}");
    let out = run(&["--province", "sichuan", "--disability-grade", "7", "help"]);
    assert!(out.contains("help 前不能有参数"), "{out}");
    // a share in Chinese gets the fraction it means
    let out = run(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "7",
        "--liability",
        "五成",
    ]);
    assert!(out.starts_with("exit code: 1"), "{out}");
    assert!(out.contains("请写成小数，五成 写作 0.5"), "{out}");
    let out = run(&["--province", "sichuan", "compare", "--lang", "en"]);
    assert!(
        out.contains("write compare's case flags after the subcommand"),
        "{out}"
    );
    // no case at all
    let out = run(&[]);
    assert!(out.contains("请给出案件"), "{out}");
}

#[test]
fn a_failing_case_in_csv_or_table_still_gives_its_row() {
    let out = run(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "11",
        "--format",
        "csv",
    ]);
    assert!(out.starts_with("exit code: 1"), "{out}");
    let stdout = out
        .split("--- stdout\n")
        .nth(1)
        .unwrap()
        .split("--- stderr")
        .next()
        .unwrap();
    let mut lines = stdout.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("\u{feff}id,index,file,province"));
    let row = lines.next().unwrap();
    assert!(
        row.contains(",disability_grade,字段 `disability_grade` 的值 11 超出允许范围"),
        "{row}"
    );
    let out = run(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "11",
        "--format",
        "table",
    ]);
    assert!(out.starts_with("exit code: 1"), "{out}");
    assert!(out.contains("错误"), "{out}");
    // the id, from --id or from the case file, in every format
    let out = run(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "11",
        "--format",
        "csv",
        "--id",
        "c-7",
    ]);
    assert!(out.contains("\nc-7,,,"), "{out}");
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("one.json");
    std::fs::write(
        &f,
        r#"{"id":"c1","province":"sichuan","disability_grade":11}"#,
    )
    .unwrap();
    let out = run(&["--case", f.to_str().unwrap(), "--format", "jsonl"]);
    assert!(out.contains(r#"{"id":"c1","error":"#), "{out}");
}

#[test]
fn no_arguments_prints_usage_and_exits_2() {
    let out = run(&[]);
    assert!(out.starts_with("exit code: 2"), "{out}");
    assert!(out.contains("--province"));
}

#[test]
fn rules_list_and_show() {
    insta::assert_snapshot!(run(&["rules", "list"]));
    insta::assert_snapshot!(run(&["rules", "show", "fujian"]));
    // the severities national.toml attaches to facts are listed with their provision
    let national = run(&["rules", "show", "national", "--lang", "en"]);
    assert!(
        national.contains(
            "  - detention ≥ 3653 days → especially-serious (spc-state-2021 Art. 7 ¶2, from 2021-04-01)"
        ),
        "{national}"
    );
}

#[test]
fn every_example_output_has_the_schema_required_keys() {
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .args(["schema", "estimate"])
        .output()
        .unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let required = |def: &str| -> Vec<String> {
        schema["$defs"][def]["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap().to_string())
            .collect()
    };
    let (est, err) = (required("estimate"), required("error"));
    let batch = Command::cargo_bin("estimate")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOLATIUM_TODAY", "2026-11-22")
        .args(["batch", "examples/batch.jsonl"])
        .output()
        .unwrap();
    let mut errors = 0;
    for line in String::from_utf8(batch.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let keys = if v.get("error").is_some() {
            errors += 1;
            &err
        } else {
            &est
        };
        for k in keys {
            assert!(v.get(k).is_some(), "missing {k} in {line}");
        }
        if let Some(s) = v["citations"].as_array() {
            for c in s {
                let status = c["status"].as_str().unwrap();
                assert!([
                    "in-force",
                    "superseded",
                    "historical",
                    "unknown",
                    "practice"
                ]
                .contains(&status));
            }
        }
    }
    assert_eq!(errors, 5, "the five invalid example cases");
}

#[test]
fn schema_is_valid_json() {
    for which in ["case", "estimate"] {
        let out = Command::cargo_bin("estimate")
            .unwrap()
            .args(["schema", which])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(v.get("$schema").is_some());
    }
}

#[test]
fn the_case_schema_names_what_the_tool_reads() {
    // the same fields, nested fields and enum values as the reader; every optional field may be
    // null (read as absent); numeric strings carry the decimal pattern the reader accepts
    let v: serde_json::Value =
        serde_json::from_str(include_str!("../schema/case.schema.json")).unwrap();
    let keys = |p: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = p.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let sorted = |s: &[&str]| -> Vec<String> {
        let mut k: Vec<String> = s.iter().map(|x| x.to_string()).collect();
        k.sort();
        k
    };
    let props = &v["properties"];
    assert_eq!(keys(props), sorted(solatium::case::FIELDS));
    assert_eq!(
        keys(&props["factors"]["properties"]),
        sorted(solatium::case::FACTOR_KEYS)
    );
    assert_eq!(
        keys(&props["info_items"]["properties"]),
        sorted(solatium::case::INFO_KEYS)
    );
    let harms: Vec<&str> = props["harm"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x.as_str())
        .collect();
    assert_eq!(harms, solatium::case::HARMS);
    for (k, p) in props.as_object().unwrap() {
        if k == "province" {
            continue;
        }
        let s = p.to_string();
        assert!(
            s.contains("\"null\"") || s.contains("null]") || s.contains(",null"),
            "{k}: null is read as absent, the schema should allow it: {s}"
        );
        if s.contains("oneOf") && s.contains("\"string\"") {
            assert!(s.contains("pattern"), "{k}: numeric strings need a pattern");
        }
    }
}

#[test]
fn output_and_rule_directory_failures_speak_the_report_language() {
    // a full disk (Linux's /dev/full)
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_estimate"))
            .args(["--province", "sichuan", "--disability-grade", "7"])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            "estimate: 输入输出出错：磁盘空间不足\n"
        );
        // help and version that cannot be written are errors too, not success
        for (args, said) in [
            (&["--help"][..], "estimate: 输入输出出错：磁盘空间不足\n"),
            (&["help", "batch"], "estimate: 输入输出出错：磁盘空间不足\n"),
            (
                &["--lang", "en", "--help"],
                "estimate: input/output error: no space left on device\n",
            ),
            (&["--version"], "estimate: 输入输出出错：磁盘空间不足\n"),
        ] {
            let full = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap();
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_estimate"))
                .args(args)
                .stdout(full)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert_eq!(String::from_utf8(out.stderr).unwrap(), said, "{args:?}");
        }
    }
    // an empty rule directory
    let dir = tempfile::tempdir().unwrap();
    let out = run(&[
        "--rules",
        dir.path().to_str().unwrap(),
        "--province",
        "sichuan",
        "--disability-grade",
        "7",
    ]);
    assert!(out.starts_with("exit code: 2"), "{out}");
    assert!(out.contains("有 3 处问题，无法使用"), "{out}");
}
