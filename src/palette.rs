//! The colour palette, free of any GUI type: team colours by Team Topologies
//! type, the stream line colours and the light theme's colours, as plain
//! `(r, g, b)` triples.
//!
//! A team without a colour of its own gets a shade of its type's hue family
//! ([`TeamColors`]): the shade its id hashes to, or the next one free among
//! the map's teams of that type, so that every team of an imported catalog
//! is told apart and a team keeps its shade from one run to the next.
//!
//! The exporters draw with these so that an exported picture looks like the
//! canvas in its light theme; the values are the same as the editor's theme.

use crate::analysis::Severity;
use crate::model::{Color, Id, Map, ServiceKind, Stream, Team, TeamType};

/// An opaque colour: red, green and blue, 0–255 each.
pub type Rgb = (u8, u8, u8);

/// Shades of each Team Topologies type's hue family, for teams without a
/// colour: the first is the type's own colour (Team Topologies' palette).
///
/// Picked once in OKLab (farthest-point sampling of the type's hue range,
/// light enough that near-black text reads on every one and dark enough to
/// stand out from the canvas) and kept as data, so that the picture is the
/// same bytes on every machine. The tests check what the choice promises.
const TEAM_SHADES: [[Rgb; SHADES]; 4] = [
    // stream-aligned
    [
        (0xff, 0xd9, 0x66),
        (0xaf, 0x96, 0x70),
        (0xa8, 0xbf, 0x0b),
        (0xbb, 0xc5, 0x9a),
        (0xef, 0xa8, 0x10),
        (0xce, 0xea, 0x08),
        (0xda, 0xe4, 0xb7),
        (0xbc, 0xa0, 0x1b),
        (0xc3, 0xd6, 0x6b),
        (0xed, 0xbf, 0x76),
        (0xce, 0xa9, 0x6c),
        (0xec, 0xc4, 0x01),
        (0xa6, 0xb6, 0x67),
        (0xd6, 0xeb, 0x7a),
        (0xcc, 0xb9, 0x3e),
        (0xba, 0xd3, 0x06),
        (0xfa, 0xd2, 0x95),
        (0xf2, 0xdc, 0x03),
        (0x98, 0xa4, 0x67),
        (0xd5, 0xd2, 0x90),
        (0x9a, 0xad, 0x33),
        (0xc4, 0x95, 0x48),
        (0xdb, 0x9a, 0x0d),
        (0xb6, 0xc6, 0x72),
    ],
    // platform
    [
        (0x8f, 0xc3, 0xe8),
        (0x6d, 0x9d, 0xfd),
        (0x8d, 0xf0, 0xfe),
        (0x71, 0xa9, 0xb1),
        (0x07, 0xdd, 0xf2),
        (0x33, 0xbb, 0xfc),
        (0xc0, 0xd5, 0xfd),
        (0x8c, 0xa6, 0xd9),
        (0x46, 0xc3, 0xd3),
        (0x8f, 0xd9, 0xe3),
        (0x84, 0xb4, 0xff),
        (0x5c, 0xb0, 0xd8),
        (0x54, 0xcd, 0xfc),
        (0x83, 0xb8, 0xc8),
        (0x98, 0xd4, 0xfe),
        (0x76, 0xcc, 0xd8),
        (0x58, 0xe9, 0xff),
        (0xb5, 0xe6, 0xfe),
        (0x67, 0xab, 0xf2),
        (0x9f, 0xb3, 0xda),
        (0x7f, 0x9f, 0xbf),
        (0xb1, 0xc6, 0xee),
        (0x6a, 0xbd, 0xec),
        (0x78, 0x9c, 0xe1),
    ],
    // enabling
    [
        (0xc3, 0xa6, 0xdb),
        (0xfd, 0x57, 0xed),
        (0xfa, 0xcf, 0xf0),
        (0xb4, 0x7a, 0xfd),
        (0xfe, 0x96, 0xfb),
        (0xc8, 0x7b, 0xba),
        (0x90, 0x92, 0xd6),
        (0xc4, 0xc7, 0xfd),
        (0xdf, 0x7d, 0xe8),
        (0xf0, 0xaf, 0xe2),
        (0xb2, 0x99, 0xfe),
        (0xb3, 0x94, 0xb5),
        (0xe6, 0x94, 0xd6),
        (0xd5, 0x67, 0xfe),
        (0xd8, 0xa4, 0xff),
        (0x91, 0x8a, 0xfd),
        (0xb3, 0x86, 0xdb),
        (0xfd, 0x79, 0xfb),
        (0xb1, 0xb4, 0xfe),
        (0xa0, 0xa3, 0xd3),
        (0xfe, 0xbe, 0xff),
        (0xeb, 0x65, 0xd6),
        (0xc7, 0x91, 0xcf),
        (0xd1, 0xb8, 0xde),
    ],
    // complicated-subsystem
    [
        (0xf4, 0xa2, 0x61),
        (0xfe, 0xd5, 0xb8),
        (0xbc, 0x8c, 0x85),
        (0xfb, 0x73, 0x65),
        (0xe7, 0xb4, 0xad),
        (0xd5, 0x8b, 0x44),
        (0xca, 0xa6, 0x87),
        (0xfe, 0x82, 0x1e),
        (0xfe, 0xbd, 0x84),
        (0xeb, 0x92, 0x87),
        (0xda, 0x81, 0x6d),
        (0xff, 0xa2, 0x8f),
        (0xe2, 0xb1, 0x87),
        (0xfe, 0xc0, 0xaf),
        (0xfe, 0x8b, 0x63),
        (0xdf, 0x98, 0x6a),
        (0xc2, 0x96, 0x6f),
        (0xfd, 0x96, 0x1b),
        (0xed, 0x7f, 0x4d),
        (0xd0, 0x97, 0x8f),
        (0xe1, 0xa5, 0x96),
        (0xe6, 0xc1, 0xa1),
        (0xea, 0x8d, 0x26),
        (0xf8, 0xb3, 0x96),
    ],
];

