//! `orphan-service`: a service outside every flow.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::{MapIndex, ServiceIx};
use crate::analysis::rule::Rule;
use crate::model::ServiceKind;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "orphan-service",
    title: "Service outside every value stream",
    severity: Severity::Info,
    explanation: "Value streams evolve: a service that was critical last quarter may serve no \
        flow today. A service that is on no stream and is not linked to anything on a stream is \
        either missing from the map or no longer needed, and in both cases it still costs \
        maintenance and onboarding time.",
    hint: "Add the service to the stream it serves, or link it to the services that use it; if it \
        serves no flow any more, plan to deprecate it.",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    let on_stream = |s: ServiceIx| !ix.service_streams[s].is_empty();
    for (s, service) in ix.services() {
        if service.kind == ServiceKind::External || !ix.service_streams[s].is_empty() {
            continue;
        }
        let (outgoing, incoming) = (&ix.links_out[s], &ix.links_in[s]);
        let touches_flow = outgoing.iter().any(|&l| on_stream(ix.links[l].to))
            || incoming.iter().any(|&l| on_stream(ix.links[l].from));
        if touches_flow {
            continue;
        }
        // Say which case it is: a service with links may only be linked to
        // other services off every stream, and reads as wired in on the canvas.
        let message = if outgoing.is_empty() && incoming.is_empty() {
            format!("{} is on no value stream and has no links", service.name)
        } else {
            format!(
                "{} is on no value stream, and neither is any service it is linked to",
                service.name
            )
        };
        out.push(RULE.finding(vec![service.id.clone()], message));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::{LinkKind as L, ServiceKind as K};

    #[test]
    fn fires_on_services_disconnected_from_every_stream() {
        let map = builder()
            .sa("a")
            .svc("on", "a")
            .svc("feeds", "a")
            .svc("fed", "a")
            .svc("lost", "a")
            .svc("lost-friend", "a")
            .service("vendor", K::External, None)
            .link("feeds", "on", L::Event)
            .link("on", "fed", L::Data)
            .link("lost", "lost-friend", L::Sync)
            .svc("alone", "a")
            .stream("s", Some("a"), &["on"])
            .build();
        assert_eq!(
            subjects_of(&map, "orphan-service"),
            [["alone"], ["lost"], ["lost-friend"]]
        );
        let messages: Vec<String> = findings_of(&map, "orphan-service")
            .into_iter()
            .map(|f| f.message)
            .collect();
        assert_eq!(
            messages,
            [
                "Svc alone is on no value stream and has no links",
                "Svc lost is on no value stream, and neither is any service it is linked to",
                "Svc lost-friend is on no value stream, and neither is any service it is linked to",
            ]
        );
    }
}
