//! Keeps `src/api/wasm.d.ts`, the TypeScript types of every object crossing the wasm boundary,
//! generated from the Rust types themselves, so the two cannot drift apart.

use ts_rs::TS;

use crate::api::sql::{Dialect, SqlOptions, SqlTables};
use crate::attribution::bootstrap::Intervals;
use crate::attribution::incremental::{CreatorLift, IncrementalSummary, TierEffects, TypeStrength};
use crate::attribution::journey::{Level, Unattributed};
use crate::attribution::markov::{MarkovChain, RemovalEffect, Transition};
use crate::attribution::models::{Model, ModelOptions, TouchWeights};
use crate::attribution::shapley::ShapleySummary;
use crate::budget::{
    BudgetMethod, BudgetOptions, BudgetPlan, BudgetReport, CurveShape, Disagreement, LimitHit, Metric, TierBudget,
    TierConstraint, TierProposal,
};
use crate::campaign::sample::{
    CreatorTruth, OracleCredit, ProcessTruth, RoleTruth, SampleCampaign, SampleOptions, SampleProcess, TierTruth,
    TouchTypeTruth,
};
use crate::campaign::tier::TierSpec;
use crate::campaign::{
    CampaignInputs, CampaignOptions, CodeMatch, ColumnOverrides, DateOnlyOrders, PromoCodeTouches, UnmatchedCode,
};
use crate::catalogue::{
    Catalogue, ChannelInfo, ChannelsInfo, Group, GroupInfo, ModelInfo, SettingInfo, ShorthandInfo, TextInfo,
};
use crate::error::{Problem, ProblemCode, Severity};
use crate::money::{
    BonusRule, ChannelMoney, CreatorCost, LedgerLine, LineKind, LineStatus, MoneyOptions, MoneyReport, MoneyTotals,
    RoiRow, WeekTotal,
};
use crate::paths::{PathColumns, PathsOptions};
use crate::read::decode::{DecodedText, TextEncoding};
use crate::read::time::UtcOffset;
use crate::report::campaign::{
    CampaignReport, CreatorInfo, Levels, MarkovExport, NoteInfo, PathsExport, ReportOptions, Summary, TierCount,
    WindowReport,
};
use crate::report::category_windows::{CategoryLookback, CategoryWindowReport, CategoryWindows};
use crate::report::check::{CalibrationBin, CheckOptions, ModelCheck, ModelScore};
use crate::report::comparison::{Baseline, ChannelCredit, Comparison, ModelUnattributed, Totals};
use crate::report::intervals::{ResampleRange, ResampledShares, TierInterval, WindowIntervals};
use crate::report::lag::{
    AgeBucket, CategoryLag, LagBucket, LagHistogram, LagOptions, NoteAge, NoteLateness, TierLag, TierNoteAge, TimeLag,
};
use crate::report::lift::{LiftCheck, LiftTest};
use crate::report::paths::{CompareOptions, PathWindows, PathsMarkov, WindowComparison};
use crate::report::truth::TruthScore;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/api/wasm.d.ts");

/// The attribution models and the paths they read, in the order the file lists them.
fn models_and_paths(config: &ts_rs::Config) -> Vec<String> {
    vec![
        Model::decl(config),
        TouchWeights::decl(config),
        ModelOptions::decl(config),
        Baseline::decl(config),
        ModelUnattributed::decl(config),
        Levels::decl(config),
        PathColumns::decl(config),
        PathsOptions::decl(config),
        CompareOptions::decl(config),
        Totals::decl(config),
        ChannelCredit::decl(config),
        RemovalEffect::decl(config),
        Transition::decl(config),
        MarkovChain::decl(config),
        ShapleySummary::decl(config),
        TypeStrength::decl(config),
        TierEffects::decl(config),
        CreatorLift::decl(config),
        IncrementalSummary::decl(config),
        Comparison::decl(config),
        WindowComparison::decl(config),
        PathWindows::decl(config),
    ]
}

