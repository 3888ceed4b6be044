//! The input: one case, as the user describes it.
//!
//! A case arrives as JSON (a file, stdin, a batch record) or as CLI flags, which the CLI turns
//! into the same JSON object; both go through [`Case::from_json`], the one validator. It checks
//! every key (an unknown key is an error with the nearest valid name), every value's type and
//! range, and reads numbers exactly from their text (never through `f64`).

use serde::{Deserialize, Serialize};

/// What was harmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Harm {
    Death,
    Disability,
    Injury,
    Personality,
    Memorial,
    IpMoral,
    PersonalInfo,
    Detention,
}

impl Harm {
    /// The JSON name (`death`, `ip-moral`, …), as serde writes it.
    pub fn code(self) -> &'static str {
        match self {
            Harm::Death => "death",
            Harm::Disability => "disability",
            Harm::Injury => "injury",
            Harm::Personality => "personality",
            Harm::Memorial => "memorial",
            Harm::IpMoral => "ip-moral",
            Harm::PersonalInfo => "personal-info",
            Harm::Detention => "detention",
        }
    }
}

/// The body of rules a case falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Context {
    #[default]
    Civil,
    Traffic,
    MedicalAccident,
    StateCompensation,
}

/// 轻微伤 / 轻伤 / 重伤.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InjuryDegree {
    Slight,
    Minor,
    Serious,
}

impl InjuryDegree {
    /// 轻微伤 / 轻伤 / 重伤, or in English with the Chinese term.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::Lang;
        match (self, lang) {
            // the name the reader takes, in the order of INJURY_DEGREES
            (d, Lang::Zh) => INJURY_DEGREES_ZH[d as usize][0],
            (InjuryDegree::Slight, Lang::En) => "a slight injury (轻微伤)",
            (InjuryDegree::Minor, Lang::En) => "a minor injury (轻伤)",
            (InjuryDegree::Serious, Lang::En) => "a serious injury (重伤)",
        }
    }
}

/// A natural person or an organisation (legal person or other organisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Party {
    #[default]
    Natural,
    Organization,
}

use crate::date::Date;
use crate::error::{CaseError, Problem};
use crate::i18n::{suggest, Text};
use crate::money::{parse_decimal, Decimal};
use serde_json::{Map, Value};

/// Every key a case may have, in the order of the JSON contract.
pub const FIELDS: &[&str] = &[
    "id",
    "province",
    "harm",
    "context",
    "disability_grade",
    "liability",
    "victim_fault",
    "infringer",
    "severity",
    "factors",
    "profit_motive",
    "gain",
    "victims",
    "defendants",
    "age",
    "victim",
    "injury_degree",
    "avg_living_expense",
    "avg_wage",
    "detention_days",
    "base_compensation",
    "info_items",
    "insider",
    "date",
];

/// The six factors' keys inside `factors`.
pub const FACTOR_KEYS: &[&str] = &[
    "fault",
    "circumstances",
    "consequence",
    "gain",
    "ability",
    "living_standard",
];

/// The keys inside `info_items`.
pub const INFO_KEYS: &[&str] = &["sensitive", "important", "other"];

/// The largest amount (yuan) a case may carry: far above any award, low enough that no
/// product of amounts and coefficients can overflow a `Decimal`.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000;
/// The longest detention accepted, in days (100 years).
pub const MAX_DETENTION_DAYS: u64 = 36_525;
/// The largest item count accepted per category.
pub const MAX_ITEMS: i64 = 1_000_000_000_000;

/// The ranges of the whole-number fields, read by both readers of a case ([`Case::from_json`]
/// and the fast [`Case::from_plain_json`]), so the two cannot come to differ.
const GRADES: (i64, i64) = (1, 10);
const PARTY_COUNT: (i64, i64) = (1, 100_000);
const AGES: (i64, i64) = (0, 150);

/// Personal-information item counts by the criminal interpretation's categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct InfoItems {
    /// 行踪轨迹、通信内容、征信、财产信息
    pub sensitive: Decimal,
    /// 住宿、通信记录、健康生理、交易信息
    pub important: Decimal,
    /// other personal information
    pub other: Decimal,
}

/// One validated case. Names that depend on the rule base (province, severity, factor levels)
/// are kept as given and checked against the rules by the calculator.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Case {
    pub id: Option<String>,
    pub province: String,
    pub harm: Option<Harm>,
    pub context: Context,
    pub disability_grade: Option<u8>,
    pub liability: Option<Decimal>,
    pub victim_fault: Option<Decimal>,
    pub infringer: Option<Party>,
    pub severity: Option<String>,
    /// factor id → level name, as given
    pub factors: Vec<(String, String)>,
    pub profit_motive: Option<bool>,
    pub gain: Option<Decimal>,
    pub victims: Option<u32>,
    pub defendants: Option<u32>,
    pub age: Option<u32>,
    pub victim: Party,
    pub injury_degree: Option<InjuryDegree>,
    pub avg_living_expense: Option<Decimal>,
    pub avg_wage: Option<Decimal>,
    pub detention_days: Option<u32>,
    pub base_compensation: Option<Decimal>,
    pub info_items: Option<InfoItems>,
    pub insider: bool,
    pub date: Option<Date>,
}

impl Case {
    /// The harm: as given, or implied by the disability grade, the item counts or the days.
    pub fn harm(&self) -> Result<Harm, CaseError> {
        if let Some(h) = self.harm {
            return Ok(h);
        }
        if self.disability_grade.is_some() {
            Ok(Harm::Disability)
        } else if self.info_items.is_some() {
            Ok(Harm::PersonalInfo)
        } else if self.detention_days.is_some() {
            Ok(Harm::Detention)
        } else {
            Err(CaseError::missing(
                "harm",
                Text::new(
                    format!(
                        "请指明受损害的权益，允许的值：{}（有 disability_grade 时默认为 disability，有 info_items 时为 personal-info，有 detention_days 时为 detention）",
                        HARMS.join(", ")
                    ),
                    format!(
                        "say what was harmed, one of: {} (implied as disability by disability_grade, personal-info by info_items, detention by detention_days)",
                        HARMS.join(", ")
                    ),
                ),
            ))
        }
    }

    /// The level given for a factor, if any.
    pub fn factor(&self, id: &str) -> Option<&str> {
        self.factors
            .iter()
            .find(|(k, _)| k == id)
            .map(|(_, v)| v.as_str())
    }

