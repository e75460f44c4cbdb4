//! Synthetic maps of any size, for trying the tool at scale and for the
//! benchmarks (`vsmap generate`).
//!
//! The maps look like an organisation's, not like noise: teams of uneven
//! size, most of them stream-aligned with a few platform, enabling and
//! complicated-subsystem teams; services mostly calling their own team's
//! services and a handful of platform ones; about three links per service;
//! streams of 3 to 12 steps that start at a frontend and wander through two or
//! three teams; and a sprinkling of every anti-pattern the rules look for
//! (unowned services, legacy called without an anti-corruption layer, a
//! central gateway, shared databases, overloaded teams, streams with no owner
//! or description). Positions come from the tidy layout (teams in clusters,
//! flows left to right), so a generated map opens readable.
//!
//! The output depends only on the parameters: the same seed gives the same
//! bytes on every machine (ChaCha8 is specified, unlike `StdRng`).

use std::collections::HashSet;

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::{
    Id, Link, LinkKind, Map, Service, ServiceKind, Step, Stream, Team, TeamType, slug_id,
};

/// The size and seed of a generated map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Services (at least 1).
    pub services: usize,
    /// Teams; `None` picks one team per eight services.
    pub teams: Option<usize>,
    /// Value streams; `None` picks one stream per twelve services.
    pub streams: Option<usize>,
    /// The random seed.
    pub seed: u64,
}

impl GenerateOptions {
    /// A map of `services` services with the default proportions and seed 1.
    pub fn with_services(services: usize) -> GenerateOptions {
        GenerateOptions {
            services,
            teams: None,
            streams: None,
            seed: 1,
        }
    }

    fn team_count(&self) -> usize {
        self.teams
            .unwrap_or(self.services / 8)
            .clamp(1, self.services.max(1))
    }

    fn stream_count(&self) -> usize {
        self.streams.unwrap_or(self.services / 12).max(1)
    }
}

/// Business domains, for team and service names.
const DOMAINS: [&str; 24] = [
    "Payments",
    "Checkout",
    "Catalogue",
    "Pricing",
    "Orders",
    "Shipping",
    "Returns",
    "Loyalty",
    "Search",
    "Accounts",
    "Billing",
    "Invoicing",
    "Onboarding",
    "Identity",
    "Fraud",
    "Claims",
    "Lending",
    "Cards",
    "Savings",
    "Reporting",
    "Inventory",
    "Partners",
    "Messaging",
    "Support",
];

/// What a service of each kind is called after its domain.
fn thing(kind: ServiceKind, i: usize) -> &'static str {
    const SERVICES: [&str; 8] = [
        "API",
        "Engine",
        "Service",
        "Worker",
        "Scheduler",
        "Matcher",
        "Ledger",
        "Hub",
    ];
    match kind {
        ServiceKind::Service => SERVICES[i % SERVICES.len()],
        ServiceKind::Frontend => ["Web", "App", "Portal"][i % 3],
        ServiceKind::Gateway => "Gateway",
        ServiceKind::Datastore => ["DB", "Store", "Warehouse"][i % 3],
        ServiceKind::Legacy => ["Mainframe", "Legacy System"][i % 2],
        ServiceKind::Acl => "Adapter",
        ServiceKind::External => ["Provider", "Registry", "Bureau"][i % 3],
    }
}

