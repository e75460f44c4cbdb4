//! What the deck says, page by page: a title page with the whole map, a
//! page per stream (its picture, its flow card and its findings as
//! callouts), the findings summary, and when comparing, before and after
//! per stream and the changes. Each page is a [`Sheet`].

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::PageSize;
use super::sheet::{Font, Sheet, width_of};
use crate::analysis::flow::{FlowFigures, all_flow_figures, stream_teams};
use crate::analysis::times::format_minutes;
use crate::analysis::{Finding, Severity, count_by_severity, plural};
use crate::diff::ChangeRef;
use crate::diff::render::{ReviewLine, Tone, review_lines, verdict};
use crate::export::compared::Before;
use crate::export::display_text::{map_title, one_line, team_name};
use crate::export::svg::svg_sized;
use crate::geometry::{NODE_HEIGHT, NODE_WIDTH};
use crate::model::{Id, Map, Stream};
use crate::palette;

/// The margin around every page's content, in points.
const M: f64 = 36.0;
/// Where the content starts under the title and subtitle.
const TOP: f64 = M + 58.0;
/// Room kept at the bottom for the footer.
const BOTTOM: f64 = 30.0;
/// Findings listed one by one in the summary; the rest are counted (`vsmap
/// check` lists them all).
const MAX_FINDINGS_LISTED: usize = 60;
/// Changes listed one by one; the rest are counted (`vsmap diff` lists them all).
const MAX_CHANGES_LISTED: usize = 150;

/// A page of the deck and its entry in the PDF's outline (the first page
/// of each part has one).
pub(super) struct Page {
    /// What the page shows.
    pub(super) sheet: Sheet,
    /// Its bookmark.
    pub(super) bookmark: Option<String>,
}

