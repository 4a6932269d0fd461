//! Charts as PNG: the renderer gives the same bytes for the same input, the
//! size options reach the PNG header, every chart kind renders for awkward
//! scenarios (long names, no payback, all cost, 120 months, eight at once),
//! and `envroi report --png` / `envroi compare --png` write exactly the
//! bytes the library function makes (the app calls the same function).
//!
//! Set `ENVROI_CHART_GALLERY` to a folder to also keep every rendered chart
//! there for looking at.

#![expect(
    clippy::unwrap_used,
    reason = "a test fails loudly on an unexpected error"
)]

use std::path::{Path, PathBuf};

mod common;
use common::{BASELINE, d, envroi, temp_dir};

use envroi::chart::{
    Chart, HistogramBin, TornadoBar, ValueMarker, benefits_chart, histogram_chart, payback_chart,
    tornado_chart,
};
use envroi::io::png::{PngOptions, payback_png, render_png};
use envroi::model::{Results, Scenario, View, compute};
use rust_decimal::Decimal;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/charts");

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn load(path: &Path) -> (Scenario, Results) {
    let scenario = envroi::io::load_path(path).unwrap();
    let results = compute(&scenario);
    (scenario, results)
}

/// Width and height from the IHDR chunk, after checking the PNG signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |range: std::ops::Range<usize>| u32::from_be_bytes(bytes[range].try_into().unwrap());
    (be(16..20), be(20..24))
}

/// Keeps a copy of a rendered chart when `ENVROI_CHART_GALLERY` is set.
fn keep(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("ENVROI_CHART_GALLERY") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), bytes).unwrap();
    }
}

fn render(name: &str, chart: &Chart, opts: &PngOptions) -> Vec<u8> {
    let bytes = render_png(chart, opts).unwrap();
    assert_eq!(png_size(&bytes), opts.pixel_size(), "{name}");
    keep(name, &bytes);
    bytes
}

const ALL_FIXTURES: [&str; 8] = [
    "long_name.ron",
    "never_pays_back.ron",
    "all_negative.ron",
    "horizon_120.ron",
    "optimistic.ron",
    "conservative.ron",
    "tem_only.ron",
    "tdm_only.ron",
];

#[test]
fn the_same_chart_renders_to_the_same_bytes() {
    let (s, r) = load(Path::new(BASELINE));
    let opts = PngOptions::default();
    let first = render_png(
        &payback_chart(&[(&s.name, &r)], View::Adjusted, &s.currency),
        &opts,
    )
    .unwrap();
    let second = render_png(
        &payback_chart(&[(&s.name, &r)], View::Adjusted, &s.currency),
        &opts,
    )
    .unwrap();
    assert_eq!(first, second);
    let unadjusted = render_png(
        &payback_chart(&[(&s.name, &r)], View::Unadjusted, &s.currency),
        &opts,
    )
    .unwrap();
    assert_ne!(first, unadjusted, "the view must change the picture");
}

#[test]
fn the_size_options_reach_the_png_header() {
    let (s, r) = load(Path::new(BASELINE));
    let chart = payback_chart(&[(&s.name, &r)], View::Adjusted, &s.currency);
    let cases = [
        (PngOptions::default(), (1600, 900)),
        (
            PngOptions {
                scale: 2,
                ..PngOptions::default()
            },
            (3200, 1800),
        ),
        (
            PngOptions {
                width: 800,
                height: 600,
                scale: 1,
            },
            (800, 600),
        ),
        (
            PngOptions {
                width: 200,
                height: 200,
                scale: 1,
            },
            (200, 200),
        ),
    ];
    for (opts, size) in cases {
        let bytes = render_png(&chart, &opts).unwrap();
        assert_eq!(png_size(&bytes), size);
        keep(&format!("payback_baseline_{}x{}", size.0, size.1), &bytes);
    }
}

#[test]
fn a_bad_size_is_an_error_not_a_panic() {
    let (s, r) = load(Path::new(BASELINE));
    let chart = payback_chart(&[(&s.name, &r)], View::Adjusted, &s.currency);
    for opts in [
        PngOptions {
            width: 0,
            ..PngOptions::default()
        },
        PngOptions {
            scale: 0,
            ..PngOptions::default()
        },
        PngOptions {
            width: 8000,
            height: 8000,
            scale: 2,
        },
    ] {
        assert!(render_png(&chart, &opts).is_err(), "{opts:?}");
    }
}

#[test]
fn every_fixture_renders_its_payback_and_benefits_charts() {
    let opts = PngOptions::default();
    for name in ALL_FIXTURES {
        let (s, r) = load(&fixture(name));
        let stem = name.trim_end_matches(".ron");
        render(
            &format!("payback_{stem}"),
            &payback_chart(&[(&s.name, &r)], View::Adjusted, &s.currency),
            &opts,
        );
        render(
            &format!("benefits_{stem}"),
            &benefits_chart(&s.name, &r, View::Adjusted, &s.currency),
            &opts,
        );
    }
}

