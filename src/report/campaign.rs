//! The campaign report: what was read, what was noticed, and every selected model's credit in
//! every lookback window, by creator and by tier.

use std::cell::RefCell;

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::attribution::bootstrap::{Intervals, window_intervals};
use crate::attribution::fit::{Fitted, ModelCredit};
use crate::attribution::incremental;
use crate::attribution::journey::{Level, Lookback, OrderLookbacks, window_event_paths, window_paths};
use crate::attribution::markov::{MarkovChain, markov_chain};
use crate::attribution::models::{Model, ModelOptions};
use crate::attribution::window::attribute_window_split;
use crate::attribution::window_tables::WindowTables;
use crate::campaign::sample::TierTruth;
use crate::campaign::{Campaign, CampaignInputs, CampaignOptions, CodeMatch, read_campaign, unnoted_name};
use crate::catalogue::check_window;
use crate::catalogue::settings::{
    BASELINE_DAYS, EXPORT_DAYS, EXPORT_EVENTS, EXPORT_LEVEL, EXPORT_NET, MARKOV_DAYS, MARKOV_EXPORT_COLLAPSE,
    MARKOV_EXPORT_ORDER, MARKOV_LEVEL, TIERS, WINDOWS,
};
use crate::error::{Error, Problem, ProblemCode};
use crate::paths::file::WRITTEN_SEPARATOR;
use crate::paths::{paths_csv, unwritable_channel};
use crate::report::category_windows::{CategoryWindowReport, CategoryWindows};
use crate::report::comparison::{Baseline, Comparison, apply_baseline, build, roll_up};
use crate::report::lift::{self, LiftCheck, LiftTest};
use crate::report::notes::{NoteRows, note_level};
use crate::report::sales::{SalesChannels, sales_channels};
use crate::report::truth::{TruthScore, WindowCredit, score, unknown_tiers};

/// Which levels a report gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Levels {
    /// Creators and tiers.
    #[default]
    Both,
    /// Creators only.
    Creator,
    /// Tiers only.
    Tier,
    /// Notes only (each creator's credit split among its notes).
    Note,
    /// Channel groups only: creators as a whole beside paid, owned and organic sources.
    Group,
    /// Notes, creators, tiers and groups.
    All,
    /// All four when the campaign has notes or ads and search sources, else creators and tiers:
    /// what a page that does not know the files yet asks for, so it computes once.
    Auto,
}

impl Levels {
    /// `Auto` decided for `campaign`; any other choice as it is.
    fn resolve(self, campaign: &Campaign) -> Self {
        match self {
            Self::Auto if !campaign.notes.all().is_empty() || campaign.has_sources() => Self::All,
            Self::Auto => Self::Both,
            chosen => chosen,
        }
    }

    fn creators(self) -> bool {
        matches!(self, Self::Both | Self::Creator | Self::All)
    }

    fn tiers(self) -> bool {
        matches!(self, Self::Both | Self::Tier | Self::All)
    }

    fn notes(self) -> bool {
        matches!(self, Self::Note | Self::All)
    }

    fn groups(self) -> bool {
        matches!(self, Self::Group | Self::All)
    }
}

/// What to compute over a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct ReportOptions {
    /// Models, in report order (default: every model).
    #[cfg_attr(test, ts(optional = nullable))]
    pub models: Vec<Model>,
    /// Lookback windows in days (bounds and default: the catalogue's `windows` entry).
    #[cfg_attr(test, ts(optional = nullable))]
    pub windows: Vec<u32>,
    /// The window by product category, reported after the fixed windows when enabled (off by
    /// default): each order looks back its category's days.
    #[cfg_attr(test, ts(optional = nullable))]
    pub category_windows: CategoryWindows,
    /// What every cell is compared against (default: last touch at 30 days); computed even when
    /// that model or window is not among those shown.
    #[cfg_attr(test, ts(optional = nullable))]
    pub baseline: Baseline,
    /// The models' parameters.
    #[cfg_attr(test, ts(optional = nullable))]
    pub model_options: ModelOptions,
    /// Creators, tiers or both (default both).
    #[cfg_attr(test, ts(optional = nullable))]
    pub level: Levels,
    /// How to read the inputs.
    #[cfg_attr(test, ts(optional = nullable))]
    pub input: CampaignOptions,
    /// Bootstrap intervals of the tier shares (default 200 resamples).
    #[cfg_attr(test, ts(optional = nullable))]
    pub intervals: Intervals,
    /// Known true incremental conversions per tier (a generated campaign's), to score every
    /// model against; empty by default.
    #[cfg_attr(test, ts(optional = nullable))]
    pub truth: Vec<TierTruth>,
    /// Experiments the brand ran (holdouts, paused creators), to hold every model against; the
    /// incremental model's fit takes them in.
    #[cfg_attr(test, ts(optional = nullable))]
    pub lift_tests: Vec<LiftTest>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            models: Model::defaults(),
            windows: WINDOWS.default_windows().to_vec(),
            category_windows: CategoryWindows::default(),
            baseline: Baseline::default(),
            model_options: ModelOptions::default(),
            level: Levels::Both,
            input: CampaignOptions::default(),
            intervals: Intervals::default(),
            truth: Vec::new(),
            lift_tests: Vec::new(),
        }
    }
}

