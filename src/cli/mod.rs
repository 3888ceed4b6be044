//! The command line: arguments in, files and stdin read, reports written, exit codes out.
//! This is the only place that does I/O or reads the clock.

pub mod args;
pub mod batch;
pub mod compare;
mod help_zh;
pub mod records;
mod rules_cmd;
mod rules_figures;
mod schema;

use anyhow::Result;
use args::{Cli, Command, Format, LangArg};
use clap::Parser;
use serde_json::Value;
use solatium::i18n::Text;
use solatium::{CaseError, Date, Lang, RuleBase};
use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

/// Exit codes (documented in --help and README).
pub const OK: u8 = 0;
pub const CASE_FAILED: u8 = 1;
pub const USAGE: u8 = 2;

/// An error that ends the run with exit code 2 (usage, unreadable input, rule base), in both
/// languages; `main` prints the report's.
#[derive(Debug)]
pub struct Fatal(pub Text<'static>);

impl Fatal {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Fatal {
        Fatal(Text::new(zh.into(), en.into()))
    }

    /// A message already in the report's language.
    pub fn one(s: String) -> Fatal {
        Fatal(Text::new(s.clone(), s))
    }
}

impl std::fmt::Display for Fatal {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0.en)
    }
}
impl std::error::Error for Fatal {}

/// An I/O error's reason in the report's language: the kinds a user meets (no such file,
/// permission denied, a directory where a file was wanted, a full disk) said plainly in both; any
/// other kind in the system's own words, said to be a system error, in either.
pub fn io_reason(e: &io::Error) -> Text<'static> {
    use io::ErrorKind as K;
    let (zh, en) = match e.kind() {
        K::NotFound => ("文件或目录不存在", "no such file or directory"),
        K::PermissionDenied => ("没有访问权限", "permission denied"),
        K::StorageFull => ("磁盘空间不足", "no space left on device"),
        K::QuotaExceeded => ("超出磁盘配额", "disk quota exceeded"),
        K::ReadOnlyFilesystem => ("文件系统为只读", "read-only file system"),
        K::FileTooLarge => ("文件过大", "file too large"),
        K::IsADirectory => ("这是一个目录，不是文件", "it is a directory, not a file"),
        K::NotADirectory => ("这不是一个目录", "not a directory"),
        K::InvalidFilename => ("文件名无效或过长", "invalid or too long file name"),
        K::InvalidData => (
            "内容不是有效的 UTF-8 文本",
            "the content is not valid UTF-8 text",
        ),
        K::BrokenPipe => ("管道已关闭", "the pipe was closed"),
        K::Interrupted => ("操作被中断", "the operation was interrupted"),
        K::TimedOut => ("操作超时", "the operation timed out"),
        // the rest in the system's own words, said to be a system error
        _ => return Text::new(format!("系统错误：{e}"), format!("system error: {e}")),
    };
    Text::new(zh, en)
}

/// The exit code after help or version was written: `code` when the text went out (or the
/// reader closed the pipe, which is not an error), 2 with the reason when it could not be
/// written (a full disk).
fn wrote(r: io::Result<()>, code: u8) -> ExitCode {
    match r {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            let msg = io_error_message(&e, requested_lang());
            let _ = writeln!(io::stderr(), "estimate: {msg}");
            ExitCode::from(USAGE)
        }
        _ => ExitCode::from(code),
    }
}

/// An I/O error that ends the run (the output could not be written), in the report's language.
fn io_error_message(e: &io::Error, lang: Lang) -> String {
    let r = io_reason(e);
    match lang {
        Lang::Zh => format!("输入输出出错：{}", r.zh),
        Lang::En => format!("input/output error: {}", r.en),
    }
}

/// "cannot read X: reason", in both languages.
pub fn cannot_read(what_zh: &str, what_en: &str, path: &Path, e: &io::Error) -> Fatal {
    let t = cannot_read_text(what_zh, what_en, path, e);
    Fatal::new(t.zh, t.en)
}

/// Why a path cannot be read, in both languages (a fatal error's text, or a batch record's).
pub fn cannot_read_text(what_zh: &str, what_en: &str, path: &Path, e: &io::Error) -> Text<'static> {
    let r = io_reason(e);
    Text::new(
        format!("无法读取{what_zh} {}：{}", path.display(), r.zh),
        format!("cannot read {what_en} {}: {}", path.display(), r.en),
    )
}

/// The options every command takes, which a user may write before the subcommand as readily as
/// after it (`estimate --lang en batch cases/`).
const GLOBAL_OPTIONS: &[&str] = &["--lang", "--format", "--rules"];
const SUBCOMMANDS: &[&str] = &["batch", "compare", "rules", "schema", "help"];

