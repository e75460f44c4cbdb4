//! Importers: every Backstage mapping rule and reference form, a realistic
//! catalog, Structurizr workspaces at both levels, the CLI's report, and
//! broken or hostile input.

mod common;
use common::*;

use std::path::{Path, PathBuf};

use vsmap::io::import::backstage::{self, BackstageOptions, CatalogFile};
use vsmap::io::import::structurizr::{self, Level, StructurizrOptions};
use vsmap::io::import::{ImportError, Imported};
use vsmap::model::{LinkKind, Map, ServiceKind, TeamType};

fn fixture(path: &str) -> PathBuf {
    root().join("tests/fixtures/import").join(path)
}

fn import_backstage(paths: &[PathBuf], options: &BackstageOptions) -> Imported {
    backstage::import_paths(paths, options).unwrap()
}

fn rules(options: &BackstageOptions) -> Imported {
    import_backstage(&[fixture("backstage/rules")], options)
}

fn owner<'m>(map: &'m Map, service: &str) -> Option<&'m str> {
    map.service(service)
        .unwrap_or_else(|| panic!("no service {service}"))
        .owner
        .as_ref()
        .map(|o| o.as_str())
}

fn link(map: &Map, from: &str, to: &str) -> Option<(LinkKind, String)> {
    let found: Vec<_> = map
        .links
        .iter()
        .filter(|l| l.from == from && l.to == to)
        .collect();
    assert!(found.len() <= 1, "{found:?}");
    found.first().map(|l| (l.kind, l.label.clone()))
}

fn issues_of(imported: &Imported, entity: &str) -> Vec<String> {
    imported
        .report
        .issues
        .iter()
        .filter(|i| i.entity == entity)
        .map(|i| format!("{}: {}", i.field, i.message))
        .collect()
}

fn assert_valid(map: &Map) {
    let problems = vsmap::model::validate(map, vsmap::analysis::is_rule_id);
    assert!(problems.is_empty(), "{problems:?}");
    // And it survives the file format unchanged.
    let json = vsmap::io::to_canonical_json(map);
    let reloaded = vsmap::io::from_json(json.as_bytes()).unwrap();
    assert_eq!(&reloaded, map);
}

#[test]
fn groups_become_teams_with_type_name_and_members() {
    let Imported { map, .. } = rules(&BackstageOptions::default());
    assert_valid(&map);
    let team = |id: &str| map.team(id).unwrap_or_else(|| panic!("no team {id}"));
    assert_eq!(team("team-a").name, "Team A", "metadata.title");
    assert_eq!(team("team-a").team_type, TeamType::StreamAligned);
    // alice and bob listed in spec.members, carol by her spec.memberOf.
    assert_eq!(team("team-a").members, Some(3));
    assert_eq!(
        team("platform-team").name,
        "The Platform",
        "spec.profile.displayName"
    );
    assert_eq!(team("platform-team").team_type, TeamType::Platform);
    assert_eq!(team("platform-team").members, None);
    assert_eq!(team("enablers").team_type, TeamType::Enabling);
    assert_eq!(team("experts").team_type, TeamType::ComplicatedSubsystem);
    // A business unit is above teams, not a team.
    assert!(map.team("org").is_none(), "a business unit is no team");
    // A group named like a component: the service keeps the plain id.
    assert_eq!(team("payments-team").name, "payments");
    assert!(map.service("payments").is_some());
    // The same name in another namespace is qualified with it.
    assert_eq!(team("billing-team-a").team_type, TeamType::Platform);
}

#[test]
fn components_and_databases_become_services_with_kinds_and_owners() {
    let Imported { map, report } = rules(&BackstageOptions::default());
    let kind = |id: &str| map.service(id).unwrap().kind;
    assert_eq!(kind("web-shop"), ServiceKind::Frontend, "website");
    assert_eq!(map.service("web-shop").unwrap().name, "Web Shop");
    assert_eq!(
        map.service("web-shop").unwrap().description,
        "Where customers buy."
    );
    assert_eq!(kind("checkout"), ServiceKind::Service, "service");
    assert_eq!(
        kind("orders-db"),
        ServiceKind::Datastore,
        "database resource"
    );
    assert!(map.service("ledger-lib").is_none(), "libraries are skipped");
    // A resource something depends on is kept: a service of the team
    // that owns it (external when no team of the catalog does).
    assert_eq!(
        kind("assets-bucket"),
        ServiceKind::Service,
        "a bucket reporting depends on, owned by the platform team"
    );
    assert_eq!(owner(&map, "assets-bucket"), Some("platform-team"));
    // The first definition of a repeated entity wins (a service, not a website).
    assert_eq!(kind("auth"), ServiceKind::Service);

    // Every owner reference form.
    assert_eq!(owner(&map, "web-shop"), Some("team-a"), "bare name");
    assert_eq!(
        owner(&map, "checkout"),
        Some("team-a"),
        "group:default/team-a"
    );
    assert_eq!(
        owner(&map, "auth"),
        Some("platform-team"),
        "default/platform-team"
    );
    assert_eq!(
        owner(&map, "payments"),
        Some("team-a"),
        "user:alice's group"
    );
    assert_eq!(owner(&map, "orders-db"), Some("team-a"), "resource owner");
    assert_eq!(
        owner(&map, "billing-checkout"),
        Some("billing-team-a"),
        "a bare name resolves in the entity's own namespace"
    );
    assert_eq!(owner(&map, "orphan-job"), None, "a user in no group");
    assert_eq!(owner(&map, "mystery"), None, "an unknown group");
    assert_eq!(owner(&map, "nobody-owns-me"), None);

    let skipped: Vec<(&str, usize)> = report
        .skipped
        .iter()
        .map(|s| (s.kind.as_str(), s.entities.len()))
        .collect();
    for expected in [
        ("api", 3),
        ("component (type library)", 1),
        ("domain", 1),
        ("location", 1),
        ("group (type business-unit)", 1),
        ("system", 2),
        ("user", 3),
        ("YAML document", 1),
    ] {
        assert!(skipped.contains(&expected), "{expected:?} in {skipped:?}");
    }
}

#[test]
fn libraries_are_imported_when_asked() {
    let Imported { map, report } = rules(&BackstageOptions {
        include_libraries: true,
        ..BackstageOptions::default()
    });
    assert_valid(&map);
    assert_eq!(
        map.service("ledger-lib").unwrap().kind,
        ServiceKind::Service
    );
    assert_eq!(
        link(&map, "payments", "ledger-lib").unwrap().0,
        LinkKind::Sync
    );
    assert!(!report.skipped.iter().any(|s| s.kind.contains("library")));
}

