//! `estimate rules list | show PROVINCE | check DIR`.

use super::args::{Format, RulesCommand};
use super::{load_rules, read_rule_dir, Fatal, OK, USAGE};
use anyhow::Result;
use solatium::report::json::{status_code, status_label};
use solatium::report::table::Table;
use solatium::rules::schema::{Region, RuleFile, Status};
use solatium::{Lang, RuleBase};
use std::io::{self, Write};
use std::path::Path;

pub fn run(
    cmd: RulesCommand,
    dir: Option<&Path>,
    format: Option<Format>,
    lang: Lang,
) -> Result<u8> {
    let zh = lang == Lang::Zh;
    let mut out = io::stdout().lock();
    match cmd {
        RulesCommand::List => {
            let rb = load_rules(dir)?;
            type Row<'a> = (&'a Region, Option<&'a RuleFile>, Vec<Status>);
            let rows: Vec<Row> = rb
                .regions()
                .iter()
                .map(|r| {
                    let file = rb.file(&r.id);
                    let mut uniq: Vec<Status> = Vec::new();
                    // the sources' statuses, and any a rule sets for itself (Sichuan's
                    // historical death and disability items)
                    let sources = file.iter().flat_map(|f| &f.sources).map(|s| s.status);
                    let rules = file.iter().flat_map(|f| &f.rules).filter_map(|r| r.status);
                    for st in sources.chain(rules) {
                        if !uniq.contains(&st) {
                            uniq.push(st);
                        }
                    }
                    (r, file, uniq)
                })
                .collect();
            match format {
                Some(Format::Json | Format::Jsonl) => {
                    let vals: Vec<serde_json::Value> = rows
                        .iter()
                        .map(|(r, file, st)| {
                            serde_json::json!({
                                "id": r.id,
                                "name_zh": r.name_zh,
                                "name_en": r.name_en,
                                "short": r.short,
                                "code": r.code,
                                "rules": file.map_or(0, |f| f.rules.len()),
                                "statuses": st.iter().map(|s| status_code(*s)).collect::<Vec<_>>(),
                            })
                        })
                        .collect();
                    if format == Some(Format::Json) {
                        writeln!(out, "{}", serde_json::to_string_pretty(&vals)?)?;
                    } else {
                        for v in vals {
                            writeln!(out, "{v}")?;
                        }
                    }
                }
                Some(Format::Csv) => {
                    out.write_all(b"\xEF\xBB\xBF")?;
                    let mut w = csv::Writer::from_writer(&mut out);
                    w.write_record([
                        "id", "name_zh", "name_en", "short", "code", "rules", "statuses",
                    ])?;
                    for (r, file, st) in &rows {
                        let statuses: Vec<&str> = st.iter().map(|s| status_code(*s)).collect();
                        w.write_record([
                            r.id.clone(),
                            r.name_zh.clone(),
                            r.name_en.clone(),
                            r.short.join("/"),
                            r.code.clone().unwrap_or_default(),
                            file.map_or(0, |f| f.rules.len()).to_string(),
                            statuses.join(";"),
                        ])?;
                    }
                    w.flush()?;
                }
                Some(Format::Table | Format::Text) | None => {
                    let mut t = Table::new(
                        if zh {
                            ["id", "名称", "简称", "代码", "规则数", "状态"]
                        } else {
                            ["id", "name", "short", "code", "rules", "status"]
                        }
                        .iter()
                        .map(|s| s.to_string())
                        .collect(),
                    );
                    for (r, file, st) in &rows {
                        let labels: Vec<&str> = st.iter().map(|s| status_label(*s, lang)).collect();
                        t.push(vec![
                            r.id.clone(),
                            if zh {
                                r.name_zh.clone()
                            } else {
                                r.name_en.clone()
                            },
                            r.short.join("/"),
                            r.code.clone().unwrap_or_default(),
                            file.map_or("0".into(), |f| f.rules.len().to_string()),
                            if file.is_some() {
                                labels.join(if zh { "、" } else { "; " })
                            } else if zh {
                                "无本地标准（适用全国性规定或跨省参考）".into()
                            } else {
                                "no standard of its own (national rules or cross-province reference)".into()
                            },
                        ]);
                    }
                    write!(out, "{}", t.render())?;
                }
            }
            Ok(OK)
        }
        RulesCommand::Show { province } => {
            let rb = load_rules(dir)?;
            if province.trim().is_empty() {
                return Err(Fatal::new(
                    format!("省份 {province:?} 为空：请给出省份，如 sichuan、四川、川 或 510000；全国规则用 national（全部见 estimate rules list）"),
                    format!("the province {province:?} is empty: give one, e.g. sichuan, 四川, 川 or 510000; national for the national rules (estimate rules list lists them all)"),
                )
                .into());
            }
            let Some(place) = rb.place(&province) else {
                if let Some(o) = rb.outside(&province) {
                    let said = RuleBase::not_covered(o);
                    return Err(Fatal::new(said.zh, said.en).into());
                }
                let hint = rb.suggest_place(&province);
                return Err(Fatal::one(match lang {
                    Lang::Zh => format!(
                        "未知的省份 {province:?}{}（可用拼音、中文、简称或行政区划代码，如 sichuan、四川、川 或 510000，或 national；全部见 estimate rules list）",
                        hint.map(|h| format!("；是否想输入 {h}？"))
                            .unwrap_or_default()
                    ),
                    Lang::En => format!(
                        "unknown province {province:?}{} (use pinyin, Chinese, the short name or the code, e.g. sichuan, 四川, 川 or 510000, or national; estimate rules list lists them all)",
                        hint.map(|h| format!("; did you mean {h}?"))
                            .unwrap_or_default()
                    ),
                })
                .into());
            };
            match format {
                Some(Format::Json | Format::Jsonl | Format::Csv) => {
                    let v = show_json(&rb, &place.region.id);
                    match format {
                        Some(Format::Json) => {
                            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?
                        }
                        Some(Format::Jsonl) => writeln!(out, "{v}")?,
                        _ => show_csv(&mut out, &v, rb.file(&place.region.id), lang)?,
                    }
                }
                Some(Format::Table | Format::Text) | None => {
                    show(&mut out, &rb, &place.region.id, lang)?
                }
            }
            Ok(OK)
        }
        RulesCommand::Check { dir } => {
            let files = read_rule_dir(&dir)?;
            let loaded = RuleBase::load_read(&files);
            let problems = loaded.as_ref().err().map_or(&[][..], |e| &e.0[..]);
            let counts = loaded.as_ref().ok().map(|rb| {
                let n: usize = rb.files().iter().map(|f| f.rules.len()).sum();
                (rb.files().len(), n)
            });
            // each problem's detail in the report's language, as every other message
            let problem_json = |p: &solatium::rules::RuleProblem| serde_json::json!({"file": p.file, "rule": p.rule, "key": p.key, "message": p.message.get(lang)});
            match format {
                Some(Format::Json) => {
                    let v = serde_json::json!({
                        "dir": dir.display().to_string(),
                        "ok": problems.is_empty(),
                        "jurisdictions": counts.map(|c| c.0),
                        "rules": counts.map(|c| c.1),
                        "problems": problems.iter().map(problem_json).collect::<Vec<_>>(),
                    });
                    writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
                }
                // one line per problem; none when the directory is sound (the exit code says so)
                Some(Format::Jsonl) => {
                    for p in problems {
                        writeln!(out, "{}", problem_json(p))?;
                    }
                }
                Some(Format::Csv) => {
                    out.write_all(b"\xEF\xBB\xBF")?;
                    let mut w = csv::Writer::from_writer(&mut out);
                    w.write_record(["file", "rule", "key", "message"])?;
                    for p in problems {
                        w.write_record([
                            p.file.as_str(),
                            p.rule.as_deref().unwrap_or(""),
                            p.key.as_str(),
                            p.message.get(lang),
                        ])?;
                    }
                    w.flush()?;
                }
                Some(Format::Table | Format::Text) | None => match counts {
                    Some((j, n)) => writeln!(
                        out,
                        "{}",
                        match lang {
                            Lang::Zh => format!("{}：通过 — {j} 个法域，{n} 条规则", dir.display()),
                            Lang::En =>
                                format!("{}: ok — {j} jurisdictions, {n} rules", dir.display()),
                        }
                    )?,
                    None => {
                        writeln!(
                            out,
                            "{}",
                            match lang {
                                Lang::Zh => format!("{}：{} 个问题", dir.display(), problems.len()),
                                Lang::En =>
                                    format!("{}: {} problem(s)", dir.display(), problems.len()),
                            }
                        )?;
                        for p in problems {
                            writeln!(out, "  {}", p.line(lang))?;
                        }
                    }
                },
            }
            Ok(if problems.is_empty() { OK } else { USAGE })
        }
    }
}

