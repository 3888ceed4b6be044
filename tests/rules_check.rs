//! `estimate rules check` on a directory with one of each rule-base defect lists every defect,
//! each with its file, rule id and key; the embedded rules pass.

use assert_cmd::Command;
use solatium::RuleBase;

fn write_rules(dir: &std::path::Path, edit: impl Fn(&str, &str) -> String) {
    for (name, text) in RuleBase::embedded_files() {
        std::fs::write(dir.join(name), edit(name, text)).unwrap();
    }
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture text not found: {from}");
    text.replacen(from, to, 1)
}

/// A copy of the embedded rules in a temporary directory, with one edit to one file.
fn rules_with(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_rules(dir.path(), |name, t| {
        if name == file {
            replace_once(t, from, to)
        } else {
            t.to_string()
        }
    });
    dir
}

#[test]
fn embedded_rules_pass_the_check() {
    let dir = tempfile::tempdir().unwrap();
    write_rules(dir.path(), |_, t| t.to_string());
    let check = |extra: &[&str]| {
        let out = Command::cargo_bin("estimate")
            .unwrap()
            .args(["rules", "check"])
            .arg(dir.path())
            .args(extra)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0), "{text}");
        text
    };
    let n_files = RuleBase::embedded_files().len() - 1; // regions.toml is not a jurisdiction
    assert!(check(&[]).contains(&format!("：通过 — {n_files} 个法域")));
    assert!(check(&["--lang", "en"]).contains(&format!(": ok — {n_files} jurisdictions")));
    let v: serde_json::Value = serde_json::from_str(&check(&["--format", "json"])).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["jurisdictions"], n_files);
    assert_eq!(v["problems"], serde_json::json!([]));
    assert_eq!(check(&["--format", "jsonl"]), "");
}

/// `rules show` in every format: JSON with every source and rule of the file, CSV one rule a row.
#[test]
fn rules_show_as_json_and_csv() {
    let run = |format: &str| {
        let out = Command::cargo_bin("estimate")
            .unwrap()
            .args(["rules", "show", "四川", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let v: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(v["id"], "sichuan");
    assert_eq!(v["sources"][0]["id"], "sc-opinion");
    assert_eq!(v["sources"][0]["not_before"], "2001-01-01");
    let ids: Vec<&str> = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"sichuan.disability"), "{ids:?}");
    let disability = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "sichuan.disability")
        .unwrap();
    assert_eq!(disability["kind"], "formula");
    assert_eq!(disability["article"], "三、2");
    assert_eq!(disability["article_en"], "III.2");
    let line: serde_json::Value = serde_json::from_str(run("jsonl").trim_end()).unwrap();
    assert_eq!(line, v);
    let csv = run("csv");
    assert!(
        csv.starts_with("\u{feff}id,kind,harms,contexts,source,article"),
        "{csv}"
    );
    let mut r = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(r.records().count(), ids.len());
}

