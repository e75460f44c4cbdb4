//! One service node of the picture: its halo, its body by kind (from the
//! shared [`crate::geometry`] outlines, in the light theme), its label, the
//! no-owner mark and the finding-count badge.

use std::fmt::Write as _;

use super::attrs::{hatch_id, n, rect_attrs};
use super::badges::{badge, unowned_mark};
use super::outline::outline_element;
use super::scene::Scene;
use super::style::HALO;
use super::text::{esc, text_width};
use super::tooltips::service_tooltip;
use crate::geometry::{
    LABEL_LINE, LABEL_SIZE, Outline, Rect, corner_radius, label_area, node_box, pt, screen_parts,
};
use crate::model::{Service, ServiceKind};
use crate::palette::{self, Rgb, hex};

/// Width of a body's outline.
const STROKE_WIDTH: f64 = 1.0;

/// The node of `s`, whose box is `r`, as a `<g>` with its tooltip.
pub(super) fn service(out: &mut String, scene: &Scene<'_>, s: &Service, r: &Rect) {
    let mark = scene.marks.subject(&s.id);
    let fill = scene.fill(s);
    let _ = writeln!(
        out,
        r#"<g id="{}svc-{}" class="service {}" data-id="{}"><title>{}</title>"#,
        scene.id_prefix,
        s.id,
        s.kind.as_str(),
        s.id,
        esc(&service_tooltip(scene.map, s, mark))
    );
    if let Some(mark) = mark {
        let color = hex(palette::severity_color(mark.worst));
        let shape = outline_element(&Outline::of(s.kind, *r));
        for (width, opacity) in HALO {
            let _ = writeln!(
                out,
                r#"<{shape} fill="none" stroke="{color}" stroke-opacity="{}" stroke-width="{}" stroke-linejoin="round"/>"#,
                n(opacity),
                n(width)
            );
        }
    }
    body(out, s.kind, r, fill, scene.id_prefix);
    let area = label_area(s.kind, r, STROKE_WIDTH, 1.0);
    let text_fill = palette::text_color_on(palette::body_fill(s.kind, fill).color);
    label(
        out,
        &node_box(s.kind, &s.name).lines,
        &area.area,
        area.backing.then_some(fill),
        text_fill,
        r,
    );
    if s.owner
        .as_ref()
        .and_then(|t| scene.map.team(t.as_str()))
        .is_none()
        && s.kind != ServiceKind::External
    {
        unowned_mark(out, r.min);
    }
    if let Some(mark) = mark {
        badge(
            out,
            pt(r.max.x, r.min.y),
            mark.findings.len(),
            mark.worst,
            false,
        );
    }
    let _ = writeln!(out, "</g>");
}