/// One jurisdiction as JSON: its sources and rules, as the rule files give them (both languages).
fn show_json(rb: &RuleBase, id: &str) -> serde_json::Value {
    use serde_json::json;
    let region = rb.region(id);
    let file = rb.file(id);
    let date = |d: Option<solatium::Date>| d.map(|d| d.to_string());
    let sources: Vec<serde_json::Value> = file
        .iter()
        .flat_map(|f| &f.sources)
        .map(|s| {
            json!({
                "id": s.id, "title": s.title, "title_en": s.title_en,
                "issuer": s.issuer, "issuer_en": s.issuer_en, "number": s.number,
                "date": s.date, "effective": date(s.effective), "not_before": date(s.not_before),
                "status": status_code(s.status), "status_note_zh": s.status_note_zh,
                "status_note_en": s.status_note_en, "superseded_by": s.superseded_by,
                "superseded_from": date(s.superseded_from),
            })
        })
        .collect();
    let rules: Vec<serde_json::Value> = file
        .iter()
        .flat_map(|f| f.rules.iter().map(move |r| (f, r)))
        .map(|(f, r)| {
            json!({
                "id": r.id, "kind": r.kind_name(),
                "description_zh": r.description_zh, "description_en": r.description_en,
                "harms": r.harms.iter().map(|h| solatium::report::json::harm_code(*h)).collect::<Vec<_>>(),
                "contexts": r.contexts.iter().map(|c| solatium::calc::context_en(*c)).collect::<Vec<_>>(),
                "source": r.source, "article": r.article, "article_en": r.article_text.en,
                "from": date(r.from), "until": date(r.until),
                "status": r.status.map(status_code),
                // its own status, or else its source's
                "effective_status": rule_status(rb, f, r).map(status_code),
                "status_note_zh": r.status_note_zh, "status_note_en": r.status_note_en,
                "quote": r.quote,
                "figures": super::rules_figures::json(r),
            })
        })
        .collect();
    let context_notes: Vec<serde_json::Value> = file
        .iter()
        .flat_map(|f| &f.context_notes)
        .map(|n| {
            json!({
                "contexts": n.contexts.iter().map(|c| solatium::calc::context_en(*c)).collect::<Vec<_>>(),
                "harms": n.harms.iter().map(|h| solatium::report::json::harm_code(*h)).collect::<Vec<_>>(),
                "rules": n.rules, "from": date(n.from), "until": date(n.until),
                "max_detention_days": n.max_detention_days,
                "injury_degrees": n.injury_degrees,
                "source": n.source, "article": n.article,
                "note_zh": n.note_zh, "note_en": n.note_en,
                "share": n.share.as_ref().map(|s| json!({
                    "rate": super::rules_figures::exact_number(s.rate),
                    "floor": s.floor.map(super::rules_figures::exact_number),
                })),
            })
        })
        .collect();
    // the severity a case's facts imply when it names none (national: death, ten years' detention)
    let severity_from_facts: Vec<serde_json::Value> = file
        .iter()
        .flat_map(|f| &f.severity_from_facts)
        .map(|s| {
            json!({
                "contexts": s.contexts.iter().map(|c| solatium::calc::context_en(*c)).collect::<Vec<_>>(),
                "harms": s.harms.iter().map(|h| solatium::report::json::harm_code(*h)).collect::<Vec<_>>(),
                "min_detention_days": s.min_detention_days,
                "max_detention_days": s.max_detention_days,
                "injury_degrees": s.injury_degrees,
                "severity": s.severity,
                "source": s.source, "article": s.article,
                "from": date(s.from), "until": date(s.until),
                "note_zh": s.note_zh, "note_en": s.note_en,
            })
        })
        .collect();
    json!({
        "id": id,
        "name_zh": region.map(|r| r.name_zh.as_str()),
        "name_en": region.map(|r| r.name_en.as_str()),
        "summary_zh": file.map(|f| f.jurisdiction.summary_zh.as_str()),
        "summary_en": file.map(|f| f.jurisdiction.summary_en.as_str()),
        "sources": sources,
        "rules": rules,
        "context_notes": context_notes,
        "severity_from_facts": severity_from_facts,
    })
}

