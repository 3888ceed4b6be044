//! The pure calculator: a case and a rule base in, an estimate out. No I/O, no clock.
//!
//! How a rule is chosen (first match wins; within a file, rules are tried in file order):
//! 1. national rules marked `everywhere` (refusals the law makes in every province);
//! 2. the province's own rules for the case's harm and context;
//! 3. the national rules for that harm and context;
//! 4. for a traffic or medical-accident case, the province's civil rules, then the national civil
//!    rules (a rule written for the context is more specific than a provincial civil rule, so
//!    step 3 comes before step 4);
//! 5. otherwise the cross-province reference: the range the provincial standards for that harm
//!    span, labelled plainly as not a local rule.
//!
//! A rule applies on the case's date (or the date the caller passes as today) when that date
//! lies within its `from`/`until`.

mod criminal;
mod kinds;
pub(crate) use kinds::band_text;
pub mod model;

use crate::case::{Case, Context, Harm};
use crate::date::Date;
use crate::error::{CaseError, Problem};
use crate::estimate::{Amount, BandOut, Basis, Citation, Estimate, Note, Step, StepBody, TierOut};
use crate::i18n::Text;
use crate::money::{
    cmp_decimal_scaled, max_decimal, min_decimal, plain, push_plain, round_to, round_yuan,
    whole_yuan, Decimal, Direction,
};
use crate::rules::schema::{NoteShare, NoteSource, RegionNotes, Rule, RuleFile, Source, UnitTexts};
use crate::rules::RuleBase;
use model::Evaluated;
use std::borrow::Cow;
use std::cmp::Ordering;

/// The figures one rule yields, before rounding.
#[derive(Debug, Clone)]
pub(crate) struct Figures<'r> {
    pub low: Decimal,
    pub point: Decimal,
    pub high: Option<Decimal>,
    pub floor: Decimal,
    pub cap: Option<Decimal>,
    pub steps: Vec<Step<'r>>,
    pub notes: Vec<Text<'r>>,
    pub tier: Option<TierOut<'r>>,
    pub used_model: bool,
    /// amounts in multiples of this unit (else whole yuan)
    pub unit: Option<Decimal>,
    /// the article that sets the unit, when narrower than the rule's (the rounding step cites it)
    pub unit_citation: Option<Text<'r>>,
    /// the texts naming `unit`, written when the rules loaded
    pub unit_texts: Option<&'r UnitTexts>,
    /// extra citations (cross-province reference): each province's file and the rule used
    pub cites: Vec<(&'r RuleFile, &'r Rule)>,
    /// the rules the cross-province reference left out, and why: the first of the estimate's
    /// notes
    pub left_out: Vec<(&'r str, CaseError)>,
}

/// Everything a rule computation may read. `Copy`: a cross-province reference runs every
/// province's rule with a quiet copy.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'r, 'a> {
    pub rb: &'r RuleBase,
    pub case: &'a Case,
    pub harm: Harm,
    pub date: Date,
    pub severity: Option<&'a str>,
    pub model: &'a Evaluated<'r>,
    /// figures only, no steps or notes: the provincial figures a cross-province reference
    /// spans are computed for their numbers alone
    pub quiet: bool,
}

/// Estimates one case. `today` is the date used when the case gives none.
pub fn estimate<'r>(rb: &'r RuleBase, case: &Case, today: Date) -> Result<Estimate<'r>, CaseError> {
    estimate_with(rb, case, today, &mut EstimateLists::default())
}

/// The lists an estimate is made in — its notes, its citations, its model's factors — kept
/// emptied by a batch worker from one record to the next ([`EstimateLists::recycle`] once a record
/// is written), so that [`estimate_with`] seldom allocates them: each was an allocation for
/// every case.
#[derive(Debug, Default)]
pub struct EstimateLists<'r> {
    notes: Vec<Note<'r>>,
    citations: Vec<Citation<'r>>,
    factors: Vec<crate::estimate::FactorOut<'r>>,
}

impl<'r> EstimateLists<'r> {
    /// Takes back the lists of an estimate written and no longer needed (it is left without
    /// them), emptied, for the next to be made in.
    pub fn recycle(&mut self, e: &mut Estimate<'r>) {
        fn keep<T>(spare: &mut Vec<T>, mut v: Vec<T>) {
            v.clear();
            if v.capacity() > spare.capacity() {
                *spare = v;
            }
        }
        keep(&mut self.notes, std::mem::take(&mut e.notes));
        keep(&mut self.citations, std::mem::take(&mut e.citations));
        if let Some(m) = &mut e.model {
            keep(&mut self.factors, std::mem::take(&mut m.factors));
        }
    }

    /// An emptied list of these with room for `n`, or a new one.
    fn take<T>(spare: &mut Vec<T>, n: usize) -> Vec<T> {
        let mut v = std::mem::take(spare);
        v.reserve(n);
        v
    }
}

