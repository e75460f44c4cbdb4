//! Which things findings name: the worst severity and the live findings per
//! subject and per `(from, to)` pair. The canvas and every exporter mark
//! services and links from this.

use rustc_hash::FxHashMap as HashMap;

use super::finding::{Finding, Severity};
use crate::model::Id;

/// The worst severity and the number of live (not allowed) findings that
/// name each subject, and each `(from, to)` pair that a two-subject finding
/// names (how the canvas marks links).
#[derive(Debug, Default)]
pub struct Marks<'a> {
    /// By subject id. Hashed: the canvas rebuilds the marks on every edit,
    /// and a tree would compare an organisation's ids as text at every step.
    pub subjects: HashMap<&'a Id, Mark<'a>>,
    /// By the two subjects of a finding, in order: a link `from → to`.
    pub pairs: HashMap<&'a Id, HashMap<&'a Id, Mark<'a>>>,
}

/// The live findings naming one thing.
#[derive(Debug)]
pub struct Mark<'a> {
    /// The worst severity among them.
    pub worst: Severity,
    /// The findings, in the order given.
    pub findings: Vec<&'a Finding>,
}

impl<'a> Mark<'a> {
    fn add(slot: Option<&mut Mark<'a>>, f: &'a Finding) -> Option<Mark<'a>> {
        match slot {
            Some(mark) => {
                mark.worst = mark.worst.min(f.severity);
                mark.findings.push(f);
                None
            }
            None => Some(Mark {
                worst: f.severity,
                findings: vec![f],
            }),
        }
    }
}

impl<'a> Marks<'a> {
    /// Marks of the live findings.
    pub fn new(findings: &'a [Finding]) -> Marks<'a> {
        let mut marks = Marks::default();
        for f in findings.iter().filter(|f| !f.allowed) {
            for s in &f.subjects {
                if let Some(new) = Mark::add(marks.subjects.get_mut(s), f) {
                    marks.subjects.insert(s, new);
                }
            }
            if let [from, to] = &f.subjects[..] {
                let targets = marks.pairs.entry(from).or_default();
                if let Some(new) = Mark::add(targets.get_mut(to), f) {
                    targets.insert(to, new);
                }
            }
        }
        marks
    }

    /// The mark of a subject.
    pub fn subject(&self, id: &Id) -> Option<&Mark<'a>> {
        self.subjects.get(id)
    }

    /// The mark of a `(from, to)` pair.
    pub fn pair(&self, from: &Id, to: &Id) -> Option<&Mark<'a>> {
        self.pairs.get(from)?.get(to)
    }
}
