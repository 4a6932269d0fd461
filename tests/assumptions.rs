//! File format 2 and the assumption register (issue 13): records round-trip
//! through files, bad records are refused with their place and key, the
//! path grammar covers every numeric input, renaming and removing lines
//! carries records and ranges, and the `assumptions` and `check --strict`
//! commands.

#![expect(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod common;

use common::{assert_mentions, baseline, d, envroi, temp_dir, text, write_file};
use envroi::io::{load_str, to_ron_string};
use envroi::model::analysis::{Standing, register, sensitivity, unconfirmed_key_inputs};
use envroi::model::edit::{CostKind, Edit, List};
use envroi::model::inputs::{all_inputs, get, set};
use envroi::model::scenario::YearMonth;
use envroi::model::{Assumption, Confidence, Evidence, Range, Scenario, validate};

fn record(evidence: Evidence, confidence: Confidence, source: &str) -> Assumption {
    Assumption {
        evidence,
        confidence,
        source: source.to_owned(),
        published: None,
        url: None,
        owner: None,
        reviewed: None,
        note: String::new(),
    }
}

/// The baseline with every record removed (the shipped file carries some).
fn bare() -> Scenario {
    let mut s = baseline();
    s.assumptions.0.clear();
    s
}

fn with_record(mut s: Scenario, path: &str, r: Assumption) -> Scenario {
    s.assumptions.0.insert(path.to_owned(), r);
    s
}

#[test]
fn a_record_with_every_field_round_trips_exactly() {
    let full = Assumption {
        evidence: Evidence::Benchmarked,
        confidence: Confidence::Medium,
        source: "Garden developer survey 2023 (vendor): 76 % call \"provisioning\" time wasted"
            .into(),
        published: Some(2023),
        url: Some("https://example.org/report?a=1&b=2".into()),
        owner: Some("QA lead".into()),
        reviewed: Some(YearMonth {
            year: 2026,
            month: 11,
        }),
        note: "line one\nline two, with a comma; and unicode: 日本語".into(),
    };
    let mut s = with_record(bare(), "benefits.tem_services.reduction", full);
    s = with_record(
        s,
        "tem.go_live_month",
        record(Evidence::Measured, Confidence::High, ""),
    );
    s = with_record(
        s,
        "costs.Platform subscription.end_month",
        record(Evidence::Vendor, Confidence::Low, "quote"),
    );
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    let text = to_ron_string(&s).unwrap();
    assert!(text.contains("format_version: 2,"), "{text}");
    assert!(text.contains("assumptions: {"), "{text}");
    let again = load_str(&text, "saved.ron").unwrap();
    assert_eq!(again, s);
    assert_eq!(to_ron_string(&again).unwrap(), text, "saving is stable");
}

#[test]
fn a_scenario_without_records_writes_no_register_and_the_same_figures() {
    let s = bare();
    let text = to_ron_string(&s).unwrap();
    assert!(!text.contains("assumptions"), "{text}");
    let with = with_record(
        s.clone(),
        "discount_rate",
        record(Evidence::Benchmarked, Confidence::High, "TEI"),
    );
    assert_eq!(
        envroi::model::compute(&s),
        envroi::model::compute(&with),
        "a record never changes a figure"
    );
}

/// The baseline's text with a register inserted before its last `)`.
fn file_with_register(register: &str) -> String {
    let text = to_ron_string(&bare()).unwrap();
    let cut = text.rfind(')').unwrap();
    format!(
        "{}    assumptions: {{\n{register}    }},\n)\n",
        &text[..cut]
    )
}

fn load_error(text: &str) -> String {
    load_str(text, "bad.ron").unwrap_err().to_string()
}

#[test]
fn an_unknown_evidence_kind_is_refused_with_its_place_and_key() {
    let text = file_with_register(
        "        \"discount_rate\": (evidence: Rumour, confidence: High, source: \"\"),\n",
    );
    let message = load_error(&text);
    assert_mentions(
        &message,
        &[
            "bad.ron:",
            "assumptions[\"discount_rate\"].evidence",
            "Rumour",
        ],
    );
    let line = text.lines().position(|l| l.contains("Rumour")).unwrap() + 1;
    assert!(message.contains(&format!("bad.ron:{line}:")), "{message}");
}

