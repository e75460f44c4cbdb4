//! Every colour the UI uses comes from here, for the dark and the light theme.

use egui::Color32;

use crate::analysis::Severity;
use crate::model::Color;

/// Colours of one visual theme.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Whether this is the dark theme.
    pub dark: bool,
    /// Canvas background.
    pub canvas: Color32,
    /// Faint grid dots on the canvas.
    pub grid: Color32,
    /// Node outlines and link lines.
    pub ink: Color32,
    /// Secondary text.
    pub muted: Color32,
    /// Fill of services without an owner.
    pub unowned: Color32,
    /// Selection outline and box.
    pub selection: Color32,
    /// Halo and badge colours per severity: error, warning, info.
    pub severity: [Color32; 3],
    /// Compare overlay: added elements.
    pub added: Color32,
    /// Compare overlay: removed elements.
    pub removed: Color32,
    /// Compare overlay: changed elements.
    pub changed: Color32,
}

impl Theme {
    /// The theme matching egui's current dark or light mode.
    pub fn for_ctx(ctx: &egui::Context) -> Theme {
        if ctx.global_style().visuals.dark_mode {
            Theme::DARK
        } else {
            Theme::LIGHT
        }
    }

    /// Dark theme.
    pub const DARK: Theme = Theme {
        dark: true,
        canvas: Color32::from_rgb(0x1e, 0x21, 0x26),
        grid: Color32::from_rgb(0x2c, 0x30, 0x37),
        ink: Color32::from_rgb(0xc8, 0xcc, 0xd2),
        muted: Color32::from_rgb(0x8b, 0x91, 0x9a),
        unowned: Color32::from_rgb(0x6b, 0x70, 0x78),
        selection: Color32::from_rgb(0x4d, 0xa3, 0xff),
        severity: [
            Color32::from_rgb(0xff, 0x4d, 0x4f),
            Color32::from_rgb(0xff, 0xa9, 0x2e),
            Color32::from_rgb(0x4d, 0xa3, 0xff),
        ],
        added: Color32::from_rgb(0x3d, 0xd6, 0x8c),
        removed: Color32::from_rgb(0xff, 0x4d, 0x4f),
        changed: Color32::from_rgb(0xff, 0xc1, 0x07),
    };

    /// Light theme.
    pub const LIGHT: Theme = Theme {
        dark: false,
        canvas: Color32::from_rgb(0xfa, 0xfa, 0xf7),
        grid: Color32::from_rgb(0xe4, 0xe4, 0xde),
        ink: Color32::from_rgb(0x3a, 0x3f, 0x47),
        muted: Color32::from_rgb(0x70, 0x75, 0x7d),
        unowned: Color32::from_rgb(0xc4, 0xc6, 0xca),
        selection: Color32::from_rgb(0x17, 0x6f, 0xe0),
        severity: [
            Color32::from_rgb(0xd9, 0x1f, 0x26),
            Color32::from_rgb(0xe0, 0x7b, 0x00),
            Color32::from_rgb(0x17, 0x6f, 0xe0),
        ],
        added: Color32::from_rgb(0x1e, 0x9e, 0x5a),
        removed: Color32::from_rgb(0xd9, 0x1f, 0x26),
        changed: Color32::from_rgb(0xc7, 0x8a, 0x00),
    };

    /// The colour of a severity.
    pub fn severity(&self, s: Severity) -> Color32 {
        self.severity[s as usize]
    }

    /// A colour for greyed-out (allowed) findings.
    pub fn allowed(&self) -> Color32 {
        self.muted
    }
}

/// Stream line colours for streams without their own colour.
pub const STREAM_PALETTE: [Color32; 8] = {
    let p = crate::palette::STREAM_PALETTE;
    let mut out = [Color32::BLACK; 8];
    let mut i = 0;
    while i < 8 {
        out[i] = Color32::from_rgb(p[i].0, p[i].1, p[i].2);
        i += 1;
    }
    out
};

/// A team's fill in `map`: its own colour, or its shade of its type's
/// family ([`crate::palette::TeamColors`]; build that once to colour many).
pub fn team_fill(map: &crate::model::Map, team: &crate::model::Team) -> Color32 {
    rgb(crate::palette::team_color(map, team))
}

/// A palette colour as an egui colour.
pub fn rgb((r, g, b): crate::palette::Rgb) -> Color32 {
    Color32::from_rgb(r, g, b)
}

/// A model colour as an egui colour.
pub fn color32(c: Color) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// An egui colour as a model colour.
pub fn model_color(c: Color32) -> Color {
    Color {
        r: c.r(),
        g: c.g(),
        b: c.b(),
    }
}

/// A small filled dot in a colour (egui's default fonts have no "●").
pub fn dot_ui(ui: &mut egui::Ui, color: Color32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 4.0, color);
    response
}
