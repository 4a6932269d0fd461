//! The assumption register in the app (issue 13): the evidence marker on
//! every input row, the record editor, records carried by renames and
//! removals, the Assumptions tab and its filters, and the cards' count of
//! unconfirmed key assumptions.

use super::*;
use envroi::model::{Confidence, Evidence};

const TRAINING_AMOUNT: &str = "costs.Training.amount";

fn scenario(harness: &Harness<'_, EnvroiApp>) -> Scenario {
    harness.state().workspace().docs[0].scenario().clone()
}

#[test]
fn every_input_row_shows_its_evidence_marker() {
    let mut harness = app(Vec::new());
    harness.run();
    let s = scenario(&harness);
    let record = s
        .assumptions
        .get("benefits.tem_services.reduction")
        .unwrap();
    let words = format!(
        "Evidence of TEM services: reduction: {}, {} confidence",
        record.evidence.key(),
        record.confidence.key()
    );
    harness.get_by_label(&words);
    // A field of a list item, and a timing input, have markers too.
    harness.get_by_label_contains("Evidence of Training: amount: ");
    harness.get_by_label_contains("Evidence of TEM go-live month: ");

    // A new scenario from the template: every input is a placeholder.
    harness.state_mut().push(Command::New);
    harness.run();
    let new = harness
        .state()
        .workspace()
        .active_doc()
        .unwrap()
        .scenario()
        .clone();
    assert_eq!(new.assumptions.0.len(), inputs::all_inputs(&new).len());
    assert!(
        new.assumptions
            .0
            .values()
            .all(|r| r.evidence == Evidence::Placeholder)
    );
    harness.get_by_label("Evidence of TEM services: reduction: Placeholder evidence");
}

#[test]
fn the_record_editor_saves_a_record_and_undo_takes_it_back() {
    let mut harness = app(Vec::new());
    harness.run();
    let before = scenario(&harness);
    harness
        .get_by_label_contains("Evidence of Training: amount: ")
        .click_accesskit();
    harness.run();
    harness.get_by_label("Save evidence");
    harness
        .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Evidence source")
        .set_text_value_accesskit("Quote from the training vendor, 2026");
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Evidence published")
        .set_text_value_accesskit("20x6");
    harness.run();
    harness.get_by_label_contains("Published: a year from 1900 to 2100");
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Evidence published")
        .set_text_value_accesskit("2026");
    harness.run();
    harness.get_by_label("Save evidence").click_accesskit();
    harness.run();
    assert!(
        harness.query_by_label("Save evidence").is_none(),
        "the editor closes"
    );
    let after = scenario(&harness);
    let record = after.assumptions.get(TRAINING_AMOUNT).unwrap();
    assert_eq!(record.source, "Quote from the training vendor, 2026");
    assert_eq!(record.published, Some(2026));
    assert!(harness.state().workspace().docs[0].is_dirty());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(scenario(&harness), before, "one undo step");
}

#[test]
fn renaming_a_cost_carries_its_record_and_removing_it_asks_first() {
    let mut harness = app(Vec::new());
    harness.run();
    let index = scenario(&harness)
        .costs
        .iter()
        .position(|c| c.name() == "Training")
        .unwrap();
    assert!(
        scenario(&harness)
            .assumptions
            .get(TRAINING_AMOUNT)
            .is_some()
    );
    type_into(
        &mut harness,
        &format!("Cost {} name", index + 1),
        "Coaching",
    );
    leave_field(&mut harness);
    let renamed = scenario(&harness);
    assert!(renamed.assumptions.get(TRAINING_AMOUNT).is_none());
    assert!(renamed.assumptions.get("costs.Coaching.amount").is_some());

    harness
        .get_by_label("Remove cost Coaching")
        .click_accesskit();
    harness.run();
    harness.get_by_label("Remove this cost?");
    assert_eq!(
        scenario(&harness),
        renamed,
        "nothing removed before the answer"
    );
    harness.get_by_label("Remove").click_accesskit();
    harness.run();
    let removed = scenario(&harness);
    assert!(removed.costs.iter().all(|c| c.name() != "Coaching"));
    assert!(
        removed
            .assumptions
            .0
            .keys()
            .all(|k| !k.starts_with("costs.Coaching."))
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        scenario(&harness),
        renamed,
        "undo brings the cost and its records back"
    );
}

/// Runs frames until the tornado of the active document is there.
fn wait_for_tornado(harness: &mut Harness<'_, EnvroiApp>) {
    run_until(harness, "the tornado is computed", |h| {
        let doc = h.state().workspace().active_doc().unwrap();
        doc.register().1
    });
}

#[test]
fn the_assumptions_tab_lists_every_input_and_filters_it() {
    let mut harness = app(Vec::new());
    harness.state_mut().push(Command::SetTab(Tab::Assumptions));
    wait_for_tornado(&mut harness);
    let s = scenario(&harness);
    let total = inputs::all_inputs(&s).len();
    harness.get_by_label(&format!("{total} of {total} inputs have an evidence record. Impact is the NPV swing of each input's tornado bar."));
    // Each row has its marker, named after the input.
    harness.get_by_label_contains("Evidence of Discount rate in the register: Benchmarked");

    // The shipped baseline has no placeholder.
    harness
        .get_by_label("Show placeholders only")
        .click_accesskit();
    harness.run();
    assert!(harness.state().workspace().register.placeholders_only);
    harness.get_by_label("No input matches the filters.");
    harness
        .get_by_label("Show placeholders only")
        .click_accesskit();
    harness.run();

    // Key inputs held with low confidence.
    harness
        .get_by_label("High impact, low confidence (top 5)")
        .click_accesskit();
    harness.run();
    let doc = harness.state().workspace().active_doc().unwrap();
    let (rows, _) = doc.register();
    let weak = envroi::model::analysis::unconfirmed_key_inputs(
        &rows,
        &envroi::model::analysis::register::UNCONFIRMED,
    );
    assert!(!weak.is_empty());
    for row in &weak {
        let record = row.record.as_ref().unwrap();
        assert_eq!(record.confidence, Confidence::Low);
        harness.get_by_label_contains(&format!("Evidence of {} in the register: ", row.label));
    }
    let strong = rows
        .iter()
        .find(|r| {
            r.record
                .as_ref()
                .is_some_and(|r| r.confidence == Confidence::High)
        })
        .unwrap();
    assert!(
        harness
            .query_by_label_contains(&format!("Evidence of {} in the register: ", strong.label))
            .is_none(),
        "a confirmed input is filtered out"
    );
}

#[test]
fn the_cards_count_unconfirmed_key_assumptions_and_lead_to_them() {
    let mut harness = app(Vec::new());
    wait_for_tornado(&mut harness);
    let doc = harness.state().workspace().active_doc().unwrap();
    let (rows, _) = doc.register();
    let n = envroi::model::analysis::unconfirmed_key_inputs(
        &rows,
        &envroi::model::analysis::register::UNCONFIRMED,
    )
    .len();
    assert!(n > 0);
    let text = format!(
        "{n} key assumption{} unconfirmed",
        if n == 1 { "" } else { "s" }
    );
    harness.get_by_label(&text).click_accesskit();
    harness.run();
    let ws = harness.state().workspace();
    assert_eq!(ws.tab, Tab::Assumptions);
    assert!(ws.register.weak_key_only);
}