/// Reading, the campaign report, money, budget, the sample, checks, SQL and the catalogue.
fn inputs_and_outputs(config: &ts_rs::Config) -> Vec<String> {
    vec![
        Severity::decl(config),
        ProblemCode::decl(config),
        Problem::decl(config),
        TextEncoding::decl(config),
        DecodedText::decl(config),
        CampaignInputs::decl(config),
        TierSpec::decl(config),
        UtcOffset::decl(config),
        ColumnOverrides::decl(config),
        DateOnlyOrders::decl(config),
        PromoCodeTouches::decl(config),
        CampaignOptions::decl(config),
        Level::decl(config),
        Intervals::decl(config),
        TruthScore::decl(config),
        CategoryWindows::decl(config),
        ReportOptions::decl(config),
        MarkovExport::decl(config),
        PathsMarkov::decl(config),
        PathsExport::decl(config),
        TierCount::decl(config),
        UnmatchedCode::decl(config),
        CodeMatch::decl(config),
        Summary::decl(config),
        CreatorInfo::decl(config),
        NoteInfo::decl(config),
        Unattributed::decl(config),
        CategoryLookback::decl(config),
        CategoryWindowReport::decl(config),
        WindowReport::decl(config),
        CampaignReport::decl(config),
        ResampleRange::decl(config),
        ResampledShares::decl(config),
        TierInterval::decl(config),
        WindowIntervals::decl(config),
        BonusRule::decl(config),
        MoneyOptions::decl(config),
        LineKind::decl(config),
        LineStatus::decl(config),
        LedgerLine::decl(config),
        WeekTotal::decl(config),
        CreatorCost::decl(config),
        MoneyTotals::decl(config),
        ChannelMoney::decl(config),
        MoneyReport::decl(config),
        RoiRow::decl(config),
        Metric::decl(config),
        BudgetMethod::decl(config),
        CurveShape::decl(config),
        TierConstraint::decl(config),
        BudgetOptions::decl(config),
        TierBudget::decl(config),
        LimitHit::decl(config),
        TierProposal::decl(config),
        BudgetPlan::decl(config),
        Disagreement::decl(config),
        BudgetReport::decl(config),
        SampleProcess::decl(config),
        SampleOptions::decl(config),
        CreatorTruth::decl(config),
        TierTruth::decl(config),
        TouchTypeTruth::decl(config),
        RoleTruth::decl(config),
        OracleCredit::decl(config),
        ProcessTruth::decl(config),
        SampleCampaign::decl(config),
        LiftTest::decl(config),
        LiftCheck::decl(config),
        CheckOptions::decl(config),
        CalibrationBin::decl(config),
        ModelScore::decl(config),
        ModelCheck::decl(config),
        LagOptions::decl(config),
        LagBucket::decl(config),
        LagHistogram::decl(config),
        TierLag::decl(config),
        CategoryLag::decl(config),
        AgeBucket::decl(config),
        TierNoteAge::decl(config),
        NoteLateness::decl(config),
        NoteAge::decl(config),
        TimeLag::decl(config),
        Dialect::decl(config),
        SqlTables::decl(config),
        SqlOptions::decl(config),
        Group::decl(config),
        TextInfo::decl(config),
        ModelInfo::decl(config),
        SettingInfo::decl(config),
        ShorthandInfo::decl(config),
        GroupInfo::decl(config),
        ChannelInfo::decl(config),
        ChannelsInfo::decl(config),
        Catalogue::decl(config),
    ]
}

fn declarations() -> String {
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test` (src/api/typescript.rs); do not edit.\n\
         // To regenerate: UPDATE_TYPES=1 cargo test --lib typescript\n",
    );
    let config = ts_rs::Config::new();
    for decl in models_and_paths(&config).into_iter().chain(inputs_and_outputs(&config)) {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}

#[test]
fn wasm_types_are_current() {
    let expected = declarations();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(PATH, &expected).unwrap();
    }
    let committed = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        committed == expected,
        "src/api/wasm.d.ts is out of date with the Rust types; run: UPDATE_TYPES=1 cargo test --lib typescript"
    );
}