    /// Reads and validates a case from a parsed JSON value.
    pub fn from_json(value: &Value) -> Result<Case, CaseError> {
        let obj = value
            .as_object()
            .ok_or_else(|| CaseError::new("", json_text(value), Problem::NotAnObject))?;
        check_keys(obj, FIELDS, "")?;
        let mut c = Case {
            // null means absent, as for every other field (and as the output writes it)
            id: lookup(obj, "id")
                .filter(|v| !v.is_null())
                .map(id_text)
                .transpose()?,
            ..Case::default()
        };
        c.province = match lookup(obj, "province") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::Null) | None => return Err(CaseError::missing("province", give_province())),
            // `--province ""`: given, but with nothing in it
            Some(v @ Value::String(_)) => {
                return Err(CaseError::new(
                    "province",
                    json_text(v),
                    Problem::Empty {
                        what: give_province(),
                    },
                ))
            }
            Some(v) => {
                return Err(wrong_type(
                    "province",
                    v,
                    "省份名称或代码，如 sichuan、四川、川 或 510000；全国规则用 national",
                    "a province name or code, e.g. sichuan, 四川, 川 or 510000; national for the national rules alone",
                ))
            }
        };
        c.harm = opt_enum(obj, "harm", HARMS)?;
        c.context = opt_enum(obj, "context", CONTEXTS)?.unwrap_or_default();
        c.disability_grade = opt_int(obj, "disability_grade", GRADES.0, GRADES.1)?.map(|g| g as u8);
        c.liability = opt_decimal(obj, "liability", Decimal::ZERO, Decimal::ONE)?;
        c.victim_fault = opt_decimal(obj, "victim_fault", Decimal::ZERO, Decimal::ONE)?;
        c.infringer = opt_enum(obj, "infringer", PARTIES)?;
        c.severity = opt_name(obj, "severity")?;
        if let Some(f) = lookup(obj, "factors") {
            match f {
                Value::Object(m) => {
                    check_keys(m, FACTOR_KEYS, "factors.")?;
                    for k in m.keys() {
                        if let Some(level) = opt_name(m, k).map_err(|e| prefix(e, "factors."))? {
                            c.factors.push((k.clone(), level));
                        }
                    }
                }
                Value::Null => {}
                v => return Err(wrong_type("factors", v, "对象", "an object")),
            }
        }
        c.profit_motive = opt_bool(obj, "profit_motive")?;
        c.gain = opt_amount(obj, "gain")?;
        c.victims = opt_int(obj, "victims", PARTY_COUNT.0, PARTY_COUNT.1)?.map(|n| n as u32);
        c.defendants = opt_int(obj, "defendants", PARTY_COUNT.0, PARTY_COUNT.1)?.map(|n| n as u32);
        c.age = opt_int(obj, "age", AGES.0, AGES.1)?.map(|n| n as u32);
        c.victim = opt_enum(obj, "victim", PARTIES)?.unwrap_or_default();
        c.injury_degree = opt_enum(obj, "injury_degree", INJURY_DEGREES)?;
        c.avg_living_expense = opt_amount(obj, "avg_living_expense")?;
        c.avg_wage = opt_amount(obj, "avg_wage")?;
        c.detention_days =
            opt_int(obj, "detention_days", 0, MAX_DETENTION_DAYS as i64)?.map(|n| n as u32);
        c.base_compensation = opt_amount(obj, "base_compensation")?;
        if let Some(v) = lookup(obj, "info_items") {
            match v {
                Value::Object(m) => {
                    check_keys(m, INFO_KEYS, "info_items.")?;
                    let count = |k: &str| -> Result<Decimal, CaseError> {
                        Ok(opt_int(m, k, 0, MAX_ITEMS)
                            .map_err(|e| prefix(e, "info_items."))?
                            .map(Decimal::from)
                            .unwrap_or_default())
                    };
                    c.info_items = Some(InfoItems {
                        sensitive: count("sensitive")?,
                        important: count("important")?,
                        other: count("other")?,
                    });
                }
                Value::Null => {}
                v => return Err(wrong_type("info_items", v, "对象", "an object")),
            }
        }
        c.insider = opt_bool(obj, "insider")?.unwrap_or(false);
        c.date = match lookup(obj, "date") {
            None | Some(Value::Null) => None,
            // the value quoted, as for every other string: `--date ""` shows `""`
            Some(v @ Value::String(s)) => Some(Date::parse(s.trim()).ok_or_else(|| {
                let hint = date_hint(s.trim());
                CaseError::new("date", json_text(v), Problem::InvalidDate { hint })
            })?),
            Some(v) => {
                return Err(CaseError::new(
                    "date",
                    json_text(v),
                    Problem::InvalidDate { hint: None },
                ))
            }
        };
        if c.harm == Some(Harm::Injury) && c.disability_grade.is_some() {
            return Err(CaseError::new(
                "harm",
                "injury",
                Problem::Conflict {
                    detail: Text::new(
                        "字段 `harm` 为 injury（未评残），但给出了 disability_grade；有伤残等级的请用 disability",
                        "`harm` = injury means no disability grade, but disability_grade is given; use disability",
                    ),
                },
            ));
        }
        Ok(c)
    }
}

/// The variants of each fixed enum, in the order of its names ([`HARMS`], [`CONTEXTS`],
/// [`PARTIES`], [`INJURY_DEGREES`]): the fast reader maps a name's position to its variant
/// without going through serde.
pub(crate) const HARM_VALUES: &[Harm] = &[
    Harm::Death,
    Harm::Disability,
    Harm::Injury,
    Harm::Personality,
    Harm::Memorial,
    Harm::IpMoral,
    Harm::PersonalInfo,
    Harm::Detention,
];
pub(crate) const CONTEXT_VALUES: &[Context] = &[
    Context::Civil,
    Context::Traffic,
    Context::MedicalAccident,
    Context::StateCompensation,
];
const PARTY_VALUES: &[Party] = &[Party::Natural, Party::Organization];
/// A value's name as a case writes it (its serde name, [`serde_name`]), read from the tables the
/// fast reader reads names by, without serialising the value.
fn table_name<T: PartialEq>(v: &T, names: &[&'static str], values: &[T]) -> &'static str {
    values.iter().position(|x| x == v).map_or("", |i| names[i])
}

impl Party {
    /// The name a case writes (`natural`, `organization`), as serde writes it.
    pub(crate) fn code(self) -> &'static str {
        table_name(&self, PARTIES, PARTY_VALUES)
    }
}

impl InjuryDegree {
    /// The name a case writes (`slight`, `minor`, `serious`), as serde writes it.
    pub(crate) fn code(self) -> &'static str {
        table_name(&self, INJURY_DEGREES, INJURY_DEGREE_VALUES)
    }
}

const INJURY_DEGREE_VALUES: &[InjuryDegree] = &[
    InjuryDegree::Slight,
    InjuryDegree::Minor,
    InjuryDegree::Serious,
];

impl Case {
    /// The case a record's JSON text gives, read straight from the text, for the plain records
    /// nearly every batch is made of; `None` for anything else, which the caller then reads the
    /// full way (parse with duplicate keys refused, then [`Case::from_json`]).
    ///
    /// A batch spent as much reading its records as estimating them: a `Value` tree built per
    /// record (an ordered map with SipHash keys, every number carried as text), then two dozen
    /// lookups in it. This reads the text once. It gives up, rather than decide anything itself,
    /// at whatever it is not sure of — an escape in a string, an array, a key it does not know or
    /// sees twice, a value of a type or range [`Case::from_json`] would refuse, a name or number
    /// written in a way that needs rewriting — so every error, and every unusual input, is still
    /// judged by [`Case::from_json`] alone. Whenever it gives a case, that case is the one
    /// [`Case::from_json`] gives (the batch tests check this on generated records).
    pub fn from_plain_json(bytes: &[u8]) -> Option<Case> {
        Case::from_plain_json_with(bytes, &mut PlainBuffers::default())
    }

    /// [`Case::from_plain_json`], its strings made in `buffers`' emptied ones where it has them
    /// (a batch worker hands each case's strings back with [`PlainBuffers::recycle`] once it is
    /// done with it): the same case, without the allocations.
    pub fn from_plain_json_with(bytes: &[u8], buffers: &mut PlainBuffers) -> Option<Case> {
        let mut c = Case::default();
        Case::read_plain_json(bytes, buffers, &mut c)?;
        Some(c)
    }

