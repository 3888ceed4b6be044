//! `estimate compare`: one case description across provinces, with optional sweeps of the
//! disability grade and the liability share. One row per province × sweep value.

use super::args::{CompareArgs, Format};
use super::batch::{csv_fields, excel_safe, CSV_HEADER, CSV_PROVINCE};
use super::{base_case, case_error_text, Fatal, CASE_FAILED, OK};
use anyhow::Result;
use serde_json::{json, Value};
use solatium::money::Decimal;
use solatium::report::json as rj;
use solatium::report::table::{Align, Table};
use solatium::report::text;
use solatium::{Date, Lang, RuleBase};
use std::io::{self, Write};

/// A usage error, in both languages (main prints the report's).
fn usage(zh: String, en: String) -> anyhow::Error {
    Fatal::new(zh, en).into()
}

/// `--grades`: single grades and ranges (`1-10`, `3,5,7`, `1-3,8`), each a grade from 1 to 10.
fn parse_grades(s: &str) -> Result<Vec<String>> {
    let bad = |why_zh: &str, why_en: &str| {
        usage(
            format!("--grades {s:?}：{why_zh}"),
            format!("--grades {s:?}: {why_en}"),
        )
    };
    let grade = |t: &str| t.trim().parse::<u8>().ok().filter(|g| (1..=10).contains(g));
    let mut out: Vec<String> = Vec::new();
    for part in list("--grades", s)? {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (grade(a), grade(b)),
            None => (grade(&part), grade(&part)),
        };
        match (a, b) {
            (Some(a), Some(b)) if a <= b => {
                for g in a..=b {
                    if !out.contains(&g.to_string()) {
                        out.push(g.to_string());
                    }
                }
            }
            (Some(_), Some(_)) => {
                return Err(bad(
                    "范围应由小到大，如 1-10",
                    "a range goes from the smaller grade to the larger, like 1-10",
                ))
            }
            _ => {
                return Err(bad(
                    "伤残等级为 1 至 10 的整数，可写成 1-10、3,5,7 或 1-3,8",
                    "a disability grade is a whole number from 1 to 10; write 1-10, 3,5,7 or 1-3,8",
                ))
            }
        }
    }
    Ok(out)
}

/// `--liabilities`: shares from 0 to 1 (`0.3,0.5,1`); a value that is not one is a usage error
/// naming this flag, as for `--grades`, rather than an error row per province. A share given
/// twice, however written (`0.5,.50`), gives one row, as a grade or a province named twice does.
fn parse_liabilities(s: &str) -> Result<Vec<String>> {
    let shares = list("--liabilities", s)?;
    let mut seen: Vec<Decimal> = Vec::new();
    let mut out = Vec::new();
    for x in shares {
        let d = solatium::money::parse_decimal(x.trim())
            .filter(|d| *d >= Decimal::ZERO && *d <= Decimal::ONE);
        let Some(d) = d else {
            // 五成 or 50%: the same hint the single-case --liability gives
            let (hint_zh, hint_en) =
                solatium::case::number_hint(x.trim(), (Decimal::ZERO, Decimal::ONE))
                    .map_or((String::new(), String::new()), |h| {
                        (format!("；{}", h.zh), format!("; {}", h.en))
                    });
            return Err(usage(
                format!("--liabilities {s:?}：{x:?} 不是 0 至 1（含本数）的责任系数{hint_zh}；可写成 0.3,0.5,1"),
                format!("--liabilities {s:?}: {x:?} is not a liability share from 0 to 1 (inclusive){hint_en}; write 0.3,0.5,1"),
            ));
        };
        if !seen.contains(&d) {
            seen.push(d);
            out.push(x);
        }
    }
    Ok(out)
}

