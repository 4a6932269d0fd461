//! The figure cards: NPV, ROI, payback, IRR, total benefits and total
//! costs of the risk-adjusted view, each with the unadjusted figure beside
//! it, the warning when the IRR is not unique, and how many key
//! assumptions are unconfirmed.

use egui::{Frame, Margin, RichText, Ui};
use rust_decimal::Decimal;

use crate::format;
use crate::model::Figures;

use crate::gui::command::Command;
use crate::gui::document::Document;
use crate::gui::state::{RegisterSort, RegisterView, Tab};
use crate::gui::theme;
use crate::gui::widgets::{describe, evidence};
use crate::model::analysis::register::{KEY_INPUTS, UNCONFIRMED};
use crate::model::analysis::unconfirmed_key_inputs;

/// The narrowest a card may be, in points.
const MIN_CARD_WIDTH: f32 = 150.0;
/// Inner margin of a card, in points.
const CARD_MARGIN: i8 = 6;

/// One card's text.
struct Card {
    title: &'static str,
    adjusted: String,
    unadjusted: String,
    exact: String,
    sign: Option<bool>,
    warning: Option<&'static str>,
}

/// The text of a card's figure for one view (what the card shows).
#[must_use]
pub fn figure_text(title: &str, f: &Figures, currency: &str) -> String {
    match title {
        "NPV" => format::money_whole(currency, f.npv),
        "ROI" => format::percent_or(f.roi, "undefined (no costs)"),
        "Payback" => format::payback(f.payback_months),
        "IRR" => format::percent_or(f.irr_annual, "undefined"),
        "Total benefits" => format::money_whole(currency, f.total_benefits),
        "Total costs" => format::money_whole(currency, f.total_costs),
        _ => String::new(),
    }
}

/// The card titles, in the order shown.
pub const TITLES: [&str; 6] = [
    "NPV",
    "ROI",
    "Payback",
    "IRR",
    "Total benefits",
    "Total costs",
];

fn cards(doc: &Document) -> Vec<Card> {
    let r = doc.results();
    let c = doc.scenario().currency.as_str();
    let (a, u) = (&r.adjusted.figures, &r.unadjusted.figures);
    let sign = |d: Decimal| Some(!d.is_sign_negative() || d.is_zero());
    TITLES
        .iter()
        .map(|&title| Card {
            title,
            adjusted: figure_text(title, a, c),
            unadjusted: figure_text(title, u, c),
            exact: match title {
                "NPV" => format::money(c, a.npv),
                "Total benefits" => format::money(c, a.total_benefits),
                "Total costs" => format::money(c, a.total_costs),
                "ROI" => a.roi.map(|v| format::percent(v, 4)).unwrap_or_default(),
                "IRR" => a
                    .irr_annual
                    .map(|v| format::percent(v, 4))
                    .unwrap_or_default(),
                _ => String::new(),
            },
            sign: match title {
                "NPV" => sign(a.npv),
                "ROI" => a.roi.and_then(sign),
                _ => None,
            },
            warning: (title == "IRR" && a.irr_annual.is_some() && !a.irr_unique).then_some(
                "Not unique: the net cash flow changes sign more than once, so several rates give an NPV of zero; the one nearest zero is shown.",
            ),
        })
        .collect()
}

/// Shows the cards of the active document in as many columns as fit
/// (six, three or two), each card as wide as its share of the row.
pub fn show(ui: &mut Ui, doc: &Document, out: &mut Vec<Command>) {
    let cards = cards(doc);
    let gap = theme::space(2.0);
    let available = ui.available_width();
    let columns = [6_usize, 3, 2, 1]
        .into_iter()
        .find(|&n| {
            let n = n as f32;
            (available - gap * (n - 1.0)) / n >= MIN_CARD_WIDTH
        })
        .unwrap_or(1);
    let per_row = columns as f32;
    let outer = ((available - gap * (per_row - 1.0)) / per_row).floor();
    let inner = outer - 2.0 * f32::from(CARD_MARGIN) - 2.0;
    ui.spacing_mut().item_spacing = egui::vec2(gap, gap);
    // Below six columns the cards take two rows; a smaller figure keeps
    // them from crowding out the tables and charts underneath.
    let figure_size = if columns < 6 { 15.0 } else { 18.0 };
    for row in cards.chunks(columns) {
        ui.horizontal(|ui| {
            for card in row {
                card_ui(ui, card, inner, figure_size);
            }
        });
    }
    cash_line(ui, doc);
    unconfirmed_line(ui, doc, out);
}

