//! What a fix does to the findings: which it resolves and which it
//! introduces, worded for the Fix menu and `vsmap fix` ("resolves 3,
//! introduces 1 warning: team-overload on Core Platform").

use std::collections::HashSet;
use std::fmt;

use jiff::civil::Date;

use super::fix::Fix;
use crate::analysis::{Finding, Severity, analyze_on, plural};
use crate::edit::{EditError, apply_all};
use crate::model::Map;

/// How many introduced findings the wording names before "and N more".
const NAMED: usize = 3;

/// The findings a change resolves and introduces (allowed ones left out).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FindingDelta {
    /// In the map before, not after.
    pub resolved: Vec<Finding>,
    /// In the map after, not before; each with the name of its primary
    /// subject in the map after, for the wording.
    pub introduced: Vec<(Finding, String)>,
}

/// The delta between the findings of two maps, matched by rule and subjects.
pub fn delta_of(before: &[Finding], after: &[Finding], after_map: &Map) -> FindingDelta {
    let keys = |fs: &[Finding]| -> HashSet<(&'static str, Vec<crate::model::Id>)> {
        fs.iter()
            .filter(|f| !f.allowed)
            .map(|f| (f.rule, f.subjects.clone()))
            .collect()
    };
    let (was, is) = (keys(before), keys(after));
    let resolved = before
        .iter()
        .filter(|f| !f.allowed && !is.contains(&(f.rule, f.subjects.clone())))
        .cloned()
        .collect();
    let introduced = after
        .iter()
        .filter(|f| !f.allowed && !was.contains(&(f.rule, f.subjects.clone())))
        .map(|f| (f.clone(), subject_name(after_map, f)))
        .collect();
    FindingDelta {
        resolved,
        introduced,
    }
}

/// The map with the fix applied, and what that does to the findings.
pub fn preview(
    map: &Map,
    before: &[Finding],
    fix: &Fix,
    today: Date,
) -> Result<(Map, FindingDelta), EditError> {
    let mut after = map.clone();
    apply_all(&mut after, fix.edits.clone())?;
    let findings = analyze_on(&after, today);
    let delta = delta_of(before, &findings, &after);
    Ok((after, delta))
}

/// The display name of a finding's primary subject ("the map" for none).
fn subject_name(map: &Map, finding: &Finding) -> String {
    let Some(id) = finding.primary() else {
        return "the map".into();
    };
    let id = id.as_str();
    map.service(id)
        .map(|s| s.name.clone())
        .or_else(|| map.team(id).map(|t| t.name.clone()))
        .or_else(|| map.stream(id).map(|k| k.name.clone()))
        .unwrap_or_else(|| id.to_string())
}

impl fmt::Display for FindingDelta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "resolves {}", self.resolved.len())?;
        if self.introduced.is_empty() {
            return Ok(());
        }
        let named: Vec<String> = self
            .introduced
            .iter()
            .take(NAMED)
            .map(|(finding, name)| format!("{} on {name}", finding.rule))
            .collect();
        let more = self.introduced.len().saturating_sub(NAMED);
        let counts: Vec<String> = Severity::ALL
            .iter()
            .filter_map(|&severity| {
                let n = (self.introduced.iter())
                    .filter(|(finding, _)| finding.severity == severity)
                    .count();
                // "1 warning", "2 errors", "3 info".
                (n > 0).then(|| match severity {
                    Severity::Info => format!("{n} info"),
                    _ => plural(n, severity.as_str()),
                })
            })
            .collect();
        write!(
            f,
            ", introduces {}: {}",
            counts.join(" and "),
            named.join("; ")
        )?;
        if more > 0 {
            write!(f, " and {more} more")?;
        }
        Ok(())
    }
}
