//! `vsmap fix`: drafts the proposed map from the fixes of a map's findings,
//! like `ruff check --fix`: the proposal goes to a file or standard output,
//! and standard error lists each fix applied and what it did to the
//! findings.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use jiff::civil::Date;

use super::day::parse_day;
use super::exit_code::{EXIT_LOAD_ERROR, EXIT_OK};
use crate::analysis::{Finding, analyze_on, count_by_severity, is_rule_id};
use crate::diff::render;
use crate::fix::{DraftOptions, delta_of, draft_proposal, finding_name, has_fix};
use crate::io::{load_file, to_canonical_json, write_atomic};

/// Arguments of `vsmap fix`.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// The map as it is.
    #[arg(value_name = "MAP")]
    pub map: PathBuf,
    /// Where to write the proposal; without it, standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Fix only the findings of this rule (repeatable).
    #[arg(long, value_name = "RULE")]
    pub rule: Vec<String>,
    /// Fix only this finding, written RULE:SUBJECT with the id of its first subject (repeatable).
    #[arg(long, value_name = "RULE:SUBJECT")]
    pub finding: Vec<String>,
    /// The day the rules take as today (for `stale-map`), as YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub today: Option<Date>,
    /// Print the diff the fixes would make (as `vsmap diff`) instead of writing the proposal.
    #[arg(long)]
    pub dry_run: bool,
}

/// Drafts the proposal and writes it (or its diff); returns the exit code.
pub fn run(args: &FixArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let finding_rules = args
        .finding
        .iter()
        .map(|f| f.split(':').next().unwrap_or(f));
    for rule in args.rule.iter().map(String::as_str).chain(finding_rules) {
        if !is_rule_id(rule) {
            let _ = writeln!(
                err,
                "error: no rule {rule:?} (`vsmap check --format json` lists rule ids)"
            );
            return EXIT_LOAD_ERROR;
        }
        if !has_fix(rule) {
            let _ = writeln!(err, "note: {rule} has no fix yet; its findings stay");
        }
    }
    let map = match load_file(&args.map) {
        Ok(map) => map,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return EXIT_LOAD_ERROR;
        }
    };
    let today = args.today.unwrap_or_else(crate::analysis::today);
    let options = DraftOptions {
        today,
        rules: args.rule.iter().cloned().collect(),
        findings: args.finding.iter().cloned().collect(),
    };
    let (proposal, applied) = draft_proposal(&map, &options);
    let before = analyze_on(&map, today);
    let after = analyze_on(&proposal, today);
    let mut report = String::new();
    for fix in &applied {
        report.push_str(&format!(
            "fixed {}: {}\n",
            finding_name(fix.rule, &fix.subjects),
            fix.title
        ));
        if !fix.removes.is_empty() {
            report.push_str(&format!("  deleted {}\n", fix.removes.join(" and ")));
        }
    }
    report.push_str(&summary(&before, &after, &proposal, applied.len()));
    let _ = err.write_all(report.as_bytes());

    let written = if args.dry_run {
        let diff = crate::diff::diff(&map, &proposal, today);
        out.write_all(render::text(&diff, false).as_bytes())
    } else {
        let text = to_canonical_json(&proposal);
        match &args.output {
            Some(path) => write_atomic(path, text.as_bytes())
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
            None => out.write_all(text.as_bytes()),
        }
    };
    if let Err(e) = written {
        let _ = writeln!(err, "error: cannot write the proposal: {e}");
        return EXIT_LOAD_ERROR;
    }
    EXIT_OK
}

/// The findings before and after, by severity, and the change by rule:
/// "errors 3 → 0, warnings 12 → 5, info 4 → 6".
fn summary(
    before: &[Finding],
    after: &[Finding],
    proposal: &crate::model::Map,
    fixes: usize,
) -> String {
    let (b, a) = (count_by_severity(before), count_by_severity(after));
    let delta = delta_of(before, after, proposal);
    let mut rules: BTreeSet<&str> = BTreeSet::new();
    rules.extend(before.iter().filter(|f| !f.allowed).map(|f| f.rule));
    rules.extend(after.iter().filter(|f| !f.allowed).map(|f| f.rule));
    let count =
        |fs: &[Finding], rule: &str| fs.iter().filter(|f| !f.allowed && f.rule == rule).count();
    let mut out = format!(
        "{} applied: errors {} → {}, warnings {} → {}, info {} → {}; {}\n",
        if fixes == 1 {
            "1 fix".to_string()
        } else {
            format!("{fixes} fixes")
        },
        b[0],
        a[0],
        b[1],
        a[1],
        b[2],
        a[2],
        delta
    );
    for rule in rules {
        let (x, y) = (count(before, rule), count(after, rule));
        if x != y {
            out.push_str(&format!("  {rule}: {x} → {y}\n"));
        }
    }
    out
}
