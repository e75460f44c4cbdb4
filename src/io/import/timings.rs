//! Step timings from a spreadsheet: a CSV with the columns
//! `stream,service,work,wait[,complete_accurate]` fills the matching steps
//! of a map. Teams rarely type times into a diagram; they export them from
//! a tracker or a workshop sheet.
//!
//! A stream and a service are named by id or by name (names compared
//! without case); durations are written as in the file format (`4h`, `2d`,
//! `1d4h`) or as a number of minutes; an empty cell leaves that time as it
//! is. Rows that match no step, or whose values do not read, are reported
//! by line and skipped: the others still apply. The result is the times to
//! set, not a map, so the editor applies them as one undoable edit.

use std::path::Path;

use super::error::ImportError;
use crate::model::{Duration, Id, Map};

/// A step's times once a row is applied: the row's, or the step's own
/// where the row's cell is empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepTiming {
    /// The stream.
    pub stream: Id,
    /// The step's position in the stream.
    pub step: usize,
    /// Hands-on work.
    pub work: Option<Duration>,
    /// Wait before the step.
    pub wait: Option<Duration>,
    /// %C&A.
    pub complete_accurate: Option<u8>,
}

/// What a timings file gives: the steps to set, and the rows skipped with
/// why, as `line N: reason`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timings {
    /// One per matched row, in file order.
    pub steps: Vec<StepTiming>,
    /// The rows that were not applied.
    pub skipped: Vec<String>,
}

/// Reads a timings CSV for `map`. Fails only when the file is not a CSV of
/// the expected columns; single rows that do not match are reported.
pub fn read_timings(path: &Path, bytes: &[u8], map: &Map) -> Result<Timings, ImportError> {
    let malformed = |line: usize, message: String| ImportError::Malformed {
        path: path.to_path_buf(),
        location: Some((line, 1)),
        message,
    };
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| malformed(1, format!("not UTF-8 text: {e}")))?;
    let rows = parse_csv(text).map_err(|(line, m)| malformed(line, m))?;
    let Some((header_line, header)) = rows.first() else {
        return Err(malformed(1, "the file is empty; the first row names the columns: stream,service,work,wait[,complete_accurate]".into()));
    };
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (Some(stream_col), Some(service_col)) = (column("stream"), column("service")) else {
        return Err(malformed(
            *header_line,
            format!(
                "the first row must name the columns stream,service,work,wait[,complete_accurate] (found {})",
                header.join(",")
            ),
        ));
    };
    let (work_col, wait_col) = (column("work"), column("wait"));
    let ca_col = column("complete_accurate").or_else(|| column("%c&a"));
    let mut out = Timings::default();
    for (line, row) in &rows[1..] {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", |c| c.trim());
        match match_row(map, cell(Some(stream_col)), cell(Some(service_col))) {
            Err(reason) => out.skipped.push(format!("line {line}: {reason}")),
            Ok((stream, step)) => {
                let times = (
                    duration_cell(cell(work_col)),
                    duration_cell(cell(wait_col)),
                    percent_cell(cell(ca_col)),
                );
                let now = map.stream(stream.as_str()).and_then(|k| k.steps.get(step));
                match times {
                    (Ok(work), Ok(wait), Ok(complete_accurate)) => out.steps.push(StepTiming {
                        work: work.or(now.and_then(|s| s.work)),
                        wait: wait.or(now.and_then(|s| s.wait)),
                        complete_accurate: complete_accurate
                            .or(now.and_then(|s| s.complete_accurate)),
                        stream,
                        step,
                    }),
                    (Err(e), _, _) => out.skipped.push(format!("line {line}: work: {e}")),
                    (_, Err(e), _) => out.skipped.push(format!("line {line}: wait: {e}")),
                    (_, _, Err(e)) => {
                        out.skipped
                            .push(format!("line {line}: complete_accurate: {e}"));
                    }
                }
            }
        }
    }
    Ok(out)
}

