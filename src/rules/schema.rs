//! The rule-file schema: what a `rules/*.toml` file may contain.
//!
//! One file per jurisdiction. A file declares its sources once (`[[source]]`) and cites them by
//! id from each rule, with the article. Every key is checked (`deny_unknown_fields`), so a
//! misspelt key is an error, never silently ignored. Amounts and coefficients are integers or
//! quoted decimals (`"0.4"`); an unquoted TOML float is refused (see [`crate::money::exact`]).
//!
//! A rule has exactly one kind table: `[rule.band]`, `[rule.tiers]`, `[rule.formula]`,
//! `[rule.multiple]`, `[rule.table]`, `[rule.share]`, `[rule.refuse]` or `[rule.reference]`,
//! and optionally `[rule.when]` (extra conditions) and `[rule.modifiers]`.
//! The tool's own modelling (six-factor weights, range widths) lives only in `[model]` of
//! `national.toml`, and is printed as the tool's model, never as law.

use crate::case::{Context, Harm, InjuryDegree, Party};
use crate::date::Date;
use crate::i18n::Text;
use crate::money::{exact, exact_opt, exact_vec, Decimal};
use serde::Deserialize;

/// `rules/regions.toml`: every provincial-level division, known with or without a standard.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionsFile {
    #[serde(rename = "region")]
    pub regions: Vec<Region>,
    /// `[[outside]]`: places a user may name that are not provincial-level divisions of the
    /// mainland (Hong Kong, Macao, Taiwan): a case there is told the tool does not cover it
    #[serde(default, rename = "outside")]
    pub outside: Vec<Outside>,
}

/// `[[outside]]` in regions.toml: a place the tool knows by name and does not cover.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outside {
    pub name_zh: String,
    pub name_en: String,
    /// every name a user may give it: `香港`, `hong-kong`, `hk`, `810000`
    pub names: Vec<String>,
}

/// One provincial-level division (or `national`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// pinyin id, lower case: `sichuan`, `neimenggu`, `national`
    pub id: String,
    /// full Chinese name: 四川省
    pub name_zh: String,
    /// English name: Sichuan
    pub name_en: String,
    /// the one-character short name(s): 川, 蜀
    #[serde(default)]
    pub short: Vec<String>,
    /// GB/T 2260 code: 510000
    #[serde(default)]
    pub code: Option<String>,
    /// other names users type: 四川, sc, 四川省
    #[serde(default)]
    pub aliases: Vec<String>,
    /// neither full name holds what JSON escapes (a `"`, `\` or control character), as found
    /// when the rules loaded: the JSON writer copies them as they are into the cross-province
    /// reference's steps, one for every province
    #[serde(skip)]
    pub(crate) names_plain: bool,
    /// the notes that name the region and say nothing else of the case (filled in when the rules
    /// load)
    #[serde(skip)]
    pub(crate) notes: RegionNotes,
}

/// An estimate's notes that name its region, as [`crate::calc`] words them: see [`Region::notes`].
#[derive(Debug, Clone, Default)]
pub(crate) struct RegionNotes {
    /// its own rules have no standard for the case, and the national rules apply
    pub no_standard: Text<'static>,
    /// neither its rules nor the national ones give a figure (a cross-province reference)
    pub no_figure: Text<'static>,
}

impl Region {
    /// Every name the region is known by: id, names, short names, aliases and code.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        [&self.id, &self.name_zh, &self.name_en]
            .into_iter()
            .chain(&self.short)
            .chain(&self.aliases)
            .chain(self.code.as_ref())
    }
}

