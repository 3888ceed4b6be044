//! `estimate batch` and `estimate compare`: one output record per input case, in order, errors
//! in place, in every input shape; CSV with a BOM that parses back to the JSON's numbers.

use assert_cmd::Command;
use serde_json::{json, Value};
use std::io::{Read, Write};

fn estimate() -> Command {
    let mut c = Command::cargo_bin("estimate").unwrap();
    c.env("SOLATIUM_TODAY", "2026-11-22")
        .env_remove("SOLATIUM_RULES");
    c
}

const GOOD_A: &str = r#"{"id":"a","province":"sichuan","disability_grade":7,"liability":0.5}"#;
const BAD_B: &str = r#"{"id":"b","province":"sichuan","disability_grade":11}"#;
const GOOD_C: &str = r#"{"id":"c","province":"anhui","harm":"death","victim_fault":0.3}"#;
const BAD_D: &str = r#"{"id":"d","province":"sichaun","harm":"death"}"#;

fn lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// a: 100000 × 0.4 × 0.5 = 20000; c: Anhui death band × 0.7 = 35000–56000; b, d: errors in place.
fn assert_mixed(records: &[Value]) {
    assert_eq!(records.len(), 4, "{records:?}");
    assert_eq!(records[0]["id"], "a");
    assert_eq!(records[0]["amount"]["point"], 20000);
    assert_eq!(records[1]["id"], "b");
    assert_eq!(records[1]["error"]["field"], "disability_grade");
    assert_eq!(records[2]["id"], "c");
    assert_eq!(records[2]["amount"]["low"], 35000);
    assert_eq!(records[2]["amount"]["high"], 56000);
    assert_eq!(records[3]["error"]["field"], "province");
}

