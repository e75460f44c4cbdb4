//! Equality of services, links, steps and streams, written out so that
//! empty strings compare without calling the C library's `memcmp`.
//!
//! Why by hand: `String == String` calls `memcmp` even when both strings are
//! empty, and a call into the C library on an empty string's dangling
//! pointer costs far more than comparing two short ids. Labels, stages,
//! customers and descriptions are usually empty, and a diff compares every
//! element of both maps, so these calls would weigh on every diff.
//!
//! Each impl destructures without `..`, so a field added to the model does
//! not compile until it is compared here too.

use super::link::Link;
use super::service::Service;
use super::stream::{Step, Stream};

/// `a == b`, without a call for empty strings.
pub fn same_text(a: &str, b: &str) -> bool {
    a.len() == b.len() && (a.is_empty() || a == b)
}

impl PartialEq for Service {
    fn eq(&self, other: &Service) -> bool {
        let Service {
            id,
            name,
            kind,
            owner,
            x,
            y,
            description,
        } = self;
        id == &other.id
            && same_text(name, &other.name)
            && kind == &other.kind
            && owner == &other.owner
            && x == &other.x
            && y == &other.y
            && same_text(description, &other.description)
    }
}

impl PartialEq for Link {
    fn eq(&self, other: &Link) -> bool {
        let Link {
            from,
            to,
            kind,
            label,
        } = self;
        from == &other.from
            && to == &other.to
            && kind == &other.kind
            && same_text(label, &other.label)
    }
}

impl PartialEq for Step {
    fn eq(&self, other: &Step) -> bool {
        let Step {
            service,
            stage,
            work,
            wait,
            complete_accurate,
        } = self;
        service == &other.service
            && same_text(stage, &other.stage)
            && work == &other.work
            && wait == &other.wait
            && complete_accurate == &other.complete_accurate
    }
}

impl PartialEq for Stream {
    fn eq(&self, other: &Stream) -> bool {
        let Stream {
            id,
            name,
            owner,
            customer,
            description,
            color,
            steps,
        } = self;
        id == &other.id
            && same_text(name, &other.name)
            && owner == &other.owner
            && same_text(customer, &other.customer)
            && same_text(description, &other.description)
            && color == &other.color
            && steps == &other.steps
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Id, LinkKind, ServiceKind};

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    #[test]
    fn same_text_is_string_equality() {
        for (a, b) in [
            ("", ""),
            ("", "a"),
            ("a", ""),
            ("ab", "ab"),
            ("ab", "ac"),
            ("é", "e"),
        ] {
            assert_eq!(same_text(a, b), a == b, "{a:?} {b:?}");
        }
    }

    #[test]
    fn every_field_counts() {
        let service = Service {
            id: id("s"),
            name: "S".into(),
            kind: ServiceKind::Service,
            owner: None,
            x: Some(1.0),
            y: None,
            description: String::new(),
        };
        assert_eq!(service, service.clone());
        let variants: [fn(&mut Service); 7] = [
            |s| s.id = id("t"),
            |s| s.name.push('!'),
            |s| s.kind = ServiceKind::Legacy,
            |s| s.owner = Some(id("a")),
            |s| s.x = Some(2.0),
            |s| s.y = Some(0.0),
            |s| s.description.push('d'),
        ];
        for change in variants {
            let mut other = service.clone();
            change(&mut other);
            assert_ne!(service, other);
        }

        let link = Link {
            from: id("a"),
            to: id("b"),
            kind: LinkKind::Sync,
            label: String::new(),
        };
        assert_eq!(link, link.clone());
        let links: [fn(&mut Link); 4] = [
            |l| l.from = id("c"),
            |l| l.to = id("c"),
            |l| l.kind = LinkKind::Event,
            |l| l.label.push('x'),
        ];
        for change in links {
            let mut other = link.clone();
            change(&mut other);
            assert_ne!(link, other);
        }

        let stream = Stream {
            id: id("st"),
            name: "Buy".into(),
            owner: None,
            customer: String::new(),
            description: String::new(),
            color: None,
            steps: vec![Step {
                service: id("a"),
                stage: String::new(),
                work: None,
                wait: None,
                complete_accurate: None,
            }],
        };
        assert_eq!(stream, stream.clone());
        let streams: [fn(&mut Stream); 8] = [
            |s| s.id = id("su"),
            |s| s.name.push('!'),
            |s| s.owner = Some(id("t")),
            |s| s.customer.push('c'),
            |s| s.description.push('d'),
            |s| s.color = Some(crate::model::Color { r: 1, g: 2, b: 3 }),
            |s| s.steps[0].stage.push('s'),
            |s| s.steps[0].service = id("b"),
        ];
        for change in streams {
            let mut other = stream.clone();
            change(&mut other);
            assert_ne!(stream, other);
        }
    }
}