    /// [`Case::from_plain_json_with`], read into `c` where it is (a batch worker reads each
    /// record into the same one: a case made and returned was copied on the way, a few hundred
    /// bytes for every record). `Some` when `c` is then the case [`Case::from_plain_json`] gives;
    /// after `None`, `c` holds whatever was read before the reader gave up.
    pub fn read_plain_json(bytes: &[u8], buffers: &mut PlainBuffers, c: &mut Case) -> Option<()> {
        // as the full reader: one byte-order mark before the record is not part of it
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        // UTF-8 checked once for the whole record (every string is then a slice of it), not once
        // per string as a JSON parser checks it
        let text = std::str::from_utf8(bytes).ok()?;
        let mut r = Plain { text, i: 0 };
        *c = Case {
            factors: std::mem::take(&mut buffers.factors),
            ..Case::default()
        };
        let mut seen = 0u32;
        r.eat(b'{')?;
        if r.peek_ws()? == b'}' {
            return None; // {}: no province
        }
        loop {
            r.eat(b'"')?;
            let key = r.string()?;
            r.eat(b':')?;
            let field = plain_field_index(key)?;
            // a key given twice is the full reader's to name
            if seen & (1 << field) != 0 {
                return None;
            }
            seen |= 1 << field;
            // each arm named by its field (its position in FIELDS, worked out when compiling)
            match field {
                F_ID => {
                    c.id = match r.scalar()? {
                        Raw::Null => None,
                        Raw::Str(s) | Raw::Num(s) => Some(buffers.string(s)),
                        Raw::Bool(_) => return None,
                    }
                }
                F_PROVINCE => {
                    c.province = match r.scalar()? {
                        Raw::Str(s) if !trim(s).is_empty() => buffers.string(trim(s)),
                        Raw::Num(n) => buffers.string(n),
                        _ => return None,
                    }
                }
                F_HARM => c.harm = r.choice(HARMS, HARMS_ZH, HARM_VALUES)?,
                F_CONTEXT => {
                    c.context = r
                        .choice(CONTEXTS, CONTEXTS_ZH, CONTEXT_VALUES)?
                        .unwrap_or_default()
                }
                F_DISABILITY_GRADE => {
                    c.disability_grade = r.int(GRADES.0, GRADES.1)?.map(|g| g as u8)
                }
                F_LIABILITY => c.liability = r.decimal(Decimal::ZERO, Decimal::ONE)?,
                F_VICTIM_FAULT => c.victim_fault = r.decimal(Decimal::ZERO, Decimal::ONE)?,
                F_INFRINGER => c.infringer = r.choice(PARTIES, PARTIES_ZH, PARTY_VALUES)?,
                F_SEVERITY => c.severity = r.name()?.map(|s| buffers.string(s)),
                F_FACTORS => {
                    if r.peek_ws()? == b'{' {
                        r.i += 1;
                        r.object(|r, key| {
                            let k = key_index(FACTOR_KEYS, key)?;
                            if let Some(level) = r.name()? {
                                c.factors.push(buffers.factor(FACTOR_KEYS[k], level));
                            }
                            Some(k)
                        })?;
                    } else if r.scalar()? != Raw::Null {
                        return None;
                    }
                }
                F_PROFIT_MOTIVE => c.profit_motive = r.bool()?,
                F_GAIN => c.gain = r.amount()?,
                F_VICTIMS => c.victims = r.int(PARTY_COUNT.0, PARTY_COUNT.1)?.map(|n| n as u32),
                F_DEFENDANTS => {
                    c.defendants = r.int(PARTY_COUNT.0, PARTY_COUNT.1)?.map(|n| n as u32)
                }
                F_AGE => c.age = r.int(AGES.0, AGES.1)?.map(|n| n as u32),
                F_VICTIM => {
                    c.victim = r
                        .choice(PARTIES, PARTIES_ZH, PARTY_VALUES)?
                        .unwrap_or_default()
                }
                F_INJURY_DEGREE => {
                    c.injury_degree =
                        r.choice(INJURY_DEGREES, INJURY_DEGREES_ZH, INJURY_DEGREE_VALUES)?
                }
                F_AVG_LIVING_EXPENSE => c.avg_living_expense = r.amount()?,
                F_AVG_WAGE => c.avg_wage = r.amount()?,
                F_DETENTION_DAYS => {
                    c.detention_days = r.int(0, MAX_DETENTION_DAYS as i64)?.map(|n| n as u32)
                }
                F_BASE_COMPENSATION => c.base_compensation = r.amount()?,
                F_INFO_ITEMS => {
                    if r.peek_ws()? == b'{' {
                        r.i += 1;
                        let mut items = InfoItems::default();
                        r.object(|r, key| {
                            let k = key_index(INFO_KEYS, key)?;
                            let n = Decimal::from(r.int(0, MAX_ITEMS)?.unwrap_or_default());
                            match k {
                                0 => items.sensitive = n,
                                1 => items.important = n,
                                _ => items.other = n,
                            }
                            Some(k)
                        })?;
                        c.info_items = Some(items);
                    } else if r.scalar()? != Raw::Null {
                        return None;
                    }
                }
                F_INSIDER => c.insider = r.bool()?.unwrap_or(false),
                F_DATE => {
                    c.date = match r.scalar()? {
                        Raw::Null => None,
                        Raw::Str(s) => Some(Date::parse(trim(s))?),
                        _ => return None,
                    }
                }
                _ => return None,
            }
            match r.next_ws()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
        // nothing but white space after the object
        if r.peek_ws().is_some() {
            return None;
        }
        if seen & (1 << F_PROVINCE) == 0 {
            return None; // no province
        }
        if c.harm == Some(Harm::Injury) && c.disability_grade.is_some() {
            return None;
        }
        Some(())
    }
}

/// Strings a batch worker keeps from one plain record to the next, emptied, for
/// [`Case::from_plain_json_with`] to fill again: a record's id, province, severity and factors
/// were each an allocation (two for a factor), freed again once its record was written.
#[derive(Debug, Default)]
pub struct PlainBuffers {
    /// the strings of an id, a province or a severity
    strings: Vec<String>,
    /// the list the factors are read into, emptied
    factors: Vec<(String, String)>,
    /// the strings of factors, a name and a level each
    factor_strings: Vec<(String, String)>,
}

impl PlainBuffers {
    /// `s` in an emptied string of these, or a new one (with room for most ids and names, so
    /// that it seldom has to grow when used again for a longer one).
    fn string(&mut self, s: &str) -> String {
        let mut out = self
            .strings
            .pop()
            .unwrap_or_else(|| String::with_capacity(s.len().max(24)));
        out.clear();
        out.push_str(s);
        out
    }

    /// A factor's name and level in emptied strings of these, or new ones.
    fn factor(&mut self, name: &str, level: &str) -> (String, String) {
        let (mut n, mut l) = self.factor_strings.pop().unwrap_or_default();
        n.clear();
        n.push_str(name);
        l.clear();
        l.push_str(level);
        (n, l)
    }

    /// Takes back a case's strings, to be filled again by the next record read with these (the
    /// case is left without them).
    pub fn recycle(&mut self, case: &mut Case) {
        self.recycle_string(case.id.take());
        self.recycle_string(Some(std::mem::take(&mut case.province)));
        self.recycle_string(case.severity.take());
        let mut factors = std::mem::take(&mut case.factors);
        // (as many as a record has, at most: a record cannot hand back more than it took)
        if self.factor_strings.len() < FACTOR_KEYS.len() {
            self.factor_strings.append(&mut factors);
        }
        factors.clear();
        self.factors = factors;
    }