/// [`show_json`]'s rules as CSV rows (UTF-8 with BOM), one per rule; the last column holds the
/// rule's figures, conditions and notes in the report's language, one a line.
fn show_csv<W: Write>(
    out: &mut W,
    v: &serde_json::Value,
    file: Option<&solatium::rules::schema::RuleFile>,
    lang: Lang,
) -> Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::Writer::from_writer(out);
    let cols = [
        "id",
        "kind",
        "harms",
        "contexts",
        "source",
        "article",
        "from",
        "until",
        "status",
        "description_zh",
        "description_en",
    ];
    w.write_record(cols.iter().chain(&["figures"]))?;
    let text = |x: &serde_json::Value| match x {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a
            .iter()
            .filter_map(|e| e.as_str())
            .collect::<Vec<_>>()
            .join(";"),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    let rules = file.map_or(&[][..], |f| &f.rules[..]);
    for (r, rule) in v["rules"].as_array().into_iter().flatten().zip(rules) {
        let figures = super::rules_figures::lines(rule, lang).join("\n");
        // the status column gives every rule's status: its own, or else its source's
        let cell = |c: &str| text(&r[if c == "status" { "effective_status" } else { c }]);
        w.write_record(cols.iter().map(|c| cell(c)).chain([figures]))?;
    }
    w.flush()?;
    Ok(())
}

