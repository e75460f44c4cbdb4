//! How numbers, points and rectangles are written into SVG attributes: at
//! most two decimals, so the bytes are short and stable across platforms.

use crate::geometry::{Point, Rect};
use crate::palette::Rgb;

/// A number for SVG: at most two decimals, no trailing zeros, no "-0".
pub(crate) fn n(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let rounded = (v * 100.0).round() / 100.0;
    if rounded == 0.0 {
        return "0".into();
    }
    let s = format!("{rounded:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// The `points` attribute of a polygon or polyline.
pub(super) fn points_attr(points: &[Point]) -> String {
    let parts: Vec<String> = points
        .iter()
        .map(|q| format!("{},{}", n(q.x), n(q.y)))
        .collect();
    parts.join(" ")
}

/// The `x`, `y`, `width` and `height` attributes of a rectangle (an empty
/// one has no size).
pub(super) fn rect_attrs(r: &Rect) -> String {
    format!(
        r#"x="{}" y="{}" width="{}" height="{}""#,
        n(r.min.x),
        n(r.min.y),
        n(r.w().max(0.0)),
        n(r.h().max(0.0))
    )
}

/// The id of the hatch pattern drawn in a darker shade of `fill` (one per
/// fill of a legacy service in the picture).
pub(super) fn hatch_id(fill: Rgb) -> String {
    format!("hatch-{:02x}{:02x}{:02x}", fill.0, fill.1, fill.2)
}

/// An SVG document without its XML declaration, to stand inside HTML or
/// another SVG document.
pub(crate) fn without_prolog(svg: &str) -> &str {
    match svg.strip_prefix("<?xml") {
        Some(rest) => rest
            .find("?>")
            .map_or(svg, |end| rest[end + 2..].trim_start()),
        None => svg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(2.345_6), "2.35");
        assert_eq!(n(-12.5), "-12.5");
        assert_eq!(n(f64::NAN), "0");
    }
}
