//! `shared-service`: platform as an enabler. A service many streams share
//! goes to a platform team that serves the streams as internal customers
//! through a stable API: the first platform team of the map, or, where it
//! has none, a new one.

use crate::fix::builder::FixBuilder;
use crate::fix::fix::Fix;
use crate::fix::naming::{service_name, team_name};
use crate::model::{Id, Map, TeamType};

/// The fix for a `shared-service` finding on `service`.
pub(crate) fn fixes(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let [service] = subjects else {
        return Vec::new();
    };
    let name = service_name(map, service);
    let mut b = FixBuilder::new(map);
    let title = match map.teams.iter().find(|t| t.team_type == TeamType::Platform) {
        Some(platform) => {
            b.set_service_owner(service, Some(platform.id.clone()));
            format!(
                "Platform as an enabler: hand {name} to {}",
                team_name(map, &platform.id)
            )
        }
        None => {
            let platform = b.add_team("Platform", TeamType::Platform);
            b.set_service_owner(service, Some(platform));
            format!("Platform as an enabler: hand {name} to a new platform team, Platform")
        }
    };
    if b.is_empty() {
        return Vec::new();
    }
    vec![Fix::edits("shared-service", subjects, title, b.finish())]
}