/// The jurisdictions to compare, as region ids.
fn provinces(rb: &RuleBase, args: &CompareArgs, lang: Lang) -> Result<Vec<String>> {
    let (flag, spec) = match (&args.provinces, &args.case.province) {
        (Some(_), Some(_)) => {
            return Err(Fatal::one(match lang {
                Lang::Zh => "--province 与 --provinces 不能同时使用：compare 按 --provinces 列出的省份逐一估算".into(),
                Lang::En => "--province and --provinces cannot be used together: compare runs the case for each of --provinces".into(),
            })
            .into())
        }
        (Some(p), None) => ("--provinces", p.trim().to_string()),
        (None, Some(p)) => ("--province", p.trim().to_string()),
        (None, None) => ("--provinces", "all".to_string()),
    };
    if spec.is_empty() {
        // `--province ""`: the flag the user typed, and what it takes
        let given = args.provinces.as_ref().or(args.case.province.as_ref());
        let given = given.map(String::as_str).unwrap_or_default();
        return Err(usage(
            format!("{flag} {given:?}：省份为空；请给出省份，如 sichuan、四川、川 或 510000，全国规则用 national，或 all、covered，多个用逗号分隔"),
            format!("{flag} {given:?}: the province is empty; give one, e.g. sichuan, 四川, 川 or 510000, national for the national rules, or all, covered; separate several with commas"),
        ));
    }
    match spec.as_str() {
        "all" => return Ok(rb.regions().iter().map(|r| r.id.clone()).collect()),
        "covered" => {
            return Ok(rb
                .files()
                .iter()
                .map(|f| f.jurisdiction.id.clone())
                .collect())
        }
        _ => {}
    }
    let mut v: Vec<String> = Vec::new();
    for p in list(flag, &spec)? {
        match rb.place(&p) {
            // one row per jurisdiction, however many ways it is named
            Some(place) if v.contains(&place.region.id) => {}
            Some(place) => v.push(place.region.id.clone()),
            None if rb.outside(&p).is_some() => {
                let said = RuleBase::not_covered(rb.outside(&p).expect("just found"));
                return Err(Fatal::new(
                    format!("{flag}：{}", said.zh),
                    format!("{flag}: {}", said.en),
                )
                .into());
            }
            None => {
                let hint = rb.suggest_place(&p);
                return Err(Fatal::one(match lang {
                    Lang::Zh => format!(
                        "{flag}：未知的省份 {p:?}{}（可用拼音、中文、简称或行政区划代码，或 all、covered）",
                        hint.map(|h| format!("；是否想输入 {h}？")).unwrap_or_default()
                    ),
                    Lang::En => format!(
                        "{flag}: unknown province {p:?}{} (use pinyin, Chinese, the short name or the code, or all, covered)",
                        hint.map(|h| format!("; did you mean {h}?")).unwrap_or_default()
                    ),
                })
                .into());
            }
        }
    }
    Ok(v)
}

/// A comma-separated list (`,`, `，` or `、`); an empty list or an empty item is an error, not
/// something to drop quietly.
fn list(flag: &str, s: &str) -> Result<Vec<String>> {
    let items: Vec<String> = s
        .split([',', '，', '、'])
        .map(|p| p.trim().to_string())
        .collect();
    if items.iter().any(String::is_empty) {
        // an example of the list this flag takes
        let like = match flag {
            "--grades" => "1-3,8",
            "--liabilities" => "0.3,0.5,1",
            _ => "sichuan,anhui",
        };
        return Err(usage(
            format!("{flag} {s:?}：列表为空或有空项；请用逗号分隔各项，如 {like}"),
            format!("{flag} {s:?}: the list is empty or has an empty item; separate items with commas, like {like}"),
        ));
    }
    Ok(items)
}

