//! `estimate batch`: many cases, streamed one at a time, one output record per input case.

use super::args::{BatchArgs, Format};
use super::records::{Frame, FrameError, Records};
use super::{cannot_read, cannot_read_text, parse_json, Fatal, CASE_FAILED, OK};
use anyhow::Result;
use serde_json::Value;
use solatium::error::Problem;
use solatium::i18n::Text;
use solatium::money::plain;
use solatium::report::json as rj;
use solatium::report::table::{Align, Table};
use solatium::report::text;
use solatium::{CaseError, Date, Estimate, Lang, RuleBase};
use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// One input, as given or found in a directory.
enum Input {
    Stdin,
    File(PathBuf),
}

fn expand(inputs: &[PathBuf], lang: Lang) -> Result<Vec<Input>> {
    if inputs.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Fatal::new(
            "标准输入 `-` 只能给出一次：第二次读取时已经没有内容",
            "standard input `-` can be given only once: a second read would find nothing",
        )
        .into());
    }
    let mut out = Vec::new();
    for p in inputs {
        // what the path is (following links); a path that cannot be looked at for another
        // reason than not existing (a parent without permission, say) says that reason
        let meta = match std::fs::metadata(p) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(cannot_read("文件", "file", p, &e).into()),
        };
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if meta.as_ref().is_some_and(|m| m.is_dir()) {
            let mut files = Vec::new();
            let mut skipped = Vec::new();
            for e in std::fs::read_dir(p)
                .map_err(|e| cannot_read("目录", "directory", p, &e))?
                .filter_map(|e| e.ok())
            {
                let f = e.path();
                // *.json and *.jsonl, in any case (Windows saves CASE.JSON as readily)
                let ext = f
                    .extension()
                    .and_then(|x| x.to_str())
                    .map(str::to_ascii_lowercase);
                // a link to nothing named like a case file is one too: its record says it
                // cannot be read, where a skip would lose it among the subdirectories
                let broken_link = || {
                    e.file_type().is_ok_and(|t| t.is_symlink()) && std::fs::metadata(&f).is_err()
                };
                if (f.is_file() || broken_link())
                    && matches!(ext.as_deref(), Some("json" | "jsonl"))
                {
                    files.push(f);
                } else {
                    skipped.push(e.file_name().to_string_lossy().into_owned());
                }
            }
            files.sort();
            skipped.sort();
            if !skipped.is_empty() {
                // not an error: say so, so a case file saved as .txt or in a subfolder is not lost unseen
                let shown: Vec<&str> = skipped.iter().take(5).map(String::as_str).collect();
                let more = if skipped.len() > 5 { "…" } else { "" };
                let _ = writeln!(
                    io::stderr(),
                    "{}",
                    match lang {
                        Lang::Zh => format!(
                            "estimate batch: 目录 {} 中跳过 {} 项（子目录或非 .json/.jsonl 文件）：{}{more}",
                            p.display(),
                            skipped.len(),
                            shown.join("、")
                        ),
                        Lang::En => format!(
                            "estimate batch: skipped {} entries of {} (subdirectories or files not .json/.jsonl): {}{more}",
                            skipped.len(),
                            p.display(),
                            shown.join(", ")
                        ),
                    }
                );
            }
            if files.is_empty() {
                // not an error either (no cases, none failed), but never silent
                let _ = writeln!(
                    io::stderr(),
                    "{}",
                    match lang {
                        Lang::Zh => format!(
                            "estimate batch: 目录 {} 中没有 .json 或 .jsonl 文件，没有案件可读",
                            p.display()
                        ),
                        Lang::En => format!(
                            "estimate batch: no .json or .jsonl files in {}, so no cases to read",
                            p.display()
                        ),
                    }
                );
            }
            out.extend(files.into_iter().map(Input::File));
        } else if meta.is_some() {
            // a regular file, or anything else that can be read as one: a pipe (`<(cat x.json)`,
            // /dev/stdin), a named FIFO, a character device such as /dev/null
            out.push(Input::File(p.clone()));
        } else {
            return Err(Fatal::new(
                format!("文件或目录不存在：{}", p.display()),
                format!("no such file or directory: {}", p.display()),
            )
            .into());
        }
    }
    Ok(out)
}

/// `table` output lines its columns up over this many rows at a time: a block is written, with
/// its own header, when it is full, so a large batch does not hold every row to the end.
pub const TABLE_BLOCK: usize = 10_000;

/// Writes the rows held as one aligned block (a blank line before every block but the first) and
/// drops them.
fn write_table_block(t: &mut Table, blocks: &mut u64, out: &mut impl Write) -> io::Result<()> {
    if *blocks > 0 {
        out.write_all(b"\n")?;
    }
    out.write_all(t.render().as_bytes())?;
    t.clear();
    *blocks += 1;
    Ok(())
}

/// How many records one job holds: small enough that, at a batch's end and wherever the cases
/// of one job cost more than another's, a worker waits little for the other, and large enough
/// that handing jobs out costs nothing against rendering them (a job is a few hundred µs).
const SHARE: usize = 256;

/// How many jobs may be read and not yet written: two a worker (at least four), so that each
/// has its next job waiting while the writer waits for the oldest. No more: every job out holds
/// its records' output, about 1.5 MB, and fewer of them in turn stay in the caches. On two
/// workers, four rather than eight made a 200,000-case batch about 4% faster (the median of
/// twelve alternating runs) and its peak memory 26 MB rather than 33.
fn jobs_in_flight(workers: usize) -> usize {
    (2 * workers).max(4)
}

