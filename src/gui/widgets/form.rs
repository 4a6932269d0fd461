//! Form rows: a label with its explanation, a text field that keeps what
//! was typed apart from the value, and the message beside a field whose
//! text is not accepted. A row pushes an edit only when its text parses to
//! a valid value that differs from the current one.
//!
//! Rows are laid out in a two-column `egui::Grid` that the caller opens.
//! Each field is named for assistive technology (and for tests) by its
//! full label, e.g. "TEM services: cost per hour", which stays unique where
//! the visible label ("Cost per hour") repeats from one group to the next.

use egui::{Id, RichText, TextEdit, Ui};
use rust_decimal::Decimal;

use crate::model::fields::Spec;
use crate::model::inputs::{self, Bounds, Unit};

use crate::gui::analyses::Analyses;
use crate::gui::command::{AnalysisRequest, Command};
use crate::gui::document::{Buffers, FieldBuffer};
use crate::gui::field;
use crate::gui::state::DocId;
use crate::gui::theme;
use crate::model::edit::{Edit, List};

use super::evidence;

/// Width of a numeric field, in points.
pub const NUMBER_WIDTH: f32 = 150.0;
/// Width of a text field, in points.
pub const TEXT_WIDTH: f32 = 210.0;

/// The narrowest the label column of a form may be, so that fields line
/// up from one group to the next.
const LABEL_WIDTH: f32 = 190.0;

/// A two-column grid of form rows.
pub fn rows(ui: &mut Ui, id: &str, body: impl FnOnce(&mut Ui)) {
    egui::Grid::new(id)
        .num_columns(2)
        .min_col_width(LABEL_WIDTH)
        .spacing([theme::space(3.0), theme::space(1.5)])
        .show(ui, body);
}

/// Writes rows for one document, collecting the commands they produce.
pub struct Form<'a> {
    /// The document's text buffers.
    pub buffers: &'a mut Buffers,
    /// Where commands go.
    pub out: &'a mut Vec<Command>,
    /// The document edited.
    pub doc: DocId,
    /// Its currency code, shown before money fields.
    pub currency: &'a str,
    /// The scenario as it stands, for the break-even offered on every
    /// numeric input (right-click a field).
    pub scenario: &'a crate::model::Scenario,
    /// The document's revision, which keeps a break-even answer only while
    /// the scenario is unchanged.
    pub revision: u64,
    /// The document's analyses, for the break-even shown under a field.
    pub analyses: &'a Analyses,
}

/// One numeric row.
pub struct NumberRow<'r> {
    /// The visible label.
    pub label: &'r str,
    /// The full, unique name (accessibility and tests).
    pub name: &'r str,
    /// Buffer key, also the key of the edit.
    pub key: &'r str,
    /// The value now in the scenario.
    pub value: Decimal,
    /// How it is shown and typed.
    pub unit: Unit,
    /// Allowed range, in stored units.
    pub bounds: Bounds,
    /// The explanation shown on hover.
    pub help: &'r str,
}

/// The width of a numeric cell in a table, narrower than a form's field.
pub const CELL_WIDTH: f32 = 90.0;

impl NumberRow<'_> {
    /// A cell of a table (an empty label): its column heading names the
    /// unit, so the cell shows the number alone.
    fn in_table(&self) -> bool {
        self.label.is_empty()
    }

    /// The field's width: a table's cells are narrower.
    fn width(&self) -> f32 {
        if self.in_table() {
            CELL_WIDTH
        } else {
            NUMBER_WIDTH
        }
    }
}

/// One text row.
#[derive(Clone, Copy)]
pub struct TextRow<'r> {
    /// The visible label.
    pub label: &'r str,
    /// The full, unique name (accessibility and tests).
    pub name: &'r str,
    /// Buffer key, also the key of the edit.
    pub key: &'r str,
    /// The text now in the scenario.
    pub value: &'r str,
    /// The explanation shown on hover.
    pub help: &'r str,
    /// Shown greyed in an empty field.
    pub hint: &'static str,
}

/// One numeric field of an item of an editable list (a custom line or a
/// cost): its row is named "ITEM: FIELD WORDS" and keyed `LIST[i].KEY`.
pub struct ItemField<'r> {
    /// Key, label, help, unit and range (`model::fields`).
    pub spec: &'r Spec,
    /// The value now in the scenario.
    pub value: Decimal,
    /// The scenario's horizon, for a range that depends on it.
    pub horizon_months: u32,
}