/// A rule's status: its own, or else its source's.
fn rule_status(
    rb: &RuleBase,
    f: &solatium::rules::schema::RuleFile,
    r: &solatium::rules::schema::Rule,
) -> Option<solatium::rules::schema::Status> {
    r.status.or_else(|| {
        f.source(&r.source)
            .or_else(|| rb.national().source(&r.source))
            .map(|s| s.status)
    })
}

fn show<W: Write>(out: &mut W, rb: &RuleBase, id: &str, lang: Lang) -> io::Result<()> {
    let zh = lang == Lang::Zh;
    let region = rb.region(id);
    let name = region
        .map(|r| {
            if zh {
                r.name_zh.as_str()
            } else {
                r.name_en.as_str()
            }
        })
        .unwrap_or(id);
    if zh {
        writeln!(out, "{name}（{id}）")?;
    } else {
        writeln!(out, "{name} ({id})")?;
    }
    let Some(f) = rb.file(id) else {
        writeln!(
            out,
            "{}",
            if zh {
                "本地区没有自己的标准：适用全国性规定；全国性规定没有数额的，给出跨省参考范围。"
            } else {
                "No standard of its own: the national rules apply; where they give no figure, the cross-province reference range is given."
            }
        )?;
        return Ok(());
    };
    writeln!(
        out,
        "{}",
        if zh {
            &f.jurisdiction.summary_zh
        } else {
            &f.jurisdiction.summary_en
        }
    )?;
    writeln!(out)?;
    writeln!(out, "{}", if zh { "来源：" } else { "Sources:" })?;
    for s in &f.sources {
        writeln!(
            out,
            "  [{}] {}",
            s.id,
            if zh { &s.title } else { &s.title_en }
        )?;
        let mut meta = vec![match (zh, &s.issuer_en) {
            (false, Some(en)) => en.clone(),
            _ => s.issuer.clone(),
        }];
        meta.extend(s.number.clone());
        meta.extend(s.date.clone());
        if let Some(e) = s.effective {
            meta.push(format!("{} {e}", if zh { "施行" } else { "in force from" }));
        }
        if let Some(e) = s.not_before {
            meta.push(format!("{} {e}", if zh { "不早于" } else { "not before" }));
        }
        writeln!(out, "      {}", meta.join(" · "))?;
        writeln!(
            out,
            "      {}{} — {}",
            if zh { "状态：" } else { "status: " },
            status_label(s.status, lang),
            if zh {
                &s.status_note_zh
            } else {
                &s.status_note_en
            }
        )?;
        if let Some(by) = &s.superseded_by {
            // the source that replaced it, by its title in the report's language where the rule
            // base holds it (an id, perhaps written `national: id（note）`); else as written
            let by_id = by
                .trim()
                .trim_start_matches("national:")
                .split(['（', '('])
                .next()
                .unwrap_or("")
                .trim();
            let named = f
                .sources
                .iter()
                .chain(&rb.national().sources)
                .find(|x| x.id == by_id)
                .map(|x| {
                    if zh {
                        format!("{}（{}）", x.title, x.id)
                    } else {
                        format!("{} ({})", x.title_en, x.id)
                    }
                });
            writeln!(
                out,
                "      {}{}{}",
                if zh {
                    "被取代："
                } else {
                    "superseded by: "
                },
                named.as_deref().unwrap_or(by),
                s.superseded_from
                    .map(|d| if zh {
                        format!("，自 {d} 起")
                    } else {
                        format!(", from {d}")
                    })
                    .unwrap_or_default()
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", if zh { "规则：" } else { "Rules:" })?;
    for r in &f.rules {
        let harms: Vec<String> = r
            .harms
            .iter()
            .map(|h| {
                let code = solatium::report::json::harm_code(*h);
                if zh {
                    solatium::report::text::harm_label(code, lang).to_string()
                } else {
                    code.to_string()
                }
            })
            .collect();
        let contexts: Vec<&str> = r.contexts.iter().map(|c| context_label(*c, lang)).collect();
        writeln!(
            out,
            "  {} [{}] — {}",
            r.id,
            r.kind_name(),
            if zh {
                &r.description_zh
            } else {
                &r.description_en
            }
        )?;
        if zh {
            writeln!(
                out,
                "      损害：{}；情形：{}；依据：{} {}",
                harms.join("、"),
                contexts.join("、"),
                r.source,
                r.article
            )?;
        } else {
            writeln!(
                out,
                "      harms: {}; contexts: {}; {} {}",
                harms.join(", "),
                contexts.join(", "),
                r.source,
                solatium::i18n::article_en(&r.article)
            )?;
        }
        if let Some(p) = span(r.from, r.until, lang) {
            let lead = if zh { "适用期间：" } else { "applies: " };
            writeln!(out, "      {lead}{p}")?;
        }
        // every rule says its status: its own, or its source's (said to be the source's); a
        // rule's own note is given either way
        let inherited = r.status.is_none();
        let status = rule_status(rb, f, r);
        if let Some(st) = status {
            let note = if zh {
                r.status_note_zh.as_deref()
            } else {
                r.status_note_en.as_deref()
            };
            let from_source = match (inherited, zh) {
                (true, true) => format!("（同来源 {}）", r.source),
                (true, false) => format!(" (that of its source, {})", r.source),
                (false, _) => String::new(),
            };
            writeln!(
                out,
                "      {}{}{from_source}{}",
                if zh { "状态：" } else { "status: " },
                solatium::report::json::status_label(st, lang),
                note.map_or(String::new(), |n| format!(" — {n}"))
            )?;
        }
        if let Some(q) = &r.quote {
            writeln!(out, "      “{q}”")?;
        }
        for line in super::rules_figures::lines(r, lang) {
            writeln!(out, "      {line}")?;
        }
    }
    if !f.severity_from_facts.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            if zh {
                "由案件事实推定的严重程度（案件未指明严重程度时）："
            } else {
                "Severity implied by the facts (when a case names none):"
            }
        )?;
        for s in &f.severity_from_facts {
            let article = if zh {
                s.article.clone()
            } else {
                solatium::i18n::article_en(&s.article).into_owned()
            };
            let mut facts: Vec<String> = s.harms.iter().map(|h| h.code().to_string()).collect();
            if let Some(d) = s.min_detention_days {
                facts.push(if zh {
                    format!("羁押 ≥ {d} 日")
                } else {
                    format!("detention ≥ {d} days")
                });
            }
            if let Some(d) = s.max_detention_days {
                facts.push(if zh {
                    format!("羁押 ≤ {d} 日")
                } else {
                    format!("detention ≤ {d} days")
                });
            }
            if !s.injury_degrees.is_empty() {
                let degrees: Vec<&str> = s.injury_degrees.iter().map(|d| d.label(lang)).collect();
                facts.push(if zh {
                    format!("伤情为{}", degrees.join("或"))
                } else {
                    format!("the injury assessed as {}", degrees.join(" or "))
                });
            }
            let from = s.from.map_or(String::new(), |d| {
                if zh {
                    format!("，自 {d} 起")
                } else {
                    format!(", from {d}")
                }
            });
            let (open, close) = if zh { ("（", "）") } else { (" (", ")") };
            writeln!(
                out,
                "  - {} → {}{open}{} {article}{from}{close}",
                facts.join(if zh { " 且 " } else { " and " }),
                s.severity,
                s.source
            )?;
        }
    }
    if !f.context_notes.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            if zh {
                "附加说明（案件符合所列情形时随估算给出）："
            } else {
                "Notes given with an estimate (when the case fits):"
            }
        )?;
        for n in &f.context_notes {
            writeln!(out, "  - {}", note_when(n, lang))?;
            // `{days}` is the case's days of detention, filled in when the note is given
            let text = if zh { &n.note_zh } else { &n.note_en };
            writeln!(out, "      {}", text.replace("{days}", "N"))?;
            if let Some(share) = &n.share {
                let rate = solatium::money::plain(share.rate * solatium::money::Decimal::from(100));
                let floor = share.floor.map(solatium::money::plain);
                writeln!(
                    out,
                    "      {}",
                    match (zh, floor) {
                        (true, Some(fl)) => format!("给出 base_compensation 时，计算其 {rate}%（最低 {fl}），并与估算金额和估算区间上限比较"),
                        (true, None) => format!("给出 base_compensation 时，计算其 {rate}%，并与估算金额和估算区间上限比较"),
                        (false, Some(fl)) => format!("with base_compensation given: {rate}% of it (at least {fl}), compared with the estimate's point and high"),
                        (false, None) => format!("with base_compensation given: {rate}% of it, compared with the estimate's point and high"),
                    }
                )?;
            }
        }
    }
    Ok(())
}

