//! The Estate tab (MODEL.md 11.3): an inventory is started, rows are added,
//! typed into, renamed, duplicated and removed in the tables, Enter moves
//! down a column, and undo takes every change back. Also the correlation
//! pairs declared under the ranges.

use super::*;

fn scenario(harness: &Harness<'_, EnvroiApp>) -> Scenario {
    harness.state().workspace().docs[0].scenario().clone()
}

fn environment_names(harness: &Harness<'_, EnvroiApp>) -> Vec<String> {
    scenario(harness)
        .estate
        .map(|e| e.environments.into_iter().map(|r| r.name).collect())
        .unwrap_or_default()
}

fn click(harness: &mut Harness<'_, EnvroiApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// The app on its Estate tab with an inventory of two environments: the
/// first holds the aggregate inputs, the second is a fresh row.
/// Whether the number cell named `label` has the keyboard focus.
fn cell_has_focus(harness: &Harness<'_, EnvroiApp>, label: &str) -> bool {
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, label)
        .is_focused()
}

fn two_environments() -> Harness<'static, EnvroiApp> {
    let mut harness = app(Vec::new());
    click(&mut harness, "Estate");
    assert_eq!(harness.state().workspace().tab, Tab::Estate);
    harness.get_by_label_contains("uses the aggregate inputs");
    click(&mut harness, "Start an estate inventory");
    click(&mut harness, "Add environment");
    // The first row holds the aggregate inputs: the figures do not move.
    harness.get_by_label(&npv_card(&baseline()));
    click(&mut harness, "Add environment");
    assert_eq!(environment_names(&harness).len(), 2);
    harness
}

#[test]
fn rows_are_added_and_typed_into_and_the_cards_follow() {
    let mut harness = two_environments();
    let names = environment_names(&harness);
    assert_eq!(names[0], "All environments");
    let second = &names[1];
    type_into(&mut harness, &format!("{second}: servers each"), "4");
    type_into(&mut harness, &format!("{second}: count"), "3");
    leave_field(&mut harness);
    let s = scenario(&harness);
    let row = &s.estate.as_ref().unwrap().environments[1];
    assert_eq!(row.servers, Decimal::from(4));
    assert_eq!(row.count, 3);
    // The cards show the engine's figures for the edited estate.
    harness.get_by_label(&npv_card(&s));
    assert_ne!(
        compute(&s).adjusted.figures.npv,
        compute(&baseline()).adjusted.figures.npv
    );
    // A value outside the range is refused beside its cell.
    type_into(
        &mut harness,
        &format!("{second}: hours a week today"),
        "169",
    );
    harness.get_by_label_contains("must be");
    assert_eq!(
        scenario(&harness),
        s,
        "a refused value never reaches the model"
    );
}

#[test]
fn a_row_is_renamed_duplicated_removed_and_undo_takes_each_back() {
    let mut harness = two_environments();
    let before = scenario(&harness);
    type_into(&mut harness, "environments row 2 name", "UAT");
    leave_field(&mut harness);
    assert_eq!(environment_names(&harness)[1], "UAT");
    // The row's inputs are named by it now.
    type_into(&mut harness, "UAT: servers each", "2");
    leave_field(&mut harness);
    assert_eq!(
        scenario(&harness).estate.unwrap().environments[1].servers,
        Decimal::from(2)
    );
    let renamed = scenario(&harness);

    harness.get_by_label("Duplicate UAT").click_accesskit();
    harness.run();
    assert_eq!(
        environment_names(&harness),
        ["All environments", "UAT", "UAT copy"]
    );
    harness
        .get_by_label("Remove All environments")
        .click_accesskit();
    harness.run();
    assert_eq!(environment_names(&harness), ["UAT", "UAT copy"]);

    // Undo steps back through remove, duplicate, the typed value and the
    // rename, one change at a time.
    for expected in [
        vec!["All environments", "UAT", "UAT copy"],
        vec!["All environments", "UAT"],
    ] {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run();
        assert_eq!(environment_names(&harness), expected);
    }
    assert_eq!(scenario(&harness), renamed);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(scenario(&harness), before);
}

