//! The rule base: every jurisdiction's provisions as data.
//!
//! The rule base is a set of TOML files (see [`schema`]): `regions.toml` names every
//! provincial-level division, and one file per jurisdiction holds its sources and rules.
//! The default set is compiled in ([`RuleBase::embedded`]); [`RuleBase::load`] builds one from
//! any set of (file name, text) pairs — the CLI reads a directory and passes its files here
//! ([`RuleBase::load_read`], with the reason for each file it could not read), so loading itself
//! does no I/O. Loading validates everything and reports every problem.

pub mod schema;
mod toml_text;
mod validate;

use crate::date::Date;
use crate::i18n::{suggest, Lang, Text};
use schema::{Model, NoteSource, Outside, Region, RegionsFile, Rule, RuleFile, Source};
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

pub use validate::Problem as RuleProblem;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// The name of the file that lists the regions.
pub const REGIONS_FILE: &str = "regions.toml";
/// The id of the national rules.
pub const NATIONAL: &str = "national";

/// A loaded, validated rule base.
#[derive(Debug, Clone)]
pub struct RuleBase {
    regions: Vec<Region>,
    /// normalised name → index into `regions`
    names: HashMap<String, usize, BuildHasherDefault<NameHasher>>,
    /// one per rule file, sorted by id with `national` first
    files: Vec<RuleFile>,
    /// the index into `regions` of each file's jurisdiction, in the order of `files`: a
    /// cross-province reference names the region of every file it goes through, for every case
    file_regions: Vec<Option<usize>>,
    /// the index into `files` of each region's rule file, in the order of `regions`: every case
    /// looks up its place's
    region_files: Vec<Option<usize>>,
    /// places known by name that the tool does not cover
    outside: Vec<Outside>,
    /// for each harm and context (by their places in [`crate::case::Harm`] and
    /// [`crate::case::Context`]), the indices into `files`, in order, of the files other than
    /// `national` with a rule for both: the only ones a cross-province reference can take a
    /// figure from, among files most of which have none
    cross_files: Vec<Vec<Vec<usize>>>,
}

/// A resolved region and, if it has one, its rule file.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub region: &'a Region,
    pub file: Option<&'a RuleFile>,
}

/// The problems found in a rule base, all at once.
#[derive(Debug, Clone)]
pub struct RuleErrors(pub Vec<RuleProblem>);

impl RuleErrors {
    /// The problems, one indented line each, in the report's language.
    pub fn lines(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|p| format!("\n  {}", p.line(lang)))
            .collect()
    }
}

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} problem(s) in the rule base:", self.0.len())?;
        write!(f, "{}", self.lines(Lang::En))
    }
}

impl std::error::Error for RuleErrors {}

/// FNV-1a, for the table of region names: every case looks its place up there, and SipHash
/// (the default, built against crafted keys) cost more than the rest of the lookup. The table is
/// the rule base's own few hundred names, so a crafted name can only make its own lookup slower.
struct NameHasher(u64);