/// One jurisdiction's rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub jurisdiction: Header,
    #[serde(default, rename = "source")]
    pub sources: Vec<Source>,
    #[serde(default, rename = "rule")]
    pub rules: Vec<Rule>,
    /// national.toml only: the law that lists the six factors, dated.
    #[serde(default, rename = "factor_basis")]
    pub factor_basis: Vec<FactorBasis>,
    /// national.toml only: the tool's six-factor model (not law).
    #[serde(default)]
    pub model: Option<Model>,
    /// notes that apply to every case of a context (e.g. 交强险 priority for traffic cases)
    #[serde(default, rename = "context_note")]
    pub context_notes: Vec<ContextNote>,
    /// national.toml only: criminal classification of personal-information cases.
    #[serde(default)]
    pub criminal_info: Option<CriminalInfo>,
    /// severities the law attaches to facts of the case, for a case that names none
    #[serde(default, rename = "severity_from_facts")]
    pub severity_from_facts: Vec<SeverityFromFacts>,
    /// for each harm (by its place in [`Harm`]), the indices in `rules` of the rules that cover
    /// it, in file order (filled in when the rules load): a case looks for the first rule that
    /// matches, in its own file and the national one, and a cross-province reference in every
    /// file, and most rules are for another harm
    #[serde(skip)]
    pub(crate) rules_by_harm: Vec<Vec<usize>>,
    /// `rules_by_harm` for each context too (by its place in [`Context`]): the rules that cover
    /// both, in file order, the only ones a rule is chosen from for a case (filled in when the
    /// rules load)
    #[serde(skip)]
    pub(crate) rules_by_case: Vec<Vec<Vec<usize>>>,
    /// for each context (by its place in [`Context`]), the indices in `context_notes` of the
    /// notes for it, in file order (filled in when the rules load): every case goes through the
    /// notes of its context, in its own file and the national one
    #[serde(skip)]
    pub(crate) notes_by_context: Vec<Vec<usize>>,
}

/// `[jurisdiction]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// must equal a region id in regions.toml (and the file name)
    pub id: String,
    /// one line on what this file covers, Chinese and English
    pub summary_zh: String,
    pub summary_en: String,
}

/// The status of a source, as PROVISIONS.md gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    InForce,
    Superseded,
    Historical,
    Unknown,
    Practice,
}

/// How far a figure was confirmed (PROVISIONS.md labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confirmation {
    Confirmed,
    Partial,
    SeedOnly,
    Unattributed,
}

/// `[[source]]`: a document (or a practice table) that rules cite.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// short id cited by rules: `sc-opinion`
    pub id: String,
    /// the document's title in Chinese, as issued: 《…》
    pub title: String,
    /// an English rendering of the title
    pub title_en: String,
    pub issuer: String,
    /// the issuer in English (for English reports); the Chinese name when absent
    #[serde(default)]
    pub issuer_en: Option<String>,
    /// document number (文号), when known
    #[serde(default)]
    pub number: Option<String>,
    /// date as far as known: `2005-09`, `2000`, `2021-02-07`
    #[serde(default)]
    pub date: Option<String>,
    /// first day in force, when known
    #[serde(default)]
    pub effective: Option<Date>,
    /// where `effective` is not known: the earliest day the document can date from, as far as its
    /// date is known (Jiangsu's guidance of 2005-09: 2005-09-01; Sichuan's undated opinion
    /// implements the 2001 interpretation, so 2001-01-01)
    #[serde(default)]
    pub not_before: Option<Date>,
    pub status: Status,
    /// for superseded: the source id (or a title) that replaced it
    #[serde(default)]
    pub superseded_by: Option<String>,
    /// for superseded: the first day of the replacement
    #[serde(default)]
    pub superseded_from: Option<Date>,
    /// why the status is what it is, in Chinese and English
    pub status_note_zh: String,
    pub status_note_en: String,
    pub confirmation: Confirmation,
    /// where PROVISIONS.md discusses it, e.g. `PROVISIONS.md B1`
    pub reference: String,
    /// the day someone last checked this source against PROVISIONS.md
    #[serde(default)]
    pub last_checked: Option<Date>,
    /// the source's part of every citation of it, as JSON (filled in when the rules load)
    #[serde(skip)]
    pub(crate) json: crate::report::json_write::SourceJson,
    /// the same number for every source of this id in the rule base, and a different one for
    /// every other id (filled in when the rules load): an estimate drops a citation that repeats
    /// an earlier one's source and article, and Guangdong declares national.toml's
    /// spc-state-2014 again, so the ids, not the declarations, are what is compared
    #[serde(skip)]
    pub(crate) key: usize,
}

