//! The Estate tab (MODEL.md 11.3): the lower environments and databases an
//! analyst knows by name, edited as tables. Tab moves to the next cell,
//! Enter to the same column of the next row; every change is one undoable
//! edit. Under each table, the subtotals by kind and the derivation of the
//! categories the rows replace, row by row.

use egui::{Key, RichText, Ui};
use rust_decimal::Decimal;

use crate::format;
use crate::model::Scenario;
use crate::model::category::Category;
use crate::model::estate::{
    DATABASE_FIELDS, ENVIRONMENT_FIELDS, EnvironmentKind, Estate, RowField,
};
use crate::model::validate::check_name;

use crate::gui::analyses::Analyses;
use crate::gui::command::Command;
use crate::gui::document::Buffers;
use crate::gui::state::DocId;
use crate::gui::theme;
use crate::gui::widgets::Form;
use crate::gui::widgets::form::{NumberRow, TextRow, field_id};
use crate::model::edit::{Edit, EstateEdit, EstateList};

/// What the tab says when the scenario has no inventory.
pub const NO_ESTATE: &str = "This scenario uses the aggregate inputs (environments x servers x cost, production TB x copies x cost). An estate inventory lists the environments and databases by name instead; it then derives TEM infrastructure and licences, TDM storage and TDM refresh effort row by row.";

/// Shows the estate of `scenario`, pushing an edit for every change.
pub fn show(
    ui: &mut Ui,
    doc: DocId,
    revision: u64,
    scenario: &Scenario,
    buffers: &mut Buffers,
    analyses: &Analyses,
    out: &mut Vec<Command>,
) {
    let mut form = Form {
        buffers,
        out,
        doc,
        currency: &scenario.currency,
        scenario,
        revision,
        analyses,
    };
    egui::ScrollArea::both()
        .id_salt("estate-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let Some(estate) = &scenario.estate else {
                ui.label(RichText::new(NO_ESTATE).weak());
                ui.add_space(theme::space(1.0));
                if ui.button("Start an estate inventory").clicked() {
                    push(&mut form, EstateEdit::Inventory(true));
                }
                return;
            };
            environments(ui, &mut form, scenario, estate);
            ui.add_space(theme::space(3.0));
            databases(ui, &mut form, scenario, estate);
            ui.add_space(theme::space(3.0));
            ui.separator();
            if ui
                .button("Remove the estate inventory")
                .on_hover_text("Back to the aggregate inputs; Undo brings the rows back.")
                .clicked()
            {
                push(&mut form, EstateEdit::Inventory(false));
            }
        });
}

fn push(form: &mut Form<'_>, edit: EstateEdit) {
    form.out.push(Command::Edit {
        doc: form.doc,
        key: "estate".into(),
        edit: Edit::Estate(edit),
    });
}

/// The buffer key of a row's name cell.
fn name_key(list: EstateList, i: usize) -> String {
    format!("estate.{}[{i}].name", list.key())
}

/// A row's numeric cell, keyed by its input path; Enter moves to the cell
/// below (`below`, the next row's path), as in a spreadsheet.
fn number_cell(
    ui: &mut Ui,
    form: &mut Form<'_>,
    (path, below): (&str, Option<&str>),
    name: &str,
    field: &RowField,
    value: Decimal,
) {
    let response = form.cell(
        ui,
        &NumberRow {
            label: "",
            name,
            key: path,
            value,
            unit: field.unit,
            bounds: field.bounds,
            help: field.label,
        },
        |v| Edit::Number {
            path: path.to_owned(),
            value: v,
        },
    );
    enter_moves_down(ui, &response, below);
}

fn enter_moves_down(ui: &Ui, response: &egui::Response, below: Option<&str>) {
    if response.lost_focus()
        && ui.input(|i| i.key_pressed(Key::Enter))
        && let Some(below) = below
    {
        // The cell below is drawn later in this frame: it must not see the
        // same Enter, which would take its focus away again.
        ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Enter));
        ui.memory_mut(|m| m.request_focus(field_id(below)));
    }
}

fn name_cell(ui: &mut Ui, form: &mut Form<'_>, list: EstateList, names: &[&str], i: usize) {
    let key = name_key(list, i);
    let below = (i + 1 < names.len()).then(|| name_key(list, i + 1));
    let others: Vec<&str> = names
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, n)| *n)
        .collect();
    let response = form.text_cell(
        ui,
        &TextRow {
            label: "Name",
            name: &format!("{} row {} name", list.key(), i + 1),
            key: &key,
            value: names[i],
            help: "Unique in its list; the row's inputs are named by it.",
            hint: "",
        },
        120.0,
        |text| {
            check_name(text)?;
            if others.contains(&text) {
                return Err(format!("`{text}` is already a row of this list"));
            }
            Ok(())
        },
        move |text| Edit::Estate(EstateEdit::Rename(list, i, text)),
    );
    enter_moves_down(ui, &response, below.as_deref());
}