impl Default for NameHasher {
    fn default() -> NameHasher {
        NameHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

fn normalise(name: &str) -> String {
    name.trim().to_lowercase().replace([' ', '_'], "-")
}

/// The longest name [`with_normalised`] normalises on the stack.
const SHORT_NAME: usize = 64;

/// Calls `f` with [`normalise`]`(name)`, made without an allocation for a short name that is
/// ASCII once trimmed (`Sichuan`, `INNER_MONGOLIA`, ` beijing `): for ASCII, lowercasing is
/// ASCII lowercasing, byte for byte. Any other name is normalised the full way.
fn with_normalised<T>(name: &str, f: impl FnOnce(&str) -> T) -> T {
    let t = name.trim();
    if t.is_ascii() && t.len() <= SHORT_NAME {
        let mut buf = [0u8; SHORT_NAME];
        for (o, b) in buf.iter_mut().zip(t.bytes()) {
            *o = match b {
                b' ' | b'_' => b'-',
                b => b.to_ascii_lowercase(),
            };
        }
        // (ASCII in, ASCII out: always UTF-8)
        if let Ok(n) = std::str::from_utf8(&buf[..t.len()]) {
            return f(n);
        }
    }
    f(&normalise(name))
}

impl RuleBase {
    /// The rule base compiled into the binary.
    pub fn embedded() -> Result<RuleBase, RuleErrors> {
        let files: Vec<(String, String)> = embedded::EMBEDDED
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        RuleBase::load(&files)
    }

    /// The embedded files, as (file name, text).
    pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
        embedded::EMBEDDED
    }

    /// Builds a rule base from (file name, TOML text) pairs, validating all of it.
    pub fn load(files: &[(String, String)]) -> Result<RuleBase, RuleErrors> {
        RuleBase::build(files.iter().map(|(n, t)| (n.as_str(), Ok(t.as_str()))))
    }

    /// [`RuleBase::load`] for files the caller tried to read, some perhaps in vain: each is its
    /// text, or why it could not be read (in both languages). A file that could not be read is one
    /// more problem, naming it and giving the reason, and the others are checked all the same, as
    /// they are beside a file that does not parse: every problem is reported at once.
    pub fn load_read(
        files: &[(String, Result<String, Text<'static>>)],
    ) -> Result<RuleBase, RuleErrors> {
        RuleBase::build(
            files
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_ref().map(String::as_str))),
        )
    }

    fn build<'a>(
        files: impl Iterator<Item = (&'a str, Result<&'a str, &'a Text<'static>>)>,
    ) -> Result<RuleBase, RuleErrors> {
        let mut problems = Vec::new();
        let mut regions = None;
        let mut outside = Vec::new();
        let mut parsed = Vec::new();
        for (name, text) in files {
            let text = match text {
                _ if name != REGIONS_FILE && !name.ends_with(".toml") => continue,
                Ok(t) => t,
                Err(reason) => {
                    problems.push(RuleProblem::unreadable(name, reason));
                    continue;
                }
            };
            if name == REGIONS_FILE {
                match toml::from_str::<RegionsFile>(text) {
                    Ok(r) => {
                        regions = Some(r.regions);
                        outside = r.outside;
                    }
                    Err(e) => problems.push(RuleProblem::parse(name, text, &e)),
                }
            } else {
                match toml::from_str::<RuleFile>(text) {
                    Ok(f) => parsed.push((name.to_string(), f)),
                    Err(e) => problems.push(RuleProblem::parse(name, text, &e)),
                }
            }
        }
        let regions = match regions {
            Some(r) => r,
            None => {
                problems.push(RuleProblem::new(
                    REGIONS_FILE,
                    None,
                    "",
                    Text::new(
                        "缺少文件：规则库必须有列出全部地区的 regions.toml",
                        "missing: the rule base needs regions.toml listing every region",
                    ),
                ));
                Vec::new()
            }
        };
        problems.extend(validate::check(&regions, &parsed));
        // every region's names, normalised, each to the first region that has it: made before
        // the check below, which looks each outside name up here (normalising every region's
        // every name again for each outside name was 10,000 allocations, most of the loading's
        // own time)
        let mut names: HashMap<String, usize, BuildHasherDefault<NameHasher>> = HashMap::default();
        for (i, r) in regions.iter().enumerate() {
            for n in r.names() {
                names.entry(normalise(n)).or_insert(i);
            }
        }
        // a place outside the tool's coverage cannot share a name with a region it covers
        for o in &outside {
            for n in &o.names {
                if let Some(r) = names.get(&normalise(n)).map(|&i| &regions[i]) {
                    problems.push(RuleProblem::new(
                        REGIONS_FILE,
                        None,
                        "outside.names",
                        Text::new(
                            format!(
                                "“{n}”既是不涵盖的{}的名称，又是地区 {} 的名称",
                                o.name_zh, r.id
                            ),
                            format!(
                                "{n:?} names both {}, which is not covered, and the region {}",
                                o.name_en, r.id
                            ),
                        ),
                    ));
                }
            }
        }
        if !problems.is_empty() {
            return Err(RuleErrors(problems));
        }
        // the names the cross-province reference's steps give, one for every province: the
        // JSON writer copies those that hold nothing it would escape as they are; and the notes
        // that name only the region
        let mut regions = regions;
        for r in &mut regions {
            let plain = |s: &str| !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\');
            r.names_plain = plain(&r.name_zh) && plain(&r.name_en);
            r.notes = crate::calc::region_notes(&r.name_zh, &r.name_en);
        }
        let mut files: Vec<RuleFile> = parsed.into_iter().map(|(_, f)| f).collect();
        // every estimate cites its rules' articles: read each into English once, here
        for r in files.iter_mut().flat_map(|f| f.rules.iter_mut()) {
            r.article_text = Text::article(&r.article);
            r.needs_text = crate::calc::needs_text(r);
            let bands = r.band.iter().map(|b| (b.floor.unwrap_or_default(), b.cap));
            let tiers = r.tiers.iter().flat_map(|t| &t.tiers);
            r.band_texts = bands
                .chain(tiers.map(|t| (t.floor, Some(t.cap))))
                .map(|(floor, cap)| (floor, cap, crate::calc::band_text(floor, cap)))
                .collect();
            if let Some(s) = &mut r.share {
                s.round_to_article_text = s.round_to_article.as_deref().map(Text::article);
                s.unit_texts = s.round_to.map(crate::calc::unit_texts);
            }
        }
        // and each source's part of every citation of it, as JSON
        for s in files.iter_mut().flat_map(|f| f.sources.iter_mut()) {
            s.json = crate::report::json_write::SourceJson::of(s);
        }
        // and each model factor's JSON at each of its levels
        for m in files.iter_mut().filter_map(|f| f.model.as_mut()) {
            // and what every evaluation would otherwise work out again from the model alone:
            // the sum of the weights, each factor's default level, and each level's weighted
            // score and pull (the same Decimal operations, in the same order, as evaluate's)
            m.total_weight = m.factors.iter().map(|f| f.weight).sum();
            // the half-width for each set of unknown factors, the unknown weight summed in
            // factor order as evaluate sums it
            if m.factors.len() <= crate::calc::model::WIDTH_TABLE_FACTORS {
                let widths = (0..1usize << m.factors.len())
                    .map(|set| {
                        let mut unknown = rust_decimal::Decimal::ZERO;
                        for (k, f) in m.factors.iter().enumerate() {
                            if set & (1 << k) != 0 {
                                unknown += f.weight;
                            }
                        }
                        crate::calc::model::width(m, unknown)
                    })
                    .collect();
                m.widths = widths;
            }
            for gc in &mut m.grade_consequence {
                gc.why = gc
                    .grades
                    .iter()
                    .map(|g| ["disability_grade = ", itoa::Buffer::new().format(*g)].concat())
                    .collect();
            }
            for f in &mut m.factors {
                f.default_index = f
                    .levels
                    .iter()
                    .position(|l| l.name == f.default)
                    .expect("validated: the default level exists");
                let default_score = f.levels[f.default_index].score;
                for l in &mut f.levels {
                    l.weighted = f.weight * l.score;
                    let pull = (f.weight * (l.score - default_score)).abs();
                    l.pull = (pull > rust_decimal::Decimal::ZERO).then_some(pull);
                }
                for l in &mut f.levels {
                    l.json = crate::report::json_write::factor_json(
                        &f.id,
                        [&f.label_zh, &f.label_en],
                        f.weight,
                        l,
                    );
                }
            }
        }
        // and each level's weighted score as a mantissa at one scale, where they all fit 64 bits
        for m in files.iter_mut().filter_map(|f| f.model.as_mut()) {
            m.weighted_scale = crate::calc::model::weighted_at(m);
        }
        // and which rules cover each harm, and each harm in each context
        for f in &mut files {
            let mut by_harm: Vec<Vec<usize>> = Vec::new();
            let mut by_case: Vec<Vec<Vec<usize>>> = Vec::new();
            for (i, r) in f.rules.iter().enumerate() {
                for &h in &r.harms {
                    let h = h as usize;
                    if by_harm.len() <= h {
                        by_harm.resize_with(h + 1, Vec::new);
                        by_case.resize_with(h + 1, Vec::new);
                    }
                    // (a harm or context listed twice in a rule lists the rule once)
                    if by_harm[h].last() != Some(&i) {
                        by_harm[h].push(i);
                    }
                    for &c in &r.contexts {
                        let c = c as usize;
                        if by_case[h].len() <= c {
                            by_case[h].resize_with(c + 1, Vec::new);
                        }
                        if by_case[h][c].last() != Some(&i) {
                            by_case[h][c].push(i);
                        }
                    }
                }
            }
            f.rules_by_harm = by_harm;
            f.rules_by_case = by_case;
        }
        // and the notes for each context, and which have `{days}` in them
        for f in &mut files {
            for n in &mut f.context_notes {
                n.has_days = crate::calc::has_days(&n.note_zh, &n.note_en);
            }
            let mut by_context: Vec<Vec<usize>> = Vec::new();
            for (i, n) in f.context_notes.iter().enumerate() {
                for &c in &n.contexts {
                    let c = c as usize;
                    if by_context.len() <= c {
                        by_context.resize_with(c + 1, Vec::new);
                    }
                    // (a context listed twice in a note lists the note once)
                    if by_context[c].last() != Some(&i) {
                        by_context[c].push(i);
                    }
                }
            }
            f.notes_by_context = by_context;
        }
        // and where each rule, factor basis and context note finds the source it cites
        // (validation makes sure its own file declares it), and a number for each source id
        let national_ids: Vec<String> = files
            .iter()
            .filter(|f| f.jurisdiction.id == NATIONAL)
            .flat_map(|f| f.sources.iter().map(|s| s.id.clone()))
            .collect();
        let mut ids: Vec<String> = Vec::new();
        for f in &mut files {
            let own = |id: &str| {
                f.sources
                    .iter()
                    .position(|s| s.id == id)
                    .expect("validated: a file declares the sources it cites")
            };
            let rules: Vec<usize> = f.rules.iter().map(|r| own(&r.source)).collect();
            let bases: Vec<usize> = f.factor_basis.iter().map(|b| own(&b.source)).collect();
            let notes: Vec<NoteSource> = f
                .context_notes
                .iter()
                .map(
                    |n| match national_ids.iter().position(|id| *id == n.source) {
                        Some(i) => NoteSource::National(i),
                        None => NoteSource::Own(own(&n.source)),
                    },
                )
                .collect();
            for (r, i) in f.rules.iter_mut().zip(rules) {
                r.source_index = i;
            }
            for (b, i) in f.factor_basis.iter_mut().zip(bases) {
                b.source_index = i;
            }
            for (n, c) in f.context_notes.iter_mut().zip(notes) {
                n.cited = c;
            }
            for s in &mut f.sources {
                s.key = match ids.iter().position(|id| *id == s.id) {
                    Some(k) => k,
                    None => {
                        ids.push(s.id.clone());
                        ids.len() - 1
                    }
                };
            }
        }
        // and the criminal classification's citations, the same for every case
        for f in &mut files {
            crate::calc::make_criminal_citations(f);
        }
        files.sort_by(|a, b| {
            (a.jurisdiction.id != NATIONAL, &a.jurisdiction.id)
                .cmp(&(b.jurisdiction.id != NATIONAL, &b.jurisdiction.id))
        });
        let file_regions = files
            .iter()
            .map(|f| regions.iter().position(|r| r.id == f.jurisdiction.id))
            .collect();
        let region_files = regions
            .iter()
            .map(|r| files.iter().position(|f| f.jurisdiction.id == r.id))
            .collect();
        // (national is first, and is not among a cross-province reference's files)
        let mut cross_files: Vec<Vec<Vec<usize>>> = Vec::new();
        for (k, f) in files.iter().enumerate().skip(1) {
            for (h, by_context) in f.rules_by_case.iter().enumerate() {
                for (c, rules) in by_context.iter().enumerate() {
                    if rules.is_empty() {
                        continue;
                    }
                    if cross_files.len() <= h {
                        cross_files.resize_with(h + 1, Vec::new);
                    }
                    if cross_files[h].len() <= c {
                        cross_files[h].resize_with(c + 1, Vec::new);
                    }
                    cross_files[h][c].push(k);
                }
            }
        }
        Ok(RuleBase {
            regions,
            names,
            files,
            file_regions,
            region_files,
            outside,
            cross_files,
        })
    }

