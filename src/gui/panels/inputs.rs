//! The inputs panel: every input of MODEL.md section 2, grouped as an
//! analyst reads a business case (general, TEM programme and drivers, TDM
//! programme and drivers, custom benefit lines, costs, uncertainty ranges),
//! each with its unit and an explanation of the driver and its formula.

use egui::{CollapsingHeader, Grid, RichText, ScrollArea, Ui};
use rust_decimal::Decimal;

use crate::model::inputs::{self, Bounds, COMMON_FIELDS, FRACTION, Unit};
use crate::model::{Discounting, Scenario, YearMonth};

use super::{costs, lines, ranges};
use crate::gui::command::{Command, Edit, ProgrammeField, Which};
use crate::gui::document::{Buffers, DocId};
use crate::gui::widgets::Form;
use crate::gui::widgets::form::{NumberRow, TextRow};

/// Shows the inputs of `scenario`, pushing an edit for every accepted change.
pub fn show(
    ui: &mut Ui,
    doc: DocId,
    revision: u64,
    scenario: &Scenario,
    buffers: &mut Buffers,
    out: &mut Vec<Command>,
) {
    let mut form = Form {
        buffers,
        out,
        doc,
        currency: &scenario.currency,
        scenario,
        revision,
    };
    ScrollArea::vertical()
        .id_salt("inputs-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            group(ui, "General", true, |ui| general(ui, &mut form, scenario));
            group(ui, "TEM programme and drivers", true, |ui| {
                programme(ui, &mut form, scenario, Which::Tem);
                for key in &inputs::CATEGORY_KEYS[..4] {
                    category(ui, &mut form, scenario, key);
                }
            });
            group(ui, "TDM programme and drivers", false, |ui| {
                programme(ui, &mut form, scenario, Which::Tdm);
                for key in &inputs::CATEGORY_KEYS[4..] {
                    category(ui, &mut form, scenario, key);
                }
            });
            group(ui, "Custom benefit lines", false, |ui| {
                lines::show(ui, &mut form, scenario);
            });
            group(ui, "Costs", true, |ui| costs::show(ui, &mut form, scenario));
            group(ui, "Uncertainty ranges", false, |ui| {
                ranges::show(ui, &mut form, scenario);
            });
        });
}

fn group(ui: &mut Ui, title: &str, open: bool, body: impl FnOnce(&mut Ui)) {
    CollapsingHeader::new(RichText::new(title).strong())
        .id_salt(title)
        .default_open(open)
        .show(ui, body);
}

/// The narrowest the label column of a form may be, so that fields line
/// up from one group to the next.
const LABEL_WIDTH: f32 = 190.0;