/// `[[rule]]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// `<jurisdiction>.<name>`: `sichuan.disability`
    pub id: String,
    pub description_zh: String,
    pub description_en: String,
    /// the harms this rule covers
    pub harms: Vec<Harm>,
    /// the contexts this rule covers
    pub contexts: Vec<Context>,
    /// the cited source's id
    pub source: String,
    /// the article, in the source's own numbering: `第二十五条第（三）项`, `三、2`
    pub article: String,
    /// the short quoted text of the provision
    #[serde(default)]
    pub quote: Option<String>,
    /// first and last day the rule applies (inclusive); open when absent
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub until: Option<Date>,
    /// overrides the source's status for this rule (one document, parts of different standing)
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub status_note_zh: Option<String>,
    #[serde(default)]
    pub status_note_en: Option<String>,
    /// national.toml: apply before any province's own rules (a refusal the law makes everywhere)
    #[serde(default)]
    pub everywhere: bool,
    #[serde(default)]
    pub when: Option<When>,
    #[serde(default)]
    pub modifiers: Modifiers,
    /// notes always printed with this rule
    #[serde(default)]
    pub notes_zh: Vec<String>,
    #[serde(default)]
    pub notes_en: Vec<String>,

    // exactly one of the kinds below
    #[serde(default)]
    pub band: Option<Band>,
    #[serde(default)]
    pub tiers: Option<Tiers>,
    #[serde(default)]
    pub formula: Option<Formula>,
    #[serde(default)]
    pub multiple: Option<Multiple>,
    #[serde(default)]
    pub table: Option<Table>,
    #[serde(default)]
    pub share: Option<Share>,
    #[serde(default)]
    pub refuse: Option<Refuse>,
    #[serde(default)]
    pub reference: Option<Reference>,

    /// `article` in both languages, read once when the rule base loads (not a TOML key)
    #[serde(skip)]
    pub article_text: Text<'static>,
    /// the text of each band the rule itself gives (its band, or each of its tiers), as
    /// (floor, cap, `floor – cap`), written once when the rules load: a cross-province reference
    /// writes one band for every province, and a band that no modifier changed is one of these
    #[serde(skip)]
    pub(crate) band_texts: Vec<(Decimal, Option<Decimal>, String)>,
    /// the index of `source` in its file's sources (filled in when the rules load: validation
    /// makes sure the file declares it; every estimate cites its rule)
    #[serde(skip)]
    pub(crate) source_index: usize,
    /// why the rule gives no figure for a case that lacks one it needs (filled in when the rules
    /// load, by [`crate::calc::needs_text`])
    #[serde(skip)]
    pub(crate) needs_text: Text<'static>,
}

/// `[rule.when]`: extra conditions; every one given must hold.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// the case's injury degree is one of these
    #[serde(default)]
    pub injury_degree: Option<Vec<InjuryDegree>>,
    /// the case has (true) or lacks (false) a disability grade
    #[serde(default)]
    pub has_grade: Option<bool>,
    /// the case's severity is one of these names
    #[serde(default)]
    pub severity: Option<Vec<String>>,
    /// the infringer is one of these
    #[serde(default)]
    pub infringer: Option<Vec<Party>>,
    /// the victim is one of these
    #[serde(default)]
    pub victim: Option<Vec<Party>>,
    /// the case's fault level (model level name) is one of these
    #[serde(default)]
    pub fault: Option<Vec<String>>,
}