    /// Takes back a string of a case, e.g. an id moved out of it, to be filled again. (At most a
    /// record's three are kept: the rest are dropped.)
    pub fn recycle_string(&mut self, s: Option<String>) {
        if let Some(s) = s.filter(|_| self.strings.len() < 3) {
            self.strings.push(s);
        }
    }
}

/// A key's position among `keys`, lengths compared before texts.
fn key_index(keys: &[&str], key: &str) -> Option<usize> {
    keys.iter()
        .position(|k| k.len() == key.len() && k.as_bytes() == key.as_bytes())
}

/// A field's position in [`FIELDS`], worked out when compiling: the fast reader's arms are named
/// by field, so a reordered [`FIELDS`] cannot send a value to the wrong one, and a name that is
/// not a field does not compile.
const fn field(name: &str) -> usize {
    let mut i = 0;
    while i < FIELDS.len() {
        let (a, b) = (FIELDS[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut k = 0;
            while k < a.len() && a[k] == b[k] {
                k += 1;
            }
            if k == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("not a field of FIELDS")
}

const F_ID: usize = field("id");
const F_PROVINCE: usize = field("province");
const F_HARM: usize = field("harm");
const F_CONTEXT: usize = field("context");
const F_DISABILITY_GRADE: usize = field("disability_grade");
const F_LIABILITY: usize = field("liability");
const F_VICTIM_FAULT: usize = field("victim_fault");
const F_INFRINGER: usize = field("infringer");
const F_SEVERITY: usize = field("severity");
const F_FACTORS: usize = field("factors");
const F_PROFIT_MOTIVE: usize = field("profit_motive");
const F_GAIN: usize = field("gain");
const F_VICTIMS: usize = field("victims");
const F_DEFENDANTS: usize = field("defendants");
const F_AGE: usize = field("age");
const F_VICTIM: usize = field("victim");
const F_INJURY_DEGREE: usize = field("injury_degree");
const F_AVG_LIVING_EXPENSE: usize = field("avg_living_expense");
const F_AVG_WAGE: usize = field("avg_wage");
const F_DETENTION_DAYS: usize = field("detention_days");
const F_BASE_COMPENSATION: usize = field("base_compensation");
const F_INFO_ITEMS: usize = field("info_items");
const F_INSIDER: usize = field("insider");
const F_DATE: usize = field("date");

/// A field's position in [`FIELDS`], for the fast reader: by the key's length first, so a key
/// is compared with one or two names, not with each of two dozen.
fn plain_field_index(key: &str) -> Option<usize> {
    let candidates: &[usize] = match key.len() {
        2 => &[F_ID],
        3 => &[F_AGE],
        4 => &[F_HARM, F_GAIN, F_DATE],
        6 => &[F_VICTIM],
        7 => &[F_CONTEXT, F_FACTORS, F_VICTIMS, F_INSIDER],
        8 => &[F_PROVINCE, F_SEVERITY, F_AVG_WAGE],
        9 => &[F_LIABILITY, F_INFRINGER],
        10 => &[F_DEFENDANTS, F_INFO_ITEMS],
        12 => &[F_VICTIM_FAULT],
        13 => &[F_PROFIT_MOTIVE, F_INJURY_DEGREE],
        14 => &[F_DETENTION_DAYS],
        16 => &[F_DISABILITY_GRADE],
        17 => &[F_BASE_COMPENSATION],
        18 => &[F_AVG_LIVING_EXPENSE],
        _ => &[],
    };
    candidates.iter().copied().find(|&i| FIELDS[i] == key)
}

/// The value of a plain decimal's text — unsigned digits with at most one point between digits,
/// 18 characters at most (so the digits fit an `i64`) — as a mantissa and a scale, the fraction's
/// trailing zeros dropped as [`parse_decimal`] drops them: the decimal it reads, normalized.
/// `None` for any other text (a sign, an exponent, more digits), which [`parse_decimal`] reads.
fn plain_digits(t: &str) -> Option<(i64, u32)> {
    let b = t.as_bytes();
    if b.is_empty() || b.len() > 18 {
        return None;
    }
    let (mut m, mut scale, mut point) = (0i64, 0u32, false);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + i64::from(c - b'0');
                scale += u32::from(point);
            }
            b'.' if !point && i > 0 && i + 1 < b.len() => point = true,
            _ => return None,
        }
    }
    while scale > 0 && m % 10 == 0 {
        m /= 10;
        scale -= 1;
    }
    Some((m, scale))
}

/// Where a string's text ends in `b`: the first `"`, `\\` or control character, looked for eight
/// bytes at a time (a byte at a time, the strings were most of the fast reader's time).
fn string_end(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    while let Some(chunk) = b.get(at..at + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
        // the high bit of each byte that is a quote, a backslash or below 0x20 (and maybe of
        // bytes after the first, by a borrow: the lowest flagged byte is always a real one)
        let found = zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')))
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGHS);
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    b[at..]
        .iter()
        .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
        .map(|i| at + i)
}

/// `s.trim()`, without its look at each end when both end bytes are ASCII and not white space
/// (nearly every name and number), which no trimming can change.
fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        [only] if only.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// A scalar JSON value as the fast reader meets it, borrowed from the record's text (a number as
/// its text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Raw<'a> {
    Null,
    Bool(bool),
    Str(&'a str),
    Num(&'a str),
}

/// The fast reader's place in a record's text (see [`Case::from_plain_json`]). It reads strict
/// JSON only, and every method gives `None` where it would have to judge anything.
struct Plain<'a> {
    text: &'a str,
    i: usize,
}

impl<'a> Plain<'a> {
    /// The next byte past JSON white space, not consumed; `None` at the end.
    fn peek_ws(&mut self) -> Option<u8> {
        let b = self.text.as_bytes();
        while let Some(&c) = b.get(self.i) {
            if !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(c);
            }
            self.i += 1;
        }
        None
    }

    /// The next byte past JSON white space, consumed.
    fn next_ws(&mut self) -> Option<u8> {
        let c = self.peek_ws()?;
        self.i += 1;
        Some(c)
    }

    fn eat(&mut self, want: u8) -> Option<()> {
        (self.next_ws()? == want).then_some(())
    }

    /// The rest of a string whose `"` was read: only one without escapes or control characters.
    fn string(&mut self) -> Option<&'a str> {
        let b = self.text.as_bytes();
        let start = self.i;
        let end = start + string_end(b.get(start..)?)?;
        if b[end] != b'"' {
            return None; // an escape or a control character
        }
        self.i = end + 1;
        self.text.get(start..end)
    }

    /// A number by JSON's grammar, without an exponent (`-? (0 | [1-9][0-9]*) (. [0-9]+)?`), as
    /// its text: the text the full reader keeps. One with an exponent gives up: the full reader
    /// rewrites it (`1E2` is kept as `1e+2`, which an id or a province shows).
    fn number(&mut self) -> Option<&'a str> {
        let b = self.text.as_bytes();
        let start = self.i;
        let digits = |i: &mut usize| {
            let from = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i > from
        };
        let mut i = self.i;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                digits(&mut i);
            }
            _ => return None,
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if !digits(&mut i) {
                return None;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            return None;
        }
        self.i = i;
        self.text.get(start..i)
    }

    /// A string, number, `true`, `false` or `null`; `None` for an object or array (or anything
    /// that is not JSON).
    fn scalar(&mut self) -> Option<Raw<'a>> {
        let lit = |r: &mut Self, word: &str, v: Raw<'a>| {
            r.text.as_bytes()[r.i..]
                .starts_with(word.as_bytes())
                .then(|| {
                    r.i += word.len();
                    v
                })
        };
        match self.peek_ws()? {
            b'"' => {
                self.i += 1;
                self.string().map(Raw::Str)
            }
            b'-' | b'0'..=b'9' => self.number().map(Raw::Num),
            b't' => lit(self, "true", Raw::Bool(true)),
            b'f' => lit(self, "false", Raw::Bool(false)),
            b'n' => lit(self, "null", Raw::Null),
            _ => None,
        }
    }

    /// The members of an object whose `{` was read, each handed to `member` (which reads its value
    /// and gives the key's position in the keys allowed, `None` to give up), up to its `}`. A key
    /// given twice gives up.
    fn object(
        &mut self,
        mut member: impl FnMut(&mut Self, &'a str) -> Option<usize>,
    ) -> Option<()> {
        if self.peek_ws()? == b'}' {
            self.i += 1;
            return Some(());
        }
        let mut seen = 0u32;
        loop {
            self.eat(b'"')?;
            let key = self.string()?;
            self.eat(b':')?;
            let k = member(self, key)?;
            if seen & (1 << k) != 0 {
                return None;
            }
            seen |= 1 << k;
            match self.next_ws()? {
                b',' => {}
                b'}' => return Some(()),
                _ => return None,
            }
        }
    }

    /// [`opt_name`]: a string, trimmed, or null.
    fn name(&mut self) -> Option<Option<&'a str>> {
        match self.scalar()? {
            Raw::Null => Some(None),
            Raw::Str(s) => Some(Some(trim(s))),
            _ => None,
        }
    }

    /// [`opt_enum`], for the names it reads as they are: an enum's exact name or a Chinese name
    /// (any other spelling, `Death` or `ip_moral`, is left to it), or null.
    fn choice<T: Copy>(
        &mut self,
        allowed: &[&str],
        zh: &[&[&str]],
        values: &[T],
    ) -> Option<Option<T>> {
        let Some(name) = self.name()? else {
            return Some(None);
        };
        let i = match allowed.iter().position(|a| *a == name) {
            Some(i) => i,
            None => zh.iter().position(|names| names.contains(&name))?,
        };
        Some(Some(values[i]))
    }

    /// [`opt_bool`]: true or false, as such or as a string, or null.
    fn bool(&mut self) -> Option<Option<bool>> {
        match self.scalar()? {
            Raw::Null => Some(None),
            Raw::Bool(b) => Some(Some(b)),
            Raw::Str(s) => match trim(s) {
                "true" => Some(Some(true)),
                "false" => Some(Some(false)),
                _ => None,
            },
            Raw::Num(_) => None,
        }
    }

    /// [`opt_number`]'s text: a number's, or a string's trimmed, or `None` for null.
    fn number_text(&mut self) -> Option<Option<&'a str>> {
        match self.scalar()? {
            Raw::Null => Some(None),
            Raw::Num(t) => Some(Some(t)),
            Raw::Str(s) => Some(Some(trim(s))),
            Raw::Bool(_) => None,
        }
    }

    /// [`opt_decimal`], for a value it accepts.
    fn decimal(&mut self, min: Decimal, max: Decimal) -> Option<Option<Decimal>> {
        let Some(t) = self.number_text()? else {
            return Some(None);
        };
        match plain_digits(t) {
            // without trailing zeros in its fraction and not negative: as normalize() leaves it
            Some((m, scale)) => {
                let d = Decimal::new(m, scale);
                (d >= min && d <= max).then_some(Some(d))
            }
            None => {
                let d = parse_decimal(t)?;
                (d >= min && d <= max).then(|| Some(d.normalize()))
            }
        }
    }

    /// [`opt_amount`], for a value it accepts.
    fn amount(&mut self) -> Option<Option<Decimal>> {
        self.decimal(Decimal::ZERO, Decimal::from(MAX_AMOUNT))
    }

    /// [`opt_int`], for a value it accepts.
    fn int(&mut self, min: i64, max: i64) -> Option<Option<i64>> {
        let Some(t) = self.number_text()? else {
            return Some(None);
        };
        let n = match plain_digits(t) {
            Some((m, 0)) => m,
            // a fraction left after its trailing zeros: not a whole number
            Some(_) => return None,
            None => {
                let d = parse_decimal(t)?;
                if d.fract() != Decimal::ZERO {
                    return None;
                }
                d.try_into().ok()?
            }
        };
        (min..=max).contains(&n).then_some(Some(n))
    }
}

