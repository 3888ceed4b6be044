//! The messages of the TOML parser and of serde, which `Problem::parse` reports for a rule file
//! that does not parse, in Chinese as well as in their own English.

use crate::i18n::Text;

/// A message of the TOML parser (syntax) or of serde (schema: unknown key, wrong type, missing
/// key), or one of this crate's own (an unquoted float, a bad date), in both languages. The
/// messages these libraries write are translated; the names and values they quote stay as
/// written. A message not recognised keeps its English text after a Chinese lead, so nothing is
/// lost.
pub fn toml_message(en: &str) -> Text<'static> {
    Text::new(
        toml_message_zh(en).unwrap_or_else(|| format!("TOML 解析错误：{en}")),
        en.to_string(),
    )
}

fn toml_message_zh(en: &str) -> Option<String> {
    // serde's frames (serde::de::Error's provided methods)
    if let Some(r) = en.strip_prefix("unknown field `") {
        let (name, rest) = r.split_once('`')?;
        return Some(format!("未知字段 `{name}`{}", allowed(rest, "字段")?));
    }
    if let Some(r) = en.strip_prefix("unknown variant `") {
        let (name, rest) = r.split_once('`')?;
        return Some(format!("值 `{name}` 无效{}", allowed(rest, "值")?));
    }
    if let Some(r) = en.strip_prefix("missing field `") {
        return Some(format!("缺少字段 `{}`", r.strip_suffix('`')?));
    }
    if let Some(r) = en.strip_prefix("duplicate field `") {
        return Some(format!("字段 `{}` 出现了两次", r.strip_suffix('`')?));
    }
    for (lead, zh) in [
        ("invalid type: ", "类型不对"),
        ("invalid value: ", "值无效"),
    ] {
        if let Some(r) = en.strip_prefix(lead) {
            let (got, want) = r.rsplit_once(", expected ")?;
            return Some(format!(
                "{zh}：应为{}，实际为{}",
                spaced(&serde_expected(want)),
                spaced(&serde_unexpected(got))
            ));
        }
    }
    if let Some(r) = en.strip_prefix("invalid length ") {
        let (n, want) = r.split_once(", expected ")?;
        return Some(format!(
            "长度 {n} 不对：应为{}",
            spaced(&serde_expected(want))
        ));
    }
    // this crate's own (crate::money, crate::date)
    if let Some(r) = en.strip_prefix("unquoted decimal ") {
        let (v, rest) =
            r.split_once(" would pass through a binary float; write it as a string, e.g. ")?;
        return Some(format!(
            "未加引号的小数 {v} 会经二进制浮点数转换而失去精度；请写成字符串，如 {rest}"
        ));
    }
    if let Some(v) = en.strip_suffix(" is not a decimal number") {
        return Some(format!("{v} 不是十进制数"));
    }
    if let Some(v) = en.strip_suffix(" is not a date (YYYY-MM-DD)") {
        return Some(format!("{v} 不是日期（应为 YYYY-MM-DD）"));
    }
    if let Some(r) = en.strip_prefix("expected a date, got ") {
        // `<TOML type> <value>`, as crate::date writes it
        let (kind, v) = r.split_once(' ')?;
        let kind = match kind {
            "integer" => "整数",
            "float" => "浮点数",
            "boolean" => "布尔值",
            "array" => "数组",
            "table" => "表",
            _ => return None,
        };
        return Some(format!("应为日期，实际为{kind} {v}"));
    }
    // the TOML parser's: "what is wrong[, expected A, B, C]"
    let (what, expected) = match en.split_once(", expected ") {
        Some((w, e)) => (w, Some(e)),
        None => (en, None),
    };
    let what = toml_description(what)?;
    Some(match expected {
        None | Some("nothing") => what.to_string(),
        Some(e) => {
            let items: Option<Vec<String>> = e.split(", ").map(toml_expected).collect();
            format!("{what}，此处应为{}", spaced(&or_list(&items?)))
        }
    })
}

