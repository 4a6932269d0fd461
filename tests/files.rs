//! Scenario files: every shipped scenario loads and computes; every kind of
//! invalid file is rejected with a message that names the file, the place
//! and the field, and nothing panics.

mod common;
use common::{assert_mentions, temp_dir};

use envroi::io::{DEFAULT_SCENARIO, load_path, load_str, save_path};
use envroi::model::{compute, validate};

/// Loads `text`, expecting failure; returns the error lines joined.
fn rejected(text: &str) -> String {
    match load_str(text, "bad.ron") {
        Ok(_) => panic!("accepted an invalid file:\n{text}"),
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("bad.ron"), "names the file: {message}");
            message
        }
    }
}

/// The default scenario with one substring replaced (which must occur).
fn edited(from: &str, to: &str) -> String {
    assert!(
        DEFAULT_SCENARIO.contains(from),
        "fixture text not found: {from}"
    );
    DEFAULT_SCENARIO.replacen(from, to, 1)
}

#[test]
fn every_shipped_scenario_loads_validates_and_computes() {
    let mut count = 0;
    for entry in std::fs::read_dir("scenarios").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let s = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
            assert!(validate(&s).is_empty());
            let r = compute(&s);
            assert!(r.adjusted.figures.total_benefits >= rust_decimal::Decimal::ZERO);
            count += 1;
        }
    }
    assert!(count >= 5, "at least five shipped scenarios, found {count}");
}

#[test]
fn bad_syntax_names_line_and_column() {
    let message = rejected(&edited(
        "name: \"Composite bank: TEM + TDM\",",
        "name: \"Composite bank\" oops,",
    ));
    assert_mentions(&message, &["bad.ron:8:"]);
}

#[test]
fn unknown_field_is_named() {
    let message = rejected(&edited(
        "    horizon_months: 36,",
        "    horizon_months: 36,\n    colour: \"blue\",",
    ));
    assert_mentions(&message, &["colour", "bad.ron:13:"]);
}

#[test]
fn unknown_field_inside_a_category_is_named_with_its_path() {
    let message = rejected(&edited("licences: 140,", "licences: 140, discount: 3,"));
    assert_mentions(&message, &["discount", "benefits.tem_licences"]);
}

#[test]
fn missing_field_is_named() {
    let message = rejected(&edited("    currency: \"USD\",\n", ""));
    assert_mentions(&message, &["currency"]);
}

