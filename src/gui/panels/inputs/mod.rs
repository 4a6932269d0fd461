//! The inputs panel: every input of MODEL.md section 2, grouped as an
//! analyst reads a business case (general, TEM programme and drivers, TDM
//! programme and drivers, custom benefit lines, costs, uncertainty ranges),
//! each with its unit and an explanation of the driver and its formula.

use egui::{CollapsingHeader, RichText, ScrollArea, Ui};
use rust_decimal::Decimal;

use crate::model::category::Category;
use crate::model::fields;
use crate::model::validate::{check_currency, check_name, check_start};
use crate::model::{Discounting, ProgrammeRef, Scenario, YearMonth};

mod correlations;
mod costs;
mod lines;
mod ranges;

use crate::gui::analyses::Analyses;
use crate::gui::command::Command;
use crate::gui::document::Buffers;
use crate::gui::state::DocId;
use crate::gui::state::Tab;
use crate::gui::widgets::form::{NumberRow, TextRow};
use crate::gui::widgets::{Form, rows};
use crate::model::edit::{Edit, EstateEdit, ProgrammeField, Which};
use crate::model::scenario::Nature;

/// Shows the inputs of `scenario`, pushing an edit for every accepted change.
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
    ScrollArea::vertical()
        .id_salt("inputs-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            group(ui, "General", true, |ui| general(ui, &mut form, scenario));
            group(ui, "TEM programme and drivers", true, |ui| {
                programme(ui, &mut form, scenario, Which::Tem);
                for c in Category::present(&scenario.benefits) {
                    if c.programme() == ProgrammeRef::Tem {
                        category(ui, &mut form, scenario, c);
                    }
                }
                optional_categories(ui, &mut form, scenario, ProgrammeRef::Tem);
            });
            group(ui, "TDM programme and drivers", false, |ui| {
                programme(ui, &mut form, scenario, Which::Tdm);
                for c in Category::present(&scenario.benefits) {
                    if c.programme() == ProgrammeRef::Tdm {
                        category(ui, &mut form, scenario, c);
                    }
                }
                optional_categories(ui, &mut form, scenario, ProgrammeRef::Tdm);
            });
            group(ui, "Custom benefit lines", false, |ui| {
                lines::show(ui, &mut form, scenario);
            });
            group(ui, "Costs", true, |ui| costs::show(ui, &mut form, scenario));
            group(ui, "Uncertainty ranges", false, |ui| {
                ranges::show(ui, &mut form, scenario);
                ui.add_space(crate::gui::theme::space(2.0));
                correlations::show(ui, &mut form, scenario);
            });
        });
}

fn group(ui: &mut Ui, title: &str, open: bool, body: impl FnOnce(&mut Ui)) {
    CollapsingHeader::new(RichText::new(title).strong())
        .id_salt(title)
        .default_open(open)
        .show(ui, body);
}

fn general(ui: &mut Ui, form: &mut Form<'_>, s: &Scenario) {
    rows(ui, "general-grid", |ui| {
        form.text(
            ui,
            &TextRow {
                label: "Name",
                name: "Scenario name",
                key: "name",
                value: &s.name,
                help: "The scenario's name, 1 to 100 characters; shown in lists, legends and exports.",
                hint: "",
            },
            check_name,
            Edit::Name,
        );
        form.text(
            ui,
            &TextRow {
                label: "Description",
                name: "Scenario description",
                key: "description",
                value: &s.description,
                help: "Free text describing the case.",
                hint: "",
            },
            |_| Ok(()),
            Edit::Description,
        );
        form.text(
            ui,
            &TextRow {
                label: "Currency",
                name: "Currency",
                key: "currency",
                value: &s.currency,
                help: "ISO 4217 code, three capital letters (USD, EUR, GBP); used for display only.",
                hint: "",
            },
            check_currency,
            Edit::Currency,
        );
        let start = s.start.to_string();
        form.text(
            ui,
            &TextRow {
                label: "Start month",
                name: "Start month",
                key: "start",
                value: &start,
                help: "First month of the horizon, YYYY-MM (years 2000 to 2100). Month 1 is this month; month 0 is the upfront instant.",
                hint: "",
            },
            |t| YearMonth::parse(t.trim()).and_then(check_start),
            |t| Edit::Start(YearMonth::parse(t.trim()).unwrap_or(s.start)),
        );
        form.number(
            ui,
            &NumberRow {
                label: fields::HORIZON_MONTHS.label,
                name: fields::HORIZON_MONTHS.label,
                key: fields::HORIZON_MONTHS.key,
                value: Decimal::from(s.horizon_months),
                unit: fields::HORIZON_MONTHS.unit,
                bounds: fields::HORIZON_MONTHS.bounds(s.horizon_months),
                help: fields::HORIZON_MONTHS.help,
            },
            |v| Edit::Horizon(u32::try_from(v).unwrap_or(s.horizon_months)),
        );
        form.number(
            ui,
            &NumberRow {
                label: fields::DISCOUNT_RATE.label,
                name: fields::DISCOUNT_RATE.label,
                key: fields::DISCOUNT_RATE.key,
                value: s.discount_rate,
                unit: fields::DISCOUNT_RATE.unit,
                bounds: fields::DISCOUNT_RATE.bounds(s.horizon_months),
                help: fields::DISCOUNT_RATE.help,
            },
            |v| Edit::Number {
                path: fields::DISCOUNT_RATE.key.into(),
                value: v,
            },
        );
        ui.label("Discounting").on_hover_text(DISCOUNTING_HELP);
        let mut chosen = s.discounting;
        egui::ComboBox::from_id_salt("discounting")
            .selected_text(discounting_label(chosen))
            .show_ui(ui, |ui| {
                for d in [Discounting::Annual, Discounting::Monthly] {
                    ui.selectable_value(&mut chosen, d, discounting_label(d));
                }
            })
            .response
            .accessible_name("Discounting")
            .on_hover_text(DISCOUNTING_HELP);
        ui.end_row();
        if chosen != s.discounting {
            form.out.push(Command::Edit {
                doc: form.doc,
                key: "discounting".into(),
                edit: Edit::Discounting(chosen),
            });
        }
        form.number(
            ui,
            &NumberRow {
                label: fields::SYNERGY_UPLIFT.label,
                name: fields::SYNERGY_UPLIFT.label,
                key: fields::SYNERGY_UPLIFT.key,
                value: s.synergy_uplift,
                unit: fields::SYNERGY_UPLIFT.unit,
                bounds: fields::SYNERGY_UPLIFT.bounds(s.horizon_months),
                help: fields::SYNERGY_UPLIFT.help,
            },
            |v| Edit::Number {
                path: fields::SYNERGY_UPLIFT.key.into(),
                value: v,
            },
        );
    });
}