/// `[rule.modifiers]`: adjustments the provision itself makes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Modifiers {
    /// the victim's own fault reduces the amount in proportion (× (1 − victim_fault))
    #[serde(default)]
    pub victim_fault_reduces: bool,
    /// the article that makes the victim's fault reduce the amount, when it is not the rule's
    /// own article (Beijing: item 27, for the rules of items 25 and 26)
    #[serde(default)]
    pub victim_fault_article: Option<String>,
    /// an organisation as infringer multiplies the band: floor × low, cap × high
    #[serde(default)]
    pub organization_multiplier: Option<Multiplier>,
    /// infringement for profit lifts the cap; the infringer's gain guides the amount
    #[serde(default)]
    pub profit_lifts_cap: bool,
    /// the amount may exceed the cap or formula when circumstances are egregious
    #[serde(default)]
    pub may_exceed: Option<MayExceed>,
    /// joint tortfeasors share one cap
    #[serde(default)]
    pub shared_cap: bool,
    /// one act harming several persons: each victim assessed separately
    #[serde(default)]
    pub per_victim: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Multiplier {
    #[serde(deserialize_with = "exact")]
    pub low: Decimal,
    #[serde(deserialize_with = "exact")]
    pub high: Decimal,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MayExceed {
    /// `circumstances` levels that open the upper end (e.g. `egregious`)
    pub circumstances: Vec<String>,
    pub note_zh: String,
    pub note_en: String,
    /// a higher figure the provision names for that case (Shaanxi: 50000 with 审委会 approval)
    #[serde(default, deserialize_with = "exact_opt")]
    pub to: Option<Decimal>,
    /// for a tiered rule: the tiers the raise applies to; open to every tier when absent
    /// (Shaanxi: "若在以上规定的最高限额内仍不足以给当事人精神抚慰的" — the rule file reads it as
    /// beyond the top tier, where the committee's 20000–50000 begins)
    #[serde(default)]
    pub tiers: Option<Vec<String>>,
    /// the article that allows the raise, when it is not the rule's own article (Shaanxi: item 3,
    /// for the death and disability rules of items 1 and 2); the raise's step cites it
    #[serde(default)]
    pub article: Option<String>,
}

/// `[rule.band]`: floor and cap; the six factors place the estimate inside.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    #[serde(default, deserialize_with = "exact_opt")]
    pub floor: Option<Decimal>,
    #[serde(default, deserialize_with = "exact_opt")]
    pub cap: Option<Decimal>,
}

/// `[rule.tiers]`: named tiers, each a band; chosen by the case's `severity`, or from the
/// six-factor score when the case names none.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tiers {
    #[serde(rename = "tier")]
    pub tiers: Vec<Tier>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// the severity name a case uses: `general`, `serious`, `especially-serious`, `level-2`
    pub name: String,
    /// other accepted names: `二级`
    #[serde(default)]
    pub aliases: Vec<String>,
    pub label_zh: String,
    pub label_en: String,
    #[serde(deserialize_with = "exact")]
    pub floor: Decimal,
    #[serde(deserialize_with = "exact")]
    pub cap: Decimal,
    /// the generic severities (`especially-serious`) this rule has no tier of its own for that
    /// this tier takes in, and why (`covers_note_zh`/`_en`, required with it): the rule file's
    /// reading of its provision (Shandong: 特别严重 harm is serious harm, its 严重精神损害 tier)
    #[serde(default)]
    pub covers: Vec<String>,
    #[serde(default)]
    pub covers_note_zh: Option<String>,
    #[serde(default)]
    pub covers_note_en: Option<String>,
}

/// What a formula's or multiple's result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Yields {
    /// the amount itself
    Point,
    /// the cap of a band from 0; the six factors place the estimate below it
    Cap,
}

/// `[rule.formula]`: base × grade coefficient (× liability).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formula {
    #[serde(deserialize_with = "exact")]
    pub base: Decimal,
    /// coefficient for grades 1..=10, in order
    #[serde(deserialize_with = "exact_vec")]
    pub grade_coefficients: Vec<Decimal>,
    /// multiply by the defendant's liability share (责任系数)
    #[serde(default)]
    pub apply_liability: bool,
    pub yields: Yields,
}

/// Which case statistic a `multiple` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Statistic {
    AvgWage,
    AvgLivingExpense,
}

/// `[rule.multiple]`: a statistic × a multiple (or years).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Multiple {
    pub statistic: Statistic,
    #[serde(deserialize_with = "exact")]
    pub multiple: Decimal,
    pub yields: Yields,
    #[serde(default)]
    pub age_reduction: Option<AgeReduction>,
}

/// Years reduced with age: from `from_age`, `per_year` less per year of age, at least `min`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeReduction {
    pub from_age: u32,
    #[serde(deserialize_with = "exact")]
    pub per_year: Decimal,
    #[serde(deserialize_with = "exact")]
    pub min: Decimal,
}