/// [`estimate`], its lists made in `lists`' where it has them.
pub fn estimate_with<'r>(
    rb: &'r RuleBase,
    case: &Case,
    today: Date,
    lists: &mut EstimateLists<'r>,
) -> Result<Estimate<'r>, CaseError> {
    let place = rb.place(&case.province).ok_or_else(|| {
        if let Some(o) = rb.outside(&case.province) {
            return CaseError::new(
                "province",
                format!("{:?}", case.province),
                Problem::Conflict {
                    detail: RuleBase::not_covered(o),
                },
            );
        }
        let allowed: Vec<String> = rb.regions().iter().map(|r| r.id.clone()).collect();
        CaseError::new(
            "province",
            format!("{:?}", case.province),
            Problem::UnknownValue {
                suggestion: rb.suggest_place(&case.province),
                allowed,
                chinese: Box::default(),
            },
        )
    })?;
    let harm = case.harm()?;
    let date = case.date.unwrap_or(today);
    let given = resolve_severity(rb, place.file, case)?;
    // a case that names no severity may have one the law attaches to its facts
    let mut implied = match given {
        Some(_) => None,
        None => implied_severity(rb, place.file, case, harm, date),
    };
    let model = model::evaluate_into(rb.model(), case, harm, std::mem::take(&mut lists.factors))?;
    let mut cx = Ctx {
        rb,
        case,
        harm,
        date,
        severity: given.or_else(|| implied.map(|(_, s)| s.severity.as_str())),
        model: &model,
        quiet: false,
    };
    let region_id: &'r str = &place.region.id;
    let none = (None, None, Basis::CrossProvince);
    let mut selected = select(&cx, place.file, case.context).unwrap_or(none);
    // the severity a file's provision attaches to the facts is for that file's rules only
    if let Some((owner, _)) = implied {
        if !selected.0.is_some_and(|f| std::ptr::eq(f, owner)) {
            implied = None;
            cx.severity = None;
            selected = select(&cx, place.file, case.context).unwrap_or(none);
        }
    }
    let (file, rule, basis) = selected;

    // The estimate's notes are made in one list, allocated once the figures say how many they
    // bring (theirs come first): the few notes made before then are held here until it is.
    // (Three lists — the estimate's own notes, the figures' and its own, then the notes with the
    // left-out rules first — were three allocations for every case.)
    let (mut date_note, mut implied_note, mut reason_note) = (None, None, None);
    // (the citations are gathered once the figures say how many there can be: the first two are
    // held until then)
    let mut implied_citation = None;
    // a date after today is most likely a typo (2205 for 2025); estimated all the same
    if let Some(d) = case.date.filter(|d| *d > today) {
        date_note = Some(Text::new(
            format!("案件日期 {d} 晚于今天（{today}），请核对是否有误；所用规则及其状态是今天所知的，此后的变化本工具无从得知。"),
            format!("The case's date, {d}, is after today ({today}): check it is not a typo; the rules and their status are those known today, and the tool cannot know of later changes."),
        ));
    }
    if let Some((owner, s)) = implied {
        let has_days = has_days(&s.note_zh, &s.note_en);
        implied_note = Some(with_days(&s.note_zh, &s.note_en, has_days, case));
        implied_citation = cite_source(owner, &s.source, &s.article);
    }
    let mut rule_citation = None;
    let mut rule_status = None;
    let (figures, basis, rule_id) = match (file, rule) {
        (Some(f), Some(r)) if r.reference.is_none() => {
            let fig = kinds::compute(&cx, r)?;
            let basis = if r.refuse.is_some() {
                Basis::Refusal
            } else {
                basis
            };
            let c = cite(f, r);
            rule_status = Some(c.status);
            rule_citation = Some(c);
            (fig, basis, r.id.as_str())
        }
        (f, r) => {
            if let (Some(f), Some(r)) = (f, r) {
                let why = r.reference.as_ref().expect("reference rule");
                reason_note = Some(Text::new(&why.reason_zh, &why.reason_en));
                rule_citation = Some(cite(f, r));
            }
            let fig = kinds::cross_province(&cx, place.file)?;
            let id = r.map_or("cross-province", |r| r.id.as_str());
            (fig, Basis::CrossProvince, id)
        }
    };
    // the rules the cross-province reference left out come first (each is another rule: a rule
    // id is the rule base's only one of that name, so none repeats another), then the figures'
    // notes, then the estimate's own; sized for most records (up to 8 notes of its own besides
    // the three above): growing it was a reallocation or two for every case
    let mut figures = figures;
    let left_out = std::mem::take(&mut figures.left_out);
    let figure_notes = std::mem::take(&mut figures.notes);
    let mut notes = Notes(EstimateLists::take(
        &mut lists.notes,
        left_out.len() + figure_notes.len() + 3 + 8,
    ));
    notes
        .0
        .extend(left_out.into_iter().map(|(rule, e)| Note::LeftOut {
            rule,
            error: Box::new(e),
        }));
    // where the written notes begin, among which repeats are dropped
    let written_from = notes.0.len();
    notes.0.extend(
        figure_notes
            .into_iter()
            .chain(date_note)
            .chain(implied_note)
            .chain(reason_note)
            .map(Note::Written),
    );
    // the place had a standard for this case, but not on the case's date: say which and why. Only
    // when no rule of its own answered (a rule that did answer is the one in force), and for the
    // national rules only when nothing national answered either.
    // (a refusal answers locally when the place's own rule refuses, not the national rules')
    let refused_nationally =
        basis == Basis::Refusal && file.is_some_and(|f| std::ptr::eq(f, rb.national()));
    let answered_locally = matches!(basis, Basis::Local | Basis::LocalCivil)
        || (basis == Basis::Refusal && !refused_nationally);
    fn out_of_date_in(f: &RuleFile, harm: Harm, context: Context, date: Date) -> Option<&Rule> {
        f.rules_for_case(harm, context)
            .find(|r| r.refuse.is_none() && !in_force(r.from, r.until, date))
    }
    let out_of_date = |f| out_of_date_in(f, harm, case.context, date);
    let own = place
        .file
        .filter(|f| !answered_locally && !std::ptr::eq(*f, rb.national()))
        .and_then(&out_of_date)
        .map(|r| (place.region, r));
    // the national rules, when nothing answered at all (a 2013 state-compensation case anywhere)
    let lapsed = own.or_else(|| {
        let nat = rb.region(crate::rules::NATIONAL)?;
        (basis == Basis::CrossProvince)
            .then(|| out_of_date(rb.national()))
            .flatten()
            .map(|r| (nat, r))
    });
    if let Some((region, r)) = lapsed {
        let national = basis == Basis::National || refused_nationally;
        // (each text written straight into its one String, the dates too: the dates' Strings,
        // the middle of each text and then the whole were six allocations for the note)
        use std::fmt::Write as _;
        // the rule's own reason, when it gives one
        let (why_zh, why_en) = (r.status_note_zh.as_deref(), r.status_note_en.as_deref());
        let mut zh = String::with_capacity(
            160 + region.name_zh.len() + r.id.len() + why_zh.map_or(0, str::len),
        );
        let mut en = String::with_capacity(
            200 + region.name_en.len() + r.id.len() + why_en.map_or(0, str::len),
        );
        zh.push_str(&region.name_zh);
        zh.push_str("的此类标准（规则 ");
        zh.push_str(&r.id);
        zh.push('）');
        en.push_str(&region.name_en);
        en.push_str("'s standard for this case (rule ");
        en.push_str(&r.id);
        en.push_str(") ");
        // (writing a date into a String cannot fail)
        match r.until.filter(|u| *u < date) {
            Some(until) => {
                let _ = write!(
                    zh,
                    "只适用于 {until} 及以前；本案适用日期 {date} 在其后，故不再适用"
                );
                let _ = write!(en, "applies only up to {until}; the case's date, {date}, is later, so it no longer applies");
            }
            None => {
                let from = r.from.expect("not in force, not ended: not yet begun");
                let _ = write!(
                    zh,
                    "自 {from} 起才适用；本案适用日期 {date} 在其前，故不适用"
                );
                let _ = write!(en, "applies only from {from}; the case's date, {date}, is earlier, so it does not apply");
            }
        }
        if let Some(why) = why_zh {
            zh.push('（');
            zh.push_str(why);
            zh.push('）');
        }
        if let Some(why) = why_en {
            en.push_str(" (");
            en.push_str(why);
            en.push(')');
        }
        zh.push_str(if national {
            "，适用全国性规定。"
        } else {
            "。"
        });
        en.push_str(if national {
            " and the national rules apply."
        } else {
            "."
        });
        notes.push(Text::new(zh, en));
    }
    // (a region's name and fixed text, joined with concat: one of these notes is in most records,
    // and format! of a single name cost several times as much)
    let (name_zh, name_en) = (place.region.name_zh.as_str(), place.region.name_en.as_str());
    match basis {
        Basis::National if lapsed.is_some() => {}
        Basis::National if region_id != crate::rules::NATIONAL => {
            notes.push(place.region.notes.no_standard.borrow())
        }
        Basis::LocalCivil => notes.push(Text::new(
            [name_zh, "没有专门适用于", context_zh(case.context), "的标准，适用其民事侵权标准。"].concat(),
            [name_en, " has no standard for ", context_words_en(case.context), " cases; its civil standard applies."].concat(),
        )),
        Basis::CrossProvince if region_id == crate::rules::NATIONAL => notes.push(Text::new(
            "全国性规定未就此给出数额。本估算的幅度为各省参考标准在同一事实上所覆盖的范围（跨省参考，并非本地规则）。",
            "The national rules give no figure for this case. The band of this estimate is what the provincial reference standards span on the same facts (a cross-province reference, not a local rule).",
        )),
        Basis::CrossProvince => {
            // the place has a rule for this case, but only for severities the case does not name
            // (Shaanxi's four levels): say so, rather than that it gives no figure
            let by_severity = place.file.and_then(|f| {
                f.rules_for_case(harm, case.context)
                    .filter(|r| {
                        r.refuse.is_none()
                            && in_force(r.from, r.until, date)
                            && !matches(&cx, r, case.context)
                    })
                    .find_map(|r| Some((r, r.when.as_ref()?.severity.as_ref()?)))
            });
            let (span_zh, span_en) = (SPAN_ZH, SPAN_EN);
            notes.push(match by_severity {
                Some((r, wanted)) => {
                    let given_zh = cx.severity.map_or("本案未指明严重程度".to_string(), |s| format!("本案指明的是 {s}"));
                    let given_en = cx.severity.map_or("the case names none".to_string(), |s| format!("the case names {s}"));
                    Text::new(
                        format!("{name_zh}的规定（规则 {}）只适用于严重程度为 {} 的案件，{given_zh}，故未适用（可用 --severity 指明）；全国性规定亦未就此给出数额。{span_zh}", r.id, wanted.join("、")),
                        format!("{name_en}'s rule ({}) applies only to the severities {}, and {given_en}, so it was not used (name one with --severity); the national rules give no figure either. {span_en}", r.id, wanted.join(", ")),
                    )
                }
                None => place.region.notes.no_figure.borrow(),
            });
        }
        _ => {}
    }
    // room for every citation this record can have, allocated once (a citation is a large struct,
    // and growing the list was a reallocation for every cross-province case): the two held above,
    // each province's rule, the six factors' article, and a context note's source for each note
    // of the case's context
    let nat = rb.national();
    let own_notes = place.file.filter(|f| !std::ptr::eq(*f, nat));
    let mut citations = EstimateLists::take(
        &mut lists.citations,
        3 + figures.cites.len()
            + nat.notes_for(case.context).len()
            + own_notes.map_or(0, |f| f.notes_for(case.context).len()),
    );
    citations.extend(implied_citation);
    citations.extend(rule_citation);
    // (extended rather than pushed one by one: each is written where it goes)
    citations.extend(figures.cites.iter().map(|&(f, r)| cite(f, r)));
    if figures.used_model {
        if let Some(b) = nat.factor_basis.iter().find(|b| {
            in_force(b.from, b.until, date)
                && (b.contexts.is_empty() || b.contexts.contains(&case.context))
        }) {
            if let Some(s) = nat.sources.get(b.source_index) {
                citations.push(citation(s, &b.article));
            }
        }
    }
    // the amounts as shown, for the notes that compare a provision's figure with them
    let amount = round_amount(&figures);
    // the source numbers cited so far (see `key_bit`): a note's citation is compared with the
    // others only when its source's number is among them; and whether any came twice, without
    // which there is no repeat for `dedup` to drop (a note's citation is added only when it is
    // not one)
    let mut cited = 0;
    let mut repeats = false;
    for c in &citations {
        let bit = key_bit(c);
        repeats |= cited & bit != 0;
        cited |= bit;
    }
    // whether a note works a figure out of base_compensation (Guangdong's 35%)
    let mut base_read = false;
    // whether a note was given for the case's injury degree (state compensation's 轻微伤 note)
    let mut degree_noted = false;
    for (file, n) in nat.notes_for(case.context).map(|n| (nat, n)).chain(
        own_notes
            .into_iter()
            .flat_map(|f| f.notes_for(case.context).map(move |n| (f, n))),
    ) {
        if (n.harms.is_empty() || n.harms.contains(&harm))
            && in_force(n.from, n.until, date)
            && n.max_detention_days
                .is_none_or(|max| case.detention_days.is_some_and(|d| d <= max))
            && (n.injury_degrees.is_empty()
                || case
                    .injury_degree
                    .is_some_and(|d| n.injury_degrees.contains(&d)))
            && (n.rules.is_empty() || n.rules.iter().any(|x| x == rule_id))
        {
            // the source as national.toml declares it where it does, else as the note's file does
            let s = match n.cited {
                NoteSource::National(i) => nat.sources.get(i),
                NoteSource::Own(i) => file.sources.get(i),
            };
            let Some(s) = s else { continue };
            // a provision says nothing about a case dated before its source took effect (or, where
            // that day is not recorded, before the document can have existed)
            if s.effective
                .or_else(|| s.earliest())
                .is_some_and(|e| date < e)
            {
                continue;
            }
            let bit = source_bit(s);
            if cited & bit == 0 || !citations.iter().any(|x| cites(x, s, &n.article)) {
                cited |= bit;
                citations.push(citation(s, &n.article));
            }
            degree_noted |= !n.injury_degrees.is_empty();
            let note = with_days(&n.note_zh, &n.note_en, n.has_days, case);
            match (&n.share, case.base_compensation) {
                (Some(share), Some(base)) => {
                    base_read = true;
                    notes.push(share_check(note, share, base, &amount)?)
                }
                _ => notes.push(note),
            }
        }
    }
    // a provision applied to a case dated before it took effect (a refusal resting on the 2020
    // text, say): the rule base holds no earlier counterpart, so say the answer rests on later law
    for c in &citations {
        if let Some(e) = c.effective.filter(|e| date < *e) {
            notes.push(Text::new(
                format!(
                    "{}自 {e} 起施行，晚于本案适用日期 {date}；本工具未收入此前的相应规定，此处按现行规定处理，仅供参考。",
                    c.document
                ),
                format!(
                    "{} took effect on {e}, after the case's date, {date}; the tool holds no earlier counterpart, so this follows the later provision, for reference only.",
                    c.document_en
                ),
            ));
        } else if let Some(e) = c.earliest.filter(|e| date < *e) {
            notes.push(Text::new(
                format!(
                    "{}的日期不早于 {e}，晚于本案适用日期 {date}；本工具未收入此前的相应规定，此处按该文件处理，仅供参考。",
                    c.document
                ),
                format!(
                    "{} dates from {e} at the earliest, after the case's date, {date}; the tool holds no earlier counterpart, so this follows that document, for reference only.",
                    c.document_en
                ),
            ));
        }
    }
    // the criminal thresholds are not classified for a case dated before they took effect: say so
    if harm == Harm::PersonalInfo {
        let nat = rb.national();
        if let Some((s, e)) = nat
            .criminal_info
            .as_ref()
            .and_then(|ci| nat.source(&ci.source))
            .and_then(|s| s.effective.map(|e| (s, e)))
            .filter(|(_, e)| date < *e)
        {
            let name = s.number.as_deref().unwrap_or(&s.title);
            notes.push(Text::new(
                format!("{name}自 {e} 起施行；本案适用日期 {date} 在其前，故不作刑事定性。"),
                format!("{name} took effect on {e}; the case's date, {date}, is earlier, so there is no criminal classification."),
            ));
        }
    }
    // a grade given with another harm still tells the tool's model the consequence
    let grade_read_by_model = figures.used_model
        && model.out.factors.iter().any(|f| {
            f.derived_from
                .as_deref()
                .is_some_and(|d| d.starts_with("disability_grade"))
        });
    unused_facts(case, harm, grade_read_by_model, &mut notes);
    // the rules whose figures the estimate rests on: the one chosen, or those a cross-province
    // reference spans; a statistic or an age none of them reads is named, not dropped
    // (read where they stand, the one rule or the figures' citations, without a Vec of their
    // own: collecting the spanned rules was an allocation for every cross-province case)
    let used_rules = match (file, rule) {
        (Some(_), Some(r)) if r.reference.is_none() => UsedRules {
            one: Some(r),
            spanned: &[],
        },
        _ => UsedRules {
            one: None,
            spanned: &figures.cites,
        },
    };
    unused_statistics(case, used_rules, &mut notes);
    // in state compensation the base is read by a share rule or a note's share; a table by days
    // (Guangdong's, up to 2021-03-31) reads neither
    if case.base_compensation.is_some()
        && case.context == Context::StateCompensation
        && !base_read
        && !used_rules.iter().any(|r| r.share.is_some())
    {
        notes.push(Text::new(
            "所给 base_compensation 未计入：所用规则不按人身自由、生命健康赔偿金总额的比例计算数额。",
            "base_compensation was given but not applied: the rules used do not compute a share of the compensation for lost liberty and for life and health.",
        ));
    }
    // the rule files a rule could have been chosen from for this case: the province's own and the
    // national one, or every file for a cross-province reference (which tries each province, a
    // refusal such as Anhui's 轻微伤 included); not every province's file for a local estimate:
    // Anhui's 轻微伤 rule chooses nothing for a Shandong case
    // (named as files and one more rather than collected: national.toml is the first file)
    let (files, also) = if basis == Basis::CrossProvince {
        (rb.files(), None)
    } else {
        (std::slice::from_ref(nat), place.file)
    };
    unused_by_model(
        files.iter().chain(also),
        case,
        harm,
        used_rules,
        figures.used_model,
        degree_noted,
        &mut notes,
    );
    // the cross-province reference runs each province's rule quietly: its own notes on several
    // victims or defendants are not shown, so the numbers given are named here
    if basis == Basis::CrossProvince {
        if let Some(v) = case.victims.filter(|v| *v > 1) {
            notes.push(Text::new(
                format!("所给受害人人数（{v}）未计入：跨省参考不按受害人人数计算，以上为一名受害人的参考范围。"),
                format!("the number of victims given ({v}) was not applied: the cross-province reference does not count victims; the range is for one victim."),
            ));
        }
        if let Some(d) = case.defendants.filter(|d| *d > 1) {
            notes.push(Text::new(
                format!("所给被告人数（{d}）未计入：跨省参考不按被告人数计算。"),
                format!("the number of defendants given ({d}) was not applied: the cross-province reference does not count defendants."),
            ));
        }
        // the same for a liability share and the victim's fault, which each province's rule
        // names when it alone is used: said here when no rule spanned reads them
        if case.liability.is_some()
            && !used_rules
                .iter()
                .any(|r| r.formula.as_ref().is_some_and(|f| f.apply_liability))
        {
            notes.push(Text::new(
                "所给责任系数未计入：跨省参考所涉各省标准均未规定按责任比例折算，本工具亦不折算（法院可综合过错程度等因素酌定）。",
                "the liability share given was not applied: none of the standards the cross-province reference spans apportions its figures by liability, so the tool does not either (a court may weigh the degree of fault among the factors).",
            ));
        }
        // a severity moves only the rules with tiers by it: said when some or all of them have none
        if let Some(sev) = cx.severity {
            // (each note written straight into its one String: the two lists of rules, and each
            // list's ids joined in each language, were a dozen allocations for the note)
            let reads = |r: &&Rule| kinds::uses_severity(r);
            if !used_rules.iter().any(|r| reads(&r)) {
                notes.push(Text::new(
                    format!("所给严重程度（{sev}）未计入：跨省参考所涉各省规则均不按严重程度分档；后果轻重可用 factors.consequence 表示（工具模型）。"),
                    format!("the severity given ({sev}) was not applied: none of the rules the cross-province reference spans has severity tiers; give the gravity as factors.consequence (the tool's model)."),
                ));
            } else if used_rules.iter().any(|r| !reads(&r)) {
                // the ids of the rules that read the severity (or of those that do not), in
                // their order, each after the one before and `sep`
                let ids = |out: &mut String, reading: bool, sep: &str| {
                    let mut rules = used_rules.iter().filter(|r| reads(r) == reading);
                    if let Some(r) = rules.next() {
                        out.push_str(&r.id);
                    }
                    for r in rules {
                        out.push_str(sep);
                        out.push_str(&r.id);
                    }
                };
                let id_bytes: usize = used_rules.iter().map(|r| r.id.len() + 3).sum();
                let mut zh = String::with_capacity(160 + sev.len() + id_bytes);
                zh.push_str("所给严重程度（");
                zh.push_str(sev);
                zh.push_str("）只用于按严重程度分档的规则（");
                ids(&mut zh, true, "、");
                zh.push_str("）；");
                ids(&mut zh, false, "、");
                zh.push_str(" 不按严重程度分档，其幅度未因此改变。");
                let mut en = String::with_capacity(160 + sev.len() + id_bytes);
                en.push_str("the severity given (");
                en.push_str(sev);
                en.push_str(") was applied only by the rules with severity tiers (");
                ids(&mut en, true, ", ");
                en.push_str("), not by the rules without them (");
                ids(&mut en, false, ", ");
                en.push_str("), whose ranges it leaves unchanged.");
                notes.push(Text::new(zh, en));
            }
        }
        if case.victim_fault.is_some_and(|v| v > Decimal::ZERO)
            && !used_rules.iter().any(|r| r.modifiers.victim_fault_reduces)
        {
            notes.push(Text::new(
                "所给受害人过错未计入：跨省参考所涉各省规则均未规定按比例减轻。",
                "the victim's fault given was not applied: none of the rules the cross-province reference spans sets a proportional reduction.",
            ));
        }
    }
    // the figures' notes, then the estimate's own, each once: the repeats dropped in place
    let mut all_notes = notes.0;
    drop_repeated_notes(&mut all_notes, written_from);

    let criminal = if harm == Harm::PersonalInfo {
        criminal::classify(rb, case, date)
    } else {
        None
    };
    // the rounding, as a step of its own when it moves the point: whole thousands where the rule
    // says so (state compensation), else half up to whole yuan (the tool's rounding rule), or down
    // where half up would pass the cap
    // (equal in value, whatever the scales: compared on the mantissas rather than normalised)
    if cmp_decimal_scaled(&amount.point, &figures.point) != Ordering::Equal
        && basis != Basis::Refusal
    {
        let (label, citation) = match figures.unit {
            Some(u) => (
                figures
                    .unit_texts
                    .map_or_else(|| unit_texts(u).label, |t| t.label.borrow()),
                figures.unit_citation.clone().unwrap_or_else(|| {
                    figures
                        .steps
                        .first()
                        .map_or_else(|| Text::same(""), |s| s.citation.clone())
                }),
            ),
            // half up, unless that would pass the cap: then down, so the point stays inside
            None if amount.point < round_yuan(figures.point) => (
                Text::new(
                    "取整：到元，向下取整以不超过上限",
                    "rounding: down to whole yuan, so as not to exceed the cap",
                ),
                Text::new("本工具的取整规则", "the tool's rounding rule"),
            ),
            // half up, unless that would fall below the floor (one with decimals): then up
            None if amount.point > round_yuan(figures.point) => (
                Text::new(
                    "取整：到元，向上取整以不低于下限",
                    "rounding: up to whole yuan, so as not to fall below the floor",
                ),
                Text::new("本工具的取整规则", "the tool's rounding rule"),
            ),
            None => (
                Text::new("取整：四舍五入到元", "rounding: half up to whole yuan"),
                Text::new("本工具的取整规则", "the tool's rounding rule"),
            ),
        };
        // (push_plain rather than format!: most records have this step)
        let mut text = String::with_capacity(32);
        push_plain(&mut text, figures.point);
        text.push_str(" → ");
        push_plain(&mut text, amount.point);
        figures.steps.push(Step {
            rule: "rounding".into(),
            body: StepBody::Written { label, text },
            amount: Some(amount.point),
            citation,
        });
    }
    let cap = figures
        .cap
        .map(|c| round_amount_one(c, figures.unit, Direction::Down));
    let floor = round_amount_one(figures.floor, figures.unit, Direction::Up);
    // a band with no whole yuan in it shows as the cap, rounded down, at both ends, never as a
    // floor above its cap (only a floor with decimals can round up past a cap it was under)
    let band = BandOut {
        floor: match cap {
            Some(c) if figures.floor.scale() > 0 && floor > c => c,
            _ => floor,
        },
        cap,
    };
    Ok(Estimate {
        id: case.id.clone(),
        jurisdiction: region_id,
        jurisdiction_name: Text::new(&place.region.name_zh, &place.region.name_en),
        harm,
        context: case.context,
        date,
        date_given: case.date.is_some(),
        amount,
        band,
        basis,
        rule: Cow::Borrowed(rule_id),
        rule_status,
        tier: figures.tier,
        steps: figures.steps,
        citations: if repeats { dedup(citations) } else { citations },
        notes: all_notes,
        // (the model's factors, when the estimate does not show them, are kept for the next)
        model: if figures.used_model {
            Some(model.out)
        } else {
            let mut factors = model.out.factors;
            factors.clear();
            lists.factors = factors;
            None
        },
        criminal,
    })
}

