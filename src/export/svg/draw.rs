//! SVG fragments: outlines and paths per kind, badges, marks, legend swatches.

use super::*;

/// The findings of a mark as tooltip lines.
pub(super) fn push_findings(lines: &mut Vec<String>, mark: Option<&Mark<'_>>) {
    if let Some(mark) = mark {
        lines.push(String::new());
        for f in &mark.findings {
            lines.push(format!("{} {}: {}", f.severity, f.rule, f.message));
        }
    }
}

/// The points of a polyline offset sideways by `shift`, each vertex along
/// the average normal of its segments (the canvas' transit lines).
pub(super) fn offset_line(points: &[P], shift: f64) -> Vec<P> {
    points
        .iter()
        .enumerate()
        .map(|(j, &q)| {
            let prev = if j > 0 {
                (q - points[j - 1]).norm()
            } else {
                p(0.0, 0.0)
            };
            let next = points.get(j + 1).map_or(p(0.0, 0.0), |&r| (r - q).norm());
            q + (prev + next).norm().perp() * shift
        })
        .collect()
}

pub(super) fn hatch_id(fill: Rgb) -> String {
    format!("hatch-{:02x}{:02x}{:02x}", fill.0, fill.1, fill.2)
}

pub(super) fn rect_attrs(r: &R) -> String {
    format!(
        r#"x="{}" y="{}" width="{}" height="{}""#,
        n(r.min.x),
        n(r.min.y),
        n(r.w().max(0.0)),
        n(r.h().max(0.0))
    )
}

pub(super) fn cylinder_path(r: &R) -> String {
    let ry = cap_radius(r);
    let rx = r.w() / 2.0;
    format!(
        "M{},{} A{},{} 0 0 1 {},{} L{},{} A{},{} 0 0 1 {},{} Z",
        n(r.min.x),
        n(r.min.y + ry),
        n(rx),
        n(ry),
        n(r.max.x),
        n(r.min.y + ry),
        n(r.max.x),
        n(r.max.y - ry),
        n(rx),
        n(ry),
        n(r.min.x),
        n(r.max.y - ry)
    )
}

pub(super) fn shield_path(r: &R) -> String {
    let [p0, p1, p2] = shield_curve(r);
    let mirror = |q: P| p(r.min.x + r.max.x - q.x, q.y);
    let (m0, m1) = (mirror(p0), mirror(p1));
    format!(
        "M{},{} L{},{} L{},{} Q{},{} {},{} Q{},{} {},{} Z",
        n(r.min.x),
        n(r.min.y),
        n(r.max.x),
        n(r.min.y),
        n(p0.x),
        n(p0.y),
        n(p1.x),
        n(p1.y),
        n(p2.x),
        n(p2.y),
        n(m1.x),
        n(m1.y),
        n(m0.x),
        n(m0.y)
    )
}

/// An element (without fill or stroke) tracing the outline of a kind: what a
/// halo strokes.
pub(super) fn outline_element(kind: ServiceKind, r: &R) -> String {
    match kind {
        ServiceKind::Gateway => format!(r#"polygon points="{}""#, points_attr(&hexagon(r))),
        ServiceKind::Datastore => format!(r#"path d="{}""#, cylinder_path(r)),
        ServiceKind::Acl => format!(r#"path d="{}""#, shield_path(r)),
        _ => format!(
            r#"rect {} rx="{}""#,
            rect_attrs(r),
            n(corner_radius(kind, r))
        ),
    }
}

/// A screen on a stand with a darker title bar; returns the label area.
pub(super) fn frontend(out: &mut String, r: &R, fill: Rgb) -> R {
    let (w, h) = (r.w(), r.h());
    let ink = hex(palette::LIGHT_INK);
    let radius = corner_radius(ServiceKind::Frontend, r);
    let screen = R {
        min: r.min,
        max: p(r.max.x, r.max.y - 0.16 * h),
    };
    let stand = hex(palette::darken(fill, 0.45));
    let cx = r.center().x;
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{stand}"/>"#,
        n(cx - 0.03 * w),
        n(screen.max.y),
        n(0.06 * w),
        n(r.max.y - screen.max.y)
    );
    let base = 0.05 * h;
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{stand}"/>"#,
        n(cx - 0.15 * w),
        n(r.max.y - base),
        n(0.3 * w),
        n(base),
        n(base / 2.0)
    );
    let _ = writeln!(
        out,
        r#"<rect {} rx="{}" fill="{}"/>"#,
        rect_attrs(&screen),
        n(radius),
        hex(fill)
    );
    let bar_h = 0.2 * h;
    let (l, t, rt) = (screen.min.x, screen.min.y, screen.max.x);
    let _ = writeln!(
        out,
        r#"<path d="M{},{} V{} A{r},{r} 0 0 1 {},{} H{} A{r},{r} 0 0 1 {},{} V{} Z" fill="{}"/>"#,
        n(l),
        n(t + bar_h),
        n(t + radius),
        n(l + radius),
        n(t),
        n(rt - radius),
        n(rt),
        n(t + radius),
        n(t + bar_h),
        hex(palette::darken(fill, 0.3)),
        r = n(radius)
    );
    let dot = hex(palette::lighten(fill, 0.55));
    for i in 0..3 {
        let x = l + bar_h * 0.6 + f64::from(i) * bar_h * 0.45;
        let _ = writeln!(
            out,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{dot}"/>"#,
            n(x),
            n(t + bar_h / 2.0),
            n(bar_h * 0.14)
        );
    }
    let _ = writeln!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{ink}" stroke-width="0.75"/>"#,
        n(l + 1.0),
        n(t + bar_h),
        n(rt - 1.0),
        n(t + bar_h)
    );
    let _ = writeln!(
        out,
        r#"<rect {} rx="{}" fill="none" stroke="{ink}"/>"#,
        rect_attrs(&screen.shrink(0.5)),
        n(radius - 0.5)
    );
    R {
        min: p(screen.min.x + 6.0, t + bar_h),
        max: p(screen.max.x - 6.0, screen.max.y),
    }
}

