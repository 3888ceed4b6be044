//! The criminal classification of a personal-information case: 刑法 第253条之一 with
//! 法释〔2017〕10号 第五条. Only the item-count and illegal-gain grounds (¶1 items 3–8, ¶2 item 3)
//! are modelled; the other grounds (use for a crime, prior penalties, death or serious injury)
//! depend on facts the case format does not carry, and the report says so.

use crate::case::Case;
use crate::date::Date;
use crate::estimate::Criminal;
use crate::i18n::{article_en, Text};
use crate::money::{cmp_decimal_scaled, plain, push_plain, Decimal};
use crate::rules::schema::{CriminalInfo, RuleFile};
use crate::rules::RuleBase;
use std::cmp::Ordering::{Greater, Less};

/// Makes the citations of the classification, the statute's article followed by the
/// interpretation's: the same for every case, so made once, when the rule base loads.
pub(crate) fn make_citations(file: &mut RuleFile) {
    let Some(ci) = &file.criminal_info else {
        return;
    };
    let (statute, statute_en) = file
        .source(&ci.statute_source)
        .map(|s| {
            (
                format!("{}{}", s.title, ci.statute_article),
                format!("{} {}", s.title_en, article_en(&ci.statute_article)),
            )
        })
        .unwrap_or_default();
    // the interpretation by its number (or title), followed by an article
    let (interp, interp_en) = file
        .source(&ci.source)
        .map(|s| match &s.number {
            Some(n) => (n.clone(), n.clone()),
            None => (s.title.clone(), s.title_en.clone()),
        })
        .unwrap_or_default();
    let cite = |article: &str| -> Text<'static> {
        Text::new(
            format!("{statute}；{interp}{article}"),
            format!("{statute_en}; {interp_en} {}", article_en(article)),
        )
    };
    let none = cite(&ci.article);
    let tiers: Vec<Text<'static>> = ci.tiers.iter().map(|t| cite(&t.article)).collect();
    let ci = file.criminal_info.as_mut().expect("checked above");
    ci.citation = none;
    for (t, c) in ci.tiers.iter_mut().zip(tiers) {
        t.citation = c;
    }
    // and each tier's thresholds, for an outsider and for an insider
    for t in &mut ci.tiers {
        for (i, div) in [Decimal::ONE, ci.insider_divisor].into_iter().enumerate() {
            // validated: the divisor is above 0 and every product fits a Decimal
            let k = t.multiplier / div;
            t.thresholds[i] = [
                ci.sensitive * k,
                ci.important * k,
                ci.other * k,
                ci.gain * k,
            ];
        }
    }
}

