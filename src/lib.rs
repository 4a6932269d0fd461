//! envroi builds the business case for Test Environment Management (TEM)
//! and Test Data Management (TDM): a decimal-precise monthly savings model
//! with risk-adjusted and unadjusted cash flows, NPV, ROI, payback and IRR.
//!
//! Layers, innermost first:
//! - [`model`]: pure; a validated scenario in, results out.
//! - [`format`]: figures for people; [`tokens`]: colours and spacing.
//! - [`chart`]: renderer-neutral chart descriptions.
//! - [`io`]: scenario files (RON), CSV writers, the headless PNG renderer,
//!   atomic writes, paths.
//! - [`parallel`]: the multi-threaded Monte Carlo runner.
//! - [`cli`]: the headless commands.
//! - `gui` (feature `gui`): the desktop app.
//!
//! ARCHITECTURE.md at the top of the repository is the map.

pub mod case;
pub mod chart;
pub mod cli;
pub mod format;
#[cfg(feature = "gui")]
pub mod gui;
pub mod io;
pub mod model;
pub mod parallel;
pub mod parallel_rows;
pub mod tokens;