/// The "no owner" mark: a light "?" disc with a dashed rim at `corner`.
pub(super) fn unowned_mark(out: &mut String, corner: P) {
    let _ = writeln!(
        out,
        r##"<g class="unowned"><circle cx="{x}" cy="{y}" r="7" fill="#f8f8f8" stroke="#464646" stroke-width="1.2" stroke-dasharray="2.5 1.8"/><text x="{x}" y="{ty}" text-anchor="middle" font-size="10.5" font-weight="bold" fill="#282828">?</text></g>"##,
        x = n(corner.x),
        y = n(corner.y),
        ty = n(corner.y + 3.8)
    );
}

/// A count badge: a pill in the severity's colour. A node's badge has its
/// right end just past `at` (the node's top-right corner); a link's is
/// centred on `at`.
pub(super) fn badge(out: &mut String, at: P, count: usize, severity: Severity, centred: bool) {
    let radius = 8.0;
    let text = if count > 99 {
        "99+".to_string()
    } else {
        count.to_string()
    };
    let size = 9.6;
    let width = (text_width(&text, size) + radius).max(2.0 * radius);
    let right = if centred {
        at.x + width / 2.0
    } else {
        at.x + radius
    };
    let color = palette::severity_color(severity);
    let _ = writeln!(
        out,
        r##"<g class="badge {}"><rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="#fafafa"/><text x="{}" y="{}" text-anchor="middle" font-size="{}" font-weight="bold" fill="{}">{text}</text></g>"##,
        severity.as_str(),
        n(right - width + 0.5),
        n(at.y - radius + 0.5),
        n(width - 1.0),
        n(2.0 * radius - 1.0),
        n(radius - 0.5),
        hex(color),
        n(right - width / 2.0),
        n(at.y + size * 0.35),
        n(size),
        hex(palette::text_color_on(color))
    );
}

pub(super) fn swatch_width(s: &Swatch) -> f64 {
    match s {
        Swatch::Link(_) => 34.0,
        _ => 16.0,
    }
}

/// A legend swatch with its left end at `at.x`, centred on `at.y`.
pub(super) fn draw_swatch(out: &mut String, s: &Swatch, at: P) {
    let ink = hex(palette::LIGHT_INK);
    match s {
        Swatch::Team(c) => {
            let _ = writeln!(
                out,
                r#"<rect x="{}" y="{}" width="16" height="11" rx="2" fill="{}" stroke="{ink}" stroke-width="0.8"/>"#,
                n(at.x),
                n(at.y - 5.5),
                hex(*c)
            );
        }
        Swatch::Unowned => {
            let _ = writeln!(
                out,
                r##"<rect x="{}" y="{}" width="16" height="11" rx="2" fill="{}" stroke="{ink}" stroke-width="0.8"/><text x="{}" y="{}" text-anchor="middle" font-size="9" font-weight="bold" fill="#282828">?</text>"##,
                n(at.x),
                n(at.y - 5.5),
                hex(palette::LIGHT_UNOWNED),
                n(at.x + 8.0),
                n(at.y + 3.2)
            );
        }
        Swatch::Link(kind) => {
            let style = link_style(*kind);
            let _ = writeln!(
                out,
                r#"<path d="M{},{y} L{},{y}" stroke="{ink}"{style} marker-end="url(#arrow)"/>"#,
                n(at.x),
                n(at.x + 34.0 - ARROW),
                y = n(at.y)
            );
        }
        Swatch::Severity(sev) => {
            let c = hex(palette::severity_color(*sev));
            let _ = writeln!(
                out,
                r#"<circle cx="{x}" cy="{y}" r="7.5" fill="{c}" fill-opacity="0.3"/><circle cx="{x}" cy="{y}" r="4.5" fill="{c}"/>"#,
                x = n(at.x + 8.0),
                y = n(at.y)
            );
        }
        Swatch::Allowed => {
            let _ = writeln!(
                out,
                r#"<circle cx="{}" cy="{}" r="4.5" fill="none" stroke="{}" stroke-width="1.2"/>"#,
                n(at.x + 8.0),
                n(at.y),
                hex(palette::LIGHT_MUTED)
            );
        }
    }
}

/// The stroke attributes of a link kind (with a leading space), the same in
/// the picture and in its legend: sync solid, event dashed, data dotted.
pub(super) fn link_style(kind: LinkKind) -> String {
    match kind {
        LinkKind::Sync => format!(r#" stroke-width="{}""#, n(LINK_WIDTH)),
        LinkKind::Event => format!(
            r#" stroke-width="{}" stroke-dasharray="8 5.6""#,
            n(LINK_WIDTH)
        ),
        LinkKind::Data => {
            r#" stroke-width="3.2" stroke-dasharray="0 6" stroke-linecap="round""#.into()
        }
    }
}
