//! `estimate batch`: many cases, streamed one at a time, one output record per input case.

use super::args::{BatchArgs, Format};
use super::records::{Frame, FrameError, Records};
use super::{parse_json, Fatal, CASE_FAILED, OK};
use anyhow::Result;
use serde_json::Value;
use solatium::error::Problem;
use solatium::report::json as rj;
use solatium::report::table::{Align, Table};
use solatium::{CaseError, Date, Estimate, Lang, RuleBase};
use std::io::{self, BufRead, BufReader, IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// One input, as given or found in a directory.
enum Input {
    Stdin,
    File(PathBuf),
}

fn expand(inputs: &[PathBuf]) -> Result<Vec<Input>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| Fatal(format!("cannot read directory {}: {e}", p.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && matches!(
                            f.extension().and_then(|x| x.to_str()),
                            Some("json" | "jsonl")
                        )
                })
                .collect();
            files.sort();
            out.extend(files.into_iter().map(Input::File));
        } else if p.is_file() {
            out.push(Input::File(p.clone()));
        } else {
            return Err(Fatal(format!("no such file or directory: {}", p.display())).into());
        }
    }
    Ok(out)
}

/// The output sink for one format.
struct Writer<W: Write> {
    out: W,
    format: Format,
    lang: Lang,
    first: bool,
    table: Option<Table>,
}

impl<W: Write> Writer<W> {
    fn begin(&mut self) -> io::Result<()> {
        match self.format {
            Format::Csv => write_csv_header(&mut self.out),
            Format::Json => self.out.write_all(b"["),
            Format::Table | Format::Text => {
                self.table = Some(table_new(self.lang));
                Ok(())
            }
            Format::Jsonl => Ok(()),
        }
    }

    fn record(
        &mut self,
        r: &Result<Estimate, CaseError>,
        id: Option<&str>,
        (index, line): (usize, usize),
        file: Option<&str>,
    ) -> io::Result<()> {
        match self.format {
            Format::Jsonl | Format::Json => {
                let v = match r {
                    Ok(e) => rj::estimate(e, self.lang),
                    Err(e) => {
                        let mut v = rj::error(id, Some(index), file, e, self.lang);
                        if let Some(m) = v.as_object_mut() {
                            m.insert("line".into(), Value::from(line));
                        }
                        v
                    }
                };
                if self.format == Format::Json {
                    self.out
                        .write_all(if self.first { b"\n" } else { b",\n" })?;
                }
                serde_json::to_writer(&mut self.out, &v)?;
                if self.format == Format::Jsonl {
                    self.out.write_all(b"\n")?;
                }
            }
            Format::Csv => write_csv_row(&mut self.out, r, Some((id, index, file)), self.lang)?,
            Format::Table | Format::Text => {
                if let Some(t) = &mut self.table {
                    table_push(t, r, Some((id, index)), self.lang);
                }
            }
        }
        self.first = false;
        Ok(())
    }

    fn end(&mut self) -> io::Result<()> {
        match self.format {
            Format::Json => self
                .out
                .write_all(if self.first { b"]\n" } else { b"\n]\n" })?,
            Format::Table | Format::Text => {
                if let Some(t) = &self.table {
                    self.out.write_all(t.render().as_bytes())?;
                }
            }
            _ => {}
        }
        self.out.flush()
    }
}