/// Moves global options written before a subcommand to just after it, where clap reads them:
/// `estimate --lang en --format csv batch x` → `estimate batch --lang en --format csv x` (after
/// `help`, [`help_with_globals`] takes them on to the command's own `--help`). Only when
/// everything before the subcommand is global options and their values; anything else is left
/// for clap to judge (a case flag before `batch` is an error).
fn globals_after_subcommand(args: Vec<OsString>) -> Vec<OsString> {
    let mut i = 1;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        if GLOBAL_OPTIONS.contains(&a.as_ref()) {
            i += 2; // the option and its value
        } else if GLOBAL_OPTIONS
            .iter()
            .any(|g| a.strip_prefix(g).is_some_and(|rest| rest.starts_with('=')))
        {
            i += 1;
        } else if i > 1 && SUBCOMMANDS.contains(&a.as_ref()) {
            let mut out = Vec::with_capacity(args.len());
            out.push(args[0].clone());
            out.push(args[i].clone());
            out.extend_from_slice(&args[1..i]);
            out.extend_from_slice(&args[i + 1..]);
            return out;
        } else {
            break;
        }
    }
    args
}

/// `estimate help batch --lang en` is `estimate batch --help --lang en`: clap's `help` takes no
/// options, so global options after it (and after the command it names) would be read as a
/// command's name (`unrecognized subcommand '--lang'`); they go to the command's own `--help`
/// instead. So does `-h` or `--help` after `help` (`estimate help -h`, which clap would read as a
/// command's name too). Without either, or with anything else after `help`, the arguments are
/// left as they are, for clap.
fn help_with_globals(args: Vec<OsString>) -> Vec<OsString> {
    if args.get(1).and_then(|a| a.to_str()) != Some("help") {
        return args;
    }
    let mut help_flag = false;
    let (mut names, mut globals) = (Vec::new(), Vec::new());
    let mut i = 2;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        if GLOBAL_OPTIONS.contains(&a.as_ref()) {
            globals.extend(args[i..].iter().take(2).cloned());
            i += 2;
        } else if GLOBAL_OPTIONS
            .iter()
            .any(|g| a.strip_prefix(g).is_some_and(|rest| rest.starts_with('=')))
        {
            globals.push(args[i].clone());
            i += 1;
        } else if a == "-h" || a == "--help" {
            help_flag = true;
            i += 1;
        } else if a.starts_with('-') {
            return args;
        } else {
            names.push(args[i].clone());
            i += 1;
        }
    }
    if globals.is_empty() && !help_flag {
        return args;
    }
    let mut out = vec![args[0].clone()];
    out.extend(names);
    out.extend(globals);
    out.push("--help".into());
    out
}

pub fn main() -> ExitCode {
    // `estimate --lang en help batch` → `estimate help --lang en batch` → `estimate batch --lang
    // en --help`
    let args = help_with_globals(globals_after_subcommand(std::env::args_os().collect()));
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let lang = lang(cli.common.lang);
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(OK),
        Err(e) => {
            let msg = match e.downcast_ref::<Fatal>() {
                Some(f) => f.0.get(lang).to_string(),
                // writing the output failed (a full disk, say): the reason in the report's language
                None => match e.chain().find_map(|c| c.downcast_ref::<io::Error>()) {
                    Some(io) => io_error_message(io, lang),
                    None => format!("{e:#}"),
                },
            };
            let _ = writeln!(io::stderr(), "estimate: {msg}");
            ExitCode::from(USAGE)
        }
    }
}

/// The language asked for on the command line, read before clap has parsed it (for clap's own
/// errors): `--lang en` or `--lang=en`; Chinese otherwise.
fn requested_lang() -> Lang {
    lang_in(&lossy_args())
}

/// The command line as text; an argument that is not UTF-8 is read lossily rather than
/// panicking (`std::env::args` would), so clap's error about it can still be reported.
fn lossy_args() -> Vec<String> {
    std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

fn lang_in(args: &[String]) -> Lang {
    let given = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned().unwrap_or_default()))
    });
    match given.as_deref().map(str::trim) {
        Some(l) if l.eq_ignore_ascii_case("en") => Lang::En,
        _ => Lang::Zh,
    }
}

