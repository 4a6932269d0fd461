//! The corpus of bad files, each with the message it must produce, loaded
//! in-process and through the real binary, and the accepted oddities.

use super::*;

/// Every bad file and the substrings its message must hold: the place
/// (`:line:col:` where RON or the scan can tell), the field and the reason.
const BAD: &[(&str, &[&str])] = &[
    // Syntax.
    ("syntax_missing_comma.ron", &[":11:5:", "Expected comma"]),
    ("syntax_unclosed_string.ron", &[":9:19:", "Expected comma"]),
    (
        "syntax_stray_text_after_scenario.ron",
        &[":56:2:", "unexpected text after the scenario"],
    ),
    (
        "syntax_unbalanced_parenthesis.ron",
        &[":16:11:", "field `tem`", "Expected identifier"],
    ),
    (
        "syntax_wrong_struct_name.ron",
        &[":6:1:", "Expected struct `Scenario` but found `Scenery`"],
    ),
    (
        "syntax_not_ron_but_json.ron",
        &[":1:1:", "Expected opening `(` for struct `Scenario`"],
    ),
    // Types.
    (
        "type_string_for_integer.ron",
        &[":12:20:", "field `horizon_months`", "Expected integer"],
    ),
    (
        "type_float_for_integer.ron",
        &[
            ":12:21:",
            "field `horizon_months`",
            "36.0 has a decimal point",
            "whole number",
        ],
    ),
    (
        "type_float_for_month.ron",
        &[
            ":43:56:",
            "field `costs[1].month`",
            "2.5 has a decimal point",
        ],
    ),
    (
        "type_bool_for_number.ron",
        &[
            ":13:20:",
            "field `discount_rate`",
            "Expected a decimal number",
            "boolean `true`",
        ],
    ),
    (
        "type_number_for_string.ron",
        &[":10:14:", "field `currency`", "Expected string"],
    ),
    (
        "type_number_for_bool.ron",
        &[":16:19:", "field `tem.enabled`", "Expected boolean"],
    ),
    (
        "type_negative_count.ron",
        &[
            ":21:45:",
            "field `benefits.tem_infrastructure.environments`",
            "out of bounds",
        ],
    ),
    (
        "type_count_over_u32.ron",
        &[
            ":22:34:",
            "field `benefits.tem_licences.licences`",
            "out of bounds",
        ],
    ),
    (
        "type_unknown_enum_variant.ron",
        &[":14:18:", "field `discounting`", "`Quarterly`", "`Annual`"],
    ),
    (
        "type_unknown_cost_kind.ron",
        &[":43:9:", "field `costs[1]`", "`Once`", "`OneOff`"],
    ),
    (
        "type_unit_for_list.ron",
        &[":41:11:", "field `costs`", "Expected opening `[`"],
    ),
    (
        "type_decimal_string_not_a_number.ron",
        &[
            ":13:21:",
            "field `discount_rate`",
            "`ten percent` is not a plain decimal number",
        ],
    ),
    // Ranges.
    (
        "range_horizon_too_short.ron",
        &[
            ":12:5:",
            "field `horizon_months`",
            "12 to 120",
            "(found 11)",
        ],
    ),
    (
        "range_discount_rate_above_one.ron",
        &[":13:5:", "field `discount_rate`", "0 to 1", "(found 1.01)"],
    ),
    (
        "range_negative_reduction.ron",
        &[
            ":24:90:",
            "field `benefits.tem_services.reduction`",
            "0 to 1",
            "(found -0.1)",
        ],
    ),
    (
        "range_growth_below_minus_half.ron",
        &[
            ":21:121:",
            "field `benefits.tem_infrastructure.growth`",
            "-0.5 to 1",
        ],
    ),
    (
        "range_risk_above_one.ron",
        &[":22:99:", "field `benefits.tem_licences.risk`", "0 to 1"],
    ),
    (
        "range_go_live_after_horizon.ron",
        &[
            ":16:26:",
            "field `tem.go_live_month`",
            "0 to 36",
            "(found 37)",
        ],
    ),
    (
        "range_environments_over_a_million.ron",
        &[
            ":21:30:",
            "field `benefits.tem_infrastructure.environments`",
            "0 to 1,000,000",
        ],
    ),
    (
        "range_copies_over_a_thousand.ron",
        &[
            ":27:54:",
            "field `benefits.tdm_infrastructure.non_production_copies`",
            "0 to 1,000",
        ],
    ),
    (
        "range_cost_month_after_horizon.ron",
        &[":43:49:", "field `costs[1].month`", "0 to 36", "(found 40)"],
    ),
    (
        "range_end_before_start.ron",
        &[
            ":45:90:",
            "field `costs[3].end_month`",
            "n >= start_month (3)",
        ],
    ),
    (
        "range_price_over_a_billion.ron",
        &[
            ":24:71:",
            "field `benefits.tem_services.cost_per_hour`",
            "0 to 1,000,000,000",
        ],
    ),
    (
        "range_start_year_1999.ron",
        &[":11:5:", "field `start`", "2000 to 2100"],
    ),
    (
        "range_start_not_a_month.ron",
        &[":11:13:", "field `start`", "YYYY-MM"],
    ),
    (
        "range_currency_lowercase.ron",
        &[":10:5:", "field `currency`", "ISO 4217"],
    ),
    (
        "range_trials_too_few.ron",
        &[":55:19:", "field `monte_carlo.trials`", "100 to 1,000,000"],
    ),
    (
        "range_uncertainty_low_above_base.ron",
        &[
            ":47:19:",
            "field `uncertainty[0]`",
            "low <= base (0.6) <= high",
        ],
    ),
    // Names.
    (
        "name_empty.ron",
        &[":8:5:", "field `name`", "1 to 100 characters (has 0)"],
    ),
    (
        "name_too_long.ron",
        &[":8:5:", "field `name`", "1 to 100 characters (has 101)"],
    ),
    (
        "name_duplicate_cost.ron",
        &[
            ":43:16:",
            "field `costs[1].name`",
            "cost names must be unique",
        ],
    ),
    (
        "name_duplicate_custom_line.ron",
        &[
            ":39:14:",
            "field `benefits.custom[1].name`",
            "custom line names must be unique",
        ],
    ),
    // Paths in uncertainty ranges.
    (
        "path_unknown_category.ron",
        &[
            ":48:15:",
            "field `uncertainty[0].input`",
            "is not an input of this scenario",
            "benefits.tem_servers.reduction",
            "did you mean `benefits.tem_services.reduction`?",
        ],
    ),
    (
        "path_unknown_cost_name.ron",
        &[
            ":52:15:",
            "field `uncertainty[4].input`",
            "is not an input of this scenario",
            "costs.Consultants.amount",
        ],
    ),
    (
        "path_amount_of_recurring_cost.ron",
        &[
            ":53:15:",
            "field `uncertainty[5].input`",
            "costs.Platform subscription.amount",
        ],
    ),
    (
        "path_range_twice.ron",
        &[
            ":54:15:",
            "field `uncertainty[6].input`",
            "has more than one range",
        ],
    ),
    // Fields.
    (
        "field_unknown_top_level.ron",
        &[
            ":13:5:",
            "field `colour`",
            "Unexpected field named `colour`",
        ],
    ),
    (
        "field_unknown_in_cost.ron",
        &[
            ":43:70:",
            "costs[1]",
            "Unexpected field named `vendor` in `OneOff`",
        ],
    ),
    (
        "field_missing_currency.ron",
        &[":55:1:", "missing field named `currency`"],
    ),
    (
        "field_missing_in_programme.ron",
        &[
            ":17:81:",
            "field `tdm`",
            "missing field named `rollout_months`",
        ],
    ),
    (
        "field_duplicate_key.ron",
        &[":13:5:", "duplicate field named `horizon_months`"],
    ),
    // Numbers.
    (
        "number_sixteen_digits.ron",
        &[
            ":13:20:",
            "field `discount_rate`",
            "16 significant digits",
            "write it as a string",
        ],
    ),
    (
        "number_exponent.ron",
        &[
            ":36:61:",
            "field `benefits.tdm_breach.breach_cost`",
            "exponent notation",
            "4440000",
        ],
    ),
    (
        "number_string_29_digits.ron",
        &[
            ":13:21:",
            "field `discount_rate`",
            "more than 28 significant digits",
        ],
    ),
    (
        "number_nan.ron",
        &[":13:20:", "field `discount_rate`", "must be finite"],
    ),
    (
        "number_inf.ron",
        &[
            ":36:61:",
            "field `benefits.tdm_breach.breach_cost`",
            "must be finite",
        ],
    ),
    // Format versions.
    (
        "version_newer.ron",
        &[
            ":7:5:",
            "field `format_version`",
            "format_version 3, written by a newer release",
            "Update envroi",
        ],
    ),
    (
        "version_zero.ron",
        &[
            ":7:5:",
            "field `format_version`",
            "format_version 0 was never released",
        ],
    ),
    (
        "version_missing.ron",
        &[
            "field `format_version`",
            "has no format_version",
            "add `format_version: 2,`",
        ],
    ),
    // Lists and nesting.
    (
        "list_101_costs.ron",
        &[":41:5:", "field `costs`", "at most 100 entries (found 101"],
    ),
    (
        "nesting_deep_parentheses.ron",
        &[":1:98:", "nested more than 64 levels deep"],
    ),
    (
        "nesting_deep_brackets.ron",
        &[":47:81:", "nested more than 64 levels deep"],
    ),
    (
        "nesting_deep_unclosed.ron",
        &[":1:65:", "nested more than 64 levels deep"],
    ),
    (
        "nesting_deep_braces_in_field.ron",
        &[":14:18:", "field `discounting`", "Expected identifier"],
    ),
    // Whole files and encodings.
    ("empty.ron", &["the file is empty"]),
    (
        "only_whitespace_and_comments.ron",
        &[":2:19:", "Expected opening `(` for struct `Scenario`"],
    ),
    (
        "truncated.ron",
        &[":28:11:", "field `benefits`", "Unexpected end of RON"],
    ),
    (
        "truncated_in_string.ron",
        &[":8:11:", "field `name`", "Expected end of string"],
    ),
    ("binary_junk.ron", &[":1:2:", "not UTF-8 text"]),
    ("binary_png_header.ron", &[":1:1:", "not UTF-8 text"]),
    (
        "encoding_latin1.ron",
        &[":8:20:", "not UTF-8 text; save it as UTF-8"],
    ),
    ("encoding_overlong_utf8.ron", &[":8:22:", "not UTF-8 text"]),
    (
        "encoding_utf16le_bom.ron",
        &["UTF-16 text; save it as UTF-8"],
    ),
    (
        "encoding_utf16be_bom.ron",
        &["UTF-16 text; save it as UTF-8"],
    ),
    (
        "encoding_utf8_bom_twice.ron",
        &[":1:1:", "Expected opening `(`"],
    ),
    (
        "encoding_nul_bytes.ron",
        &[":10:5:", "field `currency`", "ISO 4217"],
    ),
];