/// The note that amounts are in whole units of `unit`, and the rounding step's label for it
/// (written once for each share's unit when the rules load).
pub(crate) fn unit_texts(unit: Decimal) -> UnitTexts {
    use kinds::Piece::{D, S};
    UnitTexts {
        note: Text::new(
            kinds::join(&[S("数额以 "), D(unit), S(" 元为计数单位。")]),
            kinds::join(&[S("amounts are in whole units of "), D(unit), S(" yuan.")]),
        ),
        label: Text::new(
            format!("取整：以 {} 元为计数单位", plain(unit)),
            format!("rounding: in whole units of {} yuan", plain(unit)),
        ),
    }
}

/// What a cross-province reference's band is, said in a note of every such estimate.
const SPAN_ZH: &str =
    "本估算的幅度为各省参考标准在同一事实上所覆盖的范围（跨省参考，并非本地规则）。";
const SPAN_EN: &str = "The band of this estimate is what the provincial reference standards span on the same facts (a cross-province reference, not a local rule).";

/// The notes of an estimate that name its region and nothing else of the case, written once for
/// each region when the rules load (one is in most records).
pub(crate) fn region_notes(name_zh: &str, name_en: &str) -> RegionNotes {
    RegionNotes {
        no_standard: Text::new(
            [name_zh, "没有针对此类情形的标准，适用全国性规定。"].concat(),
            [
                name_en,
                " has no standard of its own for this case; the national rules apply.",
            ]
            .concat(),
        ),
        no_figure: Text::new(
            [name_zh, "及全国性规定均未就此给出数额。", SPAN_ZH].concat(),
            [
                "Neither ",
                name_en,
                " nor the national rules give a figure for this case. ",
                SPAN_EN,
            ]
            .concat(),
        ),
    }
}