/// A two-column grid of form rows.
pub fn rows(ui: &mut Ui, id: &str, body: impl FnOnce(&mut Ui)) {
    Grid::new(id)
        .num_columns(2)
        .min_col_width(LABEL_WIDTH)
        .spacing([crate::gui::theme::space(3.0), crate::gui::theme::space(1.5)])
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
            |t| {
                if t.len() == 3 && t.bytes().all(|b| b.is_ascii_uppercase()) {
                    Ok(())
                } else {
                    Err("three capital letters, e.g. USD".to_owned())
                }
            },
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
            |t| {
                YearMonth::parse(t.trim()).and_then(|m| {
                    if (2000..=2100).contains(&m.year) {
                        Ok(())
                    } else {
                        Err("the year must be from 2000 to 2100".to_owned())
                    }
                })
            },
            |t| Edit::Start(YearMonth::parse(t.trim()).unwrap_or(s.start)),
        );
        form.number(
            ui,
            &NumberRow {
                label: "Horizon",
                name: "Horizon",
                key: "horizon_months",
                value: Decimal::from(s.horizon_months),
                unit: Unit::Months,
                bounds: whole(12, 120),
                help: "H, the number of months modelled after the start (12 to 120).",
            },
            |v| Edit::Horizon(u32::try_from(v).unwrap_or(s.horizon_months)),
        );
        form.number(
            ui,
            &NumberRow {
                label: "Discount rate",
                name: "Discount rate",
                key: "discount_rate",
                value: s.discount_rate,
                unit: Unit::Fraction,
                bounds: FRACTION,
                help: "r, the annual rate used for present values: a cash flow in year Y is divided by (1 + r)^Y.",
            },
            |v| Edit::Number {
                path: "discount_rate".into(),
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
                label: "Synergy uplift",
                name: "Synergy uplift",
                key: "synergy_uplift",
                value: s.synergy_uplift,
                unit: Unit::Fraction,
                bounds: FRACTION,
                help: "u: when both TEM and TDM run, an extra u x (the month's TEM and TDM benefits) is counted as synergy. Zero by default; an explicit assumption.",
            },
            |v| Edit::Number {
                path: "synergy_uplift".into(),
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

/// Checks a scenario, custom line or cost name.
pub fn check_name(text: &str) -> Result<(), String> {
    let chars = text.chars().count();
    if (1..=100).contains(&chars) {
        Ok(())
    } else {
        Err(format!("must be 1 to 100 characters (has {chars})"))
    }
}

/// Whole numbers from `min` to `max`.
#[must_use]
pub fn whole(min: u32, max: u32) -> Bounds {
    Bounds {
        min: Decimal::from(min),
        max: Decimal::from(max),
        integer: true,
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
        let fields: [(&str, &str, u32, &str); 3] = [
            (
                "go_live_month",
                "Go-live month",
                p.go_live_month,
                "s: months after the start before any benefit. The ramp f(t) is 0 for t <= s.",
            ),
            (
                "pilot_months",
                "Pilot months",
                p.pilot_months,
                "P: months of pilot after go-live, during which the programme realises the pilot coverage c.",
            ),
            (
                "rollout_months",
                "Rollout months",
                p.rollout_months,
                "R: months of linear ramp from c to 100 % after the pilot; 0 goes straight to 100 %.",
            ),
        ];
        for (field, label, value, help) in fields {
            let name = format!("{short} {}", label.to_lowercase());
            form.number(
                ui,
                &NumberRow {
                    label,
                    name: &name,
                    key: &key(field),
                    value: Decimal::from(value),
                    unit: Unit::Months,
                    bounds: whole(0, h),
                    help,
                },
                |v| {
                    let m = u32::try_from(v).unwrap_or(value);
                    Edit::Programme(
                        which,
                        match field {
                            "go_live_month" => ProgrammeField::GoLive(m),
                            "pilot_months" => ProgrammeField::Pilot(m),
                            _ => ProgrammeField::Rollout(m),
                        },
                    )
                },
            );
        }
        let name = format!("{short} pilot coverage");
        form.number(
            ui,
            &NumberRow {
                label: "Pilot coverage",
                name: &name,
                key: &key("pilot_coverage"),
                value: p.pilot_coverage,
                unit: Unit::Fraction,
                bounds: FRACTION,
                help: "c: the share of the full benefit realised during the pilot.",
            },
            |v| Edit::Programme(which, ProgrammeField::Coverage(v)),
        );
    });
}

fn category(ui: &mut Ui, form: &mut Form<'_>, s: &Scenario, key: &str) {
    let title = inputs::category_label(key);
    ui.add_space(crate::gui::theme::space(1.0));
    ui.label(RichText::new(title).strong())
        .on_hover_text(formula_help(key));
    rows(ui, &format!("{key}-grid"), |ui| {
        for (field, bounds, unit) in inputs::category_drivers(key)
            .iter()
            .chain(COMMON_FIELDS.iter())
        {
            let path = format!("benefits.{key}.{field}");
            let value = inputs::get(s, &path).unwrap_or_default();
            let name = format!("{title}: {}", field.replace('_', " "));
            let help = format!(
                "{}\n\n{}\n\nRight-click the field to find its break-even (NPV = 0).",
                field_help(field),
                formula_help(key)
            );
            form.number(
                ui,
                &NumberRow {
                    label: field_label(field),
                    name: &name,
                    key: &path,
                    value,
                    unit: *unit,
                    bounds: *bounds,
                    help: &help,
                },
                |v| Edit::Number {
                    path: path.clone(),
                    value: v,
                },
            );
        }
    });
}

/// The visible label of a category field.
fn field_label(field: &str) -> &'static str {
    match field {
        "environments" => "Environments (E)",
        "servers_per_environment" => "Servers per environment (S)",
        "cost_per_server_year" => "Cost per server a year (C)",
        "licences" => "Licences (L)",
        "cost_per_licence_year" => "Cost per licence a year (C)",
        "requests_per_year" => "Requests a year (Q)",
        "hours_per_request" => "Hours per request (h)",
        "cost_per_hour" => "Cost per hour (C)",
        "fte" => "Full-time equivalents (F)",
        "cost_per_fte_year" => "Cost per FTE a year (C)",
        "production_data_tb" => "Production data (D)",
        "non_production_copies" => "Non-production copies (K)",
        "cost_per_tb_year" => "Cost per TB a year (C)",
        "people" => "People (N)",
        "hours_per_person_month" => "Hours lost per person a month (W)",
        "defects_per_year" => "Defects a year (P)",
        "cost_per_defect" => "Cost per defect (C)",
        "annual_probability" => "Breach probability a year (p)",
        "breach_cost" => "Cost of one breach (B)",
        "reduction" => "Reduction",
        "growth" => "Growth a year",
        "risk" => "Risk",
        _ => "Value",
    }
}