/// Every page of the deck, footers included.
pub(super) fn sheets(
    map: &Map,
    findings: &[Finding],
    before: Option<&Before<'_>>,
    size: PageSize,
) -> Vec<Page> {
    let (w, h) = size.points();
    // Each page with the part its footer names and its bookmark.
    let mut pages: Vec<(Sheet, &'static str, Option<String>)> = Vec::new();
    pages.push((
        title_page(map, findings, before, w, h),
        "Overview",
        Some("Overview".into()),
    ));
    if let Some(b) = before {
        pages.push((
            what_changes_page(b, w, h),
            "What changes",
            Some("What changes".into()),
        ));
    }
    let figures = all_flow_figures(map, findings);
    let before_figures = before.map(|b| all_flow_figures(b.map, b.findings));
    let lines = before.map(|b| review_lines(b.diff)).unwrap_or_default();
    // One page per stream, drawn on every core (each draws its pictures).
    let stream_pages: Vec<Sheet> = map
        .streams
        .par_iter()
        .enumerate()
        .map(|(i, stream)| {
            let was = before.and_then(|b| {
                let k = b.map.streams.iter().position(|s| s.id == stream.id)?;
                Some((b, &b.map.streams[k], before_figures.as_ref().map(|f| &f[k])))
            });
            match (before, was) {
                (Some(_), Some((b, old, Some(old_figures)))) => compared_stream_page(
                    map,
                    findings,
                    stream,
                    &figures[i],
                    b,
                    old,
                    old_figures,
                    &lines,
                    w,
                    h,
                ),
                _ => stream_page(map, findings, stream, &figures[i], before.is_some(), w, h),
            }
        })
        .collect();
    pages.extend(
        stream_pages
            .into_iter()
            .zip(&map.streams)
            .map(|(page, s)| (page, "Value stream", Some(one_line(&s.name)))),
    );
    if let Some(b) = before {
        for (k, old) in b.map.streams.iter().enumerate() {
            if map.stream(old.id.as_str()).is_none()
                && let Some(f) = before_figures.as_ref().map(|f| &f[k])
            {
                pages.push((
                    removed_stream_page(b, old, f, w, h),
                    "Value stream",
                    Some(format!("{} (removed)", one_line(&old.name))),
                ));
            }
        }
    }
    for (k, page) in findings_pages(map, findings, w, h).into_iter().enumerate() {
        pages.push((page, "Findings", (k == 0).then(|| "Findings".into())));
    }
    if let Some(b) = before {
        for (k, page) in changes_pages(b, &lines, w, h).into_iter().enumerate() {
            pages.push((page, "Changes", (k == 0).then(|| "Changes".into())));
        }
    }
    let total = pages.len();
    let name = map_title(map);
    pages
        .into_iter()
        .enumerate()
        .map(|(k, (mut sheet, part, bookmark))| {
            footer(
                &mut sheet,
                &format!("{name} · {part}"),
                &format!("{} / {total}", k + 1),
            );
            Page { sheet, bookmark }
        })
        .collect()
}

/// A page with its title and subtitle.
fn headed(w: f64, h: f64, title: &str, subtitle: &str) -> Sheet {
    let mut s = Sheet::new(w, h);
    s.line(M, M + 20.0, w - 2.0 * M, Font::bold(20.0), title);
    if !subtitle.is_empty() {
        s.line(M, M + 40.0, w - 2.0 * M, Font::muted(11.0), subtitle);
    }
    s
}

fn footer(s: &mut Sheet, left: &str, right: &str) {
    let y = s.h - 14.0;
    let font = Font::muted(8.5);
    s.rule(M, y - 11.0, s.w - 2.0 * M);
    s.line(M, y, s.w - 2.0 * M - 60.0, font, left);
    let rw = width_of(right, font);
    s.line(s.w - M - rw, y, rw + 1.0, font, right);
}

/// The counts of live findings by severity, in words.
fn severity_counts(findings: &[Finding]) -> String {
    let [errors, warnings, info] = count_by_severity(findings);
    format!("{errors} errors, {warnings} warnings, {info} info")
}

fn title_page(
    map: &Map,
    findings: &[Finding],
    before: Option<&Before<'_>>,
    w: f64,
    h: f64,
) -> Sheet {
    let subtitle = match map.reviewed {
        Some(day) => format!("Value stream architecture review · map reviewed {day}"),
        None => "Value stream architecture review".to_string(),
    };
    let mut s = headed(w, h, &map_title(map), &subtitle);
    let width = w - 2.0 * M;
    let mut y = TOP;
    if let Some(b) = before {
        y = s.para(
            M,
            y,
            width,
            Font::bold(11.0),
            2,
            &format!("Compared with {}: {}", map_title(b.map), verdict(b.diff)),
        );
    }
    if !map.description.trim().is_empty() {
        y = s.para(M, y, width, Font::body(11.0), 3, &map.description);
    }
    let counts = [
        plural(map.teams.len(), "team"),
        plural(map.services.len(), "service"),
        plural(map.links.len(), "link"),
        plural(map.streams.len(), "stream"),
        severity_counts(findings),
    ]
    .join(" · ");
    y = s.para(M, y, width, Font::muted(10.5), 2, &counts);
    let box_h = h - BOTTOM - 6.0 - y;
    let scale = overview_scale(map, width, box_h);
    if scale >= MIN_OVERVIEW_SCALE {
        let (svg, pw, ph) = svg_sized(map, findings, None);
        s.picture(&svg, pw, ph, M, y, width, box_h);
    } else {
        // Drawn this small, no name could be read: the stream pages show
        // the map a stream at a time instead.
        y = s.para(
            M,
            y + 16.0,
            width,
            Font::body(12.0),
            4,
            &format!(
                "The whole map ({} services) would be drawn at {:.0} % on this page, too small to read a name. Each value stream has its own page; the editor and the interactive page (vsmap export --format html) show the whole map to zoom into.",
                map.services.len(),
                scale * 100.0
            ),
        );
        let mut largest: Vec<(usize, &Stream)> =
            map.streams.iter().map(|st| (st.steps.len(), st)).collect();
        largest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
        if !largest.is_empty() {
            s.line(
                M,
                y + 10.0,
                width,
                Font::bold(12.0),
                "The longest value streams",
            );
            y += 28.0;
            for (steps, stream) in largest {
                if y > h - BOTTOM - 20.0 {
                    break;
                }
                s.row(
                    M,
                    y,
                    60.0,
                    width,
                    &plural(steps, "step"),
                    &one_line(&stream.name),
                );
                y += 14.0;
            }
        }
    }
    s
}

/// Below this scale (a service's 11-point name drawn under a point; a box
/// 12 points wide) the overview picture is not drawn: it shows nothing but
/// texture, and drawing it is most of a large organisation's deck. Above
/// it the picture at least shows the map's shape and its teams' zones.
const MIN_OVERVIEW_SCALE: f64 = 0.08;

/// The scale the whole map would be drawn at in a `w` × `h` box, from the
/// services' positions (the picture adds its title, legend and margins,
/// so it is a little smaller still).
fn overview_scale(map: &Map, w: f64, h: f64) -> f64 {
    let positions = crate::export::positions(map);
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in &positions {
        x0 = x0.min(*x);
        y0 = y0.min(*y);
        x1 = x1.max(*x);
        y1 = y1.max(*y);
    }
    if positions.is_empty() {
        return 1.0;
    }
    let pw = x1 - x0 + NODE_WIDTH + 2.0 * 40.0;
    let ph = y1 - y0 + NODE_HEIGHT + 2.0 * 40.0 + 120.0;
    (w / pw).min(h / ph)
}

/// The flow card's rows for one stream's figures.
fn figure_rows(f: &FlowFigures) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        ("Teams", f.teams.to_string()),
        ("Handoffs", f.handoffs.to_string()),
    ];
    if f.is_measured() {
        rows.push(("Lead time", format_minutes(f.lead_time_minutes)));
        if let Some(e) = f.flow_efficiency_percent {
            rows.push(("Flow efficiency", format!("{e} %")));
        }
        if let Some(wait) = f.longest_handoff_wait_minutes {
            rows.push(("Longest handoff wait", format_minutes(wait)));
        }
    }
    rows.push(("Findings", f.findings.to_string()));
    rows
}