/// The tail of serde's unknown field/variant message: `, expected one of `a`, `b``,
/// `, expected `a` or `b``, `, expected `a``, or `, there are no fields` / `variants`.
fn allowed(rest: &str, what: &str) -> Option<String> {
    if rest.starts_with(", there are no ") {
        return Some(format!("；此处没有可用的{what}"));
    }
    let list = rest.strip_prefix(", expected ")?;
    let names: Vec<&str> = list.split('`').skip(1).step_by(2).collect();
    if names.is_empty() {
        return None;
    }
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    Some(format!("；允许的{what}：{}", names.join("、")))
}

/// What serde says it got: `integer `5``, `string "x"`, `sequence`.
fn serde_unexpected(got: &str) -> String {
    let (got, wide) = match got.strip_suffix(" as i128") {
        Some(g) => (g, "（超出 64 位整数的范围）"),
        None => (got, ""),
    };
    for (en, zh) in [
        ("boolean ", "布尔值 "),
        ("integer ", "整数 "),
        ("floating point ", "浮点数 "),
        ("character ", "字符 "),
        ("string ", "字符串 "),
    ] {
        if let Some(v) = got.strip_prefix(en) {
            return format!("{zh}{v}{wide}");
        }
    }
    let zh = match got {
        "sequence" => "数组",
        "map" => "表",
        "byte array" => "字节数组",
        "unit value" => "空值",
        "Option value" => "可选值",
        "enum" | "unit variant" | "newtype variant" | "tuple variant" | "struct variant" => {
            "枚举值"
        }
        other => return format!("{other}{wide}"),
    };
    format!("{zh}{wide}")
}

/// What serde says it wanted (a type's `expecting`).
fn serde_expected(want: &str) -> String {
    let zh = match want {
        "a string" | "a borrowed string" => "字符串",
        "a boolean" => "布尔值（true 或 false）",
        "a sequence" => "数组",
        "a map" => "表",
        "u8" => "0 至 255 之间的整数",
        "u16" => "0 至 65535 之间的整数",
        "u32" => "0 至 4294967295 之间的整数",
        "u64" => "非负整数",
        "i64" | "i32" => "整数",
        "an integer or a quoted decimal such as \"0.4\"" => "整数或加引号的小数，如 \"0.4\"",
        "a list of integers or quoted decimals" => "由整数或加引号的小数组成的数组",
        w if w.starts_with("struct ") => "表",
        w if w.starts_with("enum ") => "枚举值",
        other => return other.to_string(),
    };
    zh.to_string()
}