#[test]
fn dependencies_and_apis_become_links() {
    let Imported { map, .. } = rules(&BackstageOptions::default());
    // dependsOn component:checkout and consumesApis orders-api (provided by
    // checkout) give one link, labelled with the API's title.
    assert_eq!(
        link(&map, "web-shop", "checkout"),
        Some((LinkKind::Sync, "Orders API".into()))
    );
    assert_eq!(
        link(&map, "checkout", "orders-db").unwrap().0,
        LinkKind::Data,
        "dependsOn a database"
    );
    assert_eq!(
        link(&map, "checkout", "payments").unwrap().0,
        LinkKind::Sync,
        "Component:Default/Payments, any case"
    );
    assert_eq!(
        link(&map, "mystery", "auth"),
        Some((LinkKind::Sync, "auth-api".into())),
        "consumesApis with a bare name, provided as api:default/auth-api"
    );
    assert_eq!(
        link(&map, "reporting", "orders-db").unwrap().0,
        LinkKind::Data,
        "dependencyOf on the database"
    );
    assert_eq!(
        link(&map, "billing-checkout", "checkout").unwrap().0,
        LinkKind::Sync,
        "across namespaces"
    );
    assert_eq!(
        link(&map, "reporting", "assets-bucket").map(|l| l.0),
        Some(LinkKind::Sync),
        "a dependency on a resource that is not a database is kept"
    );
    assert!(
        map.links.iter().all(|l| l.from != l.to),
        "no self links (billing/checkout depends on itself by a bare name)"
    );
    assert_eq!(map.links.len(), 7, "{:#?}", map.links);
    assert!(
        map.streams.is_empty(),
        "systems only become streams when asked"
    );
}

#[test]
fn unresolved_references_are_reported_with_file_entity_and_field() {
    let Imported { report, .. } = rules(&BackstageOptions::default());
    let file = fixture("backstage/rules/catalog-info.yaml");
    assert!(report.issues.iter().all(|i| i.file == file), "{report}");
    let mystery = issues_of(
        &Imported {
            map: Map::default(),
            report: report.clone(),
        },
        "component:default/mystery",
    );
    assert_eq!(mystery.len(), 4, "{mystery:#?}");
    assert!(mystery[0].starts_with("spec.consumesApis[1]: unknown API \"missing-api\""));
    assert!(
        mystery[1].starts_with(
            "spec.consumesApis[2]: the API api:default/unprovided-api has no provider"
        )
    );
    assert!(mystery[2].starts_with("spec.dependsOn[0]: \"system:shop\" is a system"));
    assert!(mystery[3].starts_with("spec.owner: unknown owner \"nobody-team\""));
    let all: Vec<String> = report
        .issues
        .iter()
        .map(|i| format!("{} {} {}", i.entity, i.field, i.message))
        .collect();
    let has = |needle: &str| all.iter().any(|i| i.contains(needle));
    assert!(
        has("component:default/payments spec.dependsOn[1] dangling dependency \"ghost-service\""),
        "{all:#?}"
    );
    assert!(has(
        "component:default/orphan-job spec.owner the owner \"user:drifter\" is a user in no known group"
    ));
    assert!(has("component (document 28) metadata.name missing"));
    // An entity defined twice has its own heading, not "not resolved".
    assert!(!has("defined again"));
    assert_eq!(report.duplicates.len(), 1);
    let twice = &report.duplicates[0];
    assert_eq!(
        (twice.entity.as_str(), twice.field.as_str()),
        ("component:default/auth", "metadata.name")
    );
    assert!(twice.message.starts_with("defined again in document 30"));
    assert_eq!(all.len(), 7, "{all:#?}");
    let mut sorted = report.issues.clone();
    sorted.sort();
    assert_eq!(sorted, report.issues, "the report is sorted");
}

#[test]
fn systems_become_draft_streams_in_dependency_order() {
    let Imported { map, report } = rules(&BackstageOptions {
        systems_as_streams: true,
        ..BackstageOptions::default()
    });
    assert_valid(&map);
    assert_eq!(map.streams.len(), 1, "the empty system is skipped");
    let shop = map.stream("shop").unwrap();
    assert_eq!(shop.name, "The Shop");
    assert_eq!(shop.owner.as_ref().unwrap().as_str(), "team-a");
    let steps: Vec<&str> = shop.steps.iter().map(|s| s.service.as_str()).collect();
    assert_eq!(steps, ["web-shop", "checkout", "payments"], "callers first");
    assert!(shop.description.contains("imported") && shop.description.contains("check"));
    assert!(
        report
            .skipped
            .iter()
            .any(|s| s.kind == "system" && s.entities == ["system:default/empty-system"])
    );
}

#[test]
fn a_realistic_catalog_imports_whole_with_its_ownership_problems() {
    let dir = fixture("backstage/realistic");
    let Imported { map, report } =
        import_backstage(std::slice::from_ref(&dir), &BackstageOptions::default());
    assert_valid(&map);
    assert_eq!(report.files, 8, "subfolders, .yaml and .yml");
    assert_eq!(map.teams.len(), 9);
    assert_eq!(map.services.len(), 24);
    assert_eq!(map.links.len(), 28);
    assert_eq!(map.team("team-a"), None);
    assert_eq!(map.team("checkout-team").unwrap().members, Some(2));
    assert_eq!(
        map.team("search-experts").unwrap().team_type,
        TeamType::ComplicatedSubsystem
    );
    assert_eq!(map.service("legacy-erp").unwrap().kind, ServiceKind::Legacy);
    assert_eq!(
        link(&map, "mobile-app", "customer-profile").unwrap().1,
        "profile-api"
    );
    assert_eq!(report.issues.len(), 1, "{report}");
    assert!(report.issues[0].message.contains("growth-team"));

    let findings = vsmap::analysis::analyze(&map);
    let fired = |rule: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.subjects[0].to_string())
            .collect()
    };
    assert_eq!(
        fired("unowned-service"),
        ["legacy-erp", "recommendations", "tracking"]
    );
    assert_eq!(
        fired("blast-radius"),
        ["customer-profile"],
        "the service every team depends on"
    );
}

