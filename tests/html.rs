//! The HTML business case and options appraisal (issue 14): every section,
//! self-contained and reproducible, tied to its file by SHA-256, and safe
//! with hostile scenario text.

#![expect(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::{BASELINE, baseline, envroi, shipped, temp_dir, text, write_file};
use envroi::io::to_ron_string;
use envroi::model::{Assumption, Confidence, CustomLine, Evidence, ProgrammeRef};

fn report_html(file: &str, extra: &[&str]) -> String {
    let dir = temp_dir();
    let out = dir.path().join("case.html");
    let mut args = vec!["report", file, "--html", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = envroi(&args);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    std::fs::read_to_string(out).unwrap()
}

/// Whether the page could fetch, run or style anything from outside. The
/// scenario's text is escaped, so every `<` in the page opens a tag the
/// writer made: each tag must be one a document needs, and an `href` only
/// ever an http(s) address.
fn assert_self_contained(html: &str) {
    const ALLOWED: [&str; 36] = [
        "!doctype",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "section",
        "h1",
        "h2",
        "h3",
        "p",
        "dl",
        "dt",
        "dd",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "span",
        "bdi",
        "br",
        "code",
        "figure",
        "figcaption",
        "a",
        "svg",
        "rect",
        "polyline",
        "circle",
        "text",
    ];
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap().to_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap()
            .to_owned();
        assert!(ALLOWED.contains(&name.as_str()), "tag <{tag}>");
        assert!(!tag.contains(" on"), "an event handler: <{tag}>");
        assert!(!tag.contains(" src="), "a fetch: <{tag}>");
        if let Some(at) = tag.find("href=\"") {
            let href = &tag[at + 6..];
            assert!(
                href.starts_with("http://") || href.starts_with("https://"),
                "<{tag}>"
            );
            assert!(tag.contains("rel=\"noopener noreferrer\""), "<{tag}>");
        }
    }
    let lower = html.to_lowercase();
    assert_eq!(
        lower.matches("<style>").count(),
        1,
        "one style sheet, inline"
    );
    let style = &lower[lower.find("<style>").unwrap()..lower.find("</style>").unwrap()];
    assert!(
        !style.contains("@import") && !style.contains("url("),
        "nothing fetched by the style sheet"
    );
}

