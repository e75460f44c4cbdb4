//! The fonts the app draws with: egui's own, and after them the symbols
//! they lack (arrows, box drawing, check marks and shapes), cut from DejaVu
//! Sans (`assets/fonts`, its licence beside it). Without them "before →
//! after" and the revert button's "↶" drew as empty boxes. Every context
//! the app draws in gets them: the window's, and the one an export renders
//! off screen.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// The name the symbols are known by among the font definitions.
const SYMBOLS: &str = "dejavu-sans-symbols";

/// egui's fonts with the symbols as the last fallback of both families.
pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        SYMBOLS.to_owned(),
        Arc::new(FontData::from_static(include_bytes!(
            "../../assets/fonts/DejaVuSans-symbols.ttf"
        ))),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(SYMBOLS.to_owned());
    }
    fonts
}

/// Gives `ctx` the app's fonts (from its next frame on).
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_symbols_the_app_writes_have_glyphs() {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        let mut output = ctx.run_ui(Default::default(), |_| {});
        output.textures_delta.clear();
        // (Proportional only: in the monospace family the symbols are the
        // face egui draws missing glyphs with, which `has_glyph` reports as
        // missing though it draws them.)
        let font = egui::FontId::proportional(14.0);
        for c in ['→', '↶', '─', '●', '✓', '▸', '•', '…', '—', '×'] {
            assert!(
                ctx.fonts_mut(|f| f.has_glyph(&font, c)),
                "{c} U+{:04X}",
                c as u32
            );
        }
    }
}
