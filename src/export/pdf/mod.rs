//! The presentation as a PDF deck, to send around after a review and to
//! keep in an audit file: a title page with the whole map, a page per value
//! stream (its picture, flow card and findings), the findings summary, and
//! when comparing, before and after per stream and the changes.
//!
//! Each page is drawn as SVG from the SVG export's geometry ([`sheet`],
//! [`deck`]) and converted to vector PDF by svg2pdf ([`writer`]), so the
//! deck looks like the editor's pictures and its text can be selected and
//! searched.

mod deck;
mod sheet;
mod writer;

use crate::analysis::Finding;
use crate::export::compared::Before;
use crate::export::display_text::map_title;
use crate::model::Map;

/// The deck's page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageSize {
    /// A4 landscape, for printing and audit files.
    #[default]
    A4,
    /// 16:9 landscape, for a projector.
    Wide,
}

impl PageSize {
    /// Width and height in points.
    pub fn points(self) -> (f64, f64) {
        match self {
            PageSize::A4 => (841.89, 595.28),
            PageSize::Wide => (960.0, 540.0),
        }
    }
}

/// Why a deck could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A page's drawing could not be converted.
    #[error("page {page} of the deck could not be drawn: {reason}")]
    Page {
        /// The page, from 1.
        page: usize,
        /// What the converter said.
        reason: String,
    },
}

/// The presentation of `map` as a PDF deck of `size` pages; with `before`,
/// each stream before and after and the changes.
pub fn pdf(
    map: &Map,
    findings: &[Finding],
    before: Option<Before<'_>>,
    size: PageSize,
) -> Result<Vec<u8>, PdfError> {
    let pages = deck::sheets(map, findings, before.as_ref(), size);
    writer::write(pages, &map_title(map))
}
