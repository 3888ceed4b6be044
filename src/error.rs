//! Errors about a case: each names the field, the value, and what is allowed, in both languages.
//!
//! A case error is not a failure of the tool: in a batch it becomes an error record and the
//! other cases still run. Refusals the law makes (e.g. 轻微伤 in Anhui) are not errors but
//! estimates of 0 with the reason.

use crate::i18n::{Lang, Text};
use std::fmt;

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// a key the case format does not have
    UnknownField { suggestion: Option<String> },
    /// the JSON type is wrong; `expected` says what is wanted
    WrongType { expected: Text<'static> },
    /// a number outside the allowed range (inclusive)
    OutOfRange { min: String, max: String },
    /// a number where only whole numbers are allowed; `allowed` says which
    NotInteger { allowed: Text<'static> },
    /// a number with more digits than exact decimal arithmetic holds: more than 28 decimal
    /// places (`decimal_places`, as 1e-30 has), or more significant digits than 28
    TooPrecise { decimal_places: bool },
    /// text that is not a number; `allowed` says what number the field takes, and a hint
    /// follows for common forms such as "2万" (boxed: it is rare, and keeps `CaseError` small)
    NotANumber {
        allowed: Text<'static>,
        hint: Option<Box<Text<'static>>>,
    },
    /// a name not in the allowed list
    UnknownValue {
        allowed: Vec<String>,
        suggestion: Option<String>,
        /// the Chinese names the reader also takes for the allowed values (factor levels,
        /// severities), in their order; empty when it takes none
        chinese: Box<[String]>,
    },
    /// not a real calendar date in YYYY-MM-DD form; `hint` is the date it reads as, when it is one
    /// written another common way (`2018-6-1`, `2018/6/1`, `2018年6月1日`)
    InvalidDate { hint: Option<String> },
    /// required (by the format, or by the rule that applies)
    Missing { why: Text<'static> },
    /// given, but empty or only spaces; `what` says what to give
    Empty { what: Text<'static> },
    /// the input is not one JSON object
    NotAnObject,
    /// a key given twice in one object; `first` is its first value's JSON text (shortened, as
    /// the error's value, which is the second's), empty when it is not known
    Duplicate { first: String },
    /// the record is not valid JSON
    Json { detail: Text<'static> },
    /// an input of a batch could not be opened or read to its end (the detail names it and why)
    Unreadable { detail: Text<'static> },
    /// values that contradict each other, or no rule covers the case
    Conflict { detail: Text<'static> },
    /// arithmetic overflowed
    Overflow,
    /// a defect in the tool (a panic caught in batch, so the other records still run)
    Internal { detail: String },
}

/// An error in one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseError {
    /// the JSON field (`disability_grade`), or `""` for the record as a whole
    pub field: String,
    /// the offending value as text (truncated), or `""`
    pub value: String,
    pub problem: Problem,
}

impl std::error::Error for CaseError {}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Keeps error values short (a 10 MB string must not be echoed back).
pub fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// A value quoted with `{:?}` names a character it cannot show (a BOM, a zero-width space, a
/// control character) in Rust's escape syntax, `\u{feff}`; a message shows it as `<U+FEFF>`,
/// the name a user can look up. A backslash of the text itself is doubled by `{:?}`, so only an
/// escape the quoting made is rewritten.
pub fn readable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("\\u{") {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(tail) = after.strip_prefix("u{") {
            if let Some(end) = tail.find('}') {
                let hex = &tail[..end];
                if !hex.is_empty() && hex.len() <= 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                    out.push_str(&format!("<U+{:0>4}>", hex.to_ascii_uppercase()));
                    rest = &tail[end + 1..];
                    continue;
                }
            }
        }
        // any other escape (`\\`, `\"`, `\n`) is kept whole: its second character is not read
        // as the start of another one
        let len = after.chars().next().map_or(0, char::len_utf8);
        out.push('\\');
        out.push_str(&after[..len]);
        rest = &after[len..];
    }
    out.push_str(rest);
    out.into()
}

/// A name with the characters it cannot show named, as [`readable`] does for a quoted value: a
/// key `\u{feff}id` (a BOM a spreadsheet export left in the first key) is shown as `<U+FEFF>id`,
/// not as an invisible character before `id`.
fn visible_name(s: &str) -> std::borrow::Cow<'_, str> {
    let shows = |c: char| {
        !(c.is_control()
            || matches!(c, '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'))
    };
    if s.chars().all(shows) {
        return s.into();
    }
    s.chars()
        .map(|c| {
            if shows(c) {
                c.to_string()
            } else {
                format!("<U+{:04X}>", u32::from(c))
            }
        })
        .collect::<String>()
        .into()
}

impl CaseError {
    pub fn new(field: impl Into<String>, value: impl AsRef<str>, problem: Problem) -> CaseError {
        CaseError {
            field: field.into(),
            value: shorten(&readable(value.as_ref())),
            problem,
        }
    }

    /// A required field is missing.
    pub fn missing(field: &str, why: Text<'static>) -> CaseError {
        CaseError::new(field, "", Problem::Missing { why })
    }

    /// Appends [`CaseError::message`] to `out`. A missing figure's — the error of the note on
    /// each rule a cross-province reference leaves out, in most such records — is written in its
    /// pieces, without a String of its own; any other is the message made whole.
    pub(crate) fn write_message(&self, lang: Lang, out: &mut impl crate::estimate::Sink) {
        if let Problem::Missing { why } = &self.problem {
            let f = visible_name(&self.field);
            match lang {
                Lang::Zh => {
                    out.fixed("缺少字段 `");
                    out.text(&f);
                    out.fixed("`：");
                    out.text(&why.zh);
                }
                Lang::En => {
                    out.fixed("missing `");
                    out.text(&f);
                    out.fixed("`: ");
                    out.text(&why.en);
                }
            }
            return;
        }
        out.text(&self.message(lang));
    }

    /// The message, in the report's language.
    pub fn message(&self, lang: Lang) -> String {
        // a key from the case (unknown, or given twice) may hold a character it cannot show
        let f = &*visible_name(&self.field);
        let v = &self.value;
        let zh = lang == Lang::Zh;
        match &self.problem {
            Problem::UnknownField { suggestion } => {
                let mut s = if zh {
                    format!("未知字段 `{f}`")
                } else {
                    format!("unknown field `{f}`")
                };
                if let Some(g) = suggestion {
                    s += &if zh {
                        format!("；是否想输入 `{g}`？")
                    } else {
                        format!("; did you mean `{g}`?")
                    };
                }
                s += if zh {
                    "（允许的字段见 `estimate schema case`）"
                } else {
                    " (see `estimate schema case` for the allowed fields)"
                };
                s
            }
            Problem::WrongType { expected } => {
                if zh {
                    format!("字段 `{f}` 的值 {v} 类型不对：应为{}", expected.zh)
                } else {
                    format!("`{f}` = {v} has the wrong type: expected {}", expected.en)
                }
            }
            Problem::OutOfRange { min, max } => {
                if zh {
                    format!("字段 `{f}` 的值 {v} 超出允许范围：应在 {min} 至 {max} 之间（含本数）")
                } else {
                    format!("`{f}` = {v} is out of range: allowed {min} to {max} (inclusive)")
                }
            }
            Problem::TooPrecise {
                decimal_places: true,
            } => {
                if zh {
                    format!("字段 `{f}` 的值 {v} 小数位数过多：精确计算最多容纳 28 位小数，请减少小数位数")
                } else {
                    format!("`{f}` = {v} has too many decimal places: exact arithmetic holds at most 28; use fewer decimal places")
                }
            }
            Problem::TooPrecise {
                decimal_places: false,
            } => {
                if zh {
                    format!("字段 `{f}` 的值 {v} 位数过多：精确计算最多容纳 28 位有效数字，请减少小数位数")
                } else {
                    format!("`{f}` = {v} has too many digits: exact arithmetic holds at most 28 significant digits; use fewer decimal places")
                }
            }
            Problem::NotInteger { allowed } => {
                if zh {
                    format!("字段 `{f}` 的值 {v} 不是整数：应为{}", allowed.zh)
                } else {
                    format!("`{f}` = {v} is not a whole number: expected {}", allowed.en)
                }
            }
            Problem::NotANumber { allowed, hint } => {
                let mut s = if zh {
                    format!("字段 `{f}` 的值 {v} 不是数字：应为{}", allowed.zh)
                } else {
                    format!("`{f}` = {v} is not a number: expected {}", allowed.en)
                };
                if let Some(h) = hint {
                    s += if zh { "；" } else { "; " };
                    s += h.get(lang);
                }
                s
            }
            Problem::UnknownValue {
                allowed,
                suggestion,
                chinese,
            } => {
                let list = allowed.join(", ");
                let mut s = if zh {
                    format!("字段 `{f}` 的值 {v} 无效；允许的值：{list}")
                } else {
                    format!("`{f}` = {v} is not allowed; allowed: {list}")
                };
                if !chinese.is_empty() {
                    s += &if zh {
                        format!("，或中文名称：{}", chinese.join("、"))
                    } else {
                        format!(", or in Chinese: {}", chinese.join(", "))
                    };
                }
                if let Some(g) = suggestion {
                    s += &if zh {
                        format!("；是否想输入 `{g}`？")
                    } else {
                        format!("; did you mean `{g}`?")
                    };
                }
                s
            }
            Problem::InvalidDate { hint } => {
                let mut s = if zh {
                    format!("字段 `{f}` 的值 {v} 不是有效日期：应为真实存在的日期，格式 YYYY-MM-DD")
                } else {
                    format!("`{f}` = {v} is not a valid date: expected a real date as YYYY-MM-DD")
                };
                if let Some(h) = hint {
                    s += &if zh {
                        format!("；是否想输入 {h}？")
                    } else {
                        format!("; did you mean {h}?")
                    };
                }
                s
            }
            Problem::Missing { why } => {
                if zh {
                    format!("缺少字段 `{f}`：{}", why.zh)
                } else {
                    format!("missing `{f}`: {}", why.en)
                }
            }
            Problem::Empty { what } => {
                if zh {
                    format!("字段 `{f}` 的值 {v} 为空：{}", what.zh)
                } else {
                    format!("`{f}` = {v} is empty: {}", what.en)
                }
            }
            Problem::Duplicate { first } if !first.is_empty() && !v.is_empty() => {
                if zh {
                    format!("字段 `{f}` 出现了两次（先为 {first}，又为 {v}）；每个字段只能给出一次")
                } else {
                    format!("`{f}` is given twice ({first}, then {v}); give each field once")
                }
            }
            Problem::Duplicate { .. } => {
                if zh {
                    format!("字段 `{f}` 出现了两次；每个字段只能给出一次")
                } else {
                    format!("`{f}` is given twice; give each field once")
                }
            }
            Problem::NotAnObject => {
                if zh {
                    format!("案件应为一个 JSON 对象，收到的是 {v}")
                } else {
                    format!("a case must be one JSON object, got {v}")
                }
            }
            Problem::Json { detail } => {
                if zh {
                    format!("不是有效的 JSON：{}", detail.zh)
                } else {
                    format!("not valid JSON: {}", detail.en)
                }
            }
            Problem::Conflict { detail } | Problem::Unreadable { detail } => {
                detail.get(lang).to_string()
            }
            Problem::Overflow => {
                if zh {
                    format!("字段 `{f}` 的值 {v} 过大，计算溢出")
                } else {
                    format!("`{f}` = {v} is too large: the arithmetic overflows")
                }
            }
            Problem::Internal { detail } => {
                if zh {
                    format!("本工具内部错误（请报告此记录）：{detail}")
                } else {
                    format!("internal error in the tool (please report this record): {detail}")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message written in its pieces is the message made whole, in both languages: for a
    /// missing figure (written in pieces, its field's name shown as `message` shows it) and for
    /// another problem (made whole).
    #[test]
    fn the_message_written_in_pieces_is_the_message() {
        let errors = [
            CaseError::missing(
                "avg_wage",
                Text::new("规则 x（y）需要此项数值", "rule x (y) needs this figure"),
            ),
            CaseError::missing("\u{feff}age", Text::new("甲", "a")),
            CaseError::new("severity", "\"big\"", Problem::Overflow),
        ];
        for e in &errors {
            for lang in [Lang::Zh, Lang::En] {
                let mut s = String::new();
                e.write_message(lang, &mut s);
                assert_eq!(s, e.message(lang));
            }
        }
        let mut s = String::new();
        errors[0].write_message(Lang::En, &mut s);
        assert_eq!(s, "missing `avg_wage`: rule x (y) needs this figure");
        let mut s = String::new();
        errors[0].write_message(Lang::Zh, &mut s);
        assert_eq!(s, "缺少字段 `avg_wage`：规则 x（y）需要此项数值");
    }

    #[test]
    fn a_character_the_quoting_cannot_show_is_named_by_its_code_point() {
        // what `{:?}` makes of a BOM and a zero-width space before and after a name
        let q = format!("{:?}", "\u{feff}sichuan\u{200b}");
        assert_eq!(readable(&q), "\"<U+FEFF>sichuan<U+200B>\"");
        // a bell; a backslash of the text itself (doubled by the quoting) stays as it was
        assert_eq!(readable(&format!("{:?}", "a\u{7}")), "\"a<U+0007>\"");
        assert_eq!(
            readable(&format!("{:?}", r"C:\u{41}")),
            r#""C:\\u{41}""#,
            "a backslash the text wrote is not an escape"
        );
        assert_eq!(readable("\"四川\\n\""), "\"四川\\n\"");
    }

    /// A key with a BOM before it (a spreadsheet export's first header) is not shown as `id`,
    /// which would read as 'unknown field `id`; did you mean `id`?'.
    #[test]
    fn an_unknown_key_with_an_invisible_character_names_it() {
        let e = CaseError::new(
            "\u{feff}id",
            "\"x\"",
            Problem::UnknownField {
                suggestion: Some("id".into()),
            },
        );
        assert_eq!(
            e.message(Lang::Zh),
            "未知字段 `<U+FEFF>id`；是否想输入 `id`？（允许的字段见 `estimate schema case`）"
        );
        assert_eq!(
            e.message(Lang::En),
            "unknown field `<U+FEFF>id`; did you mean `id`? (see `estimate schema case` for the allowed fields)"
        );
        // the record's field stays the key as given, for a script to match
        assert_eq!(e.field, "\u{feff}id");
        let e = CaseError::new(
            "province",
            format!("{:?}", "\u{feff}sichuan"),
            Problem::UnknownValue {
                allowed: vec!["sichuan".into()],
                suggestion: Some("sichuan".into()),
                chinese: Box::default(),
            },
        );
        assert_eq!(e.value, "\"<U+FEFF>sichuan\"");
        assert!(e
            .message(Lang::Zh)
            .contains("的值 \"<U+FEFF>sichuan\" 无效"));
    }
}