impl ReportOptions {
    /// The windows, sorted and without repeats, and the baseline window, once checked.
    pub(crate) fn windows(&self) -> Result<(Vec<u32>, u32), Error> {
        if self.models.is_empty() {
            return Err(Error::invalid_option("models", "[]", "choose at least one model"));
        }
        self.category_windows.validate()?;
        if self.windows.is_empty() && !self.category_windows.enabled {
            return Err(Error::invalid_option("windows", "[]", "choose at least one lookback window"));
        }
        for &days in &self.windows {
            check_window(WINDOWS.path, days)?;
        }
        let baseline = self.baseline.days.unwrap_or(BASELINE_DAYS.default_whole() as u32);
        check_window(BASELINE_DAYS.path, baseline)?;
        self.model_options.validate()?;
        self.intervals.validate()?;
        let mut windows = self.windows.clone();
        windows.sort_unstable();
        windows.dedup();
        Ok((windows, baseline))
    }
}

/// Creators per tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TierCount {
    /// Tier name.
    pub tier: String,
    /// Creators in it.
    pub creators: usize,
}

/// What was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Creators, including those only seen in touches (not the ads and search sources).
    pub creators: usize,
    /// Channels that are not creators: the ads and search sources the touch log names.
    pub sources: usize,
    /// Creators per tier, largest tier first, then `unknown`.
    pub tiers: Vec<TierCount>,
    /// Touches read.
    pub touchpoints: usize,
    /// Distinct journeys (users).
    pub journeys: usize,
    /// Orders read.
    pub orders: usize,
    /// Order value before refunds.
    #[cfg_attr(test, ts(type = "string"))]
    pub value: Decimal,
    /// Amount refunded.
    #[cfg_attr(test, ts(type = "string"))]
    pub refunded: Decimal,
    /// Order value after refunds.
    #[cfg_attr(test, ts(type = "string"))]
    pub net_value: Decimal,
    /// First and last touch, ISO 8601 in the campaign's time zone.
    pub touch_range: Option<(String, String)>,
    /// First and last order, ISO 8601 in the campaign's time zone.
    pub order_range: Option<(String, String)>,
    /// How the orders' promo codes and QR ids matched the roster's, and the touches they added.
    pub promo_codes: CodeMatch,
}

/// A creator as reports list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CreatorInfo {
    /// `kol_id`, the channel name at creator level.
    pub id: String,
    /// Display name.
    pub handle: String,
    /// Tier name.
    pub tier: String,
    /// Followers, when the roster gives them.
    #[cfg_attr(test, ts(type = "number | null"))]
    pub followers: Option<u64>,
    /// Its channel group: `creators`, or for an ad or search source `paid`, `owned`, `organic`, `other`.
    pub group: String,
}

/// A note as reports list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NoteInfo {
    /// `note_id`, the channel name at note level.
    pub id: String,
    /// Its creator's `kol_id`.
    pub kol_id: String,
    /// When it was published, ISO 8601 in the campaign's time zone, when the notes file says.
    pub published_at: Option<String>,
    /// Image or video, as written.
    pub format: Option<String>,
    /// What the brand paid for it.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub fee: Option<Decimal>,
    /// Paid amplification (加热, 薯条).
    #[cfg_attr(test, ts(type = "string | null"))]
    pub boost_spend: Option<Decimal>,
    /// Its title or topic.
    pub title: Option<String>,
}