/// The stream and step a row names.
fn match_row(map: &Map, stream: &str, service: &str) -> Result<(Id, usize), String> {
    let k = map
        .streams
        .iter()
        .find(|k| k.id.as_str() == stream)
        .or_else(|| {
            map.streams
                .iter()
                .find(|k| k.name.eq_ignore_ascii_case(stream))
        })
        .ok_or_else(|| format!("no stream {stream:?} (by id or name)"))?;
    let s = map
        .services
        .iter()
        .find(|s| s.id.as_str() == service)
        .or_else(|| {
            map.services
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(service))
        })
        .ok_or_else(|| format!("no service {service:?} (by id or name)"))?;
    let step = k
        .steps
        .iter()
        .position(|st| st.service == s.id)
        .ok_or_else(|| format!("{} is not a step of {}", s.name, k.name))?;
    Ok((k.id.clone(), step))
}

/// A duration cell: empty, a number of minutes, or `4h`, `2d`, `1d4h`.
fn duration_cell(text: &str) -> Result<Option<Duration>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse::<u64>()
            .ok()
            .and_then(Duration::from_minutes)
            .map(Some)
            .ok_or_else(|| format!("{text} minutes is longer than ten years"));
    }
    Duration::parse(text).map(Some).map_err(|e| e.to_string())
}

/// A %C&A cell: empty, or a whole number from 0 to 100 (a `%` allowed).
fn percent_cell(text: &str) -> Result<Option<u8>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    match text.trim_end_matches('%').trim().parse::<u8>() {
        Ok(p) if p <= 100 => Ok(Some(p)),
        _ => Err(format!(
            "{text:?} is not a percentage (a whole number from 0 to 100)"
        )),
    }
}

/// A CSV row: the line it starts on, and its fields.
type Row = (usize, Vec<String>);

/// Rows of a CSV with their line numbers: fields separated by commas,
/// quoted with `"` where they hold commas, quotes (doubled) or line breaks.
/// A field left open fails with the line its row starts on.
fn parse_csv(text: &str) -> Result<Vec<Row>, (usize, String)> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let (mut line, mut row_line) = (1, 1);
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push((row_line, std::mem::take(&mut row)));
                line += 1;
                row_line = line;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err((row_line, "a quoted field is not closed".into()));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push((row_line, row));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::builder;

    fn map() -> Map {
        builder()
            .sa("a")
            .svc("x", "a")
            .svc("y", "a")
            .stream("s", Some("a"), &["x", "y"])
            .build()
    }

    #[test]
    fn rows_fill_steps_by_id_or_name_and_the_rest_are_reported_by_line() {
        let csv = "stream,service,work,wait,complete_accurate\n\
                   s,x,4h,2d,90\n\
                   \"Stream s\",Svc y,30,,95%\n\
                   s,nope,1h,1h,\n\
                   other,x,1h,1h,\n\
                   s,x,two days,1h,\n\
                   s,y,1h,1h,150\n";
        let t = read_timings(Path::new("t.csv"), csv.as_bytes(), &map()).unwrap();
        let d = |s: &str| Some(Duration::parse(s).unwrap());
        assert_eq!(
            t.steps,
            [
                StepTiming {
                    stream: Id::new("s").unwrap(),
                    step: 0,
                    work: d("4h"),
                    wait: d("2d"),
                    complete_accurate: Some(90)
                },
                StepTiming {
                    stream: Id::new("s").unwrap(),
                    step: 1,
                    work: d("30m"),
                    wait: None,
                    complete_accurate: Some(95)
                },
            ]
        );
        assert_eq!(
            t.skipped,
            [
                "line 4: no service \"nope\" (by id or name)",
                "line 5: no stream \"other\" (by id or name)",
                "line 6: work: \"two days\" is not a duration (use 30m, 4h, 2d, 1w)",
                "line 7: complete_accurate: \"150\" is not a percentage (a whole number from 0 to 100)",
            ]
        );
    }

    #[test]
    fn a_file_without_the_columns_names_the_file_and_line() {
        let err = read_timings(Path::new("t.csv"), b"a,b\n1,2\n", &map()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.csv:1:1: the first row must name the columns stream,service,work,wait[,complete_accurate] (found a,b)"
        );
        let err = read_timings(Path::new("t.csv"), b"stream,service\n\"s,x\n", &map()).unwrap_err();
        assert_eq!(err.to_string(), "t.csv:2:1: a quoted field is not closed");
    }
}