/// The TOML parser's (and its date parser's) descriptions of what is wrong.
fn toml_description(what: &str) -> Option<&'static str> {
    Some(match what {
        "duplicate key" => "键重复",
        "unclosed table" => "表头未闭合",
        "unclosed array table" => "数组表头未闭合",
        "missing table open" => "表头缺少开头的 `[`",
        "invalid table" => "表头无效",
        "key with no value" => "键没有值",
        "missing value for key" => "键缺少值",
        "missing value" => "缺少值",
        "extra `=`" => "多余的 `=`",
        "string values must be quoted" => "字符串值必须加引号",
        "invalid string" => "字符串无效",
        "invalid basic string" => "基本字符串（双引号）无效",
        "invalid literal string" => "字面量字符串（单引号）无效",
        "invalid multi-line basic string" => "多行基本字符串无效",
        "invalid multi-line literal string" => "多行字面量字符串无效",
        "missing opening quote" => "缺少开头的引号",
        "missing escaped value" => "转义序列不完整",
        "too few unicode value digits" => "Unicode 转义的位数不足",
        "carriage return must be followed by newline" => "回车符之后必须是换行符",
        "invalid key" => "键无效",
        "invalid unquoted key" => "不加引号的键无效",
        "unquoted keys cannot be empty" => "不加引号的键不能为空",
        "keys cannot be multi-line basic strings" => "键不能是多行基本字符串",
        "keys cannot be multi-line literal strings" => "键不能是多行字面量字符串",
        "invalid key-value pair" => "键值对无效",
        "unexpected key or value" => "多余的键或值",
        "unexpected content" => "多余的内容",
        "unexpected content between comment and newline" => "注释与换行之间有多余内容",
        "invalid comment character" => "注释中有无效字符",
        "missing comment start" => "注释缺少开头的 `#`",
        "missing array opening" => "数组缺少开头的 `[`",
        "unclosed array" => "数组未闭合",
        "extra comma in array" => "数组中有多余的逗号",
        "unexpected `=` in array" => "数组中不应有 `=`",
        "missing comma between array elements" => "数组元素之间缺少逗号",
        "missing inline table opening" => "内联表缺少开头的 `{`",
        "unclosed inline table" => "内联表未闭合",
        "extra comma in inline table" => "内联表中有多余的逗号",
        "extra assignment between key-value pairs" => "键值对之间有多余的 `=`",
        "missing key for inline table element" => "内联表元素缺少键",
        "missing assignment between key-value pairs" => "键值对缺少 `=`",
        "missing comma between key-value pairs" => "键值对之间缺少逗号",
        "invalid inline table element" => "内联表元素无效",
        "invalid value" => "值无效",
        "invalid boolean" => "布尔值无效",
        "invalid integer number" => "整数无效",
        "invalid float" => "浮点数无效",
        "invalid mantissa" => "尾数无效",
        "invalid fraction" => "小数部分无效",
        "invalid exponent" => "指数无效",
        "invalid hexadecimal number" => "十六进制数无效",
        "invalid octal number" => "八进制数无效",
        "invalid binary number" => "二进制数无效",
        "unexpected leading zero" => "数字不能有前导零",
        "unexpected sign" => "此处不应有正负号",
        "redundant numeric sign" => "多余的正负号",
        "redundant integer number prefix" => "多余的整数前缀",
        "integers with a radix cannot be signed" => "带进制前缀的整数不能有正负号",
        "radix must be lowercase" => "进制前缀必须小写",
        "`_` may only go between digits" => "`_` 只能位于两个数字之间",
        "integer number overflowed" => "整数溢出",
        "floating-point number overflowed" => "浮点数溢出",
        "wanted string or table" => "应为字符串或表",
        "cannot recurse further; max recursion depth met" => "嵌套层数过多",
        "invalid date-time" | "invalid datetime" => "日期时间无效",
        "invalid date" => "日期无效",
        "invalid offset" => "时区偏移无效",
        "invalid time" => "时间无效",
        _ => return None,
    })
}

/// One thing the TOML parser (or its date parser) says it expected.
fn toml_expected(e: &str) -> Option<String> {
    if let Some(r) = e.strip_prefix("day between 01 and ") {
        return Some(format!("01 至 {r} 之间的日"));
    }
    // toml_datetime's other bounds, should a rule file write a time or an offset
    for (lead, unit) in [
        ("hour between ", "小时"),
        ("hours between ", "小时"),
        ("minute between ", "分钟"),
        ("minutes between ", "分钟"),
        ("second between ", "秒"),
    ] {
        if let Some((a, b)) = e.strip_prefix(lead).and_then(|r| r.split_once(" and ")) {
            return Some(format!("{a} 至 {b} 之间的{unit}数"));
        }
    }
    Some(
        match e {
            "key" => "键",
            "value" => "值",
            "newline" => "换行",
            "letters" => "字母",
            "numbers" | "digits" => "数字",
            "characters" => "字符",
            "printable characters" => "可打印字符",
            "basic string" => "基本字符串",
            "literal string" => "字面量字符串",
            "multi-line basic string" => "多行基本字符串",
            "unicode hexadecimal value" => "Unicode 十六进制值",
            "non-single-quote characters" => "单引号以外的字符",
            "non-single-quote visible characters" => "单引号以外的可见字符",
            "non-double-quote visible characters" => "双引号以外的可见字符",
            "year or hour" => "年份或小时",
            "month" => "月份",
            "day" => "日",
            "`-` (MM-DD)" => "`-`（MM-DD）",
            "`-` (YYYY-MM) or `:` (HH:MM)" => "`-`（YYYY-MM）或 `:`（HH:MM）",
            "`:` (HH:MM)" => "`:`（HH:MM）",
            "`T` between date and time" => "日期与时间之间的 `T`",
            "hour" => "小时",
            "minute" => "分钟",
            "second" => "秒",
            "nanosecond" => "纳秒",
            "a two-digit hour (HH)" => "两位数的小时（HH）",
            "a two-digit minute (MM)" => "两位数的分钟（MM）",
            "a two-digit second (SS)" => "两位数的秒（SS）",
            "+OFFSET" => "+偏移",
            "-OFFSET" => "-偏移",
            "a four-digit year (YYYY)" => "四位数的年份（YYYY）",
            "a two-digit month (MM)" => "两位数的月份（MM）",
            "a two-digit day (DD)" => "两位数的日（DD）",
            "month between 01 and 12" => "01 至 12 之间的月份",
            // a literal, as the parser quotes it: `]`, `=`
            _ if e.starts_with('`') && e.ends_with('`') => e,
            _ => return None,
        }
        .to_string(),
    )
}