/// Generates a map. Deterministic for given options.
pub fn generate(options: &GenerateOptions) -> Map {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let n = options.services.max(1);
    let mut taken: HashSet<String> = HashSet::new();
    let mut new_id = |name: &str| {
        let id = slug_id(name, |c| taken.contains(c));
        taken.insert(id.as_str().to_string());
        id
    };

    // Teams: every sixth a platform team, a few enabling and complicated
    // subsystem teams, the rest stream-aligned.
    let team_count = options.team_count();
    let mut teams = Vec::with_capacity(team_count);
    for t in 0..team_count {
        let team_type = match t % 12 {
            5 | 11 => TeamType::Platform,
            7 => TeamType::Enabling,
            9 => TeamType::ComplicatedSubsystem,
            _ => TeamType::StreamAligned,
        };
        let domain = DOMAINS[t % DOMAINS.len()];
        let name = match (team_type, t / DOMAINS.len()) {
            (TeamType::Platform, 0) => format!("{domain} Platform"),
            (TeamType::Platform, k) => format!("{domain} Platform {}", k + 1),
            (_, 0) => domain.to_string(),
            (_, k) => format!("{domain} {}", k + 1),
        };
        let id = new_id(&name);
        teams.push(Team {
            id,
            name,
            team_type,
            // One team in ten is too big to feed with two pizzas.
            members: Some(if rng.random_ratio(1, 10) {
                rng.random_range(11..=16)
            } else {
                rng.random_range(4..=9)
            }),
            color: None,
        });
    }
    let platform: Vec<usize> = (0..team_count)
        .filter(|&t| teams[t].team_type == TeamType::Platform)
        .collect();
    let aligned: Vec<usize> = (0..team_count)
        .filter(|&t| teams[t].team_type == TeamType::StreamAligned)
        .collect();

    // Services: owners drawn with uneven weights (a few large teams, many
    // small ones); kinds in proportions seen in real estates.
    let weights: Vec<u32> = (0..team_count).map(|t| 1 + (t as u32 * 7) % 5).collect();
    let total: u32 = weights.iter().sum();
    let mut services = Vec::with_capacity(n);
    let mut owner_of: Vec<Option<usize>> = Vec::with_capacity(n);
    for i in 0..n {
        let kind = match rng.random_range(0..100) {
            0..=59 => ServiceKind::Service,
            60..=67 => ServiceKind::Frontend,
            68..=69 => ServiceKind::Gateway,
            70..=84 => ServiceKind::Datastore,
            85..=89 => ServiceKind::Legacy,
            90..=92 => ServiceKind::Acl,
            _ => ServiceKind::External,
        };
        let mut pick = rng.random_range(0..total);
        let mut team = 0;
        while pick >= weights[team] {
            pick -= weights[team];
            team += 1;
        }
        // Externals belong to nobody in the organisation; one service in
        // fifty has lost its owner.
        let owner = if kind == ServiceKind::External || rng.random_ratio(1, 50) {
            None
        } else {
            Some(team)
        };
        let domain = DOMAINS[owner.unwrap_or(i) % DOMAINS.len()];
        let name = format!("{domain} {} {}", thing(kind, i), i + 1);
        let id = new_id(&name);
        services.push(Service {
            id,
            name,
            kind,
            owner: owner.map(|t| teams[t].id.clone()),
            x: None,
            y: None,
            description: String::new(),
        });
        owner_of.push(owner);
    }
    let by_team: Vec<Vec<usize>> = (0..team_count)
        .map(|t| (0..n).filter(|&i| owner_of[i] == Some(t)).collect())
        .collect();
    let platform_services: Vec<usize> = platform
        .iter()
        .flat_map(|&t| by_team[t].iter().copied())
        .collect();
    let kind_of = |i: usize| services[i].kind;

    // Links: about three per service, mostly inside the team, some to the
    // platform, some across to a neighbouring team.
    let mut keys: HashSet<(usize, usize, LinkKind)> = HashSet::new();
    let mut links = Vec::with_capacity(n * 3);
    let mut add_link = |from: usize, to: usize, kind: LinkKind, links: &mut Vec<Link>| {
        if from != to && keys.insert((from, to, kind)) {
            links.push(Link {
                from: services[from].id.clone(),
                to: services[to].id.clone(),
                kind,
                label: String::new(),
            });
        }
    };
    for (from, owner) in owner_of.iter().enumerate() {
        let out = match kind_of(from) {
            ServiceKind::Datastore | ServiceKind::External => 0,
            ServiceKind::Frontend | ServiceKind::Gateway => 3,
            _ => rng.random_range(3..=6),
        };
        let home = owner.unwrap_or(from % team_count);
        for _ in 0..out {
            // Within the team anything goes; across teams, most integration
            // is by events, platform APIs are called, and only now and then
            // does someone read another team's database (the sprinkling of
            // data silos and sync coupling the rules should find).
            let r = rng.random_range(0..100);
            let (pool, across): (&[usize], bool) = if r < 65 {
                (&by_team[home], false)
            } else if r < 80 && !platform_services.is_empty() {
                (&platform_services, false)
            } else {
                let t = (home + rng.random_range(1..=3)) % team_count;
                (&by_team[t], true)
            };
            let Some(&to) = pool.choose(&mut rng) else {
                continue;
            };
            let roll = rng.random_range(0..100);
            let kind = match (kind_of(to), across) {
                (ServiceKind::Datastore, false) => LinkKind::Data,
                (ServiceKind::Datastore, true) if roll < 10 => LinkKind::Data,
                (ServiceKind::Datastore, true) => continue,
                (_, false) if roll < 75 => LinkKind::Sync,
                (_, false) => LinkKind::Event,
                (_, true) if roll < 20 => LinkKind::Sync,
                (_, true) => LinkKind::Event,
            };
            add_link(from, to, kind, &mut links);
        }
    }
    // Legacy is mostly reached through an adapter, but not always.
    let acls: Vec<usize> = (0..n).filter(|&i| kind_of(i) == ServiceKind::Acl).collect();
    for legacy in (0..n).filter(|&i| kind_of(i) == ServiceKind::Legacy) {
        if let Some(&acl) = acls.choose(&mut rng) {
            add_link(acl, legacy, LinkKind::Sync, &mut links);
        }
    }

    // Streams: from a frontend (or any service), through services of the
    // stream's team and those its services call, 3 to 12 steps.
    let mut calls: Vec<Vec<usize>> = vec![Vec::new(); n];
    {
        let index: std::collections::HashMap<&Id, usize> = services
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, i))
            .collect();
        for link in &links {
            if let (Some(&a), Some(&b)) = (index.get(&link.from), index.get(&link.to)) {
                calls[a].push(b);
            }
        }
    }
    let frontends: Vec<usize> = (0..n)
        .filter(|&i| kind_of(i) == ServiceKind::Frontend)
        .collect();
    let stream_count = options.stream_count();
    let mut streams = Vec::with_capacity(stream_count);
    for s in 0..stream_count {
        let owner = if aligned.is_empty() {
            s % team_count
        } else {
            aligned[s % aligned.len()]
        };
        let start = by_team[owner]
            .iter()
            .copied()
            .find(|&i| kind_of(i) == ServiceKind::Frontend)
            .or_else(|| frontends.choose(&mut rng).copied())
            .unwrap_or(s % n);
        let length = rng.random_range(3..=12).min(n);
        let mut steps = vec![start];
        let mut on: HashSet<usize> = HashSet::from([start]);
        while steps.len() < length {
            let last = steps[steps.len() - 1];
            let next = calls[last]
                .iter()
                .copied()
                .filter(|i| !on.contains(i))
                .collect::<Vec<_>>()
                .choose(&mut rng)
                .copied()
                .or_else(|| {
                    by_team[owner]
                        .iter()
                        .copied()
                        .filter(|i| !on.contains(i))
                        .collect::<Vec<_>>()
                        .choose(&mut rng)
                        .copied()
                })
                .or_else(|| (0..n).find(|i| !on.contains(i)));
            let Some(next) = next else { break };
            on.insert(next);
            steps.push(next);
        }
        let domain = DOMAINS[owner % DOMAINS.len()];
        let verb = ["Buy", "Renew", "Return", "Open", "Track", "Change"][s % 6];
        let name = format!("{verb} {} {}", domain.to_lowercase(), s + 1);
        let id = new_id(&name);
        // One stream in thirty has no owner, one in twenty no description.
        let owned = !rng.random_ratio(1, 30);
        let described = !rng.random_ratio(1, 20);
        streams.push(Stream {
            id,
            name,
            owner: owned.then(|| teams[owner].id.clone()),
            customer: if described {
                "Customer".to_string()
            } else {
                String::new()
            },
            description: if described {
                format!("A generated journey through {} services.", steps.len())
            } else {
                String::new()
            },
            color: None,
            steps: steps
                .iter()
                .map(|&i| Step {
                    service: services[i].id.clone(),
                    stage: String::new(),
                    work: None,
                    wait: None,
                    complete_accurate: None,
                })
                .collect(),
        });
    }

    let mut map = Map {
        schema: String::new(),
        name: format!(
            "Generated organisation ({n} services, seed {})",
            options.seed
        ),
        description: "A synthetic map made by `vsmap generate` for trying the tool at scale."
            .to_string(),
        reviewed: jiff::civil::Date::new(2026, 1, 1).ok(),
        teams,
        services,
        links,
        streams,
        settings: Default::default(),
        allow: Vec::new(),
    };
    map.canonicalize();
    // Laid out after sorting, so positions follow the ids the file keeps.
    crate::edit::tidy::tidy_map(&mut map, crate::edit::tidy::Scope::All);
    // As a loaded map's are: the benchmarks measure the maps users open.
    map.share_ids();
    map
}