#[test]
fn a_curve_that_never_pays_back_has_no_payback_point_but_says_so() {
    let (s, r) = load(&fixture("never_pays_back.ron"));
    assert_eq!(r.adjusted.figures.payback_months, None);
    let chart = payback_chart(&[(&s.name, &r)], View::Adjusted, &s.currency);
    assert!(
        !chart
            .marks
            .iter()
            .any(|m| matches!(m, envroi::chart::Mark::Point(_)))
    );
    assert!(
        chart.legend[0]
            .detail
            .contains("no payback within 36 months")
    );
}

#[test]
fn one_and_eight_scenarios_on_one_chart() {
    let mut loaded = vec![load(Path::new(BASELINE))];
    loaded.extend(ALL_FIXTURES[..7].iter().map(|n| load(&fixture(n))));
    let pairs: Vec<(&str, &Results)> = loaded.iter().map(|(s, r)| (s.name.as_str(), r)).collect();
    let chart = payback_chart(&pairs, View::Adjusted, "USD");
    assert_eq!(chart.legend.len(), 8);
    render("compare_eight", &chart, &PngOptions::default());
    render(
        "compare_eight_small",
        &chart,
        &PngOptions {
            width: 900,
            height: 600,
            scale: 1,
        },
    );
    let three = payback_chart(&pairs[..3], View::Unadjusted, "USD");
    render("compare_three", &three, &PngOptions::default());
    let nothing = payback_chart(&[], View::Adjusted, "USD");
    render("compare_none", &nothing, &PngOptions::default());
}

#[test]
fn tornado_and_histogram_render_from_plain_data() {
    let bars = [
        TornadoBar {
            label: "TEM services: reduction (0.40 to 0.70)".to_owned(),
            npv_low: d("812345.12"),
            npv_high: d("1398765.40"),
        },
        TornadoBar {
            label: "TDM data-breach exposure: annual probability (0.01 to 0.10)".to_owned(),
            npv_low: d("402000"),
            npv_high: d("1650000"),
        },
        TornadoBar {
            label: "Implementation services: amount (200,000 to 400,000)".to_owned(),
            npv_low: d("1210000"),
            npv_high: d("1002000"),
        },
        TornadoBar {
            label: "Discount rate (0.08 to 0.12)".to_owned(),
            npv_low: d("1150000"),
            npv_high: d("1060000"),
        },
    ];
    let tornado = tornado_chart("Composite bank: TEM + TDM", d("1102345.67"), &bars, "USD");
    render("tornado", &tornado, &PngOptions::default());
    let crossing = [TornadoBar {
        label: "Everything at once".to_owned(),
        npv_low: d("-300000"),
        npv_high: d("500000"),
    }];
    render(
        "tornado_crossing_zero",
        &tornado_chart("Thin case", d("50000"), &crossing, "EUR"),
        &PngOptions::default(),
    );
    render(
        "tornado_empty",
        &tornado_chart("No ranges", d("0"), &[], "EUR"),
        &PngOptions::default(),
    );

    let counts = [
        3_u64, 11, 40, 120, 310, 640, 1010, 1390, 1560, 1450, 1200, 880, 620, 390, 220, 100, 40,
        12, 4,
    ];
    let bins: Vec<HistogramBin> = counts
        .iter()
        .enumerate()
        .map(|(i, &count)| {
            let lower = Decimal::from(i64::try_from(i).unwrap() - 4) * d("150000");
            HistogramBin {
                lower,
                upper: lower + d("150000"),
                count,
            }
        })
        .collect();
    let markers = [
        ValueMarker {
            label: "P10".to_owned(),
            value: d("310000"),
        },
        ValueMarker {
            label: "Base".to_owned(),
            value: d("1102345.67"),
        },
        ValueMarker {
            label: "Mean".to_owned(),
            value: d("1150000"),
        },
        ValueMarker {
            label: "P90".to_owned(),
            value: d("1910000"),
        },
    ];
    let histogram = histogram_chart("Composite bank: TEM + TDM", &bins, &markers, "USD");
    render("histogram", &histogram, &PngOptions::default());
    render(
        "histogram_scale2",
        &histogram,
        &PngOptions {
            scale: 2,
            ..PngOptions::default()
        },
    );
    render(
        "histogram_empty",
        &histogram_chart("No trials", &[], &[], "USD"),
        &PngOptions::default(),
    );
}

#[test]
fn report_png_writes_the_library_functions_bytes() {
    let dir = temp_dir();
    let out = dir.path().join("payback.png");
    let status = envroi(&[
        "report",
        BASELINE,
        "--png",
        out.to_str().unwrap(),
        "--width",
        "1200",
        "--height",
        "700",
        "--scale",
        "2",
    ]);
    assert!(status.status.success(), "{status:?}");
    let written = std::fs::read(&out).unwrap();
    assert_eq!(png_size(&written), (2400, 1400));

    let (s, r) = load(Path::new(BASELINE));
    let opts = PngOptions {
        width: 1200,
        height: 700,
        scale: 2,
    };
    let expected = payback_png(&[(&s.name, &r)], View::Adjusted, &s.currency, &opts).unwrap();
    assert_eq!(written, expected);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file is left behind");
}