/// A space before text that starts with a Latin letter, digit or quote mark, as Chinese text
/// sets it apart ("应为 u8", "此处应为 `]`"); none before Chinese.
fn spaced(s: &str) -> String {
    if s.starts_with(|c: char| c.is_ascii_graphic()) {
        format!(" {s}")
    } else {
        s.to_string()
    }
}

/// "a", "a或b", "a、b或c", with a space between 或 and a Latin neighbour ("换行或 `#`").
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let head = init.join("、");
            let gap = if head.ends_with(|c: char| c.is_ascii_graphic()) {
                " "
            } else {
                ""
            };
            format!("{head}{gap}或{}", spaced(last))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::schema::{RegionsFile, RuleFile};
    use super::super::RuleBase;
    use super::*;

    /// The parser's message for an embedded file with one edit, in both languages.
    fn message(name: &str, from: &str, to: &str) -> Text<'static> {
        let (_, text) = RuleBase::embedded_files()
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap();
        assert!(text.contains(from), "fixture text not found: {from}");
        let text = text.replacen(from, to, 1);
        let e = if name == "regions.toml" {
            toml::from_str::<RegionsFile>(&text)
                .map(|_| ())
                .unwrap_err()
        } else {
            toml::from_str::<RuleFile>(&text).map(|_| ()).unwrap_err()
        };
        toml_message(e.message().trim())
    }

    /// Each kind of message the parser and serde write, read from the libraries themselves (so an
    /// upgrade that rewords one fails here, not silently in Chinese reports): translated, with
    /// the names and values it quotes unchanged.
    #[test]
    fn parser_messages_read_in_chinese() {
        let band = "[rule.band]\nfloor = 1000";
        for (name, from, to, zh, en) in [
            (
                "anhui.toml",
                "victim_fault_reduces = true",
                "victim_fault_reduce = true",
                "未知字段 `victim_fault_reduce`；允许的字段：`victim_fault_reduces`、`victim_fault_article`、",
                "unknown field `victim_fault_reduce`, expected one of `victim_fault_reduces`, ",
            ),
            (
                "anhui.toml",
                "[rule.band]",
                "[rule.band.x]",
                "未知字段 `x`；允许的字段：`floor`、`cap`",
                "unknown field `x`, expected `floor` or `cap`",
            ),
            (
                "chongqing.toml",
                "status = \"unknown\"",
                "status = \"repealed\"",
                "值 `repealed` 无效；允许的值：`in-force`、`superseded`、",
                "unknown variant `repealed`",
            ),
            (
                "anhui.toml",
                "id = \"anhui.injury\"\n",
                "",
                "缺少字段 `id`",
                "missing field `id`",
            ),
            (
                "anhui.toml",
                "victim_fault_reduces = true",
                "victim_fault_reduces = \"yes\"",
                "类型不对：应为布尔值（true 或 false），实际为字符串 \"yes\"",
                "invalid type: string \"yes\", expected a boolean",
            ),
            (
                "anhui.toml",
                band,
                "[rule.band]\nfloor = [1]",
                "类型不对：应为整数或加引号的小数，如 \"0.4\"，实际为数组",
                "invalid type: sequence",
            ),
            (
                "national.toml",
                "grades = [",
                "grades = [-1, ",
                "值无效：应为 0 至 255 之间的整数，实际为整数 `-1`",
                "invalid value: integer `-1`, expected u8",
            ),
            (
                "beijing.toml",
                "multiple = 5\n",
                "multiple = 5.0\n",
                "未加引号的小数 5 会经二进制浮点数转换而失去精度；请写成字符串，如 \"5\"",
                "unquoted decimal 5 would pass through a binary float",
            ),
            (
                "anhui.toml",
                band,
                "[rule.band]\nfloor = \"1千\"",
                "\"1千\" 不是十进制数",
                "\"1千\" is not a decimal number",
            ),
            (
                "beijing.toml",
                "until = 2004-04-30",
                "until = \"2004-4-30\"",
                "\"2004-4-30\" 不是日期（应为 YYYY-MM-DD）",
                "\"2004-4-30\" is not a date (YYYY-MM-DD)",
            ),
            (
                "beijing.toml",
                "until = 2004-04-30",
                "until = 5",
                "应为日期，实际为整数 5",
                "expected a date, got integer 5",
            ),
            (
                "beijing.toml",
                "until = 2004-04-30",
                "until = true",
                "应为日期，实际为布尔值 true",
                "expected a date, got boolean true",
            ),
            (
                "beijing.toml",
                "until = 2004-04-30",
                "until = 2004-02-30",
                "日期无效，此处应为 01 至 29 之间的日",
                "invalid date, expected day between 01 and 29",
            ),
            (
                "anhui.toml",
                band,
                "[rule.band]\nfloor = 2004-13-01",
                "日期无效，此处应为 01 至 12 之间的月份",
                "invalid date, expected month between 01 and 12",
            ),
            (
                "beijing.toml",
                "until = 2004-04-30",
                "until = 2004-04-30T25:00:00",
                "时间无效，此处应为 00 至 23 之间的小时数",
                "invalid time, expected hour between 00 and 23",
            ),
            (
                "beijing.toml",
                "until = 2004-04-30",
                "until = 2004-04-30T",
                "时间无效，此处应为小时",
                "invalid time, expected hour",
            ),
            (
                "anhui.toml",
                band,
                "[rule.band]\nfloor = 1000\nfloor = 2",
                "键重复",
                "duplicate key",
            ),
            (
                "anhui.toml",
                band,
                "[rule.band\nfloor = 1000",
                "表头未闭合，此处应为 `]`",
                "unclosed table, expected `]`",
            ),
            (
                "anhui.toml",
                band,
                "[rule.band]]\nfloor = 1000",
                "多余的键或值，此处应为换行或 `#`",
                "unexpected key or value, expected newline, `#`",
            ),
            (
                "anhui.toml",
                band,
                "[rule.band]\n= 1000",
                "不加引号的键不能为空，此处应为字母、数字、`-` 或 `_`",
                "unquoted keys cannot be empty",
            ),
            (
                "anhui.toml",
                band,
                "[rule.band]\nfloor 1000",
                "键没有值，此处应为 `=`",
                "key with no value, expected `=`",
            ),
            (
                "anhui.toml",
                band,
                "[rule.band]\nfloor = 01000",
                "数字不能有前导零",
                "unexpected leading zero",
            ),
            (
                "anhui.toml",
                band,
                "[rule.band]\nfloor = 1e400",
                "浮点数溢出",
                "floating-point number overflowed",
            ),
            (
                "regions.toml",
                "[[region]]",
                "[[regio]]",
                "未知字段 `regio`；允许的字段：`region`",
                "unknown field `regio`, expected `region`",
            ),
        ] {
            let m = message(name, from, to);
            assert!(m.zh.contains(zh), "{to:?}: {m:?}");
            assert!(m.en.contains(en), "{to:?}: {m:?}");
        }
    }

    #[test]
    fn an_unknown_message_keeps_its_english_after_a_chinese_lead() {
        let m = toml_message("something new, expected a surprise");
        assert_eq!(m.zh, "TOML 解析错误：something new, expected a surprise");
        assert_eq!(m.en, "something new, expected a surprise");
        // a known frame around a type the table does not name keeps the type's own words
        let m = toml_message("invalid type: unit value, expected struct Band");
        assert_eq!(m.zh, "类型不对：应为表，实际为空值");
        let m = toml_message("invalid type: integer `5`, expected a widget");
        assert_eq!(m.zh, "类型不对：应为 a widget，实际为整数 `5`");
    }
}