#[test]
fn the_same_catalog_gives_the_same_map_whatever_the_order() {
    let dir = fixture("backstage/realistic");
    let mut files = backstage::find_catalog_files(std::slice::from_ref(&dir)).unwrap();
    let read = |files: &[PathBuf]| -> Vec<CatalogFile> {
        files
            .iter()
            .map(|p| CatalogFile {
                path: p.clone(),
                bytes: std::fs::read(p).unwrap(),
            })
            .collect()
    };
    let options = BackstageOptions {
        systems_as_streams: true,
        ..BackstageOptions::default()
    };
    let forward = backstage::import_files(&read(&files), &options).unwrap();
    files.reverse();
    let mut reversed_sources = read(&files);
    // Given twice, read once.
    reversed_sources.push(reversed_sources[0].clone());
    let backward = backstage::import_files(&reversed_sources, &options).unwrap();
    assert_eq!(forward, backward);
    // Paths given as files in another order, and the folder itself.
    let by_path = import_backstage(&files, &options);
    let by_folder = import_backstage(&[dir], &options);
    assert_eq!(
        vsmap::io::to_canonical_json(&by_path.map),
        vsmap::io::to_canonical_json(&by_folder.map)
    );
    assert_eq!(by_path.report, by_folder.report);
}

#[test]
fn ids_stay_unique_when_names_collide() {
    let file = |path: &str, text: &str| CatalogFile {
        path: PathBuf::from(path),
        bytes: text.as_bytes().to_vec(),
    };
    let text = "\
kind: Group\nmetadata: {name: orders}\n---\n\
kind: Component\nmetadata: {name: orders}\nspec: {owner: orders}\n---\n\
kind: Component\nmetadata: {name: Orders_}\nspec: {owner: orders}\n---\n\
kind: Component\nmetadata: {name: orders-team}\n---\n\
kind: Resource\nmetadata: {name: orders}\nspec: {type: database, owner: orders}\n---\n\
kind: Component\nmetadata: {name: orders, namespace: eu}\nspec: {owner: group:default/orders}\n";
    let imported =
        backstage::import_files(&[file("c.yaml", text)], &BackstageOptions::default()).unwrap();
    assert_valid(&imported.map);
    let mut ids: Vec<&str> = imported
        .map
        .services
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    ids.extend(imported.map.teams.iter().map(|t| t.id.as_str()));
    ids.sort();
    assert_eq!(ids.len(), 6);
    ids.dedup();
    assert_eq!(ids.len(), 6, "{ids:?}");
    assert!(ids.contains(&"eu-orders"), "{ids:?}");
}

#[test]
fn structurizr_systems_become_services_placed_as_in_the_landscape() {
    let path = fixture("structurizr/workspace.json");
    let Imported { map, report } =
        structurizr::import_path(&path, &StructurizrOptions::default()).unwrap();
    assert_valid(&map);
    assert_eq!(map.name, "Big Bank plc");
    let ids: Vec<&str> = map.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "e-mail-system",
            "internet-banking-system",
            "mainframe-banking-system"
        ]
    );
    let banking = map.service("internet-banking-system").unwrap();
    assert_eq!(
        (banking.x, banking.y),
        (Some(400.0), Some(300.0)),
        "the landscape view comes first"
    );
    assert_eq!(
        owner(&map, "internet-banking-system"),
        Some("digital-team"),
        "Owner property"
    );
    assert_eq!(
        owner(&map, "e-mail-system"),
        Some("messaging-team"),
        "Owner perspective"
    );
    assert_eq!(owner(&map, "mainframe-banking-system"), None);
    assert_eq!(
        map.service("e-mail-system").unwrap().kind,
        ServiceKind::External
    );
    assert_eq!(
        map.service("mainframe-banking-system").unwrap().kind,
        ServiceKind::Legacy
    );
    assert_eq!(
        link(&map, "internet-banking-system", "e-mail-system"),
        Some((LinkKind::Event, "Sends e-mail using".into())),
        "Asynchronous, from the system and lifted from its container: one link"
    );
    assert_eq!(
        link(&map, "internet-banking-system", "mainframe-banking-system")
            .unwrap()
            .0,
        LinkKind::Sync
    );
    assert_eq!(map.links.len(), 2);
    assert_eq!(report.positioned, 3);
    assert_eq!(report.issues.len(), 1);
    assert_eq!(
        report.issues[0].field,
        "model.softwareSystems[0].containers[1].relationships[3].destinationId"
    );
}

#[test]
fn structurizr_containers_become_services_at_container_level() {
    let path = fixture("structurizr/workspace.json");
    let options = StructurizrOptions {
        name: Some("Banking".into()),
        level: Level::Container,
        exclude_tags: Vec::new(),
    };
    let Imported { map, report } = structurizr::import_path(&path, &options).unwrap();
    assert_valid(&map);
    assert_eq!(map.name, "Banking");
    let ids: Vec<&str> = map.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "api-application",
            "database",
            "e-mail-system",
            "mainframe-banking-system",
            "web-application"
        ],
        "containers, and the systems that have none"
    );
    assert_eq!(
        map.service("database").unwrap().kind,
        ServiceKind::Datastore
    );
    assert_eq!(
        map.service("web-application").unwrap().kind,
        ServiceKind::Frontend
    );
    assert_eq!(
        owner(&map, "database"),
        Some("data-team"),
        "its own Team property"
    );
    assert_eq!(
        owner(&map, "api-application"),
        Some("digital-team"),
        "its system's owner"
    );
    assert_eq!(
        link(&map, "api-application", "database"),
        Some((
            LinkKind::Data,
            "Reads from and writes to; Reads users from".into()
        )),
        "a component's relationship counts for its container (into a database: data)"
    );
    assert_eq!(
        link(&map, "api-application", "e-mail-system").unwrap().0,
        LinkKind::Event
    );
    assert_eq!(map.links.len(), 4);
    let web = map.service("web-application").unwrap();
    assert_eq!((web.x, web.y), (Some(150.0), Some(200.0)));
    assert!(
        report
            .skipped
            .iter()
            .any(|s| s.reason.contains("has containers")
                && s.entities
                    == [
                        "Internet Banking System -> E-mail System",
                        "Internet Banking System -> Mainframe Banking System"
                    ]),
        "skipped relationships are named by their elements: {:?}",
        report.skipped
    );
}