/// clap's own errors (unknown flag, bad value, missing argument) in the report's language; help
/// and version go out as clap writes them. Exit code 2 for a usage error, as everywhere.
fn usage_error(mut e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    // a case flag before a subcommand, or a stray word after the case flags: clap calls both a
    // subcommand conflict; say what is actually wrong, in either language
    if e.kind() == ErrorKind::ArgumentConflict {
        if let Some(ContextValue::String(sub)) = e.get(ContextKind::InvalidSubcommand) {
            let lang = requested_lang();
            let msg = if !SUBCOMMANDS.contains(&sub.as_str()) {
                Text::new(
                    format!("多余的参数 '{sub}'：单个案件的内容都以 --选项 给出（如 --province sichuan）；子命令有 batch、compare、rules、schema"),
                    format!("unexpected argument '{sub}': a single case is given with --options (e.g. --province sichuan); the subcommands are batch, compare, rules and schema"),
                )
            } else if sub == "help" {
                Text::new(
                    "help 前不能有参数：请用 estimate --help，或 estimate help batch 查看子命令的说明",
                    "help takes no options before it: use estimate --help, or estimate help batch for a subcommand",
                )
            } else if sub == "compare" {
                Text::new(
                    "compare 的案件参数请写在子命令之后，如 estimate compare --province sichuan --disability-grade 7",
                    "write compare's case flags after the subcommand, e.g. estimate compare --province sichuan --disability-grade 7",
                )
            } else if sub == "batch" {
                Text::new(
                    "batch 不接受案件参数：它从文件、目录或标准输入读取 JSON 案件（如 estimate batch cases.jsonl）；--lang、--format、--rules 可写在子命令前后",
                    "batch takes no case flags: it reads JSON cases from files, directories or stdin (e.g. estimate batch cases.jsonl); --lang, --format and --rules may come before or after the subcommand",
                )
            } else {
                Text::new(
                    format!("子命令 {sub} 不接受案件参数；--lang、--format、--rules 可写在子命令前后"),
                    format!("the {sub} subcommand takes no case flags; --lang, --format and --rules may come before or after it"),
                )
            };
            let hint = match lang {
                Lang::Zh => "详见 --help。",
                Lang::En => "For more information, try '--help'.",
            };
            let _ = writeln!(io::stderr(), "estimate: {}\n\n{hint}", msg.get(lang));
            return ExitCode::from(USAGE);
        }
    }
    // help in the report's language: Chinese unless --lang en (clap's own help, in English)
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) && requested_lang() == Lang::Zh
    {
        if let Some(zh) = help_zh::text(&help_zh::path_of(&lossy_args(), GLOBAL_OPTIONS)) {
            // as clap does: asked-for help on stdout, exit 0; help shown for a missing
            // subcommand (`estimate rules`) on stderr, a usage error
            return if e.kind() == ErrorKind::DisplayHelp {
                wrote(
                    io::stdout()
                        .write_all(zh.as_bytes())
                        .and_then(|()| io::stdout().flush()),
                    OK,
                )
            } else {
                let _ = io::stderr().write_all(zh.as_bytes());
                ExitCode::from(USAGE)
            };
        }
    }
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        // as clap's exit() does, but a failed write is an error, not success
        let code = u8::try_from(e.exit_code()).unwrap_or(USAGE);
        return wrote(e.print().and_then(|()| io::stdout().flush()), code);
    }
    // clap's usage line names the arguments given, and a suggested one the user never typed
    // (`Usage: estimate --province <PROVINCE> --info-other <INFO_OTHER>`): the command's generic
    // usage is shown instead, in the report's language
    let path = usage_path(&e.render().to_string());
    if requested_lang() == Lang::En {
        if let Some(usage) = path.as_deref().and_then(generic_usage) {
            e.insert(ContextKind::Usage, ContextValue::StyledStr(usage));
        }
        e.exit();
    }
    let ctx = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join("、"),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("、"),
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let arg = ctx(ContextKind::InvalidArg);
    let value = ctx(ContextKind::InvalidValue);
    let mut msg = match e.kind() {
        ErrorKind::InvalidValue => {
            let valid = ctx(ContextKind::ValidValue);
            if value.is_empty() {
                format!("参数 {arg} 需要一个值")
            } else if valid.is_empty() {
                format!("参数 {arg} 的值 '{value}' 无效")
            } else {
                format!("参数 {arg} 的值 '{value}' 无效；可选值：{valid}")
            }
        }
        ErrorKind::UnknownArgument => format!("无法识别的参数 '{arg}'"),
        ErrorKind::InvalidSubcommand => {
            format!("无法识别的子命令 '{}'", ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少子命令".to_string(),
        ErrorKind::InvalidUtf8 => "命令行参数含有不是 UTF-8 的字节".to_string(),
        ErrorKind::ArgumentConflict => {
            let prior = ctx(ContextKind::PriorArg);
            let sub = ctx(ContextKind::InvalidSubcommand);
            if arg.is_empty() && !sub.is_empty() {
                // handled above; kept for a conflict clap may report without its context
                format!("子命令 '{sub}' 不能与 {prior} 同时使用")
            } else if arg == prior {
                format!("参数 {arg} 只能给出一次")
            } else {
                format!("参数 {arg} 不能与 {prior} 同时使用")
            }
        }
        ErrorKind::ValueValidation => {
            // the validator's own words follow clap's English frame
            let raw = e.to_string();
            let why = raw
                .split_once("': ")
                .map_or("", |(_, w)| w)
                .lines()
                .next()
                .unwrap_or("");
            format!("参数 {arg} 的值 '{value}' 无效：{why}")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {arg} 的值的个数不对")
        }
        _ => {
            let raw = e.to_string();
            format!(
                "命令行参数有误：{}",
                raw.trim_start_matches("error: ")
                    .lines()
                    .next()
                    .unwrap_or("")
            )
        }
    };
    let suggested = ctx(ContextKind::SuggestedArg);
    let suggested_sub = ctx(ContextKind::SuggestedSubcommand);
    if !suggested.is_empty() {
        msg += &format!("；是否想用 '{suggested}'？");
    } else if !suggested_sub.is_empty() {
        msg += &format!("；是否想用子命令 '{suggested_sub}'？");
    }
    let mut out = format!("estimate: {msg}\n");
    if let Some(usage) = path.as_deref().and_then(usage_zh) {
        out += &format!("\n{usage}\n");
    }
    out += "\n详见 --help。\n";
    let _ = io::stderr().write_all(out.as_bytes());
    ExitCode::from(USAGE)
}

/// The command a clap error is about, read from the usage line clap wrote for it
/// (`Usage: estimate rules show [OPTIONS] <PROVINCE>` → `["rules", "show"]`); None when the error
/// has no usage line (an invalid value, say).
fn usage_path(rendered: &str) -> Option<Vec<String>> {
    let line = rendered.lines().find_map(|l| l.strip_prefix("Usage: "))?;
    let words = line.split_whitespace().skip(1); // the program's name
    Some(
        words
            .take_while(|w| !w.starts_with(['[', '<', '-']))
            .map(String::from)
            .collect(),
    )
}

/// clap's generic usage of the command at `path` (`Usage: estimate schema [OPTIONS] <WHICH>`),
/// which names no argument the user gave.
fn generic_usage(path: &[String]) -> Option<clap::builder::StyledStr> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    cmd.build();
    let mut c = &mut cmd;
    for name in path {
        c = c.find_subcommand_mut(name)?;
    }
    Some(c.render_usage())
}