/// Shades per type: teams of one type told apart.
pub const SHADES: usize = 24;

/// The row of [`TEAM_SHADES`] of a team type.
fn family(t: TeamType) -> usize {
    match t {
        TeamType::StreamAligned => 0,
        TeamType::Platform => 1,
        TeamType::Enabling => 2,
        TeamType::ComplicatedSubsystem => 3,
    }
}

/// The shades of a team type's hue family.
fn shades(t: TeamType) -> &'static [Rgb; SHADES] {
    &TEAM_SHADES[family(t)]
}

/// Team Topologies' palette: the colour of a type, in the legend and
/// wherever a type stands for its teams.
pub fn team_type_color(t: TeamType) -> Rgb {
    shades(t)[0]
}

/// A hash of a team id that is the same on every machine and in every
/// version (FNV-1a; the standard library's hasher promises neither).
fn id_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The fill of every team of a map.
///
/// A team with a colour keeps it. The others of each type are taken in id
/// order; each gets the shade its id hashes to, or the next one no team
/// before it took, so that up to [`SHADES`] teams of a type all differ. A
/// team's shade depends on its id, not on its place in the file; only a
/// team whose id hashes to the same shade can move it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TeamColors {
    by_id: std::collections::HashMap<Id, Rgb>,
}

impl TeamColors {
    /// The fills of `map`'s teams.
    pub fn of(map: &Map) -> TeamColors {
        let mut by_id = std::collections::HashMap::with_capacity(map.teams.len());
        let mut plain: Vec<&Team> = Vec::new();
        for t in &map.teams {
            match t.color {
                Some(c) => {
                    by_id.entry(t.id.clone()).or_insert(rgb(c));
                }
                None => plain.push(t),
            }
        }
        plain.sort_by(|a, b| a.id.cmp(&b.id));
        let mut taken = [[false; SHADES]; 4];
        for t in plain {
            if by_id.contains_key(&t.id) {
                continue;
            }
            let used = &mut taken[family(t.team_type)];
            let wanted = (id_hash(t.id.as_str()) % SHADES as u64) as usize;
            let slot = (0..SHADES)
                .map(|k| (wanted + k) % SHADES)
                .find(|&k| !used[k])
                .unwrap_or(wanted);
            used[slot] = true;
            by_id.insert(t.id.clone(), shades(t.team_type)[slot]);
        }
        TeamColors { by_id }
    }

    /// The fill of the team with id `team`, if the map has it.
    pub fn get(&self, team: &Id) -> Option<Rgb> {
        self.by_id.get(team).copied()
    }