/// A copy of `map` with `percent` per cent of its services renamed, of its
/// links replaced by others, and of its ownerships moved to another team: the
/// "proposed" side of a diff benchmark. Deterministic for a given seed.
pub fn vary(map: &Map, percent: u32, seed: u64) -> Map {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = map.clone();
    let n = out.services.len();
    if n == 0 {
        return out;
    }
    let share = |len: usize| (len * percent as usize).div_ceil(100);
    for _ in 0..share(n) {
        let i = rng.random_range(0..n);
        out.services[i].name.push_str(" (renamed)");
    }
    if !out.teams.is_empty() {
        for _ in 0..share(n) {
            let i = rng.random_range(0..n);
            let t = rng.random_range(0..out.teams.len());
            out.services[i].owner = Some(out.teams[t].id.clone());
        }
    }
    let mut keys: HashSet<(Id, Id, LinkKind)> = out
        .links
        .iter()
        .map(|l| (l.from.clone(), l.to.clone(), l.kind))
        .collect();
    for _ in 0..share(out.links.len()) {
        let i = rng.random_range(0..out.links.len());
        let old = out.links.swap_remove(i);
        keys.remove(&(old.from, old.to, old.kind));
        let (a, b) = (rng.random_range(0..n), rng.random_range(0..n));
        let (from, to) = (out.services[a].id.clone(), out.services[b].id.clone());
        if a != b && keys.insert((from.clone(), to.clone(), LinkKind::Event)) {
            out.links.push(Link {
                from,
                to,
                kind: LinkKind::Event,
                label: String::new(),
            });
        }
    }
    out.canonicalize();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_maps_are_valid_and_deterministic() {
        for services in [1, 7, 50, 500] {
            let options = GenerateOptions::with_services(services);
            let map = generate(&options);
            assert_eq!(map.services.len(), services);
            let json = crate::io::to_canonical_json(&map);
            let loaded = crate::io::from_json(json.as_bytes())
                .unwrap_or_else(|e| panic!("{services} services: {e}"));
            assert_eq!(loaded, map);
            assert_eq!(crate::io::to_canonical_json(&generate(&options)), json);
        }
        let other = GenerateOptions {
            seed: 2,
            ..GenerateOptions::with_services(50)
        };
        assert_ne!(
            generate(&other),
            generate(&GenerateOptions::with_services(50))
        );
    }

    #[test]
    fn a_varied_copy_differs_by_about_the_share_asked_for() {
        let map = generate(&GenerateOptions::with_services(1000));
        let varied = vary(&map, 5, 3);
        crate::io::from_json(crate::io::to_canonical_json(&varied).as_bytes()).unwrap();
        let renamed = map
            .services
            .iter()
            .zip(&varied.services)
            .filter(|(a, b)| a.name != b.name)
            .count();
        assert!((30..=50).contains(&renamed), "{renamed} renamed");
        let moved = map
            .services
            .iter()
            .zip(&varied.services)
            .filter(|(a, b)| a.owner != b.owner)
            .count();
        assert!((30..=50).contains(&moved), "{moved} owners moved");
        assert_eq!(varied, vary(&map, 5, 3));
    }

    #[test]
    fn a_generated_organisation_has_the_requested_shape() {
        let map = generate(&GenerateOptions {
            services: 1000,
            teams: Some(100),
            streams: Some(60),
            seed: 7,
        });
        assert_eq!(map.teams.len(), 100);
        assert_eq!(map.streams.len(), 60);
        let per_service = map.links.len() as f64 / 1000.0;
        assert!(
            (2.0..=4.0).contains(&per_service),
            "{per_service} links per service"
        );
        for stream in &map.streams {
            assert!((3..=12).contains(&stream.steps.len()), "{}", stream.id);
        }
        assert!(map.services.iter().all(|s| s.x.is_some() && s.y.is_some()));
    }

    #[test]
    fn every_kind_of_anti_pattern_is_sprinkled_in() {
        let map = generate(&GenerateOptions::with_services(2000));
        let today = jiff::civil::Date::new(2026, 11, 24).unwrap();
        let findings = crate::analysis::analyze_on(&map, today);
        let fired: HashSet<&str> = findings.iter().map(|f| f.rule).collect();
        for rule in [
            "unowned-service",
            "missing-acl",
            "shared-service",
            "data-silo",
            "one-hop",
            "two-pizza",
            "team-overload",
            "blast-radius",
            "unowned-stream",
            "undescribed-stream",
            "stale-map",
        ] {
            assert!(fired.contains(rule), "{rule} never fires; fired: {fired:?}");
        }
    }
}
