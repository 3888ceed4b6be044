//! What the user typed. Flags are kept as text and turned into the JSON case object, so that
//! flags and JSON files go through the one validator and get the same errors.

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde_json::{Map, Value};
use std::path::PathBuf;

pub const EXIT_CODES: &str = "\
Exit codes:
  0  every case was estimated (an estimate of 0 where the law refuses is a success)
  1  a case failed: bad input, or a figure its rule needs is missing
  2  usage error (a path that does not exist, an unreadable --case file), a rule-base error,
     or output that could not be written (a full disk)

Environment:
  SOLATIUM_RULES  a rule directory to use instead of the embedded rules (as --rules)
  SOLATIUM_TODAY  the date (YYYY-MM-DD) used for cases without a date (default: today)

The output is an estimate, not legal advice.

中文说明：estimate --help（不加 --lang en 时即为中文）";

#[derive(Debug, Parser)]
#[command(
    name = "estimate",
    version,
    about = "Estimate 精神损害抚慰金 (compensation for mental distress) under Chinese law, every figure cited",
    long_about = "Estimate 精神损害抚慰金 (compensation for mental distress) under Chinese law.\n\n\
        Prints the range and point in yuan, the arithmetic, the band, and every provision it rests on \
        with its status. Chinese by default; --lang en for English.\n\n\
        Examples:\n  \
        estimate --province sichuan --disability-grade 7 --liability 0.5\n  \
        estimate --province 山东 --harm personality --infringer organization --severity serious\n  \
        estimate --case case.json --format json\n  \
        estimate batch cases.jsonl --format csv > results.csv\n  \
        estimate compare --harm disability --disability-grade 7 --provinces all",
    after_help = EXIT_CODES,
    args_conflicts_with_subcommands = true,
    allow_negative_numbers = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub case: CaseArgs,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args, Clone)]
pub struct Common {
    /// Report language
    #[arg(long, value_enum, default_value_t = LangArg::Zh, global = true, ignore_case = true)]
    pub lang: LangArg,
    /// Output format [default: text for one case, jsonl for batch, table for compare; schema
    /// prints JSON only: json or jsonl]
    #[arg(long, value_enum, global = true, ignore_case = true)]
    pub format: Option<Format>,
    /// Use the rule files in DIR instead of the embedded rules (also SOLATIUM_RULES, which when
    /// empty means the embedded rules)
    #[arg(long, value_name = "DIR", global = true)]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// the report, for reading (batch and compare: the table; rules: the listing)
    Text,
    /// one JSON object (batch/compare: one JSON array)
    Json,
    /// one JSON object per line
    Jsonl,
    /// CSV, UTF-8 with BOM (opens in Excel)
    Csv,
    /// an aligned table
    Table,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Estimate many cases from JSON files, directories or stdin (-)
    #[command(
        long_about = "Estimate many cases from JSON files, directories or stdin (-).\n\n\
            Input: a JSON array, JSON Lines or concatenated objects, detected automatically; a \
            directory gives every *.json and *.jsonl inside, in sorted order. Records are streamed, \
            so memory stays flat however large the input.\n\n\
            Output: exactly one record per input case, in input order. A case that fails gives an \
            error record in its place and the others still run:\n  \
            {\"id\": …, \"index\": N, \"file\": …, \"line\": L, \"error\": {\"field\": …, \"value\": …, \"message\": …}}\n\
            An input that ends inside an array, its `]` missing (a truncated file), gives one more \
            error record after the cases read.\n\
            A summary line (N estimated, M failed) goes to stderr, and a progress line when the run \
            is longer than a second and stderr is a terminal.\n\n\
            Examples:\n  \
            estimate batch cases.jsonl > results.jsonl\n  \
            estimate batch cases/ --format csv > results.csv\n  \
            cat *.json | estimate batch - --format table",
        after_help = "Exit codes:\n  \
            0  every case was estimated\n  \
            1  a case failed, an input ended before its array's `]`, or an input file could not be\n     \
            opened or read to its end (error records say which; the other inputs still ran)\n  \
            2  usage error (a path that does not exist, a directory that cannot be listed), a\n     \
            rule-base error, or output that could not be written (a full disk)\n\n\
            The output is an estimate, not legal advice."
    )]
    Batch(BatchArgs),
    /// Run one case description across provinces (and sweeps of grade or liability)
    #[command(
        allow_negative_numbers = true,
        long_about = "Run one case description across provinces, and optionally sweep the \
            disability grade and the liability share: one row per province × sweep value, with \
            the rule used (or the national rules / cross-province reference, labelled), band, low, \
            point, high and source status. A row that fails shows its error; the others still run.\n\n\
            Examples:\n  \
            estimate compare --harm disability --disability-grade 7 --liability 0.5\n  \
            estimate compare --provinces sichuan,anhui --harm disability --grades 1-10 --format csv\n  \
            estimate compare --case case.json --provinces covered --liabilities 0.3,0.5,1",
        after_help = "Exit codes:\n  \
            0  every row was estimated\n  \
            1  at least one row failed (shown in its place)\n  \
            2  usage error (e.g. an unknown province in --provinces), unreadable --case file, a \
            rule-base error, or output that could not be written\n\n\
            The output is an estimate, not legal advice."
    )]
    Compare(Box<CompareArgs>),
    /// List, show or check rule bases
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Print the JSON Schema of the input case or the output estimate
    Schema {
        /// case: the input record; estimate: the output record and the error record
        #[arg(value_enum, ignore_case = true)]
        which: SchemaKind,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    Case,
    Estimate,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Files (JSON array, JSON Lines or concatenated objects), directories (*.json, *.jsonl), or - for stdin
    #[arg(value_name = "INPUT", default_value = "-")]
    pub inputs: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub case: CaseArgs,
    /// Provinces to compare: all (every provincial-level division and national; those without a
    /// standard of their own show the national rules or the cross-province reference, labelled),
    /// covered (only jurisdictions with a rule file), or a comma-separated list (sichuan,anhui,四川).
    /// Default: all, or the --province given
    #[arg(long)]
    pub provinces: Option<String>,
    /// Sweep disability grades, e.g. 1-10 or 3,5,7
    #[arg(long)]
    pub grades: Option<String>,
    /// Sweep liability shares, e.g. 0.3,0.5,1
    #[arg(long)]
    pub liabilities: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List every jurisdiction with its sources' status
    List,
    /// Show one jurisdiction: its sources with status and date, and its rules
    Show {
        /// Province: pinyin, Chinese, short name or code (sichuan, 四川, 川, 510000), or national
        province: String,
    },
    /// Check a rule directory and list every problem (exit 0 when none, 2 otherwise)
    Check {
        /// A directory of rule files (*.toml), e.g. a copy of rules/ being edited
        dir: PathBuf,
    },
}