    /// What a case in a place the tool knows and does not cover is told.
    pub fn not_covered(o: &Outside) -> Text<'static> {
        Text::new(
            format!("{}不在本工具涵盖范围内：本工具只涵盖全国性规定和中国内地 31 个省、自治区、直辖市的标准；{}的精神损害赔偿适用其本地的法律", o.name_zh, o.name_zh),
            format!("{} is not covered: this tool covers the national rules and the standards of the mainland's 31 provincial-level divisions; mental damages in {} follow its own law", o.name_en, o.name_en),
        )
    }

    /// A place the tool knows by name and does not cover (Hong Kong, Macao, Taiwan).
    pub fn outside(&self, name: &str) -> Option<&Outside> {
        let name = normalise(name);
        self.outside
            .iter()
            .find(|o| o.names.iter().any(|n| normalise(n) == name))
    }

    /// Finds a region by any of its names: `sichuan`, `四川`, `川`, `510000`, `四川省`.
    pub fn place(&self, name: &str) -> Option<Place<'_>> {
        // a name written as the table holds it (`sichuan`, `川`) is found without normalising a
        // copy: a normalised name normalises to itself, so this finds what the full path would
        let i = match self.names.get(name) {
            Some(i) => *i,
            None => *with_normalised(name, |n| self.names.get(n))?,
        };
        Some(Place {
            region: &self.regions[i],
            file: self.region_files[i].map(|f| &self.files[f]),
        })
    }

    /// The nearest region id or name to a misspelt one: its id for a name typed in Latin letters,
    /// the Chinese name it came nearest for one typed in Chinese (四州 → 四川, not sichuan).
    pub fn suggest_place(&self, name: &str) -> Option<String> {
        suggest(name, self.names.keys().map(String::as_str)).map(|n| {
            if name.is_ascii() {
                self.regions[self.names[&n]].id.clone()
            } else {
                n
            }
        })
    }

    /// Every region, in the order of regions.toml.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// Every rule file, `national` first.
    pub fn files(&self) -> &[RuleFile] {
        &self.files
    }

    /// Every rule file with its region record, `national` first (the region looked up once, when
    /// the rule base was loaded).
    pub fn files_with_regions(&self) -> impl Iterator<Item = (&RuleFile, Option<&Region>)> {
        self.files
            .iter()
            .zip(&self.file_regions)
            .map(|(f, r)| (f, r.map(|i| &self.regions[i])))
    }

    /// The indices of the files other than `national` with a rule for a harm in a context, in
    /// file order (see [`RuleBase::file_with_region`]).
    #[inline]
    pub(crate) fn cross_files(
        &self,
        harm: crate::case::Harm,
        context: crate::case::Context,
    ) -> &[usize] {
        self.cross_files
            .get(harm as usize)
            .and_then(|by_context| by_context.get(context as usize))
            .map_or(&[][..], Vec::as_slice)
    }

    /// The rule file at an index of [`RuleBase::files`], with its region record.
    #[inline]
    pub(crate) fn file_with_region(&self, k: usize) -> (&RuleFile, Option<&Region>) {
        (
            &self.files[k],
            self.file_regions[k].map(|i| &self.regions[i]),
        )
    }

    /// The rule file of a jurisdiction id.
    pub fn file(&self, id: &str) -> Option<&RuleFile> {
        self.files.iter().find(|f| f.jurisdiction.id == id)
    }

    /// The national rules.
    pub fn national(&self) -> &RuleFile {
        // validation guarantees national.toml exists
        &self.files[0]
    }

    /// The tool's six-factor model (from national.toml; validation guarantees it).
    pub fn model(&self) -> &Model {
        self.national()
            .model
            .as_ref()
            .expect("validated: national.toml has [model]")
    }

    /// The region record of a jurisdiction id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }
}