/// A context note with its provision's figure worked out from the case's `base_compensation`:
/// rate × base, down to whole yuan (the share is a cap; the tool's rounding rule), at least the
/// provision's floor, and whether the estimate's point and high (as shown, rounded) exceed it. The note reports; the
/// estimate is not changed (the rule base decides which notes carry a share, and for which rules).
fn share_check<'r>(
    note: Text<'r>,
    share: &NoteShare,
    base: Decimal,
    amount: &Amount,
) -> Result<Text<'r>, CaseError> {
    let exact = mul(base, share.rate, "base_compensation")?;
    // the share is a cap (不超过): down to whole yuan, the largest whole amount it permits
    let mut figure = whole_yuan(exact, Direction::Down);
    // Both texts are written straight into their one String each, every figure with push_plain
    // (the arithmetic, each figure's String, each format! and the concat of it all were a dozen
    // allocations for the note).
    let (mut zh, mut en) = (
        String::with_capacity(note.zh.len() + 400),
        String::with_capacity(note.en.len() + 400),
    );
    zh.push_str(&note.zh);
    zh.push_str("按所给人身自由赔偿金、生命健康赔偿金总额（base_compensation）计算：");
    en.push_str(&note.en);
    en.push_str(" From the base_compensation given (the compensation for lost liberty and for life and health): ");
    // `{base} × {rate × 100}% = {exact}`, the same in both
    let arith_from = zh.len();
    push_plain(&mut zh, base);
    zh.push_str(" × ");
    push_plain(&mut zh, share.rate * Decimal::from(100));
    zh.push_str("% = ");
    push_plain(&mut zh, exact);
    en.push_str(&zh[arith_from..]);
    if figure != exact.normalize() {
        zh.push_str(" → ");
        push_plain(&mut zh, figure);
        zh.push_str("（向下取整到元，不超过该比例）");
        en.push_str(" → ");
        push_plain(&mut en, figure);
        en.push_str(" (down to whole yuan, not above the share)");
    }
    if let Some(floor) = share.floor.filter(|f| figure < *f) {
        zh.push_str("，低于最低数额 ");
        push_plain(&mut zh, floor);
        zh.push_str("，按 ");
        push_plain(&mut zh, floor);
        zh.push_str(" 计");
        en.push_str(", below the floor of ");
        push_plain(&mut en, floor);
        en.push_str(", so ");
        push_plain(&mut en, floor);
        figure = floor;
    }
    zh.push('。');
    en.push_str(". ");
    // the verdict: each text in its pieces, the figures written where they go
    // (a piece is a fixed text, the figure the note works out, the point, or the high)
    enum V {
        S(&'static str),
        Figure,
        Point,
        High,
    }
    use V::{Figure as F, High as H, Point as P, S};
    let (vzh, ven): (&[V], &[V]) = match amount.high {
        Some(h) if h <= figure => (
            &[
                S("估算金额 "),
                P,
                S(" 与估算区间上限 "),
                H,
                S(" 均未超过 "),
                F,
                S("。"),
            ],
            &[
                S("Neither the estimate's point, "),
                P,
                S(", nor its high, "),
                H,
                S(", exceeds "),
                F,
                S("."),
            ],
        ),
        Some(_) if amount.point <= figure => (
            &[
                S("估算区间上限 "),
                H,
                S(" 超过 "),
                F,
                S("，估算金额 "),
                P,
                S(" 未超过。"),
            ],
            &[
                S("The estimate's high, "),
                H,
                S(", exceeds "),
                F,
                S("; its point, "),
                P,
                S(", does not."),
            ],
        ),
        Some(_) => (
            &[
                S("估算金额 "),
                P,
                S(" 与估算区间上限 "),
                H,
                S(" 均超过 "),
                F,
                S("。"),
            ],
            &[
                S("Both the estimate's point, "),
                P,
                S(", and its high, "),
                H,
                S(", exceed "),
                F,
                S("."),
            ],
        ),
        None if amount.point <= figure => (
            &[
                S("估算区间不设上限，可超过 "),
                F,
                S("；估算金额 "),
                P,
                S(" 未超过。"),
            ],
            &[
                S("The estimate has no upper end, so it may exceed "),
                F,
                S("; its point, "),
                P,
                S(", does not."),
            ],
        ),
        None => (
            &[
                S("估算金额 "),
                P,
                S(" 超过 "),
                F,
                S("，且估算区间不设上限。"),
            ],
            &[
                S("The estimate's point, "),
                P,
                S(", exceeds "),
                F,
                S(", and it has no upper end."),
            ],
        ),
    };
    let write = |out: &mut String, pieces: &[V]| {
        for v in pieces {
            match v {
                S(s) => out.push_str(s),
                F => push_plain(out, figure),
                P => push_plain(out, amount.point),
                // (a piece only of the verdicts with a high)
                H => push_plain(out, amount.high.unwrap_or_default()),
            }
        }
    };
    write(&mut zh, vzh);
    write(&mut en, ven);
    // the provision's minimum holds whatever the base: a point below it is said too
    if let Some(floor) = share.floor.filter(|f| amount.point < *f) {
        zh.push_str("估算金额 ");
        push_plain(&mut zh, amount.point);
        zh.push_str(" 低于最低数额 ");
        push_plain(&mut zh, floor);
        zh.push('。');
        en.push_str(" Its point, ");
        push_plain(&mut en, amount.point);
        en.push_str(", is below the minimum of ");
        push_plain(&mut en, floor);
        en.push('.');
    }
    zh.push_str("本工具只作核对，未据此调整估算。");
    en.push_str(" The tool states this for checking and has not changed the estimate.");
    Ok(Text::new(zh, en))
}