/// The cash-only figures beside the headline (MODEL.md 11.2): how much of
/// the case removes spend, and the time freed that is not counted.
pub fn cash_text(doc: &Document) -> String {
    let r = doc.results();
    let s = doc.scenario();
    let c = s.currency.as_str();
    let (f, cash) = (&r.adjusted.figures, &r.adjusted.cash);
    let share = if f.pv_benefits.is_zero() {
        String::new()
    } else {
        format!(
            " ({} of the PV of benefits)",
            format::percent(cash.cash_pv_benefits / f.pv_benefits, 0)
        )
    };
    let mut text = format!(
        "Cash only: NPV {}, payback {}{share}",
        format::money_whole(c, cash.cash_npv),
        format::payback(cash.cash_payback_months),
    );
    let freed = crate::model::cash::freed_capacity(s);
    let hours: Decimal = freed.iter().filter_map(|l| l.hours).sum();
    let fte: Decimal = freed.iter().filter_map(|l| l.fte).sum();
    if !hours.is_zero() || !fte.is_zero() {
        text.push_str("; freed capacity not counted as money: ");
        let mut parts = Vec::new();
        if !hours.is_zero() {
            parts.push(format!("{} hours a year", format::number(hours, 0)));
        }
        if !fte.is_zero() {
            parts.push(format!("{} FTE", format::number(fte, 1)));
        }
        text.push_str(&parts.join(" and "));
    }
    text
}

fn cash_line(ui: &mut Ui, doc: &Document) {
    ui.label(cash_text(doc)).on_hover_text(
        "Risk-adjusted. Cash lines remove spend (servers, licences, storage, services bought in, breach losses); capacity lines free people's time, and count as money only by their recapture share. Synergy counts with capacity. MODEL.md 11.2.",
    );
}

/// The key assumptions (the inputs with the widest NPV swing) that are
/// unconfirmed: no record, a placeholder or low confidence. A click shows
/// them in the Assumptions tab. Nothing is shown before the first tornado.
fn unconfirmed_line(ui: &mut Ui, doc: &Document, out: &mut Vec<Command>) {
    let (rows, _) = doc.register();
    if rows.iter().all(|r| r.swing.is_none()) {
        return;
    }
    let weak = unconfirmed_key_inputs(&rows, &UNCONFIRMED);
    if weak.is_empty() {
        return;
    }
    let n = weak.len();
    let text = format!(
        "{n} key assumption{} unconfirmed",
        if n == 1 { "" } else { "s" }
    );
    let names: Vec<String> = weak
        .iter()
        .map(|r| {
            format!(
                "{} ({})",
                r.label,
                evidence::standing_words(r.record.as_ref())
            )
        })
        .collect();
    let response = ui
        .link(RichText::new(&text).color(theme::warning()))
        .on_hover_text(format!(
            "Among the {KEY_INPUTS} inputs with the widest NPV swing:\n{}\nClick to see them in the Assumptions tab.",
            names.join("\n")
        ));
    if response.clicked() {
        out.push(Command::SetRegisterView(RegisterView {
            weak_key_only: true,
            placeholders_only: false,
            sort: RegisterSort::Impact,
        }));
        out.push(Command::SetTab(Tab::Assumptions));
    }
}

fn card_ui(ui: &mut Ui, card: &Card, width: f32, figure_size: f32) {
    let fill = ui.visuals().faint_bg_color;
    let stroke = ui.visuals().widgets.noninteractive.bg_stroke;
    Frame::new()
        .fill(fill)
        .stroke(stroke)
        .corner_radius(theme::card_radius())
        .inner_margin(Margin::same(CARD_MARGIN))
        .show(ui, |ui| {
            ui.set_width(width);
            ui.spacing_mut().item_spacing.y = 1.0;
            ui.vertical(|ui| {
                ui.label(RichText::new(card.title).size(12.0).strong())
                    .on_hover_text("Risk-adjusted view (benefits written down by their risk, costs raised by theirs).");
                // A long phrase ("not within the horizon") gets a smaller size
                // so that it fits the card instead of being cut.
                let size = if card.adjusted.len() > 16 {
                    figure_size - 4.0
                } else {
                    figure_size
                };
                let mut text = RichText::new(&card.adjusted).size(size).strong();
                if let Some(positive) = card.sign {
                    text = text.color(if positive {
                        theme::positive()
                    } else {
                        theme::negative()
                    });
                }
                let value = ui.add(egui::Label::new(text).truncate());
                describe(&value, &format!("{}, risk-adjusted: {}", card.title, card.adjusted));
                if !card.exact.is_empty() {
                    value.on_hover_text(format!("Exactly {}", card.exact));
                }
                let unadjusted = ui.add(
                    egui::Label::new(
                        RichText::new(format!("Unadjusted: {}", card.unadjusted))
                            .size(12.0)
                            .weak(),
                    )
                    .truncate(),
                );
                describe(&unadjusted, &format!("{}, unadjusted: {}", card.title, card.unadjusted));
                if let Some(warning) = card.warning {
                    ui.label(RichText::new("Not unique").small().color(theme::warning()))
                        .on_hover_text(warning);
                }
            });
        });
}