impl RuleFile {
    /// The rules that cover a harm, in file order: the only ones that can match a case of it.
    #[inline]
    pub(crate) fn rules_for(&self, harm: crate::case::Harm) -> impl Iterator<Item = &Rule> + '_ {
        self.rules_by_harm
            .get(harm as usize)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| &self.rules[i])
    }

    /// A source declared in this file.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The rules that cover a harm in a context, in file order: the only ones that can be chosen
    /// for a case of both.
    #[inline]
    pub(crate) fn rules_for_case(
        &self,
        harm: crate::case::Harm,
        context: crate::case::Context,
    ) -> impl Iterator<Item = &Rule> + '_ {
        self.rules_by_case
            .get(harm as usize)
            .and_then(|by_context| by_context.get(context as usize))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| &self.rules[i])
    }

    /// The context notes for a context, in file order: the only ones a case of it can be given.
    #[inline]
    pub(crate) fn notes_for(
        &self,
        context: crate::case::Context,
    ) -> impl ExactSizeIterator<Item = &schema::ContextNote> + '_ {
        self.notes_by_context
            .get(context as usize)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| &self.context_notes[i])
    }

    /// A rule of this file by id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

impl Source {
    /// Where the rule base does not record the day the document took effect: the earliest day it
    /// can date from, as the rule file gives it (`not_before`). A case dated earlier rests on a
    /// document that did not yet exist. Not read from `date`, which for an amended law is the
    /// day of the text held (the State Compensation Law's 2012 amendment), not its first day.
    pub fn earliest(&self) -> Option<Date> {
        if self.effective.is_some() {
            return None;
        }
        self.not_before
    }
}