/// The allowed names of each fixed enum, as they appear in JSON.
pub const HARMS: &[&str] = &[
    "death",
    "disability",
    "injury",
    "personality",
    "memorial",
    "ip-moral",
    "personal-info",
    "detention",
];
pub const CONTEXTS: &[&str] = &["civil", "traffic", "medical-accident", "state-compensation"];
pub const PARTIES: &[&str] = &["natural", "organization"];
pub const INJURY_DEGREES: &[&str] = &["slight", "minor", "serious"];

/// The Chinese names the reader also takes for each name of an enum, the first of each as the
/// reports label it (残疾, 交通事故, 轻伤, 单位), in the order of the names.
const HARMS_ZH: &[&[&str]] = &[
    &["死亡"],
    &["残疾", "伤残"],
    &["人身伤害", "人身伤害（未评残）", "受伤"],
    &["人格权益", "人格权"],
    &["具有人身意义的特定物", "特定物"],
    &["著作人身权", "表演者人身权", "著作人身权／表演者人身权"],
    &["个人信息"],
    &["人身自由", "羁押"],
];
const CONTEXTS_ZH: &[&[&str]] = &[
    &["民事侵权", "民事"],
    &["交通事故"],
    &["医疗事故"],
    &["国家赔偿"],
];
const PARTIES_ZH: &[&[&str]] = &[&["自然人"], &["单位", "法人", "组织", "非法人组织"]];
const INJURY_DEGREES_ZH: &[&[&str]] = &[&["轻微伤"], &["轻伤"], &["重伤"]];

/// The Chinese names of an enum's names, by its list of names.
fn chinese_names(allowed: &[&str]) -> &'static [&'static [&'static str]] {
    if allowed == HARMS {
        HARMS_ZH
    } else if allowed == CONTEXTS {
        CONTEXTS_ZH
    } else if allowed == PARTIES {
        PARTIES_ZH
    } else if allowed == INJURY_DEGREES {
        INJURY_DEGREES_ZH
    } else {
        &[]
    }
}

/// A value's name as a case writes it (`minor`, `organization`): its serde name.
pub fn serde_name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// JSON text of a value, for error messages.
pub fn json_text(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    }
}

/// What a province may be, for the messages about a missing or empty one.
fn give_province() -> Text<'static> {
    Text::new(
        "请给出省份，如 sichuan、四川、川 或 510000；全国规则用 national",
        "give the province, e.g. sichuan, 四川, 川 or 510000; national for the national rules alone",
    )
}

fn prefix(mut e: CaseError, p: &str) -> CaseError {
    if !e.field.starts_with(p) {
        e.field = format!("{p}{}", e.field);
    }
    e
}

/// `obj.get(key)` by a linear scan: a case has a handful of keys, and comparing them is cheaper
/// than hashing the key (a batch looks up two dozen fields per case).
fn lookup<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if obj.len() <= 32 {
        obj.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
    } else {
        obj.get(key)
    }
}

fn check_keys(obj: &Map<String, Value>, allowed: &[&str], pfx: &str) -> Result<(), CaseError> {
    for (k, v) in obj {
        if !allowed.contains(&k.as_str()) {
            return Err(CaseError::new(
                format!("{pfx}{k}"),
                json_text(v),
                Problem::UnknownField {
                    suggestion: suggest(k, allowed.iter().copied()).map(|s| format!("{pfx}{s}")),
                },
            ));
        }
    }
    Ok(())
}

fn wrong_type(field: &str, v: &Value, zh: &str, en: &str) -> CaseError {
    CaseError::new(
        field,
        json_text(v),
        Problem::WrongType {
            expected: Text::new(zh.to_string(), en.to_string()),
        },
    )
}

fn id_text(v: &Value) -> Result<String, CaseError> {
    match v {
        // echoed whole: scripts join results to their cases on it
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        v => Err(wrong_type(
            "id",
            v,
            "字符串、数字或 null",
            "a string, a number or null",
        )),
    }
}

fn opt_name(obj: &Map<String, Value>, field: &str) -> Result<Option<String>, CaseError> {
    match lookup(obj, field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(v) => Err(wrong_type(field, v, "字符串", "a string")),
    }
}

fn opt_enum<T: serde::de::DeserializeOwned>(
    obj: &Map<String, Value>,
    field: &str,
    allowed: &[&str],
) -> Result<Option<T>, CaseError> {
    let Some(name) = opt_name(obj, field)? else {
        return Ok(None);
    };
    let zh = chinese_names(allowed);
    // a Chinese name (死亡, 交通事故, 轻伤) is read as the name it stands for; a name written as
    // the JSON writes it is read as it is (lowercasing it, or `_` as `-`, would change nothing)
    let lower;
    let norm = match zh.iter().position(|names| names.contains(&name.as_str())) {
        Some(i) => allowed[i],
        None if allowed.contains(&name.as_str()) => name.as_str(),
        None => {
            lower = name.to_lowercase().replace('_', "-");
            lower.as_str()
        }
    };
    // by the name itself, as serde reads a variant's name (no JSON value built for it)
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(norm))
        .map(Some)
        .map_err(|_| {
            CaseError::new(
                field,
                format!("{name:?}"),
                Problem::UnknownValue {
                    allowed: allowed.iter().map(|s| s.to_string()).collect(),
                    suggestion: suggest(&name, allowed.iter().copied()),
                    chinese: zh.iter().map(|names| names[0].to_string()).collect(),
                },
            )
        })
}

fn opt_bool(obj: &Map<String, Value>, field: &str) -> Result<Option<bool>, CaseError> {
    match lookup(obj, field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(Value::String(s)) if matches!(s.trim(), "true" | "false") => {
            Ok(Some(s.trim() == "true"))
        }
        Some(v) => Err(wrong_type(
            field,
            v,
            "布尔值 true 或 false",
            "true or false",
        )),
    }
}

/// Decimal syntax: a sign, digits with at most one point, and an optional exponent.
fn decimal_syntax(t: &str) -> bool {
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (mantissa, exp) = match t.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (t, None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((a, b)) => {
            (digits(a) || a.is_empty())
                && (digits(b) || b.is_empty())
                && !(a.is_empty() && b.is_empty())
        }
        None => digits(mantissa),
    };
    mantissa_ok && exp.is_none_or(digits)
}

/// A number outside a field's range. Every message that gives a limit writes it as
/// [`allowed_number`] does, in plain digits (`1000000000000`): the form the input takes, where a
/// thousands separator is refused.
fn out_of_range(range: (Decimal, Decimal)) -> Problem {
    Problem::OutOfRange {
        min: range.0.to_string(),
        max: range.1.to_string(),
    }
}