#[test]
fn an_unknown_path_is_refused_with_the_nearest_valid_one() {
    let text = file_with_register(
        "        \"benefits.tem_servces.reduction\": (evidence: Estimated, confidence: Low),\n",
    );
    let message = load_error(&text);
    let line = text
        .lines()
        .position(|l| l.contains("tem_servces"))
        .unwrap()
        + 1;
    assert_mentions(
        &message,
        &[
            &format!("bad.ron:{line}:9:"),
            "field `assumptions[\"benefits.tem_servces.reduction\"]`",
            "is not an input of this scenario",
            "did you mean `benefits.tem_services.reduction`?",
        ],
    );
}

#[test]
fn a_path_given_twice_is_refused() {
    let text = file_with_register(concat!(
        "        \"discount_rate\": (evidence: Estimated, confidence: Low),\n",
        "        \"discount_rate\": (evidence: Measured, confidence: High),\n",
    ));
    let message = load_error(&text);
    assert_mentions(
        &message,
        &["bad.ron:", "`discount_rate` has more than one record"],
    );
}

#[test]
fn over_long_text_and_implausible_years_are_refused_naming_the_key() {
    let long = "x".repeat(501);
    let text = file_with_register(&format!(
        "        \"discount_rate\": (evidence: Estimated, confidence: Low, source: \"{long}\", published: Some(1850), reviewed: Some(\"2026-11\")),\n"
    ));
    let message = load_error(&text);
    assert_mentions(
        &message,
        &[
            "field `assumptions[\"discount_rate\"].source`: must be at most 500 characters (found 501 characters)",
            "field `assumptions[\"discount_rate\"].published`: must be a year from 1900 to 2100",
        ],
    );
    let owner = "o".repeat(101);
    let text = file_with_register(&format!(
        "        \"discount_rate\": (evidence: Estimated, confidence: Low, owner: Some(\"{owner}\")),\n"
    ));
    assert_mentions(
        &load_error(&text),
        &["owner`: must be at most 100 characters"],
    );
}

#[test]
fn records_in_a_version_1_file_are_refused() {
    let text =
        file_with_register("        \"discount_rate\": (evidence: Estimated, confidence: Low),\n")
            .replace("format_version: 2,", "format_version: 1,");
    assert_mentions(
        &load_error(&text),
        &["field `assumptions`", "need format_version 2"],
    );
}

#[test]
fn a_recurring_cost_must_write_its_end_month() {
    let text = to_ron_string(&bare())
        .unwrap()
        .replacen(" end_month: None,", "", 1);
    assert_mentions(
        &load_error(&text),
        &["costs[2]", "missing field named `end_month`"],
    );
}

#[test]
fn every_numeric_input_has_a_path_that_reads_and_writes_its_value() {
    let s = bare();
    let specs = all_inputs(&s);
    for path in [
        "horizon_months",
        "tem.go_live_month",
        "tem.pilot_months",
        "tem.pilot_coverage",
        "tem.rollout_months",
        "tdm.rollout_months",
        "benefits.tdm_breach.breach_cost",
        "custom.Fewer release delays.growth",
        "custom.Fewer release delays.risk",
        "costs.Implementation services.month",
        "costs.Platform subscription.start_month",
        "costs.Platform subscription.end_month",
        "costs.Platform subscription.growth",
        "costs.Training.risk",
    ] {
        assert!(specs.iter().any(|spec| spec.path == path), "{path}");
        let value = get(&s, path).unwrap_or_else(|| panic!("{path}"));
        let mut t = s.clone();
        let new = value + d("1");
        assert!(set(&mut t, path, new), "{path}");
        assert_eq!(get(&t, path), Some(new), "{path}");
    }
    // Every catalogued path reads a value, and none is listed twice.
    let mut seen = std::collections::HashSet::new();
    for spec in &specs {
        assert!(get(&s, &spec.path).is_some(), "{}", spec.path);
        assert!(seen.insert(spec.path.clone()), "{}", spec.path);
    }
    assert_eq!(get(&s, "tem.nothing"), None);
    assert_eq!(
        get(&s, "costs.Training.end_month"),
        None,
        "a one-off has no end"
    );
}