    /// The fill of a service owned by `owner`: its team's, or
    /// [`LIGHT_UNOWNED`] when there is no such team.
    pub fn owner(&self, owner: Option<&Id>) -> Rgb {
        owner.and_then(|t| self.get(t)).unwrap_or(LIGHT_UNOWNED)
    }
}

/// A team's fill in `map` (see [`TeamColors`]; build that once to colour
/// many teams).
pub fn team_color(map: &Map, team: &Team) -> Rgb {
    TeamColors::of(map)
        .get(&team.id)
        .unwrap_or_else(|| team.color.map_or(team_type_color(team.team_type), rgb))
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

/// Colours a new stream may take once [`STREAM_PALETTE`] is used up: as
/// distinct from it and from each other, and as far from the diff marks'
/// red and green, as twenty line colours can be.
const MORE_STREAM_COLORS: [Rgb; 8] = [
    (0xff, 0x9d, 0xa7),
    (0x49, 0x98, 0x94),
    (0xd3, 0x72, 0x95),
    (0x8c, 0xd1, 0x7d),
    (0x7f, 0x6e, 0xc7),
    (0xba, 0xb0, 0xac),
    (0xd4, 0xa6, 0xc8),
    (0x3b, 0x5b, 0x92),
];

/// The colour for a stream added to `map`: the first of the palette (then
/// of the spare colours) that no stream of the map is drawn in; once all
/// are taken, the one furthest from every colour in use. Given to the new
/// stream as its own, so it keeps it when streams are reordered.
pub fn new_stream_color(map: &Map) -> Rgb {
    let used: Vec<Rgb> = map
        .streams
        .iter()
        .enumerate()
        .map(|(k, s)| stream_color(k, s))
        .collect();
    let candidates = STREAM_PALETTE.iter().chain(&MORE_STREAM_COLORS);
    if let Some(&free) = candidates.clone().find(|c| !used.contains(c)) {
        return free;
    }
    let distance = |a: Rgb, b: Rgb| {
        let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
        d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
    };
    let nearest = |c: Rgb| used.iter().map(|&u| distance(c, u)).min().unwrap_or(0);
    // The first of equals: deterministic.
    let mut best = STREAM_PALETTE[0];
    for &c in candidates {
        if nearest(c) > nearest(best) {
            best = c;
        }
    }
    best
}

/// The line colour of the stream at position `index` of `map.streams`: its
/// own colour, or the palette's colour for that position.
pub fn stream_color(index: usize, stream: &Stream) -> Rgb {
    stream
        .color
        .map_or(STREAM_PALETTE[index % STREAM_PALETTE.len()], rgb)
}

/// The fill of a service owned by `owner` (a team id): the team's colour, or
/// [`LIGHT_UNOWNED`] when there is no such team (see [`TeamColors`]; build
/// that once to colour many services).
pub fn owner_color(map: &Map, owner: Option<&Id>) -> Rgb {
    TeamColors::of(map).owner(owner)
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

    /// A team of `team_type` with id `id`, without a colour.
    fn team(id: &str, team_type: TeamType) -> Team {
        Team {
            id: crate::model::Id::new(id).unwrap(),
            name: id.to_uppercase(),
            team_type,
            members: None,
            color: None,
        }
    }

    /// A colour in OKLab, whose distances are perceived distances.
    fn oklab((r, g, b): Rgb) -> [f64; 3] {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = (lin(r), lin(g), lin(b));
        let l = (0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b).cbrt();
        let m = (0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b).cbrt();
        let s = (0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b).cbrt();
        [
            0.210_454_255_3 * l + 0.793_617_785 * m - 0.004_072_046_8 * s,
            1.977_998_495_1 * l - 2.428_592_205 * m + 0.450_593_709_9 * s,
            0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766 * s,
        ]
    }

    fn delta_e(a: Rgb, b: Rgb) -> f64 {
        let (a, b) = (oklab(a), oklab(b));
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    /// WCAG's contrast ratio of two colours.
    fn contrast(a: Rgb, b: Rgb) -> f64 {
        let y = |(r, g, b): Rgb| {
            let lin = |v: u8| {
                let v = f64::from(v) / 255.0;
                if v <= 0.04045 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
        };
        let (hi, lo) = (y(a).max(y(b)), y(a).min(y(b)));
        (hi + 0.05) / (lo + 0.05)
    }

    fn map_of(teams: Vec<Team>) -> Map {
        Map {
            teams,
            ..Map::default()
        }
    }

    #[test]
    fn twenty_four_teams_of_a_type_get_twenty_four_distinct_readable_shades() {
        for team_type in TeamType::ALL {
            let map = map_of(
                (0..SHADES)
                    .map(|k| team(&format!("team-{k}"), team_type))
                    .collect(),
            );
            let colors = TeamColors::of(&map);
            let fills: Vec<Rgb> = map
                .teams
                .iter()
                .map(|t| colors.get(&t.id).unwrap())
                .collect();
            for (i, &a) in fills.iter().enumerate() {
                for &b in &fills[i + 1..] {
                    assert!(delta_e(a, b) >= 0.035, "{team_type:?}: {a:?} {b:?}");
                }
                assert!(contrast(a, text_color_on(a)) >= 4.5, "{team_type:?}: {a:?}");
                // Apart from the canvas and from an unowned service.
                assert!(delta_e(a, LIGHT_CANVAS) >= 0.05, "{a:?}");
                assert!(delta_e(a, LIGHT_UNOWNED) >= 0.03, "{a:?}");
            }
        }
    }

    #[test]
    fn every_shade_stays_in_its_family() {
        // In hue, every shade of a type is within a family's width of its
        // type's colour and nearer to it than to any other type's colour.
        let hue = |c: Rgb| {
            let [_, a, b] = oklab(c);
            b.atan2(a).to_degrees().rem_euclid(360.0)
        };
        let apart = |a: f64, b: f64| ((a - b + 540.0).rem_euclid(360.0) - 180.0).abs();
        for t in TeamType::ALL {
            for &c in shades(t) {
                let own = apart(hue(c), hue(team_type_color(t)));
                assert!(own <= 35.0, "{t:?}: {c:?} is {own} degrees away");
                for other in TeamType::ALL.into_iter().filter(|&o| o != t) {
                    let theirs = apart(hue(c), hue(team_type_color(other)));
                    assert!(own < theirs, "{t:?}: {c:?} is nearer {other:?}");
                }
            }
        }
    }

    #[test]
    fn a_shade_depends_on_the_id_not_on_the_order() {
        let teams: Vec<Team> = ["payments", "search", "checkout", "ledger"]
            .iter()
            .map(|id| team(id, TeamType::StreamAligned))
            .collect();
        let forward = TeamColors::of(&map_of(teams.clone()));
        let mut reversed = teams.clone();
        reversed.reverse();
        let backward = TeamColors::of(&map_of(reversed));
        for t in &teams {
            assert_eq!(forward.get(&t.id), backward.get(&t.id));
        }
        // Another team joining moves none whose shade it does not want.
        let mut more = teams.clone();
        more.push(team("zz-new", TeamType::StreamAligned));
        let grown = TeamColors::of(&map_of(more));
        let wanted = (id_hash("zz-new") % SHADES as u64) as usize;
        for t in &teams {
            if forward.get(&t.id) != Some(shades(t.team_type)[wanted]) {
                assert_eq!(forward.get(&t.id), grown.get(&t.id), "{}", t.id);
            }
        }
        // The hash is fixed: the same on every machine and in every version.
        assert_eq!(id_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(id_hash("a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn a_team_colour_wins_and_unowned_is_grey() {
        let mut own = team("brand", TeamType::Platform);
        own.color = Some(Color { r: 1, g: 2, b: 3 });
        let map = map_of(vec![own.clone(), team("infra", TeamType::Platform)]);
        let colors = TeamColors::of(&map);
        assert_eq!(colors.get(&own.id), Some((1, 2, 3)));
        assert_eq!(team_color(&map, &own), (1, 2, 3));
        assert_eq!(colors.owner(None), LIGHT_UNOWNED);
        let ghost = crate::model::Id::new("ghost").unwrap();
        assert_eq!(owner_color(&map, Some(&ghost)), LIGHT_UNOWNED);
        let infra = &map.teams[1];
        assert!(shades(TeamType::Platform).contains(&team_color(&map, infra)));
    }
}