/// The generic usage of the command at `path` in Chinese, as its Chinese help gives it
/// (`用法：estimate [选项]` / `estimate <子命令>`); clap's translated for a command without one.
fn usage_zh(path: &[String]) -> Option<String> {
    let parts: Vec<&str> = path.iter().map(String::as_str).collect();
    help_zh::usage(&parts)
        .or_else(|| generic_usage(path).map(|en| help_zh::translate_usage(&en.to_string())))
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

pub fn lang(l: LangArg) -> Lang {
    match l {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    }
}

/// Today, or SOLATIUM_TODAY when set (for reproducible scripts and tests).
pub fn today() -> Result<Date> {
    // set but empty counts as unset, as a shell's `SOLATIUM_TODAY= estimate …` means
    // read lossily: a value that is not UTF-8 is not a date, and is said so rather than ignored
    if let Some(s) = std::env::var_os("SOLATIUM_TODAY")
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.trim().is_empty())
    {
        return Date::parse(&s).ok_or_else(|| {
            Fatal::new(
                format!("SOLATIUM_TODAY={s:?} 不是日期：应为真实存在的日期，格式 YYYY-MM-DD"),
                format!("SOLATIUM_TODAY={s:?} is not a date (YYYY-MM-DD)"),
            )
            .into()
        });
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // China Standard Time (UTC+8): the date a Chinese court would write
    Ok(Date::from_unix_days(((secs + 8 * 3600) / 86_400) as i64))
}

/// The embedded rules, or a directory's.
pub fn load_rules(dir: Option<&Path>) -> Result<RuleBase> {
    // --rules, else SOLATIUM_RULES; empty (as `SOLATIUM_RULES= estimate …` sets it) means unset
    let from_env = std::env::var_os("SOLATIUM_RULES")
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from);
    match dir
        .filter(|d| !d.as_os_str().is_empty())
        .or(from_env.as_deref())
    {
        None => RuleBase::embedded().map_err(|e| {
            Fatal::new(
                format!("内置规则库有 {} 处问题：{}", e.0.len(), e.lines(Lang::Zh)),
                format!("embedded rule base: {e}"),
            )
            .into()
        }),
        Some(d) => {
            let files = read_rule_dir(d)?;
            RuleBase::load_read(&files).map_err(|e| {
                // each problem as `estimate rules check` words it (for the rule file's author)
                Fatal::new(
                    format!(
                        "规则目录 {} 有 {} 处问题，无法使用（以下为 estimate rules check 的检查信息）：{}",
                        d.display(),
                        e.0.len(),
                        e.lines(Lang::Zh)
                    ),
                    format!("rule directory {}: {e}", d.display()),
                )
                .into()
            })
        }
    }
}