/// What a worker renders for one job: one buffer of bytes for the stream formats (records in
/// input order), or rows for the table. One buffer per job, not one per record: a record is
/// about 5 KB of JSON, and growing a fresh buffer for each was a tenth of a batch.
#[derive(Default)]
struct Part {
    bytes: Vec<u8>,
    rows: Vec<Vec<String>>,
    ok: u64,
    failed: u64,
    /// the job's records, done with: handed back for their byte buffers (and the list itself)
    /// to be filled again by the reader
    frames: Vec<Frame>,
}

/// A run of consecutive records of one input `file`, the `seq`-th job of the batch: parts are
/// written in `seq` order, whichever worker finishes first.
struct Job {
    seq: usize,
    frames: Vec<Frame>,
    file: Option<Arc<str>>,
    /// an emptied buffer from an earlier job, to write into
    bytes: Vec<u8>,
}

/// Renders one framed record in the output format onto the worker's part.
#[allow(clippy::too_many_arguments)]
fn render<'r>(
    rb: &'r RuleBase,
    frame: &Frame,
    today: Date,
    format: Format,
    lang: Lang,
    file: Option<&str>,
    part: &mut Part,
    plain: &mut rj::KnownPlain<'r>,
    buffers: &mut solatium::case::PlainBuffers,
    case: &mut solatium::Case,
    lists: &mut solatium::calc::EstimateLists<'r>,
) {
    let (start, rows) = (part.bytes.len(), part.rows.len());
    // The estimate is written where it was made, inside the guard, and never moved out of it
    // ([`one`]).
    let done = guarded(|| {
        Ok(one(rb, frame, today, buffers, case, lists, |id, r| {
            // a defect in writing the record, too, costs only that record: an error record in
            // its place
            let wrote = guarded(|| {
                emit(r, id, frame, format, lang, file, part, plain);
                Ok(())
            });
            match wrote {
                Ok(()) => r.is_ok(),
                Err(e) => {
                    part.bytes.truncate(start);
                    part.rows.truncate(rows);
                    emit(&Err(e), id, frame, format, lang, file, part, plain);
                    false
                }
            }
        }))
    });
    // a defect in estimating the case: an error record without an id in its place
    let ok = done.unwrap_or_else(|e| {
        part.bytes.truncate(start);
        part.rows.truncate(rows);
        emit(&Err(e), None, frame, format, lang, file, part, plain);
        false
    });
    if ok {
        part.ok += 1;
    } else {
        part.failed += 1;
    }
}

/// Writes one outcome in the output format onto the worker's part.
#[allow(clippy::too_many_arguments)]
fn emit<'r>(
    r: &Result<Estimate<'r>, CaseError>,
    id: Option<&str>,
    frame: &Frame,
    format: Format,
    lang: Lang,
    file: Option<&str>,
    part: &mut Part,
    plain: &mut rj::KnownPlain<'r>,
) {
    let bytes = &mut part.bytes;
    match format {
        Format::Jsonl | Format::Json => {
            if format == Format::Json {
                bytes.extend_from_slice(b",\n");
            }
            let pos = rj::Position {
                index: frame.index,
                file,
                line: frame.line,
            };
            match r {
                Ok(e) => rj::write_estimate_known(bytes, e, lang, pos, plain),
                Err(e) => rj::write_error_at(bytes, id, pos, e, lang),
            }
            if format == Format::Jsonl {
                bytes.push(b'\n');
            }
        }
        Format::Csv => {
            let _ = write_csv_row(&mut *bytes, r, Some((id, frame.index, file)), lang);
        }
        Format::Table | Format::Text => part.rows.push(table_row(r, Some((id, frame.index)), lang)),
    }
}

type Outcome<'r> = (Option<String>, Result<Estimate<'r>, CaseError>);

/// Runs `f` so that a defect that panics costs only the record at hand (an error record saying
/// so, in its place); the rest of the batch still runs.
fn guarded<T>(f: impl FnOnce() -> Result<T, CaseError>) -> Result<T, CaseError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|p| {
        let detail = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(CaseError::new("", "", Problem::Internal { detail }))
    })
}

