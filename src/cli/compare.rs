//! `estimate compare`: one case description across provinces, with optional sweeps of the
//! disability grade and the liability share. One row per province × sweep value.

use super::args::{CompareArgs, Format};
use super::batch::{csv_fields, CSV_HEADER, CSV_PROVINCE};
use super::{base_case, case_error_text, Fatal, CASE_FAILED, OK};
use anyhow::Result;
use serde_json::{json, Value};
use solatium::report::json as rj;
use solatium::report::table::{Align, Table};
use solatium::report::text;
use solatium::{Date, Lang, RuleBase};
use std::io::{self, Write};

fn parse_grades(s: &str, lang: Lang) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if let Some((a, b)) = part.split_once('-') {
            let (a, b): (u32, u32) = match (a.trim().parse(), b.trim().parse()) {
                (Ok(a), Ok(b)) if a <= b && b - a <= 100 => (a, b),
                _ => {
                    return Err(Fatal::one(match lang {
                        Lang::Zh => {
                            format!("--grades {s:?}：范围应写成由小到大的两个整数，如 1-10")
                        }
                        Lang::En => format!(
                            "--grades {s:?}: a range is two whole numbers, smaller first, like 1-10"
                        ),
                    })
                    .into())
                }
            };
            out.extend((a..=b).map(|g| g.to_string()));
        } else {
            out.push(part.to_string());
        }
    }
    Ok(out)
}

/// The jurisdictions to compare, as region ids.
fn provinces(rb: &RuleBase, args: &CompareArgs, lang: Lang) -> Result<Vec<String>> {
    let spec = match (&args.provinces, &args.case.province) {
        (Some(_), Some(_)) => {
            return Err(Fatal::one(match lang {
                Lang::Zh => "--province 与 --provinces 不能同时使用：compare 按 --provinces 列出的省份逐一估算".into(),
                Lang::En => "--province and --provinces cannot be used together: compare runs the case for each of --provinces".into(),
            })
            .into())
        }
        (Some(p), None) | (None, Some(p)) => p.trim().to_string(),
        (None, None) => "all".to_string(),
    };
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
    let mut v = Vec::new();
    for p in list(&spec) {
        match rb.place(&p) {
            Some(place) => v.push(place.region.id.clone()),
            None => {
                let hint = rb.suggest_place(&p);
                return Err(Fatal::one(match lang {
                    Lang::Zh => format!(
                        "--provinces：未知的省份 {p:?}{}（可用拼音、中文、简称或行政区划代码，或 all、covered）",
                        hint.map(|h| format!("；是否想输入 {h}？")).unwrap_or_default()
                    ),
                    Lang::En => format!(
                        "--provinces: unknown province {p:?}{} (use pinyin, Chinese, the short name or the code, or all, covered)",
                        hint.map(|h| format!("; did you mean {h}?")).unwrap_or_default()
                    ),
                })
                .into());
            }
        }
    }
    Ok(v)
}

fn list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
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
    let provinces = provinces(rb, args, lang)?;
    let grades = args
        .grades
        .as_deref()
        .map(|g| parse_grades(g, lang))
        .transpose()?
        .unwrap_or_default();
    let liabilities = args.liabilities.as_deref().map(list).unwrap_or_default();
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
                rows.push((p.clone(), g.clone(), l.clone(), r));
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
            for (i, (p, g, l, r)) in rows.iter().enumerate() {
                let mut fields = csv_fields(r, Some((None, i + 1, None)), lang);
                if fields[CSV_PROVINCE].is_empty() {
                    fields[CSV_PROVINCE] = p.clone();
                }
                fields.push(g.clone().unwrap_or_default());
                fields.push(l.clone().unwrap_or_default());
                w.write_record(&fields)?;
            }
            w.flush()?;
        }
        Format::Json | Format::Jsonl => {
            let vals: Vec<Value> = rows
                .iter()
                .map(|(p, g, l, r)| {
                    let mut v = match r {
                        Ok(e) => rj::estimate(e, lang),
                        Err(e) => rj::error(None, None, e, lang),
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
                if let Some(gr) = gr {
                    row.push(gr.clone());
                }
                if let Some(l) = l {
                    row.push(l.clone());
                }
                match r {
                    Ok(e) => {
                        row.extend([
                            e.rule.clone(),
                            text::basis_short(e.basis, lang).to_string(),
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
                        row.push(case_error_text(e, lang, true));
                    }
                }
                t.push(row);
            }
            write!(out, "{}", t.render())?;
            writeln!(out, "{}", solatium::report::disclaimer(lang))?;
        }
    }
    out.flush()?;
    Ok(if any_failed { CASE_FAILED } else { OK })
}
