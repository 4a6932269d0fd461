//! The savings model of MODEL.md: a pure function from a validated
//! [`Scenario`] to [`Results`]. No egui, no files, no clock, no threads and
//! no floating point: every amount is a `rust_decimal::Decimal`.

pub mod analysis;
pub mod assumption;
pub mod bounds;
pub mod cash;
pub mod category;
pub mod currency;
pub mod decimal;
pub mod edit;
pub mod estate;
pub mod exact;
pub mod fields;
pub mod figures;
pub mod inputs;
pub mod irr;
pub mod ramp;
pub mod scenario;
pub mod schedule;
pub mod validate;

pub use assumption::{Assumption, Assumptions, Confidence, Evidence};
pub use category::Category;
pub use currency::{MixedCurrencies, shared_currency};
pub use figures::{Figures, YearRow};
pub use scenario::{
    Benefits, Correlation, Cost, CustomLine, Discounting, MonteCarlo, Programme, ProgrammeRef,
    Range, Scenario, YearMonth,
};
pub use schedule::{Row, RowKind, Table};
pub use validate::{Problem, validate};

/// Which of the two views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum View {
    /// Benefits written down by their risk, costs raised by theirs. Shown first.
    #[default]
    Adjusted,
    /// Inputs as entered.
    Unadjusted,
}

impl View {
    /// Both views, risk-adjusted first.
    pub const ALL: [Self; 2] = [Self::Adjusted, Self::Unadjusted];

    /// Human name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Adjusted => "Risk-adjusted",
            Self::Unadjusted => "Unadjusted",
        }
    }
}

/// Everything computed for one view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewResults {
    /// The monthly table.
    pub table: Table,
    /// Headline figures.
    pub figures: Figures,
    /// The annual summary, year 0 first.
    pub years: Vec<YearRow>,
    /// The cash-only figures (MODEL.md 11.2).
    pub cash: cash::CashFigures,
}

/// The results of one scenario: both views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    /// First calendar month (label of month 1).
    pub start: YearMonth,
    /// `H`.
    pub horizon_months: u32,
    /// Inputs as entered.
    pub unadjusted: ViewResults,
    /// Risk-adjusted.
    pub adjusted: ViewResults,
    /// Whether the file declares capacity (MODEL.md 11.2): only then do the
    /// exports show the cash and capacity split.
    pub declares_capacity: bool,
}

impl Results {
    /// The results of one view.
    #[must_use]
    pub fn view(&self, view: View) -> &ViewResults {
        match view {
            View::Adjusted => &self.adjusted,
            View::Unadjusted => &self.unadjusted,
        }
    }

    /// The label of month `t`: `upfront` for 0, else `YYYY-MM`.
    #[must_use]
    pub fn month_label(&self, t: u32) -> String {
        month_label(self.start, t)
    }
}

/// The label of month `t` of a horizon starting at `start` (MODEL.md section 1).
#[must_use]
pub fn month_label(start: YearMonth, t: u32) -> String {
    if t == 0 {
        "upfront".to_owned()
    } else {
        start.plus_months(t - 1).to_string()
    }
}

/// Computes both views of a validated scenario. Call [`validate`] first:
/// on a scenario with problems the figures are meaningless.
#[must_use]
pub fn compute(s: &Scenario) -> Results {
    let (unadjusted, adjusted) = schedule::tables(s);
    let discounter = figures::Discounter::new(s);
    let finish = |table: Table| {
        let figures = figures::figures(&table, &discounter);
        let years = figures::annual_rows(&table, &discounter);
        let cash = cash::cash_figures(&table, &discounter, figures.pv_costs);
        ViewResults {
            table,
            figures,
            years,
            cash,
        }
    };
    Results {
        start: s.start,
        horizon_months: s.horizon_months,
        unadjusted: finish(unadjusted),
        adjusted: finish(adjusted),
        declares_capacity: cash::declares_capacity(s),
    }
}