/// A context's name in the report's language.
fn context_label(c: solatium::case::Context, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => solatium::calc::context_zh(c),
        Lang::En => solatium::calc::context_en(c),
    }
}

/// A span of dates, either end open: `自 2014-01-01 起` / `from 2014-01-01`, `至 … 止` / `up to …`,
/// `… 至 …` / `… to …`; `None` when both are.
fn span(from: Option<solatium::Date>, until: Option<solatium::Date>, lang: Lang) -> Option<String> {
    let zh = lang == Lang::Zh;
    Some(match (from, until) {
        (None, None) => return None,
        (Some(f), None) if zh => format!("自 {f} 起"),
        (None, Some(u)) if zh => format!("至 {u} 止"),
        (Some(f), Some(u)) if zh => format!("{f} 至 {u}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(u)) => format!("up to {u}"),
        (Some(f), Some(u)) => format!("{f} to {u}"),
    })
}

/// When a context note is given: its contexts, harms, rules and dates, and the provision it cites.
fn note_when(n: &solatium::rules::schema::ContextNote, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut when: Vec<String> = vec![n
        .contexts
        .iter()
        .map(|c| context_label(*c, lang))
        .collect::<Vec<_>>()
        .join(if zh { "、" } else { ", " })];
    if !n.harms.is_empty() {
        let harms: Vec<&str> = n
            .harms
            .iter()
            .map(|h| solatium::report::text::harm_label(h.code(), lang))
            .collect();
        when.push(harms.join(if zh { "、" } else { ", " }));
    }
    if !n.rules.is_empty() {
        when.push(if zh {
            format!("所用规则为 {}", n.rules.join("、"))
        } else {
            format!("resting on {}", n.rules.join(", "))
        });
    }
    if let Some(d) = n.max_detention_days {
        when.push(if zh {
            format!("羁押不超过 {d} 日")
        } else {
            format!("detention of at most {d} days")
        });
    }
    if !n.injury_degrees.is_empty() {
        let degrees: Vec<&str> = n.injury_degrees.iter().map(|d| d.label(lang)).collect();
        when.push(if zh {
            format!("伤情为{}", degrees.join("或"))
        } else {
            format!("the injury assessed as {}", degrees.join(" or "))
        });
    }
    if let Some(p) = span(n.from, n.until, lang) {
        when.push(if zh {
            // 案件日期 2014-01-01 至 …, 案件日期自 … 起
            let gap = if p.starts_with(|c: char| c.is_ascii_digit()) {
                " "
            } else {
                ""
            };
            format!("案件日期{gap}{p}")
        } else {
            format!("cases dated {p}")
        });
    }
    let article = if zh {
        n.article.clone()
    } else {
        solatium::i18n::article_en(&n.article).into_owned()
    };
    if zh {
        format!("{}（{} {article}）", when.join("；"), n.source)
    } else {
        format!("{} ({} {article})", when.join("; "), n.source)
    }
}