const DISCOUNTING_HELP: &str = "Annual: each year's cash flows are discounted by (1 + r)^Y with Y = ceil(t / 12) (Forrester TEI convention). Monthly: each month by (1 + r)^(t / 12).";

fn discounting_label(d: Discounting) -> &'static str {
    match d {
        Discounting::Annual => "Annual (year-end)",
        Discounting::Monthly => "Monthly",
    }
}

fn programme(ui: &mut Ui, form: &mut Form<'_>, s: &Scenario, which: Which) {
    let (p, short) = match which {
        Which::Tem => (&s.tem, "TEM"),
        Which::Tdm => (&s.tdm, "TDM"),
    };
    let mut enabled = p.enabled;
    let label = format!("{short} programme enabled");
    if ui
        .checkbox(&mut enabled, label.as_str())
        .on_hover_text("A disabled programme keeps its inputs but yields no benefit.")
        .changed()
    {
        form.out.push(Command::Edit {
            doc: form.doc,
            key: format!("{short}.enabled"),
            edit: Edit::Programme(which, ProgrammeField::Enabled(enabled)),
        });
    }
    let h = s.horizon_months;
    let key = |f: &str| format!("{}.{f}", short.to_lowercase());
    rows(ui, &format!("{short}-programme-grid"), |ui| {
        for input in &fields::PROGRAMME {
            let spec = &input.spec;
            let name = format!("{short} {}", spec.label.to_lowercase());
            form.number(
                ui,
                &NumberRow {
                    label: spec.label,
                    name: &name,
                    key: &key(spec.key),
                    value: (input.get)(p),
                    unit: spec.unit,
                    bounds: spec.bounds(h),
                    help: spec.help,
                },
                |v| Edit::Programme(which, (input.edit)(v)),
            );
        }
    });
}

/// The optional categories of a programme not in the scenario, each with
/// an Add button (MODEL.md 11.1).
fn optional_categories(ui: &mut Ui, form: &mut Form<'_>, s: &Scenario, programme: ProgrammeRef) {
    for c in Category::ALL {
        if c.is_optional()
            && c.programme() == programme
            && !c.is_present(&s.benefits)
            && ui
                .button(format!("Add {}", c.label()))
                .on_hover_text(c.formula_help())
                .clicked()
        {
            form.out.push(Command::Edit {
                doc: form.doc,
                key: c.key().into(),
                edit: Edit::Estate(EstateEdit::Category(c, true)),
            });
        }
    }
}

fn category(ui: &mut Ui, form: &mut Form<'_>, s: &Scenario, c: Category) {
    let title = c.label();
    let formula = c.formula_help();
    ui.add_space(crate::gui::theme::space(1.0));
    ui.horizontal(|ui| {
        ui.label(RichText::new(title).strong())
            .on_hover_text(&formula);
        let nature = match c.nature() {
            Nature::Cash => "cash",
            Nature::Capacity => "capacity",
        };
        ui.label(RichText::new(nature).weak()).on_hover_text(
            "Cash lines remove spend; capacity lines free people's time, of which only the recaptured share counts as money (MODEL.md 11.2).",
        );
        if c.is_optional()
            && ui
                .small_button("Remove")
                .accessible_name(format!("Remove {title}"))
                .clicked()
        {
            form.out.push(Command::Edit {
                doc: form.doc,
                key: c.key().into(),
                edit: Edit::Estate(EstateEdit::Category(c, false)),
            });
        }
    });
    rows(ui, &format!("{}-grid", c.key()), |ui| {
        for field in c.fields() {
            let path = format!("benefits.{}.{}", c.key(), field.key);
            if c.is_replaced_driver(s, field.key) {
                ui.label(field.label).on_hover_text(field.help);
                if ui
                    .link("from the estate")
                    .on_hover_text("The estate inventory derives this category row by row; open the Estate tab.")
                    .clicked()
                {
                    form.out.push(Command::SetTab(Tab::Estate));
                }
                ui.end_row();
                continue;
            }
            let name = format!("{title}: {}", field.words());
            let help = format!(
                "{}\n\n{formula}\n\nRight-click the field to find its break-even (NPV = 0).",
                field.help,
            );
            form.number(
                ui,
                &NumberRow {
                    label: field.label,
                    name: &name,
                    key: &path,
                    value: field.get(&s.benefits),
                    unit: field.unit,
                    bounds: field.bounds,
                    help: &help,
                },
                |v| Edit::Number {
                    path: path.clone(),
                    value: v,
                },
            );
        }
        if c.is_derived(s) {
            ui.label("Annual saving A (from the estate)");
            ui.label(crate::format::money(&s.currency, c.saving(s)));
            ui.end_row();
        }
    });
}