/// Facts the case gives that belong to another harm or context than the one estimated: each gets
/// a note, so a fact is never dropped without a word (a grade given with `harm = personal-info`,
/// item counts with a disability grade, which implies disability). The notes are added to `out`
/// (the estimate's own: no list of their own, which most cases would leave empty).
fn unused_facts(case: &Case, harm: Harm, grade_read_by_model: bool, out: &mut Notes) {
    let unused = |field: &str, zh: &str, en: &str| {
        Text::new(
            format!("所给 {field} 未计入：{zh}"),
            format!("{field} was given but not applied: {en}"),
        )
    };
    let harm_code = harm.code();
    if case.disability_grade.is_some() && harm != Harm::Disability {
        if grade_read_by_model {
            out.push(Text::new(
                format!("所给 disability_grade 未作伤残计算（本案损害类型为 {harm_code}），只用于工具模型读取侵权后果。"),
                format!("disability_grade was not used as a disability (the harm is {harm_code}); only the tool's model read the consequence from it."),
            ));
        } else {
            out.push(unused(
                "disability_grade",
                &format!("本案损害类型为 {harm_code}，伤残等级只用于 disability。"),
                &format!(
                    "the harm is {harm_code}; a disability grade is used for disability only."
                ),
            ));
        }
    }
    if case.info_items.is_some() && harm != Harm::PersonalInfo {
        out.push(unused(
            "info_items",
            &format!("本案损害类型为 {harm_code}，个人信息条数只用于 personal-info（含刑事定性），本案未作刑事定性。"),
            &format!("the harm is {harm_code}; item counts are used for personal-info only (with its criminal classification), so none was made."),
        ));
    }
    if case.detention_days.is_some()
        && harm != Harm::Detention
        && case.context != Context::StateCompensation
    {
        out.push(unused(
            "detention_days",
            &format!("本案损害类型为 {harm_code}，羁押天数只用于 detention 或国家赔偿。"),
            &format!("the harm is {harm_code}; days of detention are used for detention or state compensation only."),
        ));
    }
    if case.base_compensation.is_some() && case.context != Context::StateCompensation {
        out.push(unused(
            "base_compensation",
            "人身自由、生命健康赔偿金总额只用于国家赔偿（context = state-compensation）。",
            "the compensation for lost liberty and for life and health is used in state compensation only (context = state-compensation).",
        ));
    }
}

/// The average wage, the average living expense and the age are read only by `multiple` rules
/// (Beijing's wage multiples, Sichuan's living expense × years less with age, the medical-accident
/// years): given for an estimate that rests on none that reads them, each gets a note, added to
/// `out`.
fn unused_statistics(case: &Case, used: UsedRules, out: &mut Notes) {
    use crate::rules::schema::Statistic;
    let reads = |s: Statistic| {
        used.iter()
            .any(|r| r.multiple.as_ref().is_some_and(|m| m.statistic == s))
    };
    if case.avg_wage.is_some() && !reads(Statistic::AvgWage) {
        out.push(Text::new(
            "所给 avg_wage 未计入：所用规则不以职工平均工资计算数额。",
            "avg_wage was given but not applied: the rules used do not compute from the average wage.",
        ));
    }
    if case.avg_living_expense.is_some() && !reads(Statistic::AvgLivingExpense) {
        out.push(Text::new(
            "所给 avg_living_expense 未计入：所用规则不以平均生活费计算数额。",
            "avg_living_expense was given but not applied: the rules used do not compute from the average living expense.",
        ));
    }
    let reads_age = used.iter().any(|r| {
        r.multiple
            .as_ref()
            .is_some_and(|m| m.age_reduction.is_some())
    });
    if case.age.is_some() && !reads_age {
        out.push(Text::new(
            "所给 age 未计入：所用规则的数额不随受害人年龄变化。",
            "age was given but not applied: the rules used do not vary with the victim's age.",
        ));
    }
}

/// Whether a rule of these files for this harm is chosen by a condition on the case (`when`).
fn a_rule_asks<'a>(
    mut scope: impl Iterator<Item = &'a RuleFile>,
    harm: Harm,
    asks: impl Fn(&crate::rules::schema::When) -> bool,
) -> bool {
    scope.any(|f| {
        f.rules_for(harm)
            .any(|r| r.when.as_ref().is_some_and(&asks))
    })
}

/// The six factors, the profit motive and gain, and `insider` are read by the tool's model, by a
/// cap that profit lifts, or by the criminal classification of personal information: given for an
/// estimate that reads them nowhere (a formula, a table, a fixed figure), each is named in a note
/// added to `out`.
fn unused_by_model<'a>(
    scope: impl Iterator<Item = &'a RuleFile> + Clone,
    case: &Case,
    harm: Harm,
    used: UsedRules,
    used_model: bool,
    degree_noted: bool,
    out: &mut Notes,
) {
    // besides the model: the circumstances open a cap that egregious ones may exceed, and the
    // fault chooses between rules for this harm (a memorial refused for ordinary negligence)
    let read_elsewhere = |factor: &str| match factor {
        "circumstances" => used.iter().any(|r| r.modifiers.may_exceed.is_some()),
        "fault" => a_rule_asks(scope.clone(), harm, |w| w.fault.is_some()),
        _ => false,
    };
    // (none when the model read them all: the factors are not gone through)
    // the names, `factors.{k}`, joined in each language in one pass, straight into the note's
    // two texts (a String for each name, and each list joined, were an allocation each)
    let (mut zh, mut en, mut n) = (String::new(), String::new(), 0);
    if !used_model {
        for (k, _) in case.factors.iter().filter(|(k, _)| !read_elsewhere(k)) {
            if n == 0 {
                zh.reserve(120);
                en.reserve(160);
                zh.push_str("所给 ");
            } else {
                zh.push('、');
                en.push_str(", ");
            }
            zh.push_str("factors.");
            zh.push_str(k);
            en.push_str("factors.");
            en.push_str(k);
            n += 1;
        }
    }
    if n > 0 {
        zh.push_str(" 未计入：本估算的数额由所用规则直接确定，不经工具的六因素模型定位。");
        en.push_str(if n == 1 { " was" } else { " were" });
        en.push_str(" given but not applied: the rules used fix the amount themselves; the tool's six-factor model does not place it.");
        out.push(Text::new(zh, en));
    }
    // the model reads the gain factor from them unless the case names that level itself
    let model_reads_profit = used_model && case.factor("gain").is_none();
    let lifts_cap = used.iter().any(|r| r.modifiers.profit_lifts_cap);
    let profit_read = model_reads_profit || lifts_cap;
    let gain_read = model_reads_profit
        || (lifts_cap && case.profit_motive == Some(true))
        || harm == Harm::PersonalInfo;
    if case.profit_motive.is_some() && !profit_read {
        out.push(Text::new(
            "所给 profit_motive 未计入：所用规则与工具模型均未考虑营利目的。",
            "profit_motive was given but not applied: neither the rules used nor the tool's model take the profit motive into account.",
        ));
    }
    if case.gain.is_some() && !gain_read {
        out.push(Text::new(
            "所给 gain 未计入：所用规则与工具模型均未考虑侵权人获利。",
            "gain was given but not applied: neither the rules used nor the tool's model take the infringer's gain into account.",
        ));
    }
    // the injury degree gives the model the consequence (not for a death or a graded disability,
    // nor where the case names the consequence), and chooses between rules (Anhui's 轻微伤)
    // (and a note the degree called up, such as state compensation's 轻微伤 under Art. 7, read it)
    let degree_read = || {
        degree_noted
            || (used_model
                && case.factor("consequence").is_none()
                && harm != Harm::Death
                && case.disability_grade.is_none())
            || a_rule_asks(scope.clone(), harm, |w| w.injury_degree.is_some())
    };
    if let Some(d) = case.injury_degree.filter(|_| !degree_read()) {
        // (the names from the tool's tables, joined with concat: serialising the degree for its
        // name and format! were most of the note's cost)
        let (code, harm) = (d.code(), harm.code());
        out.push(Text::new(
            [
                "所给 injury_degree（",
                code,
                "）未计入：本案损害类型为 ",
                harm,
                "，所用规则与工具模型均未按伤情程度计算。",
            ]
            .concat(),
            [
                "injury_degree (",
                code,
                ") was given but not applied: the harm is ",
                harm,
                ", and neither the rules used nor the tool's model count the degree of injury.",
            ]
            .concat(),
        ));
    }
    // the infringer's kind multiplies a band (Shandong's organisations ×5–10) or chooses a rule
    let infringer_read = || {
        used.iter()
            .any(|r| r.modifiers.organization_multiplier.is_some())
            || a_rule_asks(scope.clone(), harm, |w| w.infringer.is_some())
    };
    if let Some(p) = case.infringer.filter(|_| !infringer_read()) {
        let code = p.code();
        out.push(Text::new(
            ["所给 infringer（", code, "）未计入：所用规则的数额不因侵权人是自然人还是单位而不同。"].concat(),
            ["infringer (", code, ") was given but not applied: the rules used do not distinguish a natural person from an organisation as infringer."].concat(),
        ));
    }
    if case.insider && harm != Harm::PersonalInfo {
        out.push(Text::new(
            format!("所给 insider 未计入：本案损害类型为 {}，履职或提供服务中获取信息只用于个人信息的刑事定性。", harm.code()),
            format!("insider was given but not applied: the harm is {}; information obtained in the course of duties or services counts only in the criminal classification of personal information.", harm.code()),
        ));
    }
}