/// The body of `kind` filling `r` in `fill`, outlined in ink. Outlines are
/// stroked on their centre line, so they are drawn half a stroke inside.
fn body(out: &mut String, kind: ServiceKind, r: &Rect, fill: Rgb, id_prefix: &str) {
    let ink = hex(palette::LIGHT_INK);
    let inner = r.shrink(STROKE_WIDTH / 2.0);
    let f = hex(fill);
    let radius = corner_radius(kind, r);
    match kind {
        ServiceKind::Service => {
            let _ = writeln!(
                out,
                r#"<rect {} rx="{}" fill="{f}" stroke="{ink}"/>"#,
                rect_attrs(&inner),
                n(radius - 0.5)
            );
        }
        ServiceKind::Frontend => frontend(out, r, fill),
        ServiceKind::Gateway | ServiceKind::Acl => {
            let shape = outline_element(&Outline::of(kind, inner));
            let _ = writeln!(
                out,
                r#"<{shape} fill="{f}" stroke="{ink}" stroke-linejoin="round"/>"#
            );
            if kind == ServiceKind::Acl {
                // The emblem: the shield again, a little inside, fainter.
                let emblem = outline_element(&Outline::of(kind, inner.shrink(4.0)));
                let _ = writeln!(
                    out,
                    r#"<{emblem} fill="none" stroke="{ink}" stroke-opacity="0.45"/>"#
                );
            }
        }
        ServiceKind::Datastore => {
            let shape = outline_element(&Outline::of(kind, inner));
            let _ = writeln!(out, r#"<{shape} fill="{f}" stroke="{ink}"/>"#);
            // The top cap, lighter, over the body.
            let ry = crate::geometry::cap_radius(&inner);
            let _ = writeln!(
                out,
                r#"<ellipse cx="{}" cy="{}" rx="{}" ry="{}" fill="{}" stroke="{ink}"/>"#,
                n(inner.center().x),
                n(inner.min.y + ry),
                n(inner.w() / 2.0),
                n(ry),
                hex(palette::lighten(fill, 0.3))
            );
        }
        ServiceKind::Legacy => {
            let _ = writeln!(
                out,
                r#"<rect {} rx="{}" fill="{f}"/>"#,
                rect_attrs(r),
                n(radius)
            );
            let _ = writeln!(
                out,
                r#"<rect {} fill="url(#{id_prefix}{})"/>"#,
                rect_attrs(&r.shrink(2.5)),
                hatch_id(fill)
            );
            let _ = writeln!(
                out,
                r#"<rect {} rx="{}" fill="none" stroke="{ink}"/>"#,
                rect_attrs(&inner),
                n(radius - 0.5)
            );
        }
        ServiceKind::External => {
            let light = palette::body_fill(kind, fill);
            let _ = writeln!(
                out,
                r#"<rect {} rx="{}" fill="{}" fill-opacity="{}" stroke="{ink}" stroke-dasharray="6 4"/>"#,
                rect_attrs(&inner),
                n(radius - 0.5),
                hex(light.color),
                n(f64::from(light.opacity))
            );
        }
    }
}

/// A screen on a stand with a darker title bar, from [`screen_parts`].
fn frontend(out: &mut String, r: &Rect, fill: Rgb) {
    let ink = hex(palette::LIGHT_INK);
    let parts = screen_parts(r);
    let stand = hex(palette::darken(fill, 0.45));
    let _ = writeln!(out, r#"<rect {} fill="{stand}"/>"#, rect_attrs(&parts.neck));
    let _ = writeln!(
        out,
        r#"<rect {} rx="{}" fill="{stand}"/>"#,
        rect_attrs(&parts.foot),
        n(parts.foot_radius)
    );
    let screen = parts.screen;
    let radius = parts.radius;
    let _ = writeln!(
        out,
        r#"<rect {} rx="{}" fill="{}"/>"#,
        rect_attrs(&screen),
        n(radius),
        hex(fill)
    );
    // The bar: rounded at the top like the screen, square at the bottom.
    let bar = parts.bar;
    let (l, t, rt, b) = (bar.min.x, bar.min.y, bar.max.x, bar.max.y);
    let _ = writeln!(
        out,
        r#"<path d="M{},{} V{} A{r},{r} 0 0 1 {},{} H{} A{r},{r} 0 0 1 {},{} V{} Z" fill="{}"/>"#,
        n(l),
        n(b),
        n(t + radius),
        n(l + radius),
        n(t),
        n(rt - radius),
        n(rt),
        n(t + radius),
        n(b),
        hex(palette::darken(fill, 0.3)),
        r = n(radius)
    );
    let dot = hex(palette::lighten(fill, 0.55));
    for d in &parts.dots {
        let _ = writeln!(
            out,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{dot}"/>"#,
            n(d.x),
            n(d.y),
            n(parts.dot_radius)
        );
    }
    let _ = writeln!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{ink}" stroke-width="0.75"/>"#,
        n(l + STROKE_WIDTH),
        n(b),
        n(rt - STROKE_WIDTH),
        n(b)
    );
    let _ = writeln!(
        out,
        r#"<rect {} rx="{}" fill="none" stroke="{ink}"/>"#,
        rect_attrs(&screen.shrink(STROKE_WIDTH / 2.0)),
        n(radius - 0.5)
    );
}

/// A node's name in the lines [`node_box`] broke it into, centred in
/// `area`, on a plain `backing` (kept inside the node's box `node`) when the
/// body's pattern would run under it.
fn label(
    out: &mut String,
    lines: &[String],
    area: &Rect,
    backing: Option<Rgb>,
    color: Rgb,
    node: &Rect,
) {
    if lines.iter().all(|l| l.is_empty()) {
        return;
    }
    let c = area.center();
    let total = LABEL_LINE * (lines.len() as f64 - 1.0);
    if let Some(fill) = backing {
        let w = lines
            .iter()
            .map(|l| text_width(l, LABEL_SIZE))
            .fold(0.0, f64::max)
            + 6.0;
        let h = total + LABEL_SIZE + 6.0;
        let mut back = Rect::around(c, w, h);
        back.min = pt(
            back.min.x.max(node.min.x + 2.5),
            back.min.y.max(node.min.y + 2.5),
        );
        back.max = pt(
            back.max.x.min(node.max.x - 2.5),
            back.max.y.min(node.max.y - 2.5),
        );
        let _ = writeln!(
            out,
            r#"<rect {} rx="3" fill="{}"/>"#,
            rect_attrs(&back),
            hex(fill)
        );
    }
    let x = n(c.x);
    let first = c.y - total / 2.0 + LABEL_SIZE * 0.35;
    let _ = write!(
        out,
        r#"<text x="{x}" y="{}" text-anchor="middle" font-size="{}" fill="{}">"#,
        n(first),
        n(LABEL_SIZE),
        hex(color)
    );
    if let [only] = lines {
        out.push_str(&esc(only));
    } else {
        for (k, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                r#"<tspan x="{x}" y="{}">{}</tspan>"#,
                n(first + LABEL_LINE * k as f64),
                esc(line)
            );
        }
    }
    let _ = writeln!(out, "</text>");
}