impl Rule {
    /// The name of this rule's kind.
    pub fn kind_name(&self) -> &'static str {
        validate::kinds(self).first().copied().unwrap_or("none")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name normalised on the stack is the name normalised the full way, for names in Latin
    /// letters in any case, with spaces, underscores and white space around them, in Chinese,
    /// as codes, and past the stack's length; and a region is found by each as before.
    #[test]
    fn names_normalised_without_allocating_are_normalised_as_before() {
        let long = "A_".repeat(40);
        let names = [
            ("sichuan", "sichuan"),
            ("Sichuan", "sichuan"),
            ("SICHUAN", "sichuan"),
            (" Inner_Mongolia\t", "inner-mongolia"),
            ("inner mongolia", "inner-mongolia"),
            ("Nei Meng_Gu", "nei-meng-gu"),
            ("四川", "四川"),
            (" 四川省 ", "四川省"),
            ("Ⅳ Sichuan", "ⅳ-sichuan"),
            ("ÄBC", "äbc"),
            ("510000", "510000"),
            ("", ""),
            ("   ", ""),
            ("a-b_c d", "a-b-c-d"),
            (long.as_str(), &long.to_lowercase().replace('_', "-")),
        ];
        for (name, want) in names {
            assert_eq!(normalise(name), want, "{name:?}");
            assert_eq!(with_normalised(name, str::to_string), want, "{name:?}");
        }
        let rb = RuleBase::embedded().unwrap();
        for (name, id) in [
            ("Sichuan", "sichuan"),
            (" SICHUAN ", "sichuan"),
            ("四川", "sichuan"),
            ("510000", "sichuan"),
            ("Beijing", "beijing"),
        ] {
            assert_eq!(
                rb.place(name).map(|p| p.region.id.as_str()),
                Some(id),
                "{name:?}"
            );
        }
        assert!(rb.place("Sichuanx").is_none());
    }

