//! Editing in the app: typed values, refused values, list lines, undo, shortcuts,
//! the comparison and every tab, with the figures the engine computes.

use super::*;

#[test]
fn with_no_files_the_app_opens_the_built_in_scenario() {
    let harness = app(Vec::new());
    let s = baseline();
    assert_eq!(harness.state().workspace().docs.len(), 1);
    harness.get_by_label(&npv_card(&s));
}

#[test]
fn editing_a_driver_shows_the_engines_npv_on_the_card() {
    let mut harness = app(Vec::new());
    type_into(&mut harness, ENVIRONMENTS, "30");
    let mut expected = baseline();
    assert!(inputs::set(
        &mut expected,
        "benefits.tem_infrastructure.environments",
        Decimal::from(30)
    ));
    harness.get_by_label(&npv_card(&expected));
    let doc = &harness.state().workspace().docs[0];
    assert_eq!(doc.scenario(), &expected);
}

#[test]
fn a_percentage_is_typed_as_a_percentage_and_stored_as_a_fraction() {
    let mut harness = app(Vec::new());
    type_into(&mut harness, "TEM licences: reduction", "12.5");
    let doc = &harness.state().workspace().docs[0];
    assert_eq!(
        doc.scenario().benefits.tem_licences.reduction,
        Decimal::new(125, 3)
    );
}

#[test]
fn an_invalid_value_shows_its_error_and_the_figures_stay() {
    let mut harness = app(Vec::new());
    let before = baseline();
    type_into(&mut harness, "TEM infrastructure: reduction", "120");
    harness.get_by_label("must be 0 % to 100 %");
    harness.get_by_label(&npv_card(&before));
    type_into(&mut harness, ENVIRONMENTS, "twelve");
    harness.get_by_label_contains("is not a plain decimal number");
    harness.get_by_label(&npv_card(&before));
    let doc = &harness.state().workspace().docs[0];
    assert_eq!(
        doc.scenario(),
        &before,
        "an invalid value never reaches the model"
    );
    assert!(!doc.is_dirty());
}

#[test]
fn a_value_that_breaks_another_rule_is_refused_beside_its_field() {
    let mut harness = app(Vec::new());
    let before = baseline();
    // A go-live month past the horizon is inside 0..=120 but not 0..=H.
    let too_late = (before.horizon_months + 1).to_string();
    type_into(&mut harness, "TEM go-live month", &too_late);
    harness.get_by_label_contains("must be 0 to");
    assert_eq!(harness.state().workspace().docs[0].scenario(), &before);
}

#[test]
fn a_cost_line_can_be_added_and_removed() {
    let mut harness = app(Vec::new());
    let count = baseline().costs.len();
    harness.get_by_label("Add one-off cost").click_accesskit();
    harness.run();
    assert_eq!(
        harness.state().workspace().docs[0].scenario().costs.len(),
        count + 1
    );
    type_into(&mut harness, "New cost: amount", "1000");
    let with_cost = harness.state().workspace().docs[0].scenario().clone();
    assert_eq!(
        with_cost.costs.last().map(envroi::model::Cost::name),
        Some("New cost")
    );
    harness.get_by_label(&npv_card(&with_cost));
    leave_field(&mut harness);
    harness
        .get_by_label("Remove cost New cost")
        .click_accesskit();
    harness.run();
    let doc = &harness.state().workspace().docs[0];
    assert_eq!(doc.scenario().costs.len(), count);
    assert!(harness.query_by_label("Remove cost New cost").is_none());
    harness.get_by_label(&npv_card(&baseline()));
}

#[test]
fn undo_and_redo_step_through_edits() {
    let mut harness = app(Vec::new());
    let original = baseline();
    type_into(&mut harness, ENVIRONMENTS, "30");
    leave_field(&mut harness);
    let edited = harness.state().workspace().docs[0].scenario().clone();
    assert_ne!(edited, original);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().workspace().docs[0].scenario(), &original);
    harness.get_by_label(&npv_card(&original));
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, ENVIRONMENTS);
    assert_eq!(
        field.value().as_deref(),
        Some(
            original
                .benefits
                .tem_infrastructure
                .environments
                .to_string()
                .as_str()
        ),
        "the field shows the restored value"
    );

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().workspace().docs[0].scenario(), &edited);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(harness.state().workspace().docs[0].scenario(), &edited);
}