/// "for the customer · owned by the team".
fn stream_subtitle(map: &Map, stream: &Stream, lead: &str) -> String {
    let mut parts = vec![lead.to_string()];
    if !stream.customer.trim().is_empty() {
        parts.push(format!("for {}", one_line(&stream.customer)));
    }
    if let Some(owner) = &stream.owner {
        parts.push(format!("owned by {}", one_line(team_name(map, owner))));
    }
    parts.join(" · ")
}

/// The live findings about a stream or one of its steps.
fn stream_findings<'a>(findings: &'a [Finding], stream: &Stream) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|f| {
            !f.allowed
                && f.subjects
                    .iter()
                    .any(|s| s == &stream.id || stream.has_step(s))
        })
        .collect()
}

/// Findings as callouts: a severity dot, the rule, the message wrapped;
/// down to `bottom`, then how many did not fit. Returns the next baseline.
fn callouts(s: &mut Sheet, list: &[&Finding], x: f64, mut y: f64, width: f64, bottom: f64) -> f64 {
    let font = Font::body(9.5);
    for (k, f) in list.iter().enumerate() {
        let lines = Sheet::lines_of(width - 12.0, font, 3, &f.message);
        if y + 12.0 + lines as f64 * 12.4 > bottom {
            let rest = list.len() - k;
            s.line(
                x,
                y,
                width,
                Font::muted(9.5),
                &format!("… and {rest} more (vsmap check lists them all)"),
            );
            return y + 14.0;
        }
        let color = palette::severity_color(f.severity);
        s.dot(x + 3.5, y - 3.2, 3.2, color);
        s.line(
            x + 12.0,
            y,
            width - 12.0,
            Font::bold(8.5).in_color(color),
            f.rule,
        );
        y = s.para(x + 12.0, y + 11.5, width - 12.0, font, 3, &f.message) + 3.0;
    }
    y
}

