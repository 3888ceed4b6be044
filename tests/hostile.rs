//! Hostile input never panics and never costs the other records of a batch.
//! Each test puts the bad record between two good ones and checks all three come out.

use assert_cmd::Command;
use serde_json::Value;

const GOOD: &str = r#"{"id":"ok","province":"sichuan","disability_grade":7,"liability":0.5}"#;

fn batch(input: Vec<u8>) -> (Vec<Value>, i32, String) {
    batch_with(input, &[])
}

fn batch_en(input: Vec<u8>) -> (Vec<Value>, i32, String) {
    batch_with(input, &["--lang", "en"])
}

fn batch_with(input: Vec<u8>, extra: &[&str]) -> (Vec<Value>, i32, String) {
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .env("SOLATIUM_TODAY", "2026-11-22")
        .env_remove("SOLATIUM_RULES")
        .args(["batch", "-"])
        .args(extra)
        .write_stdin(input)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!err.contains("panicked"), "panic: {err}");
    let recs = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("output line not JSON ({e}): {l}"))
        })
        .collect();
    (recs, out.status.code().unwrap(), err)
}

/// The bad record sits between two good ones: three records out, the middle one an error.
fn sandwich(bad: &[u8]) -> Value {
    let mut input = Vec::new();
    input.extend_from_slice(GOOD.as_bytes());
    input.push(b'\n');
    input.extend_from_slice(bad);
    input.push(b'\n');
    input.extend_from_slice(GOOD.as_bytes());
    input.push(b'\n');
    let (r, code, _) = batch(input);
    assert_eq!(
        r.len(),
        3,
        "{}: {r:?}",
        String::from_utf8_lossy(&bad[..bad.len().min(80)])
    );
    assert_eq!(r[0]["amount"]["point"], 20000);
    assert_eq!(r[2]["amount"]["point"], 20000);
    assert_eq!(code, 1);
    assert!(r[1].get("error").is_some(), "{}", r[1]);
    r[1]["error"].clone()
}