pub(crate) fn classify<'r>(rb: &'r RuleBase, case: &Case, date: Date) -> Option<Criminal<'r>> {
    let nat = rb.national();
    let ci = nat.criminal_info.as_ref()?;
    // the thresholds are the interpretation's: a case dated before it took effect gets none
    if nat
        .source(&ci.source)
        .and_then(|s| s.effective)
        .is_some_and(|e| date < e)
    {
        return None;
    }
    let items = case.info_items.unwrap_or_default();
    let gain = case.gain.unwrap_or_default();
    // a tier's reasons: at most three counts (or their proportions), the gain, the insider's
    // halving and the file's notes. The list is made with room for them all at its first reason
    // (growing it from empty was a reallocation or two for most personal-information cases), and
    // a tier with no reason makes none.
    let room = 5 + ci.notes_zh.len();
    let push = |reasons: &mut Vec<Text<'r>>, t: Text<'r>| {
        if reasons.capacity() == 0 {
            reasons.reserve_exact(room);
        }
        reasons.push(t);
    };
    for tier in ci.tiers.iter().rev() {
        // (worked out when the rules loaded)
        let [sensitive, important, other, gt] = tier.thresholds[usize::from(case.insider)];
        let thresholds = [
            (
                "sensitive",
                "行踪轨迹、通信内容、征信、财产信息",
                items.sensitive,
                sensitive,
            ),
            (
                "important",
                "住宿、通信记录、健康生理、交易信息",
                items.important,
                important,
            ),
            ("other", "其他个人信息", items.other, other),
        ];
        let mut reasons = Vec::new();
        for (key, zh, n, t) in thresholds {
            // (n > 0 and n ≥ t, compared on the mantissas: each case compares every count
            // with every threshold)
            if cmp_decimal_scaled(&n, &Decimal::ZERO) == Greater
                && cmp_decimal_scaled(&n, &t) != Less
            {
                // (push_plain rather than format!: most personal-information cases have
                // a reason or two)
                let mut r_zh = String::with_capacity(zh.len() + 32);
                r_zh.push_str(zh);
                r_zh.push(' ');
                push_plain(&mut r_zh, n);
                r_zh.push_str(" 条 ≥ ");
                push_plain(&mut r_zh, t);
                r_zh.push_str(" 条");
                let mut r_en = String::with_capacity(key.len() + 32);
                r_en.push_str(key);
                r_en.push_str(" items ");
                push_plain(&mut r_en, n);
                r_en.push_str(" ≥ ");
                push_plain(&mut r_en, t);
                push(&mut reasons, Text::new(r_zh, r_en));
            }
        }
        // the categories in proportion, added up: wanted only when none reached its threshold
        // alone (a division for each category given)
        if reasons.is_empty() {
            let mut ratio = Decimal::ZERO;
            for (_, _, n, t) in thresholds {
                if n > Decimal::ZERO {
                    ratio += n / t;
                }
            }
            if ratio >= Decimal::ONE {
                push(
                    &mut reasons,
                    Text::new(
                        format!(
                            "各类信息数量按比例合计达到标准（合计 {}）",
                            plain(ratio.round_dp(3))
                        ),
                        format!(
                            "the categories added up in proportion reach the threshold (sum {})",
                            plain(ratio.round_dp(3))
                        ),
                    ),
                );
            }
        }
        if cmp_decimal_scaled(&gain, &gt) != Less
            && cmp_decimal_scaled(&gain, &Decimal::ZERO) == Greater
        {
            let mut r_zh = String::with_capacity(48);
            r_zh.push_str("违法所得 ");
            push_plain(&mut r_zh, gain);
            r_zh.push_str(" 元 ≥ ");
            push_plain(&mut r_zh, gt);
            r_zh.push_str(" 元");
            let mut r_en = String::with_capacity(40);
            r_en.push_str("illegal gain ");
            push_plain(&mut r_en, gain);
            r_en.push_str(" ≥ ");
            push_plain(&mut r_en, gt);
            r_en.push_str(" yuan");
            push(&mut reasons, Text::new(r_zh, r_en));
        }
        if !reasons.is_empty() {
            if case.insider {
                reasons.push(Text::new(
                    "履行职责或者提供服务中获得的信息：标准减半",
                    "information obtained in the course of duties or services: thresholds halved",
                ));
            }
            // what the comparison does and does not cover, as below the thresholds
            reasons.extend(notes(ci));
            return Some(Criminal {
                tier: std::borrow::Cow::Borrowed(&tier.name),
                label: Text::new(&tier.label_zh, &tier.label_en),
                sentence: Some(Text::new(&tier.sentence_zh, &tier.sentence_en)),
                citation: tier.citation.borrow(),
                reasons,
            });
        }
    }
    Some(Criminal {
        tier: "none".into(),
        label: Text::new(
            "未达到“情节严重”的数量或金额标准",
            "below the thresholds for serious circumstances (情节严重)",
        ),
        sentence: None,
        citation: ci.citation.borrow(),
        // what the classification does and does not cover
        reasons: notes(ci).collect(),
    })
}

/// The rule file's notes on what the criminal comparison covers, in both languages.
fn notes(ci: &CriminalInfo) -> impl Iterator<Item = Text<'_>> {
    ci.notes_zh
        .iter()
        .zip(&ci.notes_en)
        .map(|(z, e)| Text::new(z, e))
}