/// Every `*.toml` file of a rule directory, by name: its text, or why it cannot be read.
pub fn read_rule_dir(d: &Path) -> Result<Vec<(String, Result<String, Text<'static>>)>> {
    let mut files = Vec::new();
    let rd = std::fs::read_dir(d).map_err(|e| cannot_read("规则目录", "rule directory", d, &e))?;
    for entry in rd {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".toml") {
            // a file that cannot be read is one of the problems the loader lists, not the end
            files.push((name, read_rule_file(&entry.path())));
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// One rule file's text, or why it cannot be read: the system's reason, or for bytes that are not
/// UTF-8 where they stop being so (a file saved as GBK, say).
fn read_rule_file(p: &Path) -> Result<String, Text<'static>> {
    let bytes = std::fs::read(p).map_err(|e| io_reason(&e))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to() + 1;
        Text::new(
            format!("不是 UTF-8 文本（第 {at} 字节起；可能是 GBK 等编码）；请将文件另存为 UTF-8"),
            format!("not UTF-8 text (from byte {at}; perhaps GBK or another encoding); save the file as UTF-8"),
        )
    })
}

/// Parses one JSON document exactly (numbers keep their text). A key given twice in one object
/// is an error naming it: serde_json would keep the last silently, and a case must never lose a
/// value without saying so.
pub fn parse_json(bytes: &[u8]) -> Result<Value, CaseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed =
        serde::Deserialize::deserialize(&mut de).and_then(|Strict(v)| de.end().map(|()| v));
    parsed.map_err(|e| {
        if let Err(u) = std::str::from_utf8(bytes) {
            let at = u.valid_up_to();
            return CaseError::new(
                "",
                "",
                solatium::error::Problem::Json {
                    detail: Text::new(
                        format!("记录不是 UTF-8 文本（记录内第 {} 字节起；可能是 GBK 等编码）；请将文件另存为 UTF-8", at + 1),
                        format!("the record is not UTF-8 text (from byte {} of the record; perhaps GBK or another encoding); save the file as UTF-8", at + 1),
                    ),
                },
            );
        }
        if let Some(d) = duplicate_of(&e.to_string()) {
            // the field by its path, the value the second one (the one a reader taking the last
            // would have kept), the first in the message
            let path: Vec<&str> = d["path"]
                .as_array()
                .map(|p| p.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let text = |v: &Value| v.as_str().unwrap_or("").to_string();
            let first = solatium::error::shorten(&solatium::error::readable(&text(&d["first"])));
            return CaseError::new(
                path.join("."),
                text(&d["second"]),
                solatium::error::Problem::Duplicate { first },
            );
        }
        CaseError::new(
            "",
            "",
            solatium::error::Problem::Json {
                detail: json_error_text(&e),
            },
        )
    })
}

/// Marks the error a duplicate key raises while parsing. What follows it is a JSON object:
/// `{"path": ["factors", "fault"], "first": "\"intent\"", "second": "\"slight\""}`, the key's
/// path from the outermost object and its two values' JSON text (`second` null when it does not
/// read); serde_json may append its position (` at line 1 column 9`).
const DUPLICATE: &str = "\u{1}duplicate key ";

/// The duplicate a parse error reports (see [`DUPLICATE`]), or None for any other error.
fn duplicate_of(text: &str) -> Option<Value> {
    let rest = text.strip_prefix(DUPLICATE)?;
    // the payload is JSON, which may itself hold " at line ": whole first, then without the
    // position serde_json appends
    serde_json::from_str::<Value>(rest)
        .ok()
        .or_else(|| serde_json::from_str(rest.rsplit_once(" at line ")?.0).ok())
        .filter(Value::is_object)
}

/// The error a key given twice raises: [`DUPLICATE`] and its payload.
fn duplicate_error<E: serde::de::Error>(payload: &Value) -> E {
    E::custom(format_args!("{DUPLICATE}{payload}"))
}

