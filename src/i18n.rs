//! The report's two languages. Every user-visible sentence exists in Chinese and English.

use serde::Serialize;
use std::borrow::Cow;

/// The language of a report and of its error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A sentence in both languages. It borrows what it can from the rule base (a citation's title,
/// a rule's article) and owns what it builds: an estimate of one case copies none of the rule
/// base's text, which is most of a batch record's bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text<'a> {
    pub zh: Cow<'a, str>,
    pub en: Cow<'a, str>,
}

impl<'a> Text<'a> {
    pub fn new(zh: impl Into<Cow<'a, str>>, en: impl Into<Cow<'a, str>>) -> Text<'a> {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The same text in both languages (arithmetic, identifiers).
    pub fn same(s: impl Into<Cow<'a, str>>) -> Text<'a> {
        let s = s.into();
        Text {
            zh: s.clone(),
            en: s,
        }
    }

    /// The same text, borrowed from this one: no copy.
    pub fn borrow(&self) -> Text<'_> {
        Text {
            zh: Cow::Borrowed(&self.zh),
            en: Cow::Borrowed(&self.en),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl Text<'static> {
    /// An article reference: as written in Chinese, and in English as [`article_en`] reads it.
    pub fn article(zh: &str) -> Text<'static> {
        Text {
            zh: Cow::Owned(zh.to_string()),
            en: Cow::Owned(article_en(zh).into_owned()),
        }
    }
}

/// An article reference as written in Chinese (`第一千一百八十三条第一款`, `第五条第一款第（三）至（八）项`,
/// `第85条`, `第27项`, `三、2`) in English (`Art. 1183 ¶1`, `Art. 5 ¶1 items (3)–(8)`,
/// `Art. 85`, `item 27`, `III.2`). Anything it does not fully recognise is returned unchanged: a
/// citation is never guessed.
pub fn article_en(zh: &str) -> Cow<'_, str> {
    let fixed = match zh {
        "（未注明条文）" => Some("(article not stated)"),
        "（实务估计）" => Some("(practice estimate)"),
        "数额条款（条号未核实）" => {
            Some("the amount clause (article number not verified)")
        }
        _ => None,
    };
    if let Some(f) = fixed {
        return Cow::Borrowed(f);
    }
    outline_en(zh)
        .or_else(|| {
            let parts: Option<Vec<String>> = zh.split('、').map(reference_en).collect();
            parts.map(|p| p.join(", "))
        })
        .map_or(Cow::Borrowed(zh), Cow::Owned)
}

/// `三、2` / `三、3–8` / `三、3、5–8` (a section numbered in Chinese, items in digits) as `III.2` /
/// `III.3–8` / `III.3, 5–8`.
fn outline_en(zh: &str) -> Option<String> {
    let (section, item) = zh.split_once('、')?;
    let n = chinese_number(section)?;
    let item_ok = !item.is_empty()
        && item.starts_with(|c: char| c.is_ascii_digit())
        && !item.ends_with('、')
        && item
            .chars()
            .all(|c| c.is_ascii_digit() || c == '–' || c == '-' || c == '、');
    (item_ok && (1..40).contains(&n)).then(|| format!("{}.{}", roman(n), item.replace('、', ", ")))
}

/// One reference: `第X条[之Y][第X款][第（X）[至（Y）]项|第X项]`.
fn reference_en(zh: &str) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = zh;
    // 条, then 款, then 项, each at most once and in that order
    let mut stage = 0;
    let mut next_stage = |unit: u8| {
        let ok = unit > stage;
        stage = unit;
        ok
    };
    while !rest.is_empty() {
        rest = rest.strip_prefix('第')?;
        if let Some(r) = rest.strip_prefix('（') {
            // a numbered item in parentheses, or a range of them: 第（三）至（八）项
            if !next_stage(3) {
                return None;
            }
            let (a, r) = r.split_once('）')?;
            let a = chinese_number(a)?;
            if let Some(r) = r.strip_prefix("至（") {
                let (b, r) = r.split_once('）')?;
                let b = chinese_number(b)?;
                rest = r.strip_prefix('项')?;
                out.push(format!("items ({a})–({b})"));
            } else {
                rest = r.strip_prefix('项')?;
                out.push(format!("item ({a})"));
            }
            continue;
        }
        let end = rest.find(['条', '款', '项'])?;
        let n = number(&rest[..end])?;
        let unit = rest[end..].chars().next()?;
        rest = &rest[end + unit.len_utf8()..];
        if !next_stage(match unit {
            '条' => 1,
            '款' => 2,
            _ => 3,
        }) {
            return None;
        }
        match unit {
            '条' => {
                let mut art = format!("Art. {n}");
                if let Some(r) = rest.strip_prefix('之') {
                    let end = r.find('第').unwrap_or(r.len());
                    art += &format!("-{}", chinese_number(&r[..end])?);
                    rest = &r[end..];
                }
                out.push(art);
            }
            '款' => out.push(format!("¶{n}")),
            _ => out.push(format!("item {n}")),
        }
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// A number in Arabic digits or in Chinese numerals.
fn number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        s.parse().ok().filter(|&n| n > 0)
    } else {
        chinese_number(s)
    }
}