/// What a numeric field allows, for the messages about a value that is not such a number:
/// "整数，范围 1 至 10（含本数）" / "a whole number from 1 to 10 (inclusive)".
pub fn allowed_number(range: (Decimal, Decimal), whole: bool) -> Text<'static> {
    let (min, max) = range;
    if whole {
        Text::new(
            format!("整数，范围 {min} 至 {max}（含本数）"),
            format!("a whole number from {min} to {max} (inclusive)"),
        )
    } else {
        Text::new(
            format!("数字，范围 {min} 至 {max}（含本数）"),
            format!("a number from {min} to {max} (inclusive)"),
        )
    }
}

/// A number from JSON (exact text) or a numeric string. `range` is the field's allowed range and
/// `whole` whether it takes whole numbers only, for the messages about a value that is not such a
/// number (text, another JSON type, a number too large to hold exactly).
fn opt_number(
    obj: &Map<String, Value>,
    field: &str,
    range: (Decimal, Decimal),
    whole: bool,
) -> Result<Option<Decimal>, CaseError> {
    // the text borrowed: a number's is its exact text (arbitrary_precision), which its
    // to_string() would only have copied, through the formatter
    let (text, v) = match lookup(obj, field) {
        None | Some(Value::Null) => return Ok(None),
        Some(v @ Value::Number(n)) => (n.as_str(), v),
        Some(v @ Value::String(s)) => (s.trim(), v),
        Some(v) => {
            return Err(CaseError::new(
                field,
                json_text(v),
                Problem::WrongType {
                    expected: allowed_number(range, whole),
                },
            ))
        }
    };
    // plain digits (nearly every number) without parse_decimal's passes over the text: the
    // same decimal, scale included
    let plain = plain_digits(text).map(|(m, scale)| Decimal::new(m, scale));
    match plain.or_else(|| parse_decimal(text)) {
        Some(d) => Ok(Some(d)),
        None => {
            let problem = if decimal_syntax(text) {
                let unsigned = text.trim_start_matches(['-', '+']);
                let (mantissa, exp) = match unsigned.split_once(['e', 'E']) {
                    Some((m, e)) => (
                        m,
                        e.parse::<i64>().unwrap_or(if e.starts_with('-') {
                            i64::MIN
                        } else {
                            i64::MAX
                        }),
                    ),
                    None => (unsigned, 0),
                };
                let int_digits = mantissa
                    .split('.')
                    .next()
                    .unwrap_or("")
                    .trim_start_matches('0')
                    .len() as i64;
                if !mantissa.chars().any(|c| c.is_ascii_digit() && c != '0') {
                    // 0e999999999 and the like: zero, however it is written
                    return Ok(Some(Decimal::ZERO));
                }
                if int_digits.saturating_add(exp) <= 13 {
                    // 0.1234567890123456789012345678901 or 1e-30: in range, but more digits than
                    // exact; 1e-30 has one digit, but thirty decimal places where 28 fit
                    let fraction = mantissa
                        .split_once('.')
                        .map_or(0, |(_, f)| f.trim_end_matches('0').len() as i64);
                    Problem::TooPrecise {
                        decimal_places: fraction.saturating_sub(exp) > 28,
                    }
                } else {
                    // 1e400 or a 40-digit integer: a number, but beyond what can be exact
                    out_of_range(range)
                }
            } else {
                Problem::NotANumber {
                    allowed: allowed_number(range, whole),
                    hint: number_hint(text, range).map(Box::new),
                }
            };
            Err(CaseError::new(field, json_text(v), problem))
        }
    }
}

/// A date written another common way — single-digit month or day, `/` or `.` between the parts,
/// or `2018年6月1日` — as the YYYY-MM-DD it reads as, when that is a real date. Only a hint: the
/// contract's form stays the one accepted.
fn date_hint(text: &str) -> Option<String> {
    // ２０１８－０６－０１, as a Chinese input method writes digits, reads as 2018-06-01
    let half = half_width(text);
    let text = half.as_deref().unwrap_or(text);
    // a date with a time of day, as scripts and spreadsheets export it (2018-06-01T00:00:00Z,
    // 2018/6/1 0:00): the date it begins with
    let text = text
        .split_once(['T', ' '])
        .filter(|(_, time)| time.contains(':'))
        .map_or(text, |(day, _)| day);
    let parts: Vec<&str> = text
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .collect();
    let [y, m, d] = parts[..] else {
        return None;
    };
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2)) {
        return None;
    }
    let iso = format!("{y}-{m:0>2}-{d:0>2}");
    Date::parse(&iso).map(|_| iso)
}

/// A number to give as an example for a field taking `range`: 0.5 for a share or coefficient
/// (0 to 1), 20000 for an amount or a count that goes that high, the middle of a narrower range
/// otherwise (5 for a disability grade, 75 for an age).
fn example_number(range: (Decimal, Decimal)) -> String {
    let (min, max) = range;
    if max <= Decimal::ONE {
        "0.5".to_string()
    } else if max >= Decimal::from(20000) {
        "20000".to_string()
    } else {
        ((min + max) / Decimal::TWO).floor().to_string()
    }
}

/// How to write a value that is not a plain number the way this tool reads numbers (`2万`, `50%`,
/// `五成`, `七`, `20,000`, `¥500`), for a field taking `range` (an example given fits it):
/// `None` when there is nothing to say.
pub fn number_hint(text: &str, range: (Decimal, Decimal)) -> Option<Text<'static>> {
    let example = example_number(range);
    // 0,5 for a share: a decimal comma, not a thousands separator
    let decimal_comma = (range.1 <= Decimal::ONE && text.contains([',', '，']))
        .then(|| text.replacen([',', '，'], ".", 1))
        .filter(|t| parse_decimal(t).is_some());
    if let Some(half) = half_width(text).filter(|h| parse_decimal(h).is_some()) {
        // ７ or ０.５, as a Chinese input method writes digits
        Some(Text::new(
            format!("请使用半角数字，{text} 写作 {half}"),
            format!("write it in ASCII digits: {text} is {half}"),
        ))
    } else if text.contains('万') {
        Some(Text::new(
            "请写成阿拉伯数字，如 \"2万\" 写作 20000",
            "write it in digits: \"2万\" is 20000",
        ))
    } else if let Some(point) = decimal_comma {
        Some(Text::new(
            format!("请用小数点，{text} 写作 {point}"),
            format!("use a decimal point: {text} is {point}"),
        ))
    } else if text.contains(',') || text.contains('，') {
        Some(Text::new(
            format!("请去掉千位分隔符，如 {example}"),
            format!("drop the thousands separators, e.g. {example}"),
        ))
    } else if text.contains('元') || text.contains('¥') || text.contains('￥') {
        Some(Text::new(
            "只写数字，不带货币单位",
            "give the number alone, without a currency sign",
        ))
    } else if ["nan", "inf", "infinity", "-inf", "-infinity", "+inf"]
        .contains(&text.trim().to_lowercase().as_str())
    {
        Some(Text::new(
            format!("请给出一个有限的数字，如 {example}"),
            format!("give a finite number in digits, e.g. {example}"),
        ))
    } else if text.ends_with('%') {
        Some(Text::new(
            "请写成小数，如 50% 写作 0.5",
            "write a fraction: 50% is 0.5",
        ))
    } else if let Some(d) = text
        .strip_suffix('成')
        .and_then(|stem| CHINESE_DIGITS.iter().position(|c| stem == *c))
    {
        // 五成 (five tenths): a share, as liability and fault are given
        let share = crate::money::plain(Decimal::new(d as i64, 1));
        Some(Text::new(
            format!("请写成小数，{text} 写作 {share}"),
            format!("write a fraction: {text} is {share}"),
        ))
    } else if let Some(d) = CHINESE_DIGITS.iter().position(|c| text == *c) {
        Some(Text::new(
            format!("请写成阿拉伯数字，{text} 写作 {d}"),
            format!("write it in digits: {text} is {d}"),
        ))
    } else if text.chars().any(|c| CHINESE_NUMERALS.contains(c)) {
        Some(Text::new(
            "请写成阿拉伯数字，如 七 写作 7",
            "write it in digits, e.g. 7 for 七",
        ))
    } else {
        None
    }
}