fn stream_page(
    map: &Map,
    findings: &[Finding],
    stream: &Stream,
    figures: &FlowFigures,
    is_new: bool,
    w: f64,
    h: f64,
) -> Sheet {
    let lead = if is_new {
        "New value stream"
    } else {
        "Value stream"
    };
    let mut s = headed(
        w,
        h,
        &one_line(&stream.name),
        &stream_subtitle(map, stream, lead),
    );
    let layout = picture_and_flow(&mut s, map, findings, &stream.id, "Flow", figures);
    let Column {
        x,
        width: col,
        mut y,
        bottom,
    } = layout.card;
    let teams = stream_teams(map, stream);
    if !teams.is_empty() {
        y = s.para(x, y + 2.0, col, Font::muted(9.5), 3, &teams.join(", ")) + 4.0;
    }
    if !stream.description.trim().is_empty() {
        y = s.para(x, y + 4.0, col, Font::body(9.5), 4, &stream.description) + 4.0;
    }
    let list = stream_findings(findings, stream);
    let (x, col, y) = match layout.findings {
        Some(c) => (c.x, c.width, c.y),
        None => (x, col, y + 8.0),
    };
    s.line(
        x,
        y,
        col,
        Font::bold(12.0),
        &format!("Findings ({})", list.len()),
    );
    callouts(&mut s, &list, x, y + 16.0, col, bottom);
    s
}

/// Changes that touch a stream: its own, and those about services on it in
/// either map.
fn stream_changes<'a>(
    lines: &'a [ReviewLine],
    id: &Id,
    steps: &BTreeSet<&Id>,
) -> Vec<&'a ReviewLine> {
    lines
        .iter()
        .filter(|l| {
            matches!(&l.change, ChangeRef::Stream { id: s, .. } if s == id)
                || l.services.iter().any(|svc| steps.contains(svc))
        })
        .collect()
}

fn tone_color(tone: Tone) -> palette::Rgb {
    let [error, warning, info] = palette::LIGHT_SEVERITY;
    match tone {
        Tone::Added => info,
        Tone::Removed => error,
        Tone::Changed => warning,
    }
}

/// A list of changes with a dot in the tone's colour each, down to `bottom`.
fn change_list(
    s: &mut Sheet,
    list: &[&ReviewLine],
    x: f64,
    mut y: f64,
    width: f64,
    bottom: f64,
    more: &str,
) -> f64 {
    let font = Font::body(9.5);
    for (k, line) in list.iter().enumerate() {
        let lines = Sheet::lines_of(width - 12.0, font, 2, &line.text);
        if y + lines as f64 * 12.4 > bottom {
            s.line(
                x,
                y,
                width,
                Font::muted(9.5),
                &format!("… and {} more ({more})", list.len() - k),
            );
            return y + 14.0;
        }
        s.dot(x + 3.5, y - 3.2, 3.0, tone_color(line.tone));
        y = s.para(x + 12.0, y, width - 12.0, font, 2, &line.text) + 2.0;
    }
    y
}

#[allow(clippy::too_many_arguments)]
fn compared_stream_page(
    map: &Map,
    findings: &[Finding],
    stream: &Stream,
    figures: &FlowFigures,
    b: &Before<'_>,
    old: &Stream,
    old_figures: &FlowFigures,
    lines: &[ReviewLine],
    w: f64,
    h: f64,
) -> Sheet {
    let mut s = headed(
        w,
        h,
        &one_line(&stream.name),
        &stream_subtitle(map, stream, "Value stream, before and after"),
    );
    let content_w = w - 2.0 * M;
    let pic_w = (content_w * 0.6).floor();
    let bottom = h - BOTTOM - 6.0;
    let half = ((bottom - TOP) / 2.0 - 8.0).floor();
    for (k, (label, m, f)) in [("Before", b.map, b.findings), ("After", map, findings)]
        .into_iter()
        .enumerate()
    {
        let top = TOP + k as f64 * (half + 16.0);
        s.line(M, top, 80.0, Font::bold(10.0), label);
        let (svg, pw, ph) = svg_sized(m, f, Some(&stream.id));
        s.picture(&svg, pw, ph, M, top + 4.0, pic_w, half - 4.0);
    }
    let x = M + pic_w + 16.0;
    let col = content_w - pic_w - 16.0;
    let mut y = TOP;
    s.line(x, y, col, Font::bold(12.0), "Flow, before -> after");
    y += 16.0;
    let old_rows = figure_rows(old_figures);
    for (term, value) in figure_rows(figures) {
        let was = old_rows
            .iter()
            .find(|(t, _)| *t == term)
            .map_or("–", |(_, v)| v.as_str());
        let text = if was == value {
            value
        } else {
            format!("{was} → {value}")
        };
        s.row(x, y, 118.0, col, term, &text);
        y += 14.0;
    }
    let steps: BTreeSet<&Id> = stream
        .steps
        .iter()
        .chain(&old.steps)
        .map(|st| &st.service)
        .collect();
    let list = stream_changes(lines, &stream.id, &steps);
    y += 10.0;
    s.line(
        x,
        y,
        col,
        Font::bold(12.0),
        &format!("Changes ({})", list.len()),
    );
    change_list(
        &mut s,
        &list,
        x,
        y + 16.0,
        col,
        bottom,
        "see the changes pages",
    );
    s
}