/// The citations without repeats (the same source and article), in their first order. In place:
/// a citation kept moves down over the repeats before it (most lists have none, and nothing
/// moves), so no second Vec is built.
fn dedup(mut v: Vec<Citation<'_>>) -> Vec<Citation<'_>> {
    // the source numbers met so far (see `key_bit`): a citation is compared with those kept only
    // when its source's number is among them, which in most records none is
    let mut met = 0;
    let mut kept = 0;
    for i in 0..v.len() {
        let c = &v[i];
        let bit = key_bit(c);
        let seen = met & bit != 0;
        met |= bit;
        if !seen || !v[..kept].iter().any(|x| same_citation(x, c)) {
            if kept != i {
                v.swap(kept, i);
            }
            kept += 1;
        }
    }
    v.truncate(kept);
    v
}

/// The rules whose figures an estimate rests on: the one chosen, or those a cross-province
/// reference spans (the rules of its figures' citations), read where they stand.
#[derive(Clone, Copy)]
struct UsedRules<'a, 'r> {
    one: Option<&'r Rule>,
    spanned: &'a [(&'r RuleFile, &'r Rule)],
}

impl<'a, 'r> UsedRules<'a, 'r> {
    fn iter(self) -> impl Iterator<Item = &'r Rule> + Clone + 'a {
        self.one
            .into_iter()
            .chain(self.spanned.iter().map(|&(_, r)| r))
    }
}

/// The estimate's notes as they are made, in the one list the estimate keeps: a written note is
/// pushed as one.
struct Notes<'r>(Vec<Note<'r>>);

impl<'r> Notes<'r> {
    fn push(&mut self, t: Text<'r>) {
        self.0.push(Note::Written(t));
    }
}

/// The notes from `from` on without repeats, in their first order (those before `from` are kept
/// as they are). In place: a note kept moves down over the repeats before it (most lists have
/// none, and nothing moves). A note is compared with those kept only when one of them has a
/// Chinese text of its length (by a bit for each length, modulo 64): the notes of a record are
/// mostly of different lengths.
fn drop_repeated_notes(v: &mut Vec<Note>, from: usize) {
    let mut lengths = 0u64;
    let mut kept = from;
    for i in from..v.len() {
        // (a left-out rule's note never repeats another: no bit, so it is kept)
        let bit = match &v[i] {
            Note::Written(t) => 1u64 << (t.zh.len() % 64),
            Note::LeftOut { .. } => 0,
        };
        let maybe = lengths & bit != 0;
        lengths |= bit;
        if !maybe || !v[from..kept].contains(&v[i]) {
            if kept != i {
                v.swap(kept, i);
            }
            kept += 1;
        }
    }
    v.truncate(kept);
}

/// Whether two citations name the same source and article. The sources are compared by the number
/// the rule base gave each source id when it loaded (the same id, the same number), not by their
/// ids' text; the articles as text, the same text most often being the same rule-base string, whose
/// address is compared first.
fn same_citation(a: &Citation, b: &Citation) -> bool {
    match b.from.0 {
        Some(s) => cites(a, s, b.article),
        None => a.source == b.source && a.article == b.article,
    }
}

/// Whether a citation names this source (by its id's number) and this article: [`same_citation`]
/// for a citation not yet made.
fn cites(c: &Citation, source: &Source, article: &str) -> bool {
    let same_source = match c.from.0 {
        Some(x) => x.key == source.key,
        // (every citation an estimate makes has its source; another is compared by its id)
        None => c.source == source.id,
    };
    same_source && (std::ptr::eq(c.article, article) || c.article == article)
}

/// A source's number as one bit of a u64, for a set of the sources cited; a number past 63
/// (a rule base of more than 64 source ids) is every bit, so that a set holding it holds every
/// number and the citations are compared one by one.
fn source_bit(s: &Source) -> u64 {
    if s.key < 64 {
        1 << s.key
    } else {
        u64::MAX
    }
}

/// [`source_bit`] of a citation's source (every bit for a citation without one).
fn key_bit(c: &Citation) -> u64 {
    c.from.0.map_or(u64::MAX, source_bit)
}

fn round_amount_one(d: Decimal, unit: Option<Decimal>, dir: Direction) -> Decimal {
    match unit {
        Some(u) => round_to(d, u, dir),
        None => whole_yuan(d, dir),
    }
}

/// Half up to whole yuan; a figure inside the band stays inside it as rounded (a cap rounds
/// down, a floor up): 43209.95 under a cap of 43209.95 is 43209, not 43210.
/// (Half up never carries a figure past a whole-number cap it was under, nor below a whole-number
/// floor, and a whole number is at or below a cap exactly when it is at or below the cap rounded
/// down: so only a cap or floor with decimals is compared, and rounded only when half up passed
/// it. A cross-province case rounds three figures for every province.)
#[inline]
pub(crate) fn yuan_in_band(x: Decimal, floor: Decimal, cap: Option<Decimal>) -> Decimal {
    let mut r = round_yuan(x);
    if let Some(c) = cap.filter(|c| c.scale() > 0 && r > *c && x <= *c) {
        r = whole_yuan(c, Direction::Down);
    }
    if floor.scale() > 0 && r < floor && x >= floor {
        r = whole_yuan(floor, Direction::Up);
        // a band with no whole yuan in it (0.001–0.005, after a victim's fault of 0.999999):
        // the cap wins, rounded down, as it does for the band itself
        if let Some(c) = cap.filter(|c| r > *c) {
            r = whole_yuan(c, Direction::Down);
        }
    }
    r
}

/// Rounds once, at the end: whole yuan half up, or whole units (thousands) where the rule says.
/// Either way the rounded range stays inside the rule: the band's floor rounds up and its cap
/// down (123457 × 35% = 43209.95 permits at most 43209, as README's rounding rule says). In whole
/// units the range rounds inward too; in whole yuan it rounds half up, and a figure that was
/// inside the band is then kept inside the band as rounded.
fn round_amount(f: &Figures) -> Amount {
    let (low, high) = match f.unit {
        Some(u) => (
            round_to(f.low, u, Direction::Up),
            f.high.map(|h| round_to(h, u, Direction::Down)),
        ),
        None => (
            yuan_in_band(f.low, f.floor, f.cap),
            f.high.map(|h| yuan_in_band(h, f.floor, f.cap)),
        ),
    };
    let high = high.map(|h| max_decimal(h, low));
    let mut point = max_decimal(round_amount_one(f.point, f.unit, Direction::Nearest), low);
    if let Some(h) = high {
        point = min_decimal(point, h);
    }
    Amount { low, point, high }
}

pub fn context_zh(c: Context) -> &'static str {
    match c {
        Context::Civil => "民事侵权",
        Context::Traffic => "交通事故",
        Context::MedicalAccident => "医疗事故",
        Context::StateCompensation => "国家赔偿",
    }
}

/// A context in English words, for prose (the report's header, a note); [`context_en`] is its
/// JSON code.
pub fn context_words_en(c: Context) -> &'static str {
    match c {
        Context::Civil => "civil tort",
        Context::Traffic => "traffic accident",
        Context::MedicalAccident => "medical accident",
        Context::StateCompensation => "state compensation",
    }
}

/// A context's JSON code: `civil`, `traffic`, `medical-accident`, `state-compensation`.
pub fn context_en(c: Context) -> &'static str {
    match c {
        Context::Civil => "civil",
        Context::Traffic => "traffic",
        Context::MedicalAccident => "medical-accident",
        Context::StateCompensation => "state-compensation",
    }
}

pub(crate) fn in_force(from: Option<Date>, until: Option<Date>, date: Date) -> bool {
    from.is_none_or(|f| f <= date) && until.is_none_or(|u| date <= u)
}

/// Whether a rule covers the case on its date.
///
/// Inline: the rules of every file are tried in turn (a cross-province reference tries every
/// province's), and most are turned away by their harm at once; the conditions on the case
/// (`when`) are read out of line, in [`when_holds`].
#[inline]
pub(crate) fn matches(cx: &Ctx, rule: &Rule, context: Context) -> bool {
    rule.harms.contains(&cx.harm) && rule.contexts.contains(&context) && holds(cx, rule)
}

/// [`matches`] for a rule known to cover the case's harm and the context: in force on the case's
/// date, and its conditions (`when`) met.
#[inline]
pub(crate) fn holds(cx: &Ctx, rule: &Rule) -> bool {
    if !in_force(rule.from, rule.until, cx.date) {
        return false;
    }
    match &rule.when {
        None => true,
        Some(w) => when_holds(cx, rule, w),
    }
}

/// Whether the case meets a rule's conditions (`when`).
fn when_holds(cx: &Ctx, rule: &Rule, w: &crate::rules::schema::When) -> bool {
    let case = cx.case;
    if let Some(d) = &w.injury_degree {
        if !case.injury_degree.is_some_and(|x| d.contains(&x)) {
            return false;
        }
    }
    if let Some(h) = w.has_grade {
        if case.disability_grade.is_some() != h {
            return false;
        }
    }
    if let Some(s) = &w.severity {
        let tier_aliases = rule.tiers.iter().flat_map(|t| &t.tiers);
        let sev = cx.severity;
        let hit = sev.is_some_and(|sv| {
            s.iter().any(|n| n == sv)
                || tier_aliases
                    .clone()
                    .any(|t| t.aliases.iter().any(|a| a == sv) && s.contains(&t.name))
        });
        if !hit {
            return false;
        }
    }
    if let Some(i) = &w.infringer {
        if !case.infringer.is_some_and(|x| i.contains(&x)) {
            return false;
        }
    }
    if let Some(v) = &w.victim {
        if !v.contains(&case.victim) {
            return false;
        }
    }
    if let Some(f) = &w.fault {
        // (whether the case names it: the name itself is read by the model, into `level`)
        let given = case.factor("fault");
        let level = cx
            .model
            .out
            .factors
            .iter()
            .find(|x| x.id == "fault" && x.known)
            .map(|x| x.level);
        if given.is_none() || !level.is_some_and(|l| f.iter().any(|x| x == l)) {
            return false;
        }
    }
    true
}