#[test]
fn every_defect_is_listed_at_once() {
    let dir = tempfile::tempdir().unwrap();
    write_rules(dir.path(), |name, t| {
        match name {
        // an unknown key
        "anhui.toml" => replace_once(t, "[rule.modifiers]\nvictim_fault_reduces = true", "[rule.modifiers]\nvictim_fault_reduce = true"),
        // an unquoted float (would pass through f64)
        "beijing.toml" => replace_once(t, "multiple = 5\n", "multiple = 5.0\n"),
        // a status outside the allowed set
        "chongqing.toml" => replace_once(t, "status = \"unknown\"", "status = \"repealed\""),
        // tiers that overlap
        "fujian.toml" => replace_once(t, "floor = 1000, cap = 10000", "floor = 1000, cap = 20000"),
        // floor above cap
        "jiangsu.toml" => replace_once(t, "[rule.band]\ncap = 50000", "[rule.band]\nfloor = 60000\ncap = 50000"),
        // a grade table that is not complete for 1–10
        "neimenggu.toml" => replace_once(t, "\"0.2\", \"0.1\"]", "\"0.2\"]"),
        // a figure citing an undeclared source
        "sichuan.toml" => replace_once(t, "source = \"sc-opinion\"\narticle = \"三、2\"", "source = \"sc-opnion\"\narticle = \"三、2\""),
        // a declared source never used
        "henan.toml" => format!("{t}\n[[source]]\nid = \"unused\"\ntitle = \"x\"\ntitle_en = \"x\"\nissuer = \"x\"\nstatus = \"unknown\"\nstatus_note_zh = \"x\"\nstatus_note_en = \"x\"\nconfirmation = \"seed-only\"\nreference = \"x\"\n"),
        // dates out of order; a rule that outlives its superseded source; a context note limited
        // to a rule the file does not have
        "guangdong.toml" => replace_once(
            &replace_once(
                &replace_once(t, "article = \"第9项\"\nuntil = 2021-03-31", "article = \"第9项\"\nfrom = 2021-01-01\nuntil = 2020-01-01"),
                "article = \"第10项\"\nuntil = 2021-03-31\n",
                "article = \"第10项\"\n",
            ),
            "\"guangdong.state-comp.detention\"]",
            "\"guangdong.state-comp.detension\"]",
        ),
        // a severity attached to no fact, and a severity that does not exist
        "national.toml" => replace_once(t, "min_detention_days = 3653\nseverity = \"especially-serious\"", "severity = \"grave\""),
        // a raise limited to a tier the rule does not have
        "shaanxi.toml" => replace_once(t, "tiers = [\"level-1\"]", "tiers = [\"level-0\"]"),
        // a rule with two kinds
        "zhejiang.toml" => format!("{t}\n[rule.refuse]\nreason_zh = \"x\"\nreason_en = \"x\"\n"),
        _ => t.to_string(),
    }
    });
    // the details as English words them (in Chinese by default: see
    // each_problem_is_told_in_the_report_language)
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .args(["rules", "check", "--lang", "en"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(2), "{text}");
    for expect in [
        "anhui.toml: rule anhui.injury: victim_fault_reduce: unknown field",
        "beijing.toml: rule beijing.disability",
        "chongqing.toml",
        "fujian.toml: rule fujian.tiers: tiers: tiers \"general\" and \"serious\" overlap",
        "jiangsu.toml: rule jiangsu.traffic: band: floor 60000 is above cap 50000",
        "neimenggu.toml: rule neimenggu.disability: formula.grade_coefficients: needs one coefficient for each grade 1 to 10; found 9",
        "sichuan.toml: rule sichuan.disability: source: cites source \"sc-opnion\"",
        "henan.toml: source.unused: declared but never cited",
        "guangdong.toml: rule guangdong.state-comp.detention: until: until 2020-01-01 is before from 2021-01-01",
        "guangdong.toml: rule guangdong.state-comp.grave-harm: until: its source is superseded from 2021-04-01, so the rule must end before then (until = 2021-03-31)",
        "zhejiang.toml: rule zhejiang.personal-injury: kind: a rule has exactly one kind table",
        "shaanxi.toml: rule shaanxi.serious-consequence: modifiers.may_exceed.tiers: \"level-0\" is not a tier of this rule",
        "guangdong.toml: context_note.rules: \"guangdong.state-comp.detension\" is not a rule of this file",
        "national.toml: severity_from_facts: names no fact: give harms, min_detention_days, max_detention_days or a combination",
        "national.toml: severity_from_facts.severity: \"grave\" is not one of general, serious, especially-serious",
    ] {
        assert!(text.contains(expect), "missing {expect:?} in:\n{text}");
    }
    assert!(
        text.contains("float"),
        "the unquoted float is explained: {text}"
    );
    assert!(text.contains("repealed"), "the bad status is named: {text}");
    // the same problems for a script: one JSON object per problem, and a summary object
    let json = |format: &str| {
        let out = Command::cargo_bin("estimate")
            .unwrap()
            .args(["rules", "check", "--lang", "en", "--format", format])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stdout).unwrap()
    };
    let lines: Vec<serde_json::Value> = json("jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let listed = text.lines().filter(|l| l.starts_with("  ")).count();
    assert_eq!(lines.len(), listed, "{text}");
    assert!(lines.iter().any(|p| p["file"] == "fujian.toml"
        && p["rule"] == "fujian.tiers"
        && p["key"] == "tiers"
        && p["message"].as_str().unwrap().contains("overlap")));
    let summary: serde_json::Value = serde_json::from_str(&json("json")).unwrap();
    assert_eq!(summary["ok"], false);
    assert_eq!(summary["problems"].as_array().unwrap().len(), listed);
    // the loader refuses the same directory for estimating
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .args([
            "--province",
            "sichuan",
            "--disability-grade",
            "7",
            "--rules",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Adding a province is a TOML edit: a `shanghai.toml` beside the embedded files is used at once.
#[test]
fn a_new_province_is_a_toml_file() {
    let dir = tempfile::tempdir().unwrap();
    write_rules(dir.path(), |_, t| t.to_string());
    std::fs::write(
        dir.path().join("shanghai.toml"),
        r#"
[jurisdiction]
id = "shanghai"
summary_zh = "测试用上海标准"
summary_en = "a test standard for Shanghai"

[[source]]
id = "sh-test"
title = "测试文件"
title_en = "test document"
issuer = "测试"
status = "unknown"
status_note_zh = "测试"
status_note_en = "test"
confirmation = "seed-only"
reference = "test"

[[rule]]
id = "shanghai.personality"
description_zh = "测试幅度"
description_en = "test band"
harms = ["personality"]
contexts = ["civil"]
source = "sh-test"
article = "第1条"
[rule.band]
floor = 2000
cap = 8000
"#,
    )
    .unwrap();
    let run = |cmd: &mut Command| -> serde_json::Value {
        let out = cmd
            .env("SOLATIUM_TODAY", "2026-11-22")
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // flags, with --rules
    let v = run(Command::cargo_bin("estimate")
        .unwrap()
        .args(["--province", "上海", "--harm", "personality", "--rules"])
        .arg(dir.path()));
    assert_eq!(v["basis"], "local");
    assert_eq!(v["rule"], "shanghai.personality");
    // no factors given → the whole band 2000–8000
    assert_eq!(
        (v["amount"]["low"].as_i64(), v["amount"]["high"].as_i64()),
        (Some(2000), Some(8000))
    );
    // the case on stdin, the rules from SOLATIUM_RULES
    let v = run(Command::cargo_bin("estimate")
        .unwrap()
        .env("SOLATIUM_RULES", dir.path())
        .args(["--case", "-"])
        .write_stdin(r#"{"province":"shanghai","harm":"personality"}"#));
    assert_eq!(v["rule"], "shanghai.personality");
    // without the override, Shanghai has no standard of its own
    let v = run(Command::cargo_bin("estimate")
        .unwrap()
        .env_remove("SOLATIUM_RULES")
        .args(["--province", "shanghai", "--harm", "personality"]));
    assert_eq!(v["basis"], "cross-province");
    // set but empty, as `SOLATIUM_RULES= estimate …` leaves them: unset (embedded rules, today)
    let v = run(Command::cargo_bin("estimate")
        .unwrap()
        .env("SOLATIUM_RULES", "")
        .env("SOLATIUM_TODAY", "")
        .args(["--province", "sichuan", "--disability-grade", "7"]));
    assert_eq!(v["rule"], "sichuan.disability");
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .env("SOLATIUM_TODAY", "")
        .args(["--province", "sichuan", "--disability-grade", "7"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `rules list` follows --format: one JSON record per jurisdiction, all 32.
#[test]
fn rules_list_as_json_lines() {
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .env_remove("SOLATIUM_RULES")
        .args(["rules", "list", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 32);
    let gd = rows.iter().find(|r| r["id"] == "guangdong").unwrap();
    assert_eq!(gd["statuses"], serde_json::json!(["superseded"]));
    let sh = rows.iter().find(|r| r["id"] == "shanghai").unwrap();
    assert_eq!(sh["rules"], 0);
}

/// The severity national.toml attaches to facts (Art. 7 ¶2: ten years' detention is 后果特别严重)
/// is for the national rules only: were Guangdong's table still in force, a 4000-day case under
/// it would stay in its own serious column (over ten years: 200000, B9), with no national note.
#[test]
fn a_severity_implied_by_national_facts_does_not_reach_a_provincial_rule() {
    let dir = tempfile::tempdir().unwrap();
    write_rules(dir.path(), |name, t| match name {
        "guangdong.toml" => t
            .replace("until = 2021-03-31\n", "")
            .replace("superseded_from = 2021-04-01\n", ""),
        _ => t.to_string(),
    });
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .arg("--rules")
        .arg(dir.path())
        .args([
            "--province",
            "guangdong",
            "--context",
            "state-compensation",
            "--harm",
            "detention",
            "--detention-days",
            "4000",
            "--date",
            "2025-01-01",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rule"], "guangdong.state-comp.detention");
    assert_eq!(v["band"]["cap"], 200000);
    assert!(
        !v["citations"].to_string().contains("第七条第二款"),
        "{}",
        v["citations"]
    );
    assert!(!v["notes"].to_string().contains("未指明严重程度："));
}

/// Each problem's detail is in the report's language — Chinese by default, English with
/// `--lang en` — in every format of `rules check` and in the error a `--rules` directory that
/// fails to load gives; the file, rule id, key and value are named the same way in both.
#[test]
fn each_problem_is_told_in_the_report_language() {
    struct Case {
        file: &'static str,
        from: &'static str,
        to: &'static str,
        rule: Option<&'static str>,
        key: &'static str,
        zh: &'static str,
        en: &'static str,
    }
    let cases = [
        // a rule citing a source its file does not declare
        Case {
            file: "sichuan.toml",
            from: "source = \"sc-opinion\"\narticle = \"三、2\"",
            to: "source = \"sc-opnion\"\narticle = \"三、2\"",
            rule: Some("sichuan.disability"),
            key: "source",
            zh: "引用了来源 \"sc-opnion\"，但本文件没有声明该来源",
            en: "cites source \"sc-opnion\", which this file does not declare",
        },
        // a band whose floor is above its cap
        Case {
            file: "jiangsu.toml",
            from: "[rule.band]\ncap = 50000",
            to: "[rule.band]\nfloor = 60000\ncap = 50000",
            rule: Some("jiangsu.traffic"),
            key: "band",
            zh: "下限 floor 60000 高于上限 cap 50000",
            en: "floor 60000 is above cap 50000",
        },
        // a key the schema does not have
        Case {
            file: "anhui.toml",
            from: "victim_fault_reduces = true",
            to: "victim_fault_reduce = true",
            rule: Some("anhui.injury"),
            key: "victim_fault_reduce",
            zh: "未知字段 `victim_fault_reduce`；允许的字段：`victim_fault_reduces`、",
            en: "unknown field `victim_fault_reduce`, expected one of `victim_fault_reduces`, ",
        },
        // a date that does not exist
        Case {
            file: "beijing.toml",
            from: "until = 2004-04-30",
            to: "until = 2004-02-30",
            rule: Some("beijing.death"),
            key: "",
            zh: "日期无效，此处应为 01 至 29 之间的日（第 ",
            en: "invalid date, expected day between 01 and 29 (line ",
        },
        // a source's date in none of the allowed forms
        Case {
            file: "beijing.toml",
            from: "date = \"2000\"",
            to: "date = \"2000-13\"",
            rule: None,
            key: "source.bj-opinion.date",
            zh: "\"2000-13\" 不是 YYYY、YYYY-MM 或 YYYY-MM-DD 格式",
            en: "\"2000-13\" is not YYYY, YYYY-MM or YYYY-MM-DD",
        },
        // tiers that overlap
        Case {
            file: "fujian.toml",
            from: "floor = 1000, cap = 10000",
            to: "floor = 1000, cap = 20000",
            rule: Some("fujian.tiers"),
            key: "tiers",
            zh: "档次 \"general\" 与 \"serious\" 重叠（20000 > 10000）；相邻两档只能共用边界值",
            en: "tiers \"general\" and \"serious\" overlap (20000 > 10000); tiers may only share a boundary",
        },
        // a status outside the allowed set
        Case {
            file: "chongqing.toml",
            from: "status = \"unknown\"",
            to: "status = \"repealed\"",
            rule: None,
            key: "",
            zh: "值 `repealed` 无效；允许的值：`in-force`、`superseded`、",
            en: "unknown variant `repealed`, expected one of `in-force`, `superseded`, ",
        },
    ];
    let run = |dir: &std::path::Path, args: &[&str]| -> (String, String) {
        let out = Command::cargo_bin("estimate")
            .unwrap()
            .env_remove("SOLATIUM_RULES")
            .args(args)
            .arg(dir)
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}\n{stdout}\n{stderr}");
        (stdout, stderr)
    };
    for c in &cases {
        let dir = tempfile::tempdir().unwrap();
        write_rules(dir.path(), |name, t| {
            if name == c.file {
                replace_once(t, c.from, c.to)
            } else {
                t.to_string()
            }
        });
        let dir = dir.path();
        // text: the whole line, file, rule and key named as in English, the detail translated
        let line = |zh: bool| {
            let (sep, rule) = if zh {
                ("：", "规则 ")
            } else {
                (": ", "rule ")
            };
            let mut s = format!("  {}", c.file);
            if let Some(r) = c.rule {
                s += &format!("{sep}{rule}{r}");
            }
            if !c.key.is_empty() {
                s += &format!("{sep}{}", c.key);
            }
            s + sep + if zh { c.zh } else { c.en }
        };
        let (zh, _) = run(dir, &["rules", "check"]);
        assert!(zh.contains(&line(true)), "{}\n{zh}", line(true));
        assert!(!zh.contains(c.en), "English in the Chinese report:\n{zh}");
        assert!(zh.contains("个问题\n"), "{zh}");
        let (en, _) = run(dir, &["rules", "check", "--lang", "en"]);
        assert!(en.contains(&line(false)), "{}\n{en}", line(false));
        assert!(!en.contains(c.zh), "Chinese in the English report:\n{en}");
        assert_eq!(zh.lines().count(), en.lines().count(), "{zh}\n{en}");

        // json and jsonl: the same problem, its message in the report's language
        let find = |problems: &[serde_json::Value]| -> String {
            let p = problems
                .iter()
                .find(|p| {
                    p["file"] == c.file
                        && p["rule"] == serde_json::json!(c.rule)
                        && p["key"] == c.key
                })
                .unwrap_or_else(|| panic!("no {} problem in {problems:?}", c.file));
            p["message"].as_str().unwrap().to_string()
        };
        for (lang, want) in [("zh", c.zh), ("en", c.en)] {
            let (json, _) = run(dir, &["rules", "check", "--lang", lang, "--format", "json"]);
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(v["ok"], false);
            let message = find(v["problems"].as_array().unwrap());
            assert!(message.contains(want), "--lang {lang}: {message}");

            let (jsonl, _) = run(
                dir,
                &["rules", "check", "--lang", lang, "--format", "jsonl"],
            );
            let lines: Vec<serde_json::Value> = jsonl
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            assert_eq!(find(&lines), message, "--lang {lang}: jsonl and json agree");

            // csv: the message column
            let (csv, _) = run(dir, &["rules", "check", "--lang", lang, "--format", "csv"]);
            let mut r = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
            let row = r
                .records()
                .map(|r| r.unwrap())
                .find(|r| &r[0] == c.file && &r[1] == c.rule.unwrap_or("") && &r[2] == c.key)
                .unwrap_or_else(|| panic!("no {} row in {csv}", c.file));
            assert_eq!(&row[3], message, "--lang {lang}: csv and json agree");
        }
        // the default is Chinese in json too
        let (json, _) = run(dir, &["rules", "check", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(find(v["problems"].as_array().unwrap()).contains(c.zh));

        // estimating with the directory: refused, the problems listed as rules check lists them
        let case = [
            "--province",
            "sichuan",
            "--disability-grade",
            "7",
            "--rules",
        ];
        let (_, err) = run(dir, &case);
        assert!(err.contains("处问题，无法使用"), "{err}");
        assert!(err.contains(&line(true)), "{}\n{err}", line(true));
        assert!(!err.contains(c.en), "English in the Chinese error:\n{err}");
        let (_, err) = run(dir, &[&["--lang", "en"], &case[..]].concat());
        assert!(err.contains("problem(s) in the rule base"), "{err}");
        assert!(err.contains(&line(false)), "{}\n{err}", line(false));
        assert!(!err.contains(c.zh), "Chinese in the English error:\n{err}");
    }
}

/// `[context_note.share]` (a provision's share of base_compensation, stated beside the note): the
/// rate lies in (0, 1], the floor is not negative, and the note is for state compensation only,
/// the one context whose cases' base_compensation the tool reads. A medical-accident note with a
/// share of 150% and a floor of −1 has all three problems, each listed.
#[test]
fn a_context_note_share_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    write_rules(dir.path(), |name, t| {
        match name {
        "national.toml" => replace_once(
            t,
            "ordinary medical-malpractice suits are decided under the Civil Code.\"\n",
            "ordinary medical-malpractice suits are decided under the Civil Code.\"\n[context_note.share]\nrate = \"1.5\"\nfloor = -1\n",
        ),
        _ => t.to_string(),
    }
    });
    for (lang, expected) in [
        (
            "en",
            [
                "national.toml: context_note.share.rate: a share lies in (0, 1]; found 1.5",
                "national.toml: context_note.share.floor: must not be negative; found -1",
                "national.toml: context_note.share: a share of base_compensation is for state-compensation notes only",
            ],
        ),
        (
            "zh",
            [
                "national.toml：context_note.share.rate：比例须在 (0, 1] 之间；现为 1.5",
                "national.toml：context_note.share.floor：不得为负数；现为 -1",
                "national.toml：context_note.share：base_compensation 的比例只用于国家赔偿的说明",
            ],
        ),
    ] {
        let problems = check_problems(dir.path(), lang);
        for expect in expected {
            assert!(
                problems.iter().any(|p| p.contains(expect)),
                "missing {expect:?} in {problems:#?}"
            );
        }
        assert_eq!(problems.len(), 3, "{problems:#?}");
    }
}

/// `rules check DIR` in a language, expected to fail (exit 2): its problem lines (indented).
fn check_problems(dir: &std::path::Path, lang: &str) -> Vec<String> {
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .args(["--lang", lang, "rules", "check"])
        .arg(dir)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(2), "{text}");
    text.lines()
        .filter(|l| l.starts_with("  "))
        .map(str::to_string)
        .collect()
}

/// A context note listing no context is never given (the estimate looks for the case's context in
/// it), so it is a problem, as a rule's empty `contexts` is; and a `[rule.share]` outside (0, 1]
/// names the rate it found. Guangdong's 35% note with `contexts = []` and the national 2014 rule
/// with `rate = "0"`: two problems.
#[test]
fn a_context_note_for_no_context_and_a_rule_share_of_zero_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    write_rules(dir.path(), |name, t| match name {
        "guangdong.toml" => replace_once(
            t,
            "[[context_note]]\ncontexts = [\"state-compensation\"]\n",
            "[[context_note]]\ncontexts = []\n",
        ),
        "national.toml" => replace_once(
            t,
            "rate = \"0.35\"\nmode = \"cap\"",
            "rate = \"0\"\nmode = \"cap\"",
        ),
        _ => t.to_string(),
    });
    for (lang, expected) in [
        (
            "en",
            [
                "  guangdong.toml: context_note.contexts: list at least one context",
                "  national.toml: rule national.state-comp.2014: share.rate: a share lies in (0, 1]; found 0",
            ],
        ),
        (
            "zh",
            [
                "  guangdong.toml：context_note.contexts：至少列出一种情形",
                "  national.toml：规则 national.state-comp.2014：share.rate：比例须在 (0, 1] 之间；现为 0",
            ],
        ),
    ] {
        assert_eq!(check_problems(dir.path(), lang), expected);
    }
}

/// Two levels of one factor with the same name: a case naming it, and a rule matching it, would
/// get whichever came first, so the check refuses it (the fault factor's `slight-negligence`
/// renamed `intent`).
#[test]
fn a_factor_level_name_given_twice_is_a_problem() {
    let dir = rules_with(
        "national.toml",
        "{ name = \"slight-negligence\", label_zh = \"轻微过失\"",
        "{ name = \"intent\", label_zh = \"轻微过失\"",
    );
    let en = check_problems(dir.path(), "en");
    assert!(
        en.iter()
            .any(|l| l.contains("level name \"intent\" is given twice")),
        "{en:?}"
    );
    let zh = check_problems(dir.path(), "zh");
    assert!(
        zh.iter()
            .any(|l| l.contains("等级名 \"intent\" 出现了两次")),
        "{zh:?}"
    );
}

/// `round_to_article` names the article that sets `round_to`'s unit; without a `round_to` it has
/// nothing to cite, and the check says so.
#[test]
fn a_round_to_article_without_round_to_is_a_problem() {
    let dir = rules_with(
        "national.toml",
        "round_to = 1000\n# Art. 10 alone",
        "# Art. 10 alone",
    );
    for (lang, says) in [
        (
            "en",
            "only with round_to: it is the article that sets the unit",
        ),
        ("zh", "只在给出 round_to 时使用：它是规定计数单位的条文"),
    ] {
        let problems = check_problems(dir.path(), lang);
        assert!(
            problems
                .iter()
                .any(|l| l.contains("share.round_to_article") && l.contains(says)),
            "{lang}: {problems:?}"
        );
    }
}

/// A floor with decimals (a rule base may write one, `"1000.3"`) is never rounded below. With
/// every factor at its lowest the model's score is
/// 0.2 × 0.1 + 0.2 × 0.1 + 0.35 × 0.1 + 0.05 × 0 + 0.1 × 0.1 + 0.1 × 0.1 = 0.095, and the point in
/// Anhui's injury band, made 1000.3–1001 here, is 1000.3 + 0.7 × 0.095 = 1000.3665, which half up
/// would make 1000, below the floor; it goes up to 1001, and the rounding step says so, in both
/// languages.
#[test]
fn a_point_that_half_up_would_take_below_a_decimal_floor_rounds_up() {
    let dir = rules_with(
        "anhui.toml",
        "floor = 1000\ncap = 5000",
        "floor = \"1000.3\"\ncap = 1001",
    );
    for (lang, label) in [
        ("zh", "取整：到元，向上取整以不低于下限"),
        (
            "en",
            "rounding: up to whole yuan, so as not to fall below the floor",
        ),
    ] {
        let out = Command::cargo_bin("estimate")
            .unwrap()
            .env("SOLATIUM_TODAY", "2026-11-22")
            .args(["--rules", dir.path().to_str().unwrap()])
            .args([
                "--province",
                "anhui",
                "--harm",
                "injury",
                "--format",
                "json",
            ])
            .args(["--fault", "slight-negligence", "--circumstances", "minor"])
            .args(["--consequence", "minor", "--gain-level", "none"])
            .args([
                "--ability",
                "weak",
                "--living-standard",
                "low",
                "--lang",
                lang,
            ])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["rule"], "anhui.injury", "{v}");
        assert_eq!(v["amount"]["point"], 1001);
        let last = v["steps"].as_array().unwrap().last().unwrap();
        assert_eq!(last["rule"], "rounding");
        assert_eq!(last["label"], label);
        assert_eq!(last["text"], "1000.3665 → 1001");
    }
}

/// `estimate ARGS`: its stdout, after checking it exits 0.
/// A share "above" whose rounding unit is taken out: 1500 × 50% = 750 stays 750, below the rule's
/// floor of 1000 (A7 Art. 10 "一般不少于一千元"), so the floor is the figure and the step shows
/// the raise, as it does for a cap.
#[test]
fn a_share_above_below_its_floor_shows_the_raise() {
    let dir = rules_with(
        "national.toml",
        "floor = 1000\nround_to = 1000\n# Art. 10 alone sets the unit (以千为计数单位): the rounding step cites it\nround_to_article = \"第十条\"\n",
        "floor = 1000\n",
    );
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .env("SOLATIUM_TODAY", "2026-11-22")
        .args(["--rules", dir.path().to_str().unwrap()])
        .args(["--province", "national", "--context", "state-compensation"])
        .args(["--harm", "detention", "--base-compensation", "1500"])
        .args(["--severity", "especially-serious", "--date", "2025-01-01"])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rule"], "national.state-comp.2021.especially-serious");
    assert_eq!(v["steps"][0]["text"], "1500 × 50% = 750; < 1000 → 1000");
    assert_eq!(v["amount"]["point"], 1000);
    assert_eq!(v["band"]["floor"], 1000);
}

/// `covers` takes a generic severity into a tier and needs its notes (why the tier takes it in);
/// a name that is no generic severity, or one a tier already has, is refused.
#[test]
fn a_tier_covering_a_severity_needs_its_reading_and_a_generic_name() {
    let dir = tempfile::tempdir().unwrap();
    // Shandong's serious tier, its notes left out and two names it cannot cover
    write_rules(dir.path(), |name, t| {
        if name != "shandong.toml" {
            return t.to_string();
        }
        t.lines()
            .map(|l| {
                if l.starts_with("  { name = \"serious\"") {
                    "  { name = \"serious\", label_zh = \"严重精神损害\", label_en = \"serious mental harm\", floor = 3000, cap = 5000, covers = [\"level-9\", \"general\"] },".to_string()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    let en = check_problems(dir.path(), "en");
    for says in [
        "\"level-9\" is not a generic severity",
        "covers goes with covers_note_zh and covers_note_en",
        "\"general\" names two tiers",
    ] {
        assert!(en.iter().any(|l| l.contains(says)), "{says}: {en:?}");
    }
    let zh = check_problems(dir.path(), "zh");
    assert!(
        zh.iter().any(|l| l.contains("不是通用的严重程度")),
        "{zh:?}"
    );
}

/// Without `covers`, a severity a tiered rule has no tier for is an error naming the tiers it has
/// (Shandong's serious tier with its `covers` taken out), the severity quoted as the case wrote it,
/// not as the name it was read as.
#[test]
fn a_severity_a_tiered_rule_lacks_is_refused_and_quoted_as_written() {
    let dir = tempfile::tempdir().unwrap();
    write_rules(dir.path(), |name, t| {
        if name != "shandong.toml" {
            return t.to_string();
        }
        let from = t.find(", covers = [").expect("Shandong's covers");
        let to = from + t[from..].find(" },").expect("the end of the tier");
        format!("{}{}", &t[..from], &t[to..])
    });
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .env("SOLATIUM_TODAY", "2026-11-22")
        .args(["--rules", dir.path().to_str().unwrap()])
        .args(["--province", "shandong", "--harm", "death"])
        .args(["--severity", "特别严重"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("字段 `severity` 的值 \"特别严重\" 无效；允许的值：general, serious，或中文名称：一般精神损害、严重精神损害"),
        "{err}"
    );
}

fn ok_stdout(args: &[&str]) -> String {
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

/// `rules show` lists the notes a jurisdiction adds to an estimate, with when each is given and
/// the provision it cites, and a note's share of base_compensation (Guangdong: the SPC 2014
/// opinion's 35%, at least 1000, PROVISIONS.md A7), in text and JSON.
#[test]
fn rules_show_lists_the_context_notes() {
    let run = ok_stdout;
    let zh = run(&["rules", "show", "guangdong"]);
    assert!(
        zh.contains("附加说明（案件符合所列情形时随估算给出）："),
        "{zh}"
    );
    assert!(
        zh.contains("  - 国家赔偿；所用规则为 guangdong.state-comp.grave-harm、guangdong.state-comp.serious-injury、guangdong.state-comp.detention；案件日期 2014-01-01 至 2021-03-31（spc-state-2014 数额条款（条号未核实））"),
        "{zh}"
    );
    assert!(
        zh.contains(
            "      给出 base_compensation 时，计算其 35%（最低 1000），并与估算金额和估算区间上限比较"
        ),
        "{zh}"
    );
    let en = run(&["rules", "show", "guangdong", "--lang", "en"]);
    assert!(
        en.contains("      with base_compensation given: 35% of it (at least 1000), compared with the estimate's point and high"),
        "{en}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&run(&["rules", "show", "guangdong", "--format", "json"])).unwrap();
    let note = &v["context_notes"][0];
    assert_eq!(note["source"], "spc-state-2014");
    assert_eq!(note["contexts"], serde_json::json!(["state-compensation"]));
    assert_eq!(note["from"], "2014-01-01");
    assert_eq!(note["until"], "2021-03-31");
    // exact JSON numbers, as every amount is
    assert_eq!(note["share"]["rate"].to_string(), "0.35");
    assert_eq!(note["share"]["floor"].to_string(), "1000");
    // a note for one injury degree says so (A7 Art. 7: 轻伤以上)
    let national = run(&["rules", "show", "national"]);
    assert!(
        national.contains("  - 国家赔偿；人身伤害（未评残）；伤情为轻微伤；案件日期自 2021-04-01 起（spc-state-2021 第七条）"),
        "{national}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&run(&["rules", "show", "national", "--format", "json"])).unwrap();
    assert!(
        v["context_notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["injury_degrees"] == serde_json::json!(["slight"])
                && n["article"] == "第七条"),
        "{v}"
    );
    // a note's `{days}` is the case's days of detention: shown as N
    let national = run(&["rules", "show", "national"]);
    assert!(national.contains("羁押 N 日，不足六个月"), "{national}");
    assert!(!national.contains("{days}"), "{national}");
}

/// `rules show` gives the figures each rule computes with, next to its provision: the expected
/// lines are written from PROVISIONS.md, not from the program.
#[test]
fn rules_show_gives_each_rules_figures() {
    let run = ok_stdout;
    // B1 Sichuan 三、2: 残疾赔偿金=100000元×伤残等级系数×责任系数; grade 1 = 1.0 down by 0.1 a
    // grade, so grade 7 = 0.4
    let sichuan = run(&["rules", "show", "sichuan"]);
    for line in [
        "      数额：100000 × 伤残等级系数 × 责任系数（liability）；所得即估算值",
        "7级 0.4，8级 0.3",
        // 三、1 (to 2004-04-30): average living expense × 20 years, from 70 one year less a
        // year of age, at least ten
        "      数额：平均生活费（avg_living_expense） × 20 年；所得即估算值",
        "      年龄（age）超过 70 周岁的，每增加一岁减 1，最低 10",
        // 三、3: 500 to 50000, inside which the tool's model places the estimate (labelled so);
        // for profit the cap does not bind (三、5)
        "      数额：500 – 50000；六因素在幅度内定位估算值（工具模型）",
        "      以营利为目的（profit_motive）：不受上限限制",
    ] {
        assert!(sichuan.contains(line), "{line}\n{sichuan}");
    }
    // B9 Guangdong items 9–10: 2–3 months 10000 (30000); months of 30 days (the rule's note)
    let guangdong = run(&["rules", "show", "guangdong"]);
    assert!(
        guangdong
            .contains("      - 二个月以上、三个月以下（61 – 90 日）：上限 10000，特别严重 30000"),
        "{guangdong}"
    );
    assert!(
        guangdong.contains("      - 十年以上（3651 日以上）：上限 200000，特别严重 300000"),
        "{guangdong}"
    );
    // Shandong: an organisation as infringer 五——十倍 of the citizen standard
    let shandong = run(&["rules", "show", "shandong"]);
    assert!(
        shandong.contains("      侵权人为单位（infringer = organization）：下限 × 5，上限 × 10"),
        "{shandong}"
    );
    assert!(
        shandong.contains("      - serious（严重精神损害）：3000 – 5000"),
        "{shandong}"
    );
    // Inner Mongolia Art. 6(2): 30000 以下, 10% less a grade — a cap the model places below
    let neimenggu = run(&["rules", "show", "neimenggu", "--lang", "en"]);
    assert!(
        neimenggu.contains("      figures: 30000 × grade coefficient; the result is the cap, and the six factors place the estimate between 0 and it (the tool's model)"),
        "{neimenggu}"
    );
    assert!(neimenggu.contains("grade 2 0.9, "), "{neimenggu}");
    // 法释〔2021〕3号 Art. 8, 10: at most 50%, at least 1000, in whole thousands; especially
    // serious: 50% and above
    let national = run(&["rules", "show", "national"]);
    for line in [
        "      数额：上限为 base_compensation × 50%，最低 1000，以 1000 元为计数单位",
        "      数额：自 base_compensation × 50% 起，不设上限，最低 1000，以 1000 元为计数单位",
        "      条件：severity = especially-serious",
        "      数额：上限为 base_compensation × 35%，最低 1000",
    ] {
        assert!(national.contains(line), "{line}\n{national}");
    }
    // every rule of every file shows exactly one figures line (each rule has exactly one kind)
    for id in [
        "national",
        "anhui",
        "beijing",
        "chongqing",
        "fujian",
        "guangdong",
        "henan",
        "jiangsu",
        "neimenggu",
        "shaanxi",
        "shandong",
        "sichuan",
        "tianjin",
        "yunnan",
        "zhejiang",
    ] {
        let v: serde_json::Value =
            serde_json::from_str(&run(&["rules", "show", id, "--format", "json"])).unwrap();
        let rules = v["rules"].as_array().unwrap().len();
        for (lang, lead) in [("zh", "      数额："), ("en", "      figures: ")] {
            let text = run(&["rules", "show", id, "--lang", lang]);
            let n = text.lines().filter(|l| l.starts_with(lead)).count();
            assert_eq!(n, rules, "{id} {lang}\n{text}");
        }
    }
    // JSON: exact numbers
    let v: serde_json::Value =
        serde_json::from_str(&run(&["rules", "show", "sichuan", "--format", "json"])).unwrap();
    let rule = |v: &serde_json::Value, id: &str| {
        v["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    let f = &rule(&v, "sichuan.disability")["figures"]["formula"];
    assert_eq!(f["base"].to_string(), "100000");
    assert_eq!(f["grade_coefficients"][6].to_string(), "0.4");
    assert_eq!(f["apply_liability"], true);
    assert_eq!(f["yields"], "point");
    let v: serde_json::Value =
        serde_json::from_str(&run(&["rules", "show", "guangdong", "--format", "json"])).unwrap();
    let row = &rule(&v, "guangdong.state-comp.detention")["figures"]["table"][2];
    assert_eq!(row["up_to_days"], 90);
    assert_eq!(row["cap"].to_string(), "10000");
    assert_eq!(row["severe_cap"].to_string(), "30000");
    // CSV: the figures column, lines in the report's language
    let csv = run(&["rules", "show", "shandong", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(r.headers().unwrap().iter().next_back(), Some("figures"));
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert!(
        rows.iter().any(|x| x[11].contains("下限 × 5，上限 × 10")),
        "{csv}"
    );
}

/// A rule file that does not parse is placed by line and column, as an editor shows them, not by
/// byte offset: an unquoted float on Fujian's first tier (its column counted in characters, after
/// the tier's Chinese label), in a file saved with a BOM, as Windows editors write it.
#[test]
fn a_parse_error_is_placed_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let fujian = RuleBase::embedded_files()
        .iter()
        .find(|(n, _)| *n == "fujian.toml")
        .unwrap()
        .1;
    let from = "floor = 1000,";
    let at = fujian.find(from).expect("fixture");
    let line = fujian[..at].matches('\n').count() + 1;
    let column = fujian[..at].rsplit('\n').next().unwrap().chars().count() + 1 + "floor = ".len();
    write_rules(dir.path(), |name, t| match name {
        "fujian.toml" => format!("\u{feff}{}", replace_once(t, from, "floor = 1000.5,")),
        _ => t.to_string(),
    });
    let zh = check_problems(dir.path(), "zh");
    assert_eq!(zh.len(), 1, "{zh:?}");
    assert!(
        zh[0].ends_with(&format!("（第 {line} 行第 {column} 列）")),
        "{zh:?}"
    );
    let en = check_problems(dir.path(), "en");
    assert!(
        en[0].ends_with(&format!(" (line {line}, column {column})")),
        "{en:?}"
    );
}

/// `rules show` names the source that replaced a superseded one by its title, in the report's
/// language, with its id and the day it took over: Guangdong's minutes and the 2014 opinion, both
/// replaced by the SPC's 2021 state-compensation interpretation. (The English line had carried
/// the rule file's Chinese note, `national: spc-state-2021（最高人民法院国家赔偿精神损害解释）`.)
#[test]
fn rules_show_names_what_superseded_a_source_in_the_report_language() {
    let show = |lang: &str| {
        let out = Command::cargo_bin("estimate")
            .unwrap()
            .args(["rules", "show", "guangdong", "--lang", lang])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let en = show("en");
    let lines: Vec<&str> = en
        .lines()
        .filter(|l| l.contains("superseded by:"))
        .collect();
    assert_eq!(lines.len(), 2, "{en}");
    for l in lines {
        assert_eq!(
            l.trim(),
            "superseded by: SPC Interpretation on Mental Damages in State Compensation Cases (spc-state-2021), from 2021-04-01"
        );
    }
    let zh = show("zh");
    assert_eq!(
        zh.matches("被取代：《最高人民法院关于审理国家赔偿案件确定精神损害赔偿责任适用法律若干问题的解释》（spc-state-2021），自 2021-04-01 起").count(),
        2,
        "{zh}"
    );
}

/// Hong Kong, Macao and Taiwan are named in regions.toml as places the tool does not cover: a case
/// there is told so — not "unknown province" with a suggestion — by estimate, batch, compare and
/// rules show, in both languages.
#[test]
fn places_outside_the_mainland_are_said_to_be_not_covered() {
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("estimate")
            .unwrap()
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, _, err) = run(&["--province", "香港", "--harm", "death"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("香港特别行政区不在本工具涵盖范围内：本工具只涵盖全国性规定和中国内地 31 个省、自治区、直辖市的标准"),
        "{err}"
    );
    assert!(!err.contains("允许的值"), "{err}");
    let (_, _, err) = run(&["--province", "macau", "--harm", "death", "--lang", "en"]);
    assert!(
        err.contains("the Macao SAR is not covered: this tool covers the national rules"),
        "{err}"
    );
    let (code, _, err) = run(&[
        "compare",
        "--harm",
        "death",
        "--provinces",
        "sichuan,710000",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--provinces：台湾地区不在本工具涵盖范围内"),
        "{err}"
    );
    let (code, _, err) = run(&["rules", "show", "hk"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("香港特别行政区不在本工具涵盖范围内"), "{err}");
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .args(["batch", "-"])
        .write_stdin("{\"id\":\"x\",\"province\":\"台湾\",\"harm\":\"death\"}\n")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["field"], "province");
    assert_eq!(v["error"]["value"], "\"台湾\"");
    // a rule author's outside name that is also a region's is a problem in the rule base
    let dir = rules_with(
        "regions.toml",
        "names = [\"香港\",",
        "names = [\"川\", \"香港\",",
    );
    let problems = check_problems(dir.path(), "zh");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("“川”既是不涵盖的香港特别行政区的名称，又是地区 sichuan 的名称"),
        "{problems:?}"
    );
}

/// Every rule in `rules show` says its status — its own, or its source's, said to be the source's —
/// with the rule's own status note: Sichuan's personality band has no status of its own, rests on
/// the opinion whose status is unknown (PROVISIONS B1), and carries the note that marks it a
/// historic reference; Shandong's rule takes its source's 'historical' (B3).
#[test]
fn rules_show_gives_every_rules_status() {
    let run = ok_stdout;
    let sichuan = run(&["rules", "show", "sichuan"]);
    assert!(
        sichuan.contains("      状态：效力不明（同来源 sc-opinion） — 作为历史参考："),
        "{sichuan}"
    );
    let shandong = run(&["rules", "show", "shandong", "--lang", "en"]);
    assert!(
        shandong.contains("      status: historical (rests on a concept the law has dropped) (that of its source, sd-opinion)"),
        "{shandong}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&run(&["rules", "show", "shandong", "--format", "json"])).unwrap();
    // `status` stays the rule's own (none); `effective_status` is the one that holds
    assert_eq!(v["rules"][0]["status"], serde_json::Value::Null);
    assert_eq!(v["rules"][0]["effective_status"], "historical");
    let csv = run(&["rules", "show", "sichuan", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "status")
        .unwrap();
    let statuses: Vec<String> = r.records().map(|x| x.unwrap()[col].to_string()).collect();
    assert!(statuses.iter().all(|s| !s.is_empty()), "{statuses:?}");
    // every text rule block has one status line: one per rule
    for id in ["national", "sichuan", "guangdong", "tianjin"] {
        let v: serde_json::Value =
            serde_json::from_str(&run(&["rules", "show", id, "--format", "json"])).unwrap();
        let rules = v["rules"].as_array().unwrap().len();
        let text = run(&["rules", "show", id]);
        let after_rules = text.split("\n规则：\n").nth(1).unwrap();
        let n = after_rules
            .lines()
            .take_while(|l| !l.is_empty())
            .filter(|l| l.starts_with("      状态："))
            .count();
        assert_eq!(n, rules, "{id}\n{text}");
    }
}

/// `rules check DIR` in a language and format, expected to fail (exit 2): its stdout.
fn check_output(dir: &std::path::Path, lang: &str, format: &str) -> String {
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .args(["--lang", lang, "--format", format, "rules", "check"])
        .arg(dir)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "", "{text}");
    text
}

/// A rule file that cannot be read is one more problem, not the end of the check: Anhui's
/// disability cap lowered to 1000 (below its floor of 5000) is still found beside `zz.toml`, a
/// byte that is not UTF-8, and `gbk.toml`, a comment saved as GBK after two ASCII bytes (so not
/// UTF-8 from byte 3), in every format and both languages. Estimating with the directory stops
/// (exit 2) and lists the same three problems.
#[test]
fn a_rule_file_that_cannot_be_read_is_one_more_problem() {
    let dir = rules_with(
        "anhui.toml",
        "floor = 5000\ncap = 80000",
        "floor = 5000\ncap = 1000",
    );
    std::fs::write(dir.path().join("zz.toml"), b"\xff").unwrap();
    std::fs::write(dir.path().join("gbk.toml"), b"# \xb0\xb2\xbb\xd5\n").unwrap();
    let zh_reason = |at: u32| {
        format!(
            "无法读取：不是 UTF-8 文本（第 {at} 字节起；可能是 GBK 等编码）；请将文件另存为 UTF-8"
        )
    };
    let en_reason = |at: u32| {
        format!("cannot be read: not UTF-8 text (from byte {at}; perhaps GBK or another encoding); save the file as UTF-8")
    };
    let zh = [
        format!("  gbk.toml：{}", zh_reason(3)),
        format!("  zz.toml：{}", zh_reason(1)),
        "  anhui.toml：规则 anhui.disability：band：下限 floor 5000 高于上限 cap 1000".to_string(),
    ];
    let en = [
        format!("  gbk.toml: {}", en_reason(3)),
        format!("  zz.toml: {}", en_reason(1)),
        "  anhui.toml: rule anhui.disability: band: floor 5000 is above cap 1000".to_string(),
    ];
    assert_eq!(check_problems(dir.path(), "zh"), zh);
    assert_eq!(check_problems(dir.path(), "en"), en);
    let shown = dir.path().display();
    assert!(check_output(dir.path(), "zh", "text").starts_with(&format!("{shown}：3 个问题\n")));
    assert!(check_output(dir.path(), "en", "text").starts_with(&format!("{shown}: 3 problem(s)\n")));

    for (lang, reason) in [("zh", zh_reason(1)), ("en", en_reason(1))] {
        // json: the summary object, not ok, the unreadable file among its problems
        let v: serde_json::Value =
            serde_json::from_str(&check_output(dir.path(), lang, "json")).unwrap();
        assert_eq!(v["ok"], false);
        assert_eq!(v["problems"].as_array().unwrap().len(), 3, "{v}");
        assert_eq!(
            v["problems"][1],
            serde_json::json!({"file": "zz.toml", "rule": null, "key": "", "message": reason})
        );
        assert_eq!(v["problems"][2]["file"], "anhui.toml");
        // jsonl: one problem a line, the same objects
        let lines: Vec<serde_json::Value> = check_output(dir.path(), lang, "jsonl")
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(&lines[..], v["problems"].as_array().unwrap().as_slice());
        // csv: one problem a row
        let csv = check_output(dir.path(), lang, "csv");
        let mut r = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|x| x.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(rows.len(), 3, "{csv}");
        assert_eq!(rows[1], ["zz.toml", "", "", reason.as_str()]);
    }

    // an estimate with the directory: exit 2, the same problems
    for (lang, head, problems) in [
        (
            "zh",
            format!("estimate: 规则目录 {shown} 有 3 处问题，无法使用（以下为 estimate rules check 的检查信息）："),
            &zh,
        ),
        (
            "en",
            format!("estimate: rule directory {shown}: 3 problem(s) in the rule base:"),
            &en,
        ),
    ] {
        let out = Command::cargo_bin("estimate")
            .unwrap()
            .args(["--lang", lang, "--province", "sichuan", "--disability-grade", "7"])
            .arg("--rules")
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        let want: Vec<&str> = std::iter::once(head.as_str())
            .chain(problems.iter().map(String::as_str))
            .collect();
        assert_eq!(err.lines().collect::<Vec<_>>(), want);
    }
}

/// A rule file without read permission, and a directory named like one, are each a problem giving
/// the reason in the report's language; the other files pass. Root reads any file, so run as root
/// the first cannot be made, and the test checks the directory alone.
#[cfg(unix)]
#[test]
fn a_rule_file_without_permission_or_a_directory_is_named_with_its_reason() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write_rules(dir.path(), |_, t| t.to_string());
    std::fs::create_dir(dir.path().join("drafts.toml")).unwrap();
    let locked = dir.path().join("beijing.toml");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let denied = std::fs::read(&locked).is_err();
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if denied {
        zh.push("  beijing.toml：无法读取：没有访问权限");
        en.push("  beijing.toml: cannot be read: permission denied");
    } else {
        eprintln!("this user reads a file of mode 000 (root): permission denied is not checked");
    }
    zh.push("  drafts.toml：无法读取：这是一个目录，不是文件");
    en.push("  drafts.toml: cannot be read: it is a directory, not a file");
    assert_eq!(check_problems(dir.path(), "zh"), zh);
    assert_eq!(check_problems(dir.path(), "en"), en);
}

/// `rules show` as JSON gives the severity a case's facts imply, as the text does ("Severity
/// implied by the facts"): national state compensation, Art. 7 ¶2 — the victim's death, or 3653
/// days of detention or more (the tool's reading of ten years), is especially serious; Art. 7 — a
/// detention of 180 days or fewer, the harm given, is no serious consequence (general).
#[test]
fn rules_show_json_gives_the_severity_the_facts_imply() {
    let v: serde_json::Value = serde_json::from_str(&ok_stdout(&[
        "rules", "show", "national", "--format", "json",
    ]))
    .unwrap();
    let s = v["severity_from_facts"].as_array().unwrap();
    assert_eq!(s.len(), 4, "{s:?}");
    let death = &s[0];
    assert_eq!(death["harms"], serde_json::json!(["death"]));
    assert_eq!(death["severity"], "especially-serious");
    assert_eq!(death["article"], "第七条第二款");
    assert_eq!(death["from"], "2021-04-01");
    let days = &s[1];
    assert_eq!(days["min_detention_days"], 3653);
    assert_eq!(days["severity"], "especially-serious");
    // a detention under six months (180 days or fewer, Art. 7) with nothing else: general
    let short = &s[2];
    assert_eq!(short["harms"], serde_json::json!(["detention"]));
    assert_eq!(short["max_detention_days"], 180);
    assert_eq!(short["severity"], "general");
    assert_eq!(short["article"], "第七条");
    // a slight injury (below Art. 7's 轻伤以上) with nothing else: general
    let slight = &s[3];
    assert_eq!(slight["injury_degrees"], serde_json::json!(["slight"]));
    assert_eq!(slight["severity"], "general");
    // a file without any: an empty list, not a missing key
    let v: serde_json::Value = serde_json::from_str(&ok_stdout(&[
        "rules", "show", "sichuan", "--format", "json",
    ]))
    .unwrap();
    assert_eq!(v["severity_from_facts"], serde_json::json!([]));
}

/// A severity read from a detention between two bounds that cross (at least 3653 days, at most
/// 180) fits no case: the check says so, in both languages.
#[test]
fn severity_from_facts_with_crossed_detention_bounds_is_a_problem() {
    let dir = rules_with(
        "national.toml",
        "harms = [\"detention\"]\nmax_detention_days = 180",
        "harms = [\"detention\"]\nmin_detention_days = 3653\nmax_detention_days = 180",
    );
    let en = check_problems(dir.path(), "en");
    assert!(
        en.iter().any(|l| l.contains(
            "max_detention_days 180 is below min_detention_days 3653: no case can meet both"
        )),
        "{en:?}"
    );
    let zh = check_problems(dir.path(), "zh");
    assert!(
        zh.iter()
            .any(|l| l.contains("max_detention_days 180 小于 min_detention_days 3653")),
        "{zh:?}"
    );
}

/// An estimate on the rules in `dir` with `args`: the rule base is refused with exit 2, and
/// nothing panics.
fn estimate_refuses_rules(dir: &std::path::Path, args: &[&str]) {
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .args(["--rules"])
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(2), "{err}");
}

/// Criminal thresholds so large that a tier's multiple of them cannot be held, or so small that a
/// case's item count divided by them cannot (0 divided by), are a problem `rules check` names
/// (and an estimate refuses the rule base), not a panic when the rules load and work the
/// thresholds out or when a case is classified.
#[test]
fn criminal_thresholds_too_large_to_multiply_are_a_problem_not_a_panic() {
    // 79228162514264337593543950335 is the largest Decimal; the "especially serious" tier
    // multiplies it by 10
    for (to, says) in [
        (
            "\"79228162514264337593543950335\"",
            "must be a number the tool can compute with",
        ),
        ("0", "an item count at least 1"),
        (
            "\"0.0000000000000000000000000001\"",
            "an item count at least 1",
        ),
        ("-5", "an item count at least 1"),
    ] {
        let dir = rules_with(
            "national.toml",
            "sensitive = 50\n",
            &format!("sensitive = {to}\n"),
        );
        let problems = check_problems(dir.path(), "en");
        assert!(
            problems
                .iter()
                .any(|l| l.contains("criminal_info.tier.multiplier") && l.contains(says)),
            "{to}: {problems:?}"
        );
        let personal_info = ["--province", "national", "--harm", "personal-info"];
        estimate_refuses_rules(dir.path(), &[&personal_info[..], &["--gain", "1"]].concat());
        estimate_refuses_rules(
            dir.path(),
            &[&personal_info[..], &["--info-sensitive", "1000000000000"]].concat(),
        );
    }
}

/// Model weights and widths too large for the model's sums and products are a problem `rules
/// check` names, not a panic (two weights at the largest decimal made the check's own sum of the
/// weights overflow; a huge width made every estimate overflow).
#[test]
fn model_weights_and_widths_out_of_bounds_are_problems_not_panics() {
    let huge = "\"79228162514264337593543950335\"";
    for (from, to, says) in [
        (
            "weight = \"0.2\"\n",
            format!("weight = {huge}\n"),
            "weight must lie in [0, 100]",
        ),
        (
            "unknown_width = \"1\"\n",
            format!("unknown_width = {huge}\n"),
            "widths base_width and unknown_width must lie in [0, 100]",
        ),
        (
            "base_width = \"0.1\"\n",
            "base_width = \"100.5\"\n".to_string(),
            "widths base_width and unknown_width must lie in [0, 100]",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        // every such line of the model, so the weights' sum overflows too
        write_rules(dir.path(), |name, t| {
            if name == "national.toml" {
                assert!(t.contains(from), "fixture text not found: {from}");
                t.replace(from, &to)
            } else {
                t.to_string()
            }
        });
        let problems = check_problems(dir.path(), "en");
        assert!(problems.iter().any(|l| l.contains(says)), "{problems:?}");
        estimate_refuses_rules(
            dir.path(),
            &["--province", "sichuan", "--harm", "personality"],
        );
    }
}

/// A region's name holding what JSON escapes is escaped in the cross-province steps that name
/// it: the batch writer copies a name as it is only where the rules found nothing in it to
/// escape when they loaded. Sichuan's point for grade 7 at full liability is
/// 100000 × 0.4 × 1 = 40000.
#[test]
fn a_region_name_json_escapes_is_escaped_in_the_cross_province_steps() {
    // a TOML literal string: the name is Si"chuan\ as it stands
    let dir = rules_with(
        "regions.toml",
        "name_en = \"Sichuan\"",
        "name_en = 'Si\"chuan\\'",
    );
    let out = Command::cargo_bin("estimate")
        .unwrap()
        .args(["batch", "-", "--lang", "en", "--rules"])
        .arg(dir.path())
        .write_stdin(
            "{\"province\":\"shanghai\",\"harm\":\"disability\",\"disability_grade\":7,\"liability\":1}\n",
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(stdout.trim_end()).unwrap();
    let step = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["rule"] == "sichuan.disability")
        .unwrap();
    assert_eq!(step["label"], "Si\"chuan\\: reference band, point 40000");
}