/// The text with full-width digits and signs (`０`–`９`, `．`, `－`, `＋`, `／`) written half-width,
/// when it has any.
fn half_width(text: &str) -> Option<String> {
    let full = |c: char| matches!(c, '０'..='９' | '．' | '－' | '＋' | '／');
    text.chars().any(full).then(|| {
        text.chars()
            .map(|c| {
                if full(c) {
                    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect()
    })
}

/// 零 to 十, at their values.
const CHINESE_DIGITS: &[&str] = &[
    "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
];
/// Characters of numbers written in Chinese (万 has a hint of its own).
const CHINESE_NUMERALS: &str = "零〇一二两三四五六七八九十百千亿壹贰叁肆伍陆柒捌玖拾佰仟";

fn opt_decimal(
    obj: &Map<String, Value>,
    field: &str,
    min: Decimal,
    max: Decimal,
) -> Result<Option<Decimal>, CaseError> {
    let Some(d) = opt_number(obj, field, (min, max), false)? else {
        return Ok(None);
    };
    if d < min || d > max {
        return Err(CaseError::new(
            field,
            d.to_string(),
            out_of_range((min, max)),
        ));
    }
    Ok(Some(d.normalize()))
}

fn opt_amount(obj: &Map<String, Value>, field: &str) -> Result<Option<Decimal>, CaseError> {
    opt_decimal(obj, field, Decimal::ZERO, Decimal::from(MAX_AMOUNT))
}

fn opt_int(
    obj: &Map<String, Value>,
    field: &str,
    min: i64,
    max: i64,
) -> Result<Option<i64>, CaseError> {
    let range = (Decimal::from(min), Decimal::from(max));
    let Some(d) = opt_number(obj, field, range, true)? else {
        return Ok(None);
    };
    if d.fract() != Decimal::ZERO {
        return Err(CaseError::new(
            field,
            d.to_string(),
            Problem::NotInteger {
                allowed: allowed_number(range, true),
            },
        ));
    }
    // the error is built only when it is needed: this runs for every whole number of every case
    let out = || CaseError::new(field, d.to_string(), out_of_range(range));
    let n: i64 = d.try_into().map_err(|_| out())?;
    if n < min || n > max {
        return Err(out());
    }
    Ok(Some(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(s: &str) -> Result<Case, CaseError> {
        Case::from_json(&serde_json::from_str(s).unwrap())
    }

    /// Records read one after another with the same buffers, each case handed back once read (as
    /// a batch worker does), give the cases the fast reader gives each alone: an id, a severity
    /// or factors a record lacks are not left over from the one before, nor any longer text.
    #[test]
    fn plain_records_read_with_recycled_buffers_are_read_as_alone() {
        let records = [
            r#"{"id":"a-long-identifier","province":"sichuan","severity":"serious","harm":"personality","factors":{"fault":"intentional","circumstances":"egregious","consequence":"serious"}}"#,
            r#"{"province":"川","disability_grade":7}"#,
            r#"{"id":7,"province":"四川","harm":"personality","factors":{"gain":"none"}}"#,
            r#"{"id":"x","province":"510000","harm":"personality","severity":"一般"}"#,
            // not plain (an escape): no case, and the buffers still serve the next
            r#"{"id":"a\"b","province":"sichuan","disability_grade":7}"#,
            // left to the full reader only at its end, everything read by then
            r#"{"id":"late","province":"sichuan","severity":"serious","factors":{"fault":"intentional"},"harm":"injury","disability_grade":7}"#,
            r#"{"id":null,"province":" beijing ","disability_grade":3,"factors":{}}"#,
            r#"{"id":"y","province":"national","harm":"personality","factors":{"fault":"slight-negligence"}}"#,
        ];
        let mut buffers = PlainBuffers::default();
        let mut read = 0;
        for _ in 0..3 {
            for r in records {
                let alone = Case::from_plain_json(r.as_bytes());
                let with = Case::from_plain_json_with(r.as_bytes(), &mut buffers);
                assert_eq!(with, alone, "{r}");
                if let Some(mut c) = with {
                    read += 1;
                    // an id moved out of the case, as the batch moves it into the estimate
                    buffers.recycle_string(c.id.take());
                    buffers.recycle(&mut c);
                }
            }
        }
        assert_eq!(read, 18);
        // and read into one case where it is, as a batch worker reads them: after a record the
        // reader gave up on too (partly read into it)
        let mut c = Case::default();
        for _ in 0..3 {
            for r in records {
                let alone = Case::from_plain_json(r.as_bytes());
                let got = Case::read_plain_json(r.as_bytes(), &mut buffers, &mut c);
                assert_eq!(got.is_some(), alone.is_some(), "{r}");
                if let Some(alone) = alone {
                    assert_eq!(c, alone, "{r}");
                    buffers.recycle_string(c.id.take());
                    buffers.recycle(&mut c);
                }
            }
        }
        // and by hand, the third record after the first: the factors are the third's alone
        let mut buffers = PlainBuffers::default();
        let first = Case::from_plain_json_with(records[0].as_bytes(), &mut buffers).unwrap();
        assert_eq!(first.factors.len(), 3);
        let mut first = first;
        buffers.recycle(&mut first);
        let c = Case::from_plain_json_with(records[2].as_bytes(), &mut buffers).unwrap();
        assert_eq!(c.id.as_deref(), Some("7"));
        assert_eq!(c.province, "四川");
        assert_eq!(c.severity, None);
        assert_eq!(c.factors, [("gain".to_string(), "none".to_string())]);
    }

    #[test]
    fn a_strings_end_is_found_wherever_it_falls() {
        for len in 0..20 {
            for at in 0..=len {
                for stop in [b'"', b'\\', 0, 0x1F, b'\n'] {
                    for fill in [b'a', b' ', 0x20, 0x7F, 0x80, 0xE4, 0xFF, b'!', b'#', b']'] {
                        let mut b = vec![fill; len];
                        if at < len {
                            b[at] = stop;
                            if at + 2 < len {
                                b[at + 2] = b'"';
                            }
                        }
                        let want = b.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20);
                        assert_eq!(string_end(&b), want, "{b:?}");
                    }
                }
            }
        }
        for t in [
            "",
            "a",
            " ",
            "a ",
            " a",
            "ab",
            "\u{3000}a",
            "a\u{3000}",
            "\u{85}x",
            "x\u{a0}",
            "\t1\n",
            "中",
            " 中 ",
            "1.5",
            "-",
            "\u{7f}",
            "\u{7f}a\u{7f}",
        ] {
            assert_eq!(trim(t), t.trim(), "{t:?}");
        }
    }

    /// A plain decimal read by its digits is the decimal parse_decimal reads, to the bit (value,
    /// scale and sign): the error messages show it as it is.
    #[test]
    fn plain_digits_read_as_parse_decimal_reads() {
        let mut texts: Vec<String> = [
            "0",
            "00",
            "007",
            "0.0",
            "0.5",
            "0.50",
            "00.50",
            "1",
            "10",
            "100",
            "7.0",
            "7.50",
            "1.000",
            "150",
            "1000000000000",
            "999999999999.99",
            "0.000000000000000001",
            "123456789012345678",
            "999999999999999999",
            "100000000000000000",
            "12345.678900",
            "1.5.",
            "1..5",
            ".5",
            "5.",
            ".",
            "1a",
            "",
            "-1",
            "+1",
            "1e2",
            " 1",
            "１",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for n in 1..=18 {
            for point in 0..=n {
                let digits: String = (0..n)
                    .map(|i| char::from(b'0' + (i * 7 % 10) as u8))
                    .collect();
                let mut t = digits.clone();
                if point > 0 && point < n {
                    t.insert(point, '.');
                }
                texts.push(t);
                texts.push(format!("{}0", &digits[..n - 1]));
            }
        }
        for t in &texts {
            let plain = plain_digits(t).map(|(m, scale)| Decimal::new(m, scale));
            if let Some(d) = plain {
                let want = parse_decimal(t).map(|d| d.serialize());
                assert_eq!(Some(d.serialize()), want, "{t:?}");
            }
        }
        assert!(plain_digits("0.50").is_some() && plain_digits("1e2").is_none());
    }

    #[test]
    fn the_fast_readers_tables_follow_the_names() {
        for (i, f) in FIELDS.iter().enumerate() {
            assert_eq!(plain_field_index(f), Some(i), "{f}");
        }
        assert_eq!(plain_field_index("disabilty_grade"), None);
        let names = |v: Vec<String>| v;
        assert_eq!(names(HARM_VALUES.iter().map(serde_name).collect()), HARMS);
        assert_eq!(
            names(CONTEXT_VALUES.iter().map(serde_name).collect()),
            CONTEXTS
        );
        assert_eq!(
            names(PARTY_VALUES.iter().map(serde_name).collect()),
            PARTIES
        );
        assert_eq!(
            names(INJURY_DEGREE_VALUES.iter().map(serde_name).collect()),
            INJURY_DEGREES
        );
        // and the names read from those tables are the serde names
        for p in PARTY_VALUES {
            assert_eq!(p.code(), serde_name(p));
        }
        for d in INJURY_DEGREE_VALUES {
            assert_eq!(d.code(), serde_name(d));
        }
        assert_eq!(Party::Organization.code(), "organization");
        assert_eq!(InjuryDegree::Minor.code(), "minor");
    }

    #[test]
    fn reads_exact_decimals_from_json_numbers() {
        let c = parse(r#"{"province":"sichuan","disability_grade":7,"liability":0.7}"#).unwrap();
        assert_eq!(c.liability.unwrap().to_string(), "0.7");
        assert_eq!(c.harm().unwrap(), Harm::Disability);
    }

    #[test]
    fn numeric_strings_are_accepted_and_wan_gets_a_hint() {
        let c = parse(r#"{"province":"beijing","harm":"death","avg_wage":"120000"}"#).unwrap();
        assert_eq!(c.avg_wage, Some(Decimal::from(120000)));
        let e = parse(r#"{"province":"beijing","harm":"death","avg_wage":"2万"}"#).unwrap_err();
        assert_eq!(e.field, "avg_wage");
        assert!(matches!(
            e.problem,
            Problem::NotANumber { hint: Some(_), .. }
        ));
    }

    #[test]
    fn unknown_field_suggests_nearest() {
        let e = parse(r#"{"province":"sichuan","disabilty_grade":7}"#).unwrap_err();
        assert_eq!(e.field, "disabilty_grade");
        assert_eq!(e.value, "7", "the error record keeps the value given");
        assert_eq!(
            e.problem,
            Problem::UnknownField {
                suggestion: Some("disability_grade".into())
            }
        );
    }

    #[test]
    fn a_null_id_is_absent() {
        let c = parse(r#"{"id":null,"province":"sichuan","disability_grade":7}"#).unwrap();
        assert_eq!(c.id, None);
        let e = parse(r#"{"id":true,"province":"sichuan","disability_grade":7}"#).unwrap_err();
        assert_eq!((e.field.as_str(), e.value.as_str()), ("id", "true"));
    }

    #[test]
    fn an_empty_province_is_named_empty_with_what_is_allowed() {
        for (body, value) in [
            (r#"{"province":"","disability_grade":7}"#, "\"\""),
            (r#"{"province":"  ","disability_grade":7}"#, "\"  \""),
        ] {
            let e = parse(body).unwrap_err();
            assert_eq!((e.field.as_str(), e.value.as_str()), ("province", value));
            assert_eq!(
                e.problem,
                Problem::Empty {
                    what: give_province()
                }
            );
        }
        let e = parse(r#"{"province":true,"disability_grade":7}"#).unwrap_err();
        assert!(matches!(e.problem, Problem::WrongType { .. }), "{e}");
        assert!(e.to_string().contains("510000"), "{e}");
    }

    #[test]
    fn out_of_range_is_an_error_not_a_clamp() {
        for (body, field) in [
            (
                json!({"province":"x","disability_grade":11}),
                "disability_grade",
            ),
            (
                json!({"province":"x","disability_grade":0}),
                "disability_grade",
            ),
            (json!({"province":"x","liability":1.5}), "liability"),
            (json!({"province":"x","victim_fault":-0.1}), "victim_fault"),
            (json!({"province":"x","age":151}), "age"),
            (json!({"province":"x","gain":-1}), "gain"),
        ] {
            let e = Case::from_json(&body).unwrap_err();
            assert_eq!(e.field, field);
            assert!(matches!(e.problem, Problem::OutOfRange { .. }), "{e}");
        }
        let e = parse(r#"{"province":"x","disability_grade":7.5}"#).unwrap_err();
        assert!(matches!(e.problem, Problem::NotInteger { .. }), "{e}");
    }

    #[test]
    fn limits_are_written_one_way_whatever_the_path() {
        // too large to hold exactly, above the limit, and not a number: the same limit text
        for n in ["1e30", "10000000000000", "\"1e30\"", "\"x\""] {
            let e = parse(&format!(r#"{{"province":"x","base_compensation":{n}}}"#)).unwrap_err();
            let msg = e.to_string();
            assert!(msg.contains("1000000000000"), "{n}: {msg}");
            assert!(!msg.contains("1,000"), "{n}: {msg}");
        }
    }

    #[test]
    fn huge_numbers_are_range_errors() {
        for n in ["1e30", "1e400", "1234567890123456789012345678901234567890"] {
            let e = parse(&format!(r#"{{"province":"x","gain":{n}}}"#)).unwrap_err();
            assert_eq!(e.field, "gain");
            assert!(matches!(e.problem, Problem::OutOfRange { .. }), "{n}: {e}");
        }
    }

    /// A date written another common way gets the YYYY-MM-DD it reads as, in the message; one
    /// that is no real date, or not three parts, gets none.
    #[test]
    fn a_date_written_another_way_gets_a_hint() {
        for (given, hint) in [
            ("2018-6-1", Some("2018-06-01")),
            ("2018/06/01", Some("2018-06-01")),
            ("2018.6.30", Some("2018-06-30")),
            ("2018年6月1日", Some("2018-06-01")),
            ("2018年12月31", Some("2018-12-31")),
            ("2018-2-30", None),
            ("18-6-1", None),
            ("2018-6", None),
            ("2018-006-01", None),
            ("二〇一八年六月一日", None),
            // with a time of day, as exported: the day it begins with
            ("2018-06-01T00:00:00Z", Some("2018-06-01")),
            ("2018-06-01 08:30", Some("2018-06-01")),
            ("2018/6/1 0:00", Some("2018-06-01")),
            ("2018-02-30T00:00:00", None),
            ("2018-06-01 morning", None),
        ] {
            let e = parse(&format!(r#"{{"province":"x","date":"{given}"}}"#)).unwrap_err();
            assert_eq!(
                e.problem,
                Problem::InvalidDate {
                    hint: hint.map(str::to_string)
                },
                "{given}"
            );
        }
        let e = parse(r#"{"province":"x","date":"2018-6-1"}"#).unwrap_err();
        assert!(
            e.message(crate::i18n::Lang::Zh)
                .ends_with("；是否想输入 2018-06-01？"),
            "{}",
            e.message(crate::i18n::Lang::Zh)
        );
        assert!(
            e.message(crate::i18n::Lang::En)
                .ends_with("; did you mean 2018-06-01?"),
            "{}",
            e.message(crate::i18n::Lang::En)
        );
    }

    #[test]
    fn dates_must_exist() {
        let e = parse(r#"{"province":"x","date":"2025-02-29"}"#).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.value.as_str(), &e.problem),
            (
                "date",
                "\"2025-02-29\"",
                &Problem::InvalidDate { hint: None }
            )
        );
        let e = parse(r#"{"province":"x","date":""}"#).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.value.as_str(), &e.problem),
            ("date", "\"\"", &Problem::InvalidDate { hint: None })
        );
    }

    #[test]
    fn nested_keys_are_checked() {
        let e = parse(r#"{"province":"x","factors":{"faultt":"intent"}}"#).unwrap_err();
        assert_eq!(e.field, "factors.faultt");
        let e = parse(r#"{"province":"x","info_items":{"sensitive":-1}}"#).unwrap_err();
        assert_eq!(e.field, "info_items.sensitive");
    }

    #[test]
    fn enum_values_are_checked_with_suggestion() {
        let e = parse(r#"{"province":"x","harm":"disabilty"}"#).unwrap_err();
        assert_eq!(e.field, "harm");
        match e.problem {
            Problem::UnknownValue { suggestion, .. } => {
                assert_eq!(suggestion.as_deref(), Some("disability"))
            }
            p => panic!("{p:?}"),
        }
    }
}
