//! Analysts outside the English-speaking world: names in other scripts
//! drawn with real glyphs, the display style of numbers (View menu) and
//! typed numbers in the chosen convention, the CSV dialect of exports; all
//! kept between runs.

use egui::FontId;
use egui_kittest::kittest::Queryable;
use envroi::format::style::{CurrencyStyle, Grouping, MonthNames, Style, with_style};
use envroi::gui::command::Command;
use envroi::io::csv_out::CsvDialect;

use super::common::{baseline, shipped, temp_dir, write_file};
use super::{ENVIRONMENTS, app, type_into};

const JAPANESE: &str = "東京銀行 テスト環境管理";

/// A scenario file named in Japanese, with a custom line named in Korean.
fn japanese_file(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(shipped("baseline"))
        .unwrap()
        .replacen("Composite bank: TEM + TDM", JAPANESE, 1)
        .replacen("Fewer release delays", "출시 지연 감소", 1);
    write_file(dir, "tokyo.ron", &text)
}

/// CI installs a CJK font (fonts-wqy-microhei, `.ci/run`); elsewhere,
/// install one to run this test (README, "Fonts").
#[test]
fn a_japanese_name_is_laid_out_with_real_glyphs_from_a_system_font() {
    let dir = temp_dir();
    let mut harness = app(vec![japanese_file(dir.path())]);
    harness.run();
    // Laid out by the app (the scenario chip) before anything here asks.
    harness.get_by_label(JAPANESE);
    let discovered: Vec<String> = harness.ctx.fonts(|f| {
        f.discovered_fonts()
            .iter()
            .map(|i| i.name.clone())
            .collect()
    });
    assert!(
        discovered.iter().any(|name| name.starts_with("system:")),
        "the app's own layout found system fonts for the name: {discovered:?} (install a CJK font, e.g. fonts-wqy-microhei)"
    );
    let font = FontId::proportional(14.0);
    for text in [
        JAPANESE,
        "출시 지연 감소",
        "Банк Ελληνική",
        "بنك القاهرة",
        "בנק תל אביב",
    ] {
        let covered = harness.ctx.fonts_mut(|f| f.has_glyphs(&font, text));
        assert!(covered, "{text} has a glyph for every character");
    }
}

#[test]
fn the_display_style_changes_the_figures_and_is_kept_between_runs() {
    let mut harness = app(Vec::new());
    let doc = harness.state().workspace().docs[0].id;
    let german = Style {
        grouping: Grouping::Dot,
        currency: CurrencyStyle::SymbolAfter,
        months: MonthNames::German,
        minor_units: true,
    };
    harness.state_mut().push(Command::SetDisplayStyle(german));
    harness
        .state_mut()
        .push(Command::SetCsvDialect(CsvDialect::ExcelSemicolon));
    harness.run();
    let s = baseline();
    let npv = envroi::model::compute(&s).adjusted.figures.npv;
    let card = with_style(german, || envroi::format::money_whole(&s.currency, npv));
    // `$` alone is shared by many dollars: USD shows as US$.
    assert!(card.ends_with("\u{a0}US$") && card.contains('.'), "{card}");
    harness.get_by_label(&format!("NPV, risk-adjusted: {card}"));
    let kept = harness.state().persisted();
    assert_eq!(kept.display, german);
    assert_eq!(kept.csv_dialect, CsvDialect::ExcelSemicolon);
    // Typed in the chosen convention, exactly; ambiguous text refused.
    type_into(&mut harness, ENVIRONMENTS, "1.234");
    harness.get_by_label_contains("is ambiguous");
    let before = baseline();
    assert_eq!(harness.state().workspace().docs[0].scenario(), &before);
    type_into(&mut harness, "TEM licences: reduction", "12,5");
    let reduction = harness.state().workspace().doc(doc).unwrap().scenario();
    assert_eq!(
        reduction.benefits.tem_licences.reduction,
        rust_decimal::Decimal::new(125, 3)
    );
}