#[test]
fn huge_numbers_are_errors_naming_the_field() {
    for n in [
        "1e30",
        "1e400",
        "1234567890123456789012345678901234567890",
        "-1e30",
    ] {
        let e = sandwich(
            format!(r#"{{"province":"beijing","harm":"death","avg_wage":{n}}}"#).as_bytes(),
        );
        assert_eq!(e["field"], "avg_wage", "{n}");
    }
}

#[test]
fn more_digits_than_exact_arithmetic_holds() {
    // 29 significant digits: in range, but a Decimal holds 28; the message says so (not "out of range")
    let e = sandwich(
        br#"{"province":"sichuan","disability_grade":7,"liability":0.12345678901234567890123456789}"#,
    );
    assert_eq!(e["field"], "liability");
    let msg = e["message"].as_str().unwrap();
    assert!(msg.contains("位数过多") && msg.contains("28"), "{msg}");
}

#[test]
fn nan_and_infinity_are_not_json() {
    for n in ["NaN", "Infinity", "-Infinity"] {
        let e = sandwich(format!(r#"{{"province":"sichuan","liability":{n}}}"#).as_bytes());
        assert!(e["message"].as_str().unwrap().contains("JSON"), "{n}: {e}");
    }
}

#[test]
fn empty_object_names_the_missing_province() {
    assert_eq!(sandwich(b"{}")["field"], "province");
}

#[test]
fn not_an_object() {
    for bad in ["[1,2]", "42", "\"sichuan\"", "null"] {
        let e = sandwich(bad.as_bytes());
        assert!(
            e["message"].as_str().unwrap().contains("JSON"),
            "{bad}: {e}"
        );
    }
}

#[test]
fn deeply_nested_json() {
    let deep = format!(
        r#"{{"province":"sichuan","factors":{}{}}}"#,
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    sandwich(deep.as_bytes());
}

#[test]
fn a_10_mb_string() {
    let big = format!(
        r#"{{"province":"{}","harm":"death"}}"#,
        "x".repeat(10 * 1024 * 1024)
    );
    let e = sandwich(big.as_bytes());
    assert_eq!(e["field"], "province");
    assert!(
        e["value"].as_str().unwrap().len() < 200,
        "the value is not echoed back whole"
    );
}

#[test]
fn invalid_utf8() {
    let mut bad = br#"{"province":"si"#.to_vec();
    bad.extend_from_slice(&[0xff, 0xfe]);
    bad.extend_from_slice(br#"chuan"}"#);
    let e = sandwich(&bad);
    // GBK text, say: the message says it is not UTF-8 and where it stops being so
    assert_eq!(
        e["message"],
        "不是有效的 JSON：记录不是 UTF-8 文本（记录内第 16 字节起；可能是 GBK 等编码）；请将文件另存为 UTF-8"
    );
}

#[test]
fn utf16_input_is_one_error_not_one_per_byte_pair() {
    // what Windows Notepad saves as "Unicode": UTF-16LE with a byte-order mark
    let text = format!("{GOOD}\r\n{GOOD}\r\n");
    let mut utf16 = vec![0xff, 0xfe];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let (r, code, _) = batch(utf16);
    assert_eq!((r.len(), code), (1, 1), "{r:?}");
    assert!(
        r[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("UTF-16"),
        "{}",
        r[0]
    );
}

#[test]
fn duplicate_keys_and_trailing_commas() {
    // a key given twice is an error naming it, never "the last one wins", at any depth
    let (r, _, _) = batch(
        format!(
            "{GOOD}\n{{\"province\":\"sichuan\",\"disability_grade\":7,\"disability_grade\":3}}\n"
        )
        .into_bytes(),
    );
    assert_eq!(r.len(), 2);
    assert_eq!(r[1]["error"]["field"], "disability_grade");
    assert_eq!(
        r[1].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["id", "index", "line", "error"],
        "where it came from before what went wrong, as in an estimate record"
    );
    assert_eq!(
        r[1]["error"]["message"],
        "字段 `disability_grade` 出现了两次（先为 7，又为 3）；每个字段只能给出一次"
    );
    assert_eq!(
        r[1]["error"]["value"], "3",
        "the second value, as JSON text"
    );
    let e = sandwich(
        br#"{"province":"sichuan","disability_grade":7,"factors":{"fault":"intent","fault":"intent"}}"#,
    );
    assert_eq!(e["field"], "factors.fault", "named by its path");
    let (r, _, _) = batch(
        br#"{"id":"c-9","province":"sichuan","disability_grade":7,"disability_grade":3}"#.to_vec(),
    );
    assert_eq!(
        r[0]["id"], "c-9",
        "the id of a record with a key given twice is kept"
    );
    let (r, _, _) = batch(br#"{"id":"k1","id":"k2","province":"sichuan"}"#.to_vec());
    assert_eq!(
        (
            r[0]["id"].clone(),
            r[0]["error"]["field"].clone(),
            r[0]["error"]["value"].clone()
        ),
        (Value::from("k1"), Value::from("id"), Value::from(r#""k2""#)),
        "an id given twice names the record by the first, the error's value is the second"
    );
    assert_eq!(
        e["message"],
        r#"字段 `factors.fault` 出现了两次（先为 "intent"，又为 "intent"）；每个字段只能给出一次"#
    );
    assert_eq!(e["value"], r#""intent""#);
    let e = sandwich(
        br#"{"province":"sichuan","harm":"personal-info","info_items":{"other":1,"other":2}}"#,
    );
    assert_eq!(e["field"], "info_items.other");
    let e = sandwich(br#"{"province":"sichuan","disability_grade":7,}"#);
    assert!(e["message"].as_str().unwrap().contains("JSON"));
}

/// A single case from `--case` with a key given twice names its record as batch does: by the
/// first `id` in the file (was null), or by `--id` when given; and the message never blames the
/// `--id` flag for the file's own key (it had said "（命令行参数 --id）").
#[test]
fn a_case_file_with_a_key_given_twice_keeps_its_first_id() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("dup.json");
    std::fs::write(
        &f,
        r#"{"id":"a","id":"b","province":"sichuan","disability_grade":7}"#,
    )
    .unwrap();
    let f = f.to_str().unwrap();
    let (out, err, code) = flags(&["--case", f, "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["id"], "a", "{v}");
    assert_eq!(v["error"]["field"], "id");
    assert_eq!(v["error"]["value"], r#""b""#);
    let (out, err, code) = flags(&["--case", f, "--id", "z", "--format", "jsonl"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["id"], "z", "--id names the case, as it does an estimate");
    assert_eq!(
        err,
        "estimate: 字段 `id` 出现了两次（先为 \"a\"，又为 \"b\"）；每个字段只能给出一次\n"
    );
    let (_, err, _) = flags(&["--case", f, "--id", "z", "--lang", "en"]);
    assert_eq!(
        err,
        "estimate: `id` is given twice (\"a\", then \"b\"); give each field once\n"
    );
    // another key twice, the id once: the record is named by it
    std::fs::write(
        dir.path().join("dup2.json"),
        r#"{"id":"q","province":"sichuan","province":"anhui"}"#,
    )
    .unwrap();
    let f2 = dir.path().join("dup2.json");
    let (out, _, code) = flags(&["--case", f2.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["id"].as_str(), v["error"]["field"].as_str()),
        (Some("q"), Some("province"))
    );
}

/// A key given twice names both its values: the second in the error's `value` (as JSON text,
/// as every error's value is), both in the message, in either language; an `id` given twice keeps
/// the first as the record's id, so a script can match the record to its input.
#[test]
fn a_key_given_twice_names_its_values_and_keeps_the_first_id() {
    let dup_id = br#"{"id":"z","province":"sichuan","harm":"death","id":"zz"}"#;
    for (lang, message) in [
        (
            &[][..],
            r#"字段 `id` 出现了两次（先为 "z"，又为 "zz"）；每个字段只能给出一次"#,
        ),
        (
            &["--lang", "en"][..],
            r#"`id` is given twice ("z", then "zz"); give each field once"#,
        ),
    ] {
        let (r, code, _) = batch_with(dup_id.to_vec(), lang);
        assert_eq!(code, 1);
        assert_eq!(r[0]["id"], "z", "{}", r[0]);
        assert_eq!(r[0]["error"]["field"], "id");
        assert_eq!(r[0]["error"]["value"], r#""zz""#);
        assert_eq!(r[0]["error"]["message"], message);
    }
    // a number id, an object's value (JSON text, numbers as written), a key deeper down
    let input = concat!(
        r#"{"id":7,"province":"sichuan","id":8}"#,
        "\n",
        r#"{"id":"o","province":"sichuan","factors":{"fault":"intent","fault":{"a":[1,2.50]}}}"#,
        "\n",
        r#"{"id":"p","province":"sichuan","harm":"death","harm":"injury","id":"q"}"#,
        "\n",
    );
    let (r, _, _) = batch(input.as_bytes().to_vec());
    assert_eq!(r.len(), 3);
    assert_eq!(
        (r[0]["id"].as_str(), r[0]["error"]["value"].as_str()),
        (Some("7"), Some("8"))
    );
    assert_eq!(r[1]["id"], "o");
    assert_eq!(r[1]["error"]["field"], "factors.fault");
    assert_eq!(r[1]["error"]["value"], r#"{"a":[1,2.50]}"#);
    // the first key given twice is the one named; the id is the first `id`
    assert_eq!(r[2]["id"], "p");
    assert_eq!(r[2]["error"]["field"], "harm");
    assert_eq!(r[2]["error"]["value"], r#""injury""#);
    // --case: the same error, in the report's language
    let (_, err, code) = single(std::str::from_utf8(dup_id).unwrap(), &["--lang", "en"]);
    assert_eq!(code, 1);
    assert!(
        err.contains(r#"`id` is given twice ("z", then "zz")"#),
        "{err}"
    );
}

#[test]
fn bom_and_crlf() {
    let input = format!("\u{feff}{GOOD}\r\n{GOOD}\r\n");
    let (r, code, _) = batch(input.into_bytes());
    assert_eq!((r.len(), code), (2, 0));
}

#[test]
fn truncated_last_line() {
    let input = format!("{GOOD}\n{GOOD}\n{{\"province\":\"sich");
    let (r, code, _) = batch(input.into_bytes());
    assert_eq!(r.len(), 3);
    assert_eq!(code, 1);
    assert!(r[2].get("error").is_some());
}

#[test]
fn empty_input_gives_no_records_and_success() {
    let (r, code, err) = batch(Vec::new());
    assert_eq!((r.len(), code), (0, 0));
    assert!(err.contains("0 件已估算"), "{err}");
}

#[test]
fn wan_amount_gets_a_hint() {
    let e = sandwich(r#"{"province":"beijing","harm":"death","avg_wage":"2万"}"#.as_bytes());
    assert_eq!(e["field"], "avg_wage");
    assert!(e["message"].as_str().unwrap().contains("20000"));
}

#[test]
fn misspelt_field_suggests_the_right_one() {
    let e = sandwich(br#"{"province":"sichuan","disabilty_grade":7}"#);
    assert_eq!(e["field"], "disabilty_grade");
    assert!(e["message"].as_str().unwrap().contains("disability_grade"));
}

#[test]
fn out_of_range_values_are_errors_not_clamps() {
    for (body, field) in [
        (
            r#"{"province":"sichuan","disability_grade":0}"#,
            "disability_grade",
        ),
        (
            r#"{"province":"sichuan","disability_grade":7.5}"#,
            "disability_grade",
        ),
        (r#"{"province":"sichuan","harm":"death","age":151}"#, "age"),
        (
            r#"{"province":"sichuan","disability_grade":7,"victim_fault":1.2}"#,
            "victim_fault",
        ),
        (
            r#"{"province":"sichuan","disability_grade":7,"date":"2025-02-29"}"#,
            "date",
        ),
        (
            r#"{"province":"sichuan","harm":"death","avg_living_expense":-5}"#,
            "avg_living_expense",
        ),
        (r#"{"province":"sichuan","harm":"disabilty"}"#, "harm"),
        (
            r#"{"province":"sichuan","harm":"personality","factors":{"fault":"intnet"}}"#,
            "factors.fault",
        ),
    ] {
        assert_eq!(sandwich(body.as_bytes())["field"], field, "{body}");
    }
}

#[test]
fn a_long_id_is_echoed_whole() {
    // scripts join results to cases on the id: it is never shortened, in estimates or errors
    let id = format!("/案件/{}", "a".repeat(200));
    let good = format!(r#"{{"id":"{id}","province":"sichuan","disability_grade":7}}"#);
    let bad = format!(r#"{{"id":"{id}","province":"sichuan","disability_grade":11}}"#);
    let (r, code, _) = batch(format!("{good}\n{bad}\n").into_bytes());
    assert_eq!(code, 1);
    assert_eq!(r[0]["id"], id.as_str());
    assert_eq!(r[1]["id"], id.as_str());
}

#[test]
fn numbers_get_the_message_that_fits_them() {
    let msg = |field: &str, value: &str| -> String {
        let rec = format!(r#"{{"province":"sichuan","disability_grade":3,"{field}":{value}}}"#);
        let (r, _, _) = batch_en(rec.into_bytes());
        r[0]["error"]["message"]
            .as_str()
            .unwrap_or("(no error)")
            .to_string()
    };
    for v in [r#""0x10""#, r#""0b1""#, r#""1.5.2""#, r#""--1""#] {
        assert!(
            msg("avg_wage", v).ends_with(
                "is not a number: expected a number from 0 to 1000000000000 (inclusive)"
            ),
            "{v}: {}",
            msg("avg_wage", v)
        );
    }
    assert!(msg("avg_wage", r#""NaN""#).contains("give a finite number"));
    assert!(msg("avg_wage", r#""1e-30""#).contains("too many decimal places"));
    assert!(msg("liability", "1e-400").contains("too many decimal places"));
    // too large: the field's own range, not the amounts'
    assert!(
        msg("liability", "1e400").contains("allowed 0 to 1 (inclusive)"),
        "{}",
        msg("liability", "1e400")
    );
    // exactly 1, however many zeros follow the point; zero however written
    assert_eq!(
        msg("liability", "1.000000000000000000000000000000000"),
        "(no error)"
    );
    assert_eq!(msg("victim_fault", r#""0e999999999""#), "(no error)");
    // any number of them, past the 64 characters a number may otherwise have; in exponent form too
    let long = format!("0.5{}", "0".repeat(70));
    assert_eq!(msg("liability", &long), "(no error)");
    let exp = format!("5.{}e-1", "0".repeat(34));
    assert_eq!(msg("liability", &exp), "(no error)");
}

/// Runs one case from stdin (`--case -`) with `extra` flags; returns stdout, stderr and the
/// exit code.
fn single(case: &str, extra: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .env("SOLATIUM_TODAY", "2026-11-22")
        .env_remove("SOLATIUM_RULES")
        .args(["--case", "-"])
        .args(extra)
        .write_stdin(case)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!err.contains("panicked"), "panic: {err}");
    (
        String::from_utf8(out.stdout).unwrap(),
        err,
        out.status.code().unwrap(),
    )
}

#[test]
fn a_null_id_means_no_id() {
    // the schema allows null and the output writes "id": null for a case without one
    let case = r#"{"id":null,"province":"sichuan","disability_grade":7,"liability":0.5}"#;
    let (r, code, err) = batch(format!("{case}\n").into_bytes());
    assert_eq!(code, 0, "{err}");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["id"], Value::Null);
    assert_eq!(r[0]["amount"]["point"], 20000);
    let (out, err, code) = single(case, &["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (&v["id"], &v["amount"]["point"]),
        (&Value::Null, &20000.into())
    );
    // a null id in an error record stays null too
    let (r, code, _) = batch(br#"{"id":null,"province":"sichuan","disability_grade":11}"#.to_vec());
    assert_eq!(code, 1);
    assert_eq!(r[0]["id"], Value::Null);
    assert_eq!(r[0]["error"]["field"], "disability_grade");
    // another type is still refused, naming what is allowed
    let e = sandwich(br#"{"id":true,"province":"sichuan","disability_grade":7}"#);
    assert_eq!((&e["field"], &e["value"]), (&"id".into(), &"true".into()));
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("应为字符串、数字或 null"),
        "{e}"
    );
}

/// Runs the CLI with flags alone; returns stdout, stderr and the exit code.
fn flags(args: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .env("SOLATIUM_TODAY", "2026-11-22")
        .env_remove("SOLATIUM_RULES")
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!err.contains("panicked"), "panic: {err}");
    (
        String::from_utf8(out.stdout).unwrap(),
        err,
        out.status.code().unwrap(),
    )
}

const PROVINCE_ZH: &str = "请给出省份，如 sichuan、四川、川 或 510000；全国规则用 national";
const PROVINCE_EN: &str =
    "give the province, e.g. sichuan, 四川, 川 or 510000; national for the national rules alone";

#[test]
fn an_empty_province_says_it_is_empty_and_what_to_give() {
    // flags: the field, the value (quoted), what is allowed, and the flag, in each language
    for value in ["", "  "] {
        let (_, err, code) = flags(&["--province", value, "--disability-grade", "7"]);
        assert_eq!(code, 1, "{err}");
        assert_eq!(
            err.trim_end(),
            format!(
                "estimate: 字段 `province` 的值 {value:?} 为空：{PROVINCE_ZH}（命令行参数 --province）"
            )
        );
        let (_, err, code) = flags(&[
            "--province",
            value,
            "--disability-grade",
            "7",
            "--lang",
            "en",
        ]);
        assert_eq!(code, 1, "{err}");
        assert_eq!(
            err.trim_end(),
            format!("estimate: `province` = {value:?} is empty: {PROVINCE_EN} (flag --province)")
        );
    }
    // JSON, one case and batch
    let case = r#"{"province":"","disability_grade":7}"#;
    let (_, err, code) = single(case, &["--lang", "en"]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        format!("estimate: `province` = \"\" is empty: {PROVINCE_EN}")
    );
    let e = sandwich(case.as_bytes());
    assert_eq!(
        (&e["field"], &e["value"]),
        (&"province".into(), &"\"\"".into())
    );
    assert_eq!(
        e["message"],
        format!("字段 `province` 的值 \"\" 为空：{PROVINCE_ZH}").as_str()
    );
    // missing altogether: the same guidance
    let (_, err, code) = flags(&["--disability-grade", "7", "--lang", "en"]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        format!("estimate: missing `province`: {PROVINCE_EN} (flag --province)")
    );
    // another type names the forms a province takes
    let (_, err, code) = single(r#"{"province":true,"disability_grade":7}"#, &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("字段 `province` 的值 true 类型不对：应为省份名称或代码，如 sichuan、四川、川 或 510000"),
        "{err}"
    );
}

#[test]
fn text_that_is_not_a_number_names_the_range_allowed() {
    // (flag, field, value, zh allowed, en allowed, zh hint, en hint)
    let cases: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
        (
            "--liability",
            "liability",
            "abc",
            "数字，范围 0 至 1（含本数）",
            "a number from 0 to 1 (inclusive)",
            "",
            "",
        ),
        (
            "--liability",
            "liability",
            "",
            "数字，范围 0 至 1（含本数）",
            "a number from 0 to 1 (inclusive)",
            "",
            "",
        ),
        (
            "--disability-grade",
            "disability_grade",
            "七",
            "整数，范围 1 至 10（含本数）",
            "a whole number from 1 to 10 (inclusive)",
            "；请写成阿拉伯数字，七 写作 7",
            "; write it in digits: 七 is 7",
        ),
        (
            "--age",
            "age",
            "三十",
            "整数，范围 0 至 150（含本数）",
            "a whole number from 0 to 150 (inclusive)",
            "；请写成阿拉伯数字，如 七 写作 7",
            "; write it in digits, e.g. 7 for 七",
        ),
        (
            "--victim-fault",
            "victim_fault",
            "50%",
            "数字，范围 0 至 1（含本数）",
            "a number from 0 to 1 (inclusive)",
            "；请写成小数，如 50% 写作 0.5",
            "; write a fraction: 50% is 0.5",
        ),
        (
            "--detention-days",
            "detention_days",
            "x",
            "整数，范围 0 至 36525（含本数）",
            "a whole number from 0 to 36525 (inclusive)",
            "",
            "",
        ),
    ];
    for &(flag, field, value, zh, en, hint_zh, hint_en) in cases {
        let base = ["--province", "sichuan", "--harm", "death", flag, value];
        let (_, err, code) = flags(&base);
        assert_eq!(code, 1, "{flag} {value}: {err}");
        assert_eq!(
            err.trim_end(),
            format!(
                "estimate: 字段 `{field}` 的值 {value:?} 不是数字：应为{zh}{hint_zh}（命令行参数 {flag}）"
            )
        );
        let (_, err, code) = flags(&[&base[..], &["--lang", "en"]].concat());
        assert_eq!(code, 1, "{flag} {value}: {err}");
        assert_eq!(
            err.trim_end(),
            format!(
                "estimate: `{field}` = {value:?} is not a number: expected {en}{hint_en} (flag {flag})"
            )
        );
        // the same from JSON, in a batch record
        let rec = format!(r#"{{"province":"sichuan","harm":"death","{field}":{value:?}}}"#);
        let e = sandwich(rec.as_bytes());
        assert_eq!(e["field"], field);
        assert_eq!(e["value"], format!("{value:?}").as_str());
        assert_eq!(
            e["message"],
            format!("字段 `{field}` 的值 {value:?} 不是数字：应为{zh}{hint_zh}").as_str()
        );
    }
    // a nested count names its full field and range
    let (_, err, code) = flags(&[
        "--province",
        "national",
        "--info-sensitive",
        "x",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        "estimate: `info_items.sensitive` = \"x\" is not a number: expected a whole number from 0 to 1000000000000 (inclusive) (flag --info-sensitive)"
    );
}

#[test]
fn numbers_of_the_wrong_kind_name_the_range_allowed() {
    // a fraction where whole numbers are allowed
    let (_, err, code) = flags(&["--province", "sichuan", "--disability-grade", "7.5"]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        "estimate: 字段 `disability_grade` 的值 7.5 不是整数：应为整数，范围 1 至 10（含本数）（命令行参数 --disability-grade）"
    );
    let (_, err, _) = flags(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "7.5",
        "--lang",
        "en",
    ]);
    assert_eq!(
        err.trim_end(),
        "estimate: `disability_grade` = 7.5 is not a whole number: expected a whole number from 1 to 10 (inclusive) (flag --disability-grade)"
    );
    // another JSON type
    let (_, err, code) = single(
        r#"{"province":"sichuan","disability_grade":7,"liability":true}"#,
        &["--lang", "en"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        "estimate: `liability` = true has the wrong type: expected a number from 0 to 1 (inclusive)"
    );
    let (_, err, _) = single(r#"{"province":"sichuan","disability_grade":[7]}"#, &[]);
    assert_eq!(
        err.trim_end(),
        "estimate: 字段 `disability_grade` 的值 [7] 类型不对：应为整数，范围 1 至 10（含本数）"
    );
}

/// A date after today (SOLATIUM_TODAY 2026-11-22 here) is most likely a typo: the estimate is
/// made all the same, with a note asking to check it, in the report's language; today itself and
/// an earlier date get no such note.
#[test]
fn a_date_after_today_is_estimated_with_a_note_to_check_it() {
    let note = |date: &str, lang: &str| {
        let (out, err, code) = flags(&[
            "--province",
            "sichuan",
            "--disability-grade",
            "7",
            "--date",
            date,
            "--format",
            "json",
            "--lang",
            lang,
        ]);
        assert_eq!(code, 0, "{date}: {err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        v["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        note("2205-06-01", "zh")
            .contains("案件日期 2205-06-01 晚于今天（2026-11-22），请核对是否有误"),
        "{}",
        note("2205-06-01", "zh")
    );
    assert!(
        note("2026-11-23", "en").contains(
            "The case's date, 2026-11-23, is after today (2026-11-22): check it is not a typo"
        ),
        "{}",
        note("2026-11-23", "en")
    );
    for date in ["2026-11-22", "2025-06-01"] {
        assert!(!note(date, "zh").contains("晚于今天"), "{date}");
    }
}

#[test]
fn an_invalid_date_shows_the_value_quoted_and_the_form_allowed() {
    // a date written another common way also gets the YYYY-MM-DD it reads as
    for (value, zh_hint, en_hint) in [
        ("", "", ""),
        ("2025-02-29", "", ""),
        (
            "2025/06/01",
            "；是否想输入 2025-06-01？",
            "; did you mean 2025-06-01?",
        ),
    ] {
        let base = [
            "--province",
            "sichuan",
            "--disability-grade",
            "7",
            "--date",
            value,
        ];
        let (_, err, code) = flags(&base);
        assert_eq!(code, 1, "{value}: {err}");
        assert_eq!(
            err.trim_end(),
            format!(
                "estimate: 字段 `date` 的值 {value:?} 不是有效日期：应为真实存在的日期，格式 YYYY-MM-DD{zh_hint}（命令行参数 --date）"
            )
        );
        let (_, err, code) = flags(&[&base[..], &["--lang", "en"]].concat());
        assert_eq!(code, 1, "{value}: {err}");
        assert_eq!(
            err.trim_end(),
            format!(
                "estimate: `date` = {value:?} is not a valid date: expected a real date as YYYY-MM-DD{en_hint} (flag --date)"
            )
        );
        let rec = format!(r#"{{"province":"sichuan","disability_grade":7,"date":{value:?}}}"#);
        let e = sandwich(rec.as_bytes());
        assert_eq!(
            (&e["field"], &e["value"]),
            (&"date".into(), &format!("{value:?}").into())
        );
    }
    // another JSON type, as JSON text
    let (_, err, code) = single(
        r#"{"province":"sichuan","disability_grade":7,"date":20250601}"#,
        &["--lang", "en"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        "estimate: `date` = 20250601 is not a valid date: expected a real date as YYYY-MM-DD"
    );
}

#[test]
fn an_amount_limit_is_written_one_way_in_every_message() {
    // above the limit, too large to hold exactly, not a number: each says 1000000000000 (the form
    // the input takes; a thousands separator is refused there)
    let base = [
        "--province",
        "national",
        "--context",
        "state-compensation",
        "--harm",
        "detention",
        "--base-compensation",
    ];
    for (value, shown, zh, en) in [
        (
            "10000000000000",
            "10000000000000",
            "超出允许范围：应在 0 至 1000000000000 之间（含本数）",
            "is out of range: allowed 0 to 1000000000000 (inclusive)",
        ),
        (
            "1e40",
            "\"1e40\"",
            "超出允许范围：应在 0 至 1000000000000 之间（含本数）",
            "is out of range: allowed 0 to 1000000000000 (inclusive)",
        ),
        (
            "abc",
            "\"abc\"",
            "不是数字：应为数字，范围 0 至 1000000000000（含本数）",
            "is not a number: expected a number from 0 to 1000000000000 (inclusive)",
        ),
    ] {
        let (_, err, code) = flags(&[&base[..], &[value]].concat());
        assert_eq!(code, 1, "{value}: {err}");
        assert_eq!(
            err.trim_end(),
            format!(
                "estimate: 字段 `base_compensation` 的值 {shown} {zh}（命令行参数 --base-compensation）"
            )
        );
        let (_, err, code) = flags(&[&base[..], &[value, "--lang", "en"]].concat());
        assert_eq!(code, 1, "{value}: {err}");
        assert_eq!(
            err.trim_end(),
            format!("estimate: `base_compensation` = {shown} {en} (flag --base-compensation)")
        );
    }
    // the same for a count too large to hold: 36525, not 36,525
    let e = sandwich(br#"{"province":"national","harm":"detention","detention_days":1e40}"#);
    assert_eq!(
        e["message"],
        "字段 `detention_days` 的值 1e+40 超出允许范围：应在 0 至 36525 之间（含本数）"
    );
}

/// A case naming no harm is told every field that implies one (the grade, the item counts, the
/// days), and `--help` says so at --harm and at the flags that imply it.
#[test]
fn a_missing_harm_names_every_field_that_implies_one() {
    let (_, err, code) = flags(&["--province", "sichuan"]);
    assert_eq!(code, 1);
    for part in [
        "有 disability_grade 时默认为 disability",
        "有 info_items 时为 personal-info",
        "有 detention_days 时为 detention",
    ] {
        assert!(err.contains(part), "{err}");
    }
    let (_, err, _) = flags(&["--province", "sichuan", "--lang", "en"]);
    assert!(
        err.contains("personal-info by info_items, detention by detention_days"),
        "{err}"
    );
    let (help, _, _) = flags(&["--help", "--lang", "en"]);
    // as one line: clap wraps the help to the terminal's width
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("Implied by --disability-grade, --info-* or --detention-days"),
        "{help}"
    );
    assert!(help.contains("implies --harm detention"), "{help}");
    assert!(help.contains("implies --harm personal-info"), "{help}");
    let (help, _, _) = flags(&["--help"]);
    for says in [
        "给出 --disability-grade、--info-* 或 --detention-days 时可省略",
        "隐含 --harm detention",
        "隐含 --harm personal-info",
    ] {
        assert!(help.contains(says), "{says}\n{help}");
    }
}

/// A factor level or a severity the reader does not know is answered with the names it takes —
/// the Chinese ones too, since it reads them — and with the value as it was written.
#[test]
fn an_unknown_level_or_severity_lists_the_chinese_names_too() {
    let (_, err, code) = flags(&[
        "--province",
        "sichuan",
        "--harm",
        "death",
        "--circumstances",
        "恶劣",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("允许的值：egregious, serious, ordinary, minor，或中文名称：手段恶劣、情节严重、一般、情节轻微（命令行参数 --circumstances）"),
        "{err}"
    );
    // and the Chinese name it lists is read
    let (_, err, code) = flags(&[
        "--province",
        "sichuan",
        "--harm",
        "death",
        "--circumstances",
        "手段恶劣",
    ]);
    assert_eq!(code, 0, "{err}");
    let (_, err, _) = flags(&[
        "--province",
        "shaanxi",
        "--harm",
        "death",
        "--severity",
        "五级",
        "--lang",
        "en",
    ]);
    assert!(
        err.contains(
            "or in Chinese: 一般, 严重, 特别严重, 一级, 二级, 三级, 四级 (flag --severity)"
        ),
        "{err}"
    );
    // a severity a tiered rule lacks is quoted as written: tests/rules_check.rs
    // (a_severity_a_tiered_rule_lacks_is_refused_and_quoted_as_written)
}

/// A flag's boolean that is neither true nor false says what it takes, the Latin set apart from
/// the Chinese (应为布尔值 true 或 false, not 应为true 或 false).
#[test]
fn a_boolean_of_the_wrong_kind_says_true_or_false() {
    let (_, err, code) = flags(&[
        "--province",
        "sichuan",
        "--harm",
        "personality",
        "--profit-motive",
        "yes",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("字段 `profit_motive` 的值 \"yes\" 类型不对：应为布尔值 true 或 false（命令行参数 --profit-motive）"),
        "{err}"
    );
}

/// Digits typed full-width, as a Chinese input method writes them, get the half-width number or
/// date they read as — still refused, the contract's form stays the one accepted.
#[test]
fn full_width_digits_get_the_half_width_form_as_a_hint() {
    let (_, err, code) = flags(&["--province", "sichuan", "--disability-grade", "７"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("请使用半角数字，７ 写作 7（命令行参数 --disability-grade）"),
        "{err}"
    );
    let (_, err, _) = flags(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "7",
        "--liability",
        "０.５",
        "--lang",
        "en",
    ]);
    assert!(
        err.contains("write it in ASCII digits: ０.５ is 0.5 (flag --liability)"),
        "{err}"
    );
    let (_, err, code) = flags(&[
        "--province",
        "sichuan",
        "--harm",
        "death",
        "--date",
        "２０２５－０１－０１",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("是否想输入 2025-01-01？"), "{err}");
    // in a batch record as on the command line
    let (r, code, _) = batch(
        r#"{"province":"sichuan","disability_grade":"１０"}"#
            .as_bytes()
            .to_vec(),
    );
    assert_eq!(code, 1);
    assert!(
        r[0]["error"]["message"]
            .as_str()
            .unwrap()
            .ends_with("请使用半角数字，１０ 写作 10"),
        "{r:?}"
    );
}

/// An empty case file, or empty standard input, is said to be empty — not "EOF while parsing a
/// value at line 1, column 0" — in the report's language; exit 1, as for any case that fails.
#[test]
fn an_empty_case_file_is_said_to_be_empty() {
    let (_, err, code) = single("", &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("标准输入为空，没有案件；请给出一个 JSON 对象"),
        "{err}"
    );
    assert!(!err.contains("第 0 列"), "{err}");
    let (_, err, _) = single("\u{feff}\r\n", &["--lang", "en"]);
    assert!(
        err.contains("standard input is empty: no case; give one JSON object"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.json");
    std::fs::write(&path, "").unwrap();
    let (_, err, code) = flags(&["--case", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!("案件文件 {} 为空", path.display())),
        "{err}"
    );
}

/// 内蒙, as Inner Mongolia is commonly written, is read as 内蒙古自治区.
#[test]
fn nei_meng_is_inner_mongolia() {
    let (out, err, code) = flags(&[
        "--province",
        "内蒙",
        "--harm",
        "death",
        "--context",
        "traffic",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["jurisdiction"], "neimenggu");
}

/// The Chinese names of harm, context, infringer, victim and injury degree are read as the names
/// they stand for, as factor levels and severities are: the same estimate as in English names;
/// a value it does not know lists them.
#[test]
fn chinese_names_of_harm_context_party_and_injury_degree_are_read() {
    let run = |args: &[&str]| {
        let mut all = vec!["--province", "安徽", "--format", "json"];
        all.extend_from_slice(args);
        let (out, err, code) = flags(&all);
        assert_eq!(code, 0, "{args:?}: {err}");
        let mut v: Value = serde_json::from_str(&out).unwrap();
        v.as_object_mut().unwrap().remove("id");
        v
    };
    assert_eq!(
        run(&[
            "--harm",
            "人身伤害",
            "--context",
            "交通事故",
            "--injury-degree",
            "轻伤",
            "--infringer",
            "单位"
        ]),
        run(&[
            "--harm",
            "injury",
            "--context",
            "traffic",
            "--injury-degree",
            "minor",
            "--infringer",
            "organization"
        ]),
    );
    assert_eq!(run(&["--harm", "死亡"])["harm"], "death");
    assert_eq!(
        run(&["--harm", "人格权益", "--victim", "法人"])["basis"],
        "refusal"
    );
    let (_, err, code) = flags(&["--province", "sichuan", "--harm", "死了"]);
    assert_eq!(code, 1);
    assert!(err.contains("，或中文名称：死亡、残疾、人身伤害、人格权益、具有人身意义的特定物、著作人身权、个人信息、人身自由（命令行参数 --harm）"), "{err}");
}

/// A single case's error record is written as its estimate would be: pretty-printed in `json`,
/// one line in `jsonl`.
#[test]
fn a_single_error_record_is_pretty_in_json_and_one_line_in_jsonl() {
    let case = [
        "--province",
        "sichuan",
        "--disability-grade",
        "11",
        "--format",
    ];
    for (format, lines) in [("json", 8), ("jsonl", 1)] {
        let (out, _, code) = flags(&[&case[..], &[format]].concat());
        assert_eq!(code, 1);
        assert_eq!(out.lines().count(), lines, "{format}: {out}");
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["error"]["field"], "disability_grade");
        let (ok, _, _) = flags(&[
            "--province",
            "sichuan",
            "--disability-grade",
            "7",
            "--format",
            format,
        ]);
        assert_eq!(ok.lines().count() > 1, lines > 1, "{format}: {ok}");
    }
}

/// `schema` prints JSON: `--format json` as it is, `jsonl` on one line; a format that is not JSON
/// is a usage error saying so (it had been ignored), in the report's language.
#[test]
fn schema_takes_json_formats_only() {
    for which in ["case", "estimate"] {
        let (out, _, code) = flags(&["schema", which, "--format", "jsonl"]);
        assert_eq!(code, 0);
        assert_eq!(out.lines().count(), 1);
        let one: Value = serde_json::from_str(&out).unwrap();
        let (out, _, _) = flags(&["schema", which, "--format", "json"]);
        assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), one);
    }
    let (out, err, code) = flags(&["schema", "case", "--format", "csv"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("schema 输出的是 JSON Schema，不能用 --format csv"),
        "{err}"
    );
    let (_, err, code) = flags(&["--lang", "en", "--format", "table", "schema", "estimate"]);
    assert_eq!(code, 2);
    assert!(err.contains("not --format table"), "{err}");
}

/// An array given to --case (a batch file) is answered with where several cases go, not only
/// "a case must be one JSON object".
#[test]
fn an_array_given_to_case_points_to_batch() {
    let array =
        r#"[{"province":"sichuan","disability_grade":7},{"province":"anhui","harm":"death"}]"#;
    let (_, err, code) = single(array, &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--case 只读一个案件（一个 JSON 对象），收到的是含 2 项的数组；多个案件请用 estimate batch -"),
        "{err}"
    );
    let (_, err, _) = single(
        r#"[{"province":"sichuan","disability_grade":7}]"#,
        &["--lang", "en"],
    );
    assert!(
        err.contains("got an array of 1 item; for several cases use estimate batch -"),
        "{err}"
    );
}

/// JSON Lines or objects back to back given to --case (a batch file) get the same answer an
/// array gets, not "trailing characters"; a value followed by anything else is still a JSON
/// error. From a file as from stdin.
#[test]
fn json_lines_given_to_case_points_to_batch() {
    let a = r#"{"province":"sichuan","disability_grade":7}"#;
    let b = r#"{"province":"anhui","harm":"death"}"#;
    for (input, n) in [
        (format!("{a}\n{b}\n"), 2),
        (format!("{a}{b}{a}"), 3),
        (format!("\u{feff}{a}\r\n{b}\r\n\r\n"), 2),
    ] {
        let (_, err, code) = single(&input, &[]);
        assert_eq!(code, 1, "{input}: {err}");
        assert!(
            err.contains(&format!("--case 只读一个案件（一个 JSON 对象），收到的是 {n} 个依次排列的 JSON 对象（JSON Lines 或首尾相接）；多个案件请用 estimate batch -")),
            "{input}: {err}"
        );
        assert!(!err.contains("多余的字符"), "{err}");
        let (_, err, code) = single(&input, &["--lang", "en"]);
        assert_eq!(code, 1, "{input}: {err}");
        assert!(
            err.contains(&format!("--case reads one case (one JSON object), but got {n} JSON objects one after another (JSON Lines or back to back); for several cases use estimate batch -")),
            "{input}: {err}"
        );
    }
    // from a file: the hint names it
    let dir = std::env::temp_dir().join(format!("solatium-jsonl-case-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cases.jsonl");
    std::fs::write(&file, format!("{a}\n{b}\n")).unwrap();
    let (_, err, code) = flags(&["--case", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("多个案件请用 estimate batch {}", file.display())),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    // an object followed by something that is not one: still the JSON error
    for junk in [format!("{a} x"), format!("{a}\n5\n")] {
        let (_, err, code) = single(&junk, &[]);
        assert_eq!(code, 1, "{junk}: {err}");
        assert!(err.contains("值之后有多余的字符"), "{junk}: {err}");
    }
}

/// --format's help says what `text` gives where there is no single report: batch's and compare's
/// table, which they print for it.
#[test]
fn format_text_help_says_batch_and_compare_give_the_table() {
    let (help, _, _) = flags(&["batch", "--help", "--lang", "en"]);
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("text: the report, for reading (batch and compare: the table"),
        "{help}"
    );
    let (zh, _, _) = flags(&["batch", "--help"]);
    assert!(
        zh.contains("text   供阅读的报告（batch 与 compare 为表格"),
        "{zh}"
    );
    let input = r#"{"province":"sichuan","disability_grade":7}"#;
    let text = Command::cargo_bin("estimate")
        .unwrap()
        .args(["batch", "-", "--format", "text"])
        .write_stdin(input)
        .output()
        .unwrap();
    let table = Command::cargo_bin("estimate")
        .unwrap()
        .args(["batch", "-", "--format", "table"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(text.stdout, table.stdout);
}

/// --lang, --format and schema's argument take any letter case, as the case's value names do
/// (`--harm Death`): `--format CSV`, `--lang EN`.
#[test]
fn option_values_take_any_letter_case() {
    let (out, err, code) = flags(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "7",
        "--format",
        "CSV",
        "--lang",
        "EN",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("\u{feff}id,index,file,"), "{out}");
    let (_, err, code) = flags(&[
        "--province",
        "sichuan",
        "--disability-grade",
        "11",
        "--lang",
        "En",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("is out of range"), "{err}");
    let (out, _, code) = flags(&["schema", "Case"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"$schema\""));
}

/// `--help` is in Chinese, the report's default language: usage, the case flags, the exit codes
/// and the disclaimer; `--lang en --help` is clap's English help. Every Chinese harm, context,
/// factor level and severity name it lists is read (a list that named one the reader refuses
/// would send a user to an error).
#[test]
fn help_is_chinese_by_default_and_the_names_it_lists_are_read() {
    let (help, _, code) = flags(&["--help"]);
    assert_eq!(code, 0);
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for line in [
        "依据我国法律及各地参考标准估算精神损害抚慰金，每个数额均注明出处。",
        "用法：estimate [选项]",
        "estimate --province sichuan --disability-grade 7 --liability 0.5",
        "案件选项：",
        "--liability <LIABILITY> 侵权人的责任系数，0 至 1",
        "退出码： 0 全部案件估算成功",
        "2 用法错误",
        "本结果为估算，不构成法律意见。",
    ] {
        assert!(help.contains(line), "{line}\n{help}");
    }
    let (en, _, code) = flags(&["--lang", "en", "--help"]);
    assert_eq!(code, 0);
    for line in [
        "Usage: estimate [OPTIONS]",
        "Exit codes:",
        "not legal advice",
    ] {
        assert!(en.contains(line), "{line}\n{en}");
    }
    assert!(!en.contains("案件选项"), "{en}");
    for (flag, level) in [
        ("--fault", "故意"),
        ("--circumstances", "手段恶劣"),
        ("--consequence", "后果特别严重"),
        ("--gain-level", "获利巨大"),
        ("--ability", "较强"),
        ("--living-standard", "较高"),
    ] {
        assert!(help.contains(level), "{level}");
        let (out, err, code) = flags(&[
            "--province",
            "sichuan",
            "--harm",
            "personality",
            flag,
            level,
            "--format",
            "json",
        ]);
        assert_eq!(code, 0, "{flag} {level}: {err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let factors = v["model"]["factors"].as_array().unwrap();
        assert!(
            factors
                .iter()
                .any(|f| f["known"] == true && f["level_label"] == level),
            "{flag} {level}: {factors:?}"
        );
    }
    for harm in [
        "死亡",
        "残疾",
        "人身伤害",
        "人格权益",
        "个人信息",
        "人身自由",
    ] {
        assert!(help.contains(harm), "{harm}");
        let (out, err, code) =
            flags(&["--province", "national", "--harm", harm, "--format", "json"]);
        assert_ne!(code, 2, "{harm}: {err}");
        // read as a harm: the error, if any, is not about the harm's name
        assert!(!err.contains("`harm` 的值"), "{harm}: {err}");
        if code == 0 {
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert!(v["harm"].is_string(), "{harm}: {out}");
        }
    }
    for context in ["民事侵权", "交通事故", "医疗事故", "国家赔偿"] {
        assert!(help.contains(context), "{context}");
        let (_, err, _) = flags(&[
            "--province",
            "national",
            "--harm",
            "death",
            "--context",
            context,
        ]);
        assert!(!err.contains("`context` 的值"), "{context}: {err}");
    }
}

/// Every message serde_json gives for a bad `\u` escape reads in Chinese by default: a leading
/// surrogate with no trailing one after it (`"\ud800x"`) had kept serde_json's English.
#[test]
fn bad_unicode_escapes_are_explained_in_chinese() {
    for bad in [
        r#"{"id":"\ud800x","province":"sichuan","disability_grade":7}"#,
        r#"{"id":"\ud800\u0041","province":"sichuan","disability_grade":7}"#,
        r#"{"id":"\u12","province":"sichuan","disability_grade":7}"#,
    ] {
        let e = sandwich(bad.as_bytes());
        let msg = e["message"].as_str().unwrap();
        assert!(msg.starts_with("不是有效的 JSON："), "{bad}: {msg}");
        assert!(!msg.is_ascii() && !msg.contains("escape"), "{bad}: {msg}");
    }
}

/// A BOM left in the first key by a spreadsheet export (`"\ufeffid"`), or pasted before a value, is
/// named by its code point: the message had read "未知字段 `id`；是否想输入 `id`？" (the BOM being
/// invisible), and a value showed it in Rust's escape syntax, `\u{feff}`.
#[test]
fn an_invisible_character_in_a_key_or_a_value_is_named() {
    let e = sandwich(
        "{\"\u{feff}id\":\"x\",\"province\":\"sichuan\",\"disability_grade\":7}".as_bytes(),
    );
    assert_eq!(e["field"], "\u{feff}id", "the key as given, for a script");
    assert_eq!(
        e["message"],
        "未知字段 `<U+FEFF>id`；是否想输入 `id`？（允许的字段见 `estimate schema case`）"
    );
    let e = sandwich("{\"province\":\"\u{feff}sichuan\",\"disability_grade\":7}".as_bytes());
    assert_eq!(e["value"], "\"<U+FEFF>sichuan\"");
    let msg = e["message"].as_str().unwrap();
    assert!(
        msg.contains("\"<U+FEFF>sichuan\"") && !msg.contains("\\u{"),
        "{msg}"
    );
}

/// An argument that is not UTF-8 is a usage error said in the report's language, never a panic:
/// reading the command line for `--lang` had used `std::env::args`, which panics on it.
#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_a_usage_error_not_a_panic() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let bad = OsStr::from_bytes(b"\xff");
    for (args, says) in [
        (vec![bad], "无法识别的子命令"),
        (
            vec![
                OsStr::new("--province"),
                OsStr::new("sichuan"),
                OsStr::new("--id"),
                bad,
            ],
            "命令行参数含有不是 UTF-8 的字节",
        ),
        (
            vec![
                OsStr::new("--id"),
                bad,
                OsStr::new("--lang"),
                OsStr::new("en"),
            ],
            "invalid UTF-8",
        ),
    ] {
        let out = Command::cargo_bin("estimate")
            .unwrap()
            .args(&args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

/// SOLATIUM_TODAY that is not a date stops the run with a usage error naming it, whether it is
/// text (`garbage`) or not UTF-8 at all (which had been ignored as if unset); set but empty is
/// unset, as a shell's `SOLATIUM_TODAY= estimate …` means.
#[cfg(unix)]
#[test]
fn solatium_today_that_is_not_a_date_is_refused() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let run = |today: &OsStr| {
        Command::cargo_bin("estimate")
            .unwrap()
            .env("SOLATIUM_TODAY", today)
            .env_remove("SOLATIUM_RULES")
            .args(["--province", "sichuan", "--disability-grade", "7"])
            .output()
            .unwrap()
    };
    for bad in [OsStr::new("garbage"), OsStr::from_bytes(b"2026-11-2\xff")] {
        let out = run(bad);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {err}");
        assert!(
            err.contains("不是日期：应为真实存在的日期，格式 YYYY-MM-DD"),
            "{bad:?}: {err}"
        );
    }
    let out = run(OsStr::new(""));
    assert_eq!(out.status.code(), Some(0));
}

/// `estimate help batch` has both languages, as `batch --help` has: `--lang en` (or `--lang=en`,
/// or another global option) after `help` and the command it names is that command's help, not
/// clap's `unrecognized subcommand '--lang'` (exit 2); so is `--lang en` before `help`.
#[test]
fn help_with_a_global_option_after_it_is_that_commands_help() {
    let (en, err, code) = flags(&["help", "batch", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(en.contains("Usage: estimate batch"), "{en}");
    let (en, err, code) = flags(&["help", "rules", "show", "--lang=en"]);
    assert_eq!(code, 0, "{err}");
    assert!(en.contains("Usage: estimate rules show"), "{en}");
    let (en, err, code) = flags(&["help", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(en.contains("Usage: estimate [OPTIONS]"), "{en}");
    // Chinese, the default, with another global option
    let (zh, err, code) = flags(&["help", "batch", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(zh.contains("用法：estimate batch"), "{zh}");
    assert!(!zh.contains("Usage:"), "{zh}");
    // an unknown command is still an error
    let (_, err, code) = flags(&["help", "nosuch", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(err.contains("nosuch"), "{err}");
    // the global option before `help`, as `estimate --lang en batch x` takes it before `batch`:
    // had been "help takes no options before it"
    for (args, usage) in [
        (
            &["--lang", "en", "help", "batch"][..],
            "Usage: estimate batch",
        ),
        (
            &["--lang=en", "help", "rules", "show"],
            "Usage: estimate rules show",
        ),
        (&["--lang", "en", "help"], "Usage: estimate [OPTIONS]"),
        (
            &["--format", "csv", "help", "compare"],
            "用法：estimate compare",
        ),
    ] {
        let (out, err, code) = flags(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.contains(usage), "{args:?}: {out}");
    }
    let (_, err, code) = flags(&["--lang", "en", "help", "nosuch"]);
    assert_eq!(code, 2);
    assert!(err.contains("unrecognized subcommand 'nosuch'"), "{err}");
    // a case flag before `help` is still the error it was
    let (_, err, code) = flags(&["--province", "sichuan", "help"]);
    assert_eq!(code, 2);
    assert!(err.contains("help 前不能有参数"), "{err}");
}

/// `estimate help -h` (or `--help`) is the help, not an unknown command named `-h`: clap's `help`
/// reads every word after it as a command's name. With a command named, it is that command's.
#[test]
fn help_followed_by_a_help_flag_is_the_help() {
    for (args, first_line) in [
        (
            &["help", "-h"][..],
            "依据我国法律及各地参考标准估算精神损害抚慰金",
        ),
        (
            &["help", "--help"],
            "依据我国法律及各地参考标准估算精神损害抚慰金",
        ),
        (
            &["help", "batch", "-h"],
            "批量估算：从 JSON 文件、目录或标准输入（-）读取案件。",
        ),
        (
            &["help", "--help", "--lang", "en"],
            "Estimate 精神损害抚慰金",
        ),
    ] {
        let (out, err, code) = flags(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.starts_with(first_line), "{args:?}: {out}");
    }
}

/// A file that cannot be read is said plainly in either language: the reason as a user reads it
/// ("no such file or directory"), never the system's raw text ("No such file or directory (os
/// error 2)"). Each path is one the kind of failure is certain for: a file that is not there, a
/// file given as the rule directory, a directory given as the case file, a full disk.
#[cfg(unix)]
#[test]
fn file_errors_give_their_reason_in_the_report_language() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-case.json");
    let a_file = dir.path().join("a-file");
    std::fs::write(&a_file, "x").unwrap();
    let case = |p: &std::path::Path| vec!["--case".to_string(), p.display().to_string()];
    let rules = |p: &std::path::Path| {
        vec![
            "--rules".to_string(),
            p.display().to_string(),
            "--province".into(),
            "sichuan".into(),
            "--disability-grade".into(),
            "7".into(),
        ]
    };
    for (args, zh, en) in [
        (
            case(&missing),
            format!("无法读取案件文件 {}：文件或目录不存在", missing.display()),
            format!(
                "cannot read case file {}: no such file or directory",
                missing.display()
            ),
        ),
        (
            case(dir.path()),
            format!(
                "无法读取案件文件 {}：这是一个目录，不是文件",
                dir.path().display()
            ),
            format!(
                "cannot read case file {}: it is a directory, not a file",
                dir.path().display()
            ),
        ),
        (
            rules(&a_file),
            format!("无法读取规则目录 {}：这不是一个目录", a_file.display()),
            format!(
                "cannot read rule directory {}: not a directory",
                a_file.display()
            ),
        ),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (_, err, code) = flags(&args);
        assert_eq!((code, err), (2, format!("estimate: {zh}\n")));
        let args: Vec<&str> = args.iter().copied().chain(["--lang", "en"]).collect();
        let (_, err, code) = flags(&args);
        assert_eq!((code, err), (2, format!("estimate: {en}\n")));
    }
    // a full disk (Linux's /dev/full)
    for (lang, want) in [
        ("zh", "estimate: 输入输出出错：磁盘空间不足\n"),
        (
            "en",
            "estimate: input/output error: no space left on device\n",
        ),
    ] {
        let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
            return;
        };
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_estimate"))
            .args([
                "--province",
                "sichuan",
                "--disability-grade",
                "7",
                "--lang",
                lang,
            ])
            .env_remove("SOLATIUM_RULES")
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(String::from_utf8(out.stderr).unwrap(), want);
    }
}

/// A batch input that cannot be opened for want of permission is its error record, saying so in
/// the report's language (the system's "Permission denied (os error 13)" in neither). Root reads
/// any file, so run as root the case cannot be made, and the test says so and stops.
#[cfg(unix)]
#[test]
fn a_batch_input_without_read_permission_says_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("locked.json");
    std::fs::write(&p, GOOD).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        eprintln!(
            "skipped: this user reads a file of mode 000 (root), so permission is never denied"
        );
        return;
    }
    for (lang, reason) in [("zh", "：没有访问权限"), ("en", ": permission denied")] {
        let out = Command::cargo_bin("estimate")
            .unwrap()
            .env_remove("SOLATIUM_RULES")
            .arg("batch")
            .arg(&p)
            .args(["--lang", lang])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let message = v["error"]["message"].as_str().unwrap();
        assert!(message.ends_with(reason), "{message}");
        assert!(message.contains(&p.display().to_string()), "{message}");
        assert!(!message.contains("os error"), "{message}");
    }
}

/// Every usage screen speaks the report's language: no `Usage:`, `[OPTIONS]` or `<COMMAND>` in
/// Chinese, Chinese in none in English; the usage line is the command's generic one, never
/// clap's list of the flags given (or a suggested one the user never typed); exit code 2.
#[test]
fn usage_screens_are_in_the_report_language_with_the_generic_usage() {
    const ROOT_ZH: &str = "用法：estimate [选项]\n      estimate <子命令>";
    const ROOT_EN: &str = "Usage: estimate [OPTIONS]\n       estimate <COMMAND>";
    let cases: &[(&[&str], &str, &str)] = &[
        (&[], ROOT_ZH, "请给出案件"),
        (&["help", "bogus"], ROOT_ZH, "无法识别的子命令 'bogus'"),
        (
            &["schema", "case", "extra"],
            "用法：estimate schema [选项] <WHICH>",
            "无法识别的参数 'extra'",
        ),
        (
            &["--province", "sichuan", "--harm", "death", "--foo", "1"],
            ROOT_ZH,
            "无法识别的参数 '--foo'",
        ),
        (
            &["rules", "show"],
            "用法：estimate rules show [选项] <PROVINCE>",
            "缺少必需的参数：<PROVINCE>",
        ),
        (
            &["compare", "--province", "sichuan", "--foo"],
            "用法：estimate compare [选项]\n",
            "无法识别的参数 '--foo'",
        ),
        (
            &["rules", "bogus"],
            "用法：estimate rules [选项] <子命令>",
            "无法识别的子命令 'bogus'",
        ),
    ];
    for (args, usage, msg) in cases {
        let (_, err, code) = flags(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(usage), "{args:?}: {err}");
        assert!(err.contains(msg), "{args:?}: {err}");
        for en in ["Usage", "OPTIONS", "COMMAND", "INFO_OTHER", "For more"] {
            assert!(!err.contains(en), "{args:?}: {en} in {err}");
        }
    }
    let cases: &[(&[&str], &str, &str)] = &[
        (&["--lang", "en"], ROOT_EN, "give a case"),
        (
            &["help", "bogus", "--lang", "en"],
            ROOT_EN,
            "unrecognized subcommand 'bogus'",
        ),
        (
            &["schema", "case", "extra", "--lang", "en"],
            "Usage: estimate schema [OPTIONS] <WHICH>",
            "unexpected argument 'extra'",
        ),
        (
            &[
                "--lang",
                "en",
                "--province",
                "sichuan",
                "--harm",
                "death",
                "--foo",
                "1",
            ],
            ROOT_EN,
            "unexpected argument '--foo'",
        ),
        (
            &["rules", "show", "--lang", "en"],
            "Usage: estimate rules show [OPTIONS] <PROVINCE>",
            "<PROVINCE>",
        ),
    ];
    for (args, usage, msg) in cases {
        let (_, err, code) = flags(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(usage), "{args:?}: {err}");
        assert!(err.contains(msg), "{args:?}: {err}");
        assert!(
            !err.contains("INFO_OTHER") && !err.contains("<LANG>"),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains("用法") && !err.contains("选项"),
            "{args:?}: {err}"
        );
    }
}

/// A hint's example fits the field: 0.5 for a share (liability, victim_fault), 20000 for an
/// amount, a value in range for a grade or an age; never 20000 for a field that allows 0 to 1.
#[test]
fn a_hints_example_fits_the_field() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "--liability",
            "NaN",
            "请给出一个有限的数字，如 0.5",
            "give a finite number in digits, e.g. 0.5",
        ),
        ("--liability", "Infinity", "如 0.5", "e.g. 0.5"),
        (
            "--victim-fault",
            "NaN",
            "请给出一个有限的数字，如 0.5",
            "e.g. 0.5",
        ),
        (
            "--avg-wage",
            "NaN",
            "请给出一个有限的数字，如 20000",
            "give a finite number in digits, e.g. 20000",
        ),
        (
            "--avg-wage",
            "20,000",
            "请去掉千位分隔符，如 20000",
            "drop the thousands separators, e.g. 20000",
        ),
        ("--age", "inf", "如 75", "e.g. 75"),
        // a comma in a share is a decimal comma
        (
            "--liability",
            "0,5",
            "请用小数点，0,5 写作 0.5",
            "use a decimal point: 0,5 is 0.5",
        ),
    ];
    for (flag, value, zh, en) in cases {
        let args = [
            "--province",
            "beijing",
            "--disability-grade",
            "3",
            flag,
            value,
        ];
        let (_, err, code) = flags(&args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains(zh), "{args:?}: {err}");
        assert!(
            !err.contains("20000") || flag.contains("wage"),
            "{args:?}: {err}"
        );
        let (_, err, code) = flags(&[&args[..], &["--lang", "en"]].concat());
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains(en), "{args:?}: {err}");
    }
    // --liabilities in compare: the same share hint
    let (_, err, code) = flags(&[
        "compare",
        "--province",
        "sichuan",
        "--liabilities",
        "0.3,NaN",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("如 0.5") && !err.contains("20000"), "{err}");
}

/// 1e-30 has one significant digit: what is too many is its decimal places (28 fit), and the
/// message says so; a value with too many significant digits is still said to have those.
#[test]
fn too_many_decimal_places_is_not_too_many_significant_digits() {
    for v in ["1e-30", "0.000000000000000000000000000001", "1e-400"] {
        let args = [
            "--province",
            "sichuan",
            "--disability-grade",
            "7",
            "--liability",
            v,
        ];
        let (_, err, code) = flags(&args);
        assert_eq!(code, 1, "{v}: {err}");
        assert!(
            err.contains("小数位数过多：精确计算最多容纳 28 位小数，请减少小数位数"),
            "{v}: {err}"
        );
        assert!(!err.contains("有效数字"), "{v}: {err}");
        let (_, err, _) = flags(&[&args[..], &["--lang", "en"]].concat());
        assert!(
            err.contains("has too many decimal places: exact arithmetic holds at most 28"),
            "{v}: {err}"
        );
        assert!(!err.contains("significant"), "{v}: {err}");
    }
    // 29 significant digits, 17 decimal places: the significant digits are too many
    let args = [
        "--province",
        "beijing",
        "--disability-grade",
        "3",
        "--avg-wage",
        "999999999999.99999999999999999",
    ];
    let (_, err, code) = flags(&args);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("位数过多：精确计算最多容纳 28 位有效数字"),
        "{err}"
    );
    let (_, err, _) = flags(&[&args[..], &["--lang", "en"]].concat());
    assert!(err.contains("at most 28 significant digits"), "{err}");
}