/// What a category field means.
fn field_help(field: &str) -> &'static str {
    match field {
        "environments" => "E: lower (non-production) environments in the estate.",
        "servers_per_environment" => "S: servers in each environment; may be fractional.",
        "cost_per_server_year" => "C: fully loaded cost of one server for a year.",
        "licences" => "L: software licences used in lower environments.",
        "cost_per_licence_year" => "C: cost of one licence for a year.",
        "requests_per_year" => "Q: environment requests (bookings, builds, refreshes) a year.",
        "hours_per_request" => "h: hours of effort to fulfil one request.",
        "cost_per_hour" => "C: fully loaded cost of one hour of work.",
        "fte" => "F: full-time equivalents managing environments.",
        "cost_per_fte_year" => "C: fully loaded cost of one FTE for a year.",
        "production_data_tb" => "D: production data, in terabytes.",
        "non_production_copies" => "K: full copies of production data kept for testing.",
        "cost_per_tb_year" => "C: cost of storing one TB for a year.",
        "people" => "N: people affected by waiting for or preparing test data.",
        "hours_per_person_month" => {
            "W: hours each person loses a month to test data (at most 744, a month's hours)."
        }
        "defects_per_year" => "P: defects a year caused by poor test data.",
        "cost_per_defect" => "C: cost to find, fix and retest one defect.",
        "annual_probability" => "p: chance in a year of a breach from non-production data.",
        "breach_cost" => "B: cost of one breach.",
        "reduction" => "The improvement the programme brings, as a share of the baseline cost.",
        "growth" => {
            "Annual escalation of the baseline cost (-50 % to 100 %); year y's saving is multiplied by (1 + growth)^y."
        }
        "risk" => "The share of the benefit written off in the risk-adjusted view.",
        _ => "",
    }
}

/// The annual saving formula of a category, for tooltips.
#[must_use]
pub fn formula_help(key: &str) -> &'static str {
    match key {
        "tem_infrastructure" => "Annual saving A = E x S x C x reduction.",
        "tem_licences" => "Annual saving A = L x C x reduction.",
        "tem_services" => "Annual saving A = Q x h x C x reduction.",
        "tem_headcount" => "Annual saving A = F x C x reduction.",
        "tdm_infrastructure" => "Annual saving A = D x K x C x reduction.",
        "tdm_tester_productivity" | "tdm_developer_productivity" => {
            "Annual saving A = N x W x 12 x C x reduction."
        }
        "tdm_support" => "Annual saving A = P x C x reduction.",
        "tdm_breach" => "Annual saving A = p x B x reduction.",
        _ => "",
    }
}