#[test]
fn a_range_may_address_growth_and_risk_but_not_a_timing_input() {
    let mut s = bare();
    s.uncertainty = vec![Range {
        input: "custom.Fewer release delays.risk".into(),
        low: d("0.1"),
        high: d("0.5"),
    }];
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    let tornado = sensitivity(&s).unwrap();
    assert_eq!(tornado.rows.len(), 1);
    assert!(tornado.rows[0].swing > d("0"));
    // A programme month takes a whole-month range (MODEL.md 10.1); the
    // horizon and a cost month do not, and a fractional month is refused.
    s.uncertainty[0] = Range {
        input: "tem.go_live_month".into(),
        low: d("1"),
        high: d("3"),
    };
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    s.uncertainty[0].high = d("2.5");
    assert!(!validate(&s).is_empty());
    for input in ["horizon_months", "costs.Training.month"] {
        s.uncertainty[0] = Range {
            input: input.into(),
            low: d("1"),
            high: d("36"),
        };
        let problems = validate(&s);
        assert!(
            problems.iter().any(|p| p.message.contains("timing input")),
            "{input}: {problems:?}"
        );
    }
}

#[test]
fn renaming_a_line_carries_its_records_and_ranges_and_removing_drops_them() {
    let mut s = bare();
    let old = "custom.Fewer release delays.annual_amount";
    s = with_record(
        s,
        old,
        record(Evidence::Estimated, Confidence::Medium, "workshop"),
    );
    s.uncertainty.push(Range {
        input: old.into(),
        low: d("40000"),
        high: d("60000"),
    });
    Edit::CustomName(0, "Faster releases".into())
        .apply(&mut s)
        .unwrap();
    let new = "custom.Faster releases.annual_amount";
    assert!(s.assumptions.get(old).is_none());
    assert_eq!(s.assumptions.get(new).unwrap().source, "workshop");
    assert!(s.uncertainty.iter().any(|r| r.input == new));
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    Edit::Remove(List::Custom, 0).apply(&mut s).unwrap();
    assert!(s.assumptions.get(new).is_none());
    assert!(!s.uncertainty.iter().any(|r| r.input == new));
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));

    // A cost renamed, then turned into the other kind: amount and risk
    // records follow under the new kind's keys.
    let index = s.costs.iter().position(|c| c.name() == "Training").unwrap();
    s = with_record(
        s,
        "costs.Training.amount",
        record(Evidence::Vendor, Confidence::High, "quote"),
    );
    s = with_record(
        s,
        "costs.Training.risk",
        record(Evidence::Estimated, Confidence::Low, ""),
    );
    Edit::CostName(index, "Coaching".into())
        .apply(&mut s)
        .unwrap();
    assert!(s.assumptions.get("costs.Coaching.amount").is_some());
    Edit::CostKind(index, CostKind::Recurring)
        .apply(&mut s)
        .unwrap();
    assert_eq!(
        s.assumptions
            .get("costs.Coaching.annual_amount")
            .unwrap()
            .source,
        "quote"
    );
    assert!(s.assumptions.get("costs.Coaching.risk").is_some());
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
}