fn temp_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn malformed_yaml_names_the_file_and_line() {
    let path = fixture("backstage/broken/malformed.yaml");
    let err = backstage::import_paths(std::slice::from_ref(&path), &BackstageOptions::default())
        .unwrap_err();
    let ImportError::Malformed {
        location: Some((line, _)),
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert!((7..=8).contains(line), "{err}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}:{line}:", path.display())),
        "{message}"
    );
    assert!(message.contains("malformed YAML"), "{message}");
}

#[test]
fn malformed_and_misshapen_json_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let broken = temp_file(
        dir.path(),
        "w.json",
        "{\n  \"model\": {\n    \"softwareSystems\": [ {\"id\": \"1\",, } ]\n}\n",
    );
    let err = structurizr::import_path(&broken, &StructurizrOptions::default()).unwrap_err();
    assert!(
        matches!(
            err,
            ImportError::Malformed {
                location: Some((3, _)),
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("w.json:3:"), "{err}");
    let misshapen = temp_file(
        dir.path(),
        "m.json",
        "{\"model\": {\"softwareSystems\": [\n {\"id\": \"1\", \"name\": 5}]}}",
    );
    let err = structurizr::import_path(&misshapen, &StructurizrOptions::default()).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("m.json:2:") && message.contains("model.softwareSystems[0].name"),
        "{message}"
    );
    let trailing = temp_file(dir.path(), "t.json", "{}\n{}");
    assert!(structurizr::import_path(&trailing, &StructurizrOptions::default()).is_err());
    // Deep nesting is an error, not a stack overflow.
    let deep = temp_file(
        dir.path(),
        "d.json",
        &format!("{{\"model\": {}", "[".repeat(100_000)),
    );
    assert!(structurizr::import_path(&deep, &StructurizrOptions::default()).is_err());
}

#[test]
fn files_of_64_mib_or_more_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    // Sparse: no 64 MiB are written.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(64 * 1024 * 1024).unwrap();
    let started = std::time::Instant::now();
    let err = backstage::import_paths(std::slice::from_ref(&path), &BackstageOptions::default())
        .unwrap_err();
    assert!(matches!(err, ImportError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("64 MiB"), "{err}");
    let err = structurizr::import_path(&path, &StructurizrOptions::default()).unwrap_err();
    assert!(matches!(err, ImportError::TooLarge { .. }), "{err}");
    assert!(started.elapsed().as_secs() < 5);
    // Just under the limit is read (and found not to be a catalog entity).
    file.set_len(64 * 1024 * 1024 - 1).unwrap();
    assert!(!matches!(
        backstage::import_paths(&[path], &BackstageOptions::default()),
        Err(ImportError::TooLarge { .. })
    ));
}