/// The id of a record, if it has one (for error records).
pub fn record_id(v: &Value) -> Option<String> {
    match v.get("id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The id of a record refused for a key given twice, as its first `id` key gives it: an `id`
/// given twice names the record by the first, as a reader stopping there would (serde_json
/// would keep the last).
pub fn first_id(bytes: &[u8]) -> Option<String> {
    use serde::de::{Deserializer as _, IgnoredAny, MapAccess, Visitor};
    struct FirstId;
    impl<'de> Visitor<'de> for FirstId {
        type Value = Option<Value>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Value>, A::Error> {
            let mut id = None;
            while let Some(k) = map.next_key::<String>()? {
                if k == "id" && id.is_none() {
                    id = Some(map.next_value::<Value>()?);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(id)
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let id = serde_json::Deserializer::from_slice(bytes)
        .deserialize_map(FirstId)
        .ok()??;
    record_id(&serde_json::json!({ "id": id }))
}

/// The error record of a record that is not valid JSON (`e`, from [`parse_json`]), with its id,
/// the field whose value holds the break and the text there, when they can be read before it.
/// The message is kept as it was.
fn broken(
    bytes: &[u8],
    mut e: CaseError,
) -> (Option<String>, Result<Estimate<'static>, CaseError>) {
    // as parse_json reads it: a byte-order mark before the record is not part of it
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Some(at) = solatium::salvage::break_offset(bytes) else {
        return (None, Err(e));
    };
    let s = solatium::salvage::salvage(bytes, at);
    e.field = s.field;
    // raw text, not a quoted value: only shortened
    e.value = solatium::error::shorten(&s.value);
    (s.id, Err(e))
}

/// Estimates one framed record and hands the outcome, with the record's id, to `then`, which
/// writes it where it was made: an outcome is over 500 bytes, and returning it through the
/// callers was a copy of it at every step.
///
/// A plain record is read into `c` (the worker's one case, read into where it is), its strings
/// made in `buffers`, and its estimate's lists in `lists`; each handed back once it is written.
pub fn one<'r, T>(
    rb: &'r RuleBase,
    frame: &Frame,
    today: Date,
    buffers: &mut solatium::case::PlainBuffers,
    c: &mut solatium::Case,
    lists: &mut solatium::calc::EstimateLists<'r>,
    then: impl FnOnce(Option<&str>, &Result<Estimate<'r>, CaseError>) -> T,
) -> T {
    if let Ok(bytes) = &frame.bytes {
        // a plain record is read straight from its text; anything else, and every error, the
        // full way
        if solatium::Case::read_plain_json(bytes, buffers, c).is_some() {
            // the id as record_id reads it from the parsed record: the case's own. Moved into
            // the estimate rather than copied by it (the calculation reads no id), and kept
            // here for an error record.
            let mut id = c.id.take();
            let mut r = guarded(|| solatium::calc::estimate_with(rb, c, today, lists));
            if let Ok(e) = &mut r {
                e.id = id.take();
            }
            let shown = match &r {
                Ok(e) => e.id.as_deref(),
                Err(_) => id.as_deref(),
            };
            let t = then(shown, &r);
            // (taken out where they are: the estimate and the case moved whole, to be taken
            // apart, were two copies of a few hundred bytes each)
            buffers.recycle_string(match &mut r {
                Ok(e) => {
                    lists.recycle(e);
                    e.id.take()
                }
                Err(_) => id,
            });
            buffers.recycle(c);
            return t;
        }
    }
    let (id, r) = one_in_full(rb, frame, today);
    then(id.as_deref(), &r)
}

/// [`one`] for a record that is not plain, or not framed.
fn one_in_full<'r>(rb: &'r RuleBase, frame: &Frame, today: Date) -> Outcome<'r> {
    let bytes = match &frame.bytes {
        Ok(b) => b,
        Err(FrameError::Unreadable(detail)) => {
            let detail = detail.clone();
            return (
                None,
                Err(CaseError::new("", "", Problem::Unreadable { detail })),
            );
        }
        Err(e) => {
            let detail = e.text();
            // a truncated or unclosed record names itself by the id it showed, if any
            return (
                frame.id.clone(),
                Err(CaseError::new("", "", Problem::Json { detail })),
            );
        }
    };
    match parse_json(bytes) {
        // a record refused for a key given twice is still JSON: its id, if any, names the record
        Err(e) if matches!(e.problem, Problem::Duplicate { .. }) => (first_id(bytes), Err(e)),
        // a record that is not JSON: what can honestly be read of it before the break
        Err(e) if matches!(e.problem, Problem::Json { .. }) => broken(bytes, e),
        Err(e) => (None, Err(e)),
        Ok(v) => {
            let id = record_id(&v);
            // the id is known before the estimate runs, so even a defect's error record names it
            let r = guarded(|| {
                solatium::Case::from_json(&v).and_then(|c| solatium::estimate(rb, &c, today))
            });
            (id, r)
        }
    }
}

pub fn run(rb: &RuleBase, args: &BatchArgs, format: Format, lang: Lang, today: Date) -> Result<u8> {
    let inputs = expand(&args.inputs, lang)?;
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut table = matches!(format, Format::Table | Format::Text).then(|| table_new(lang));
    match format {
        Format::Csv => write_csv_header(&mut out)?,
        Format::Json => out.write_all(b"[")?,
        _ => {}
    }
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let (mut ok, mut failed) = (0u64, 0u64);
    let mut first = true;
    let started = Instant::now();
    let progress = io::stderr().is_terminal();
    let mut last_progress = started;
    let many = inputs.len() > 1;
    // table blocks written so far
    let mut blocks = 0u64;
    // Writes jobs' parts, given in input order; hands back their byte buffers, emptied, for the
    // workers to fill again (a batch then holds the same few buffers from start to end).
    let mut write_parts = |parts: Vec<Part>,
                           out: &mut io::BufWriter<io::StdoutLock>,
                           spare_frames: &mut Vec<Vec<Frame>>|
     -> Result<Vec<Vec<u8>>> {
        let mut spare = Vec::with_capacity(parts.len());
        for part in parts {
            ok += part.ok;
            failed += part.failed;
            let mut bytes = part.bytes.as_slice();
            if first && format == Format::Json && !bytes.is_empty() {
                bytes = bytes.strip_prefix(b",").unwrap_or(bytes);
                first = false;
            }
            out.write_all(bytes)?;
            if let Some(t) = &mut table {
                for row in part.rows {
                    t.push(row);
                    if t.len() == TABLE_BLOCK {
                        write_table_block(t, &mut blocks, out)?;
                    }
                }
            }
            let mut bytes = part.bytes;
            bytes.clear();
            spare.push(bytes);
            spare_frames.push(part.frames);
        }
        if progress && last_progress.elapsed() > Duration::from_secs(1) {
            last_progress = Instant::now();
            let rate = (ok + failed) as f64 / started.elapsed().as_secs_f64();
            let _ = write!(io::stderr(), "\r{}", progress_line(ok + failed, rate, lang));
        }
        Ok(spare)
    };
    // The workers live for the whole batch (one allocator heap each, no thread started per
    // job) and take jobs from one queue, so one that finishes early takes the next job rather
    // than waiting for the other; the reading of later jobs and the writing of earlier ones
    // overlap the rendering.
    std::thread::scope(|s| -> Result<()> {
        let (done_tx, done_rx) = mpsc::channel::<(usize, Part)>();
        let (job_tx, job_rx) = mpsc::channel::<Job>();
        let job_rx = Arc::new(std::sync::Mutex::new(job_rx));
        for _ in 0..workers {
            let done = done_tx.clone();
            let job_rx = Arc::clone(&job_rx);
            s.spawn(move || {
                // the rules' strings found to need no escape, for all the worker's records (an
                // entry is made only once its string is found to need none, so a defect in a
                // record cannot leave a wrong one)
                let mut plain = rj::KnownPlain::for_batch();
                // and the strings of its plain records, each record's handed back for the next
                let mut buffers = solatium::case::PlainBuffers::default();
                // and the one case its plain records are read into
                let mut case = solatium::Case::default();
                // and the lists its estimates are made in
                let mut lists = solatium::calc::EstimateLists::default();
                loop {
                    // the lock is held only while waiting for the next job
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => break,
                    };
                    let Ok(job) = job else { break };
                    // render() keeps a defect to its record; this keeps one outside it from
                    // leaving the writer waiting for a part that never comes
                    let part = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let mut bytes = job.bytes;
                        bytes.reserve(job.frames.len() * 6 * 1024);
                        let mut part = Part {
                            bytes,
                            ..Part::default()
                        };
                        for f in &job.frames {
                            let file = job.file.as_deref();
                            render(
                                rb,
                                f,
                                today,
                                format,
                                lang,
                                file,
                                &mut part,
                                &mut plain,
                                &mut buffers,
                                &mut case,
                                &mut lists,
                            );
                        }
                        part.frames = job.frames;
                        part
                    }))
                    .unwrap_or_default();
                    if done.send((job.seq, part)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let max_in_flight = jobs_in_flight(workers);
        // jobs sent, and parts written (each a count, so the next one's seq)
        let (mut sent, mut written) = (0usize, 0usize);
        // parts rendered ahead of one still being rendered, by seq
        let mut arrived: std::collections::BTreeMap<usize, Part> = Default::default();
        // emptied buffers to hand out again
        let mut spare: Vec<Vec<u8>> = Vec::new();
        // the record lists of jobs written, their records' bytes to be read into again
        let mut spare_frames: Vec<Vec<Frame>> = Vec::new();
        // Takes the parts that have arrived, and writes those next in order, until fewer than
        // `limit` jobs are out (waiting for parts meanwhile). A part that never comes (the
        // workers gone) ends the waiting.
        let mut take = |limit: usize,
                        sent: usize,
                        written: &mut usize,
                        arrived: &mut std::collections::BTreeMap<usize, Part>,
                        spare: &mut Vec<Vec<u8>>,
                        spare_frames: &mut Vec<Vec<Frame>>,
                        out: &mut io::BufWriter<io::StdoutLock>|
         -> Result<()> {
            loop {
                while let Ok((seq, part)) = done_rx.try_recv() {
                    arrived.insert(seq, part);
                }
                let mut ready = Vec::new();
                while let Some(part) = arrived.remove(written) {
                    ready.push(part);
                    *written += 1;
                }
                spare.extend(write_parts(ready, out, spare_frames)?);
                if sent - *written < limit {
                    return Ok(());
                }
                match done_rx.recv() {
                    Ok((seq, part)) => {
                        arrived.insert(seq, part);
                    }
                    Err(_) => return Ok(()),
                }
            }
        };
        for input in inputs {
            // a file that cannot be opened, or read to its end, costs only itself: one error
            // record stands for it (or for the rest of it), and the next input is read
            let unreadable = |reason: Text<'static>, index: usize, line: usize| Frame {
                index,
                line,
                bytes: Err(FrameError::Unreadable(reason)),
                id: None,
            };
            let (reader, name, mut pending): (Box<dyn BufRead>, Option<Arc<str>>, Option<Frame>) =
                match &input {
                    Input::Stdin => (
                        Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
                        many.then(|| Arc::from("-")),
                        None,
                    ),
                    Input::File(p) => {
                        let name = Some(Arc::from(p.display().to_string()));
                        match std::fs::File::open(p) {
                            Ok(f) => (Box::new(BufReader::with_capacity(1 << 16, f)), name, None),
                            Err(e) => (
                                Box::new(io::empty()),
                                name,
                                Some(unreadable(cannot_read_text("文件", "file", p, &e), 1, 1)),
                            ),
                        }
                    }
                };
            let mut records = Records::new(reader);
            let mut ended = false;
            // the index the next record of this input takes
            let mut next_index = 1;
            while !ended {
                // a written job's list, its records' buffers handed to the reader to fill again
                let mut frames = match spare_frames.pop() {
                    Some(mut v) => {
                        records.recycle(v.drain(..).filter_map(|f| f.bytes.ok()));
                        v
                    }
                    None => Vec::with_capacity(SHARE),
                };
                frames.extend(pending.take());
                while frames.len() < SHARE {
                    match records.next() {
                        Some(Ok(f)) => {
                            next_index = f.index + 1;
                            frames.push(f);
                        }
                        Some(Err(e)) => {
                            let r = super::io_reason(&e);
                            let from = name.as_deref().unwrap_or("stdin");
                            let (index, line) = (next_index, records.line());
                            frames.push(unreadable(
                                Text::new(
                                    format!("读取 {from} 时出错，其余内容未能读取：{}", r.zh),
                                    format!("reading {from} failed, and the rest of it could not be read: {}", r.en),
                                ),
                                index,
                                line,
                            ));
                            ended = true;
                            break;
                        }
                        None => {
                            ended = true;
                            break;
                        }
                    }
                }
                if frames.is_empty() {
                    break;
                }
                let job = Job {
                    seq: sent,
                    frames,
                    file: name.clone(),
                    bytes: spare.pop().unwrap_or_default(),
                };
                if job_tx.send(job).is_ok() {
                    sent += 1;
                }
                // write what is done; wait while as many jobs as the bound allows are out
                take(
                    max_in_flight,
                    sent,
                    &mut written,
                    &mut arrived,
                    &mut spare,
                    &mut spare_frames,
                    &mut out,
                )?;
            }
        }
        drop(job_tx);
        // every job written
        take(
            1,
            sent,
            &mut written,
            &mut arrived,
            &mut spare,
            &mut spare_frames,
            &mut out,
        )?;
        Ok(())
    })?;
    match format {
        Format::Json => out.write_all(if first { b"]\n" } else { b"\n]\n" })?,
        Format::Table | Format::Text => {
            if let Some(t) = &mut table {
                // the last block, or the header alone when there were no cases
                if !t.is_empty() || blocks == 0 {
                    write_table_block(t, &mut blocks, &mut out)?;
                }
                // as the report and compare's table say it: a table for reading says it too
                writeln!(out, "{}", solatium::report::table_model_note(lang))?;
                writeln!(out, "{}", solatium::report::disclaimer(lang))?;
            }
        }
        _ => {}
    }
    out.flush()?;
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

/// The progress line on a terminal's stderr, in the report's language as the summary is.
fn progress_line(done: u64, per_second: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已处理 {done} 件，每秒 {per_second:.0} 件   "),
        Lang::En => format!("{done} cases, {per_second:.0}/s   "),
    }
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
    "criminal",
    "rules",
    "sources",
    "notes",
    "error_field",
    "error",
];

/// The `province` column of [`CSV_HEADER`].
pub const CSV_PROVINCE: usize = 3;

pub fn write_csv_header<W: Write>(out: &mut W) -> io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    w.flush()
}

fn amount_text(d: Option<solatium::money::Decimal>) -> String {
    d.map(|x| x.normalize().to_string()).unwrap_or_default()
}

/// A cell Excel would run as a formula (`=`, `+`, `-`, `@` first, as in an id like `=HYPERLINK(…)`)
/// gets a leading `'`, which Excel shows as text; numbers and a lone `-` are left alone.
pub fn excel_safe(mut s: String) -> String {
    let risky = s.len() > 1
        && s.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && solatium::money::parse_decimal(&s).is_none();
    if risky {
        s.insert(0, '\'');
    }
    s
}

pub fn csv_fields(
    r: &Result<Estimate, CaseError>,
    pos: Option<(Option<&str>, usize, Option<&str>)>,
    lang: Lang,
) -> Vec<String> {
    csv_fields_raw(r, pos, lang)
        .into_iter()
        .map(excel_safe)
        .collect()
}

fn csv_fields_raw(
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
                .map(|s| &*s.rule)
                .filter(|s| !matches!(*s, "model" | "rounding"))
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
                    // the document's date where known (a year alone for some), then its status:
                    // status and dates are part of every answer, a spreadsheet's too
                    let date = c.date.map_or_else(String::new, |d| format!(" ({d})"));
                    match lang {
                        Lang::Zh => format!(
                            "{} {}{date} [{}]",
                            c.document,
                            c.article,
                            rj::status_code(c.status)
                        ),
                        Lang::En => format!(
                            "{} {}{date} [{}]",
                            c.document_en,
                            solatium::i18n::article_en(c.article),
                            rj::status_code(c.status)
                        ),
                    }
                })
                .collect();
            // the tool's model is labelled wherever its figures are shown: in a row, where it
            // placed the point (and chose the tier), the first note says so
            let model_note = e.model.as_ref().map(|m| {
                let tier = e.tier.as_ref().filter(|t| t.derived).map(|t| t.name);
                let (label, score) = (m.label.get(lang), plain(m.score));
                // an uncapped estimate (a cap lifted for profit or for egregious circumstances)
                // has no high for the model to place: the columns it placed are named
                let capped = e.amount.high.is_some();
                let (cols, tail) = match (lang, capped) {
                    (Lang::Zh, true) => ("low、point、high", ""),
                    (Lang::Zh, false) => ("low、point", "；high 为空：不设上限"),
                    (Lang::En, true) => ("low, point and high", ""),
                    (Lang::En, false) => ("low and point", "; high is empty: no cap"),
                };
                match (lang, tier) {
                    (Lang::Zh, None) => {
                        format!("{label}；{cols} 由此定位（综合得分 {score}）{tail}")
                    }
                    (Lang::Zh, Some(t)) => {
                        format!("{label}；tier（{t}）及 {cols} 由此选定（综合得分 {score}）{tail}")
                    }
                    (Lang::En, None) => {
                        format!("{label}; it places {cols} (score {score}){tail}")
                    }
                    (Lang::En, Some(t)) => format!(
                        "{label}; it chooses the tier ({t}) and places {cols} (score {score}){tail}"
                    ),
                }
            });
            // and last, as every record and report says it: an estimate, not legal advice (a
            // spreadsheet travels without the report around it)
            let notes: Vec<Cow<str>> = model_note
                .as_deref()
                .map(Cow::Borrowed)
                .into_iter()
                .chain(e.notes.iter().map(|n| n.get(lang)))
                .chain([Cow::Borrowed(solatium::report::disclaimer(lang))])
                .collect();
            vec![
                e.id.clone().unwrap_or_default(),
                idx,
                file.unwrap_or_default().to_string(),
                e.jurisdiction.to_string(),
                rj::harm_code(e.harm).to_string(),
                solatium::calc::context_en(e.context).to_string(),
                e.date.to_string(),
                e.basis.code().to_string(),
                amount_text(Some(e.amount.low)),
                amount_text(Some(e.amount.point)),
                amount_text(e.amount.high),
                amount_text(Some(e.band.floor)),
                amount_text(e.band.cap),
                e.tier
                    .as_ref()
                    .map(|t| t.name.to_string())
                    .unwrap_or_default(),
                // personal information: the criminal classification (none / serious /
                // especially-serious)
                e.criminal
                    .as_ref()
                    .map(|c| c.tier.to_string())
                    .unwrap_or_default(),
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
            v[CSV_HEADER.len() - 2] = err.field.clone();
            v[CSV_HEADER.len() - 1] = err.message(lang);
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
}

pub fn table_push(
    t: &mut Table,
    r: &Result<Estimate, CaseError>,
    pos: Option<(Option<&str>, usize)>,
    lang: Lang,
) {
    t.push(table_row(r, pos, lang));
}

pub fn table_row(
    r: &Result<Estimate, CaseError>,
    pos: Option<(Option<&str>, usize)>,
    lang: Lang,
) -> Vec<String> {
    let (id, index) = pos.unwrap_or((None, 1));
    let g = solatium::money::group;
    match r {
        Ok(e) => {
            vec![
                index.to_string(),
                e.id.clone().unwrap_or_default(),
                e.jurisdiction_name.get(lang).to_string(),
                text::harm_label(rj::harm_code(e.harm), lang).to_string(),
                text::basis_short_of(e, lang).to_string(),
                g(e.amount.low),
                g(e.amount.point),
                e.amount.high.map(g).unwrap_or_else(|| "∞".into()),
                solatium::report::text::band(e, lang),
                e.rule.to_string(),
                text::statuses(e, lang),
                String::new(),
            ]
        }
        Err(err) => {
            let mut row = vec![String::new(); 12];
            row[0] = index.to_string();
            row[1] = id.unwrap_or_default().to_string();
            row[11] = err.message(lang);
            row
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_line_follows_the_report_language() {
        assert_eq!(
            progress_line(2048, 1500.4, Lang::Zh).trim_end(),
            "已处理 2048 件，每秒 1500 件"
        );
        assert_eq!(
            progress_line(2048, 1500.4, Lang::En).trim_end(),
            "2048 cases, 1500/s"
        );
    }

    #[test]
    fn a_panic_in_one_record_becomes_that_records_error() {
        let r: Result<(), CaseError> = guarded(|| panic!("boom {}", 7));
        let e = r.unwrap_err();
        assert_eq!(
            e.problem,
            Problem::Internal {
                detail: "boom 7".into()
            }
        );
        assert_eq!(
            e.message(Lang::Zh),
            "本工具内部错误（请报告此记录）：boom 7"
        );
        // and an outcome without a panic passes through untouched
        let r: Result<u8, CaseError> =
            guarded(|| Err(CaseError::new("", "", Problem::NotAnObject)));
        assert_eq!(r.unwrap_err().problem, Problem::NotAnObject);
        assert_eq!(guarded(|| Ok(7)), Ok(7));
    }

    /// Keys a generated record may have: every field (some often), a misspelling, a key no case
    /// has, and serde_json's private number key. Every field of FIELDS, so a field added there is
    /// generated here too.
    static GEN_KEYS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        solatium::case::FIELDS
            .iter()
            .copied()
            .chain([
                "disability_grade",
                "liability",
                "harm",
                "factors",
                "info_items",
                "disabilty_grade",
                "Province",
                "$serde_json::private::Number",
            ])
            .collect()
    });

    /// Values of every kind, for any key: names (exact, Chinese, other spellings), numbers written
    /// every way JSON allows and some it does not, numeric strings, dates, nulls, objects (well
    /// and badly formed), arrays, escapes, control characters and unicode.
    const GEN_VALUES: &[&str] = &[
        r#""sichuan""#,
        r#"" 川 ""#,
        r#""四川""#,
        r#""510000""#,
        "510000",
        r#""national""#,
        r#""""#,
        r#""  ""#,
        r#""death""#,
        r#""Death""#,
        r#""disability""#,
        r#"" injury ""#,
        r#""ip_moral""#,
        r#""ip-moral""#,
        r#""personal-info""#,
        r#""detention""#,
        r#""死亡""#,
        r#""伤残""#,
        r#""traffic""#,
        r#""state-compensation""#,
        r#""交通事故""#,
        r#""natural""#,
        r#""organization""#,
        r#""单位""#,
        r#""minor""#,
        r#""轻伤""#,
        r#""serious""#,
        r#""general""#,
        r#""true""#,
        r#"" false ""#,
        r#""0.5""#,
        r#""0.50""#,
        r#"" 7 ""#,
        r#""7.0""#,
        r#""2万""#,
        r#""1e2""#,
        r#""-0""#,
        r#"".5""#,
        r#""5.""#,
        r#""007""#,
        r#""2018-06-01""#,
        r#"" 2025-06-01 ""#,
        r#""2018-6-1""#,
        r#""2025-02-29""#,
        r#""中文 id""#,
        r#""a\"b""#,
        r#""\u4e2d""#,
        "\"x\ty\"",
        "\"\u{3000}sichuan\u{3000}\"",
        "0",
        "-0",
        "0.0",
        "0.50",
        "0.9",
        "1",
        "2",
        "7",
        "7.0",
        "7.5",
        "10",
        "11",
        "1e2",
        "1E1",
        "1e+1",
        "1e-1",
        "0.5e1",
        "100",
        "150",
        "151",
        "3973",
        "736365",
        "-1",
        "1.000000000000000000000000000001",
        "12345678901234567890",
        "123456789012345678",
        "1000000000000",
        "1000000000001",
        "999999999999.99",
        "0.000000000000000001",
        "1e400",
        "00",
        "01",
        "1.",
        ".5",
        "-",
        "+1",
        "true",
        "false",
        "null",
        "nul",
        "[]",
        "[1]",
        "{}",
        r#"{"fault":"intent"}"#,
        r#"{"fault":"gross-negligence","consequence":" severe "}"#,
        r#"{"fault":null,"gain":"x"}"#,
        r#"{"fault":"a","fault":"b"}"#,
        r#"{"faultt":"a"}"#,
        r#"{"fault":7}"#,
        r#"{"fault":{"x":1}}"#,
        r#"{"sensitive":227,"other":3871}"#,
        r#"{"sensitive":"5","important":null}"#,
        r#"{"sensitive":1.5}"#,
        r#"{"sensitive":-1}"#,
        r#"{"other":1e3}"#,
        r#"{ "sensitive" : 2 , }"#,
    ];

    /// Values of the kind a field takes, mostly well formed, so that many generated records are
    /// ones the fast reader takes.
    fn gen_typed(key: &str) -> &'static [&'static str] {
        match key {
            "id" => &[
                r#""c-1""#,
                "17",
                "-3",
                "0.50",
                r#""中文""#,
                "null",
                r#""""#,
                "true",
            ],
            "province" => &[
                r#""sichuan""#,
                r#""川""#,
                r#"" 四川 ""#,
                "510000",
                r#""510000""#,
            ],
            "harm" | "context" | "infringer" | "victim" | "injury_degree" | "severity" => &[
                r#""death""#,
                r#""disability""#,
                r#""injury""#,
                r#""personal-info""#,
                r#""ip-moral""#,
                r#""detention""#,
                r#""traffic""#,
                r#""medical-accident""#,
                r#""state-compensation""#,
                r#""civil""#,
                r#""natural""#,
                r#""organization""#,
                r#""slight""#,
                r#""minor""#,
                r#""serious""#,
                r#""死亡""#,
                r#""人身伤害（未评残）""#,
                r#""国家赔偿""#,
                r#""法人""#,
                r#""重伤""#,
                r#"" minor ""#,
                "null",
            ],
            "factors" => &[
                r#"{"fault":"intent"}"#,
                r#"{"fault":"gross-negligence","consequence":" severe "}"#,
                r#"{ "ability" : null , "living_standard":"high"}"#,
                r#"{"gain":"x","circumstances":"中"}"#,
                "{}",
                "null",
            ],
            "info_items" => &[
                r#"{"sensitive":227,"other":3871}"#,
                r#"{"sensitive":"5","important":null}"#,
                r#"{"important":0.0,"other":"12"}"#,
                r#"{"other":1000000000000}"#,
                "{}",
                "null",
            ],
            "profit_motive" | "insider" => &["true", "false", r#""true""#, r#"" false ""#, "null"],
            "date" => &[
                r#""2018-06-01""#,
                r#"" 2025-06-01 ""#,
                r#""2024-02-29""#,
                "null",
            ],
            _ => &[
                "0",
                "-0",
                "0.0",
                "0.50",
                "0.9",
                "1",
                "2",
                "7",
                "7.0",
                "10",
                "75",
                "150",
                "3973",
                "736365",
                "1000000000000",
                "999999999999.99",
                "0.000000000000000001",
                "123456789012345678",
                "100000",
                r#""0.5""#,
                r#"" 7 ""#,
                r#""007""#,
                r#"".5""#,
                r#""5.""#,
                r#""-0""#,
                r#""+1""#,
                "null",
            ],
        }
    }

    /// White space between tokens: JSON's, and two kinds JSON does not allow.
    const GEN_WS: &[&str] = &[
        "", "", "", " ", "\n", "\t", "\r\n", "  ", "\u{3000}", "\x0c",
    ];

    fn gen_record(
        members: &[(usize, usize, bool)],
        province: Option<usize>,
        ws: &[usize],
        bom: bool,
        trailing_comma: bool,
    ) -> String {
        let mut w = ws.iter().cycle().map(|&i| GEN_WS[i]);
        let mut s = String::new();
        if bom {
            s.push('\u{feff}');
        }
        s += w.next().unwrap_or("");
        s.push('{');
        let mut all: Vec<(&str, &str)> = Vec::new();
        if let Some(p) = province {
            all.push(("province", GEN_VALUES[p % 8]));
        }
        all.extend(members.iter().map(|&(k, v, typed)| {
            let key = GEN_KEYS[k];
            let pool = if typed { gen_typed(key) } else { GEN_VALUES };
            (key, pool[v % pool.len()])
        }));
        for (i, (k, v)) in all.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s += w.next().unwrap_or("");
            s += &format!("\"{k}\"");
            s += w.next().unwrap_or("");
            s.push(':');
            s += w.next().unwrap_or("");
            s += v;
            s += w.next().unwrap_or("");
        }
        if trailing_comma {
            s.push(',');
        }
        s.push('}');
        s += w.next().unwrap_or("");
        s
    }

    /// A case's decimals as their exact representation (value, scale and sign), which `==` on
    /// decimals does not compare.
    fn exact_decimals(c: &solatium::Case) -> Vec<[u8; 16]> {
        let mut v: Vec<[u8; 16]> = [
            c.liability,
            c.victim_fault,
            c.gain,
            c.avg_living_expense,
            c.avg_wage,
            c.base_compensation,
        ]
        .iter()
        .map(|d| d.map_or([0xFF; 16], |d| d.serialize()))
        .collect();
        if let Some(i) = c.info_items {
            v.extend([i.sensitive, i.important, i.other].map(|d| d.serialize()));
        }
        v
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 100_000, .. Default::default() })]

        /// Whenever the fast reader gives a case, it is the case (and the record id) the full
        /// reader gives: the same fields, the same decimals to the bit. Where it declines, the
        /// full reader decides, so nothing else needs to agree.
        #[test]
        fn the_fast_reader_gives_what_the_full_reader_gives(
            members in proptest::collection::vec(
                (0..GEN_KEYS.len(), 0..GEN_VALUES.len(), proptest::bool::weighted(0.9)),
                0..7,
            ),
            province in proptest::option::weighted(0.9, 0usize..8),
            ws in proptest::collection::vec(0..GEN_WS.len(), 1..12),
            bom in proptest::bool::weighted(0.05),
            trailing_comma in proptest::bool::weighted(0.05),
        ) {
            let text = gen_record(&members, province, &ws, bom, trailing_comma);
            let bytes = text.as_bytes();
            if let Some(fast) = solatium::Case::from_plain_json(bytes) {
                let v = parse_json(bytes);
                proptest::prop_assert!(v.is_ok(), "{}: {:?}", text, v);
                let v = v.unwrap();
                let slow = solatium::Case::from_json(&v);
                proptest::prop_assert!(slow.is_ok(), "{}: {:?}", text, slow);
                let slow = slow.unwrap();
                proptest::prop_assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{}", text);
                proptest::prop_assert_eq!(&fast, &slow, "{}", text);
                proptest::prop_assert_eq!(exact_decimals(&fast), exact_decimals(&slow), "{}", text);
                proptest::prop_assert_eq!(fast.id.clone(), record_id(&v), "{}", text);
            }
        }
    }

    /// The fast reader takes the plain records a batch is made of (else it would save nothing),
    /// and declines what is not plain, whatever the full reader makes of it.
    #[test]
    fn the_fast_reader_takes_plain_records_and_declines_the_rest() {
        for plain in [
            r#"{"id":"c-1","province":"yunnan","disability_grade":10,"liability":0.9,"factors":{"fault":"gross-negligence"}}"#,
            r#"{"id":"c-0","province":"national","harm":"personal-info","info_items":{"sensitive":227,"other":3871},"gain":4277}"#,
            r#"{"id":"c-3","province":"川","harm":"injury","injury_degree":"serious","context":"traffic"}"#,
            r#"{"id":"c-5","province":"national","context":"state-compensation","harm":"detention","detention_days":3973,"base_compensation":736365,"severity":"serious","date":"2020-06-01"}"#,
            "\u{feff}{ \"province\" : 510000 ,\n\"age\":\"75\" }\r\n",
        ] {
            let fast = solatium::Case::from_plain_json(plain.as_bytes());
            let slow = solatium::Case::from_json(&parse_json(plain.as_bytes()).unwrap()).unwrap();
            assert_eq!(fast.as_ref(), Some(&slow), "{plain}");
        }
        for other in [
            &br#"{"province":"x","disability_grade":7,"disability_grade":8}"#[..],
            br#"{"province":"x","harm":"Death"}"#,
            // the full reader keeps 1e2 as 1e+2, which an id shows
            br#"{"province":"x","harm":"death","id":1e2}"#,
            br#"{"province":"x","id":"a\"b"}"#,
            "{\"province\":\"x\",\"gain\":\"2万\"}".as_bytes(),
            br#"{"province":"x","liability":1.5}"#,
            br#"{"province":"x","harm":"injury","disability_grade":7}"#,
            br#"{"province":"x"} {"province":"y"}"#,
            br#"{"province":"x","disabilty_grade":7}"#,
            br#"{"province":"\xff"}"#,
            br#"{"harm":"death"}"#,
            br#"[{"province":"x"}]"#,
        ] {
            assert_eq!(
                solatium::Case::from_plain_json(other),
                None,
                "{}",
                String::from_utf8_lossy(other)
            );
        }
    }
}
