//! Maps the design tokens of `crate::tokens` onto egui: colours for the
//! light and dark themes, the scenario series colours and the spacing. No
//! other file of the app names a colour; they all ask this one.

use egui::{Color32, CornerRadius, Stroke, Visuals};

use crate::tokens::{self, Rgb};

use super::state::Theme;

/// A token colour as an egui colour.
#[must_use]
pub fn colour(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// The colour of the `index`-th scenario of the workspace.
#[must_use]
pub fn series(index: usize) -> Color32 {
    colour(tokens::series(index))
}

/// Gains: benefits, a positive NPV.
#[must_use]
pub fn positive() -> Color32 {
    colour(tokens::POSITIVE)
}

/// Losses: costs, a negative NPV, errors.
#[must_use]
pub fn negative() -> Color32 {
    colour(tokens::NEGATIVE)
}

/// Warnings: unsaved changes, an IRR that is not unique.
#[must_use]
pub fn warning() -> Color32 {
    colour(tokens::WARNING)
}

/// Colour of a benefit line by its programme.
#[must_use]
pub fn programme(programme: crate::model::ProgrammeRef) -> Color32 {
    use crate::model::ProgrammeRef;
    match programme {
        ProgrammeRef::Tem => colour(tokens::TEM),
        ProgrammeRef::Tdm => colour(tokens::TDM),
        ProgrammeRef::None => colour(tokens::NEUTRAL),
    }
}

/// The zero line of charts.
#[must_use]
pub fn zero_line(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(200)
    } else {
        colour(tokens::CHART_ZERO)
    }
}

/// The `n`-th multiple of the spacing unit, in points.
#[must_use]
pub fn space(n: f32) -> f32 {
    tokens::SPACE * n
}

/// Corner radius of cards.
#[must_use]
pub fn card_radius() -> CornerRadius {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "the token is a small positive number of points"
    )]
    let radius = tokens::CARD_RADIUS.round().clamp(0.0, 255.0) as u8;
    CornerRadius::same(radius)
}

/// Width of the inputs panel, in points.
#[must_use]
pub fn input_panel_width() -> f32 {
    tokens::INPUT_PANEL_WIDTH
}

/// The stroke that marks a field holding an invalid value.
#[must_use]
pub fn error_stroke() -> Stroke {
    Stroke::new(1.5, negative())
}

/// The egui visuals of `theme`, with the token colours for selections,
/// hyperlinks, warnings and errors.
fn visuals(theme: Theme) -> Visuals {
    let mut visuals = match theme {
        Theme::Light => Visuals::light(),
        Theme::Dark => Visuals::dark(),
    };
    let accent = colour(tokens::SERIES[0]);
    visuals.selection.bg_fill = accent.gamma_multiply(0.35);
    visuals.selection.stroke = Stroke::new(1.0, accent);
    visuals.hyperlink_color = accent;
    visuals.warn_fg_color = warning();
    visuals.error_fg_color = negative();
    visuals
}

/// Applies `theme` to the whole context: the visuals of both themes, the
/// token spacing, and the chosen theme.
pub fn apply(ctx: &egui::Context, theme: Theme) {
    ctx.set_visuals_of(egui::Theme::Light, visuals(Theme::Light));
    ctx.set_visuals_of(egui::Theme::Dark, visuals(Theme::Dark));
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(space(2.0), space(1.5));
        style.spacing.button_padding = egui::vec2(space(1.5), space(0.75));
    });
    ctx.set_theme(match theme {
        Theme::Light => egui::Theme::Light,
        Theme::Dark => egui::Theme::Dark,
    });
}

/// Adds the system's fonts as a fallback for characters egui's own fonts
/// lack (Japanese, Chinese, Korean; Arabic and Hebrew letters), through
/// `egui_system_font_provider`. Lazily: egui asks a provider only when it
/// lays out a character no installed font has, and only then are the
/// system's fonts enumerated (on a thread of their own; that first lookup
/// waits for it). Text the default fonts cover never starts it. Which font
/// serves a script is the system's fallback choice (fontconfig's on Linux;
/// for Han characters the locale's CJK font first, then the other CJK
/// locales').
pub fn add_system_font_fallback(ctx: &egui::Context) {
    ctx.add_font_provider(std::sync::Arc::new(LazySystemFonts::default()));
}

/// The system font provider, made on the first character that needs it.
#[derive(Default)]
struct LazySystemFonts(std::sync::OnceLock<egui_system_font_provider::SystemFontProvider>);

impl egui::FontProvider for LazySystemFonts {
    fn font_for(&self, request: &egui::FallbackRequest<'_>) -> Option<egui::FontInsert> {
        self.0
            .get_or_init(egui_system_font_provider::SystemFontProvider::new)
            .font_for(request)
    }
}