fn first_match<'a>(
    cx: &Ctx,
    file: &'a RuleFile,
    context: Context,
    everywhere: Option<bool>,
) -> Option<&'a Rule> {
    // (the rules for the harm and context: `matches` need not look at either again)
    file.rules_for_case(cx.harm, context)
        .filter(|r| everywhere.is_none_or(|e| r.everywhere == e))
        .find(|r| holds(cx, r))
}

type Selected<'a> = (Option<&'a RuleFile>, Option<&'a Rule>, Basis);

fn select<'a>(
    cx: &Ctx<'a, '_>,
    file: Option<&'a RuleFile>,
    context: Context,
) -> Option<Selected<'a>> {
    let nat = cx.rb.national();
    let is_national = file.is_some_and(|f| f.jurisdiction.id == nat.jurisdiction.id);
    if let Some(r) = first_match(cx, nat, context, Some(true)) {
        return Some((Some(nat), Some(r), Basis::Refusal));
    }
    if let Some(f) = file.filter(|_| !is_national) {
        if let Some(r) = first_match(cx, f, context, None) {
            return Some((Some(f), Some(r), Basis::Local));
        }
    }
    if let Some(r) = first_match(cx, nat, context, Some(false)) {
        return Some((Some(nat), Some(r), Basis::National));
    }
    if matches!(context, Context::Traffic | Context::MedicalAccident) {
        if let Some(f) = file.filter(|_| !is_national) {
            if let Some(r) = first_match(cx, f, Context::Civil, None) {
                return Some((Some(f), Some(r), Basis::LocalCivil));
            }
        }
        if let Some(r) = first_match(cx, nat, Context::Civil, Some(false)) {
            return Some((Some(nat), Some(r), Basis::National));
        }
    }
    None
}

/// Whether a rule-base note has `{days}` in it, in either language.
pub(crate) fn has_days(zh: &str, en: &str) -> bool {
    zh.contains("{days}") || en.contains("{days}")
}

/// A rule-base note with the case's days of detention in place of `{days}` (`has_days`: whether
/// it has any, as [`has_days`] says; a context note's is found when the rules load).
fn with_days<'r>(zh: &'r str, en: &'r str, has_days: bool, case: &Case) -> Text<'r> {
    match case.detention_days {
        Some(d) if has_days => {
            // "1 day", not "1 days"
            let en = match d {
                1 => en.replace("{days} days", "1 day"),
                _ => en.to_string(),
            };
            let d = d.to_string();
            Text::new(zh.replace("{days}", &d), en.replace("{days}", &d))
        }
        _ => Text::new(zh, en),
    }
}

/// The severity the rule base attaches to the case's facts on its date (the place's own rules
/// first, then the national ones), with the file that holds it.
fn implied_severity<'r>(
    rb: &'r RuleBase,
    file: Option<&'r RuleFile>,
    case: &Case,
    harm: Harm,
    date: Date,
) -> Option<(&'r RuleFile, &'r crate::rules::schema::SeverityFromFacts)> {
    file.into_iter()
        .chain(std::iter::once(rb.national()))
        .flat_map(|f| f.severity_from_facts.iter().map(move |s| (f, s)))
        .find(|(_, s)| {
            s.contexts.contains(&case.context)
                && (s.harms.is_empty() || s.harms.contains(&harm))
                && s.min_detention_days
                    .is_none_or(|min| case.detention_days.is_some_and(|d| d >= min))
                && s.max_detention_days
                    .is_none_or(|max| case.detention_days.is_some_and(|d| d <= max))
                && (s.injury_degrees.is_empty()
                    || case
                        .injury_degree
                        .is_some_and(|d| s.injury_degrees.contains(&d)))
                && in_force(s.from, s.until, date)
        })
}

/// The severity as a canonical name: a standard name or a tier name of the rule base.
///
/// The name is borrowed from the tool's own list or the rule base (a copy of it was an allocation
/// for every case that names a severity).
fn resolve_severity<'r>(
    rb: &'r RuleBase,
    file: Option<&'r RuleFile>,
    case: &Case,
) -> Result<Option<&'r str>, CaseError> {
    let Some(given) = case.severity.as_deref() else {
        return Ok(None);
    };
    // a name written as the rule base writes it (`serious`, `especially-serious`) is already its
    // own normal form: read without two copies
    let trimmed = given.trim();
    let norm: Cow<str> = if trimmed
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        Cow::Borrowed(trimmed)
    } else {
        Cow::Owned(trimmed.to_lowercase().replace(['_', ' '], "-"))
    };
    let standard = [
        ("general", ["一般", "一般精神损害"]),
        ("serious", ["严重", "严重后果"]),
        ("especially-serious", ["特别严重", "后果特别严重"]),
    ];
    for (name, zh) in standard {
        if norm == name || zh.contains(&given.trim()) {
            return Ok(Some(name));
        }
    }
    let files = file.into_iter().chain(std::iter::once(rb.national()));
    let mut offered = vec![
        "general".to_string(),
        "serious".to_string(),
        "especially-serious".to_string(),
    ];
    // the Chinese name read for each offered severity, in the same order
    let mut chinese: Vec<String> = standard.iter().map(|(_, zh)| zh[0].to_string()).collect();
    for f in files {
        for t in f
            .rules
            .iter()
            .flat_map(|r| r.tiers.iter().flat_map(|t| &t.tiers))
        {
            if t.name == norm
                || t.aliases
                    .iter()
                    .any(|a| a == given.trim() || a.to_lowercase() == norm)
                || t.label_zh == given.trim()
            {
                return Ok(Some(&t.name));
            }
            if !offered.contains(&t.name) {
                offered.push(t.name.clone());
                chinese.push(t.label_zh.clone());
            }
        }
    }
    Err(CaseError::new(
        "severity",
        format!("{given:?}"),
        Problem::UnknownValue {
            suggestion: crate::i18n::suggest(given, offered.iter().map(String::as_str)),
            allowed: offered,
            chinese: chinese.into(),
        },
    ))
}

/// A citation of a rule's source and article, with the rule's own status where it overrides.
/// `file` is the rule's own, whose sources its `source_index` indexes.
#[inline]
pub(crate) fn cite<'r>(file: &'r RuleFile, rule: &'r Rule) -> Citation<'r> {
    let mut c = citation(&file.sources[rule.source_index], &rule.article);
    if let Some(s) = rule.status {
        c.status = s;
    }
    if let (Some(zh), Some(en)) = (&rule.status_note_zh, &rule.status_note_en) {
        c.status_note = Text::new(zh, en);
    }
    c
}

fn cite_source<'r>(file: &'r RuleFile, source: &str, article: &'r str) -> Option<Citation<'r>> {
    Some(citation(file.source(source)?, article))
}

/// A citation of an article of a source.
#[inline]
fn citation<'r>(s: &'r Source, article: &'r str) -> Citation<'r> {
    Citation {
        source: &s.id,
        document: &s.title,
        document_en: &s.title_en,
        issuer: &s.issuer,
        issuer_en: s.issuer_en.as_deref().unwrap_or(&s.issuer),
        number: s.number.as_deref(),
        date: s.date.as_deref(),
        article,
        status: s.status,
        status_note: Text::new(&s.status_note_zh, &s.status_note_en),
        superseded_by: s.superseded_by.as_deref(),
        effective: s.effective,
        earliest: s.earliest(),
        from: crate::estimate::Origin(Some(s)),
    }
}

/// An error for a figure a rule needs and the case lacks. (Its reason, the same for every case,
/// was written when the rules loaded, by [`needs_text`]: a cross-province reference meets this
/// for a province in most of its cases.)
pub(crate) fn needs(field: &str, rule: &Rule) -> CaseError {
    CaseError::missing(field, rule.needs_text.clone())
}

/// Why a rule that lacks a figure of the case gives none: `规则 {id}（{description}）需要此项数值`.
pub(crate) fn needs_text(rule: &Rule) -> Text<'static> {
    Text::new(
        [
            "规则 ",
            &rule.id,
            "（",
            &rule.description_zh,
            "）需要此项数值",
        ]
        .concat(),
        [
            "rule ",
            &rule.id,
            " (",
            &rule.description_en,
            ") needs this figure",
        ]
        .concat(),
    )
}

/// Checked multiplication: an overflow is an error naming the field, never a panic.
pub(crate) fn mul(a: Decimal, b: Decimal, field: &str) -> Result<Decimal, CaseError> {
    a.checked_mul(b)
        .ok_or_else(|| CaseError::new(field, a.to_string(), Problem::Overflow))
}