impl Form<'_> {
    /// A numeric row of item `index` (named `item`) of `list`.
    pub fn item_number(
        &mut self,
        ui: &mut Ui,
        list: List,
        index: usize,
        item: &str,
        field: &ItemField<'_>,
        make: impl FnOnce(Decimal) -> Edit,
    ) {
        let spec = field.spec;
        let name = format!("{item}: {}", spec.words());
        let key = format!("{}[{index}].{}", list.key(), spec.key);
        self.number(
            ui,
            &NumberRow {
                label: spec.label,
                name: &name,
                key: &key,
                value: field.value,
                unit: spec.unit,
                bounds: spec.bounds(field.horizon_months),
                help: spec.help,
            },
            make,
        );
    }

    /// The input path of the row with buffer key `key`: the key itself for
    /// a catalogued input, `custom.NAME.FIELD` or `costs.NAME.FIELD` for a
    /// field of a list item (`custom[i].FIELD`); `None` for anything else.
    fn input_path(&self, key: &str) -> Option<String> {
        if inputs::get(self.scenario, key).is_some() {
            return Some(key.to_owned());
        }
        let (list, rest) = key.split_once('[')?;
        let (index, field) = rest.split_once("].")?;
        let i: usize = index.parse().ok()?;
        let name = match list {
            "custom" => self.scenario.benefits.custom.get(i)?.name.as_str(),
            "costs" => self.scenario.costs.get(i)?.name(),
            _ => return None,
        };
        let path = format!("{list}.{name}.{field}");
        inputs::get(self.scenario, &path).map(|_| path)
    }

    /// The label cell of a row: the evidence marker of its input (when it
    /// has one) and the label.
    fn label_cell(&mut self, ui: &mut Ui, key: &str, label: &str, name: &str, help: &str) {
        let path = self.input_path(key);
        ui.horizontal(|ui| {
            if let Some(path) = path {
                let record = self.scenario.assumptions.get(&path);
                if evidence::marker(ui, record, name).clicked() {
                    self.out.push(Command::EditEvidence(self.doc, path));
                }
            }
            ui.label(label).on_hover_text(help);
        });
    }

    /// A labelled numeric field; `make` turns an accepted value into the edit.
    pub fn number(&mut self, ui: &mut Ui, row: &NumberRow<'_>, make: impl FnOnce(Decimal) -> Edit) {
        self.label_cell(ui, row.key, row.label, row.name, row.help);
        self.cell(ui, row, make);
        ui.end_row();
    }

    /// The field of a numeric row without its label (a cell of a table):
    /// the text field, the message when its text is refused and the
    /// break-even note. Returns the text field's response.
    pub fn cell(
        &mut self,
        ui: &mut Ui,
        row: &NumberRow<'_>,
        make: impl FnOnce(Decimal) -> Edit,
    ) -> egui::Response {
        let shown = field::display(row.value, row.unit);
        let buffer = synced(self.buffers, row.key, &shown, ui);
        let currency = self.currency;
        let (response, accepted) = ui
            .vertical(|ui| {
                let singular =
                    matches!(row.unit, Unit::Months | Unit::Hours) && buffer.text.trim() == "1";
                let mut edit = TextEdit::singleline(&mut buffer.text)
                    .id(field_id(row.key))
                    .desired_width(row.width())
                    .align(egui::Align2::RIGHT_CENTER);
                if row.unit == Unit::Money && !row.in_table() {
                    edit = edit.prefix(currency.to_owned());
                }
                // A table leaves the currency, hours and terabytes to its
                // headings (so that it fits beside the inputs panel); a
                // percentage keeps its sign.
                let suffix = if row.in_table() && row.unit != Unit::Fraction {
                    ""
                } else if singular {
                    if row.unit == Unit::Months {
                        "month"
                    } else {
                        "hour"
                    }
                } else {
                    field::unit_suffix(row.unit)
                };
                if !suffix.is_empty() {
                    edit = edit.suffix(suffix);
                }
                let response = mark_error(ui, buffer.error.is_some(), |ui| ui.add(edit))
                    .accessible_name(row.name)
                    .on_hover_text(row.help);
                // Every input the analyses can address offers its break-even
                // on demand, from the field's context menu.
                let addressable =
                    row.unit != Unit::Months && inputs::get(self.scenario, row.key).is_some();
                if addressable {
                    response.context_menu(|ui| {
                        if ui.button("Find break-even (NPV = 0)").clicked() {
                            self.out.push(Command::Analysis(
                                self.doc,
                                AnalysisRequest::BreakEven(row.key.to_owned()),
                            ));
                            ui.close();
                        }
                    });
                }
                let mut accepted = None;
                if response.changed() {
                    match field::parse(&buffer.text, row.unit, row.bounds) {
                        Ok(v) => {
                            buffer.error = None;
                            buffer.source = field::display(v, row.unit);
                            if v != row.value {
                                accepted = Some(v);
                            }
                        }
                        Err(message) => buffer.error = Some(message),
                    }
                }
                error_line(ui, buffer.error.as_deref());
                if addressable
                    && let Some(note) = self.analyses.break_even_note(self.revision, row.key)
                {
                    ui.label(RichText::new(note).weak());
                }
                (response, accepted)
            })
            .inner;
        if let Some(value) = accepted {
            self.out.push(Command::Edit {
                doc: self.doc,
                key: row.key.to_owned(),
                edit: make(value),
            });
        }
        response
    }

    /// A labelled text field; `check` refuses text before it becomes an
    /// edit, `make` turns accepted text into the edit.
    pub fn text(
        &mut self,
        ui: &mut Ui,
        row: &TextRow<'_>,
        check: impl FnOnce(&str) -> Result<(), String>,
        make: impl FnOnce(String) -> Edit,
    ) {
        let TextRow {
            label,
            name,
            key,
            help,
            ..
        } = *row;
        self.label_cell(ui, key, label, name, help);
        self.text_cell(ui, row, TEXT_WIDTH, check, make);
        ui.end_row();
    }

    /// The field of a text row without its label (a cell of a table),
    /// `width` points wide. Returns the text field's response.
    pub fn text_cell(
        &mut self,
        ui: &mut Ui,
        row: &TextRow<'_>,
        width: f32,
        check: impl FnOnce(&str) -> Result<(), String>,
        make: impl FnOnce(String) -> Edit,
    ) -> egui::Response {
        let TextRow {
            name,
            key,
            value,
            help,
            hint,
            ..
        } = *row;
        let buffer = synced(self.buffers, key, value, ui);
        let (response, accepted) = ui
            .vertical(|ui| {
                // A grid's column starts as wide as its heading: the field
                // claims its width instead of shrinking to it.
                ui.set_min_width(width);
                let edit = TextEdit::singleline(&mut buffer.text)
                    .id(field_id(key))
                    .hint_text(hint)
                    .desired_width(width);
                let response = mark_error(ui, buffer.error.is_some(), |ui| ui.add(edit))
                    .accessible_name(name)
                    .on_hover_text(help);
                let mut accepted = None;
                if response.changed() {
                    match check(&buffer.text) {
                        Ok(()) => {
                            buffer.error = None;
                            buffer.source.clone_from(&buffer.text);
                            if buffer.text != value {
                                accepted = Some(buffer.text.clone());
                            }
                        }
                        Err(message) => buffer.error = Some(message),
                    }
                }
                error_line(ui, buffer.error.as_deref());
                (response, accepted)
            })
            .inner;
        if let Some(text) = accepted {
            self.out.push(Command::Edit {
                doc: self.doc,
                key: key.to_owned(),
                edit: make(text),
            });
        }
        response
    }
}