#[test]
fn each_range_rule_names_field_value_and_allowed_range() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "horizon_months: 36",
            "horizon_months: 6",
            &["horizon_months", "12 to 120", "6", ":12:"],
        ),
        (
            "horizon_months: 36",
            "horizon_months: 121",
            &["horizon_months", "121"],
        ),
        (
            "discount_rate: 0.10",
            "discount_rate: 1.5",
            &["discount_rate", "0 to 1", "1.5"],
        ),
        (
            "synergy_uplift: 0.0",
            "synergy_uplift: -0.1",
            &["synergy_uplift", "0 to 1"],
        ),
        (
            "start: \"2027-01\"",
            "start: \"1999-12\"",
            &["start", "2000 to 2100"],
        ),
        (
            "start: \"2027-01\"",
            "start: \"2027-13\"",
            &["start", "YYYY-MM"],
        ),
        (
            "currency: \"USD\"",
            "currency: \"usd\"",
            &["currency", "ISO 4217"],
        ),
        (
            "go_live_month: 2",
            "go_live_month: 40",
            &["tem.go_live_month", "0 to 36", "40"],
        ),
        (
            "pilot_coverage: 0.25",
            "pilot_coverage: 1.25",
            &["tem.pilot_coverage", "0 to 1"],
        ),
        (
            "rollout_months: 6",
            "rollout_months: 37",
            &["tem.rollout_months"],
        ),
        (
            "reduction: 0.35",
            "reduction: 1.35",
            &["benefits.tem_infrastructure.reduction", "0 to 1", "1.35"],
        ),
        (
            "growth: 0.02",
            "growth: -0.6",
            &["benefits.tem_infrastructure.growth", "-0.5 to 1"],
        ),
        (
            "risk: 0.10),\n        tem_licences",
            "risk: 2),\n        tem_licences",
            &["benefits.tem_infrastructure.risk"],
        ),
        (
            "cost_per_server_year: 9000",
            "cost_per_server_year: -9000",
            &["cost_per_server_year", "0 to"],
        ),
        (
            "annual_probability: 0.05",
            "annual_probability: 5",
            &["annual_probability", "0 to 1"],
        ),
        (
            "non_production_copies: 10",
            "non_production_copies: 5000",
            &["non_production_copies", "0 to 1,000"],
        ),
        (
            "hours_per_person_month: 10",
            "hours_per_person_month: 800",
            &["hours_per_person_month", "744"],
        ),
        (
            "amount: 250000, month: 0",
            "amount: 250000, month: 37",
            &["costs[0].month", "0 to 36"],
        ),
        (
            "start_month: 1",
            "start_month: 0",
            &["costs[2].start_month", "1 to 36"],
        ),
        (
            "start_month: 3, end_month: None",
            "start_month: 3, end_month: Some(2)",
            &["costs[3].end_month", "start_month"],
        ),
        (
            "annual_amount: 50000",
            "annual_amount: -1",
            &["benefits.custom[0].annual_amount"],
        ),
        (
            "low: 0.40, high: 0.70",
            "low: 0.65, high: 0.70",
            &["uncertainty[0]", "low <= base"],
        ),
        (
            "low: 0.01, high: 0.10",
            "low: 0.01, high: 1.10",
            &["uncertainty[1].high", "0 to 1"],
        ),
        (
            "input: \"discount_rate\"",
            "input: \"benefits.nothing.here\"",
            &["uncertainty[5].input", "is not an input of this scenario"],
        ),
        (
            "trials: 10000",
            "trials: 50",
            &["monte_carlo.trials", "100 to 1,000,000"],
        ),
        (
            "format_version: 2",
            "format_version: 0",
            &["format_version"],
        ),
        (
            "name: \"Composite bank: TEM + TDM\"",
            "name: \"\"",
            &["name", "1 to 100 characters"],
        ),
    ];
    for (from, to, needles) in cases {
        let message = rejected(&edited(from, to));
        assert_mentions(&message, needles);
    }
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let text =
        edited("horizon_months: 36", "horizon_months: 6").replacen("trials: 10000", "trials: 5", 1);
    let message = rejected(&text);
    assert_eq!(message.lines().count(), 2, "{message}");
    assert_mentions(&message, &["horizon_months", "monte_carlo.trials"]);
}

#[test]
fn duplicate_names_are_rejected() {
    let message = rejected(&edited(
        "OneOff(name: \"Training\"",
        "OneOff(name: \"Implementation services\"",
    ));
    assert_mentions(&message, &["costs[1].name", "unique"]);
    let message = rejected(&edited(
        "(name: \"Fewer release delays\", programme: Tem, annual_amount: 50000, growth: 0.0, risk: 0.30),",
        "(name: \"Twice\", programme: Tem, annual_amount: 1, growth: 0, risk: 0),\n(name: \"Twice\", programme: Tdm, annual_amount: 1, growth: 0, risk: 0),",
    ));
    assert_mentions(&message, &["benefits.custom[1].name", "unique"]);
}

#[test]
fn too_many_digits_asks_for_the_string_form() {
    let message = rejected(&edited(
        "discount_rate: 0.10",
        "discount_rate: 0.1000000000000000055511",
    ));
    assert_mentions(&message, &["discount_rate", "string", "bad.ron:13:"]);
    // The string form keeps every digit.
    let s = load_str(
        &edited(
            "discount_rate: 0.10",
            "discount_rate: \"0.1000000000000000055511\"",
        ),
        "ok.ron",
    )
    .unwrap();
    assert_eq!(s.discount_rate.to_string(), "0.1000000000000000055511");
}

#[test]
fn exponent_notation_is_rejected() {
    let message = rejected(&edited("breach_cost: 4440000", "breach_cost: 4.44e6"));
    assert_mentions(&message, &["breach_cost", "exponent"]);
}

#[test]
fn a_hand_typed_decimal_loads_exactly() {
    let s = load_str(
        &edited("discount_rate: 0.10", "discount_rate: 0.1"),
        "ok.ron",
    )
    .unwrap();
    assert_eq!(s.discount_rate, rust_decimal::Decimal::new(1, 1));
    let s = load_str(
        &edited("discount_rate: 0.10", "discount_rate: \"0.10\""),
        "ok.ron",
    )
    .unwrap();
    assert_eq!(s.discount_rate, rust_decimal::Decimal::new(10, 2));
}