/// One lookback window's credit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct WindowReport {
    /// The window, in days; 0 for the window by category (see `byCategory`).
    pub days: u32,
    /// The window by category's table and what it did with the orders' categories; `null` for a
    /// fixed window.
    pub by_category: Option<CategoryWindowReport>,
    /// Credit per creator (channels are `kol_id`s), unless only tiers were asked for.
    pub creators: Option<Comparison>,
    /// Credit per tier (each the sum of its creators), unless only creators were asked for.
    pub tiers: Option<Comparison>,
    /// Credit per note (each creator's split among its notes), when asked for and the campaign
    /// names notes.
    pub notes: Option<Comparison>,
    /// Credit per channel group (creators, paid, owned, organic), when asked for.
    pub groups: Option<Comparison>,
    /// The creators' credit per sales channel the orders land on (see `report::sales`); no
    /// organic rows: a model's channels sum to its creators' credit.
    pub sales_channels: Option<Comparison>,
}

impl WindowReport {
    /// Its days and comparisons, as the truth scores read them.
    #[must_use]
    pub fn credit(&self) -> WindowCredit<'_> {
        (self.days, self.tiers.as_ref(), self.creators.as_ref())
    }
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CampaignReport {
    /// What was read.
    pub summary: Summary,
    /// Every creator, roster order, then those only seen in touches, then ads and search sources.
    pub creators: Vec<CreatorInfo>,
    /// Every note: the notes file's, then those only seen in touches.
    pub notes: Vec<NoteInfo>,
    /// One entry per window, shortest first.
    pub windows: Vec<WindowReport>,
    /// What was noticed but did not stop the computation.
    pub warnings: Vec<Problem>,
    /// Every model's distance from the known truth per window, when a truth was given.
    pub truth_scores: Vec<TruthScore>,
    /// Per lift test, window and model: what the model implies against what the test measured.
    pub lift_checks: Vec<LiftCheck>,
}

/// The level a catalogue default names (`creator`, `tier` or `note`).
fn level_named(name: &str) -> Level {
    match name {
        "tier" => Level::Tier,
        "note" => Level::Note,
        _ => Level::Creator,
    }
}

/// Which aggregated paths file to export from a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct PathsExport {
    /// The lookback window, in days (default 30).
    #[cfg_attr(test, ts(optional = nullable))]
    pub days: u32,
    /// Creators, tiers or notes (default creators).
    #[cfg_attr(test, ts(optional = nullable))]
    pub level: Level,
    /// Value after refunds instead of before (default true).
    #[cfg_attr(test, ts(optional = nullable))]
    pub net: bool,
    /// Add each converting path's touch types and ages (`touch_types`, `touch_ages_seconds`), so
    /// time decay, touch-weighted and the platform's click can run on the paths (default false).
    #[cfg_attr(test, ts(optional = nullable))]
    pub events: bool,
    /// How to read the inputs.
    #[cfg_attr(test, ts(optional = nullable))]
    pub input: CampaignOptions,
}

impl Default for PathsExport {
    fn default() -> Self {
        Self {
            days: EXPORT_DAYS.default_whole() as u32,
            level: level_named(EXPORT_LEVEL.default_text()),
            net: EXPORT_NET.default_flag(),
            events: EXPORT_EVENTS.default_flag(),
            input: CampaignOptions::default(),
        }
    }
}

/// A campaign's journeys as an aggregated paths file (ChannelAttribution's input format).
///
/// # Errors
/// [`Error::InvalidOption`] for a bad window; [`Error::Input`] listing every input problem.
pub fn campaign_paths_csv(inputs: &CampaignInputs, export: &PathsExport) -> Result<String, Error> {
    check_window(EXPORT_DAYS.path, export.days)?;
    let campaign = read_campaign(inputs, &export.input)?;
    let window = if export.events { window_event_paths } else { window_paths };
    let paths = window(&campaign, export.days, export.level).paths;
    if let Some(name) = unwritable_channel(&paths) {
        return Err(unwritable(&campaign, export.level, name));
    }
    Ok(paths_csv(&paths, export.net))
}

