//! One page of the deck, drawn as an SVG document in points: text (wrapped
//! by the same width estimate the pictures use), rules, severity dots, and
//! the map's pictures placed in boxes. [`super::writer`] turns each sheet
//! into a PDF page with svg2pdf, so the deck keeps the pictures' geometry
//! and its text stays selectable.

use std::fmt::Write as _;

use crate::export::svg::{FONT, esc, n, without_prolog};
use crate::palette::{self, Rgb, hex};
use crate::text::{text_width, wrap_text};

/// The family every sheet's text is set in; the writer maps it to the
/// embedded typeface.
pub(super) const FAMILY: &str = "sans-serif";

/// A page being drawn.
pub(super) struct Sheet {
    /// Width in points.
    pub(super) w: f64,
    /// Height in points.
    pub(super) h: f64,
    body: String,
}

/// How a line of text is set.
#[derive(Clone, Copy)]
pub(super) struct Font {
    /// Size in points.
    pub(super) size: f64,
    /// Bold.
    pub(super) bold: bool,
    /// Colour.
    pub(super) color: Rgb,
}

impl Font {
    /// Body text in ink.
    pub(super) fn body(size: f64) -> Font {
        Font {
            size,
            bold: false,
            color: palette::LIGHT_INK,
        }
    }

    /// Bold text in ink.
    pub(super) fn bold(size: f64) -> Font {
        Font {
            bold: true,
            ..Font::body(size)
        }
    }

    /// Secondary text.
    pub(super) fn muted(size: f64) -> Font {
        Font {
            color: palette::LIGHT_MUTED,
            ..Font::body(size)
        }
    }

    /// This font in another colour.
    pub(super) fn in_color(self, color: Rgb) -> Font {
        Font { color, ..self }
    }
}

impl Sheet {
    /// An empty page of `w` × `h` points on the canvas' background.
    pub(super) fn new(w: f64, h: f64) -> Sheet {
        let mut body = String::new();
        let _ = writeln!(
            body,
            r#"<rect x="0" y="0" width="{}" height="{}" fill="{}"/>"#,
            n(w),
            n(h),
            hex(palette::LIGHT_CANVAS)
        );
        Sheet { w, h, body }
    }

    /// One line of `text` with its baseline at `y`, cut with "…" to `max_w`.
    pub(super) fn line(&mut self, x: f64, y: f64, max_w: f64, font: Font, text: &str) {
        let text = crate::text::elide_to_width(&in_typeface(text), max_w, font.size);
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" font-size="{}"{} fill="{}">{}</text>"#,
            n(x),
            n(y),
            n(font.size),
            if font.bold {
                r#" font-weight="bold""#
            } else {
                ""
            },
            hex(font.color),
            esc(&text)
        );
    }

    /// `text` wrapped to `width` in at most `max_lines` lines, the first
    /// baseline at `y`; returns the baseline after the last line.
    pub(super) fn para(
        &mut self,
        x: f64,
        y: f64,
        width: f64,
        font: Font,
        max_lines: usize,
        text: &str,
    ) -> f64 {
        let lead = font.size * 1.3;
        let mut y = y;
        for line in wrap_text(text, width, font.size, max_lines).lines {
            self.line(x, y, width, font, &line);
            y += lead;
        }
        y
    }

    /// How many lines [`Sheet::para`] takes for `text`.
    pub(super) fn lines_of(width: f64, font: Font, max_lines: usize, text: &str) -> usize {
        wrap_text(text, width, font.size, max_lines).lines.len()
    }

    /// A term and its value on one row, the value starting at `x + tab`.
    pub(super) fn row(&mut self, x: f64, y: f64, tab: f64, width: f64, term: &str, value: &str) {
        self.line(x, y, tab - 6.0, Font::muted(10.5), term);
        self.line(x + tab, y, width - tab, Font::body(10.5), value);
    }

    /// A filled dot, for a finding's severity or a change's tone.
    pub(super) fn dot(&mut self, x: f64, y: f64, r: f64, color: Rgb) {
        let _ = writeln!(
            self.body,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{}"/>"#,
            n(x),
            n(y),
            n(r),
            hex(color)
        );
    }

    /// A thin horizontal rule.
    pub(super) fn rule(&mut self, x: f64, y: f64, w: f64) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="0.6" fill="{}"/>"#,
            n(x),
            n(y),
            n(w),
            hex(palette::LIGHT_UNOWNED)
        );
    }

    /// A picture (an SVG document `pw` × `ph` from the SVG export) fitted
    /// into the box at (`x`, `y`) of `w` × `h`, centred, framed.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn picture(&mut self, svg: &str, pw: f64, ph: f64, x: f64, y: f64, w: f64, h: f64) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{}" stroke-width="0.6"/>"#,
            n(x),
            n(y),
            n(w),
            n(h),
            hex(palette::LIGHT_UNOWNED)
        );
        // A nested viewport: the picture keeps its own coordinates and is
        // scaled to fit (`meet`) in the box.
        let _ = writeln!(
            self.body,
            r#"<svg x="{}" y="{}" width="{}" height="{}" viewBox="0 0 {} {}" preserveAspectRatio="xMidYMid meet">"#,
            n(x + 2.0),
            n(y + 2.0),
            n(w - 4.0),
            n(h - 4.0),
            n(pw),
            n(ph)
        );
        self.body.push_str(&nested(svg));
        let _ = writeln!(self.body, "</svg>");
    }

    /// The page as an SVG document.
    pub(super) fn finish(self) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FAMILY}\">\n{}</svg>\n",
            self.body,
            w = n(self.w),
            h = n(self.h),
        )
    }
}

/// `text` with the arrows the deck's own wording uses written as the
/// typeface has them: Ubuntu Light has no arrows, and a text run with a
/// character its face lacks is set wholly in a fallback face.
fn in_typeface(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['→', '←', '▸']) {
        text.replace('→', "->")
            .replace('←', "<-")
            .replace('▸', ">")
            .into()
    } else {
        text.into()
    }
}

/// The width of `text` in `font`, by the pictures' estimate.
pub(super) fn width_of(text: &str, font: Font) -> f64 {
    text_width(text, font.size)
}

/// An SVG document without its XML declaration, to nest in another, and
/// with its font family left to the sheet's.
fn nested(svg: &str) -> String {
    // The attribute is the exporter's own, written once on the root; user
    // text cannot contain it, as quotes in user text are escaped.
    without_prolog(svg).replacen(&format!(r#" font-family="{FONT}""#), "", 1)
}
