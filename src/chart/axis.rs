//! Axes and their tick labels: "nice" money and count steps computed in
//! `Decimal` so that every label is exact, the month axis with calendar
//! months, the category axis of bar charts, and the zero line.

use rust_decimal::Decimal;

use super::description::{Axis, Mark, RuleDirection, RuleMark, Tick};
use super::plot_value;
use crate::format::money_dp;
use crate::format::style::{self, MonthNames};
use crate::model::YearMonth;
use crate::tokens;

/// A "nice" tick step (1, 2, 2.5 or 5 times a power of ten) so that `span`
/// is covered by at most about `target` steps.
fn nice_step(span: Decimal, target: u32) -> Decimal {
    let target = Decimal::from(target.max(1));
    let raw = if span > Decimal::ZERO {
        span / target
    } else {
        Decimal::ONE
    };
    let ten = Decimal::TEN;
    let mut magnitude = Decimal::ONE;
    for _ in 0..40 {
        match magnitude.checked_mul(ten) {
            Some(next) if next <= raw => magnitude = next,
            _ => break,
        }
    }
    for _ in 0..40 {
        if magnitude <= raw {
            break;
        }
        magnitude /= ten;
    }
    let two_and_a_half = Decimal::new(25, 1);
    for factor in [
        Decimal::ONE,
        Decimal::TWO,
        two_and_a_half,
        Decimal::from(5),
        ten,
    ] {
        let step = magnitude * factor;
        if step >= raw {
            return step;
        }
    }
    magnitude * ten
}

/// A value axis over `[low, high]`, widened to whole tick steps, with tick
/// labels made by `label` from the exact tick value.
pub(super) fn value_axis(
    title: &str,
    low: Decimal,
    high: Decimal,
    target: u32,
    integer_steps: bool,
    label: &dyn Fn(Decimal, u32) -> String,
) -> Axis {
    let (mut low, mut high) = if low <= high {
        (low, high)
    } else {
        (high, low)
    };
    if low == high {
        let pad = (low.abs() / Decimal::TEN).max(Decimal::ONE);
        if low >= Decimal::ZERO && low - pad < Decimal::ZERO {
            low = Decimal::ZERO;
        } else {
            low = low.saturating_sub(pad);
        }
        high = high.saturating_add(pad);
    }
    let mut step = nice_step(high.saturating_sub(low), target);
    if (integer_steps && step < Decimal::ONE) || step <= Decimal::ZERO {
        step = Decimal::ONE;
    }
    let first = (low / step).floor() * step;
    let last = (high / step).ceil() * step;
    let dp = step.normalize().scale();
    let mut ticks = Vec::new();
    let mut value = first;
    while value <= last && ticks.len() < 200 {
        ticks.push(Tick {
            value: plot_value(value),
            label: label(value, dp),
        });
        match value.checked_add(step) {
            Some(next) => value = next,
            None => break,
        }
    }
    Axis {
        title: title.to_owned(),
        min: plot_value(first),
        max: plot_value(last),
        ticks,
        grid: true,
    }
}

/// A money axis over `[low, high]`, in whole currency units; an empty
/// range (a chart of nothing) shows `0` to `1,000`.
pub(super) fn money_axis(
    title: &str,
    low: Decimal,
    high: Decimal,
    target: u32,
    currency: &str,
) -> Axis {
    let high = if low == high && high.is_zero() {
        Decimal::ONE_THOUSAND
    } else {
        high
    };
    value_axis(title, low, high, target, true, &|v, dp| {
        money_dp(currency, v, dp)
    })
}

/// `Dec 2027`, or the month in the display style's names.
pub(super) fn month_name(ym: YearMonth) -> String {
    let names = match style::current().months {
        MonthNames::Iso => MonthNames::English,
        chosen => chosen,
    };
    names.name(ym.year, ym.month).unwrap_or_default()
}

/// The month axis `0..=horizon`: month counts, and calendar months under
/// them when `start` is known (the month whose end the point stands for).
pub(super) fn month_axis(horizon: u32, start: Option<YearMonth>) -> Axis {
    let horizon = horizon.max(1);
    let step = [1, 2, 3, 6, 12, 24]
        .into_iter()
        .find(|step| horizon / step <= 12)
        .unwrap_or(24);
    let ticks = (0..=horizon)
        .step_by(usize::try_from(step).unwrap_or(12))
        .map(|t| {
            let date = match start {
                Some(_) if t == 0 => "\nUpfront".to_owned(),
                Some(s) => format!("\n{}", month_name(s.plus_months(t - 1))),
                None => String::new(),
            };
            Tick {
                value: f64::from(t),
                label: format!("{t}{date}"),
            }
        })
        .collect();
    Axis {
        title: if start.is_some() {
            "Months from start (calendar month below)".to_owned()
        } else {
            "Months from start (the scenarios start in different months)".to_owned()
        },
        min: 0.0,
        max: f64::from(horizon),
        ticks,
        grid: true,
    }
}

/// A category axis: one tick per label, the first label at the top.
pub(super) fn category_axis(labels: &[String]) -> Axis {
    let n = labels.len();
    let ticks = labels
        .iter()
        .enumerate()
        .map(|(i, label)| Tick {
            value: (n - 1 - i) as f64,
            label: label.clone(),
        })
        .rev()
        .collect();
    Axis {
        title: String::new(),
        min: -0.5,
        max: n.max(1) as f64 - 0.5,
        ticks,
        grid: false,
    }
}

/// The position of category `i` of `n` on a category axis.
pub(super) fn category_position(i: usize, n: usize) -> f64 {
    n.saturating_sub(1 + i) as f64
}

/// The zero line of a value axis.
pub(super) fn zero_rule(direction: RuleDirection, label: Option<String>) -> Mark {
    Mark::Rule(RuleMark {
        direction,
        value: 0.0,
        colour: tokens::CHART_ZERO,
        width: 1.5,
        dashed: false,
        label,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn nice_steps_are_one_two_two_and_a_half_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(d("1000000"), 5), d("200000"));
        assert_eq!(nice_step(d("1100000"), 5), d("250000"));
        assert_eq!(nice_step(d("7"), 7), d("1"));
        assert_eq!(nice_step(d("0.3"), 3), d("0.1"));
        assert_eq!(nice_step(Decimal::ZERO, 5), d("1"));
    }

    #[test]
    fn money_axis_labels_are_exact_with_thousands_separators() {
        let axis = money_axis("x", d("-512345.67"), d("1234567.89"), 7, "USD");
        let labels: Vec<&str> = axis.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"-USD 750,000"));
        assert!(labels.contains(&"USD 0"));
        assert!(labels.contains(&"USD 1,250,000"));
        assert!(axis.min <= -512_345.67 && axis.max >= 1_234_567.89);
    }

    #[test]
    fn a_flat_range_still_gets_an_axis() {
        let axis = money_axis("x", Decimal::ZERO, Decimal::ZERO, 7, "EUR");
        assert!(axis.max > axis.min);
        assert!(axis.ticks.len() >= 2);
    }

    #[test]
    fn month_ticks_carry_calendar_months_and_stay_few() {
        let start = YearMonth {
            year: 2027,
            month: 1,
        };
        let axis = month_axis(36, Some(start));
        assert_eq!(axis.ticks[0].label, "0\nUpfront");
        assert_eq!(axis.ticks[1].label, "3\nMar 2027");
        let long = month_axis(120, Some(start));
        assert!(long.ticks.len() <= 13);
        assert_eq!(long.ticks[1].label, "12\nDec 2027");
        assert_eq!(month_axis(24, None).ticks[1].label, "2");
    }
}
