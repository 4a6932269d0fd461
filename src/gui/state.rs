//! The app's shared vocabulary: document ids, the results tabs, the theme
//! and the exports. A leaf: it imports nothing else of the app, so every
//! other module (commands, documents, the workspace, widgets, panels) can
//! name these without importing each other.

use crate::model::View;

/// Identifies a document for the life of the app (never reused).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(pub u64);

/// The results tabs of the central area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Tab {
    /// Benefits by category: the chart and each category's formula.
    #[default]
    Benefits,
    /// The cumulative cash flow of every compared scenario.
    Payback,
    /// The monthly cash-flow table.
    Monthly,
    /// The annual summary table.
    Annual,
    /// The compared scenarios side by side.
    Compare,
    /// What-if analysis: sensitivity, goal seek and Monte Carlo.
    Analysis,
    /// The assumption register: every input with its evidence and impact.
    Assumptions,
    /// The estate inventory: environments and databases by name.
    Estate,
}

impl Tab {
    /// Every tab, in the order shown.
    pub const ALL: [Self; 8] = [
        Self::Benefits,
        Self::Payback,
        Self::Monthly,
        Self::Annual,
        Self::Compare,
        Self::Analysis,
        Self::Assumptions,
        Self::Estate,
    ];

    /// The tab's title.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Benefits => "Benefits",
            Self::Payback => "Payback curves",
            Self::Monthly => "Monthly cash flow",
            Self::Annual => "Annual summary",
            Self::Compare => "Compare",
            Self::Analysis => "What-if",
            Self::Assumptions => "Assumptions",
            Self::Estate => "Estate",
        }
    }
}

/// Which palette the window uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Theme {
    /// Dark text on a light background (the default, like printed reports).
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
}

impl Theme {
    /// Human name for menus.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Light => "Light theme",
            Self::Dark => "Dark theme",
        }
    }
}

/// The column the Assumptions tab sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum RegisterSort {
    /// Largest NPV swing first.
    #[default]
    Impact,
    /// Input path, A to Z.
    Input,
    /// Weakest evidence first (no record, then Placeholder...).
    Evidence,
    /// Lowest confidence first.
    Confidence,
}

impl RegisterSort {
    /// Every order, as offered.
    pub const ALL: [Self; 4] = [Self::Impact, Self::Input, Self::Evidence, Self::Confidence];

    /// Human name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Impact => "Impact",
            Self::Input => "Input",
            Self::Evidence => "Evidence",
            Self::Confidence => "Confidence",
        }
    }
}

/// How the Assumptions tab sorts and filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct RegisterView {
    /// The sort column.
    pub sort: RegisterSort,
    /// Only inputs whose record is a placeholder.
    pub placeholders_only: bool,
    /// Only key inputs (the widest swings) that are unconfirmed: no record,
    /// a placeholder or low confidence.
    pub weak_key_only: bool,
}

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// The monthly table of one view of the active scenario.
    Monthly(View),
    /// Both views' figures of the active scenario.
    Summary,
    /// The risk-adjusted figures of every scenario in the comparison set.
    Comparison,
    /// The payback curves of the comparison set as a PNG chart.
    Png,
    /// The business case of the active scenario as one HTML document.
    BusinessCase,
    /// The options appraisal of the comparison set (the compare base
    /// first) as one HTML document.
    Appraisal,
    /// The active scenario's business case as a workbook of live formulas.
    Workbook,
}

impl Export {
    /// Menu text.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Monthly(View::Adjusted) => "Monthly table, risk-adjusted...",
            Self::Monthly(View::Unadjusted) => "Monthly table, unadjusted...",
            Self::Summary => "Summary...",
            Self::Comparison => "Comparison...",
            Self::Png => "Payback chart (PNG)...",
            Self::BusinessCase => "Business case (HTML)...",
            Self::Appraisal => "Options appraisal (HTML)...",
            Self::Workbook => "Business-case workbook (XLSX)...",
        }
    }

    /// Whether the export is a CSV table (written in the chosen dialect).
    #[must_use]
    pub fn is_csv(self) -> bool {
        matches!(self, Self::Monthly(_) | Self::Summary | Self::Comparison)
    }

    /// Suggested file name.
    #[must_use]
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Monthly(View::Adjusted) => "monthly-risk-adjusted.csv",
            Self::Monthly(View::Unadjusted) => "monthly-unadjusted.csv",
            Self::Summary => "summary.csv",
            Self::Comparison => "comparison.csv",
            Self::Png => "payback.png",
            Self::BusinessCase => "business-case.html",
            Self::Appraisal => "options-appraisal.html",
            Self::Workbook => "business-case.xlsx",
        }
    }
}