/// Why a creator, tier or note cannot be a paths file's channel, named where it comes from: the
/// creator's roster line (or first touch), the note's line in the notes file (or first touch), or
/// the tier option.
fn unwritable(campaign: &Campaign, level: Level, name: &str) -> Error {
    let reason = format!(
        "{name:?} contains the paths separator {WRITTEN_SEPARATOR:?} (or spaces at an end): a paths file would read \
         it back as other channels, so rename it for this export"
    );
    let touches = &campaign.touches;
    let first_touch =
        |of: &dyn Fn(usize) -> bool| (0..touches.len()).filter(|&i| of(i)).map(|i| touches.line[i] as usize).min();
    let note = campaign.notes.all().iter().position(|n| n.id == name).filter(|_| level == Level::Note);
    if let Some(note) = note {
        let (file, line) = match campaign.notes.all()[note].line {
            Some(line) => ("notes", line),
            None => ("touchpoints", first_touch(&|i| touches.note[i] as usize == note).unwrap_or(1)),
        };
        let problem = Problem::at_line(file, line, ProblemCode::SeparatorInName, reason);
        return Error::Input(vec![Problem { value: Some(name.to_owned()), ..problem }]);
    }
    // At the note level, a creator's `(no note)` channel is named after it.
    let kol_id = match level {
        Level::Note => campaign.roster.creators().iter().map(|c| c.id.as_str()).find(|id| unnoted_name(id) == name),
        _ => Some(name),
    };
    let creator = kol_id.and_then(|k| campaign.roster.find(k)).map(|id| (id, campaign.roster.get(id)));
    let Some((id, creator)) = creator.filter(|_| level != Level::Tier) else {
        return Error::invalid_option(TIERS.path, name, reason);
    };
    let (file, line) = match creator.line {
        Some(line) => ("creators", line),
        None => ("touchpoints", first_touch(&|i| touches.creator[i] == id).unwrap_or(1)),
    };
    let problem = Problem::at_line(file, line, ProblemCode::SeparatorInName, reason);
    Error::Input(vec![Problem { value: Some(creator.id.clone()), ..problem }])
}

/// Which Markov chain to fit on a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct MarkovExport {
    /// The lookback window, in days (default 30).
    #[cfg_attr(test, ts(optional = nullable))]
    pub days: u32,
    /// Creators, tiers or notes as states (default creators).
    #[cfg_attr(test, ts(optional = nullable))]
    pub level: Level,
    /// Channels a state remembers, 1 to 4 (default 1).
    #[cfg_attr(test, ts(optional = nullable, type = "number"))]
    pub order: usize,
    /// Read a channel repeated back to back as one (default false).
    #[cfg_attr(test, ts(optional = nullable))]
    pub collapse_repeats: bool,
    /// How to read the inputs.
    #[cfg_attr(test, ts(optional = nullable))]
    pub input: CampaignOptions,
}

impl Default for MarkovExport {
    fn default() -> Self {
        Self {
            days: MARKOV_DAYS.default_whole() as u32,
            level: level_named(MARKOV_LEVEL.default_text()),
            order: MARKOV_EXPORT_ORDER.default_whole() as usize,
            collapse_repeats: MARKOV_EXPORT_COLLAPSE.default_flag(),
            input: CampaignOptions::default(),
        }
    }
}

/// A campaign's Markov chain in one window: transitions and removal effects.
///
/// # Errors
/// [`Error::InvalidOption`] for a bad window or order; [`Error::Input`] listing every input problem.
pub fn campaign_markov(inputs: &CampaignInputs, export: &MarkovExport) -> Result<MarkovChain, Error> {
    check_window(MARKOV_DAYS.path, export.days)?;
    MARKOV_EXPORT_ORDER.check(export.order as f64)?;
    let campaign = read_campaign(inputs, &export.input)?;
    let paths = window_paths(&campaign, export.days, export.level).paths;
    Ok(markov_chain(&paths, export.order, export.collapse_repeats))
}

/// Reads a campaign and reports every model in every window.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options; [`Error::Input`] listing every problem in the inputs.
pub fn campaign_report(inputs: &CampaignInputs, options: &ReportOptions) -> Result<CampaignReport, Error> {
    options.windows()?;
    let campaign = read_campaign(inputs, &options.input)?;
    report_of(&campaign, options)
}