/// `[rule.table]`: a lookup by detention days; each row has a cap and an especially-serious cap.
/// Rows are in ascending order of `up_to_days`; a value on a boundary belongs to the lower row.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    #[serde(rename = "row")]
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableRow {
    /// the row covers days up to and including this; absent on the last row (open)
    #[serde(default)]
    pub up_to_days: Option<u32>,
    /// the provision's words for the row: `二十日以上、二个月以下`
    pub label_zh: String,
    pub label_en: String,
    #[serde(deserialize_with = "exact")]
    pub cap: Decimal,
    #[serde(deserialize_with = "exact")]
    pub severe_cap: Decimal,
}

/// How a share relates to the award.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ShareMode {
    /// the share is the cap (at most rate × base)
    Cap,
    /// the share is where the award starts; no cap (may exceed rate × base)
    Above,
}

/// `[rule.share]`: a percentage of `base_compensation` with a floor.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Share {
    #[serde(deserialize_with = "exact")]
    pub rate: Decimal,
    pub mode: ShareMode,
    #[serde(deserialize_with = "exact")]
    pub floor: Decimal,
    /// amounts in multiples of this (1000 under 法释〔2021〕3号 第十条)
    #[serde(default, deserialize_with = "exact_opt")]
    pub round_to: Option<Decimal>,
    /// the article that sets `round_to`, when it is narrower than the rule's `article` (the
    /// rounding step cites it; else it cites the rule's article)
    #[serde(default)]
    pub round_to_article: Option<String>,
    /// `round_to_article` in both languages, read once when the rule base loads (not a TOML key)
    #[serde(skip)]
    pub round_to_article_text: Option<Text<'static>>,
    /// what an estimate says of `round_to`, written once when the rule base loads: the note that
    /// amounts are in whole units of it, and the rounding step's label
    #[serde(skip)]
    pub(crate) unit_texts: Option<UnitTexts>,
}

/// The texts that name a share's unit: see [`Share::unit_texts`].
#[derive(Debug, Clone)]
pub(crate) struct UnitTexts {
    pub note: Text<'static>,
    pub label: Text<'static>,
}

/// `[rule.refuse]`: the law gives nothing here; the estimate is 0 with this reason.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Refuse {
    pub reason_zh: String,
    pub reason_en: String,
}

/// `[rule.reference]`: the provision supports a claim but gives no figure; the estimate is the
/// cross-province reference range, labelled as such.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub reason_zh: String,
    pub reason_en: String,
}

/// `[[factor_basis]]`: which article lists the six factors, by date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorBasis {
    pub source: String,
    pub article: String,
    /// the contexts the article speaks to; empty: every context
    #[serde(default)]
    pub contexts: Vec<Context>,
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub until: Option<Date>,
    /// the article's six items, in order, as the text of that version words them
    pub items_zh: Vec<String>,
    /// the index of `source` in national.toml's sources (filled in when the rules load)
    #[serde(skip)]
    pub(crate) source_index: usize,
}