fn row_buttons(ui: &mut Ui, form: &mut Form<'_>, list: EstateList, i: usize, name: &str) {
    ui.horizontal(|ui| {
        if ui
            .small_button("Copy")
            .accessible_name(format!("Duplicate {name}"))
            .on_hover_text("Duplicate this row under a fresh name")
            .clicked()
        {
            push(form, EstateEdit::Duplicate(list, i));
        }
        if ui
            .small_button("Remove")
            .accessible_name(format!("Remove {name}"))
            .clicked()
        {
            push(form, EstateEdit::Remove(list, i));
        }
    });
}

/// A column heading, wrapped onto two or three lines so that the tables
/// fit beside the inputs panel at 1440 points (the cells leave their unit
/// to the heading).
fn heading(ui: &mut Ui, text: &str) -> egui::Response {
    ui.vertical(|ui| {
        ui.set_max_width(HEADING_WIDTH);
        ui.add(egui::Label::new(RichText::new(text).strong()).wrap())
    })
    .inner
}

/// The widest a column heading grows before it wraps.
const HEADING_WIDTH: f32 = 72.0;

fn reduction(s: &Scenario, c: Category) -> Decimal {
    c.field("reduction")
        .map_or(Decimal::ZERO, |f| f.get(&s.benefits))
}

fn environments(ui: &mut Ui, form: &mut Form<'_>, s: &Scenario, estate: &Estate) {
    let c = s.currency.as_str();
    let list = EstateList::Environments;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Environments").strong());
        ui.label(
            RichText::new("derive TEM infrastructure and TEM licences when there is a row").weak(),
        );
    });
    let r_infra = reduction(s, Category::TemInfrastructure);
    let r_lic = reduction(s, Category::TemLicences);
    let names: Vec<&str> = estate
        .environments
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    egui::Grid::new("estate-environments")
        .striped(true)
        .spacing([theme::space(1.5), theme::space(1.0)])
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new("Name").strong());
            ui.label(RichText::new("Kind").strong());
            for f in &ENVIRONMENT_FIELDS {
                heading(ui, f.label);
            }
            heading(ui, "Saving a year")
                .on_hover_text("Infrastructure n x S x Cs x (w - (1 - r) x w') / w plus licences n x L x Cl x r, with each category's reduction r.");
            ui.end_row();
            for (i, e) in estate.environments.iter().enumerate() {
                row_buttons(ui, form, list, i, &e.name);
                name_cell(ui, form, list, &names, i);
                let mut kind = e.kind;
                egui::ComboBox::from_id_salt(("estate-kind", i))
                    .selected_text(kind.label())
                    .width(110.0)
                    .show_ui(ui, |ui| {
                        for k in EnvironmentKind::ALL {
                            ui.selectable_value(&mut kind, k, k.label());
                        }
                    })
                    .response
                    .accessible_name(format!("{} kind", e.name));
                if kind != e.kind {
                    push(form, EstateEdit::Kind(i, kind));
                }
                for f in &ENVIRONMENT_FIELDS {
                    let path = format!("estate.environments.{}.{}", e.name, f.key);
                    let below = names
                        .get(i + 1)
                        .map(|n| format!("estate.environments.{n}.{}", f.key));
                    number_cell(
                        ui,
                        form,
                        (&path, below.as_deref()),
                        &format!("{}: {}", e.name, f.lower_label()),
                        f,
                        e.get(f.key).unwrap_or_default(),
                    );
                }
                let saving = e.infrastructure_saving(r_infra) + e.licence_saving(r_lic);
                ui.label(format::money_whole(c, saving));
                ui.end_row();
            }
        });
    if ui.button("Add environment").clicked() {
        push(form, EstateEdit::Add(list));
    }
    if estate.environments.is_empty() {
        ui.label(RichText::new("No environments: TEM infrastructure and licences use the aggregate inputs. The first row added holds them, so the figures do not move until you split it.").weak());
        return;
    }
    ui.add_space(theme::space(1.0));
    ui.label(RichText::new("By kind").strong());
    egui::Grid::new("estate-kinds")
        .striped(true)
        .show(ui, |ui| {
            for h in [
                "Kind",
                "Environments",
                "Servers a year",
                "Licences a year",
                "Saving a year",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            let mut total = [Decimal::ZERO; 4];
            for kind in EnvironmentKind::ALL {
                let rows: Vec<_> = estate
                    .environments
                    .iter()
                    .filter(|e| e.kind == kind)
                    .collect();
                if rows.is_empty() {
                    continue;
                }
                let sums = [
                    rows.iter().map(|e| Decimal::from(e.count)).sum::<Decimal>(),
                    rows.iter().map(|e| e.server_cost()).sum(),
                    rows.iter().map(|e| e.licence_cost()).sum(),
                    rows.iter()
                        .map(|e| e.infrastructure_saving(r_infra) + e.licence_saving(r_lic))
                        .sum(),
                ];
                subtotal_row(ui, c, kind.label(), sums);
                for (t, v) in total.iter_mut().zip(sums) {
                    *t += v;
                }
            }
            subtotal_row(ui, c, "Total", total);
        });
    derivation(
        ui,
        s,
        Category::TemInfrastructure,
        "sum of n x S x Cs x (w - (1 - r) x w') / w",
    );
    derivation(ui, s, Category::TemLicences, "sum of n x L x Cl x r");
}

