//! `undescribed-stream`: a stream with no customer or no description.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::MapIndex;
use crate::analysis::rule::Rule;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "undescribed-stream",
    title: "Value stream without a customer or a description",
    severity: Severity::Info,
    explanation: "A healthy team can describe its value stream in a few sentences: who the \
        customer is and what the end-to-end flow delivers. A stream nobody can describe is a box \
        on a diagram, and its boundaries will not match anyone's mental model.",
    hint: "Write down the stream's customer and, in a few sentences, what it delivers from first \
        contact to value received.",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    for stream in &ix.map.streams {
        let missing = match (
            stream.customer.trim().is_empty(),
            stream.description.trim().is_empty(),
        ) {
            (true, true) => "customer and no description",
            (true, false) => "customer",
            (false, true) => "description",
            (false, false) => continue,
        };
        out.push(RULE.finding(
            vec![stream.id.clone()],
            format!("{} has no {missing}", stream.name),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;

    #[test]
    fn fires_on_a_missing_customer_or_description() {
        let map = builder()
            .sa("a")
            .svc("x", "a")
            .stream("ok", Some("a"), &["x"])
            .stream("no-customer", Some("a"), &["x"])
            .stream("no-text", Some("a"), &["x"])
            .with(|m| {
                m.streams[1].customer.clear();
                m.streams[2].description = "  ".into();
            })
            .build();
        assert_eq!(
            subjects_of(&map, "undescribed-stream"),
            [["no-customer"], ["no-text"]]
        );
        assert_eq!(
            findings_of(&map, "undescribed-stream")[0].message,
            "Stream no-customer has no customer"
        );
    }
}