/// The id of a record, if it has one (for error records).
fn record_id(v: &Value) -> Option<String> {
    match v.get("id")? {
        Value::String(s) => Some(solatium::error::shorten(s)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Estimates one framed record.
pub fn one(
    rb: &RuleBase,
    frame: &Frame,
    today: Date,
) -> (Option<String>, Result<Estimate, CaseError>) {
    let bytes = match &frame.bytes {
        Ok(b) => b,
        Err(e) => {
            let detail = match e {
                FrameError::Truncated => "input ended inside this record (truncated)".to_string(),
                FrameError::Stray(s) => format!("unexpected text {s:?}"),
                FrameError::TooLarge => "record too large".to_string(),
            };
            return (None, Err(CaseError::new("", "", Problem::Json { detail })));
        }
    };
    match parse_json(bytes) {
        Err(e) => (None, Err(e)),
        Ok(v) => {
            let id = record_id(&v);
            let r = solatium::Case::from_json(&v).and_then(|c| solatium::estimate(rb, &c, today));
            (id, r)
        }
    }
}

pub fn run(rb: &RuleBase, args: &BatchArgs, format: Format, lang: Lang, today: Date) -> Result<u8> {
    let inputs = expand(&args.inputs)?;
    let stdout = io::stdout().lock();
    let mut w = Writer {
        out: io::BufWriter::with_capacity(1 << 16, stdout),
        format,
        lang,
        first: true,
        table: None,
    };
    w.begin()?;
    let (mut ok, mut failed) = (0u64, 0u64);
    let started = Instant::now();
    let progress = io::stderr().is_terminal();
    let mut last_progress = started;
    let many = inputs.len() > 1;
    for input in inputs {
        let (reader, name): (Box<dyn BufRead>, Option<String>) = match &input {
            Input::Stdin => (
                Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
                many.then(|| "-".to_string()),
            ),
            Input::File(p) => {
                let f = std::fs::File::open(p)
                    .map_err(|e| Fatal(format!("cannot open {}: {e}", p.display())))?;
                (
                    Box::new(BufReader::with_capacity(1 << 16, f)),
                    Some(p.display().to_string()),
                )
            }
        };
        for frame in Records::new(reader) {
            let frame = frame.map_err(|e| {
                Fatal(format!(
                    "reading {}: {e}",
                    name.as_deref().unwrap_or("stdin")
                ))
            })?;
            let (id, r) = one(rb, &frame, today);
            if r.is_ok() {
                ok += 1
            } else {
                failed += 1
            }
            w.record(
                &r,
                id.as_deref(),
                (frame.index, frame.line),
                name.as_deref(),
            )?;
            if progress
                && (ok + failed) % 1024 == 0
                && last_progress.elapsed() > Duration::from_secs(1)
            {
                last_progress = Instant::now();
                let rate = (ok + failed) as f64 / started.elapsed().as_secs_f64();
                let _ = write!(io::stderr(), "\r{} cases, {:.0}/s   ", ok + failed, rate);
            }
        }
    }
    w.end()?;
    if progress && started.elapsed() > Duration::from_secs(1) {
        let _ = writeln!(io::stderr());
    }
    let summary = match lang {
        Lang::Zh => format!("{ok} 件已估算，{failed} 件失败"),
        Lang::En => format!("{ok} estimated, {failed} failed"),
    };
    let _ = writeln!(io::stderr(), "estimate batch: {summary}");
    Ok(if failed > 0 { CASE_FAILED } else { OK })
}

// ---- CSV and table rows, shared by batch, compare and single-case output ----

pub const CSV_HEADER: &[&str] = &[
    "id",
    "index",
    "file",
    "province",
    "harm",
    "context",
    "date",
    "basis",
    "low",
    "point",
    "high",
    "floor",
    "cap",
    "tier",
    "rules",
    "sources",
    "notes",
    "error_field",
    "error",
];

pub fn write_csv_header<W: Write>(out: &mut W) -> io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    w.flush()
}

fn amount_text(d: Option<solatium::money::Decimal>) -> String {
    d.map(|x| x.normalize().to_string()).unwrap_or_default()
}

pub fn csv_fields(
    r: &Result<Estimate, CaseError>,
    pos: Option<(Option<&str>, usize, Option<&str>)>,
    lang: Lang,
) -> Vec<String> {
    let (id, index, file) = pos.unwrap_or((None, 0, None));
    let idx = if pos.is_some() {
        index.to_string()
    } else {
        String::new()
    };
    match r {
        Ok(e) => {
            let rules: Vec<&str> = e
                .steps
                .iter()
                .map(|s| s.rule.as_str())
                .filter(|s| *s != "model")
                .collect();
            let mut rules_dedup: Vec<&str> = Vec::new();
            for r in rules {
                if !rules_dedup.contains(&r) {
                    rules_dedup.push(r);
                }
            }
            let sources: Vec<String> = e
                .citations
                .iter()
                .map(|c| {
                    format!(
                        "{} {} [{}]",
                        if lang == Lang::Zh {
                            &c.document
                        } else {
                            &c.document_en
                        },
                        c.article,
                        rj::status_code(c.status)
                    )
                })
                .collect();
            let notes: Vec<&str> = e.notes.iter().map(|n| n.get(lang)).collect();
            vec![
                e.id.clone().unwrap_or_default(),
                idx,
                file.unwrap_or_default().to_string(),
                e.jurisdiction.clone(),
                rj::harm_code(e.harm),
                solatium::calc::context_en(e.context).to_string(),
                e.date.to_string(),
                e.basis.code().to_string(),
                amount_text(Some(e.amount.low)),
                amount_text(Some(e.amount.point)),
                amount_text(e.amount.high),
                amount_text(Some(e.band.floor)),
                amount_text(e.band.cap),
                e.tier.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
                rules_dedup.join("; "),
                sources.join("; "),
                notes.join(" | "),
                String::new(),
                String::new(),
            ]
        }
        Err(err) => {
            let mut v = vec![String::new(); CSV_HEADER.len()];
            v[0] = id.unwrap_or_default().to_string();
            v[1] = idx;
            v[2] = file.unwrap_or_default().to_string();
            v[17] = err.field.clone();
            v[18] = err.message(lang);
            v
        }
    }
}

pub fn write_csv_row<W: Write>(
    out: &mut W,
    r: &Result<Estimate, CaseError>,
    pos: Option<(Option<&str>, usize, Option<&str>)>,
    lang: Lang,
) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new().from_writer(out);
    w.write_record(csv_fields(r, pos, lang))?;
    w.flush()
}

pub fn table_new(lang: Lang) -> Table {
    let h: Vec<String> = match lang {
        Lang::Zh => [
            "#", "id", "省份", "损害", "依据", "下限", "估算", "上限", "幅度", "规则", "状态",
            "错误",
        ],
        Lang::En => [
            "#", "id", "province", "harm", "basis", "low", "point", "high", "band", "rule",
            "status", "error",
        ],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    Table::new(h)
        .align(0, Align::Right)
        .align(5, Align::Right)
        .align(6, Align::Right)
        .align(7, Align::Right)
        .max_width(11, 60)
}

pub fn table_push(
    t: &mut Table,
    r: &Result<Estimate, CaseError>,
    pos: Option<(Option<&str>, usize)>,
    lang: Lang,
) {
    let (id, index) = pos.unwrap_or((None, 1));
    let g = solatium::money::group;
    match r {
        Ok(e) => {
            let statuses: Vec<&str> = e.statuses().into_iter().map(rj::status_code).collect();
            t.push(vec![
                index.to_string(),
                e.id.clone().unwrap_or_default(),
                e.jurisdiction_name.get(lang).to_string(),
                rj::harm_code(e.harm),
                e.basis.code().to_string(),
                g(e.amount.low),
                g(e.amount.point),
                e.amount.high.map(g).unwrap_or_else(|| "∞".into()),
                solatium::report::text::band(e, lang),
                e.rule.clone(),
                statuses.join(","),
                String::new(),
            ]);
        }
        Err(err) => {
            let mut row = vec![String::new(); 12];
            row[0] = index.to_string();
            row[1] = id.unwrap_or_default().to_string();
            row[11] = err.message(lang);
            t.push(row);
        }
    }
}
