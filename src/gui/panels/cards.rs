//! The figure cards: NPV, ROI, payback, IRR, total benefits and total
//! costs of the risk-adjusted view, each with the unadjusted figure beside
//! it, and the warning when the IRR is not unique.

use egui::{Frame, Margin, RichText, Ui};
use rust_decimal::Decimal;

use crate::format;
use crate::model::Figures;

use crate::gui::document::Document;
use crate::gui::theme;
use crate::gui::widgets::describe;

/// Width of one card, in points.
const CARD_WIDTH: f32 = 176.0;

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

/// Shows the cards of the active document.
pub fn show(ui: &mut Ui, doc: &Document) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = egui::vec2(theme::space(2.0), theme::space(2.0));
        for card in cards(doc) {
            card_ui(ui, &card);
        }
    });
}

fn card_ui(ui: &mut Ui, card: &Card) {
    let fill = ui.visuals().faint_bg_color;
    let stroke = ui.visuals().widgets.noninteractive.bg_stroke;
    Frame::new()
        .fill(fill)
        .stroke(stroke)
        .corner_radius(theme::card_radius())
        .inner_margin(Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(CARD_WIDTH);
            ui.vertical(|ui| {
                ui.label(RichText::new(card.title).small().strong())
                    .on_hover_text("Risk-adjusted view (benefits written down by their risk, costs raised by theirs).");
                let mut text = RichText::new(&card.adjusted).size(18.0).strong();
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
                            .small()
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