fn removed_stream_page(
    b: &Before<'_>,
    old: &Stream,
    figures: &FlowFigures,
    w: f64,
    h: f64,
) -> Sheet {
    let mut s = headed(
        w,
        h,
        &one_line(&old.name),
        &stream_subtitle(b.map, old, "Value stream removed in the proposal"),
    );
    picture_and_flow(&mut s, b.map, b.findings, &old.id, "Flow, before", figures);
    s
}

/// The right-hand column of a stream page, under what is drawn in it.
struct Column {
    /// Its left edge.
    x: f64,
    /// Its width.
    width: f64,
    /// The next baseline.
    y: f64,
    /// How far down it may go.
    bottom: f64,
}

/// Where a stream page's text goes beside or under its picture.
struct StreamLayout {
    /// The flow card's column, after its rows.
    card: Column,
    /// A column of its own for the findings, when the picture spans the
    /// page; otherwise they follow in the card's column.
    findings: Option<Column>,
}

/// The share of the page's height a picture across the page takes.
const ACROSS_SHARE: f64 = 0.6;

/// A stream's picture and its flow card under `heading`: the picture on
/// the left and the card on the right, or, for a picture much wider than
/// tall, whichever draws it larger, the picture across the page with the
/// card and the findings in two columns under it.
fn picture_and_flow(
    s: &mut Sheet,
    map: &Map,
    findings: &[Finding],
    stream: &Id,
    heading: &str,
    figures: &FlowFigures,
) -> StreamLayout {
    let content_w = s.w - 2.0 * M;
    let bottom = s.h - BOTTOM - 6.0;
    let (svg, pw, ph) = svg_sized(map, findings, Some(stream));
    let top = TOP - 10.0;
    let side = (content_w * 0.64).floor();
    let across_h = ((bottom - top) * ACROSS_SHARE).floor();
    let side_scale = (side / pw).min((bottom - top) / ph);
    let across_scale = (content_w / pw).min(across_h / ph);
    let (card_x, card_w, card_y, findings) = if across_scale > side_scale * 1.2 {
        // As tall as the picture drawn across the page: what it leaves goes
        // to the card and the findings.
        let across_h = (ph * across_scale + 4.0).min(across_h).ceil();
        s.picture(&svg, pw, ph, M, top, content_w, across_h);
        let y = top + across_h + 20.0;
        let card_w = (content_w * 0.36).floor();
        let rest = Column {
            x: M + card_w + 16.0,
            width: content_w - card_w - 16.0,
            y,
            bottom,
        };
        (M, card_w, y, Some(rest))
    } else {
        s.picture(&svg, pw, ph, M, top, side, bottom - top);
        (M + side + 16.0, content_w - side - 16.0, TOP, None)
    };
    let mut y = card_y;
    s.line(card_x, y, card_w, Font::bold(12.0), heading);
    y += 16.0;
    for (term, value) in figure_rows(figures) {
        s.row(card_x, y, 118.0, card_w, term, &value);
        y += 14.0;
    }
    StreamLayout {
        card: Column {
            x: card_x,
            width: card_w,
            y,
            bottom,
        },
        findings,
    }
}

/// One figure before and after, in words: "5 -> 3", "5" when the same,
/// and "new" or "removed" for a stream only in one map.
fn before_after(before: Option<String>, after: Option<String>) -> String {
    match (before, after) {
        (Some(b), Some(a)) if a == b => a,
        (Some(b), Some(a)) => format!("{b} -> {a}"),
        (None, Some(a)) => format!("new: {a}"),
        (Some(b), None) => format!("removed (was {b})"),
        (None, None) => "–".into(),
    }
}