#[test]
fn a_billion_laughs_is_refused_with_a_message() {
    let path = fixture("backstage/broken/laughs.yaml");
    let started = std::time::Instant::now();
    let err = backstage::import_paths(&[path], &BackstageOptions::default()).unwrap_err();
    assert!(matches!(err, ImportError::AliasExpansion { .. }), "{err}");
    assert!(err.to_string().contains("billion laughs"), "{err}");
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn hostile_catalogs_never_panic() {
    let inputs = [
        "",
        "~",
        "- 1\n- 2\n",
        "kind: [a]\nmetadata: {name: x}\n",
        "kind: Component\nmetadata: {name: {a: b}}\n",
        "kind: Component\nmetadata: {name: x}\nspec: {owner: [a], dependsOn: {a: b}, consumesApis: 5, providesApis: [[1]]}\n",
        "kind: Component\nmetadata: {name: x}\nspec: {owner: 'user:', dependsOn: ['', ':', '/', 'a:b/c/d', 'component:x'], system: 'x:'}\n",
        "kind: Group\nmetadata: {name: '!!!'}\n---\nkind: Component\nmetadata: {name: '...', title: '   '}\nspec: {owner: '!!!'}\n",
        "kind: User\nmetadata: {name: u}\nspec: {memberOf: [u, user:u]}\n---\nkind: Component\nmetadata: {name: c}\nspec: {owner: user:u}\n",
        "kind: Component\nmetadata: {name: a}\nspec: {dependsOn: [b]}\n---\nkind: Component\nmetadata: {name: b}\nspec: {dependsOn: [a], system: s}\n---\nkind: System\nmetadata: {name: s}\n",
        "a: !!binary aGVsbG8=\nkind: !Custom Component\nmetadata: {name: !x y}\n",
        "\u{feff}kind: Component\nmetadata: {name: bom}\n",
        "kind: Component\nmetadata: {name: \"\\u0000\"}\n",
    ];
    for (i, text) in inputs.iter().enumerate() {
        let files = [CatalogFile {
            path: PathBuf::from(format!("hostile-{i}.yaml")),
            bytes: text.as_bytes().to_vec(),
        }];
        for options in [
            BackstageOptions::default(),
            BackstageOptions {
                systems_as_streams: true,
                include_libraries: true,
                name: Some(" ".into()),
            },
        ] {
            if let Ok(imported) = backstage::import_files(&files, &options) {
                assert_valid(&imported.map);
            }
        }
    }
    let long = "x".repeat(100_000);
    let text = format!(
        "kind: Component\nmetadata: {{name: {long}, title: {long}, description: {long}}}\n"
    );
    let imported = backstage::import_files(
        &[CatalogFile {
            path: "long.yaml".into(),
            bytes: text.into_bytes(),
        }],
        &BackstageOptions::default(),
    )
    .unwrap();
    assert_valid(&imported.map);
    assert!(imported.map.services[0].name.chars().count() <= 201);
    // Invalid UTF-8 is a message, not a panic.
    let bytes = b"kind: Component\nmetadata: {name: \xff\xfe}\n".to_vec();
    let err = backstage::import_files(
        &[CatalogFile {
            path: "bad.yaml".into(),
            bytes,
        }],
        &BackstageOptions::default(),
    );
    assert!(err.is_err());
}

#[test]
fn hostile_workspaces_never_panic() {
    let inputs = [
        "{}",
        "[]",
        "null",
        "{\"model\": {\"softwareSystems\": [{}, {}, {\"id\": 3, \"name\": \"\"}]}}",
        "{\"model\": {\"softwareSystems\": [{\"id\": \"1\", \"name\": \"A\", \"relationships\": [{\"sourceId\": \"1\", \"destinationId\": \"1\"}, {}]}, {\"id\": \"1\", \"name\": \"A\"}]}}",
        "{\"model\": {\"softwareSystems\": [{\"id\": \"1\", \"name\": \"A\"}]}, \"views\": {\"systemLandscapeViews\": [{\"elements\": [{\"id\": \"1\", \"x\": 1e300, \"y\": -1e300}]}]}}",
        "{\"model\": {\"softwareSystems\": [{\"id\": \"1\", \"name\": \"A\", \"properties\": {\"Owner\": 5}, \"perspectives\": [{\"name\": \"team\", \"value\": \"!!!\"}]}]}}",
    ];
    for text in inputs {
        for level in [Level::System, Level::Container] {
            let options = StructurizrOptions {
                name: None,
                level,
                exclude_tags: Vec::new(),
            };
            if let Ok(imported) =
                structurizr::import_bytes(Path::new("w.json"), text.as_bytes(), &options)
            {
                assert_valid(&imported.map);
            }
        }
    }
}

#[test]
fn the_cli_writes_the_map_and_reports_what_it_could_not_resolve() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("catalog.vsmap.json");
    let rules = fixture("backstage/rules");
    let o = vsmap(&[
        "import",
        "backstage",
        rules.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--today",
        TODAY,
        "--name",
        "Shop catalog",
        "--systems-as-streams",
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(stdout(&o).is_empty(), "the map goes to the file");
    let map = vsmap::io::load_file(&out).unwrap();
    assert_eq!(map.name, "Shop catalog");
    assert!(
        map.services.iter().all(|s| s.x.is_some() && s.y.is_some()),
        "laid out"
    );
    assert!(
        err.contains(
            "Imported Backstage catalog from 2 files: 6 teams, 11 services, 7 links, 1 stream."
        ),
        "{err}"
    );
    assert!(err.contains("Defined twice (1):"), "{err}");
    assert!(err.contains("Not resolved (7):"), "{err}");
    assert!(
        err.contains(
            "component:default/payments spec.dependsOn[1]: dangling dependency \"ghost-service\""
        ),
        "{err}"
    );
    assert!(
        err.contains("component:default/mystery spec.owner: unknown owner \"nobody-team\""),
        "{err}"
    );
    assert!(
        err.contains("warning unowned-service: mystery has no owning team"),
        "{err}"
    );
    assert!(err.contains("Findings: "), "{err}");

    // Without -o the map goes to standard output, the report still to stderr.
    let o = vsmap(&[
        "import",
        "backstage",
        rules.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert_eq!(o.status.code(), Some(0));
    let printed = vsmap::io::from_json(&o.stdout).unwrap();
    assert_eq!(printed.name, "Imported Backstage catalog");
    assert!(stderr(&o).contains("Not resolved (7):"));
}

#[test]
fn the_cli_flags_the_ownership_problems_of_a_realistic_catalog() {
    let o = vsmap(&[
        "import",
        "backstage",
        fixture("backstage/realistic").to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    for expected in [
        "warning unowned-service: tracking has no owning team",
        "warning unowned-service: Legacy ERP has no owning team",
        "warning blast-radius: Customer profile is called",
    ] {
        assert!(err.contains(expected), "{expected} in {err}");
    }
}

#[test]
fn the_cli_lays_out_structurizr_only_when_a_position_is_missing() {
    let path = fixture("structurizr/workspace.json");
    let o = vsmap(&[
        "import",
        "structurizr",
        path.to_str().unwrap(),
        "--level",
        "container",
        "--today",
        TODAY,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let map = vsmap::io::from_json(&o.stdout).unwrap();
    let web = map.service("web-application").unwrap();
    assert_eq!(
        (web.x, web.y),
        (Some(150.0), Some(200.0)),
        "kept from the view"
    );

    let dir = tempfile::tempdir().unwrap();
    let mut workspace: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    workspace["views"]["containerViews"] = serde_json::json!([]);
    let unplaced = temp_file(dir.path(), "w.json", &workspace.to_string());
    let o = vsmap(&[
        "import",
        "structurizr",
        unplaced.to_str().unwrap(),
        "--level",
        "container",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let map = vsmap::io::from_json(&o.stdout).unwrap();
    assert!(map.services.iter().all(|s| s.x.is_some()));
    let web = map.service("web-application").unwrap();
    assert_ne!(
        (web.x, web.y),
        (Some(150.0), Some(200.0)),
        "laid out as lanes"
    );
}

#[test]
fn the_cli_exits_2_on_input_it_cannot_read() {
    let malformed = fixture("backstage/broken/malformed.yaml");
    let o = vsmap(&["import", "backstage", malformed.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).starts_with(&format!("error: {}:", malformed.display())),
        "{}",
        stderr(&o)
    );
    let laughs = fixture("backstage/broken/laughs.yaml");
    let o = vsmap(&["import", "backstage", laughs.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("billion laughs"));
    let dir = tempfile::tempdir().unwrap();
    let o = vsmap(&["import", "backstage", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no *.yaml or *.yml files"),
        "{}",
        stderr(&o)
    );
    let o = vsmap(&["import", "structurizr", "/no/such/workspace.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/no/such/workspace.json: cannot read"));
}

/// A Structurizr workspace of one system with a web app, an API and its
/// database, used by a customer, placed as the JSON gives (`at`: the
/// positions of the three containers, `None` for none).
fn small_workspace(at: [Option<(i32, i32)>; 3]) -> String {
    let element = |id: &str, p: Option<(i32, i32)>| match p {
        Some((x, y)) => format!(r#"{{"id":"{id}","x":{x},"y":{y}}}"#),
        None => format!(r#"{{"id":"{id}"}}"#),
    };
    format!(
        r#"{{"name":"Shop","model":{{
  "people":[{{"id":"1","name":"Customer","relationships":[
    {{"id":"10","sourceId":"1","destinationId":"3","description":"Uses"}}]}}],
  "softwareSystems":[{{"id":"2","name":"Shop","containers":[
    {{"id":"3","name":"Web","tags":"Element,Container,Web Browser","relationships":[
      {{"id":"11","sourceId":"3","destinationId":"4","description":"Calls"}}]}},
    {{"id":"4","name":"API","tags":"Element,Container","relationships":[
      {{"id":"12","sourceId":"4","destinationId":"5","description":"Reads from, and writes to"}},
      {{"id":"13","sourceId":"4","destinationId":"5","description":"Archives"}}]}},
    {{"id":"5","name":"Orders","tags":"Element,Container,Database"}}]}}]}},
  "views":{{"containerViews":[{{"key":"c","elements":[{},{},{}]}}]}}}}"#,
        element("3", at[0]),
        element("4", at[1]),
        element("5", at[2]),
    )
}

#[test]
fn structurizr_reads_of_a_database_are_data_links_and_labels_stay_apart() {
    let text = small_workspace([Some((0, 0)), Some((400, 0)), Some((800, 0))]);
    let options = StructurizrOptions {
        level: Level::Container,
        ..StructurizrOptions::default()
    };
    let Imported { map, report } =
        structurizr::import_bytes(Path::new("w.json"), text.as_bytes(), &options).unwrap();
    assert_eq!(
        link(&map, "api", "orders"),
        Some((
            LinkKind::Data,
            "Archives; Reads from, and writes to".to_string()
        )),
        "into a database: data, both relationships kept apart"
    );
    assert_eq!(link(&map, "web", "api").map(|l| l.0), Some(LinkKind::Sync));
    // A skipped relationship is named by its elements.
    let people: Vec<&str> = report
        .skipped
        .iter()
        .filter(|s| s.kind == "relationship")
        .flat_map(|s| s.entities.iter().map(String::as_str))
        .collect();
    assert_eq!(people, ["Customer -> Web"]);
}

#[test]
fn structurizr_positions_on_one_point_are_laid_out_and_the_report_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let import = |at: [Option<(i32, i32)>; 3]| {
        let file = temp_file(dir.path(), "w.json", &small_workspace(at));
        let o = vsmap(&[
            "import",
            "structurizr",
            file.to_str().unwrap(),
            "--level",
            "container",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        (vsmap::io::from_json(&o.stdout).unwrap(), stderr(&o))
    };
    // Automatic layout: everything at 0,0. Nothing is "placed as in the
    // source"; all three are laid out, apart.
    let (map, report) = import([Some((0, 0)); 3]);
    assert!(!report.contains("placed as in the source"), "{report}");
    assert!(report.contains("3 services laid out"), "{report}");
    let points: std::collections::BTreeSet<(i64, i64)> = map
        .services
        .iter()
        .map(|s| (s.x.unwrap() as i64, s.y.unwrap() as i64))
        .collect();
    assert_eq!(points.len(), 3, "no two on one point");
    // One element without a position: the others keep theirs.
    let (map, report) = import([Some((100, 200)), None, Some((900, 200))]);
    assert!(
        report.contains("2 services placed as in the source"),
        "{report}"
    );
    assert!(report.contains("1 service laid out"), "{report}");
    let web = map.service("web").unwrap();
    assert_eq!((web.x, web.y), (Some(100.0), Some(200.0)));
    let orders = map.service("orders").unwrap();
    assert_eq!((orders.x, orders.y), (Some(900.0), Some(200.0)));
}

#[test]
fn backstage_api_arrays_templates_duplicates_and_organisations() {
    use vsmap::io::import::backstage::{CatalogFile, import_files};
    // What GET /api/catalog/entities answers: a JSON array of entities.
    let api = r#"[
      {"apiVersion":"backstage.io/v1alpha1","kind":"Group","metadata":{"name":"acme"},
       "spec":{"type":"organization","children":["payments"]}},
      {"apiVersion":"backstage.io/v1alpha1","kind":"Group","metadata":{"name":"payments"},
       "spec":{"type":"team","parent":"acme","children":[]}},
      {"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"ledger"},
       "spec":{"type":"service","owner":"payments","lifecycle":"production",
               "dependsOn":["resource:okta"]}},
      {"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"ledger-ui"},
       "spec":{"type":"website","subcomponentOf":"ledger","lifecycle":"production"}},
      {"apiVersion":"backstage.io/v1alpha1","kind":"Resource","metadata":{"name":"okta"},
       "spec":{"type":"identity-provider"}},
      {"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"ledger"},
       "spec":{"type":"service","owner":"payments","lifecycle":"production"}}
    ]"#;
    // A scaffolder template's skeleton.
    let skeleton = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${{ values.name }}\nspec:\n  type: service\n  owner: ${{ values.owner }}\n";
    let files = [
        CatalogFile {
            path: PathBuf::from("entities.json"),
            bytes: api.as_bytes().to_vec(),
        },
        CatalogFile {
            path: PathBuf::from("template/content/catalog-info.yaml"),
            bytes: skeleton.as_bytes().to_vec(),
        },
    ];
    let Imported { map, report } = import_files(&files, &BackstageOptions::default()).unwrap();
    assert_eq!(map.services.len(), 3, "{:?}", map.services);
    // A subcomponent: called by its parent, owned by its parent's team.
    assert_eq!(
        link(&map, "ledger", "ledger-ui"),
        Some((LinkKind::Sync, "subcomponent".to_string()))
    );
    assert_eq!(owner(&map, "ledger-ui"), Some("payments"));
    // An identity provider the ledger depends on, owned by no team of the
    // catalog: an external service, with the dependency.
    assert_eq!(
        map.service("okta").map(|s| s.kind),
        Some(ServiceKind::External)
    );
    assert_eq!(
        link(&map, "ledger", "okta").map(|l| l.0),
        Some(LinkKind::Sync)
    );
    assert_eq!(owner(&map, "ledger"), Some("payments"));
    let teams: Vec<&str> = map.teams.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(teams, ["payments"], "the organisation is not a team");
    let text = report.to_string();
    assert!(
        text.contains("Skipped group (type organization) (1)"),
        "{text}"
    );
    assert!(text.contains("Skipped template skeleton (1)"), "{text}");
    assert!(text.contains("Defined twice (1):"), "{text}");
    assert!(text.contains("1 subcomponent tied to its parent"), "{text}");
    assert!(
        report.issues.is_empty(),
        "nothing else is unresolved: {:?}",
        report.issues
    );
}

#[test]
fn backstage_groups_that_only_hold_groups_are_units_and_the_report_keeps_the_hierarchy() {
    use vsmap::io::import::backstage::{CatalogFile, import_files};
    let yaml = |kind: &str, name: &str, spec: &str| {
        format!(
            "apiVersion: backstage.io/v1alpha1\nkind: {kind}\nmetadata:\n  name: {name}\nspec:\n{spec}---\n"
        )
    };
    let mut text = String::new();
    // An organisation, a department under it (a plain group that holds
    // groups, with no members, owning nothing) and two teams in it.
    text += &yaml(
        "Group",
        "acme",
        "  type: organization\n  profile:\n    displayName: ACME Corp\n",
    );
    text += &yaml(
        "Group",
        "money",
        "  type: group\n  parent: acme\n  children: [payments, ledger-team]\n",
    );
    text += &yaml("Group", "payments", "  type: team\n  members: [ana]\n");
    text += &yaml("Group", "ledger-team", "  type: team\n");
    // A group that holds a group but owns a service stays a team.
    text += &yaml("Group", "web", "  type: team\n  children: [web-design]\n");
    text += &yaml("Group", "web-design", "  type: team\n  members: [bo]\n");
    text += &yaml(
        "Component",
        "site",
        "  type: website\n  owner: web\n  lifecycle: production\n",
    );
    text += &yaml(
        "Component",
        "books",
        "  type: service\n  owner: ledger-team\n  lifecycle: production\n",
    );
    let files = [CatalogFile {
        path: PathBuf::from("org.yaml"),
        bytes: text.into_bytes(),
    }];
    let Imported { map, report } = import_files(&files, &BackstageOptions::default()).unwrap();
    let teams: Vec<&str> = map.teams.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(teams, ["ledger-team", "payments", "web", "web-design"]);
    let text = report.to_string();
    assert!(
        text.contains("Skipped group (type group) (1)") && text.contains("group:default/money"),
        "{text}"
    );
    assert!(
        text.contains(
            "Teams by the organisational unit they sit in (the units themselves are not teams): ACME Corp ▸ money: ledger-team, payments."
        ),
        "{text}"
    );
}

#[test]
fn structurizr_exclude_tag_leaves_a_future_state_out_and_the_report_lists_tags() {
    let text = small_workspace([Some((0, 0)), Some((400, 0)), Some((800, 0))]).replace(
        r#""tags":"Element,Container,Database""#,
        r#""tags":"Element,Container,Database,Future State""#,
    );
    let options = StructurizrOptions {
        level: Level::Container,
        exclude_tags: vec!["future state".into()],
        ..StructurizrOptions::default()
    };
    let Imported { map, report } =
        structurizr::import_bytes(Path::new("w.json"), text.as_bytes(), &options).unwrap();
    assert!(
        map.service("orders").is_none(),
        "the future database is out"
    );
    assert!(link(&map, "api", "orders").is_none());
    let text = report.to_string();
    assert!(
        text.contains("Tags in the source: Database, Future State, Web Browser"),
        "{text}"
    );
    assert!(
        text.contains(
            "Skipped element (1): tagged \"Future State\", left out with --exclude-tag: Orders"
        ),
        "{text}"
    );
    assert!(
        text.contains("names an element left out with --exclude-tag: API -> Orders"),
        "{text}"
    );
    // From the command line, repeatable.
    let dir = tempfile::tempdir().unwrap();
    let file = temp_file(dir.path(), "w.json", &small_workspace([None, None, None]));
    let o = vsmap(&[
        "import",
        "structurizr",
        file.to_str().unwrap(),
        "--level",
        "container",
        "--exclude-tag",
        "Database",
        "--exclude-tag",
        "Web Browser",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let map = vsmap::io::from_json(&o.stdout).unwrap();
    let names: Vec<&str> = map.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["API"]);
}

#[test]
fn structurizr_dynamic_views_become_draft_streams_in_order() {
    let text = small_workspace([Some((0, 0)), Some((400, 0)), Some((800, 0))]).replace(
        r#""views":{"#,
        r#""views":{"dynamicViews":[{"key":"place-order","title":"Place an order",
          "description":"A customer orders from the web shop.",
          "relationships":[
            {"id":"12","order":"2","description":"Stores the order"},
            {"id":"10","order":"1"},
            {"id":"11","order":"1.1"},
            {"id":"11","order":"3"}]},
          {"key":"lonely","relationships":[{"id":"10","order":"1"}]}],"#,
    );
    let options = StructurizrOptions {
        level: Level::Container,
        ..StructurizrOptions::default()
    };
    let Imported { map, report } =
        structurizr::import_bytes(Path::new("w.json"), text.as_bytes(), &options).unwrap();
    assert_valid(&map);
    assert_eq!(map.streams.len(), 1, "{:?}", map.streams);
    let stream = &map.streams[0];
    assert_eq!(stream.name, "Place an order");
    assert_eq!(stream.description, "A customer orders from the web shop.");
    assert_eq!(stream.owner, None, "a draft, owned by nobody");
    let steps: Vec<(&str, &str)> = stream
        .steps
        .iter()
        .map(|s| (s.service.as_str(), s.stage.as_str()))
        .collect();
    // In order ("1" the customer, not on the map, reaching the web app,
    // "1.1", "2"), each step's stage the interaction that reaches it; the
    // story's way back to the web app does not repeat it.
    assert_eq!(
        steps,
        [
            ("web", "Uses"),
            ("api", "Calls"),
            ("orders", "Stores the order")
        ]
    );
    let text = report.to_string();
    assert!(text.contains("1 stream from dynamic views"), "{text}");
    assert!(
        text.contains("Back to an earlier service in Place an order"),
        "{text}"
    );
    assert!(text.contains("Skipped dynamic view (1)"), "{text}");
}

/// A DSL workspace and a model fragment it includes, written to `dir`.
fn dsl_workspace(dir: &Path) -> PathBuf {
    temp_file(dir, "people.dsl", "customer = person \"Customer\"\n");
    temp_file(
        dir,
        "workspace.dsl",
        r#"/* A shop, in the Structurizr DSL. */
workspace "Shop" "What we run." {
    !identifiers hierarchical
    !docs docs
    model {
        !include people.dsl
        !include https://example.com/more.dsl
        group "Commerce" {
            shop = softwareSystem "Shop" {
                properties {
                    "Owner" "Checkout"
                }
                web = container "Web" "The storefront" "React" "Web Browser"
                db = container "Orders" "" "PostgreSQL" "Database"
                mailer = container "Mailer"
                api = container "API" {
                    technology "Kotlin"
                    tags "Gateway"
                    -> db "Reads from and writes to" "JDBC"
                }
                web -> api "Calls" "HTTPS"
                api -> mailer "Sends mail using" "" "Asynchronous"
            }
        }
        customer -> shop.web "Buys from"
    }
    views {
        systemContext shop "context" {
            include *
            autoLayout
        }
        dynamic shop "checkout" "Paying for an order." {
            shop.web -> shop.api "Submits the basket to"
            shop.api -> shop.db "Stores the order in"
            shop.db -> shop.api "Confirms"
        }
        styles {
            element "Person" {
                shape person
            }
        }
    }
}
"#,
    )
}

#[test]
fn structurizr_dsl_reads_like_the_json_with_includes_dynamic_views_and_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dsl_workspace(dir.path());
    let options = StructurizrOptions {
        level: Level::Container,
        ..StructurizrOptions::default()
    };
    let Imported { map, report } = structurizr::import_path(&file, &options).unwrap();
    assert_valid(&map);
    assert_eq!(map.name, "Shop");
    let kind = |id: &str| map.service(id).unwrap_or_else(|| panic!("no {id}")).kind;
    assert_eq!(kind("web"), ServiceKind::Frontend);
    assert_eq!(kind("api"), ServiceKind::Gateway, "tags inside the block");
    assert_eq!(kind("orders"), ServiceKind::Datastore);
    assert_eq!(
        owner(&map, "web"),
        Some("checkout"),
        "the system's Owner property"
    );
    assert_eq!(
        link(&map, "api", "orders"),
        Some((LinkKind::Data, "Reads from and writes to".into())),
        "-> inside the element's block, from it"
    );
    assert_eq!(link(&map, "web", "api").map(|l| l.0), Some(LinkKind::Sync));
    assert_eq!(
        link(&map, "api", "mailer").map(|l| l.0),
        Some(LinkKind::Event),
        "tagged Asynchronous"
    );
    // The dynamic view: a draft stream in order, the response not a step.
    assert_eq!(map.streams.len(), 1);
    let steps: Vec<&str> = map.streams[0]
        .steps
        .iter()
        .map(|s| s.service.as_str())
        .collect();
    assert_eq!(steps, ["web", "api", "orders"]);
    assert_eq!(map.streams[0].description, "Paying for an order.");
    let text = report.to_string();
    assert!(
        text.contains("from 2 files"),
        "the workspace and its include: {text}"
    );
    // The included person, and the relationship from her, are counted.
    assert!(
        text.contains("Skipped person (1): people are not on the map: Customer"),
        "{text}"
    );
    assert!(text.contains("Customer -> Web"), "{text}");
    assert!(
        text.contains("!include of a URL (1): not fetched"),
        "{text}"
    );
    assert!(text.contains("!docs (1)"), "{text}");
    assert!(text.contains("styles (1)"), "{text}");
    assert!(text.contains("systemcontext (1)"), "{text}");
}

#[test]
fn structurizr_dsl_errors_name_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "workspace {\n  model {\n    a = softwareSystem \"A\n  }\n}\n",
            "w.dsl:3:24: a string is not closed",
        ),
        (
            "workspace {\n  model {\n    a = softwareSystem \"A\"\n    a -> ghost \"Calls\"\n  }\n}\n",
            "w.dsl:4:5: no element is called \"ghost\"",
        ),
        ("workspace {\n  model {\n", "w.dsl"),
        (
            "<xml/>\n",
            "w.dsl:1:1: neither a Structurizr workspace in JSON",
        ),
    ];
    for (text, expected) in cases {
        let file = temp_file(dir.path(), "w.dsl", text);
        match structurizr::import_path(&file, &StructurizrOptions::default()) {
            Err(e) => assert!(e.to_string().contains(expected), "{e} lacks {expected:?}"),
            Ok(i) => assert!(expected == "w.dsl", "{text:?} imported: {}", i.report),
        }
    }
    // An error in an included file names that file.
    temp_file(dir.path(), "broken.dsl", "x = softwareSystem \"X\n");
    let file = temp_file(
        dir.path(),
        "w.dsl",
        "workspace {\n  model {\n    !include broken.dsl\n  }\n}\n",
    );
    let e = structurizr::import_path(&file, &StructurizrOptions::default()).unwrap_err();
    assert!(
        e.to_string()
            .contains("broken.dsl:1:20: a string is not closed"),
        "{e}"
    );
}

#[test]
fn structurizr_dsl_archetypes_carry_their_tags() {
    let dir = tempfile::tempdir().unwrap();
    let file = temp_file(
        dir.path(),
        "w.dsl",
        r#"workspace {
    model {
        archetypes {
            datastore = container {
                tag "Database"
            }
            store = datastore
            squad = group
        }
        shop = softwareSystem "Shop" {
            api = container "API"
            squad "Orders squad" {
                db = datastore "Orders"
                store "Archive"
            }
            api -> db "Reads"
        }
    }
}
"#,
    );
    let options = StructurizrOptions {
        level: Level::Container,
        ..StructurizrOptions::default()
    };
    let Imported { map, .. } = structurizr::import_path(&file, &options).unwrap();
    let kind = |id: &str| map.service(id).unwrap_or_else(|| panic!("no {id}")).kind;
    assert_eq!(kind("orders"), ServiceKind::Datastore);
    assert_eq!(
        kind("archive"),
        ServiceKind::Datastore,
        "an archetype of an archetype"
    );
    assert_eq!(
        link(&map, "api", "orders").map(|l| l.0),
        Some(LinkKind::Data)
    );
}

#[test]
fn structurizr_dsl_includes_read_where_they_stand_in_an_unnamed_workspace() {
    let dir = tempfile::tempdir().unwrap();
    temp_file(
        dir.path(),
        "systems.dsl",
        "a = softwareSystem \"Billing\"\nb = softwareSystem \"Ledger\"\na -> b \"Posts to\"\n",
    );
    temp_file(dir.path(), "views.dsl", "views {\n  styles {\n  }\n}\n");
    let file = temp_file(
        dir.path(),
        "w.dsl",
        "workspace {\n  model {\n    !include systems.dsl\n  }\n  !include views.dsl\n}\n",
    );
    let Imported { map, report } =
        structurizr::import_path(&file, &StructurizrOptions::default()).unwrap();
    let names: Vec<&str> = map.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["Billing", "Ledger"],
        "the model's include is read as model"
    );
    assert_eq!(
        link(&map, "billing", "ledger").map(|l| l.0),
        Some(LinkKind::Sync)
    );
    assert!(report.to_string().contains("from 3 files"), "{report}");
    assert!(
        report.to_string().contains("styles (1)"),
        "the workspace-level include: {report}"
    );
}