/// A JSON value parsed with duplicate keys refused.
struct Strict(Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::from(n))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::from(n))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut v = Vec::new();
        while let Some(Strict(x)) = seq.next_element()? {
            v.push(x);
        }
        Ok(Value::Array(v))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        use serde::de::Error as _;
        // with arbitrary_precision, serde_json hands a number over as a one-entry map under
        // this private token; its value is the number's exact text
        const NUMBER: &str = "$serde_json::private::Number";
        let mut m = serde_json::Map::new();
        while let Some(k) = map.next_key::<String>()? {
            if k == NUMBER && m.is_empty() {
                let text: String = map.next_value()?;
                return text
                    .parse::<serde_json::Number>()
                    .map(Value::Number)
                    .map_err(A::Error::custom);
            }
            if m.is_empty() {
                // room for a case's usual keys at once, not grown (and rehashed) key by key; made
                // here, past the number check, as a number's map is never filled
                m = serde_json::Map::with_capacity(8);
            }
            // an object of a case's size is searched key by key: cheaper than hashing the key a
            // second time (inserting it hashes it once) for every key of every record
            let first = if m.len() <= 32 {
                m.iter().find(|(key, _)| **key == k).map(|(_, v)| v)
            } else {
                m.get(&k)
            };
            if let Some(first) = first {
                // both values, for the error to name: the second read here, when it reads (as
                // serde_json reads it: a key given twice inside it is not this error's)
                let second = map
                    .next_value::<Value>()
                    .ok()
                    .map(|v| solatium::case::json_text(&v));
                return Err(duplicate_error(&serde_json::json!({
                    "path": [k],
                    "first": solatium::case::json_text(first),
                    "second": second,
                })));
            }
            // a key given twice inside this value is named by its path from here: `factors.fault`
            let Strict(v) = map
                .next_value()
                .map_err(|e| match duplicate_of(&e.to_string()) {
                    Some(mut d) => {
                        if let Some(p) = d["path"].as_array_mut() {
                            p.insert(0, Value::String(k.clone()));
                        }
                        duplicate_error(&d)
                    }
                    None => e,
                })?;
            m.insert(k, v);
        }
        Ok(Value::Object(m))
    }
}

/// serde_json's message in both languages: its common messages are translated; the position is
/// given in each language; an unknown message is kept as serde_json wrote it.
fn json_error_text(e: &serde_json::Error) -> Text<'static> {
    let en = e.to_string();
    let what = en
        .rsplit_once(" at line ")
        .map_or(en.as_str(), |(head, _)| head);
    let zh_what = match what {
        "expected value" => "此处应为一个值".to_string(),
        "expected `:`" => "此处应为 `:`".to_string(),
        "expected `,` or `}`" => "此处应为 `,` 或 `}`".to_string(),
        "expected `,` or `]`" => "此处应为 `,` 或 `]`".to_string(),
        "expected ident" => "此处应为 true、false 或 null".to_string(),
        "trailing comma" => "多余的逗号".to_string(),
        "trailing characters" => "值之后有多余的字符".to_string(),
        "key must be a string" => "键必须是带引号的字符串".to_string(),
        "invalid escape" => "无效的转义序列".to_string(),
        "invalid number" => "无效的数字".to_string(),
        "number out of range" => "数字超出范围".to_string(),
        "invalid unicode code point" => "无效的 Unicode 码位".to_string(),
        "lone leading surrogate in hex escape" => "\\u 转义中有孤立的代理码位".to_string(),
        // `"\ud800x"`: a leading surrogate not followed by its trailing `\uXXXX`
        "unexpected end of hex escape" => {
            "\\u 转义不完整：高位代理码位之后缺少低位代理 \\uXXXX".to_string()
        }
        "recursion limit exceeded" => "嵌套层数过多".to_string(),
        "EOF while parsing a value" => "值未结束即到达记录末尾".to_string(),
        "EOF while parsing a string" => "字符串未结束（缺少 `\"`）即到达记录末尾".to_string(),
        "EOF while parsing an object" => "对象未结束（缺少 `}`）即到达记录末尾".to_string(),
        "EOF while parsing a list" => "数组未结束（缺少 `]`）即到达记录末尾".to_string(),
        w if w.starts_with("control character") => "字符串中有未转义的控制字符".to_string(),
        w => w.to_string(),
    };
    let (zh, en) = if e.line() > 0 {
        (
            format!("{zh_what}（记录内第 {} 行第 {} 列）", e.line(), e.column()),
            format!(
                "{what} (line {}, column {} within the record)",
                e.line(),
                e.column()
            ),
        )
    } else {
        (zh_what, en)
    };
    Text::new(zh, en)
}

/// The error message for one case, naming the flag when the value came from one: every value
/// when there is no --case file; with one, only the fields a flag set (the others are the file's).
/// A key given twice is always the file's: the file is read before any flag is laid over it.
pub fn case_error_text(e: &CaseError, lang: Lang, args: &args::CaseArgs) -> String {
    let mut s = e.message(lang);
    let from_file = matches!(e.problem, solatium::error::Problem::Duplicate { .. });
    if !from_file && (args.case.is_none() || args.sets(&e.field)) {
        if let Some(flag) = args::flag_for(&e.field) {
            s += &match lang {
                Lang::Zh => format!("（命令行参数 {flag}）"),
                Lang::En => format!(" (flag {flag})"),
            };
        }
    }
    s
}