#[test]
fn jsonl_on_stdin() {
    let input = format!("{GOOD_A}\n{BAD_B}\n{GOOD_C}\n{BAD_D}\n");
    let out = estimate()
        .args(["batch", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a failed case exits 1");
    let r = lines(&out.stdout);
    assert_mixed(&r);
    assert_eq!(
        (r[1]["index"].as_i64(), r[1]["line"].as_i64()),
        (Some(2), Some(2))
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("2 件已估算，2 件失败"), "{err}");
}

/// Files saved with a byte-order mark (Windows editors), joined by `cat`: the marks between them
/// are file boundaries, not records.
#[test]
fn arrays_saved_with_a_bom_then_concatenated() {
    let input =
        format!("\u{feff}[\n  {GOOD_A},\n  {BAD_B}\n]\n\u{feff}[\n  {GOOD_C},\n  {BAD_D}\n]\n");
    let out = estimate()
        .args(["batch", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_mixed(&lines(&out.stdout));
}

#[test]
fn json_array_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("cases.json");
    std::fs::write(
        &p,
        format!("[\n  {GOOD_A},\n  {BAD_B},\n  {GOOD_C},\n  {BAD_D}\n]\n"),
    )
    .unwrap();
    let out = estimate().arg("batch").arg(&p).output().unwrap();
    assert_mixed(&lines(&out.stdout));
}

#[test]
fn concatenated_pretty_objects() {
    let pretty =
        |s: &str| serde_json::to_string_pretty(&serde_json::from_str::<Value>(s).unwrap()).unwrap();
    let input = [GOOD_A, BAD_B, GOOD_C, BAD_D].map(pretty).join("");
    let out = estimate()
        .args(["batch", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_mixed(&lines(&out.stdout));
}

/// One-line objects separated by commas, on one line or one per line, are concatenated objects:
/// every case is estimated, and no comma becomes a record of its own.
#[test]
fn one_line_objects_separated_by_commas() {
    for sep in [",", " , ", ",\n"] {
        let input = [GOOD_A, BAD_B, GOOD_C, BAD_D].join(sep);
        let out = estimate()
            .args(["batch", "-"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert_mixed(&lines(&out.stdout));
    }
}

/// A record left unclosed in pretty-printed input (concatenated or an array) costs only itself:
/// the records after it are still estimated, each in its place; commas between concatenated
/// objects are separators, not records.
#[test]
fn an_unclosed_pretty_record_costs_only_itself() {
    let pretty =
        |s: &str| serde_json::to_string_pretty(&serde_json::from_str::<Value>(s).unwrap()).unwrap();
    let unclosed = "{\n  \"id\": \"x\",\n  \"province\": \"sichuan\"\n";
    let concatenated = format!(
        "{},\n{unclosed}{},\n{}\n{}",
        pretty(GOOD_A),
        pretty(BAD_B),
        pretty(GOOD_C),
        pretty(BAD_D)
    );
    let array = format!(
        "[\n  {}\n]\n",
        [
            pretty(GOOD_A),
            unclosed.trim_end().replace("\"x\"", "\"x"),
            pretty(BAD_B),
            pretty(GOOD_C),
            pretty(BAD_D)
        ]
        .map(|r| r.replace('\n', "\n  "))
        .join(",\n  ")
    );
    for (shape, input) in [("concatenated", concatenated), ("array", array)] {
        let out = estimate()
            .args(["batch", "-"])
            .write_stdin(input)
            .output()
            .unwrap();
        let mut r = lines(&out.stdout);
        assert_eq!(r.len(), 5, "{shape}: {r:?}");
        let broken = r.remove(1);
        assert_eq!(broken["index"], 2, "{shape}");
        let msg = broken["error"]["message"].as_str().unwrap();
        assert!(msg.contains("未闭合"), "{shape}: {msg}");
        assert_mixed(&r);
        assert_eq!(
            r[1]["index"], 3,
            "{shape}: later records keep their positions"
        );
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("2 件已估算，3 件失败"), "{shape}: {err}");
    }
    // a missing `}` whose brackets the later records balance: without care its frame swallows
    // every record after it up to the array's `]`
    let input = "[\n{\"id\":\"a\",\"province\":\"sichuan\",\"disability_grade\":7},\n\
                 {\"id\":\"b\",\"province\":\"sichuan\",\"disability_grade\":7,\n\
                 {\"id\":\"c\",\"province\":\"anhui\",\"disability_grade\":3},\n\
                 {\"id\":\"d\",\"province\":\"anhui\",\"disability_grade\":3}\n]\n";
    let out = estimate()
        .args(["batch", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    let r = lines(&out.stdout);
    let ids: Vec<_> = r
        .iter()
        .map(|v| (v["index"].clone(), v["id"].clone()))
        .collect();
    assert_eq!(
        ids,
        [
            (json!(1), json!("a")),
            // the unclosed record is named by the id it gave before it broke off
            (json!(2), json!("b")),
            (json!(3), json!("c")),
            (json!(4), json!("d"))
        ]
    );
    assert!(r[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("未闭合"));
    assert_eq!(
        (r[3]["line"].clone(), out.status.code()),
        (json!(5), Some(1))
    );
}

/// A directory with no case files is no cases — exit 0, nothing failed — but stderr says why
/// nothing was estimated, in the report's language.
#[test]
fn an_empty_directory_is_said_to_have_no_case_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
    for (lang, said) in [
        ("zh", "中没有 .json 或 .jsonl 文件，没有案件可读"),
        ("en", "no .json or .jsonl files in "),
    ] {
        let out = estimate()
            .args(["batch", "--lang", lang])
            .arg(dir.path())
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "{err}");
        assert!(out.stdout.is_empty());
        assert!(err.contains(said), "{err}");
    }
}

#[test]
fn directory_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("1.json"), GOOD_A).unwrap();
    std::fs::write(dir.path().join("2.jsonl"), format!("{BAD_B}\n{GOOD_C}\n")).unwrap();
    // the extension in any case; what is skipped is said on stderr
    std::fs::write(dir.path().join("3.JSON"), BAD_D).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub").join("4.json"), GOOD_A).unwrap();
    let out = estimate().arg("batch").arg(dir.path()).output().unwrap();
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(
        err.contains("中跳过 2 项（子目录或非 .json/.jsonl 文件）：notes.txt、sub"),
        "{err}"
    );
    let r = lines(&out.stdout);
    assert_mixed(&r);
    assert!(r[1]["file"].as_str().unwrap().ends_with("2.jsonl"));
    assert_eq!(r[1]["index"], 1, "index is the position within its file");
    // estimates say where they came from too
    assert!(r[2]["file"].as_str().unwrap().ends_with("2.jsonl"));
    assert_eq!(
        (r[2]["index"].as_i64(), r[2]["line"].as_i64()),
        (Some(2), Some(2))
    );
    assert!(r[0]["file"].as_str().unwrap().ends_with("1.json"));
}

#[test]
fn a_broken_line_costs_only_itself() {
    let input = format!("{GOOD_A}\n{{\"id\":\"x\",\"province\":\n{GOOD_C}\n");
    let out = estimate()
        .args(["batch", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    let r = lines(&out.stdout);
    assert_eq!(r.len(), 3);
    assert_eq!(r[0]["amount"]["point"], 20000);
    let msg = r[1]["error"]["message"].as_str().unwrap();
    assert_eq!(
        msg, "不是有效的 JSON：值未结束即到达记录末尾（记录内第 1 行第 21 列）",
        "serde_json's message is given in Chinese too"
    );
    assert_eq!(r[2]["amount"]["low"], 35000);
}

#[test]
fn all_good_exits_zero_and_json_format_is_one_array() {
    let input = format!("{GOOD_A}\n{GOOD_C}\n");
    let out = estimate()
        .args(["batch", "-", "--format", "json"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
}

#[test]
fn csv_has_a_bom_and_parses_back_to_the_json_numbers() {
    let input = format!("{GOOD_A}\n{BAD_B}\n{GOOD_C}\n{BAD_D}\n");
    let json = lines(
        &estimate()
            .args(["batch", "-"])
            .write_stdin(input.clone())
            .output()
            .unwrap()
            .stdout,
    );
    let out = estimate()
        .args(["batch", "-", "--format", "csv"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(
        out.stdout.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 BOM for Excel"
    );
    let mut rdr = csv::Reader::from_reader(&out.stdout[3..]);
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 4);
    for (row, j) in rows.iter().zip(&json) {
        assert_eq!(row[col("id")], *j["id"].as_str().unwrap());
        if j.get("error").is_some() {
            assert_eq!(
                row[col("error_field")],
                *j["error"]["field"].as_str().unwrap()
            );
        } else {
            for k in ["low", "point", "high"] {
                assert_eq!(row[col(k)], j["amount"][k].to_string(), "{k}");
            }
        }
    }
    let notes = &rows[0][col("sources")];
    assert!(notes.contains("四川"), "Chinese text survives: {notes}");
    // the rules column names rules, not the tool's own model or rounding steps:
    // Sichuan personality, all factors ordinary: 500 + 49500 × 0.2575 = 13246.25 → 13246 (rounded)
    let out = estimate()
        .args(["batch", "-", "--format", "csv"])
        .write_stdin(r#"{"province":"sichuan","harm":"personality"}"#)
        .output()
        .unwrap();
    let mut rdr = csv::Reader::from_reader(&out.stdout[3..]);
    let h = rdr.headers().unwrap().clone();
    let row = rdr.records().next().unwrap().unwrap();
    let at = |name: &str| row[h.iter().position(|x| x == name).unwrap()].to_string();
    assert_eq!(
        (at("point"), at("rules")),
        ("13246".into(), "sichuan.personality".into())
    );
    // a personal-information case's criminal classification has its column:
    // 60 items of 行踪轨迹 etc. ≥ 50 → 情节严重; ≥ 500 → 情节特别严重
    let input = concat!(
        r#"{"id":"pi-60","province":"national","harm":"personal-info","info_items":{"sensitive":60}}"#,
        "\n",
        r#"{"id":"pi-500","province":"national","harm":"personal-info","info_items":{"sensitive":500}}"#,
        "\n"
    );
    let out = estimate()
        .args(["batch", "-", "--format", "csv"])
        .write_stdin(input)
        .output()
        .unwrap();
    let mut rdr = csv::Reader::from_reader(&out.stdout[3..]);
    let headers = rdr.headers().unwrap().clone();
    let c = headers.iter().position(|h| h == "criminal").unwrap();
    let tiers: Vec<String> = rdr.records().map(|r| r.unwrap()[c].to_string()).collect();
    assert_eq!(tiers, ["serious", "especially-serious"]);
}

/// An id Excel would run as a formula is written as text (a leading `'`); a numeric id is not.
#[test]
fn csv_cells_never_become_formulas() {
    let input = concat!(
        r#"{"id":"=HYPERLINK(\"http://x\",\"y\")","province":"sichuan","disability_grade":7}"#,
        "\n",
        r#"{"id":"-5","province":"sichuan","disability_grade":7}"#,
        "\n",
        r#"{"id":"@bad","province":"sichaun","disability_grade":7}"#,
        "\n"
    );
    let out = estimate()
        .args(["batch", "-", "--format", "csv"])
        .write_stdin(input)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rd = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let ids: Vec<String> = rd.records().map(|r| r.unwrap()[0].to_string()).collect();
    assert_eq!(ids, ["'=HYPERLINK(\"http://x\",\"y\")", "-5", "'@bad"]);
}

/// The single-case CSV writes an error's id as its estimate's: an id Excel would run as a formula
/// gets its leading `'` on the error row too.
#[test]
fn a_single_case_error_row_in_csv_never_becomes_a_formula() {
    let out = estimate()
        .args([
            "--id",
            "=1+1",
            "--province",
            "sichuan",
            "--disability-grade",
            "11",
        ])
        .args(["--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rd = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let row = rd.records().next().unwrap().unwrap();
    assert_eq!(&row[0], "'=1+1");
    assert_eq!(&row[18], "disability_grade");
}

/// compare's CSV keeps the case's id on a row that fails, as its JSON does, and a grade echoed
/// from the case file is never a formula.
#[test]
fn compare_csv_error_rows_keep_the_id() {
    let out = estimate()
        .args(["compare", "--id", "c-9", "--provinces", "sichuan,beijing"])
        .args([
            "--harm",
            "disability",
            "--disability-grade",
            "7",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rd = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    // Beijing's rule needs the average wage: its row is the error row
    assert_eq!(&rows[1][3], "beijing");
    assert_eq!(&rows[1][18], "avg_wage");
    assert_eq!((&rows[0][0], &rows[1][0]), ("c-9", "c-9"));

    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.json");
    std::fs::write(
        &case,
        r#"{"id": "c-10", "harm": "disability", "disability_grade": "=7"}"#,
    )
    .unwrap();
    let out = estimate()
        .args([
            "compare",
            "--provinces",
            "sichuan",
            "--format",
            "csv",
            "--case",
        ])
        .arg(&case)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rd = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let row = rd.records().next().unwrap().unwrap();
    assert_eq!((&row[0], &row[20]), ("c-10", "'=7"));
}

/// An error names the flag only when a flag gave the value: in compare's error column as on a
/// single case's stderr, a value from the --case file is the file's, not a flag's.
#[test]
fn an_error_names_the_flag_only_for_a_value_a_flag_gave() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.json");
    std::fs::write(
        &case,
        r#"{"harm": "disability", "disability_grade": 7, "avg_wage": "2万"}"#,
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let out = estimate()
            .args(["compare", "--provinces", "sichuan", "--case"])
            .arg(&case)
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let from_file = run(&[]);
    assert!(
        from_file.contains("字段 `avg_wage` 的值 \"2万\""),
        "{from_file}"
    );
    assert!(!from_file.contains("命令行参数"), "{from_file}");
    let from_flag = run(&["--avg-wage", "3万"]);
    assert!(
        from_flag.contains("（命令行参数 --avg-wage）"),
        "{from_flag}"
    );
    let en = run(&["--lang", "en"]);
    assert!(!en.contains("(flag "), "{en}");

    // a single case: a flag laid over the file is named, the file's own value is not
    let out = estimate()
        .arg("--case")
        .arg(&case)
        .args([
            "--province",
            "sichuan",
            "--avg-wage",
            "1",
            "--disability-grade",
            "11",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("（命令行参数 --disability-grade）"), "{err}");
    let out = estimate()
        .arg("--case")
        .arg(&case)
        .args(["--province", "sichuan"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`avg_wage`") && !err.contains("命令行参数"),
        "{err}"
    );
}

#[test]
fn table_columns_line_up_with_chinese_text() {
    let input = format!("{GOOD_A}\n{GOOD_C}\n");
    let out = estimate()
        .args(["batch", "-", "--format", "table"])
        .write_stdin(input)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("batch_table_zh", text);
}

/// `table` lines its columns up over blocks of 10,000 rows, each with its header, so a large batch
/// does not hold every row: 10,001 cases give two blocks, the second with case 10,001 alone, and
/// every row of a block starts its columns where its header does.
#[test]
fn table_is_written_in_blocks_of_ten_thousand_rows() {
    let case = r#"{"province":"sichuan","disability_grade":7,"liability":0.5}"#;
    let input: String = (0..10_001).map(|_| format!("{case}\n")).collect();
    let out = estimate()
        .args(["batch", "-", "--format", "table"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let blocks: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(blocks.len(), 2, "{}", &text[..400]);
    // the table ends with the model's note and the disclaimer, after the last block
    let disclaimer = |l: &str| l.starts_with("本结果为估算") || l.starts_with("凡规定给出幅度的");
    let rows = |b: &str| b.lines().skip(2).filter(|l| !disclaimer(l)).count();
    assert_eq!((rows(blocks[0]), rows(blocks[1])), (10_000, 1));
    for b in &blocks {
        let header = b.lines().next().unwrap();
        assert!(header.trim_start().starts_with("#  id"), "{header}");
        // the display column where 省份 starts is where each row's province starts
        let col = |l: &str, pat: &str| {
            let i = l.find(pat).unwrap();
            solatium::report::table::display_width(&l[..i])
        };
        let at = col(header, "省份");
        for l in b.lines().skip(2).filter(|l| !disclaimer(l)) {
            assert_eq!(col(l, "四川省"), at, "{l}");
        }
    }
    // the second block numbers on from the first: # is the case's place in the input
    assert!(
        blocks[1]
            .lines()
            .nth(2)
            .unwrap()
            .trim_start()
            .starts_with("10001  "),
        "{}",
        blocks[1]
    );
}

/// Every table for reading ends with the disclaimer, as the report and compare's table do: a
/// batch's and a single case's, in each language — a single case that fails too (exit 1), as a
/// batch whose rows are all errors does.
#[test]
fn tables_say_the_estimate_is_not_legal_advice() {
    for (lang, line) in [
        ("zh", "本结果为估算，不构成法律意见"),
        ("en", "This is an estimate, not legal advice"),
    ] {
        let out = estimate()
            .args(["batch", "-", "--format", "table", "--lang", lang])
            .write_stdin(format!("{GOOD_A}\n"))
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.trim_end().lines().last().unwrap().starts_with(line),
            "{text}"
        );
        let out = estimate()
            .args(["--province", "sichuan", "--disability-grade", "7"])
            .args(["--format", "table", "--lang", lang])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.trim_end().lines().last().unwrap().starts_with(line),
            "{text}"
        );
        let out = estimate()
            .args(["--province", "sichuan", "--disability-grade", "11"])
            .args(["--format", "table", "--lang", lang])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("disability_grade"), "{text}");
        assert!(
            text.trim_end().lines().last().unwrap().starts_with(line),
            "{text}"
        );
    }
}

#[test]
fn compare_all_lists_every_jurisdiction() {
    let out = estimate()
        .args([
            "compare",
            "--harm",
            "disability",
            "--disability-grade",
            "7",
            "--liability",
            "0.5",
            "--provinces",
            "all",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    let r = lines(&out.stdout);
    let ids: Vec<&str> = r
        .iter()
        .map(|v| v["compare"]["province"].as_str().unwrap())
        .collect();
    for j in [
        "national",
        "sichuan",
        "anhui",
        "shandong",
        "fujian",
        "jiangsu",
        "beijing",
        "shaanxi",
        "chongqing",
        "guangdong",
        "yunnan",
        "henan",
        "zhejiang",
        "neimenggu",
        "tianjin",
    ] {
        assert!(ids.contains(&j), "{j} missing from {ids:?}");
    }
    // every provincial-level division and national: 31 + 1 rows, each in place
    assert_eq!(ids.len(), 32, "{ids:?}");
    assert!(ids.contains(&"shanghai") && ids.contains(&"xinjiang"));
    let sc = r
        .iter()
        .find(|v| v["compare"]["province"] == "sichuan")
        .unwrap();
    assert_eq!(sc["amount"]["point"], 20000);
    // Shanghai has no standard of its own: the fallback is labelled
    let sh = r
        .iter()
        .find(|v| v["compare"]["province"] == "shanghai")
        .unwrap();
    assert_eq!(sh["basis"], "cross-province");
    // `covered` keeps only the jurisdictions with a rule file
    let out = estimate()
        .args([
            "compare",
            "--harm",
            "death",
            "--provinces",
            "covered",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(lines(&out.stdout).len(), 15);
}

/// Compare CSV: the sweep values are columns, so rows can be told apart; an error row still names
/// its province. Sichuan 100000 × grade coefficient × liability: grade 6 (0.5), grade 7 (0.4).
#[test]
fn compare_csv_names_the_sweep_values() {
    let out = estimate()
        .args([
            "compare",
            "--province",
            "sichuan,beijing",
            "--grades",
            "6-7",
            "--liabilities",
            "0.5,1",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "Beijing needs avg_wage");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rd = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = rd.headers().unwrap().clone();
    let col = |k: &str| header.iter().position(|h| h == k).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 8);
    let got: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                &r[col("province")],
                &r[col("disability_grade")],
                &r[col("liability")],
                &r[col("point")],
            )
        })
        .collect();
    assert_eq!(
        &got[..4],
        &[
            ("sichuan", "6", "0.5", "25000"),
            ("sichuan", "6", "1", "50000"),
            ("sichuan", "7", "0.5", "20000"),
            ("sichuan", "7", "1", "40000"),
        ]
    );
    for r in &rows[4..] {
        assert_eq!(&r[col("province")], "beijing");
        assert_eq!(&r[col("error_field")], "avg_wage");
    }
}

/// A liability share swept twice, however written (`0.5`, `.50`), is one row, as a grade or a
/// province named twice is: Sichuan grade 3, 100000 × 0.8 × 0.5 = 40000 and × 1 = 80000, by hand.
#[test]
fn compare_sweeps_a_liability_share_given_twice_once() {
    let out = estimate()
        .args([
            "compare",
            "--provinces",
            "sichuan",
            "--harm",
            "disability",
            "--disability-grade",
            "3",
            "--liabilities",
            "0.5,1.0,.50,1",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rows = lines(&out.stdout);
    let got: Vec<(String, i64)> = rows
        .iter()
        .map(|r| {
            (
                r["compare"]["liability"].as_str().unwrap().to_string(),
                r["amount"]["point"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [("0.5".to_string(), 40000), ("1".to_string(), 80000)]);
}

#[test]
fn compare_province_flags() {
    // --province alone names the provinces to compare
    let out = estimate()
        .args([
            "compare",
            "--province",
            "川",
            "--disability-grade",
            "7",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    let r = lines(&out.stdout);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["compare"]["province"], "sichuan");
    // both at once is refused, in the report's language, exit 2
    let out = estimate()
        .args(["compare", "--province", "sichuan", "--provinces", "all"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("不能同时使用"));
    let out = estimate()
        .args(["compare", "--provinces", "sichaun", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("unknown province \"sichaun\"; did you mean sichuan?"),
        "{err}"
    );
}

#[test]
fn an_empty_province_in_compare_or_rules_show_says_so_and_what_to_give() {
    let stderr = |args: &[&str]| -> (String, Option<i32>) {
        let out = estimate().args(args).output().unwrap();
        (String::from_utf8(out.stderr).unwrap(), out.status.code())
    };
    // the flag the user typed, the value, what a province may be; exit 2 (usage), both languages
    for (flag, value) in [("--province", ""), ("--provinces", " ")] {
        let (err, code) = stderr(&["compare", flag, value, "--disability-grade", "7"]);
        assert_eq!(code, Some(2), "{err}");
        assert_eq!(
            err.trim_end(),
            format!("estimate: {flag} {value:?}：省份为空；请给出省份，如 sichuan、四川、川 或 510000，全国规则用 national，或 all、covered，多个用逗号分隔")
        );
        let (err, code) = stderr(&["compare", flag, value, "--lang", "en"]);
        assert_eq!(code, Some(2), "{err}");
        assert_eq!(
            err.trim_end(),
            format!("estimate: {flag} {value:?}: the province is empty; give one, e.g. sichuan, 四川, 川 or 510000, national for the national rules, or all, covered; separate several with commas")
        );
    }
    // an unknown name given with --province is reported under --province
    let (err, code) = stderr(&["compare", "--province", "sichaun", "--lang", "en"]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with(
            "estimate: --province: unknown province \"sichaun\"; did you mean sichuan?"
        ),
        "{err}"
    );
    let (err, code) = stderr(&["rules", "show", ""]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err.trim_end(),
        "estimate: 省份 \"\" 为空：请给出省份，如 sichuan、四川、川 或 510000；全国规则用 national（全部见 estimate rules list）"
    );
    let (err, code) = stderr(&["rules", "show", "", "--lang", "en"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err.trim_end(),
        "estimate: the province \"\" is empty: give one, e.g. sichuan, 四川, 川 or 510000; national for the national rules (estimate rules list lists them all)"
    );
    let (err, code) = stderr(&["rules", "show", "sichaun", "--lang", "en"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err.trim_end(),
        "estimate: unknown province \"sichaun\"; did you mean sichuan? (use pinyin, Chinese, the short name or the code, e.g. sichuan, 四川, 川 or 510000, or national; estimate rules list lists them all)"
    );
}

#[test]
fn compare_sweeps_grades() {
    // Sichuan 100000 × coefficient × 1: grade 1 → 100000 … grade 10 → 10000
    let out = estimate()
        .args([
            "compare",
            "--provinces",
            "sichuan",
            "--harm",
            "disability",
            "--grades",
            "1-10",
            "--liability",
            "1",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    let points: Vec<i64> = lines(&out.stdout)
        .iter()
        .map(|v| v["amount"]["point"].as_i64().unwrap())
        .collect();
    assert_eq!(
        points,
        vec![100000, 90000, 80000, 70000, 60000, 50000, 40000, 30000, 20000, 10000]
    );
}

#[test]
fn compare_table_snapshot() {
    let out = estimate()
        .args([
            "compare",
            "--harm",
            "disability",
            "--disability-grade",
            "7",
            "--liability",
            "0.5",
            "--provinces",
            "sichuan,anhui,山东,neimenggu",
            "--context",
            "traffic",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!("compare_table_zh", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn closed_pipe_ends_quietly() {
    use std::process::{Command as P, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("estimate");
    let mut child = P::new(bin)
        .args(["batch", "-"])
        .env("SOLATIUM_TODAY", "2026-11-22")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        for _ in 0..20000 {
            if writeln!(stdin, "{GOOD_A}").is_err() {
                break;
            }
        }
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("Broken pipe") && !err.contains("panicked"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(0));
}

/// Each subcommand's --help says what it does with failures and which exit codes it uses, in
/// Chinese by default and in English with --lang en.
#[test]
fn help_names_exit_codes_and_error_records() {
    for (lang, says) in [
        ("zh", ["退出码：", "  1  ", "  2  ", "不构成法律意见"]),
        ("en", ["Exit codes:", "  1  ", "  2  ", "not legal advice"]),
    ] {
        for sub in [
            &["--help"][..],
            &["batch", "--help"],
            &["compare", "--help"],
        ] {
            let out = estimate()
                .args(sub)
                .args(["--lang", lang])
                .output()
                .unwrap();
            assert!(out.status.success(), "{sub:?}");
            let text = String::from_utf8(out.stdout).unwrap();
            for want in says {
                assert!(
                    text.contains(want),
                    "{sub:?} --help --lang {lang} lacks {want:?}:\n{text}"
                );
            }
        }
    }
    let out = estimate().args(["batch", "--help"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("错误记录"), "{text}");
    let out = estimate()
        .args(["batch", "--help", "--lang", "en"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("error record"), "{text}");
    // `help` names the subcommand as --help does, in Chinese by default
    let out = estimate().args(["help", "rules", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("用法：estimate rules show [选项] <PROVINCE>"),
        "{text}"
    );
}

#[test]
fn compare_refuses_lists_it_cannot_read_and_names_every_row() {
    let refused = |args: &[&str], says: &str| {
        let out = estimate().arg("compare").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    };
    refused(
        &["--disability-grade", "7", "--liabilities", "0.3,,1"],
        "空项",
    );
    refused(&["--disability-grade", "7", "--provinces", ""], "省份为空");
    refused(
        &["--disability-grade", "7", "--grades", "1-2"],
        "--disability-grade 与 --grades 不能同时使用",
    );
    refused(
        &[
            "--disability-grade",
            "7",
            "--liability",
            "1",
            "--liabilities",
            "0.5,1",
        ],
        "--liability 与 --liabilities 不能同时使用",
    );
    refused(&["--grades", "0-11"], "伤残等级为 1 至 10 的整数");
    refused(&["--grades", "5-3"], "范围应由小到大");
    // no case at all: the usage, not 32 rows of the same missing field
    refused(
        &[],
        "compare 需要一个案件：如 estimate compare --harm disability",
    );
    refused(
        &["--provinces", "sichuan", "--lang", "en"],
        "compare needs a case",
    );
    // an empty item: the example is of the list this flag takes
    refused(&["--grades", "1,,2"], "请用逗号分隔各项，如 1-3,8\n");
    refused(
        &[
            "--disability-grade",
            "7",
            "--liabilities",
            "0.3,",
            "--lang",
            "en",
        ],
        "like 0.3,0.5,1\n",
    );
    refused(&["--provinces", "sichuan,,anhui"], "如 sichuan,anhui\n");
    // the case's id is on every row, the error rows too (Beijing needs --avg-wage)
    let out = estimate()
        .args([
            "compare",
            "--id",
            "case-9",
            "--provinces",
            "beijing,sichuan",
            "--disability-grade",
            "7",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let rows = lines(&out.stdout);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["error"]["field"], "avg_wage");
    assert!(rows.iter().all(|r| r["id"] == "case-9"), "{rows:?}");
    // a share that is not one is refused before any row, naming the sweep flag
    refused(
        &["--disability-grade", "7", "--liabilities", "abc,0.5"],
        "--liabilities \"abc,0.5\"：\"abc\" 不是 0 至 1（含本数）的责任系数",
    );
    refused(
        &["--disability-grade", "7", "--liabilities", "0.5,1.5"],
        "\"1.5\" 不是 0 至 1（含本数）的责任系数；可写成 0.3,0.5,1",
    );
    // a share written 五成 or 50% gets the hint the single-case --liability gives
    refused(
        &["--disability-grade", "7", "--liabilities", "五成,0.3"],
        "\"五成\" 不是 0 至 1（含本数）的责任系数；请写成小数，五成 写作 0.5；可写成 0.3,0.5,1",
    );
    refused(
        &["--disability-grade", "7", "--liabilities", "50%"],
        "\"50%\" 不是 0 至 1（含本数）的责任系数；请写成小数，如 50% 写作 0.5；",
    );
    // one row per jurisdiction however it is named; fullwidth commas; fixed values in the CSV
    let out = estimate()
        .args([
            "compare",
            "--provinces",
            "sichuan,四川，川,anhui",
            "--disability-grade",
            "7",
            "--liability",
            "0.5",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rd = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let h = rd.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let got: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                &r[col("province")],
                &r[col("disability_grade")],
                &r[col("liability")],
                &r[col("point")],
            )
        })
        .collect();
    // Sichuan: 100000 × 0.4 (grade 7) × 0.5 = 20000
    assert_eq!(got[0], ("sichuan", "7", "0.5", "20000"));
    assert_eq!((got.len(), got[1].0), (2, "anhui"));
    // a sweep over a fact the case file fixes wins, and stderr says so;
    // examples/sichuan-disability.json: liability 0.5 → grade 1: 100000 × 1.0 × 0.5 = 50000
    let out = estimate()
        .args([
            "compare",
            "--case",
            "examples/sichuan-disability.json",
            "--grades",
            "1",
            "--provinces",
            "sichuan",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    let r = lines(&out.stdout);
    assert_eq!(r[0]["amount"]["point"], 50000);
    assert_eq!(r[0]["compare"]["disability_grade"], "1");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--grades 取代案件文件中的 disability_grade = 7"),
        "{err}"
    );
    // --provinces named: the file's province is not said to be replaced
    assert!(!err.contains("province ="), "{err}");
    // not named: every province runs, and stderr says the file's province is not the one compared
    let out = estimate()
        .args([
            "compare",
            "--case",
            "examples/sichuan-disability.json",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(lines(&out.stdout).len(), 32);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--provinces all 取代案件文件中的 province = \"sichuan\""),
        "{err}"
    );
}

#[test]
fn standard_input_is_read_once() {
    let out = estimate()
        .args(["batch", "-", "-"])
        .write_stdin(GOOD_A)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("只能给出一次"));
}

/// A pretty-printed array of three valid cases, `{p}0`…`{p}2`, as a file saved by an editor.
fn pretty_array(p: &str) -> String {
    let case =
        |i: usize| format!(r#"  {{"id":"{p}{i}","province":"sichuan","disability_grade":7}}"#);
    format!("[\n{},\n{},\n{}\n]\n", case(0), case(1), case(2))
}

/// `(id, index, line)` of each output record, and whether it is an estimate.
fn positions(records: &[Value]) -> Vec<(String, i64, i64, bool)> {
    records
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or("").to_string(),
                r["index"].as_i64().unwrap(),
                r["line"].as_i64().unwrap(),
                r.get("error").is_none(),
            )
        })
        .collect()
}

fn expect(v: &[(&str, i64, i64)]) -> Vec<(String, i64, i64, bool)> {
    v.iter()
        .map(|&(id, i, l)| (id.to_string(), i, l, true))
        .collect()
}

#[test]
fn arrays_after_other_records_give_one_estimate_per_case() {
    let (x1, x2) = (pretty_array("x1-"), pretty_array("x2-"));
    let obj = r#"{"id":"o","province":"sichuan","disability_grade":7}"#;
    let compact =
        |id: &str| format!(r#"[{{"id":"{id}","province":"sichuan","disability_grade":7}}]"#);
    let cases = [
        // `cat x1.json x2.json | estimate batch -`
        (
            format!("{x1}{x2}"),
            expect(&[
                ("x1-0", 1, 2),
                ("x1-1", 2, 3),
                ("x1-2", 3, 4),
                ("x2-0", 4, 7),
                ("x2-1", 5, 8),
                ("x2-2", 6, 9),
            ]),
        ),
        // an object line, then a pretty array
        (
            format!("{obj}\n{x2}"),
            expect(&[("o", 1, 1), ("x2-0", 2, 3), ("x2-1", 3, 4), ("x2-2", 4, 5)]),
        ),
        // a pretty array, then an object line
        (
            format!("{x1}{obj}\n"),
            expect(&[("x1-0", 1, 2), ("x1-1", 2, 3), ("x1-2", 3, 4), ("o", 4, 6)]),
        ),
        // two compact arrays on two lines
        (
            format!("{}\n{}\n", compact("c1"), compact("c2")),
            expect(&[("c1", 1, 1), ("c2", 2, 2)]),
        ),
    ];
    for (input, want) in cases {
        let out = estimate()
            .args(["batch", "-"])
            .write_stdin(input.clone())
            .output()
            .unwrap();
        let r = lines(&out.stdout);
        assert_eq!(positions(&r), want, "{input}");
        assert_eq!(out.status.code(), Some(0), "{input}");
        // 100000 × 0.4 = 40000 (Sichuan grade 7, full liability)
        assert!(r.iter().all(|r| r["amount"]["point"] == 40000), "{r:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains(&format!("{} 件已估算，0 件失败", want.len())),
            "{err}"
        );
    }
}

#[test]
fn a_bad_case_in_a_later_array_is_one_error_in_its_place() {
    let input = format!(
        "{}[\n  {BAD_B},\n  {GOOD_C}\n]\n{GOOD_A}\n",
        pretty_array("x1-")
    );
    let out = estimate()
        .args(["batch", "-", "--lang", "en"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a failed case exits 1");
    let r = lines(&out.stdout);
    let got: Vec<_> = r.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(got, ["x1-0", "x1-1", "x1-2", "b", "c", "a"]);
    assert_eq!(r[3]["error"]["field"], "disability_grade");
    assert_eq!(
        (r[3]["index"].as_i64(), r[3]["line"].as_i64()),
        (Some(4), Some(7))
    );
    assert_eq!(r[5]["amount"]["point"], 20000);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("5 estimated, 1 failed"), "{err}");
}

#[test]
fn an_unclosed_record_before_an_array_costs_only_itself() {
    // `cat broken.json x2.json`: a pretty case missing its `}`, then a pretty array
    let input = format!(
        "{{\n  \"id\": \"broken\",\n  \"province\": \"sichuan\"\n{}",
        pretty_array("x2-")
    );
    let out = estimate()
        .args(["batch", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let r = lines(&out.stdout);
    // the unclosed record keeps the id it gave before it broke off
    let mut want = vec![("broken".to_string(), 1, 1, false)];
    want.extend(expect(&[("x2-0", 2, 5), ("x2-1", 3, 6), ("x2-2", 4, 7)]));
    assert_eq!(positions(&r), want);
    let msg = r[0]["error"]["message"].as_str().unwrap();
    assert!(msg.contains("未闭合"), "{msg}");
}

/// The ids of the output records, and the exit code.
fn ids_and_code(out: &std::process::Output) -> (Vec<String>, Option<i32>) {
    let ids = lines(&out.stdout)
        .iter()
        .map(|r| r["id"].as_str().unwrap_or("").to_string())
        .collect();
    (ids, out.status.code())
}

#[cfg(unix)]
#[test]
fn pipes_fifos_and_devices_are_read_as_files() {
    let dir = tempfile::tempdir().unwrap();
    let x1 = dir.path().join("x1.json");
    std::fs::write(&x1, pretty_array("x1-")).unwrap();
    let want = (
        vec!["x1-0".to_string(), "x1-1".into(), "x1-2".into()],
        Some(0),
    );
    // `estimate batch <(cat x1.json)`: bash hands over /dev/fd/63, a pipe
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(r#""$0" batch <(cat "$1")"#)
        .arg(env!("CARGO_BIN_EXE_estimate"))
        .arg(&x1)
        .env("SOLATIUM_TODAY", "2026-11-22")
        .env_remove("SOLATIUM_RULES")
        .output()
        .unwrap();
    assert_eq!(
        ids_and_code(&out),
        want,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // a named FIFO, written while estimate reads it
    let fifo = dir.path().join("cases.fifo");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let (path, text) = (fifo.clone(), pretty_array("x1-"));
    let writer = std::thread::spawn(move || {
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
    });
    let out = estimate().arg("batch").arg(&fifo).output().unwrap();
    if !writer.is_finished() {
        // estimate never opened the FIFO: read it here so the writer is not left waiting (in a
        // thread of its own: should the writer finish meanwhile, this open waits for nothing
        // and ends with the test process)
        let path = fifo.clone();
        std::thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = std::fs::File::open(&path).and_then(|mut f| f.read_to_end(&mut sink));
        });
    }
    let written = writer.join().unwrap();
    assert_eq!(
        ids_and_code(&out),
        want,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    written.unwrap();
    // /dev/stdin
    let out = estimate()
        .args(["batch", "/dev/stdin"])
        .write_stdin(pretty_array("x1-"))
        .output()
        .unwrap();
    assert_eq!(
        ids_and_code(&out),
        want,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // /dev/null: a character device with nothing in it, no cases
    let out = estimate().args(["batch", "/dev/null"]).output().unwrap();
    assert_eq!(ids_and_code(&out), (vec![], Some(0)));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("0 件已估算，0 件失败"), "{err}");
}

#[test]
fn only_a_path_that_does_not_exist_is_no_such_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    for (lang, text) in [
        ("zh", "文件或目录不存在："),
        ("en", "no such file or directory: "),
    ] {
        let out = estimate()
            .arg("batch")
            .arg(&missing)
            .args(["--lang", lang])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            err.trim_end(),
            format!("estimate: {text}{}", missing.display())
        );
    }
}

#[test]
fn a_utf16_case_file_is_said_to_be_utf16_as_batch_says() {
    // what Windows Notepad saves as "Unicode": UTF-16LE with a byte-order mark; and UTF-16BE
    let text = r#"{"id":"u","province":"sichuan","disability_grade":7}"#;
    let mut le = vec![0xff, 0xfe];
    let mut be = vec![0xfe, 0xff];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    let dir = tempfile::tempdir().unwrap();
    let u16 = dir.path().join("u16.json");
    std::fs::write(&u16, &le).unwrap();
    let u16be = dir.path().join("u16be.json");
    std::fs::write(&u16be, &be).unwrap();
    for lang in ["zh", "en"] {
        // batch's message for the same file
        let out = estimate()
            .arg("batch")
            .arg(&u16)
            .args(["--lang", lang])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let r = lines(&out.stdout);
        assert_eq!(r.len(), 1, "{r:?}");
        let message = r[0]["error"]["message"].as_str().unwrap().to_string();
        assert!(message.contains("UTF-16"), "{message}");
        for path in [&u16, &u16be] {
            let out = estimate()
                .arg("--case")
                .arg(path)
                .args(["--lang", lang])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1));
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(err.trim_end(), format!("estimate: {message}"));
            assert!(!err.contains("GBK"), "{err}");
        }
        // from stdin, in the JSON error record
        let out = estimate()
            .args(["--case", "-", "--format", "jsonl", "--lang", lang])
            .write_stdin(le.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(lines(&out.stdout)[0]["error"]["message"], message.as_str());
    }
    // a GBK file is still "not UTF-8, perhaps GBK"
    let gbk = dir.path().join("gbk.json");
    std::fs::write(
        &gbk,
        b"{\"province\":\"\xcb\xc4\xb4\xa8\",\"disability_grade\":7}",
    )
    .unwrap();
    let out = estimate().arg("--case").arg(&gbk).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("GBK"));
}

/// An input that cannot be read (here /proc/self/mem, whose first read fails) costs only itself:
/// one error record, naming the file and why, stands in its place, and the inputs after it still
/// run; exit 1, as for any case that fails. The cases before it (one more than a chunk, so one
/// chunk is in the workers when the error comes) all have their records, in order.
#[cfg(target_os = "linux")]
#[test]
fn an_input_that_cannot_be_read_costs_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.jsonl");
    let mut text = String::new();
    for i in 0..1025 {
        text += &format!("{{\"id\":\"c{i}\",\"province\":\"sichuan\",\"disability_grade\":7}}\n");
    }
    std::fs::write(&path, text).unwrap();
    let after = dir.path().join("after.json");
    std::fs::write(
        &after,
        r#"{"id":"z","province":"sichuan","disability_grade":2}"#,
    )
    .unwrap();
    for (format, lang, reason) in [
        (
            "jsonl",
            "zh",
            "读取 /proc/self/mem 时出错，其余内容未能读取：系统错误",
        ),
        ("json", "zh", "读取 /proc/self/mem 时出错"),
        (
            "jsonl",
            "en",
            "reading /proc/self/mem failed, and the rest of it could not be read",
        ),
    ] {
        let out = estimate()
            .args(["batch", "--format", format, "--lang", lang])
            .arg(&path)
            .arg("/proc/self/mem")
            .arg(&after)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let records: Vec<Value> = if format == "json" {
            serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
        } else {
            lines(&out.stdout)
        };
        assert_eq!(records.len(), 1027, "{format}");
        assert_eq!(records[1024]["id"], "c1024");
        let bad = &records[1025];
        assert_eq!(bad["file"], "/proc/self/mem");
        assert_eq!(bad["index"], 1);
        assert!(
            bad["error"]["message"].as_str().unwrap().contains(reason),
            "{bad}"
        );
        // Sichuan grade 2: 100000 × 0.9 = 90000
        assert_eq!(records[1026]["id"], "z");
        assert_eq!(records[1026]["amount"]["point"], 90000);
        let err = String::from_utf8(out.stderr).unwrap();
        if lang == "zh" {
            assert!(err.contains("1026 件已估算，1 件失败"), "{err}");
        } else {
            assert!(err.contains("1026 estimated, 1 failed"), "{err}");
        }
    }
}

/// A file in a directory that cannot be opened (a link to nothing, named like a case file) has an
/// error record that names it and why, in its sorted place; the files after it still run. Sichuan
/// grade 7: 100000 × 0.4 = 40000; grade 5: 100000 × 0.6 = 60000.
#[cfg(unix)]
#[test]
fn a_case_file_in_a_directory_that_cannot_be_opened_costs_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.json"),
        r#"{"id":"a","province":"sichuan","disability_grade":7}"#,
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("b.json")).unwrap();
    std::fs::write(
        dir.path().join("c.json"),
        r#"{"id":"c","province":"sichuan","disability_grade":5}"#,
    )
    .unwrap();
    let out = estimate().arg("batch").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let records = lines(&out.stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["amount"]["point"], 40000);
    let b = dir.path().join("b.json");
    assert_eq!(records[1]["file"], b.display().to_string());
    assert_eq!(
        records[1]["error"]["message"],
        format!("无法读取文件 {}：文件或目录不存在", b.display())
    );
    assert_eq!(records[2]["amount"]["point"], 60000);
}

// ---- an input that ends inside an array (a truncated file): one error record, never silence ----

/// Two cases in an array whose `]` never came: `s` (Sichuan grade 7: 100000 × 0.4 = 40000) and
/// `a` (Anhui grade 3: band 5000–80000; the tool's model scores 0.2 × 0.3 + 0.2 × 0.25 + 0.35 × 0.7
/// (grade 3 → consequence serious) + 0.05 × 0 + 0.1 × 0.3 + 0.1 × 0.3 = 0.415, so the point is
/// 5000 + 75000 × 0.415 = 36125).
const UNCLOSED: &str = r#"[{"id":"s","province":"sichuan","disability_grade":7},{"id":"a","province":"anhui","disability_grade":3}"#;

/// The message for an array whose `]` never came, its `[` on line `opened`.
fn missing_bracket(lang: &str, opened: usize) -> String {
    match lang {
        "en" => format!("not valid JSON: input ended before the array was closed (a missing `]`; the array began on line {opened}): records after this point may be lost"),
        _ => format!("不是有效的 JSON：输入在数组闭合之前结束（缺少 `]`，数组始于第 {opened} 行），其后的记录可能已丢失"),
    }
}

/// The message for an array whose last element the input ends inside, its `[` on line `opened`.
fn cut_in_array(lang: &str, opened: usize) -> String {
    match lang {
        "en" => format!("not valid JSON: input ended inside this record (truncated) before the array was closed (a missing `]`; the array began on line {opened}): records after this point may be lost"),
        _ => format!("不是有效的 JSON：输入在这条记录中途结束（记录不完整），数组也未闭合（缺少 `]`，数组始于第 {opened} 行），其后的记录可能已丢失"),
    }
}

/// The stderr summary line, in the report language.
fn summary(lang: &str, ok: usize, failed: usize) -> String {
    match lang {
        "en" => format!("estimate batch: {ok} estimated, {failed} failed"),
        _ => format!("estimate batch: {ok} 件已估算，{failed} 件失败"),
    }
}

/// A framing error record: no id, no field or value, the position and message given.
fn framing_error(index: usize, file: Option<&str>, line: usize, message: &str) -> Value {
    let mut v = json!({
        "id": null,
        "index": index,
        "line": line,
        "error": {"field": "", "value": "", "message": message},
    });
    if let Some(f) = file {
        v["file"] = json!(f);
    }
    v
}

/// The two estimates of [`UNCLOSED`] come out in order, then one error record for the missing
/// `]`, from stdin and from a file, in both languages; exit 1, and the summary counts it failed.
#[test]
fn an_array_never_closed_gives_one_error_record_after_its_cases() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cut.json");
    std::fs::write(&file, UNCLOSED).unwrap();
    let file_name = file.display().to_string();
    for lang in ["zh", "en"] {
        for from_file in [false, true] {
            let mut cmd = estimate();
            cmd.arg("batch").args(["--lang", lang]);
            if from_file {
                cmd.arg(&file);
            } else {
                cmd.arg("-").write_stdin(UNCLOSED);
            }
            let out = cmd.output().unwrap();
            let at = format!("{lang}, from a file: {from_file}");
            assert_eq!(out.status.code(), Some(1), "{at}");
            let r = lines(&out.stdout);
            assert_eq!(r.len(), 3, "{at}: {r:?}");
            assert_eq!(
                positions(&r[..2]),
                expect(&[("s", 1, 1), ("a", 2, 1)]),
                "{at}"
            );
            assert_eq!(
                (&r[0]["amount"]["point"], &r[1]["amount"]["point"]),
                (&json!(40000), &json!(36125)),
                "{at}"
            );
            let name = from_file.then_some(file_name.as_str());
            assert_eq!(
                r[2],
                framing_error(3, name, 1, &missing_bracket(lang, 1)),
                "{at}"
            );
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(err.trim_end(), summary(lang, 2, 1), "{at}");
        }
    }
}

/// The same in every output format: the error row comes after the two estimates, in place.
#[test]
fn an_array_never_closed_is_an_error_row_in_every_format() {
    for lang in ["zh", "en"] {
        let message = missing_bracket(lang, 1);
        let run = |format: &str| {
            let out = estimate()
                .args(["batch", "-", "--lang", lang, "--format", format])
                .write_stdin(UNCLOSED)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1), "{lang} {format}");
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(err.trim_end(), summary(lang, 2, 1), "{lang} {format}");
            String::from_utf8(out.stdout).unwrap()
        };
        // json: one array, closed, of three records
        let r: Vec<Value> = serde_json::from_str(&run("json")).unwrap();
        assert_eq!(r.len(), 3, "{lang}: {r:?}");
        assert_eq!(positions(&r[..2]), expect(&[("s", 1, 1), ("a", 2, 1)]));
        assert_eq!(r[2], framing_error(3, None, 1, &message));
        // csv: three rows; the last has its index, no id, an empty error_field and the message
        let text = run("csv");
        let mut rdr = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let h = rdr.headers().unwrap().clone();
        let col = |name: &str| h.iter().position(|x| x == name).unwrap();
        let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 3, "{lang}: {text}");
        let cells = |i: usize, names: &[&str]| -> Vec<String> {
            names.iter().map(|n| rows[i][col(n)].to_string()).collect()
        };
        let fields = ["id", "index", "point", "error_field", "error"];
        assert_eq!(cells(0, &fields), ["s", "1", "40000", "", ""]);
        assert_eq!(cells(1, &fields), ["a", "2", "36125", "", ""]);
        assert_eq!(cells(2, &fields), ["", "3", "", "", message.as_str()]);
        // table: a header, a rule, three rows, the model's note and the disclaimer; the last
        // row is `3` and the message in the error column
        let text = run("table");
        let mut rows: Vec<&str> = text.lines().skip(2).collect();
        let (disclaimer, model) = if lang == "zh" {
            ("本结果为估算", "凡规定给出幅度的")
        } else {
            ("This is an estimate", "Where a provision gives a band")
        };
        assert!(rows.pop().unwrap().starts_with(disclaimer), "{text}");
        assert!(rows.pop().unwrap().starts_with(model), "{text}");
        assert_eq!(rows.len(), 3, "{lang}: {text}");
        let first_two = |row: &str| -> Vec<String> {
            row.split_whitespace().take(2).map(str::to_string).collect()
        };
        assert_eq!(first_two(rows[0]), ["1", "s"], "{text}");
        assert_eq!(first_two(rows[1]), ["2", "a"], "{text}");
        assert!(rows[2].starts_with("3  "), "{text}");
        assert_eq!(
            rows[2][1..].trim(),
            message,
            "nothing but the index and the message: {text}"
        );
    }
}

/// A truncated copy of a pretty array: cut inside its last case, that case's error record says the
/// array is not closed either (one record, not two); cut between cases, one record of its own for
/// the missing `]`, at the line where the input ended.
#[test]
fn a_truncated_array_file_gives_exactly_one_error_record() {
    let whole = pretty_array("x1-");
    let third = whole.find(r#"  {"id":"x1-2""#).unwrap();
    for lang in ["zh", "en"] {
        let cases = [
            // inside the third case (line 4): `  {"id":"x1-2","prov`; its id was read whole
            // before the cut, so its record keeps it
            (whole[..third + 20].to_string(), {
                let mut e = framing_error(3, None, 4, &cut_in_array(lang, 1));
                e["id"] = json!("x1-2");
                e
            }),
            // after the second case's comma: the input ends on line 4, before the third case
            (
                whole[..third].to_string(),
                framing_error(3, None, 4, &missing_bracket(lang, 1)),
            ),
            // the whole array but its `]` (the final newline kept: the input ends on line 5)
            (
                whole.replace("]\n", ""),
                framing_error(4, None, 5, &missing_bracket(lang, 1)),
            ),
        ];
        for (input, want) in cases {
            let out = estimate()
                .args(["batch", "-", "--lang", lang])
                .write_stdin(input.clone())
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1), "{input}");
            let r = lines(&out.stdout);
            let n = r.len();
            let cases = expect(&[("x1-0", 1, 2), ("x1-1", 2, 3), ("x1-2", 3, 4)]);
            assert_eq!(positions(&r[..n - 1]), cases[..n - 1], "{input}");
            assert_eq!(r[n - 1], want, "{input}");
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(err.trim_end(), summary(lang, n - 1, 1), "{input}");
        }
    }
    // the brief's own example: one case, cut inside; one record, not two
    let out = estimate()
        .args(["batch", "-"])
        .write_stdin(r#"[{"province":"sichuan""#)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        lines(&out.stdout),
        [framing_error(1, None, 1, &cut_in_array("zh", 1))]
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end(), summary("zh", 0, 1));
}

/// In a directory, the error record names the file whose array was never closed, and the files
/// after it still run; stdin given after it is named `-`.
#[test]
fn an_array_never_closed_in_a_directory_names_its_file_and_the_rest_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("1-cut.json");
    std::fs::write(&cut, UNCLOSED).unwrap();
    let later = dir.path().join("2.jsonl");
    std::fs::write(&later, format!("{GOOD_C}\n")).unwrap();
    let out = estimate()
        .arg("batch")
        .arg(dir.path())
        .arg("-")
        .write_stdin(format!("[\n{GOOD_A}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let r = lines(&out.stdout);
    let got: Vec<_> = r
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or("").to_string(),
                r["file"].as_str().unwrap().to_string(),
                r["index"].as_i64().unwrap(),
            )
        })
        .collect();
    let (cut, later) = (cut.display().to_string(), later.display().to_string());
    assert_eq!(
        got,
        [
            ("s".to_string(), cut.clone(), 1),
            ("a".into(), cut.clone(), 2),
            ("".into(), cut.clone(), 3),
            ("c".into(), later, 1),
            ("a".into(), "-".into(), 1),
            ("".into(), "-".into(), 2),
        ]
    );
    assert_eq!(
        r[2],
        framing_error(3, Some(&cut), 1, &missing_bracket("zh", 1))
    );
    // stdin's array: `[` on line 1, the case on line 2, the input ending on line 3
    assert_eq!(
        r[5],
        framing_error(2, Some("-"), 3, &missing_bracket("zh", 1))
    );
    assert_eq!(r[3]["amount"]["low"], 35000, "the later file still ran");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end(), summary("zh", 4, 2));
}

/// `[` alone is an array whose `]` never came, as any other: one error record, exit 1. An empty
/// input, whitespace and `[]` hold no cases and lose none: no records, exit 0.
#[test]
fn a_lone_bracket_is_an_unclosed_array_and_an_empty_input_is_no_cases() {
    for (input, line) in [("[", 1), ("[\n", 2), ("  [  \n\n", 3)] {
        for format in ["jsonl", "json"] {
            let out = estimate()
                .args(["batch", "-", "--format", format])
                .write_stdin(input)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1), "{input:?} {format}");
            let r: Vec<Value> = if format == "json" {
                serde_json::from_slice(&out.stdout).unwrap()
            } else {
                lines(&out.stdout)
            };
            assert_eq!(
                r,
                [framing_error(1, None, line, &missing_bracket("zh", 1))],
                "{input:?} {format}"
            );
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(err.trim_end(), summary("zh", 0, 1), "{input:?} {format}");
        }
    }
    for input in ["", "  \n", "[]", "[\n]\n"] {
        let out = estimate()
            .args(["batch", "-"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{input:?}");
        assert!(out.stdout.is_empty(), "{input:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end(), summary("zh", 0, 0), "{input:?}");
    }
}

/// The `column` cell of the first CSV row a single case gives.
fn csv_cell(args: &[&str], column: &str) -> String {
    let out = estimate()
        .args(args)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rdr = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let col = rdr
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == column)
        .unwrap();
    let row = rdr.records().next().unwrap().unwrap();
    row[col].to_string()
}

/// Status and dates are part of every answer, a spreadsheet's too: each source in the `sources`
/// cell carries its document's date where the rule base knows it (PROVISIONS.md: the Civil Code
/// 2020-05-28; the 2014 opinion only its year; the Sichuan opinion none) and its status.
#[test]
fn csv_sources_carry_each_documents_date_and_status() {
    let sichuan = csv_cell(
        &["--province", "sichuan", "--disability-grade", "7"],
        "sources",
    );
    assert_eq!(
        sichuan,
        "《四川省高级人民法院贯彻执行〈最高人民法院关于确定民事侵权精神损害赔偿责任若干问题的解释〉的意见》 三、2 [historical]; 《中华人民共和国民法典》 第一千一百八十三条第一款 (2020-05-28) [in-force]"
    );
    let en = csv_cell(
        &[
            "--province",
            "national",
            "--context",
            "state-compensation",
            "--harm",
            "detention",
            "--detention-days",
            "200",
            "--base-compensation",
            "100000",
            "--date",
            "2018-05-01",
            "--lang",
            "en",
        ],
        "sources",
    );
    assert!(en.contains(" (2014) [superseded]; "), "{en}");
    assert!(en.contains("Art. 35 (2012-10-26) [in-force]"), "{en}");
}

/// The tool's model is labelled wherever its figures are shown: a CSV row whose range the model
/// placed says so in its first note, with the score, and names the tier when the model chose it;
/// a row the provision fixes by itself (Sichuan's formula) has no such note.
#[test]
fn csv_rows_say_when_the_tools_model_placed_the_figures() {
    let notes = |args: &[&str]| csv_cell(args, "notes");
    // every factor at its default: 0.2 × 0.3 + 0.2 × 0.25 + 0.35 × 0.25 + 0.05 × 0 + 0.1 × 0.3
    // + 0.1 × 0.3 = 0.2575, which falls in Fujian's first tier (general)
    let fujian = notes(&["--province", "fujian", "--harm", "personality"]);
    assert!(
        fujian.starts_with("工具模型（非法律规定）：六因素的权重与分值由本工具设定，用于在幅度内定位估算值；tier（general）及 low、point、high 由此选定（综合得分 0.2575） | "),
        "{fujian}"
    );
    let en = notes(&[
        "--province",
        "fujian",
        "--harm",
        "personality",
        "--lang",
        "en",
    ]);
    assert!(
        en.starts_with("The tool's model (not law): the six factors' weights and scores are set by this tool to place the estimate inside a band; it chooses the tier (general) and places low, point and high (score 0.2575) | "),
        "{en}"
    );
    // named by the case, the tier is not the model's
    let named = notes(&[
        "--province",
        "fujian",
        "--harm",
        "personality",
        "--severity",
        "serious",
    ]);
    assert!(
        named.contains("；low、point、high 由此定位（综合得分"),
        "{named}"
    );
    // 100000 × 0.4: the provision's own figure
    let sichuan = notes(&["--province", "sichuan", "--disability-grade", "7"]);
    assert!(!sichuan.contains("工具模型"), "{sichuan}");
    // a cap lifted for profit: high is empty, so the model placed low and point only
    // (score 0.2575 + 0.05 × 0.5 for the gain read from the profit motive = 0.2825)
    for lang in ["zh", "en"] {
        let lifted = notes(&[
            "--province",
            "sichuan",
            "--harm",
            "personality",
            "--profit-motive",
            "--lang",
            lang,
        ]);
        let want = if lang == "zh" {
            "；low、point 由此定位（综合得分 0.2825）；high 为空：不设上限 | "
        } else {
            "; it places low and point (score 0.2825); high is empty: no cap | "
        };
        assert!(lifted.contains(want), "{lifted}");
        assert!(
            !lifted.contains("high 由此") && !lifted.contains("and high"),
            "{lifted}"
        );
    }
}

// ---- a record that is not valid JSON: its id, and the field and text where it breaks ----

/// Sichuan grade 7: 100000 × 0.4 = 40000 (no liability given: whole).
const SALVAGE_A1: &str = r#"{"id":"a1","province":"sichuan","disability_grade":7}"#;
/// `x` is no JSON value: the break is at column 52 (`{"id":"b2",` 11 + `"province":"sichuan",` 21
/// + `"disability_grade":` 19 = 51 bytes before it).
const SALVAGE_B2: &str = r#"{"id":"b2","province":"sichuan","disability_grade":x}"#;
/// Sichuan grade 3: 100000 × 0.8 = 80000.
const SALVAGE_C3: &str = r#"{"id":"c3","province":"sichuan","disability_grade":3}"#;

/// The message for `x` where a value should be, at `line` and `column` of the record.
fn expected_value(lang: &str, line: usize, column: usize) -> String {
    match lang {
        "en" => format!(
            "not valid JSON: expected value (line {line}, column {column} within the record)"
        ),
        _ => format!("不是有效的 JSON：此处应为一个值（记录内第 {line} 行第 {column} 列）"),
    }
}

/// Runs a batch of `input` in `lang` (JSON Lines out), and its exit code.
fn batch_lang(input: &str, lang: &str) -> (Vec<Value>, Option<i32>) {
    let out = estimate()
        .args(["batch", "-", "--lang", lang])
        .write_stdin(input.to_string())
        .output()
        .unwrap();
    (lines(&out.stdout), out.status.code())
}

/// a1 and c3 estimated around the broken b2, whose record names it, the field and the text.
fn assert_b2_salvaged(r: &[Value], lang: &str, shape: &str, line: i64, message: &str) {
    assert_eq!(r.len(), 3, "{shape} {lang}: {r:?}");
    assert_eq!(
        (r[0]["id"].clone(), r[0]["index"].clone()),
        (json!("a1"), json!(1)),
        "{shape}"
    );
    assert_eq!(r[0]["amount"]["point"], 40000, "{shape}");
    assert_eq!(
        r[1],
        json!({"id": "b2", "index": 2, "line": line,
               "error": {"field": "disability_grade", "value": "x", "message": message}}),
        "{shape} {lang}"
    );
    assert_eq!(
        (r[2]["id"].clone(), r[2]["index"].clone()),
        (json!("c3"), json!(3)),
        "{shape}"
    );
    assert_eq!(r[2]["amount"]["point"], 80000, "{shape}");
}

#[test]
fn a_broken_record_keeps_its_id_and_names_the_field_in_every_shape() {
    let pretty_b2 =
        "{\n  \"id\": \"b2\",\n  \"province\": \"sichuan\",\n  \"disability_grade\": x\n}";
    let pretty =
        |s: &str| serde_json::to_string_pretty(&serde_json::from_str::<Value>(s).unwrap()).unwrap();
    // (shape, input, line of b2, line and column of `x` within b2)
    let shapes = [
        (
            "jsonl",
            format!("{SALVAGE_A1}\n{SALVAGE_B2}\n{SALVAGE_C3}\n"),
            2,
            (1, 52),
        ),
        (
            "array",
            format!("[\n  {SALVAGE_A1},\n  {SALVAGE_B2},\n  {SALVAGE_C3}\n]\n"),
            3,
            (1, 52),
        ),
        (
            "one-line array",
            format!("[{SALVAGE_A1},{SALVAGE_B2},{SALVAGE_C3}]"),
            1,
            (1, 52),
        ),
        (
            "concatenated, commas",
            format!("{SALVAGE_A1},\n{SALVAGE_B2},\n{SALVAGE_C3}\n"),
            2,
            (1, 52),
        ),
        // each pretty record 5 lines; `x` on b2's 4th line after `  "disability_grade": ` (22)
        (
            "concatenated, pretty",
            format!(
                "{}\n{pretty_b2}\n{}\n",
                pretty(SALVAGE_A1),
                pretty(SALVAGE_C3)
            ),
            6,
            (4, 23),
        ),
    ];
    for (shape, input, line, (l, c)) in shapes {
        for lang in ["zh", "en"] {
            let (r, code) = batch_lang(&input, lang);
            assert_eq!(code, Some(1), "{shape}");
            assert_b2_salvaged(&r, lang, shape, line, &expected_value(lang, l, c));
        }
    }
}

/// Only what comes before the break is read: an id after it, or an id that is itself broken, is
/// no id. The field is still named where the break is inside a value.
#[test]
fn a_broken_record_gives_no_id_it_did_not_show_before_the_break() {
    let cases = [
        // the id after the break (at `x`, column 42: 41 bytes before it)
        (
            r#"{"province":"sichuan","disability_grade":x,"id":"b2"}"#,
            json!({"field": "disability_grade", "value": "x",
                   "message": "不是有效的 JSON：此处应为一个值（记录内第 1 行第 42 列）"}),
        ),
        // the break in the id's value: `b2` unquoted (at `b`, column 7)
        (
            r#"{"id":b2,"province":"sichuan","disability_grade":7}"#,
            json!({"field": "id", "value": "b2",
                   "message": "不是有效的 JSON：此处应为一个值（记录内第 1 行第 7 列）"}),
        ),
        // the id's closing `"` missing: the string `"b2,"` closes where `province` should begin,
        // and the break is at that `p` (column 12), right after it: not the id
        (
            r#"{"id":"b2,"province":"sichuan","disability_grade":7}"#,
            json!({"field": "", "value": "",
                   "message": "不是有效的 JSON：此处应为 `,` 或 `}`（记录内第 1 行第 12 列）"}),
        ),
    ];
    for (bad, error) in cases {
        let input = format!("{SALVAGE_A1}\n{bad}\n{SALVAGE_C3}\n");
        let (r, code) = batch_lang(&input, "zh");
        assert_eq!(code, Some(1));
        assert_eq!(r.len(), 3, "{bad}: {r:?}");
        assert_eq!(
            (r[0]["id"].as_str(), r[2]["id"].as_str()),
            (Some("a1"), Some("c3"))
        );
        assert_eq!(
            r[1],
            json!({"id": null, "index": 2, "line": 2, "error": error}),
            "{bad}"
        );
    }
}

/// A numeric id is kept as its JSON text, as for a record that parses; a field inside `factors`
/// is named by its dotted path, as other errors name it.
#[test]
fn a_broken_record_keeps_a_numeric_id_and_names_a_nested_field_by_its_path() {
    let bad = r#"{"id":17,"province":"sichuan","disability_grade":7,"factors":{"fault":intent}}"#;
    let (r, _) = batch_lang(&format!("{SALVAGE_A1}\n{bad}\n{SALVAGE_C3}\n"), "en");
    assert_eq!(r.len(), 3, "{r:?}");
    assert_eq!(r[1]["id"], "17");
    assert_eq!(r[1]["error"]["field"], "factors.fault");
    assert_eq!(r[1]["error"]["value"], "intent");
}

/// A spreadsheet of the results names the broken case in its id column.
#[test]
fn a_broken_record_is_named_in_the_csv_id_column() {
    for lang in ["zh", "en"] {
        let out = estimate()
            .args(["batch", "-", "--format", "csv", "--lang", lang])
            .write_stdin(format!("{SALVAGE_A1}\n{SALVAGE_B2}\n{SALVAGE_C3}\n"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let mut rdr = csv::Reader::from_reader(&out.stdout[3..]);
        let headers = rdr.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
        let cells = |name: &str| {
            rows.iter()
                .map(|r| r[col(name)].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(cells("id"), ["a1", "b2", "c3"], "{lang}");
        assert_eq!(cells("index"), ["1", "2", "3"]);
        assert_eq!(cells("point"), ["40000", "", "80000"]);
        assert_eq!(cells("error_field"), ["", "disability_grade", ""]);
        assert_eq!(rows[1][col("error")], expected_value(lang, 1, 52));
    }
}

/// An array cut off inside a case, or a case left unclosed, keeps the records and counts it had;
/// the cut-off case's record now names it by the id it showed before it broke off.
#[test]
fn a_cut_off_or_unclosed_case_keeps_the_id_it_showed() {
    // cut inside b2, after its id and a comma: one record for b2 and the missing `]`
    let input = format!(r#"[{SALVAGE_A1},{{"id":"b2", "province":"#);
    for lang in ["zh", "en"] {
        let out = estimate()
            .args(["batch", "-", "--lang", lang])
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let r = lines(&out.stdout);
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(r[0]["amount"]["point"], 40000);
        let mut want = framing_error(2, None, 1, &cut_in_array(lang, 1));
        want["id"] = json!("b2");
        assert_eq!(r[1], want);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end(), summary(lang, 1, 1));
    }
    // the array's `]` missing after whole cases: the record for it is no case, and has no id
    let input = format!("[{SALVAGE_A1},{SALVAGE_C3}");
    let (r, _) = batch_lang(&input, "zh");
    assert_eq!(r.len(), 3, "{r:?}");
    assert_eq!(r[2], framing_error(3, None, 1, &missing_bracket("zh", 1)));
    // an unclosed case in a pretty array: its `}` missing, the next case begins
    let unclosed = r#"{"id":"b2","province":"sichuan","disability_grade":3,"#;
    let input = format!("[\n{SALVAGE_A1},\n{unclosed}\n{SALVAGE_C3}\n]\n");
    let (r, _) = batch_lang(&input, "zh");
    assert_eq!(
        r.iter()
            .map(|v| (
                v["id"].clone(),
                v["index"].clone(),
                v.get("error").is_some()
            ))
            .collect::<Vec<_>>(),
        [
            (json!("a1"), json!(1), false),
            (json!("b2"), json!(2), true),
            (json!("c3"), json!(3), false)
        ]
    );
    assert!(r[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("未闭合"));
    // ... but not when it broke before its id: nothing after the break is read as its
    let unclosed = "{\n  \"province\": x,\n  \"id\": \"b2\"\n";
    let input = format!("{}\n{unclosed}{}\n", SALVAGE_A1, SALVAGE_C3).replace(
        SALVAGE_A1,
        "{\n  \"id\": \"a1\", \"province\": \"sichuan\", \"disability_grade\": 7\n}",
    );
    let (r, _) = batch_lang(&input, "zh");
    assert_eq!(r.len(), 3, "{r:?}");
    assert_eq!(
        (r[0]["id"].as_str(), r[2]["id"].as_str()),
        (Some("a1"), Some("c3"))
    );
    assert_eq!(r[1]["id"], Value::Null, "{}", r[1]);
    assert!(r[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("未闭合"));
}

/// Two records on one line are two records, whether the line is the first (then the input is
/// concatenated objects) or a later line of JSON Lines, and whether or not a comma separates them;
/// one of them that is broken costs only itself, the first on the first line too. Before, the rest
/// of such a line was read as one record: a valid pair gave one error record and a case after a
/// broken one vanished.
/// Amounts (Sichuan 三、2, full liability): 100000 × grade coefficient — grade 7: 0.4 → 40000,
/// grade 2: 0.9 → 90000, grade 3: 0.8 → 80000, grade 5: 0.6 → 60000, grade 1: 1.0 → 100000.
#[test]
fn two_records_on_one_line_are_two_records() {
    let case = |id: &str, grade: &str| {
        format!(r#"{{"id":"{id}","province":"sichuan","disability_grade":{grade}}}"#)
    };
    let inputs = [
        // the first line holds three, the middle one broken
        (
            format!(
                "{}{}{}\n{}\n",
                case("a1", "7"),
                case("b2", "x"),
                case("c3", "3"),
                case("d4", "1")
            ),
            vec![
                ("a1", 1, Some(40000)),
                ("b2", 1, None),
                ("c3", 1, Some(80000)),
                ("d4", 2, Some(100000)),
            ],
        ),
        // JSON Lines, then a line with a valid pair, then one with a broken record and a comma
        (
            format!(
                "{}\n{}{}\n{}, {}\n{}\n",
                case("a1", "7"),
                case("b2", "2"),
                case("c3", "3"),
                case("d4", "x"),
                case("e5", "5"),
                case("f6", "1")
            ),
            vec![
                ("a1", 1, Some(40000)),
                ("b2", 2, Some(90000)),
                ("c3", 2, Some(80000)),
                ("d4", 3, None),
                ("e5", 3, Some(60000)),
                ("f6", 4, Some(100000)),
            ],
        ),
        // the first record broken, a comma, then a valid one on the same first line; the last
        // line holds a valid pair and ends without a newline
        (
            format!(
                "{}, {}\n{}{}",
                case("a1", "x"),
                case("b2", "2"),
                case("c3", "3"),
                case("d4", "5")
            ),
            vec![
                ("a1", 1, None),
                ("b2", 1, Some(90000)),
                ("c3", 2, Some(80000)),
                ("d4", 2, Some(60000)),
            ],
        ),
    ];
    for (input, want) in inputs {
        let out = estimate()
            .args(["batch", "-"])
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{input}");
        let r = lines(&out.stdout);
        let got: Vec<(&str, u64, Option<i64>)> = r
            .iter()
            .map(|v| {
                (
                    v["id"].as_str().unwrap(),
                    v["line"].as_u64().unwrap(),
                    v["amount"]["point"].as_i64(),
                )
            })
            .collect();
        assert_eq!(got, want, "{input}");
        let broken = r.iter().find(|v| v["error"].is_object()).unwrap();
        assert_eq!(broken["error"]["field"], "disability_grade");
        assert_eq!(broken["error"]["value"], "x");
    }
}

/// An English table (compare's, batch's) says the basis and the sources' status in words, as the
/// Chinese table does, not in the JSON codes (`local`, `in-force`, `refused` — which read as if a
/// court had refused something).
#[test]
fn english_tables_say_basis_and_status_in_words() {
    let out = estimate()
        .args([
            "compare",
            "--lang",
            "en",
            "--disability-grade",
            "7",
            "--provinces",
            "sichuan,anhui,guangdong",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let t = String::from_utf8(out.stdout).unwrap();
    let row = |name: &str| t.lines().find(|l| l.starts_with(name)).unwrap().to_string();
    // Sichuan's own formula (a historical source, with the Civil Code in force)
    assert!(row("Sichuan").contains("local standard"), "{t}");
    assert!(row("Sichuan").ends_with("historical, in force"), "{t}");
    assert!(row("Anhui").ends_with("status unknown, in force"), "{t}");
    assert!(row("Guangdong").contains("cross-province ref."), "{t}");
    for code in ["in-force", "  local  ", ", unknown", "  unknown,"] {
        assert!(!t.contains(code), "{code}: {t}");
    }
    // a refusal the law makes: Anhui's slight injury
    let out = estimate()
        .args(["batch", "-", "--lang", "en", "--format", "table"])
        .write_stdin(r#"{"province":"anhui","harm":"injury","injury_degree":"slight"}"#)
        .output()
        .unwrap();
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.contains("not supported"), "{t}");
    assert!(!t.contains("refused"), "{t}");
}

/// One day of detention is "1 day" in English, in Guangdong's table step and in the national
/// note on the six-month threshold; two days stay "2 days".
#[test]
fn one_day_of_detention_is_singular_in_english() {
    let text = |args: &[&str]| {
        let out = estimate().args(args).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let gd = [
        "--lang",
        "en",
        "--province",
        "guangdong",
        "--context",
        "state-compensation",
    ];
    let t = text(&[&gd[..], &["--detention-days", "1", "--date", "2020-09-01"]].concat());
    assert!(t.contains("1 day of lost liberty: row"), "{t}");
    let t = text(&[&gd[..], &["--detention-days", "2", "--date", "2020-09-01"]].concat());
    assert!(t.contains("2 days of lost liberty: row"), "{t}");
    let national = [
        "--lang",
        "en",
        "--province",
        "national",
        "--context",
        "state-compensation",
        "--base-compensation",
        "1000",
        "--detention-days",
    ];
    let t = text(&[&national[..], &["1"]].concat());
    assert!(t.contains("1 day of detention is under six months"), "{t}");
    assert!(!t.contains("1 days"), "{t}");
    let t = text(&[&national[..], &["2"]].concat());
    assert!(t.contains("2 days of detention is under six months"), "{t}");
}

/// A spreadsheet travels without the report around it: every estimate row of a CSV (batch,
/// compare, a single case) ends its notes with the disclaimer, in the report's language; an
/// error row has no estimate to disclaim.
#[test]
fn every_csv_estimate_row_says_it_is_an_estimate_not_legal_advice() {
    for (lang, said) in [
        ("zh", "本结果为估算，不构成法律意见"),
        ("en", "This is an estimate, not legal advice"),
    ] {
        let runs: [Vec<&str>; 3] = [
            vec!["batch", "-", "--format", "csv", "--lang", lang],
            vec![
                "compare",
                "--disability-grade",
                "7",
                "--provinces",
                "sichuan,anhui,beijing",
                "--format",
                "csv",
                "--lang",
                lang,
            ],
            vec![
                "--province",
                "sichuan",
                "--disability-grade",
                "7",
                "--format",
                "csv",
                "--lang",
                lang,
            ],
        ];
        for args in runs {
            let out = estimate()
                .args(&args)
                .write_stdin(format!("{GOOD_A}\n{BAD_B}\n"))
                .output()
                .unwrap();
            let body = String::from_utf8(out.stdout).unwrap();
            let mut r = csv::Reader::from_reader(body.trim_start_matches('\u{feff}').as_bytes());
            let h = r.headers().unwrap().clone();
            let col = |name: &str| h.iter().position(|c| c == name).unwrap();
            let (notes, error) = (col("notes"), col("error"));
            let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
            assert!(!rows.is_empty(), "{args:?}: {body}");
            // batch's second case and compare's Beijing (no avg_wage) fail
            let errors = rows.iter().filter(|r| !r[error].is_empty()).count();
            assert_eq!(
                errors,
                usize::from(args[0] != "--province"),
                "{args:?}: {body}"
            );
            for row in &rows {
                if row[error].is_empty() {
                    assert!(
                        row[notes].ends_with(&format!(" | {}", disclaimer(lang))),
                        "{args:?}: {row:?}"
                    );
                    assert!(row[notes].contains(said));
                } else {
                    assert!(!row[notes].contains(said), "{args:?}: {row:?}");
                }
            }
        }
    }
}

fn disclaimer(lang: &str) -> &'static str {
    match lang {
        "zh" => "本结果为估算，不构成法律意见；各省数额为参考标准，并非法定上限。",
        _ => "This is an estimate, not legal advice; provincial figures are reference standards, not statutory caps.",
    }
}

/// The English state-compensation step names what the share is of, as the Chinese does
/// (人身自由赔偿金、生命健康赔偿金总额): Art. 8 — 50% of 200000 is 100000, the cap; ten years'
/// detention (3653 days or more, especially serious, Art. 7 ¶2) — from 50%, no cap.
#[test]
fn the_english_state_compensation_step_names_what_the_share_is_of() {
    let text = |days: &str| {
        let out = estimate()
            .args([
                "--lang",
                "en",
                "--province",
                "national",
                "--context",
                "state-compensation",
                "--base-compensation",
                "200000",
                "--detention-days",
                days,
            ])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let t = text("200");
    assert!(
        t.contains("cap: 50% of the compensation for lost liberty and for life and health (200000), floor 1000"),
        "{t}"
    );
    assert!(t.contains("200000 × 50% = 100000"), "{t}");
    let t = text("4000");
    assert!(
        t.contains("from 50% of the compensation for lost liberty and for life and health (200000), at least 1000, and may go higher (no cap)"),
        "{t}"
    );
}

/// A refusal the law makes reads as an outcome in the text report — ¥0, not supported, the rule —
/// not as a range of ¥0 – ¥0 with "not supported" for its basis; in both languages. (Anhui Art.
/// 25(1): 轻微伤 is not supported.)
#[test]
fn a_refusal_reads_as_an_outcome_not_a_zero_range() {
    for (lang, outcome, range) in [
        (
            "zh",
            "结论：    不予支持（依所引规定；规则 anhui.slight-injury）",
            "估算区间",
        ),
        (
            "en",
            "Outcome:  not supported (under the cited provision; rule anhui.slight-injury)",
            "Range:",
        ),
    ] {
        let out = estimate()
            .args([
                "--province",
                "anhui",
                "--harm",
                "injury",
                "--injury-degree",
                "slight",
                "--lang",
                lang,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let t = String::from_utf8(out.stdout).unwrap();
        assert!(t.contains(outcome), "{t}");
        assert!(t.contains("¥0"), "{t}");
        assert!(!t.contains(range), "{t}");
    }
}

/// The national band for personal information is a lawyer's practice estimate (PROVISIONS.md: a
/// practice reference, no issuing document): the report's basis and the compare table say so,
/// not "national rules", in both languages; the JSON's `basis` stays `national`, its citation
/// carrying the status `practice`.
#[test]
fn a_practice_reference_is_not_called_national_rules() {
    let args = ["--province", "national", "--info-sensitive", "60"];
    for (lang, basis, short) in [
        (
            "zh",
            "依据层级：全国性实务参考（非规范性文件）",
            "全国实务参考",
        ),
        (
            "en",
            "Basis:    national practice reference (no issuing document)",
            "national practice ref.",
        ),
    ] {
        let out = estimate()
            .args(args)
            .args(["--lang", lang])
            .output()
            .unwrap();
        let t = String::from_utf8(out.stdout).unwrap();
        assert!(t.contains(basis), "{t}");
        let out = estimate()
            .args([
                "compare",
                "--info-sensitive",
                "60",
                "--provinces",
                "national",
                "--lang",
                lang,
            ])
            .output()
            .unwrap();
        let t = String::from_utf8(out.stdout).unwrap();
        assert!(t.contains(short), "{t}");
    }
    let out = estimate()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["basis"], "national");
    assert!(v["citations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["status"] == "practice"));
}

/// The date chooses the rules in force (1183 from 2021-01-01, the state-compensation 50% from
/// 2021-04-01, …): a report whose case gave none says it used today's (SOLATIUM_TODAY here);
/// one that gave a date shows it alone.
#[test]
fn a_date_not_given_is_said_to_be_today() {
    let header = |args: &[&str]| {
        let out = estimate()
            .args(["--province", "sichuan", "--disability-grade", "7"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .nth(1)
            .unwrap()
            .to_string()
    };
    assert!(header(&[]).ends_with("适用日期 2026-11-22（案件未给出日期，按今天）"));
    assert!(header(&["--lang", "en"])
        .ends_with("rules as of 2026-11-22 (the case gives no date: today's)"));
    assert!(header(&["--date", "2025-01-01"]).ends_with("适用日期 2025-01-01"));
}