/// `[model]`: the tool's six-factor model. Not law.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    pub label_zh: String,
    pub label_en: String,
    /// half-width of the range, as a share of the band, when every factor is known
    #[serde(deserialize_with = "exact")]
    pub base_width: Decimal,
    /// extra half-width per unit of weight of the unknown factors
    #[serde(deserialize_with = "exact")]
    pub unknown_width: Decimal,
    #[serde(rename = "factor")]
    pub factors: Vec<Factor>,
    /// consequence level read from the disability grade when the case gives none
    #[serde(default, rename = "grade_consequence")]
    pub grade_consequence: Vec<GradeConsequence>,
    /// consequence level read from the injury degree / death when the case gives none
    #[serde(default)]
    pub death_consequence: Option<String>,
    #[serde(default)]
    pub injury_consequence: Vec<InjuryConsequence>,
    /// gain level read from `profit_motive: true` or a positive `gain` when the case gives none
    #[serde(default)]
    pub profit_gain: Option<String>,
    /// gain level read from `profit_motive: false` with no gain
    #[serde(default)]
    pub no_profit_gain: Option<String>,
    /// the factors' weights summed, in their order (filled in when the rules load: every case
    /// divides by it)
    #[serde(skip)]
    pub(crate) total_weight: Decimal,
    /// the half-width, rounded, of a case whose unknown factors are those of the set `i` (bit
    /// `k` for `factors[k]`), for every such set (filled in when the rules load, when there are
    /// at most [`crate::calc::model::WIDTH_TABLE_FACTORS`] factors; else empty, and each case
    /// works its own out): it depends on nothing else of the case, and was a division for every one
    #[serde(skip)]
    pub(crate) widths: Vec<Decimal>,
    /// the scale at which every level's `weighted` has its mantissa in `weighted_at`, when all of
    /// them and any case's sum of them fit 64 bits there (filled in when the rules load; else
    /// `None`, and a case adds the decimals themselves)
    #[serde(skip)]
    pub(crate) weighted_scale: Option<u32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    /// one of: fault, circumstances, consequence, gain, ability, living_standard
    pub id: String,
    pub label_zh: String,
    pub label_en: String,
    #[serde(deserialize_with = "exact")]
    pub weight: Decimal,
    /// the level an unknown factor counts as
    pub default: String,
    #[serde(rename = "level")]
    pub levels: Vec<Level>,
    /// the index in `levels` of `default` (filled in when the rules load: validation makes sure
    /// it is there; every factor of every case looks at it)
    #[serde(skip)]
    pub(crate) default_index: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub name: String,
    pub label_zh: String,
    pub label_en: String,
    #[serde(deserialize_with = "exact")]
    pub score: Decimal,
    /// a factor's JSON at this level, up to `"known":`, in each language (filled in when the
    /// rules load: the same for every case at this level)
    #[serde(skip)]
    pub(crate) json: [Vec<u8>; 2],
    /// the factor's weight × this score, as every case at this level adds it to the score
    /// (filled in when the rules load)
    #[serde(skip)]
    pub(crate) weighted: Decimal,
    /// `weighted`'s mantissa at the model's `weighted_scale`, where it has one (filled in when the
    /// rules load)
    #[serde(skip)]
    pub(crate) weighted_at: u64,
    /// |weight × (this score − the default level's score)| where it is above zero: how far a
    /// case at this level pulls from the default (filled in when the rules load)
    #[serde(skip)]
    pub(crate) pull: Option<Decimal>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeConsequence {
    pub grades: Vec<u8>,
    pub level: String,
    /// for each of `grades`, why a case of that grade is at `level`: `disability_grade = 3`
    /// (written when the rules load: every case with a grade and no consequence of its own says so)
    #[serde(skip)]
    pub(crate) why: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InjuryConsequence {
    pub degree: InjuryDegree,
    pub level: String,
}

/// `[criminal_info]`: 刑法 第253条之一 with 法释〔2017〕10号 第五条.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriminalInfo {
    /// the interpretation's source id and article
    pub source: String,
    pub article: String,
    /// the statute's source id and article (the sentencing ranges)
    pub statute_source: String,
    pub statute_article: String,
    /// item counts at which 情节严重 starts, by category (inclusive)
    #[serde(deserialize_with = "exact")]
    pub sensitive: Decimal,
    #[serde(deserialize_with = "exact")]
    pub important: Decimal,
    #[serde(deserialize_with = "exact")]
    pub other: Decimal,
    /// illegal gain at which 情节严重 starts (inclusive)
    #[serde(deserialize_with = "exact")]
    pub gain: Decimal,
    /// insiders: thresholds divided by this (一半 → 2)
    #[serde(deserialize_with = "exact")]
    pub insider_divisor: Decimal,
    /// the tiers, mildest first; each multiplies the thresholds
    #[serde(rename = "tier")]
    pub tiers: Vec<CriminalTier>,
    pub notes_zh: Vec<String>,
    pub notes_en: Vec<String>,

    /// the citation of a case below every tier (the statute and `article`), made once when the
    /// rule base loads (not a TOML key)
    #[serde(skip)]
    pub citation: Text<'static>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriminalTier {
    /// `serious` or `especially-serious`
    pub name: String,
    pub label_zh: String,
    pub label_en: String,
    #[serde(deserialize_with = "exact")]
    pub multiplier: Decimal,
    /// the interpretation's item that sets it
    pub article: String,
    pub sentence_zh: String,
    pub sentence_en: String,

    /// the citation of a case in this tier (the statute and `article`), made once when the rule
    /// base loads (not a TOML key)
    #[serde(skip)]
    pub citation: Text<'static>,
    /// this tier's thresholds (sensitive, important and other items, gain), each the file's
    /// figure × (multiplier / divisor): `[0]` for an outsider (divisor 1), `[1]` for an insider
    /// (`insider_divisor`). Worked out once when the rules load, with the same operations every
    /// personal-information case made.
    #[serde(skip)]
    pub(crate) thresholds: [[Decimal; 4]; 2],
}

