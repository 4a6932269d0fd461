//! What an export is made from, owned, so the file worker needs nothing
//! from the workspace; and its bytes, from the same functions as the
//! command line, so the files are byte-identical.

use std::path::PathBuf;
use std::sync::Arc;

use crate::format::style::{Style, with_style};
use crate::io::{self, csv_out, csv_out::CsvDialect};
use crate::model::{Results, Scenario, View};

/// The owned data an export is made from.
#[derive(Debug, Clone)]
pub enum ExportData {
    /// A monthly table of one view.
    Monthly(Arc<Results>, View),
    /// Both views' figures.
    Summary(Arc<Results>),
    /// The risk-adjusted figures of named scenarios.
    Comparison(Vec<(String, Arc<Results>)>),
    /// The formula workbook of one scenario.
    Workbook(Box<Scenario>, Arc<Results>),
    /// The payback chart of named scenarios.
    Png {
        /// Scenario names and results.
        series: Vec<(String, Arc<Results>)>,
        /// Which view to draw.
        view: View,
        /// The one currency of the money axis.
        currency: String,
        /// The display style of its labels.
        style: Style,
    },
    /// A business-case document (one scenario) or an options appraisal
    /// (several, the first the base case), as HTML.
    Html {
        /// Each scenario, its file and its results.
        items: Vec<(Box<Scenario>, Option<PathBuf>, Arc<Results>)>,
        /// An options appraisal rather than one business case.
        appraisal: bool,
        /// The display style of its figures.
        style: Style,
    },
}

impl ExportData {
    /// The bytes of the export, from the same functions as the command
    /// line (so the files are byte-identical), CSV in `dialect`.
    pub fn bytes(&self, dialect: CsvDialect) -> Result<Vec<u8>, String> {
        let csv = |text: String| Ok(dialect.apply(text).into_bytes());
        match self {
            Self::Monthly(results, view) => csv(csv_out::monthly_csv(results, *view)),
            Self::Summary(results) => csv(csv_out::summary_csv(results)),
            Self::Comparison(series) => {
                let borrowed: Vec<(&str, &Results)> =
                    series.iter().map(|(n, r)| (n.as_str(), &**r)).collect();
                csv(csv_out::comparison_csv(&borrowed))
            }
            Self::Workbook(scenario, results) => io::xlsx::workbook(scenario, results),
            Self::Png {
                series,
                view,
                currency,
                style,
            } => {
                let borrowed: Vec<(&str, &Results)> =
                    series.iter().map(|(n, r)| (n.as_str(), &**r)).collect();
                // The command line's defaults (1600 x 900, scale 1), so the
                // risk-adjusted chart is byte for byte `envroi compare --png`.
                // With the app's default style, its labels are the command line's too.
                let opts = io::png::PngOptions::default();
                with_style(*style, || {
                    io::png::payback_png(&borrowed, *view, currency, &opts)
                })
            }
            Self::Html {
                items,
                appraisal,
                style,
            } => {
                let items: Vec<crate::case::Item<'_>> = items
                    .iter()
                    .map(|(s, p, r)| (&**s, p.as_deref(), &**r))
                    .collect();
                // No date: the command line writes none unless asked, so
                // with the default style the bytes are the same.
                let html = with_style(*style, || match (appraisal, items.as_slice()) {
                    (false, [one]) => crate::case::business_case_html(*one, None),
                    _ => crate::case::appraisal_html(&items, None),
                })?;
                Ok(html.into_bytes())
            }
        }
    }
}