/// Reports a campaign already read (with `options.input`'s tiers and time zone; the caller reads
/// again when those change), so that a new model setting does not read the files again.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options.
pub fn report_of(campaign: &Campaign, options: &ReportOptions) -> Result<CampaignReport, Error> {
    let (windows, baseline_days) = options.windows()?;
    let baseline = Baseline { model: options.baseline.model, days: Some(baseline_days) };
    let offset = options.input.utc_offset_minutes.0;
    let tests = lift::resolve(campaign, &options.lift_tests, offset)?;
    let by_category = options.category_windows.enabled.then(|| options.category_windows.resolve(campaign));
    Ok(report(campaign, options, &windows, by_category, baseline, &tests))
}

/// Reads and validates a campaign and says what was read (creators per tier, touches, journeys,
/// orders, value, dates), attributing nothing: the first thing a user needs, and the cost of reading
/// alone in the benchmark.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options; [`Error::Input`] listing every problem in the inputs.
pub fn campaign_summary(inputs: &CampaignInputs, options: &CampaignOptions) -> Result<Summary, Error> {
    let campaign = read_campaign(inputs, options)?;
    Ok(summary(&campaign, options.utc_offset_minutes.fixed()))
}

/// Reports `options.models` in `windows` and, when given, the window by category (each order's
/// lookback, what the window did, its warnings) over an already-read campaign, with changes
/// against `baseline` (the windows and baseline as [`ReportOptions`] checked them).
pub(crate) fn report(
    campaign: &Campaign,
    options: &ReportOptions,
    windows: &[u32],
    by_category: Option<(OrderLookbacks, CategoryWindowReport, Vec<Problem>)>,
    baseline: Baseline,
    tests: &[lift::Resolved],
) -> CampaignReport {
    let (models, model_options, level) = (&options.models, &options.model_options, options.level.resolve(campaign));
    let zone = options.input.utc_offset_minutes.fixed();
    let (tier_names, tier_of) = tier_groups(campaign);
    let (group_names, group_of) = campaign.group_channels();
    let note_rows = if level.notes() { NoteRows::of(campaign) } else { None };
    let sales_of = SalesChannels::of(campaign);
    let (lookbacks, category_report, category_warnings) = match by_category {
        Some((lookbacks, report, warnings)) => (Some(lookbacks), Some(report), warnings),
        None => (None, None, Vec::new()),
    };
    // The fixed windows, shortest first, then the window by category.
    let lookbacks: Vec<Lookback<'_>> =
        windows.iter().map(|&days| Lookback::Days(days)).chain(lookbacks.as_ref().map(Lookback::PerOrder)).collect();
    // Each window's paths built from the last window's: most journeys keep theirs; the incremental
    // model's fit starts from the last window's.
    let mut tables = WindowTables::new(campaign);
    let fits =
        RefCell::new(incremental::Windows::new(campaign, tests.iter().map(lift::Resolved::measurement).collect()));
    let mut both = |lookback, models: &[Model]| {
        // Typed here, not in the closure's head: there it would be any lifetime, not the fits'.
        let lookback: Lookback<'_> = lookback;
        let (totals, mut per_model, walked) =
            attribute_window_split(&mut tables, lookback, models, model_options, sales_of.classes().as_ref());
        if models.contains(&Model::Incremental) {
            per_model.push(incremental_credit(&mut fits.borrow_mut(), lookback));
            per_model.sort_by_key(|entry| models.iter().position(|&m| m == entry.model));
        }
        let creators = build(campaign.roster.creators().iter().map(|c| c.id.clone()).collect(), totals, per_model);
        let tiers = roll_up(&creators, &tier_of, tier_names.clone());
        let sales = sales_channels(&sales_of, walked, &creators);
        (creators, tiers, sales)
    };
    let base_days = baseline.days.unwrap_or(30);
    let (base_creators, base_tiers, base_sales) = both(Lookback::Days(base_days), &[baseline.model]);
    let mut lift_checks = Vec::new();
    let windows: Vec<WindowReport> = lookbacks
        .iter()
        .map(|&lookback| {
            let (mut creators, mut tiers, mut sales) = both(lookback, models);
            let groups = level.groups().then(|| {
                let mut groups = roll_up(&creators, &group_of, group_names.clone());
                apply_baseline(&mut groups, &roll_up(&base_creators, &group_of, group_names.clone()), baseline);
                groups
            });
            let notes = note_rows.as_ref().map(|rows| {
                let mut notes = note_level(campaign, rows, &creators, lookback, model_options);
                let base = note_level(campaign, rows, &base_creators, base_days, model_options);
                apply_baseline(&mut notes, &base, baseline);
                notes
            });
            apply_baseline(&mut creators, &base_creators, baseline);
            apply_baseline(&mut tiers, &base_tiers, baseline);
            apply_baseline(&mut sales, &base_sales, baseline);
            if !tests.is_empty() {
                let implied = models.contains(&Model::Incremental).then(|| fits.borrow_mut().implied(lookback));
                lift_checks.extend(lift::checks(
                    campaign,
                    tests,
                    lookback,
                    &creators,
                    model_options,
                    implied.as_deref(),
                ));
            }
            if options.intervals.resamples > 0 && level.tiers() {
                // The incremental model's from its fit's curvature, every other model's by the bootstrap.
                let intervals = window_intervals(
                    campaign,
                    lookback,
                    models,
                    model_options,
                    (&tier_of, tier_names.len()),
                    options.intervals.resamples,
                    || fits.borrow_mut().tier_intervals(lookback, tier_names.len()),
                );
                for (credit, interval) in tiers.credits.iter_mut().zip(intervals.into_iter().flatten()) {
                    credit.interval = Some(interval);
                }
            }
            WindowReport {
                days: lookback.label(),
                by_category: matches!(lookback, Lookback::PerOrder(_)).then(|| category_report.clone()).flatten(),
                creators: level.creators().then_some(creators),
                tiers: level.tiers().then_some(tiers),
                notes,
                groups,
                sales_channels: Some(sales),
            }
        })
        .collect();
    let (creators, notes) = listed(campaign, zone);
    let truth_scores = score(windows.iter().map(WindowReport::credit), &options.truth);
    let mut warnings = campaign.warnings.clone();
    warnings.extend(category_warnings);
    warnings.extend(unknown_tiers(&options.truth, &tier_names));
    CampaignReport { summary: summary(campaign, zone), creators, notes, windows, warnings, truth_scores, lift_checks }
}