/// The case flags: one per field of the JSON case (kebab-case).
#[derive(Debug, Args, Clone, Default)]
pub struct CaseArgs {
    /// Read the case from a JSON file (- for stdin); flags given too override its fields
    #[arg(long, value_name = "FILE")]
    pub case: Option<PathBuf>,
    /// Case id, echoed in the output
    #[arg(long)]
    pub id: Option<String>,
    /// Province: pinyin, Chinese, short name or code (sichuan, 四川, 川, 510000); national for the national rules
    #[arg(long)]
    pub province: Option<String>,
    /// What was harmed: death, disability, injury, personality, memorial, ip-moral, personal-info,
    /// detention, or in Chinese (死亡, 残疾, 人身伤害, …). Implied by --disability-grade, --info-* or
    /// --detention-days
    #[arg(long)]
    pub harm: Option<String>,
    /// civil (default), traffic, medical-accident, state-compensation, or in Chinese (民事侵权,
    /// 交通事故, 医疗事故, 国家赔偿)
    #[arg(long)]
    pub context: Option<String>,
    /// Disability grade 1 (most severe) to 10; implies --harm disability
    #[arg(long)]
    pub disability_grade: Option<String>,
    /// Defendant's liability share, 0 to 1 (责任系数)
    #[arg(long)]
    pub liability: Option<String>,
    /// Victim's own fault, 0 to 1
    #[arg(long)]
    pub victim_fault: Option<String>,
    /// Infringer: natural (自然人) or organization (单位)
    #[arg(long)]
    pub infringer: Option<String>,
    /// general, serious, especially-serious, or a province's tier name (e.g. level-2 / 二级).
    /// Unset in state compensation (from 2021-04-01): especially-serious when the victim died or
    /// was detained 3653+ days (Art. 7 ¶2); general (not paid) when the harm is detention of 180
    /// days or fewer or a slight injury, no serious consequence (Art. 7); else serious
    #[arg(long)]
    pub severity: Option<String>,
    /// 过错: intent, gross-negligence, ordinary-negligence, slight-negligence
    #[arg(long)]
    pub fault: Option<String>,
    /// 情节: egregious, serious, ordinary, minor
    #[arg(long)]
    pub circumstances: Option<String>,
    /// 后果: severe, serious, ordinary, minor
    #[arg(long)]
    pub consequence: Option<String>,
    /// 获利 as a factor level: large, some, none (else read from --profit-motive / --gain)
    #[arg(long)]
    pub gain_level: Option<String>,
    /// 经济能力: strong, ordinary, weak
    #[arg(long)]
    pub ability: Option<String>,
    /// 当地生活水平: high, ordinary, low
    #[arg(long)]
    pub living_standard: Option<String>,
    /// The infringer acted for profit
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub profit_motive: Option<String>,
    /// The infringer's gain in yuan (for personal information: 违法所得)
    #[arg(long)]
    pub gain: Option<String>,
    /// Number of victims of the one act
    #[arg(long)]
    pub victims: Option<String>,
    /// Number of defendants (joint tortfeasors)
    #[arg(long)]
    pub defendants: Option<String>,
    /// Victim's age in years, 0 to 150
    #[arg(long)]
    pub age: Option<String>,
    /// Victim: natural (自然人) or organization (单位)
    #[arg(long)]
    pub victim: Option<String>,
    /// Injury degree: slight (轻微伤), minor (轻伤), serious (重伤)
    #[arg(long)]
    pub injury_degree: Option<String>,
    /// Average annual living expense in yuan (平均生活费)
    #[arg(long)]
    pub avg_living_expense: Option<String>,
    /// Average annual wage in yuan (职工平均工资)
    #[arg(long)]
    pub avg_wage: Option<String>,
    /// Days of lost personal liberty; implies --harm detention
    #[arg(long)]
    pub detention_days: Option<String>,
    /// State compensation: the liberty and life/health compensation in yuan
    #[arg(long)]
    pub base_compensation: Option<String>,
    /// Personal information: items of 行踪轨迹/通信内容/征信/财产 information; any --info-* implies
    /// --harm personal-info
    #[arg(long)]
    pub info_sensitive: Option<String>,
    /// Personal information: items of 住宿/通信记录/健康生理/交易 information
    #[arg(long)]
    pub info_important: Option<String>,
    /// Personal information: other items
    #[arg(long)]
    pub info_other: Option<String>,
    /// The information was obtained in the course of duties or services
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub insider: Option<String>,
    /// Date of the harm or judgment (YYYY-MM-DD); chooses the rules in force [default: today]
    #[arg(long)]
    pub date: Option<String>,
}