#[test]
fn a_file_from_a_newer_release_says_so() {
    let message = rejected(&edited(
        "format_version: 2",
        "format_version: 3,\n    hologram: true",
    ));
    assert_mentions(&message, &["newer release", "format_version 3"]);
}

#[test]
fn optional_fields_take_their_defaults() {
    let text = edited("    discounting: Annual,\n", "").replace(
        "    synergy_uplift: 0.0, // An explicit assumption: no synergy claimed.\n",
        "",
    );
    let s = load_str(&text, "ok.ron").unwrap();
    assert_eq!(s.discounting, envroi::model::Discounting::Annual);
    assert!(s.synergy_uplift.is_zero());
}

#[test]
fn empty_binary_and_truncated_files_are_rejected_without_panic() {
    rejected("");
    rejected("   \n");
    rejected(&DEFAULT_SCENARIO[..DEFAULT_SCENARIO.len() / 2]);
    let junk: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
    let e = envroi::io::scenario_file::load_bytes(&junk, "junk.ron").unwrap_err();
    assert!(e.to_string().contains("UTF-8"), "{e}");
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_accepted() {
    let text = format!("\u{feff}{}", DEFAULT_SCENARIO.replace('\n', "\r\n"));
    assert!(load_str(&text, "windows.ron").is_ok());
}

#[test]
fn saving_writes_atomically_and_loads_back() {
    let dir = temp_dir();
    let path = dir.path().join("saved scenario é.ron");
    let s = load_str(DEFAULT_SCENARIO, "default").unwrap();
    save_path(&s, &path).unwrap();
    assert_eq!(load_path(&path).unwrap(), s);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary left behind"
    );
    // A save into a missing folder fails and leaves nothing.
    assert!(save_path(&s, &dir.path().join("missing").join("x.ron")).is_err());
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let e = load_path(std::path::Path::new("no/such/file.ron")).unwrap_err();
    assert!(
        e.to_string().starts_with("no/such/file.ron: cannot open"),
        "{e}"
    );
}

/// The hand-made estate case of the oracle (MODEL.md section 11).
const ESTATE_CASE: &str = include_str!("oracle/cases/estate_one_kind.ron");

#[test]
fn an_estate_environments_fractional_licences_load_and_survive_a_save() {
    // MODEL.md 11.3: each environment's licences may be fractional, bare
    // or quoted; the saved file (which writes 6.5 bare) loads again.
    let bare = ESTATE_CASE.replacen("licences: 6,", "licences: 6.5,", 1);
    let quoted = ESTATE_CASE.replacen("licences: 6,", "licences: \"6.5\",", 1);
    let s = load_str(&bare, "bare.ron").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s, load_str(&quoted, "quoted.ron").unwrap());
    let saved = envroi::io::to_ron_string(&s).unwrap();
    assert!(saved.contains("licences: 6.5,"), "{saved}");
    assert_eq!(load_str(&saved, "saved.ron").unwrap(), s);
    // The category's own licences stay a whole count.
    let message = rejected(&ESTATE_CASE.replacen("licences: 140,", "licences: 140.5,", 1));
    assert_mentions(
        &message,
        &["benefits.tem_licences.licences", "whole number"],
    );
}

#[test]
fn the_estates_whole_numbers_refuse_a_decimal_point_by_name() {
    for (from, to, path) in [
        ("count: 2,", "count: 2.5,", "estate.environments[0].count"),
        ("copies: 8,", "copies: 8.5,", "estate.databases[0].copies"),
        (
            "copies_after: 8,",
            "copies_after: 8.0,",
            "estate.databases[0].copies_after",
        ),
        (
            "refreshes_per_year_after: 52,",
            "refreshes_per_year_after: 52.5,",
            "estate.databases[0].refreshes_per_year_after",
        ),
        (
            "people_blocked: 14,",
            "people_blocked: 14.5,",
            "benefits.tem_availability.people_blocked",
        ),
        (
            "refreshes_per_year: 24,",
            "refreshes_per_year: 24.5,",
            "benefits.tdm_refresh.refreshes_per_year",
        ),
    ] {
        assert!(ESTATE_CASE.contains(from), "{from}");
        let message = rejected(&ESTATE_CASE.replacen(from, to, 1));
        assert_mentions(&message, &[path, "whole number"]);
    }
}