/// `[[severity_from_facts]]`: the severity a provision attaches to a fact of the case (state
/// compensation: death, or detention of ten years or more, is 后果特别严重), used when the case
/// names no severity. The fact is the harm (`harms`), a detention at least `min_detention_days`
/// or at most `max_detention_days` long, an injury degree (`injury_degrees`), or several.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityFromFacts {
    pub contexts: Vec<Context>,
    /// the case's harm is one of these (empty: any harm)
    #[serde(default)]
    pub harms: Vec<Harm>,
    /// the case's detention_days is at least this
    #[serde(default)]
    pub min_detention_days: Option<u32>,
    /// the case's detention_days is given and at most this
    #[serde(default)]
    pub max_detention_days: Option<u32>,
    /// the case's injury_degree is given and one of these
    #[serde(default)]
    pub injury_degrees: Vec<InjuryDegree>,
    /// the severity it implies: general, serious or especially-serious
    pub severity: String,
    pub source: String,
    pub article: String,
    pub note_zh: String,
    pub note_en: String,
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub until: Option<Date>,
}

/// `[[context_note]]`: a provision to mention for every case of these contexts (and harms).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextNote {
    pub contexts: Vec<Context>,
    /// empty: every harm
    #[serde(default)]
    pub harms: Vec<Harm>,
    pub source: String,
    pub article: String,
    pub note_zh: String,
    pub note_en: String,
    /// whether `note_zh` or `note_en` has `{days}` in it (filled in when the rules load)
    #[serde(skip)]
    pub(crate) has_days: bool,
    /// first and last day of the case dates the note is given for (inclusive); open when absent
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub until: Option<Date>,
    /// only for a case whose detention_days is at most this (`{days}` in the note is replaced)
    #[serde(default)]
    pub max_detention_days: Option<u32>,
    /// only for a case whose injury_degree is one of these; empty: any case
    #[serde(default)]
    pub injury_degrees: Vec<InjuryDegree>,
    /// only when the estimate rests on one of these rules (ids of this file); empty: any rule
    #[serde(default)]
    pub rules: Vec<String>,
    /// `[context_note.share]`: the provision's figure as a share of `base_compensation`. When the
    /// case gives that base, the note also states the figure with its arithmetic and whether the
    /// estimate's point and high exceed it; the estimate itself is not changed.
    #[serde(default)]
    pub share: Option<NoteShare>,
    /// the source the note cites (filled in when the rules load): the index in national.toml's
    /// sources where it declares this id, whichever file the note is in (Guangdong's note cites
    /// the 2014 opinion as national.toml declares it), else in the note's own file's
    #[serde(skip)]
    pub(crate) cited: NoteSource,
}

/// Where a context note's source is declared, by its index in that file's sources: see
/// [`ContextNote::cited`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum NoteSource {
    National(usize),
    Own(usize),
}

impl Default for NoteSource {
    fn default() -> NoteSource {
        NoteSource::National(0)
    }
}

/// `[context_note.share]`: rate × the case's `base_compensation`, at least `floor`, down to
/// whole yuan (the share is a cap: the tool's rounding rule). State compensation only: `base_compensation` is the
/// compensation for lost liberty and for life and health.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteShare {
    /// in (0, 1]: `"0.35"`
    #[serde(deserialize_with = "exact")]
    pub rate: Decimal,
    /// the provision's minimum (最低不少于), when it gives one
    #[serde(default, deserialize_with = "exact_opt")]
    pub floor: Option<Decimal>,
}