#[test]
fn the_bad_corpus_is_complete_and_large_enough() {
    let mut on_disk: Vec<String> = std::fs::read_dir(BAD_DIR)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| Path::new(n).extension().is_some_and(|e| e == "ron"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = BAD.iter().map(|(n, _)| (*n).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "every file in {BAD_DIR} has a table entry");
    assert!(
        BAD.len() >= 40,
        "at least 40 bad inputs, found {}",
        BAD.len()
    );
}

#[test]
fn every_bad_file_is_refused_in_process_with_its_message_and_no_panic() {
    for (name, needles) in BAD {
        let path = bad_path(name);
        let result = catch_unwind(AssertUnwindSafe(|| load_path(&path)));
        let Ok(loaded) = result else {
            panic!("{name}: the loader panicked");
        };
        let Err(error) = loaded else {
            panic!("{name}: accepted a bad file");
        };
        let message = error.to_string();
        assert!(
            message.starts_with(&path.display().to_string()),
            "{name}: the message names the file: {message}"
        );
        assert_mentions(&message, needles);
    }
}

#[test]
fn every_bad_file_makes_check_exit_1_with_its_message_and_no_panic() {
    for (name, needles) in BAD {
        let path = bad_path(name);
        let out = envroi(&["check".as_ref(), path.as_os_str()]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", text(&out.stderr));
        assert_no_panic(&out);
        assert_mentions(&text(&out.stderr), needles);
    }
}

#[test]
fn a_file_over_5_mib_is_refused_before_it_is_parsed() {
    let dir = temp_dir();
    let path = dir.path().join("huge.ron");
    // A valid scenario padded with a comment, so only the size is wrong.
    let padding = format!("// {}\n", "x".repeat(100)).repeat(60_000);
    std::fs::write(&path, format!("{padding}{DEFAULT_SCENARIO}")).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > 5 * 1024 * 1024);
    let message = load_path(&path).unwrap_err().to_string();
    assert_mentions(&message, &["huge.ron", "larger than 5 MiB"]);
    let out = envroi(&["check".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert_no_panic(&out);
    assert!(text(&out.stderr).contains("larger than 5 MiB"));
    let bytes = vec![b'('; 6 * 1024 * 1024];
    assert!(load_bytes(&bytes, "b.ron").is_err());
}

#[test]
fn a_long_list_just_under_the_size_limit_is_refused_quickly() {
    // 60,000 ranges and 20,000 costs: validation must not take the square.
    let mut costs = String::new();
    for i in 0..20_000 {
        let _ = write!(
            costs,
            "OneOff(name: \"c{i}\", amount: 1, month: 0, risk: 0),"
        );
    }
    let mut ranges = String::new();
    for i in 0..60_000 {
        let _ = write!(
            ranges,
            "Range(input: \"costs.c{i}.amount\", low: 0, high: 1),"
        );
    }
    let text = DEFAULT_SCENARIO
        .replacen("    costs: [\n", &format!("    costs: [{costs}\n"), 1)
        .replacen(
            "    uncertainty: [\n",
            &format!("    uncertainty: [{ranges}\n"),
            1,
        );
    assert!(text.len() < 5 * 1024 * 1024);
    let started = std::time::Instant::now();
    let message = envroi::io::load_str(&text, "long.ron")
        .unwrap_err()
        .to_string();
    assert_mentions(
        &message,
        &["field `costs`", "field `uncertainty`", "at most 100"],
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn a_megabyte_name_is_refused_with_a_short_message() {
    let name = "x".repeat(4 * 1024 * 1024);
    let text = DEFAULT_SCENARIO.replacen(
        "name: \"Composite bank: TEM + TDM\"",
        &format!("name: \"{name}\""),
        1,
    );
    let message = envroi::io::load_str(&text, "big name.ron")
        .unwrap_err()
        .to_string();
    assert_mentions(&message, &["field `name`", "(has 4194304)", "xxx..."]);
    assert!(message.len() < 1000, "{} bytes", message.len());
}

#[test]
fn a_byte_order_mark_crlf_deep_comments_and_non_ascii_names_are_accepted() {
    // The fixtures are version-1 copies of the baseline: the same
    // scenario, without the assumption records of version 2.
    let mut baseline = load_path(Path::new("scenarios/baseline.ron")).unwrap();
    baseline.assumptions.0.clear();
    for name in [
        "utf8_bom.ron",
        "crlf.ron",
        "bom_and_crlf.ron",
        "nested_comments_3000_deep.ron",
    ] {
        let s = load_path(&Path::new("tests/fixtures/accepted").join(name))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s, baseline, "{name}");
    }
    let s = load_path(Path::new("tests/fixtures/accepted/non_ascii_names.ron")).unwrap();
    assert_eq!(s.name, "Société Générale — 試験 🚀");
}