#[test]
fn enter_moves_to_the_same_column_of_the_next_row() {
    let mut harness = two_environments();
    let names = environment_names(&harness);
    let top = format!("{}: servers each", names[0]);
    let below = format!("{}: servers each", names[1]);
    type_into(&mut harness, &top, "7");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(
        cell_has_focus(&harness, &below),
        "Enter moved the focus to {below}"
    );
    assert_eq!(
        scenario(&harness).estate.unwrap().environments[0].servers,
        Decimal::from(7)
    );
}

/// Rank correlations (MODEL.md 12) are declared under the ranges: a pair
/// is added, given a rank, refused outside -1..=1, and undone.
#[test]
fn a_correlation_is_added_given_a_rank_and_undone() {
    let mut harness = app(Vec::new());
    let before = scenario(&harness);
    assert!(before.uncertainty.len() >= 2, "the baseline has ranges");
    // The section is below the fold of the inputs panel: accessibility
    // actions reach it as a screen reader would.
    harness.get_by_label("Uncertainty ranges").click_accesskit();
    harness.run();
    harness.get_by_label("Add correlation").click_accesskit();
    harness.run();
    let added = scenario(&harness);
    assert_eq!(added.correlations.len(), 1);
    let pair = &added.correlations[0];
    assert_eq!(pair.a, before.uncertainty[0].input);
    assert_eq!(pair.b, before.uncertainty[1].input);
    type_into(&mut harness, "Correlation 1 rank", "0.6");
    leave_field(&mut harness);
    assert_eq!(scenario(&harness).correlations[0].rank, Decimal::new(6, 1));
    type_into(&mut harness, "Correlation 1 rank", "1.5");
    harness.get_by_label_contains("must be");
    assert_eq!(scenario(&harness).correlations[0].rank, Decimal::new(6, 1));
    leave_field(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(scenario(&harness), before);
}

/// The retail bank's full estate fits beside the inputs panel at
/// 1440x900: every column of both tables ends left of the window's right
/// edge less the panel margin and the scroll bar (the Databases table
/// used to run about 50 points past it and scroll sideways), and Tab and
/// Enter still move between its cells.
#[test]
fn the_estate_tables_fit_a_1440_window_and_keep_their_keys() {
    use envroi::model::estate::{DATABASE_FIELDS, ENVIRONMENT_FIELDS};
    let mut harness = app(vec![shipped("retail_bank_estate")]);
    wait_for_files(&mut harness);
    click(&mut harness, "Estate");
    let right = 1440.0 - 20.0;
    let headings = ENVIRONMENT_FIELDS
        .iter()
        .chain(&DATABASE_FIELDS)
        .map(|f| f.label)
        .chain(["Storage saving a year", "Refresh hours saved a year"]);
    for heading in headings {
        let rect = harness.get_by_label(heading).rect();
        assert!(rect.max.x <= right, "{heading} ends at {}", rect.max.x);
    }
    for name in harness.query_all_by_label("Saving a year") {
        assert!(
            name.rect().max.x <= right,
            "Saving a year: {:?}",
            name.rect()
        );
    }
    let last = harness.get_by_label("Data warehouse: hours per refresh after TDM");
    assert!(last.rect().max.x <= right, "last cell: {:?}", last.rect());

    harness.get_by_label("Core banking: production TB").focus();
    harness.run();
    harness.key_press(Key::Tab);
    harness.run();
    assert!(
        cell_has_focus(&harness, "Core banking: copies today"),
        "Tab moved to the next cell"
    );
    type_into(
        &mut harness,
        "Core banking: hours per refresh after TDM",
        "2",
    );
    harness.key_press(Key::Enter);
    harness.run();
    assert!(
        cell_has_focus(&harness, "Cards: hours per refresh after TDM"),
        "Enter moved to the cell below"
    );
}