/// The egui id of the text field with buffer key `key`.
#[must_use]
pub fn field_id(key: &str) -> Id {
    Id::unique(("envroi-field", key))
}

/// The buffer of `key`, brought back in step with the model value `shown`
/// when the model changed under it (undo, another view) and the field is
/// neither being typed in nor holding refused text.
fn synced<'b>(buffers: &'b mut Buffers, key: &str, shown: &str, ui: &Ui) -> &'b mut FieldBuffer {
    let focused = ui.memory(|m| m.has_focus(field_id(key)));
    let buffer = buffers
        .entry(key.to_owned())
        .or_insert_with(|| FieldBuffer {
            text: shown.to_owned(),
            source: shown.to_owned(),
            error: None,
        });
    if buffer.source != shown && buffer.error.is_none() && !focused {
        shown.clone_into(&mut buffer.text);
        shown.clone_into(&mut buffer.source);
    }
    buffer
}

/// Draws `add` with a red outline when `error` is set.
fn mark_error(
    ui: &mut Ui,
    error: bool,
    add: impl FnOnce(&mut Ui) -> egui::Response,
) -> egui::Response {
    if error {
        ui.scope(|ui| {
            let stroke = theme::error_stroke();
            let visuals = &mut ui.visuals_mut().widgets;
            visuals.inactive.bg_stroke = stroke;
            visuals.hovered.bg_stroke = stroke;
            visuals.active.bg_stroke = stroke;
            ui.visuals_mut().selection.stroke = stroke;
            add(ui)
        })
        .inner
    } else {
        add(ui)
    }
}

/// The message under a refused field.
fn error_line(ui: &mut Ui, error: Option<&str>) {
    if let Some(message) = error {
        ui.add(egui::Label::new(RichText::new(message).color(theme::negative()).small()).wrap());
    }
}