    #[test]
    fn embedded_rule_base_loads() {
        let rb = RuleBase::embedded().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rb.national().jurisdiction.id, NATIONAL);
        assert_eq!(
            rb.regions().len(),
            32,
            "31 provincial-level divisions and national"
        );
    }

    #[test]
    fn finds_regions_by_every_name() {
        let rb = RuleBase::embedded().unwrap();
        for n in [
            "sichuan",
            "四川",
            "川",
            "510000",
            "四川省",
            "Sichuan",
            " SICHUAN ",
        ] {
            assert_eq!(
                rb.place(n).map(|p| p.region.id.as_str()),
                Some("sichuan"),
                "{n}"
            );
        }
        let sh = rb.place("shanghai").expect("shanghai is a known region");
        assert!(sh.file.is_none(), "shanghai has no standard of its own");
        assert_eq!(rb.suggest_place("sichaun").as_deref(), Some("sichuan"));
        // typed in Chinese, answered in Chinese
        assert_eq!(rb.suggest_place("四州").as_deref(), Some("四川"));
    }

    /// What the rules resolve when they load so that no case searches for it: each rule's source,
    /// each context note's (national.toml's declaration where it has one, as an estimate cites it),
    /// one number per source id, each place's file and the notes for each context. Checked against
    /// the files as written: Guangdong declares spc-state-2014 again, and its one note cites it.
    #[test]
    fn what_an_estimate_would_look_up_is_resolved_when_the_rules_load() {
        let rb = RuleBase::embedded().unwrap();
        for f in rb.files() {
            for r in &f.rules {
                assert_eq!(f.sources[r.source_index].id, r.source, "{}", r.id);
            }
            for b in &f.factor_basis {
                assert_eq!(f.sources[b.source_index].id, b.source);
            }
        }
        let nat = rb.national();
        let gd = rb.file("guangdong").unwrap();
        let in_gd = gd.source("spc-state-2014").unwrap();
        let in_nat = nat.source("spc-state-2014").unwrap();
        assert!(!std::ptr::eq(in_gd, in_nat));
        assert_eq!(in_gd.key, in_nat.key);
        assert_ne!(gd.source("gd-state").unwrap().key, in_nat.key);
        // every other id has a number of its own
        let keys: Vec<usize> = rb
            .files()
            .iter()
            .flat_map(|f| &f.sources)
            .map(|s| s.key)
            .collect();
        let mut distinct = keys.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), keys.len() - 1);
        // Guangdong's note: its source as national.toml declares it
        assert_eq!(gd.context_notes.len(), 1);
        match gd.context_notes[0].cited {
            NoteSource::National(i) => assert_eq!(nat.sources[i].id, "spc-state-2014"),
            NoteSource::Own(_) => panic!("Guangdong's note should cite national.toml's source"),
        }
        // national.toml's notes by context: 3 for civil, traffic and medical accidents, 2 more for
        // civil, 1 more each for medical accidents and traffic, 5 for state compensation
        let count = |c| nat.notes_for(c).len();
        use crate::case::Context::*;
        assert_eq!(
            [Civil, Traffic, MedicalAccident, StateCompensation].map(count),
            [5, 4, 4, 5]
        );
        assert!(nat
            .notes_for(StateCompensation)
            .all(|n| n.contexts.contains(&StateCompensation)));
        // a place's file, and none for a place without one
        assert_eq!(
            rb.place("广东")
                .unwrap()
                .file
                .map(|f| f.jurisdiction.id.as_str()),
            Some("guangdong")
        );
        assert!(rb.place("hainan").unwrap().file.is_none());
    }

    /// The rules for a harm in a context, indexed when the rules load, are those for the harm that
    /// name the context, in the same order; and the notes with `{days}` are the ones flagged.
    #[test]
    fn the_rules_for_a_harm_in_a_context_are_indexed_in_file_order() {
        let rb = RuleBase::embedded().unwrap();
        let (harms, contexts) = (crate::case::HARM_VALUES, crate::case::CONTEXT_VALUES);
        let mut indexed = 0;
        for f in rb.files() {
            for &h in harms {
                for &c in contexts {
                    let by_case: Vec<&str> =
                        f.rules_for_case(h, c).map(|r| r.id.as_str()).collect();
                    let by_hand: Vec<&str> = f
                        .rules
                        .iter()
                        .filter(|r| r.harms.contains(&h) && r.contexts.contains(&c))
                        .map(|r| r.id.as_str())
                        .collect();
                    assert_eq!(by_case, by_hand, "{} {h:?} {c:?}", f.jurisdiction.id);
                    indexed += by_case.len();
                }
            }
            for n in &f.context_notes {
                assert_eq!(
                    n.has_days,
                    n.note_zh.contains("{days}") || n.note_en.contains("{days}")
                );
            }
        }
        assert!(indexed > 0);
        // at least one note of national.toml's has the days in it (state compensation's 轻微伤)
        assert!(rb.national().context_notes.iter().any(|n| n.has_days));
    }

    /// The files a cross-province reference goes through for a harm in a context, indexed when the
    /// rules load, are every file but national.toml with a rule for both, in file order, each with
    /// its region. By hand, from the rule files: an injury in a civil case has rules in Anhui,
    /// Fujian, Shaanxi, Shandong, Tianjin, Yunnan and Zhejiang.
    #[test]
    fn the_files_with_a_rule_for_a_harm_in_a_context_are_indexed_in_file_order() {
        let rb = RuleBase::embedded().unwrap();
        let (harms, contexts) = (crate::case::HARM_VALUES, crate::case::CONTEXT_VALUES);
        for &h in harms {
            for &c in contexts {
                let by_hand: Vec<usize> = (1..rb.files().len())
                    .filter(|&k| rb.files()[k].rules_for_case(h, c).next().is_some())
                    .collect();
                assert_eq!(rb.cross_files(h, c), by_hand, "{h:?} {c:?}");
            }
        }
        let injury = rb.cross_files(crate::case::Harm::Injury, crate::case::Context::Civil);
        let ids: Vec<&str> = injury
            .iter()
            .map(|&k| rb.file_with_region(k).0.jurisdiction.id.as_str())
            .collect();
        assert_eq!(
            ids,
            ["anhui", "fujian", "shaanxi", "shandong", "tianjin", "yunnan", "zhejiang"]
        );
        for (k, (f, region)) in rb.files_with_regions().enumerate() {
            let (f2, region2) = rb.file_with_region(k);
            assert!(std::ptr::eq(f, f2));
            assert_eq!(region.map(|r| &r.id), region2.map(|r| &r.id));
        }
    }
}