/// A Chinese numeral below ten thousand, written as statutes write it: 一千一百八十三, 二十五,
/// 十一, 一千零五, 一百零八. Anything else (一百八, 十十, 一千二千, 二十零) is not read.
fn chinese_number(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    // the last unit written (10 000 before any), and whether a 零 stands for skipped units
    let mut last = 10_000u32;
    let mut zero = false;
    for c in s.chars() {
        if let Some(d) = "零一二三四五六七八九".chars().position(|x| x == c) {
            let d = d as u32;
            if digit.is_some() || (d == 0 && (zero || total == 0)) {
                return None;
            }
            if d == 0 {
                zero = true;
            } else {
                digit = Some(d);
            }
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        // units fall strictly; a 零 must stand for at least one skipped unit
        if unit >= last || (zero && unit * 10 >= last) {
            return None;
        }
        // 十 at the start (十一 = 11) means one ten; every other unit needs its digit
        let d = match digit.take() {
            Some(d) => d,
            None if unit == 10 && total == 0 && !zero => 1,
            None => return None,
        };
        total += d * unit;
        last = unit;
        zero = false;
    }
    match digit {
        // a last digit is the ones: after 十, after a 零, or alone
        Some(d) if last == 10 || zero || last == 10_000 => total += d,
        Some(_) => return None,
        None if zero => return None,
        None => {}
    }
    (total > 0).then_some(total)
}

fn roman(mut n: u32) -> String {
    let mut s = String::new();
    for (v, r) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Levenshtein distance, by chars.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate nearest to `input`, if it is near enough to be a plausible typo.
pub fn suggest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    // no plausible typo is this long; and the distance is quadratic
    if input.chars().count() > 64 {
        return None;
    }
    let lower = input.to_lowercase();
    let limit = (lower.chars().count() / 3).clamp(1, 4);
    candidates
        .into_iter()
        .map(|c| (distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        // the nearest; among equally near ones the first in alphabetical order, so the answer
        // does not depend on the order the candidates come in (a hash map's, say)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names() {
        assert_eq!(
            suggest("sichaun", ["sichuan", "shanxi", "shaanxi"]).as_deref(),
            Some("sichuan")
        );
        assert_eq!(
            suggest("disabilty_grade", ["disability_grade", "date"]).as_deref(),
            Some("disability_grade")
        );
        assert_eq!(suggest("zzzzzz", ["sichuan"]), None);
        assert_eq!(suggest(&"s".repeat(10_000_000), ["sichuan"]), None);
        // a tie is settled the same way whatever order the candidates come in
        let names = ["ningxia", "guangxi", "jiangxi", "shanxi", "xizang"];
        let mut rev = names;
        rev.reverse();
        assert_eq!(suggest("xx", names), suggest("xx", rev));
    }

    #[test]
    fn articles_read_in_english() {
        for (zh, en) in [
            ("第一千一百八十三条第一款", "Art. 1183 ¶1"),
            ("第一千一百八十三条第二款", "Art. 1183 ¶2"),
            ("第九百九十八条", "Art. 998"),
            ("第五条", "Art. 5"),
            ("第十条", "Art. 10"),
            ("第三十五条", "Art. 35"),
            ("第五十条第（十一）项", "Art. 50 item (11)"),
            ("第五条第一款第（三）至（八）项", "Art. 5 ¶1 items (3)–(8)"),
            ("第五条第二款第（三）项", "Art. 5 ¶2 item (3)"),
            ("第八条、第十条", "Art. 8, Art. 10"),
            ("第二百五十三条之一", "Art. 253-1"),
            ("第一千零五条", "Art. 1005"),
            ("第一百零八条", "Art. 108"),
            ("第十一条", "Art. 11"),
            ("第一百一十条", "Art. 110"),
            ("第二款", "¶2"),
            ("第85条", "Art. 85"),
            ("第27项", "item 27"),
            ("三、2", "III.2"),
            ("三、3–8", "III.3–8"),
            ("三、3、5–8", "III.3, 5–8"),
            ("四、14", "IV.14"),
            ("（实务估计）", "(practice estimate)"),
        ] {
            assert_eq!(article_en(zh), en, "{zh}");
        }
        // what it cannot read fully stays as written
        for zh in [
            "第五章",
            "第条",
            "第（三项",
            "本工具的取整规则",
            "the tool's model",
            "三、",
            "第五条附",
            "第五五条",
            "第百条",
        ] {
            assert_eq!(article_en(zh), zh, "{zh}");
        }
    }
}