/// The review's story on one page: each stream's figures before and after,
/// and the findings resolved and introduced by rule.
fn what_changes_page(b: &Before<'_>, w: f64, h: f64) -> Sheet {
    let mut s = headed(w, h, "What changes", &verdict(b.diff));
    let width = w - 2.0 * M;
    let bottom = h - BOTTOM - 6.0;
    let columns: [(&str, f64); 6] = [
        ("Value stream", 0.30),
        ("Teams", 0.10),
        ("Handoffs", 0.10),
        ("Lead time", 0.18),
        ("Flow efficiency", 0.18),
        ("Findings", 0.14),
    ];
    let mut y = TOP;
    let mut x = M;
    for (label, share) in columns {
        s.line(x, y, width * share - 8.0, Font::muted(10.0), label);
        x += width * share;
    }
    s.rule(M, y + 5.0, width);
    y += 20.0;
    // Rows for the streams, then the finding counts under them: the table
    // stops where the counts need their room.
    let rules_room = 120.0;
    let flows = &b.diff.streams_flow;
    for (k, flow) in flows.iter().enumerate() {
        if y > bottom - rules_room {
            let rest = flows.len() - k;
            s.line(
                M,
                y,
                width,
                Font::muted(9.5),
                &format!("… and {rest} more streams (vsmap diff lists them all)"),
            );
            y += 16.0;
            break;
        }
        let (was, now) = (flow.before.as_ref(), flow.after.as_ref());
        let figure =
            |f: fn(&FlowFigures) -> Option<String>| before_after(was.and_then(f), now.and_then(f));
        let cells = [
            one_line(&flow.name),
            figure(|f| Some(f.teams.to_string())),
            figure(|f| Some(f.handoffs.to_string())),
            figure(|f| f.is_measured().then(|| format_minutes(f.lead_time_minutes))),
            figure(|f| f.flow_efficiency_percent.map(|e| format!("{e} %"))),
            figure(|f| Some(f.findings.to_string())),
        ];
        let mut x = M;
        for ((_, share), cell) in columns.iter().zip(&cells) {
            s.line(x, y, width * share - 8.0, Font::body(10.0), cell);
            x += width * share;
        }
        y += 15.0;
    }
    // Findings resolved and introduced, by rule, most first.
    let by_rule = |list: crate::diff::FindingList<'_>| {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for f in list {
            match counts.iter_mut().find(|(r, _)| *r == f.rule) {
                Some(entry) => entry.1 += 1,
                None => counts.push((f.rule, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        counts
    };
    let [error, _, info] = palette::LIGHT_SEVERITY;
    let y0 = y + 14.0;
    for (k, (heading, list, color)) in [
        ("Resolved", b.diff.findings.resolved(), info),
        ("Introduced", b.diff.findings.introduced(), error),
    ]
    .into_iter()
    .enumerate()
    {
        let x = M + k as f64 * width / 2.0;
        let col = width / 2.0 - 16.0;
        s.line(
            x,
            y0,
            col,
            Font::bold(12.0),
            &format!("{heading} ({})", list.len()),
        );
        let mut y = y0 + 16.0;
        let counts = by_rule(list);
        if counts.is_empty() {
            s.line(x, y, col, Font::muted(10.0), "none");
        }
        for (rule, count) in counts {
            if y > bottom {
                break;
            }
            s.dot(x + 3.5, y - 3.2, 3.0, color);
            s.line(x + 12.0, y, col - 60.0, Font::body(10.0), rule);
            s.line(
                x + col - 40.0,
                y,
                40.0,
                Font::body(10.0),
                &count.to_string(),
            );
            y += 13.0;
        }
    }
    s
}

/// The findings summary: counts by rule, then the findings worst first,
/// over as many pages as they take (up to [`MAX_FINDINGS_LISTED`]).
fn findings_pages(map: &Map, findings: &[Finding], w: f64, h: f64) -> Vec<Sheet> {
    let live: Vec<&Finding> = findings.iter().filter(|f| !f.allowed).collect();
    let subtitle = format!("{} · {}", map_title(map), severity_counts(findings));
    let mut s = headed(w, h, "Findings", &subtitle);
    let bottom = h - BOTTOM - 6.0;
    let width = w - 2.0 * M;
    // Counts by rule, worst severity first, then most frequent.
    let mut by_rule: Vec<(Severity, &str, usize)> = Vec::new();
    for f in &live {
        match by_rule.iter_mut().find(|(_, r, _)| *r == f.rule) {
            Some(entry) => entry.2 += 1,
            None => by_rule.push((f.severity, f.rule, 1)),
        }
    }
    by_rule.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(b.1)));
    let mut y = TOP;
    if live.is_empty() {
        s.line(
            M,
            y,
            width,
            Font::body(12.0),
            "No findings: every rule passes.",
        );
        return vec![s];
    }
    let columns = 3;
    let col_w = width / columns as f64;
    for (k, (sev, rule, count)) in by_rule.iter().enumerate() {
        let cx = M + (k % columns) as f64 * col_w;
        let cy = y + (k / columns) as f64 * 14.0;
        s.dot(cx + 3.5, cy - 3.2, 3.2, palette::severity_color(*sev));
        s.line(cx + 12.0, cy, col_w - 50.0, Font::body(10.0), rule);
        s.line(
            cx + col_w - 40.0,
            cy,
            30.0,
            Font::bold(10.0),
            &count.to_string(),
        );
    }
    y += by_rule.len().div_ceil(columns) as f64 * 14.0 + 12.0;
    let listed = &live[..live.len().min(MAX_FINDINGS_LISTED)];
    let mut pages = Vec::new();
    let mut k = 0;
    loop {
        let end = {
            let mut yy = y;
            let mut end = k;
            while end < listed.len() {
                let lines = Sheet::lines_of(width - 12.0, Font::body(9.5), 3, &listed[end].message);
                let need = 12.0 + lines as f64 * 12.4 + 3.0;
                if yy + need > bottom - 14.0 {
                    break;
                }
                yy += need;
                end += 1;
            }
            end.max(k + 1).min(listed.len())
        };
        callouts(&mut s, &listed[k..end], M, y, width, bottom);
        k = end;
        if k >= listed.len() {
            if live.len() > listed.len() {
                let rest = live.len() - listed.len();
                s.line(
                    M,
                    bottom - 2.0,
                    width,
                    Font::muted(9.5),
                    &format!("… and {rest} more (vsmap check lists them all)"),
                );
            }
            pages.push(s);
            return pages;
        }
        pages.push(s);
        s = headed(w, h, "Findings (continued)", &subtitle);
        y = TOP;
    }
}