/// The JSON field each flag sets, for error messages that name the flag.
pub fn flag_for(field: &str) -> Option<String> {
    let f = match field {
        "factors.gain" => "gain-level".to_string(),
        f if f.starts_with("factors.") => f["factors.".len()..].replace('_', "-"),
        f if f.starts_with("info_items.") => format!("info-{}", &f["info_items.".len()..]),
        "" => return None,
        f => f.replace('_', "-"),
    };
    Some(format!("--{f}"))
}

impl CaseArgs {
    /// Whether any case flag was given.
    pub fn any(&self) -> bool {
        !self.to_json_fields().is_empty() || self.case.is_some()
    }

    /// Whether a flag set this JSON field (`avg_wage`, `factors.fault`, `info_items.other`).
    pub fn sets(&self, field: &str) -> bool {
        self.to_json_fields().iter().any(|(k, sub, _)| match sub {
            None => *k == field,
            Some(s) => field.strip_prefix(k).and_then(|r| r.strip_prefix('.')) == Some(s),
        })
    }

    fn to_json_fields(&self) -> Vec<(&'static str, Option<&'static str>, String)> {
        let mut v = Vec::new();
        let mut put = |k: &'static str, sub: Option<&'static str>, x: &Option<String>| {
            if let Some(x) = x {
                v.push((k, sub, x.clone()));
            }
        };
        put("id", None, &self.id);
        put("province", None, &self.province);
        put("harm", None, &self.harm);
        put("context", None, &self.context);
        put("disability_grade", None, &self.disability_grade);
        put("liability", None, &self.liability);
        put("victim_fault", None, &self.victim_fault);
        put("infringer", None, &self.infringer);
        put("severity", None, &self.severity);
        put("factors", Some("fault"), &self.fault);
        put("factors", Some("circumstances"), &self.circumstances);
        put("factors", Some("consequence"), &self.consequence);
        put("factors", Some("gain"), &self.gain_level);
        put("factors", Some("ability"), &self.ability);
        put("factors", Some("living_standard"), &self.living_standard);
        put("profit_motive", None, &self.profit_motive);
        put("gain", None, &self.gain);
        put("victims", None, &self.victims);
        put("defendants", None, &self.defendants);
        put("age", None, &self.age);
        put("victim", None, &self.victim);
        put("injury_degree", None, &self.injury_degree);
        put("avg_living_expense", None, &self.avg_living_expense);
        put("avg_wage", None, &self.avg_wage);
        put("detention_days", None, &self.detention_days);
        put("base_compensation", None, &self.base_compensation);
        put("info_items", Some("sensitive"), &self.info_sensitive);
        put("info_items", Some("important"), &self.info_important);
        put("info_items", Some("other"), &self.info_other);
        put("insider", None, &self.insider);
        put("date", None, &self.date);
        v
    }

    /// Lays the flags over a base case object (from --case, or empty).
    pub fn overlay(&self, base: Value) -> Value {
        let mut obj = match base {
            Value::Object(m) => m,
            other => return other,
        };
        for (k, sub, text) in self.to_json_fields() {
            let val = match k {
                "profit_motive" | "insider" => match text.as_str() {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    _ => Value::String(text),
                },
                _ => Value::String(text),
            };
            match sub {
                None => {
                    obj.insert(k.to_string(), val);
                }
                Some(s) => {
                    let e = obj
                        .entry(k.to_string())
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(m) = e {
                        m.insert(s.to_string(), val);
                    } else {
                        *e = Value::Object(Map::from_iter([(s.to_string(), val)]));
                    }
                }
            }
        }
        Value::Object(obj)
    }
}
