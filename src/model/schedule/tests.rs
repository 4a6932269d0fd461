//! Unit tests of the monthly tables: cell scales, the one-pass build of
//! both views, and the stretches of a realisation.

use super::*;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A shipped scenario, read with `ron` directly: the model sits below the
/// file layer, and the shipped files need none of its checks.
fn shipped(name: &str, text: &str) -> Scenario {
    let s: Scenario = ron::from_str(text).unwrap();
    assert!(crate::model::validate(&s).is_empty(), "{name} is invalid");
    s
}

#[test]
fn every_cell_and_total_has_two_places() {
    let s = shipped("baseline", include_str!("../../../scenarios/baseline.ron"));
    for view in View::ALL {
        let t = table(&s, view);
        let rows = t.benefit_rows.iter().chain(&t.cost_rows);
        for row in rows {
            assert!(row.cells.iter().all(|c| c.scale() == 2), "{}", row.key);
            assert_eq!(row.total.scale(), 2, "{}", row.key);
        }
        for series in [&t.benefits, &t.costs, &t.net, &t.cumulative] {
            assert!(series.iter().all(|c| c.scale() == 2));
        }
    }
}

/// Building both views in one pass shares each line's yearly values;
/// each view must come out as when it is built alone.
#[test]
fn both_views_in_one_pass_equal_each_view_alone() {
    let files = [
        ("baseline", include_str!("../../../scenarios/baseline.ron")),
        (
            "optimistic",
            include_str!("../../../scenarios/optimistic.ron"),
        ),
        ("tem_only", include_str!("../../../scenarios/tem_only.ron")),
    ];
    for (name, text) in files {
        let mut s = shipped(name, text);
        s.synergy_uplift = d("0.05");
        let (unadjusted, adjusted) = tables(&s);
        assert_eq!(unadjusted, table(&s, View::Unadjusted), "{name}");
        assert_eq!(adjusted, table(&s, View::Adjusted), "{name}");
        assert_ne!(unadjusted.net, adjusted.net, "{name}");
    }
}

#[test]
fn stretches_break_at_a_new_fraction_or_year() {
    let one = (Decimal::ONE, 1);
    let half = (d("0.5"), 1);
    let third = (d("1"), 3);
    let mut share = vec![(Decimal::ZERO, 1), half, half, one, third];
    share.extend(std::iter::repeat_n(one, 10));
    let f = Realisation::new(&share);
    let spans: Vec<(usize, usize, usize)> = f
        .stretches
        .iter()
        .map(|s| (s.start, s.end, s.year))
        .collect();
    // Months 1-2 at a half, 3 whole, 4 a third, 5-12 whole in year 0,
    // 13-14 whole in year 1.
    assert_eq!(
        spans,
        vec![(1, 3, 0), (3, 4, 0), (4, 5, 0), (5, 13, 0), (13, 15, 1)]
    );
    assert_eq!(f.stretches[2].denominator, 3);
}