fn run(cli: Cli) -> Result<u8> {
    let lang = lang(cli.common.lang);
    match cli.command {
        Some(Command::Batch(b)) => {
            let rb = load_rules(cli.common.rules.as_deref())?;
            batch::run(
                &rb,
                &b,
                cli.common.format.unwrap_or(Format::Jsonl),
                lang,
                today()?,
            )
        }
        Some(Command::Compare(c)) => {
            let rb = load_rules(cli.common.rules.as_deref())?;
            compare::run(
                &rb,
                &c,
                cli.common.format.unwrap_or(Format::Table),
                lang,
                today()?,
            )
        }
        Some(Command::Rules(r)) => {
            rules_cmd::run(r, cli.common.rules.as_deref(), cli.common.format, lang)
        }
        Some(Command::Schema { which }) => {
            // a schema is JSON: a format that is not is refused, not silently ignored
            if let Some(f @ (Format::Text | Format::Csv | Format::Table)) = cli.common.format {
                let name = match f {
                    Format::Text => "text",
                    Format::Csv => "csv",
                    _ => "table",
                };
                return Err(Fatal::new(
                    format!("schema 输出的是 JSON Schema，不能用 --format {name}；请用 --format json 或 jsonl（一行），或不给 --format"),
                    format!("schema prints a JSON Schema, not --format {name}; use --format json, or jsonl for one line, or no --format"),
                )
                .into());
            }
            let text = schema::text(which);
            let mut out = io::stdout().lock();
            if cli.common.format == Some(Format::Jsonl) {
                let v: Value = serde_json::from_str(text)?;
                writeln!(out, "{v}")?;
            } else {
                writeln!(out, "{text}")?;
            }
            Ok(OK)
        }
        None => single(&cli.case, &cli.common, lang),
    }
}

/// Reads --case FILE (or - for stdin) as the base object.
pub fn base_case(args: &args::CaseArgs) -> Result<Result<Value, CaseError>> {
    read_base(args).map(|(v, _)| v)
}

/// [`base_case`], and for a file refused for a key given twice, the id its first `id` key gives
/// (as batch names such a record), for the error record.
fn read_base(args: &args::CaseArgs) -> Result<(Result<Value, CaseError>, Option<String>)> {
    let Some(path) = &args.case else {
        return Ok((Ok(Value::Object(Default::default())), None));
    };
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        io::stdin().read_to_end(&mut bytes).map_err(|e| {
            let r = io_reason(&e);
            Fatal::new(
                format!("无法从标准输入读取案件：{}", r.zh),
                format!("cannot read the case from stdin: {}", r.en),
            )
        })?;
    } else {
        bytes = std::fs::read(path).map_err(|e| cannot_read("案件文件", "case file", path, &e))?;
    }
    // an empty file (or only a BOM and blank lines) is said to be empty, not "EOF while parsing a
    // value at line 1, column 0"
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        let src_zh = if path.as_os_str() == "-" {
            "标准输入".to_string()
        } else {
            format!("案件文件 {} ", path.display())
        };
        let src_en = if path.as_os_str() == "-" {
            "standard input".to_string()
        } else {
            format!("the case file {}", path.display())
        };
        return Ok((Err(CaseError::new(
            "",
            "",
            solatium::error::Problem::Json {
                detail: Text::new(
                    format!("{src_zh}为空，没有案件；请给出一个 JSON 对象，如 {{\"province\": \"sichuan\", \"disability_grade\": 7}}"),
                    format!("{src_en} is empty: no case; give one JSON object, e.g. {{\"province\": \"sichuan\", \"disability_grade\": 7}}"),
                ),
            },
        )), None));
    }
    // a UTF-16 file (Notepad's "Unicode") is said so, as batch says it, rather than "not UTF-8,
    // perhaps GBK"
    if records::looks_utf16(&bytes) {
        let detail = records::FrameError::Utf16.text();
        return Ok((
            Err(CaseError::new(
                "",
                "",
                solatium::error::Problem::Json { detail },
            )),
            None,
        ));
    }
    // several cases (a batch file given to --case), as an array, as JSON Lines or as objects
    // back to back: say where several cases go
    let file = if path.as_os_str() == "-" {
        "-".to_string()
    } else {
        path.display().to_string()
    };
    let several = |zh: String, en: String| {
        CaseError::new(
            "",
            "",
            solatium::error::Problem::Conflict {
                detail: Text::new(
                    format!("--case 只读一个案件（一个 JSON 对象），收到的是{zh}；多个案件请用 estimate batch {file}"),
                    format!("--case reads one case (one JSON object), but got {en}; for several cases use estimate batch {file}"),
                ),
            },
        )
    };
    let parsed = match parse_json(&bytes) {
        Err(e) if matches!(e.problem, solatium::error::Problem::Duplicate { .. }) => {
            return Ok((Err(e), batch::first_id(&bytes)));
        }
        parsed => parsed,
    };
    Ok(match parsed {
        Ok(Value::Array(items)) => Err(several(
            format!("含 {} 项的数组", items.len()),
            format!(
                "an array of {} item{}",
                items.len(),
                if items.len() == 1 { "" } else { "s" }
            ),
        )),
        Err(e) => match objects_in_sequence(body) {
            Some(n) if n > 1 => Err(several(
                format!(" {n} 个依次排列的 JSON 对象（JSON Lines 或首尾相接）"),
                format!("{n} JSON objects one after another (JSON Lines or back to back)"),
            )),
            _ => Err(e),
        },
        v => v,
    }
    .map_or_else(|e| (Err(e), None), |v| (Ok(v), None)))
}