/// Every creator and source, and every note, as reports list them.
fn listed(campaign: &Campaign, zone: Option<FixedOffset>) -> (Vec<CreatorInfo>, Vec<NoteInfo>) {
    let tiers = &campaign.tiers;
    let creators = campaign
        .roster
        .creators()
        .iter()
        .map(|c| CreatorInfo {
            id: c.id.clone(),
            handle: c.handle.clone(),
            tier: tiers.name(c.tier).to_owned(),
            followers: c.followers,
            group: tiers.group(c.tier).name().to_owned(),
        })
        .collect();
    let notes = campaign
        .notes
        .all()
        .iter()
        .map(|n| NoteInfo {
            id: n.id.clone(),
            kol_id: campaign.roster.get(n.creator).id.clone(),
            published_at: n.published_at.map(|at| iso(at, zone)),
            format: n.format.clone(),
            fee: n.fee,
            boost_spend: n.boost_spend,
            title: n.title.clone(),
        })
        .collect();
    (creators, notes)
}

/// The incremental model's credit in one window, as every model's is reported.
fn incremental_credit<'c>(fits: &mut incremental::Windows<'c>, lookback: Lookback<'c>) -> ModelCredit {
    let window = fits.credit(lookback);
    ModelCredit {
        model: Model::Incremental,
        credits: window.credits,
        unattributed: window.unattributed,
        organic: window.organic,
        fitted: Some(Fitted::Incremental(Box::new(window.summary))),
    }
}

/// Tier names (largest first, `unknown` and source groups last when used) and each creator's tier.
fn tier_groups(campaign: &Campaign) -> (Vec<String>, Vec<usize>) {
    campaign.tier_channels()
}

/// Unix seconds as ISO 8601 in the campaign's time zone.
fn iso(at: i64, zone: Option<FixedOffset>) -> String {
    zone.and_then(|z| DateTime::from_timestamp(at, 0).map(|t| t.with_timezone(&z).to_rfc3339()))
        .unwrap_or_else(|| at.to_string())
}