fn subtotal_row(ui: &mut Ui, c: &str, label: &str, sums: [Decimal; 4]) {
    ui.label(label);
    ui.label(format::number(sums[0], 0));
    for v in &sums[1..] {
        ui.label(format::money_whole(c, *v));
    }
    ui.end_row();
}

/// "TEM infrastructure: A = sum of ... = USD x a year", when the estate
/// derives the category.
fn derivation(ui: &mut Ui, s: &Scenario, category: Category, formula: &str) {
    if !category.is_present(&s.benefits) || !category.is_derived(s) {
        return;
    }
    let r = reduction(s, category);
    ui.label(format!(
        "{}: A = {formula} (r = {}) = {} a year",
        category.label(),
        format::percent_as_entered(r),
        format::money(&s.currency, category.saving(s)),
    ));
}

fn databases(ui: &mut Ui, form: &mut Form<'_>, s: &Scenario, estate: &Estate) {
    let c = s.currency.as_str();
    let list = EstateList::Databases;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Databases").strong());
        ui.label(
            RichText::new(
                "derive TDM storage (and TDM refresh effort, when present) when there is a row",
            )
            .weak(),
        );
    });
    let r_storage = reduction(s, Category::TdmInfrastructure);
    let r_refresh = reduction(s, Category::TdmRefresh);
    let names: Vec<&str> = estate.databases.iter().map(|d| d.name.as_str()).collect();
    egui::Grid::new("estate-databases")
        .striped(true)
        .spacing([theme::space(1.5), theme::space(1.0)])
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new("Name").strong());
            for f in &DATABASE_FIELDS {
                heading(ui, f.label);
            }
            heading(ui, "Storage saving a year")
                .on_hover_text("D x Ct x (K - K' x (1 - r)), with TDM storage's reduction r.");
            heading(ui, "Refresh hours saved a year")
                .on_hover_text("R x h - R' x h' x (1 - r), with TDM refresh effort's reduction r.");
            ui.end_row();
            for (i, d) in estate.databases.iter().enumerate() {
                row_buttons(ui, form, list, i, &d.name);
                name_cell(ui, form, list, &names, i);
                for f in &DATABASE_FIELDS {
                    let path = format!("estate.databases.{}.{}", d.name, f.key);
                    let below = names
                        .get(i + 1)
                        .map(|n| format!("estate.databases.{n}.{}", f.key));
                    number_cell(
                        ui,
                        form,
                        (&path, below.as_deref()),
                        &format!("{}: {}", d.name, f.lower_label()),
                        f,
                        d.get(f.key).unwrap_or_default(),
                    );
                }
                ui.label(format::money_whole(c, d.storage_saving(r_storage)));
                ui.label(format::number(d.refresh_hours_saved(r_refresh), 1));
                ui.end_row();
            }
            if !estate.databases.is_empty() {
                ui.label("");
                ui.label(RichText::new("Total").strong());
                for f in &DATABASE_FIELDS {
                    let total: Decimal = estate.databases.iter().filter_map(|d| d.get(f.key)).sum();
                    let summable = matches!(f.key, "production_tb" | "copies" | "copies_after");
                    let places = u32::from(f.unit != crate::model::bounds::Unit::Count);

                    ui.label(if summable {
                        format::number(total, places)
                    } else {
                        String::new()
                    });
                }
                ui.label(format::money_whole(c, estate.storage_saving(r_storage)));
                let hours: Decimal = estate
                    .databases
                    .iter()
                    .map(|d| d.refresh_hours_saved(r_refresh))
                    .sum();
                ui.label(format::number(hours, 1));
                ui.end_row();
            }
        });
    if ui.button("Add database").clicked() {
        push(form, EstateEdit::Add(list));
    }
    if estate.databases.is_empty() {
        ui.label(RichText::new("No databases: TDM storage uses the aggregate inputs. The first row added holds them.").weak());
        return;
    }
    derivation(
        ui,
        s,
        Category::TdmInfrastructure,
        "sum of D x Ct x (K - K' x (1 - r))",
    );
    derivation(
        ui,
        s,
        Category::TdmRefresh,
        "C x sum of (R x h - R' x h' x (1 - r))",
    );
    if !Category::TdmRefresh.is_present(&s.benefits) {
        ui.label(
            RichText::new(
                "The refresh columns count once TDM refresh effort is added (TDM inputs).",
            )
            .weak(),
        );
    }
}