/// How many JSON objects `bytes` holds one after another (JSON Lines, or objects back to back),
/// when it is nothing but those; None when anything else is in it.
fn objects_in_sequence(bytes: &[u8]) -> Option<usize> {
    let mut n = 0;
    for v in serde_json::Deserializer::from_slice(bytes).into_iter::<Value>() {
        if !v.ok()?.is_object() {
            return None;
        }
        n += 1;
    }
    Some(n)
}

fn single(case: &args::CaseArgs, common: &args::Common, lang: Lang) -> Result<u8> {
    if !case.any() {
        // the usage in the report's language, then what is missing
        let usage = match lang {
            Lang::Zh => usage_zh(&[]).unwrap_or_default(),
            Lang::En => generic_usage(&[]).unwrap_or_default().to_string(),
        };
        let msg = match lang {
            Lang::Zh => "estimate: 请给出案件，如 --province sichuan --disability-grade 7 --liability 0.5，或 --case 文件（详见 --help）",
            Lang::En => "estimate: give a case, e.g. --province sichuan --disability-grade 7 --liability 0.5, or --case FILE (see --help)",
        };
        let _ = writeln!(io::stderr(), "{}\n{msg}", usage.trim_end());
        return Ok(USAGE);
    }
    let rb = load_rules(common.rules.as_deref())?;
    let today = today()?;
    let format = common.format.unwrap_or(Format::Text);
    let (value, first_id) = read_base(case)?;
    let value = value.map(|base| case.overlay(base));
    // the case's id, from --id or the case file, for an error record as for an estimate (a file
    // refused for a key given twice: --id, or its first id)
    let id = match &value {
        Ok(v) => batch::record_id(v),
        Err(_) => case.id.clone().or(first_id),
    };
    let result = value
        .and_then(|v| solatium::Case::from_json(&v))
        .and_then(|c| solatium::estimate(&rb, &c, today));
    let mut out = io::stdout().lock();
    match result {
        Ok(e) => {
            match format {
                Format::Json | Format::Jsonl => {
                    let v = solatium::report::json::estimate(&e, lang);
                    if format == Format::Json {
                        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
                    } else {
                        writeln!(out, "{v}")?;
                    }
                }
                Format::Csv => {
                    batch::write_csv_header(&mut out)?;
                    batch::write_csv_row(&mut out, &Ok(e), None, lang)?;
                }
                Format::Table => {
                    let mut t = batch::table_new(lang);
                    batch::table_push(&mut t, &Ok(e), None, lang);
                    write!(out, "{}", t.render())?;
                    writeln!(out, "{}", solatium::report::table_model_note(lang))?;
                    writeln!(out, "{}", solatium::report::disclaimer(lang))?;
                }
                Format::Text => write!(out, "{}", solatium::report::text::render(&e, lang))?,
            }
            out.flush()?;
            Ok(OK)
        }
        Err(e) => {
            // the machine-readable formats carry the error in their own shape, as batch does
            match format {
                Format::Json | Format::Jsonl => {
                    let v = solatium::report::json::error(id.as_deref(), None, &e, lang);
                    // pretty in json, as the estimate is; one line in jsonl
                    if format == Format::Json {
                        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
                    } else {
                        writeln!(out, "{v}")?;
                    }
                }
                Format::Csv => {
                    let mut fields = batch::csv_fields(&Err(e.clone()), None, lang);
                    // the id as the estimate's row writes it: never a formula Excel would run
                    fields[0] = batch::excel_safe(id.clone().unwrap_or_default());
                    batch::write_csv_header(&mut out)?;
                    let mut w = csv::Writer::from_writer(&mut out);
                    w.write_record(&fields)?;
                    w.flush()?;
                }
                Format::Table => {
                    let r = Err(e.clone());
                    let mut t = batch::table_new(lang);
                    batch::table_push(&mut t, &r, Some((id.as_deref(), 1)), lang);
                    write!(out, "{}", t.render())?;
                    // as every table ends, the batch's with error rows too
                    writeln!(out, "{}", solatium::report::table_model_note(lang))?;
                    writeln!(out, "{}", solatium::report::disclaimer(lang))?;
                }
                Format::Text => {}
            }
            out.flush()?;
            let _ = writeln!(
                io::stderr(),
                "estimate: {}",
                case_error_text(&e, lang, case)
            );
            Ok(CASE_FAILED)
        }
    }
}