fn summary(campaign: &Campaign, zone: Option<FixedOffset>) -> Summary {
    let tiers = &campaign.tiers;
    let mut counts = vec![0usize; tiers.count()];
    for creator in campaign.roster.creators() {
        counts[usize::from(creator.tier)] += 1;
    }
    let tier_counts = tiers
        .shown(campaign.roster.creators().iter().map(|c| c.tier))
        .into_iter()
        .map(|i| TierCount { tier: tiers.name(i).to_owned(), creators: counts[usize::from(i)] })
        .collect();
    let orders = &campaign.orders;
    let value: Decimal = orders.gross.iter().sum();
    let refunded: Decimal = orders.refunded.iter().sum();
    let range = |times: &[i64]| Some((iso(*times.iter().min()?, zone), iso(*times.iter().max()?, zone)));
    Summary {
        creators: campaign.roster.creators().iter().filter(|c| c.source.is_none()).count(),
        sources: campaign.roster.creators().iter().filter(|c| c.source.is_some()).count(),
        tiers: tier_counts,
        touchpoints: campaign.touches.len(),
        journeys: campaign.journeys.len(),
        orders: orders.len(),
        value,
        refunded,
        net_value: value - refunded,
        touch_range: range(&campaign.touches.at),
        order_range: range(&orders.at),
        promo_codes: campaign.codes.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::sample::{SampleOptions, sample_campaign};

    #[test]
    fn windows_are_checked_sorted_and_deduplicated() {
        let options = ReportOptions { windows: vec![90, 7, 90], ..ReportOptions::default() };
        assert_eq!(options.windows().unwrap(), (vec![7, 90], 30));
        for bad in [vec![], vec![0], vec![crate::catalogue::MAX_WINDOW_DAYS + 1]] {
            assert!(ReportOptions { windows: bad, ..ReportOptions::default() }.windows().is_err());
        }
    }

    #[test]
    fn scores_are_zero_to_two_and_differ_between_models() {
        let sample = sample_campaign(&SampleOptions::default()).unwrap();
        let options = ReportOptions { intervals: Intervals { resamples: 0 }, ..ReportOptions::default() };
        let report = campaign_report(&sample.inputs, &options).unwrap();
        let scores = score(report.windows.iter().map(WindowReport::credit), &sample.truth);
        assert_eq!(scores.len(), report.windows.len() * options.models.len(), "every model of the report scored");
        assert!(scores.iter().all(|s| (0.0..=2.0).contains(&s.error)));
        let best = scores.iter().map(|s| s.error).fold(f64::INFINITY, f64::min);
        let worst = scores.iter().map(|s| s.error).fold(0.0, f64::max);
        assert!(worst > best + 0.1, "models disagree about the tiers: {best}..{worst}");
        assert!(score(report.windows.iter().map(WindowReport::credit), &[]).is_empty());
    }

    #[test]
    fn the_incremental_model_reports_organic_and_what_it_learned_at_both_levels() {
        let sample = sample_campaign(&SampleOptions { journeys: 3000, ..SampleOptions::default() }).unwrap();
        let options = ReportOptions {
            windows: vec![30, 90],
            models: vec![Model::LastTouch, Model::Incremental],
            intervals: Intervals { resamples: 20 },
            ..ReportOptions::default()
        };
        let report = campaign_report(&sample.inputs, &options).unwrap();
        for window in &report.windows {
            let (creators, tiers) = (window.creators.as_ref().unwrap(), window.tiers.as_ref().unwrap());
            assert_eq!(creators.organic.len(), 1, "only the incremental model has an organic row");
            assert_eq!(creators.organic, tiers.organic, "tiers keep their creators' organic part");
            let summary = tiers.incremental.as_ref().expect("what the fit learned");
            assert!(summary.converged && summary.half_life_days > 0.0);
            assert_eq!(summary.creators.len(), report.creators.len());
            let incremental: Vec<_> = tiers.credits.iter().filter(|c| c.model == Model::Incremental).collect();
            assert!(incremental.iter().all(|c| c.interval.is_some()), "its intervals from the fit's curvature");
            let last_touch = tiers.credits.iter().find(|c| c.model == Model::LastTouch).unwrap();
            assert!(last_touch.interval.is_some(), "the other models' from the bootstrap, in their places");
        }
        let csv = crate::api::export::report_csv(&report);
        assert_eq!(
            csv.lines().filter(|l| l.contains(",incremental,(organic),")).count(),
            4,
            "a row per window and level"
        );
    }
}