#[test]
fn compare_png_draws_every_file_and_matches_the_library() {
    let dir = temp_dir();
    let out = dir.path().join("compare.png");
    let files = [
        BASELINE.to_owned(),
        fixture("never_pays_back.ron").display().to_string(),
        fixture("horizon_120.ron").display().to_string(),
    ];
    let mut args = vec!["compare"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--png", out.to_str().unwrap()]);
    let status = envroi(&args);
    assert!(status.status.success(), "{status:?}");
    let written = std::fs::read(&out).unwrap();
    assert_eq!(png_size(&written), (1600, 900));

    let loaded: Vec<(Scenario, Results)> = files.iter().map(|f| load(Path::new(f))).collect();
    let pairs: Vec<(&str, &Results)> = loaded.iter().map(|(s, r)| (s.name.as_str(), r)).collect();
    let expected = payback_png(&pairs, View::Adjusted, "USD", &PngOptions::default()).unwrap();
    assert_eq!(written, expected);
}

#[test]
fn a_bad_width_or_scale_is_wrong_usage() {
    let dir = temp_dir();
    let out = dir.path().join("x.png");
    for bad in [["--width", "10"], ["--height", "99999"], ["--scale", "3"]] {
        let mut args = vec!["report", BASELINE, "--png", out.to_str().unwrap()];
        args.extend(bad);
        let status = envroi(&args);
        assert_eq!(status.status.code(), Some(2), "{bad:?}: {status:?}");
        assert!(!out.exists());
    }
}

#[test]
fn png_never_overwrites_an_input() {
    let dir = temp_dir();
    let input = dir.path().join("in.ron");
    std::fs::copy(BASELINE, &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let path = input.to_str().unwrap();
    let status = envroi(&["report", path, "--png", path]);
    assert_eq!(status.status.code(), Some(2), "{status:?}");
    let status = envroi(&["compare", BASELINE, path, "--png", path]);
    assert_eq!(status.status.code(), Some(2), "{status:?}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn an_invalid_input_writes_no_png() {
    let dir = temp_dir();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "Scenario(format_version: 1)").unwrap();
    let out = dir.path().join("out.png");
    let status = envroi(&[
        "compare",
        BASELINE,
        bad.to_str().unwrap(),
        "--png",
        out.to_str().unwrap(),
    ]);
    assert_eq!(status.status.code(), Some(1), "{status:?}");
    assert!(!out.exists());
}

#[test]
fn compare_png_refuses_scenarios_in_different_currencies() {
    let dir = temp_dir();
    let euro = dir.path().join("euro.ron");
    let text = std::fs::read_to_string(BASELINE).unwrap();
    std::fs::write(
        &euro,
        text.replace("currency: \"USD\"", "currency: \"EUR\""),
    )
    .unwrap();
    let out = dir.path().join("mixed.png");
    let status = envroi(&[
        "compare",
        BASELINE,
        euro.to_str().unwrap(),
        "--png",
        out.to_str().unwrap(),
    ]);
    assert_eq!(status.status.code(), Some(1), "{status:?}");
    assert!(String::from_utf8_lossy(&status.stderr).contains("different currencies (USD, EUR)"));
    assert!(!out.exists());
}

#[test]
fn the_payback_point_sits_on_the_zero_line_at_the_payback_month() {
    let (s, r) = load(Path::new(BASELINE));
    let months = r.adjusted.figures.payback_months.unwrap();
    let chart = payback_chart(&[(&s.name, &r)], View::Adjusted, &s.currency);
    let points: Vec<&envroi::chart::PointMark> = chart
        .marks
        .iter()
        .filter_map(|m| match m {
            envroi::chart::Mark::Point(p) => Some(p),
            _ => None,
        })
        .collect();
    assert_eq!(points.len(), 1);
    assert!((points[0].x - envroi::chart::plot_value(months)).abs() < 1e-9);
    assert!(points[0].y.abs() < 1e-9);
    assert_eq!(points[0].label, envroi::format::payback(Some(months)));
    assert!(
        chart
            .y_axis
            .ticks
            .iter()
            .any(|t| t.label == "USD 1,000,000"),
        "money ticks carry the currency and thousands separators"
    );
}

#[test]
fn the_benefits_chart_has_one_labelled_bar_per_line_with_a_benefit() {
    let (s, r) = load(Path::new(BASELINE));
    let chart = benefits_chart(&s.name, &r, View::Adjusted, &s.currency);
    let with_benefit: Vec<_> = r
        .adjusted
        .table
        .benefit_rows
        .iter()
        .filter(|row| !row.total.is_zero())
        .collect();
    let bars: Vec<&envroi::chart::BarMark> = chart
        .marks
        .iter()
        .filter_map(|m| match m {
            envroi::chart::Mark::Bar(b) => Some(b),
            _ => None,
        })
        .collect();
    assert_eq!(bars.len(), with_benefit.len());
    for (bar, row) in bars.iter().zip(&with_benefit) {
        assert_eq!(
            bar.label.as_deref(),
            Some(envroi::format::money_whole("USD", row.total).as_str())
        );
    }
    assert_eq!(chart.y_axis.ticks.len(), with_benefit.len());
}