#[test]
fn the_register_sorts_by_swing_and_finds_unconfirmed_key_inputs() {
    let s = bare();
    let tornado = sensitivity(&s).unwrap();
    let rows = register(&s, Some(&tornado));
    assert_eq!(rows.len(), all_inputs(&s).len());
    let swings: Vec<_> = rows.iter().map(|r| r.swing).collect();
    let mut sorted = swings.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(swings, sorted, "largest swing first, no swing last");
    let weak = unconfirmed_key_inputs(&rows, &[Standing::Missing, Standing::Placeholder]);
    assert_eq!(weak.len(), 5, "no records: all five key inputs are weak");

    // Recording the widest one confirms it; a placeholder does not.
    let top = rows[0].input.clone();
    let second = rows[1].input.clone();
    let s = with_record(
        s,
        &top,
        record(Evidence::Measured, Confidence::High, "ledger"),
    );
    let s = with_record(s, &second, Assumption::placeholder());
    let rows = register(&s, Some(&tornado));
    let weak = unconfirmed_key_inputs(&rows, &[Standing::Missing, Standing::Placeholder]);
    assert_eq!(weak.len(), 4);
    assert!(weak.iter().all(|r| r.input != top));
    assert!(
        weak.iter()
            .any(|r| r.input == second && r.standing() == Standing::Placeholder)
    );
}

#[test]
fn the_assumptions_command_prints_and_writes_the_register() {
    let dir = temp_dir();
    let mut s = bare();
    s = with_record(
        s,
        "benefits.tdm_breach.breach_cost",
        Assumption {
            source: "=HYPERLINK(\"x\")".into(),
            published: Some(2025),
            owner: Some("CISO".into()),
            ..record(Evidence::Benchmarked, Confidence::Medium, "")
        },
    );
    let file = write_file(dir.path(), "case.ron", &to_ron_string(&s).unwrap());
    let csv = dir.path().join("register.csv");
    let out = envroi(&[
        "assumptions",
        file.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert_mentions(
        &printed,
        &[
            "Assumption register",
            "benefits.tdm_breach.breach_cost",
            "Benchmarked",
        ],
    );
    let written = std::fs::read_to_string(&csv).unwrap();
    let mut lines = written.lines();
    assert_eq!(
        lines.next(),
        Some(
            "input,label,value,unit,evidence,confidence,source,published,url,owner,reviewed,note,swing"
        )
    );
    let breach = written
        .lines()
        .find(|l| l.starts_with("benefits.tdm_breach.breach_cost,"))
        .unwrap();
    assert!(
        breach.contains(",money,Benchmarked,Medium,\"'=HYPERLINK(\"\"x\"\")\",2025,,CISO,,,"),
        "formula guard and empty optional cells: {breach}"
    );
    let rows: Vec<&str> = written.lines().skip(1).collect();
    assert_eq!(rows.len(), all_inputs(&s).len());
    let swing = |line: &str| line.rsplit(',').next().unwrap().to_owned();
    let first: Vec<rust_decimal::Decimal> = rows
        .iter()
        .map(|l| swing(l))
        .take_while(|c| !c.is_empty())
        .map(|c| d(&c))
        .collect();
    assert!(first.windows(2).all(|w| w[0] >= w[1]), "sorted by swing");
}

#[test]
fn check_warns_and_check_strict_fails_on_unconfirmed_key_inputs() {
    let dir = temp_dir();
    let file = write_file(dir.path(), "case.ron", &to_ron_string(&bare()).unwrap());
    let plain = envroi(&["check", file.to_str().unwrap()]);
    assert_eq!(plain.status.code(), Some(0));
    let warned = text(&plain.stderr);
    assert_mentions(
        &warned,
        &["key assumption", "has no evidence record", "warning"],
    );
    let strict = envroi(&["check", "--strict", file.to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(1));
    let failed = text(&strict.stderr);
    assert_eq!(failed.lines().count(), 5, "{failed}");
    assert_mentions(
        &failed,
        &[
            "case.ron: key assumption `",
            "among the 5 inputs with the widest NPV swing",
        ],
    );

    // With every input recorded (none a placeholder), strict passes.
    let mut s = bare();
    for spec in all_inputs(&s) {
        s.assumptions.0.insert(
            spec.path,
            record(Evidence::Estimated, Confidence::Medium, "workshop"),
        );
    }
    let file = write_file(dir.path(), "worked.ron", &to_ron_string(&s).unwrap());
    let strict = envroi(&["check", "--strict", file.to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(0), "{}", text(&strict.stderr));
    assert_eq!(text(&strict.stderr), "");
}
