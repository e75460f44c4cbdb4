//! Unit tests of the Backstage importer (kept apart: the importer is long enough).
use super::build::team_type;
use super::entity::{Reference, parse_reference};
use crate::model::TeamType;

#[test]
fn references_parse_in_every_form() {
    let r = |t: &str| parse_reference(t, "ns");
    let full = |k: Option<&str>, n: &str, m: &str| Reference {
        kind: k.map(String::from),
        namespace: n.into(),
        name: m.into(),
    };
    assert_eq!(
        r("group:default/team-a"),
        Some(full(Some("group"), "default", "team-a"))
    );
    assert_eq!(
        r("Group:Default/Team-A"),
        Some(full(Some("group"), "default", "team-a"))
    );
    assert_eq!(r("team-a"), Some(full(None, "ns", "team-a")));
    assert_eq!(
        r("component:payments"),
        Some(full(Some("component"), "ns", "payments"))
    );
    assert_eq!(r("other/payments"), Some(full(None, "other", "payments")));
    for bad in ["", ":x", "a:", "a:/b", "a:b/", "a:b/c/d", "a:b:c"] {
        assert_eq!(r(bad), None, "{bad:?}");
    }
}

#[test]
fn team_types_map_where_they_name_one() {
    assert_eq!(team_type("team"), TeamType::StreamAligned);
    assert_eq!(team_type("Platform-Team"), TeamType::Platform);
    assert_eq!(team_type("platform"), TeamType::Platform);
    assert_eq!(team_type("enabling team"), TeamType::Enabling);
    assert_eq!(
        team_type("complicated_subsystem"),
        TeamType::ComplicatedSubsystem
    );
    assert_eq!(team_type("business-unit"), TeamType::StreamAligned);
    assert_eq!(team_type(""), TeamType::StreamAligned);
}
