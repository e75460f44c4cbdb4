//! A presentation as state: its slides and where it stands. The slides are
//! drawn by [`crate::ui::present`]; stepping through them is an action.

use super::compare::Compare;
use super::document::Document;
use crate::model::Id;

/// Which map a stream slide shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The open map (not comparing).
    Current,
    /// The map compared against.
    Before,
    /// The open map, as the proposal.
    After,
}

/// One step of the presentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slide {
    /// The whole map.
    Overview,
    /// One stream, focused and framed.
    Stream(Id, Side),
    /// The compare overlay: what changes.
    Changes,
    /// Findings by rule.
    Summary,
}

/// A presentation under way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presentation {
    /// The current slide, an index into `slides`.
    pub slide: usize,
    /// All slides, in order; never empty.
    pub slides: Vec<Slide>,
}

impl Presentation {
    /// The slides for the open map (and the compared one, if any): an
    /// overview, each stream (before, then after, while comparing), the
    /// changes while comparing, and a summary.
    pub fn new(doc: &Document, compare: Option<&Compare>) -> Presentation {
        let mut slides = vec![Slide::Overview];
        let mut ids: Vec<Id> = doc.map().streams.iter().map(|s| s.id.clone()).collect();
        if let Some(c) = compare {
            for s in &c.before.map().streams {
                if !ids.contains(&s.id) {
                    ids.push(s.id.clone());
                }
            }
        }
        for id in ids {
            match compare {
                Some(c) => {
                    if c.before.map().stream(id.as_str()).is_some() {
                        slides.push(Slide::Stream(id.clone(), Side::Before));
                    }
                    if doc.map().stream(id.as_str()).is_some() {
                        slides.push(Slide::Stream(id, Side::After));
                    }
                }
                None => slides.push(Slide::Stream(id, Side::Current)),
            }
        }
        if compare.is_some() {
            slides.push(Slide::Changes);
        }
        slides.push(Slide::Summary);
        Presentation { slide: 0, slides }
    }

    /// The current slide.
    pub fn current(&self) -> &Slide {
        // `slides` always holds the overview and the summary.
        &self.slides[self.slide.min(self.slides.len() - 1)]
    }

    /// The index of the last slide.
    pub fn last(&self) -> usize {
        self.slides.len().saturating_sub(1)
    }
}
