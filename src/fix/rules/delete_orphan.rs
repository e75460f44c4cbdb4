//! `orphan-service`: a service outside every flow is either missing from a
//! stream (the user adds the step) or no longer part of the architecture.
//! The fix deletes it with its links, and says so before it is applied;
//! a drafted proposal leaves it out unless asked (see `draft`).

use std::collections::BTreeSet;

use crate::edit::ops;
use crate::fix::fix::Fix;
use crate::fix::naming::service_name;
use crate::model::{Id, Map};

/// The fix for an `orphan-service` finding on `service`.
pub(crate) fn fixes(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let [service] = subjects else {
        return Vec::new();
    };
    if map.service(service.as_str()).is_none() {
        return Vec::new();
    }
    let name = service_name(map, service);
    let links = map
        .links
        .iter()
        .filter(|l| &l.from == service || &l.to == service)
        .count();
    let mut removes = vec![format!("the service {name}")];
    if links > 0 {
        removes.push(format!(
            "its {}",
            if links == 1 {
                "link".to_string()
            } else {
                format!("{links} links")
            }
        ));
    }
    vec![Fix {
        removes,
        ..Fix::edits(
            "orphan-service",
            subjects,
            format!("Delete {name}: it is on no stream"),
            ops::delete_services(map, &BTreeSet::from([service.clone()])),
        )
    }]
}