pub(crate) use criminal::make_citations as make_criminal_citations;
pub(crate) use model::Placed;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::schema::NoteShare;
    use crate::rules::RuleBase;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// Estimates made one after another in the same lists, each estimate's handed back once it
    /// is done with (as a batch worker does), are the estimates made alone: nothing of one is
    /// left over in the next, whether it showed the model or not, or failed. Every example case,
    /// three times over, and cases that fail in between.
    #[test]
    fn estimates_made_in_recycled_lists_are_made_as_alone() {
        let rb = RuleBase::embedded().unwrap();
        let today = Date::parse("2026-11-22").unwrap();
        let mut cases = Vec::new();
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).unwrap();
                let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                cases.push(Case::from_json(&v).unwrap());
            }
        }
        assert!(cases.len() > 20, "{}", cases.len());
        // a case that fails: an unknown province, then a factor level the model does not know
        let mut unknown = cases[0].clone();
        unknown.province = "atlantis".into();
        let mut bad_level = cases[0].clone();
        bad_level.factors = vec![("fault".into(), "no-such-level".into())];
        cases.insert(3, unknown);
        cases.insert(7, bad_level);
        let mut lists = EstimateLists::default();
        let (mut made, mut failed) = (0, 0);
        for _ in 0..3 {
            for c in &cases {
                let alone = estimate(&rb, c, today);
                let mut with = estimate_with(&rb, c, today, &mut lists);
                assert_eq!(with, alone, "{c:?}");
                match &mut with {
                    Ok(e) => {
                        made += 1;
                        lists.recycle(e);
                    }
                    Err(_) => failed += 1,
                }
            }
        }
        assert_eq!(failed, 6);
        assert_eq!(made, 3 * (cases.len() - 2));
    }

    /// A band with no whole yuan in it: the cap, rounded down, wins over the floor rounded up.
    /// 0.5 in 0.4–0.6 is 1 half up, above the cap: down to 0; 0 is below the floor, whose 1 is
    /// above the cap: 0. Where a whole yuan fits (0.4–1.6), the floor's 1 stands.
    #[test]
    fn a_band_with_no_whole_yuan_in_it_rounds_to_its_cap() {
        let y = |x: &str, f: &str, c: &str| yuan_in_band(dec(x), dec(f), Some(dec(c)));
        assert_eq!(y("0.5", "0.4", "0.6"), dec("0"));
        assert_eq!(y("0.00203", "0.001", "0.005"), dec("0"));
        assert_eq!(y("0.41", "0.4", "1.6"), dec("1"));
        assert_eq!(y("1.2", "1.1", "1.9"), dec("1"));
        // no cap: the floor rounds up
        assert_eq!(yuan_in_band(dec("0.41"), dec("0.4"), None), dec("1"));
    }

    /// Repeats are dropped by source number and article, the first kept, in order: the set of
    /// numbers met only decides whether a citation is compared with those kept, a number past 63
    /// being in every set. Guangdong's spc-state-2014 is national.toml's by number.
    #[test]
    fn a_citation_repeating_an_earlier_ones_source_and_article_is_dropped() {
        let rb = RuleBase::embedded().unwrap();
        let nat = rb.national();
        let gd = rb.file("guangdong").unwrap();
        let (code, state, gd_state) = (
            nat.source("civil-code").unwrap(),
            nat.source("spc-state-2014").unwrap(),
            gd.source("spc-state-2014").unwrap(),
        );
        // two more sources numbered past 63: one id, two declarations
        let mut far = code.clone();
        far.id = "far".into();
        far.key = 70;
        let far_again = far.clone();
        let mut other = code.clone();
        other.id = "other".into();
        other.key = 64;
        let a1 = String::from("第一条");
        let a1_copy = a1.clone();
        let a2 = "第二条";
        let v = vec![
            citation(code, &a1),
            citation(state, a2),
            citation(&far, &a1),
            citation(gd_state, a2), // national.toml's spc-state-2014, 第二条: dropped
            citation(code, &a1_copy), // the same text elsewhere: dropped
            citation(&other, &a1),  // past 63, another id: kept
            citation(&far_again, &a1), // past 63, the same id and article: dropped
            citation(&far_again, a2), // the same id, another article: kept
            citation(code, a2),     // another article: kept
        ];
        let kept: Vec<(&str, &str)> = dedup(v).iter().map(|c| (c.source, c.article)).collect();
        assert_eq!(
            kept,
            [
                ("civil-code", "第一条"),
                ("spc-state-2014", "第二条"),
                ("far", "第一条"),
                ("other", "第一条"),
                ("far", "第二条"),
                ("civil-code", "第二条"),
            ]
        );
    }

    /// A share's unit is named when the rules load, as a case would name it (by hand for 1000),
    /// for every share that gives one.
    #[test]
    fn a_shares_unit_is_named_when_the_rules_load() {
        let t = unit_texts(dec("1000"));
        assert_eq!(
            t.note,
            Text::new(
                "数额以 1000 元为计数单位。",
                "amounts are in whole units of 1000 yuan."
            )
        );
        assert_eq!(
            t.label,
            Text::new(
                "取整：以 1000 元为计数单位",
                "rounding: in whole units of 1000 yuan"
            )
        );
        let rb = RuleBase::embedded().unwrap();
        let shares: Vec<_> = rb
            .files()
            .iter()
            .flat_map(|f| &f.rules)
            .filter_map(|r| r.share.as_ref())
            .collect();
        assert!(shares.iter().any(|s| s.round_to.is_some()));
        for s in shares {
            assert_eq!(
                s.unit_texts.as_ref().map(|t| (&t.note, &t.label)),
                s.round_to
                    .map(unit_texts)
                    .as_ref()
                    .map(|t| (&t.note, &t.label))
            );
        }
    }

    /// The notes without repeats, the first of each kept, in order.
    #[test]
    fn repeated_notes_are_dropped_in_place_keeping_the_first() {
        let t = |s: &'static str| Note::Written(Text::same(s));
        let mut v = vec![
            t("a"),
            t("b"),
            t("a"),
            t("c"),
            t("b"),
            Note::Written(Text::new("a", "other")),
        ];
        drop_repeated_notes(&mut v, 0);
        assert_eq!(
            v,
            [
                t("a"),
                t("b"),
                t("c"),
                Note::Written(Text::new("a", "other"))
            ]
        );
        // lengths 64 apart share a bit, and are still told apart
        let long = "x".repeat(65);
        let mut v = vec![
            t("a"),
            Note::Written(Text::same(long.clone())),
            t("a"),
            Note::Written(Text::same(long.clone())),
        ];
        drop_repeated_notes(&mut v, 0);
        assert_eq!(v, [t("a"), Note::Written(Text::same(long))]);
        let mut none: Vec<Note> = Vec::new();
        drop_repeated_notes(&mut none, 0);
        assert!(none.is_empty());
        // the notes before `from` are kept as they are, repeats and all, and are not compared
        // with those after it
        let left_out = || Note::LeftOut {
            rule: "r",
            error: Box::new(CaseError::new(
                "",
                "",
                Problem::Internal {
                    detail: String::new(),
                },
            )),
        };
        let mut v = vec![
            t("a"),
            t("a"),
            left_out(),
            t("a"),
            t("b"),
            t("a"),
            left_out(),
        ];
        drop_repeated_notes(&mut v, 2);
        assert_eq!(v, [t("a"), t("a"), left_out(), t("a"), t("b"), left_out()]);
    }

    /// `max_decimal` and `min_decimal` choose as `Decimal`'s own `max` and `min` do, down to which
    /// of two equal values at different scales comes back (the first, for both).
    #[test]
    fn max_and_min_choose_as_ord_does() {
        let pairs = [
            ("1", "1.00"),
            ("1.00", "1"),
            ("2.5", "2.49"),
            ("-3", "-3.0"),
            ("0", "-0.0"),
            ("0.000", "0"),
            (
                "79228162514264337593543950335",
                "0.0000000000000000000000000001",
            ),
            (
                "7922816251426433759354395033.5",
                "7922816251426433759354395033.50",
            ),
        ];
        for (a, b) in pairs {
            let (a, b) = (dec(a), dec(b));
            assert_eq!(
                max_decimal(a, b).serialize(),
                a.max(b).serialize(),
                "{a} {b}"
            );
            assert_eq!(
                min_decimal(a, b).serialize(),
                a.min(b).serialize(),
                "{a} {b}"
            );
        }
        // by hand: equal, the first for both
        assert_eq!(max_decimal(dec("1"), dec("1.00")).scale(), 0);
        assert_eq!(min_decimal(dec("1.00"), dec("1")).scale(), 2);
        assert_eq!(max_decimal(dec("2"), dec("2.5")), dec("2.5"));
        assert_eq!(min_decimal(dec("2"), dec("2.5")), dec("2"));
    }

    /// The two branches no shipped rule reaches: an estimate with no upper end (a rule whose cap
    /// is lifted). Base 100000 at 35% with a floor of 1000 is 35000, by hand.
    #[test]
    fn a_share_is_compared_with_an_estimate_that_has_no_upper_end() {
        let share = NoteShare {
            rate: dec("0.35"),
            floor: Some(dec("1000")),
        };
        let note = || Text::new("注。", "Note.");
        let open = |point: &str| Amount {
            low: dec("0"),
            point: dec(point),
            high: None,
        };
        // the point below the figure: it may still exceed it, having no upper end
        let t = share_check(note(), &share, dec("100000"), &open("12875")).unwrap();
        assert_eq!(
            t.zh,
            "注。按所给人身自由赔偿金、生命健康赔偿金总额（base_compensation）计算：100000 × 35% = 35000。估算区间不设上限，可超过 35000；估算金额 12875 未超过。本工具只作核对，未据此调整估算。"
        );
        assert_eq!(
            t.en,
            "Note. From the base_compensation given (the compensation for lost liberty and for life and health): 100000 × 35% = 35000. The estimate has no upper end, so it may exceed 35000; its point, 12875, does not. The tool states this for checking and has not changed the estimate."
        );
        // the point above the figure (and equal is not above: 不超过 includes the number)
        let t = share_check(note(), &share, dec("100000"), &open("40000")).unwrap();
        assert!(
            t.zh.ends_with(
                "估算金额 40000 超过 35000，且估算区间不设上限。本工具只作核对，未据此调整估算。"
            ),
            "{}",
            t.zh
        );
        assert!(
            t.en.contains("The estimate's point, 40000, exceeds 35000, and it has no upper end."),
            "{}",
            t.en
        );
        let t = share_check(note(), &share, dec("100000"), &open("35000")).unwrap();
        assert!(t.zh.contains("估算金额 35000 未超过"), "{}", t.zh);
    }
}