#[test]
fn the_business_case_has_every_section_and_ties_itself_to_the_file() {
    let html = report_html(BASELINE, &["--date", "2026-12-04"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for heading in [
        "<h1><bdi>Composite bank: TEM + TDM</bdi></h1>",
        "<h2>Financial summary</h2>",
        "<h2>Benefits</h2>",
        "<h2>Costs</h2>",
        "<h2>Payback</h2>",
        "<h2>Risk</h2>",
        "<h2>Assumptions</h2>",
        "<h2>Method</h2>",
        "<h3>Monte Carlo</h3>",
        "<h3>Break-even</h3>",
        "<h3>Sensitivity</h3>",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
    assert_eq!(
        html.matches("<svg").count(),
        3,
        "payback, tornado, histogram"
    );
    assert!(html.contains("<dt>Date</dt><dd>2026-12-04</dd>"));
    // The summary's figures are the engine's.
    let r = envroi::model::compute(&baseline());
    let npv = envroi::format::money_whole("USD", r.adjusted.figures.npv);
    assert!(html.contains(&npv), "{npv}");
    assert!(html.contains("Initial</th>") && html.contains("Year 3</th>"));
    // The formula of each category, with its numbers.
    assert!(html.contains("12 x 6 x USD 9,000 x 35 % = USD 226,800 a year"));
    // The file's SHA-256.
    let bytes = std::fs::read(BASELINE).unwrap();
    assert!(html.contains(&envroi::case::sha256_hex(&bytes)));
    assert!(!html.contains("unsaved changes"));
    assert_self_contained(&html);
}

#[test]
fn the_same_file_gives_the_same_bytes_and_no_date_unless_asked() {
    let a = report_html(BASELINE, &[]);
    let b = report_html(BASELINE, &[]);
    assert_eq!(a, b);
    assert!(!a.contains("<dt>Date</dt>"));
    let bad = envroi(&[
        "report",
        BASELINE,
        "--html",
        "/tmp/never.html",
        "--date",
        "04/12/2026",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn hostile_text_is_escaped_isolated_and_never_a_link_unless_web() {
    let mut s = baseline();
    s.name = "<script>alert(1)</script>".into();
    s.description = format!("\"><img src=x onerror=alert(1)> {}", "long ".repeat(1_990));
    s.benefits.custom.push(CustomLine {
        name: "\u{202e}evil\u{202c} <b>bold</b>".into(),
        programme: ProgrammeRef::None,
        annual_amount: common::d("1000"),
        growth: common::d("0"),
        risk: common::d("0"),
        nature: None,
        recapture: None,
    });
    s.assumptions.0.insert(
        "discount_rate".into(),
        Assumption {
            evidence: Evidence::Benchmarked,
            confidence: Confidence::High,
            source: "=HYPERLINK(\"http://x\") <style>body{display:none}</style>".into(),
            published: Some(2024),
            url: Some("javascript:alert(document.cookie)".into()),
            owner: Some("<iframe src=x>".into()),
            reviewed: None,
            note: "@import url(http://x)".into(),
        },
    );
    s.assumptions.0.insert(
        "synergy_uplift".into(),
        Assumption {
            url: Some("https://example.org/report?a=1&b=\"2\"".into()),
            ..Assumption::placeholder()
        },
    );
    let dir = temp_dir();
    let file = write_file(dir.path(), "hostile.ron", &to_ron_string(&s).unwrap());
    let html = report_html(file.to_str().unwrap(), &[]);
    assert_self_contained(&html);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("<bdi>\u{202e}evil\u{202c} &lt;b&gt;bold&lt;/b&gt;</bdi>"));
    assert!(
        html.contains("javascript:alert(document.cookie)"),
        "kept as text"
    );
    assert!(html.contains(
        "<a href=\"https://example.org/report?a=1&amp;b=&quot;2&quot;\" rel=\"noopener noreferrer\">"
    ));
    assert!(html.contains("&lt;iframe src=x&gt;"));
}

#[test]
fn the_options_appraisal_shows_increments_and_refuses_mixed_currencies() {
    let dir = temp_dir();
    let out = dir.path().join("options.html");
    let files = [
        shipped("baseline"),
        shipped("conservative"),
        shipped("optimistic"),
    ];
    let run = envroi(&[
        "compare",
        files[0].to_str().unwrap(),
        files[1].to_str().unwrap(),
        files[2].to_str().unwrap(),
        "--html",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    assert_self_contained(&html);
    assert!(html.contains("Increment in NPV"));
    let base = envroi::model::compute(&envroi::io::load_path(&files[0]).unwrap());
    let option = envroi::model::compute(&envroi::io::load_path(&files[1]).unwrap());
    let delta = option.adjusted.figures.npv - base.adjusted.figures.npv;
    let shown = envroi::format::money_whole("USD", delta);
    assert!(html.contains(&shown), "{shown}");
    for f in &files {
        assert!(html.contains(&envroi::case::sha256_hex(&std::fs::read(f).unwrap())));
    }

    let mut euro = baseline();
    euro.currency = "EUR".into();
    let euro = write_file(dir.path(), "euro.ron", &to_ron_string(&euro).unwrap());
    let refused = dir.path().join("mixed.html");
    let run = envroi(&[
        "compare",
        BASELINE,
        euro.to_str().unwrap(),
        "--html",
        refused.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(!refused.exists(), "nothing written");
    let run = envroi(&["report", BASELINE, "--html", BASELINE]);
    assert_eq!(run.status.code(), Some(2), "never over an input");
}

/// A file that declares capacity (MODEL.md 11.2) shows the cash-only NPV
/// and payback beside the headline, how much of the case is cash, and the
/// freed capacity not counted; a file that does not shows none of it.
#[test]
fn a_case_with_capacity_shows_its_cash_only_figures() {
    let mut s = baseline();
    let half = rust_decimal::Decimal::new(5, 1);
    s.benefits.tem_headcount.recapture = Some(half);
    let results = envroi::model::compute(&s);
    let dir = temp_dir();
    let file = write_file(dir.path(), "capacity.ron", &to_ron_string(&s).unwrap());
    let html = report_html(file.to_str().unwrap(), &[]);
    assert_self_contained(&html);
    let cash = &results.adjusted.cash;
    let expected = envroi::format::money_whole(&s.currency, cash.cash_npv);
    assert!(html.contains("NPV, cash only"), "no cash-only row");
    assert!(html.contains(&expected), "no cash-only NPV {expected}");
    assert!(
        html.contains(&envroi::format::money_whole(
            &s.currency,
            cash.cash_benefits
        )),
        "no cash benefits"
    );
    // TEM headcount frees F x reduction x (1 - 0.5) FTE.
    let b = &s.benefits.tem_headcount;
    let fte = b.fte * b.reduction * half;
    assert!(
        html.contains(&format!(
            "TEM headcount {} FTE a year (50 % recaptured)",
            envroi::model::decimal::grouped(fte, 1)
        )),
        "no freed FTE"
    );
    let plain = report_html(BASELINE, &[]);
    assert!(!plain.contains("cash only"));
    assert!(!plain.contains("Freed capacity"));
}

/// The decision section: the cost-of-delay sentences and table, and the
/// switching values for NPV = 0, are the engine's, in its order, with the
/// critical ones marked and the rest counted.
#[test]
fn the_decision_section_shows_the_engines_delay_and_switching_values() {
    use envroi::format::{input_value, money, money_whole, percent};
    use envroi::io::html::page::{esc, name};
    use envroi::model::analysis::{Goal, Slipping, cost_of_delay, delay::sentence, switching};
    use rust_decimal::Decimal;

    // The baseline with a platform subscription that leaves a thin NPV, so
    // that some inputs switch inside their range (critical).
    let mut s = baseline();
    envroi::model::inputs::set(
        &mut s,
        "costs.Platform subscription.annual_amount",
        common::d("1650000"),
    );
    let dir = temp_dir();
    let file = write_file(dir.path(), "thin.ron", &to_ron_string(&s).unwrap());
    let html = report_html(file.to_str().unwrap(), &[]);
    let start = html
        .find("<h2>Decision: delay and switching values</h2>")
        .expect("a decision section");
    let end = start + html[start..].find("</section>").unwrap();
    let section = &html[start..end];
    let c = s.currency.as_str();

    // Cost of delay: one sentence per enabled programme and for both, and
    // every row of the table in the engine's order.
    let delay = cost_of_delay(&s).unwrap();
    let mut sentences = 0;
    for slipping in [Slipping::Tem, Slipping::Tdm, Slipping::Both] {
        if let Some(loss) = delay.per_month(slipping) {
            let line = format!(
                "<p>{}.</p>",
                esc(&sentence(slipping, loss, &|v| money(c, v)))
            );
            assert!(section.contains(&line), "{line}");
            sentences += 1;
        }
    }
    assert_eq!(sentences, 3, "the baseline runs both programmes");
    let mut at = 0;
    for row in &delay.rows {
        let cells = format!(
            "{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            esc(&row.describe()),
            money_whole(c, row.npv),
            money_whole(c, row.loss),
            money_whole(c, row.loss_per_month)
        );
        let found = section[at..]
            .find(&cells)
            .unwrap_or_else(|| panic!("{cells} after byte {at}"));
        at += found + cells.len();
    }

    // Switching values: every row with a value, smallest change first, with
    // its base, value and change; the critical ones marked; the others
    // counted.
    let sw = switching(&s, Goal::Npv).unwrap();
    let with_value: Vec<_> = sw.rows.iter().filter(|r| r.value.is_some()).collect();
    assert!(!with_value.is_empty());
    let mut at = section.find("<h3>Switching values</h3>").unwrap();
    for row in &with_value {
        let change = row
            .change_pct
            .map(|p| percent(p / Decimal::ONE_HUNDRED, 2))
            .unwrap_or_default();
        let cells = format!(
            "{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td>",
            name(&row.label),
            esc(&input_value(c, row.unit, row.base)),
            esc(&input_value(c, row.unit, row.value.unwrap())),
            esc(&change),
            if row.in_range == Some(true) {
                "critical"
            } else {
                ""
            },
        );
        let found = section[at..]
            .find(&cells)
            .unwrap_or_else(|| panic!("{cells} after byte {at}"));
        at += found + cells.len();
    }
    assert!(
        sw.critical().count() > 0,
        "the thin case has critical inputs"
    );
    assert_eq!(
        section.matches("<td>critical</td>").count(),
        sw.critical().count()
    );
    let note = format!(
        "{} of {} inputs leave the NPV on the same side of zero",
        sw.rows.len() - with_value.len(),
        sw.rows.len()
    );
    assert!(section.contains(&note), "{note}");
}
