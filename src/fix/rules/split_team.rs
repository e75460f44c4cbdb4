//! `team-overload`: split a team along its streams. The team keeps the
//! stream with most of its services; each other stream it owns goes to a
//! new team of the same type, with the team's services that are on that
//! stream and on no other of its streams. A team that owns one stream or
//! none has nothing to split along, and one that would keep more services
//! than a team can hold is not helped by it: neither gets this fix.

use std::collections::BTreeSet;

use crate::fix::builder::FixBuilder;
use crate::fix::fix::Fix;
use crate::fix::naming::team_name;
use crate::model::{Id, Map, Stream};

/// The fix for a `team-overload` finding on `team`.
pub(crate) fn fixes(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let [team] = subjects else {
        return Vec::new();
    };
    let Some(t) = map.team(team.as_str()) else {
        return Vec::new();
    };
    let owned: BTreeSet<&Id> = map
        .services
        .iter()
        .filter(|s| s.owner.as_ref() == Some(team))
        .map(|s| &s.id)
        .collect();
    let mut streams: Vec<&Stream> = map
        .streams
        .iter()
        .filter(|k| k.owner.as_ref() == Some(team))
        .collect();
    if streams.len() < 2 {
        return Vec::new();
    }
    let ours = |k: &Stream| {
        k.steps
            .iter()
            .filter(|s| owned.contains(&s.service))
            .count()
    };
    streams.sort_by(|a, b| ours(b).cmp(&ours(a)).then(a.id.cmp(&b.id)));
    let mut b = FixBuilder::new(map);
    let mut names = Vec::new();
    let mut moved: BTreeSet<&Id> = BTreeSet::new();
    for (i, k) in streams.iter().enumerate().skip(1) {
        let name = format!("{} ({})", t.name, k.name);
        let new_team = b.add_team(&name, t.team_type);
        b.set_stream_owner(&k.id, Some(new_team.clone()));
        for step in &k.steps {
            let elsewhere = streams
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && other.has_step(&step.service));
            if owned.contains(&step.service) && !elsewhere && moved.insert(&step.service) {
                b.set_service_owner(&step.service, Some(new_team.clone()));
            }
        }
        names.push(name);
    }
    // Services the team keeps past its limit would leave it overloaded: the
    // split alone does not resolve that, and is not offered.
    if owned.len() - moved.len() > map.settings.team_max_services() {
        return Vec::new();
    }
    vec![Fix::edits(
        "team-overload",
        subjects,
        format!(
            "Split {} along its streams: {} keeps {}; new {}",
            team_name(map, team),
            t.name,
            streams[0].name,
            names.join(", ")
        ),
        b.finish(),
    )]
}
