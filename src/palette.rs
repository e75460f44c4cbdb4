//! The colour palette, free of any GUI type: team colours by Team Topologies
//! type, the stream line colours and the light theme's colours, as plain
//! `(r, g, b)` triples.
//!
//! The exporters draw with these so that an exported picture looks like the
//! canvas in its light theme; the values are the same as the editor's theme.

use crate::analysis::Severity;
use crate::model::{Color, Map, ServiceKind, Stream, Team, TeamType};

/// An opaque colour: red, green and blue, 0–255 each.
pub type Rgb = (u8, u8, u8);

/// Team Topologies' palette: the default fill of a team by its type.
pub fn team_type_color(t: TeamType) -> Rgb {
    match t {
        TeamType::StreamAligned => (0xff, 0xd9, 0x66),
        TeamType::Platform => (0x8f, 0xc3, 0xe8),
        TeamType::Enabling => (0xc3, 0xa6, 0xdb),
        TeamType::ComplicatedSubsystem => (0xf4, 0xa2, 0x61),
    }
}

/// A team's fill: its own colour, or the default of its type.
pub fn team_color(team: &Team) -> Rgb {
    team.color
        .map_or_else(|| team_type_color(team.team_type), rgb)
}

/// Stream line colours for streams without their own colour, used in turn
/// by the stream's position in the map.
pub const STREAM_PALETTE: [Rgb; 8] = [
    (0xe1, 0x57, 0x59),
    (0x4e, 0x79, 0xa7),
    (0x59, 0xa1, 0x4f),
    (0xb0, 0x7a, 0xa1),
    (0xf2, 0x8e, 0x2b),
    (0x76, 0xb7, 0xb2),
    (0x9c, 0x75, 0x5f),
    (0xed, 0xc9, 0x48),
];

/// The line colour of the stream at position `index` of `map.streams`: its
/// own colour, or the palette's colour for that position.
pub fn stream_color(index: usize, stream: &Stream) -> Rgb {
    stream
        .color
        .map_or(STREAM_PALETTE[index % STREAM_PALETTE.len()], rgb)
}

/// The fill of a service owned by `owner` (a team id): the team's colour, or
/// [`LIGHT_UNOWNED`] when there is no such team.
pub fn owner_color(map: &Map, owner: Option<&crate::model::Id>) -> Rgb {
    owner
        .and_then(|t| map.team(t.as_str()))
        .map_or(LIGHT_UNOWNED, team_color)
}

/// Light theme: canvas background.
pub const LIGHT_CANVAS: Rgb = (0xfa, 0xfa, 0xf7);
/// Light theme: node outlines and link lines.
pub const LIGHT_INK: Rgb = (0x3a, 0x3f, 0x47);
/// Light theme: secondary text.
pub const LIGHT_MUTED: Rgb = (0x70, 0x75, 0x7d);
/// Light theme: fill of services without an owner.
pub const LIGHT_UNOWNED: Rgb = (0xc4, 0xc6, 0xca);
/// Light theme: halo and badge colours per severity: error, warning, info.
pub const LIGHT_SEVERITY: [Rgb; 3] = [(0xd9, 0x1f, 0x26), (0xe0, 0x7b, 0x00), (0x17, 0x6f, 0xe0)];

/// The light theme's colour of a severity.
pub fn severity_color(s: Severity) -> Rgb {
    LIGHT_SEVERITY[s as usize]
}

/// A model colour as a triple.
pub fn rgb(c: Color) -> Rgb {
    (c.r, c.g, c.b)
}

/// `#rrggbb`, lowercase.
pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Near-black or near-white, whichever reads better on `fill` (by perceived
/// luminance); the same rule as the canvas' labels.
pub fn text_color_on(fill: Rgb) -> Rgb {
    let luminance =
        (0.299 * f32::from(fill.0) + 0.587 * f32::from(fill.1) + 0.114 * f32::from(fill.2)) / 255.0;
    if luminance > 0.55 {
        (20, 20, 20)
    } else {
        (245, 245, 245)
    }
}

/// `c` moved towards white by `t` (0 keeps it, 1 gives white).
pub fn lighten(c: Rgb, t: f32) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    let f = |v: u8| {
        let v = f32::from(v);
        (v + (255.0 - v) * t).round() as u8
    };
    (f(c.0), f(c.1), f(c.2))
}

/// `c` moved towards black by `t` (0 keeps it, 1 gives black).
pub fn darken(c: Rgb, t: f32) -> Rgb {
    let k = (1.0 - t).clamp(0.0, 1.0);
    let f = |v: u8| (f32::from(v) * k).round() as u8;
    (f(c.0), f(c.1), f(c.2))
}

/// How the body of a service is filled: a colour and its opacity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BodyFill {
    /// The colour.
    pub color: Rgb,
    /// Its opacity, 0–1.
    pub opacity: f32,
}

/// The fill of the body of a service of `kind` whose team colour is `fill`:
/// the same, except a lighter, translucent one for external systems, which
/// the team does not build.
///
/// Pick the label colour with `text_color_on(body_fill(kind, fill).color)`.
pub fn body_fill(kind: ServiceKind, fill: Rgb) -> BodyFill {
    match kind {
        ServiceKind::External => BodyFill {
            color: lighten(fill, 0.55),
            opacity: 0.8,
        },
        _ => BodyFill {
            color: fill,
            opacity: 1.0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_lowercase_and_padded() {
        assert_eq!(hex((0x0a, 0xff, 0x00)), "#0aff00");
    }

    #[test]
    fn light_and_dark_variants_move_the_right_way() {
        assert_eq!(lighten((0, 100, 255), 1.0), (255, 255, 255));
        assert_eq!(lighten((0, 100, 255), 0.0), (0, 100, 255));
        assert_eq!(darken((200, 100, 0), 0.5), (100, 50, 0));
        assert_eq!(text_color_on((255, 255, 255)), (20, 20, 20));
        assert_eq!(text_color_on((20, 40, 120)), (245, 245, 245));
    }

    #[test]
    fn external_fill_is_lighter_and_translucent() {
        let fill = (20, 40, 120);
        let own = body_fill(ServiceKind::Service, fill);
        assert_eq!((own.color, own.opacity), (fill, 1.0));
        let light = body_fill(ServiceKind::External, fill);
        assert!(light.opacity < 1.0);
        let (r, g, b) = light.color;
        assert!(r > 20 && g > 40 && b > 120);
        assert_eq!(text_color_on(light.color), (20, 20, 20));
    }

    #[test]
    fn text_contrast() {
        assert_eq!(text_color_on((0, 0, 0)), (245, 245, 245));
        assert_eq!(text_color_on((255, 220, 0)), (20, 20, 20));
    }

    #[test]
    fn stream_colours_cycle_through_the_palette() {
        let stream = Stream {
            id: crate::model::Id::new("s").unwrap(),
            name: "S".into(),
            owner: None,
            customer: String::new(),
            description: String::new(),
            color: None,
            steps: Vec::new(),
        };
        assert_eq!(stream_color(9, &stream), STREAM_PALETTE[1]);
        let own = Stream {
            color: Some(Color { r: 1, g: 2, b: 3 }),
            ..stream
        };
        assert_eq!(stream_color(0, &own), (1, 2, 3));
    }
}