#[test]
fn shortcuts_do_not_fire_while_typing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.ron");
    std::fs::copy(shipped("baseline"), &path).unwrap();
    let on_disk = std::fs::read(&path).unwrap();
    let mut harness = app(vec![path.clone()]);
    type_into(&mut harness, ENVIRONMENTS, "30");
    // The field still has focus: Ctrl+N must not open a scenario and
    // Ctrl+S must not save.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    wait_for_files(&mut harness);
    let ws = harness.state().workspace();
    assert_eq!(ws.docs.len(), 1);
    assert!(ws.docs[0].is_dirty());
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);
    // Once the field is left, the same keys act.
    leave_field(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    wait_for_files(&mut harness);
    assert!(!harness.state().workspace().docs[0].is_dirty());
}

#[test]
fn two_shipped_scenarios_appear_side_by_side_in_compare_and_in_the_legend() {
    let first_path = shipped("baseline");
    let second_path = shipped("conservative");
    let first = envroi::io::load_path(&first_path).unwrap();
    let second = envroi::io::load_path(&second_path).unwrap();
    let mut harness = app(vec![first_path, second_path]);
    assert_eq!(harness.state().workspace().docs.len(), 2);

    harness.state_mut().push(Command::SetTab(Tab::Compare));
    harness.run();
    // Both names head the columns (the first is the base, in both tables),
    // each NPV is shown, and the inputs that differ are listed.
    assert_eq!(
        harness
            .query_all_by_label(&format!("{} (base)", first.name))
            .count(),
        2
    );
    assert!(harness.query_all_by_label(&second.name).count() >= 2);
    for s in [&first, &second] {
        let npv = format::money_whole(&s.currency, compute(s).adjusted.figures.npv);
        assert!(harness.query_all_by_label(&npv).count() >= 1, "{npv}");
    }
    harness.get_by_label("Inputs that differ");

    harness.state_mut().push(Command::SetTab(Tab::Payback));
    harness.run();
    // Legend entries are check boxes named after each curve.
    harness.get_by_role_and_label(egui::accesskit::Role::CheckBox, &first.name);
    harness.get_by_role_and_label(egui::accesskit::Role::CheckBox, &second.name);
}

#[test]
fn results_are_recomputed_on_a_change_and_only_then() {
    let mut harness = app(Vec::new());
    let before = harness.state().workspace().docs[0].computations();
    for tab in Tab::ALL {
        harness.state_mut().push(Command::SetTab(tab));
        harness.run();
    }
    assert_eq!(harness.state().workspace().docs[0].computations(), before);
    type_into(&mut harness, ENVIRONMENTS, "30");
    assert_eq!(
        harness.state().workspace().docs[0].computations(),
        before + 1
    );
}

#[test]
fn every_tab_draws_at_the_smallest_supported_size() {
    let mut harness = Harness::builder()
        .with_size([1024.0, 640.0])
        .with_max_steps(MAX_STEPS)
        .build_eframe(|_cc| EnvroiApp::headless(Vec::new()));
    for tab in Tab::ALL {
        harness.state_mut().push(Command::SetTab(tab));
        harness.run();
        harness.get_by_label(tab.label());
    }
}

#[test]
fn a_fields_context_menu_finds_its_break_even() {
    let mut harness = app(Vec::new());
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, ENVIRONMENTS)
        .click_secondary();
    harness.run();
    harness.get_by_label("Find break-even (NPV = 0)").click();
    harness.run();
    run_until(&mut harness, "the break-even is found", |h| {
        h.query_by_label("no break-even in range").is_some()
    });
    // The same answer as the model's: the baseline stays profitable with no
    // environments at all, so there is no break-even in the allowed range.
    let answer = envroi::model::analysis::break_even(
        &baseline(),
        "benefits.tem_infrastructure.environments",
        envroi::model::analysis::Target::NpvZero,
    )
    .unwrap();
    assert_eq!(answer.value, None);
    harness.get_by_label("no break-even in range");
}