/// The changes from the map before, grouped, over as many pages as they take.
fn changes_pages(b: &Before<'_>, lines: &[ReviewLine], w: f64, h: f64) -> Vec<Sheet> {
    let subtitle = format!("From {}: {}", map_title(b.map), verdict(b.diff));
    let bottom = h - BOTTOM - 6.0;
    let width = w - 2.0 * M;
    let mut pages = Vec::new();
    let mut s = headed(w, h, &format!("Changes ({})", lines.len()), &subtitle);
    let mut y = TOP;
    if lines.is_empty() {
        s.line(M, y, width, Font::body(12.0), "The two maps are the same.");
        return vec![s];
    }
    let listed = &lines[..lines.len().min(MAX_CHANGES_LISTED)];
    let mut group = None;
    for line in listed {
        let rows = Sheet::lines_of(width - 12.0, Font::body(9.5), 2, &line.text);
        let heading = group != Some(line.group);
        let need = rows as f64 * 12.4 + if heading { 20.0 } else { 2.0 };
        if y + need > bottom {
            pages.push(s);
            s = headed(w, h, "Changes (continued)", &subtitle);
            y = TOP;
            group = None;
        }
        if group != Some(line.group) {
            s.line(M, y, width, Font::bold(11.0), line.group.title());
            y += 16.0;
            group = Some(line.group);
        }
        y = change_list(
            &mut s,
            &[line],
            M,
            y,
            width,
            bottom,
            "vsmap diff lists them all",
        );
    }
    if lines.len() > listed.len() {
        let rest = lines.len() - listed.len();
        s.line(
            M,
            bottom - 2.0,
            width,
            Font::muted(9.5),
            &format!("… and {rest} more (vsmap diff lists them all)"),
        );
    }
    pages.push(s);
    pages
}