pub fn run(
    rb: &RuleBase,
    args: &CompareArgs,
    format: Format,
    lang: Lang,
    today: Date,
) -> Result<u8> {
    let base = match base_case(&args.case)? {
        Ok(v) => args.case.overlay(v),
        Err(e) => {
            let _ = writeln!(io::stderr(), "estimate: {}", e.message(lang));
            return Ok(CASE_FAILED);
        }
    };
    // a fixed value and a sweep of the same fact: which one was meant is not for the tool to guess
    for (fixed, sweep, f, w) in [
        (
            args.case.disability_grade.is_some(),
            args.grades.is_some(),
            "--disability-grade",
            "--grades",
        ),
        (
            args.case.liability.is_some(),
            args.liabilities.is_some(),
            "--liability",
            "--liabilities",
        ),
    ] {
        if fixed && sweep {
            return Err(usage(
                format!("{f} 与 {w} 不能同时使用：{w} 逐一代入各个值"),
                format!("{f} and {w} cannot be used together: {w} runs each value in turn"),
            ));
        }
    }
    // a sweep over a fact the case file fixes: the sweep wins (the file gives the facts held
    // still), and stderr says so
    for (field, sweep, given) in [
        ("disability_grade", "--grades", args.grades.is_some()),
        ("liability", "--liabilities", args.liabilities.is_some()),
    ] {
        if let Some(v) = base.get(field).filter(|v| given && !v.is_null()) {
            let _ = writeln!(
                io::stderr(),
                "{}",
                match lang {
                    Lang::Zh => format!("estimate compare: {sweep} 取代案件文件中的 {field} = {v}"),
                    Lang::En =>
                        format!("estimate compare: {sweep} replaces the case file's {field} = {v}"),
                }
            );
        }
    }
    // so does the province: compare runs every one unless told which
    if let Some(v) = base
        .get("province")
        .filter(|v| !v.is_null() && args.provinces.is_none() && args.case.province.is_none())
    {
        let _ = writeln!(
            io::stderr(),
            "{}",
            match lang {
                Lang::Zh => format!(
                    "estimate compare: --provinces all 取代案件文件中的 province = {v}（只比较指定省份请用 --provinces）"
                ),
                Lang::En => format!(
                    "estimate compare: --provinces all replaces the case file's province = {v} (name the ones to compare with --provinces)"
                ),
            }
        );
    }
    let provinces = provinces(rb, args, lang)?;
    let grades = args
        .grades
        .as_deref()
        .map(parse_grades)
        .transpose()?
        .unwrap_or_default();
    let liabilities = args
        .liabilities
        .as_deref()
        .map(parse_liabilities)
        .transpose()?
        .unwrap_or_default();
    // no case at all: the usage, as a single estimate without one gives it, not 32 rows of the
    // same missing field
    if !args.case.any() && args.grades.is_none() && args.liabilities.is_none() {
        return Err(usage(
            "compare 需要一个案件：如 estimate compare --harm disability --disability-grade 7 --liability 0.5，或 --case 文件（详见 estimate compare --help）".into(),
            "compare needs a case: e.g. estimate compare --harm disability --disability-grade 7 --liability 0.5, or --case FILE (see estimate compare --help)".into(),
        ));
    }
    let grade_axis: Vec<Option<String>> = if grades.is_empty() {
        vec![None]
    } else {
        grades.into_iter().map(Some).collect()
    };
    let liab_axis: Vec<Option<String>> = if liabilities.is_empty() {
        vec![None]
    } else {
        liabilities.into_iter().map(Some).collect()
    };

    let mut rows = Vec::new();
    let mut any_failed = false;
    for p in &provinces {
        for g in &grade_axis {
            for l in &liab_axis {
                let mut v = base.clone();
                if let Value::Object(m) = &mut v {
                    m.insert("province".into(), json!(p));
                    if let Some(g) = g {
                        m.insert("disability_grade".into(), json!(g));
                    }
                    if let Some(l) = l {
                        m.insert("liability".into(), json!(l));
                    }
                }
                let r =
                    solatium::Case::from_json(&v).and_then(|c| solatium::estimate(rb, &c, today));
                any_failed |= r.is_err();
                // the grade and liability the row ran with, swept or fixed
                // as the number it was read as (`.5` → 0.5), or as given when it is not one
                let shown = |s: String| {
                    solatium::money::parse_decimal(&s).map_or(s, solatium::money::plain)
                };
                let given = |k: &str| match v.get(k) {
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(Value::Null) | None => None,
                    Some(x) => Some(x.to_string()),
                };
                let (g, l) = (
                    g.clone().or_else(|| given("disability_grade")).map(shown),
                    l.clone().or_else(|| given("liability")).map(shown),
                );
                rows.push((p.clone(), g, l, r));
            }
        }
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Csv => {
            out.write_all(b"\xEF\xBB\xBF")?;
            let mut w = csv::Writer::from_writer(&mut out);
            // the batch columns, then the sweep values that tell the rows apart
            let mut header = CSV_HEADER.to_vec();
            header.extend(["disability_grade", "liability"]);
            w.write_record(&header)?;
            // the case's id, on the error rows as on the estimate rows (and as JSON has it)
            let id = super::batch::record_id(&base);
            for (i, (p, g, l, r)) in rows.iter().enumerate() {
                let mut fields = csv_fields(r, Some((id.as_deref(), i + 1, None)), lang);
                if fields[CSV_PROVINCE].is_empty() {
                    fields[CSV_PROVINCE] = p.clone();
                }
                // a value from the case file is echoed as given: never a formula Excel would run
                fields.push(excel_safe(g.clone().unwrap_or_default()));
                fields.push(excel_safe(l.clone().unwrap_or_default()));
                w.write_record(&fields)?;
            }
            w.flush()?;
        }
        Format::Json | Format::Jsonl => {
            // the case's id, on the error rows as on the estimate rows
            let id = super::batch::record_id(&base);
            let vals: Vec<Value> = rows
                .iter()
                .map(|(p, g, l, r)| {
                    let mut v = match r {
                        Ok(e) => rj::estimate(e, lang),
                        Err(e) => rj::error(id.as_deref(), None, e, lang),
                    };
                    if let Value::Object(m) = &mut v {
                        m.insert(
                            "compare".into(),
                            json!({"province": p, "disability_grade": g, "liability": l}),
                        );
                    }
                    v
                })
                .collect();
            if format == Format::Json {
                writeln!(out, "{}", serde_json::to_string_pretty(&vals)?)?;
            } else {
                for v in vals {
                    writeln!(out, "{v}")?;
                }
            }
        }
        Format::Table | Format::Text => {
            let zh = lang == Lang::Zh;
            let mut headers: Vec<String> = vec![if zh { "省份" } else { "province" }.into()];
            if grade_axis[0].is_some() {
                headers.push(if zh { "伤残等级" } else { "grade" }.into());
            }
            if liab_axis[0].is_some() {
                headers.push(if zh { "责任" } else { "liability" }.into());
            }
            let first_amount = headers.len() + 2;
            for h in if zh {
                ["规则", "依据", "下限", "估算", "上限", "幅度", "状态"]
            } else {
                ["rule", "basis", "low", "point", "high", "band", "status"]
            } {
                headers.push(h.into());
            }
            if any_failed {
                headers.push(if zh { "错误" } else { "error" }.into());
            }
            let mut t = Table::new(headers)
                .align(first_amount, Align::Right)
                .align(first_amount + 1, Align::Right)
                .align(first_amount + 2, Align::Right)
                .max_width(first_amount + 3, 40);
            let g = solatium::money::group;
            for (p, gr, l, r) in &rows {
                let name = rb
                    .region(p)
                    .map(|x| {
                        if zh {
                            x.name_zh.clone()
                        } else {
                            x.name_en.clone()
                        }
                    })
                    .unwrap_or_else(|| p.clone());
                let mut row = vec![name];
                if grade_axis[0].is_some() {
                    row.push(gr.clone().unwrap_or_default());
                }
                if liab_axis[0].is_some() {
                    row.push(l.clone().unwrap_or_default());
                }
                match r {
                    Ok(e) => {
                        row.extend([
                            e.rule.to_string(),
                            text::basis_short_of(e, lang).to_string(),
                            g(e.amount.low),
                            g(e.amount.point),
                            e.amount.high.map(g).unwrap_or_else(|| "∞".into()),
                            text::band(e, lang),
                            text::statuses(e, lang),
                        ]);
                        if any_failed {
                            row.push(String::new());
                        }
                    }
                    Err(e) => {
                        row.extend(std::iter::repeat_n(String::new(), 7));
                        row.push(case_error_text(e, lang, &args.case));
                    }
                }
                t.push(row);
            }
            write!(out, "{}", t.render())?;
            writeln!(out, "{}", solatium::report::table_model_note(lang))?;
            writeln!(out, "{}", solatium::report::disclaimer(lang))?;
        }
    }
    out.flush()?;
    Ok(if any_failed { CASE_FAILED } else { OK })
}
