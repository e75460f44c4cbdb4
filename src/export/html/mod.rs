//! The interactive page: one self-contained HTML file to send to people who
//! do not have vsmap (business owners, teams who were not in the review, an
//! audit file). It opens from disk in any current browser and fetches
//! nothing.
//!
//! The picture is the SVG export's, inline, so the page draws exactly what
//! the canvas and `vsmap export --format svg` draw. [`page`] writes the
//! markup (which reads and prints without the script), [`data`] the JSON
//! the script reads; `page.js` and `page.css` are the script and style,
//! kept as files so that they read as what they are, and allowed by hash in
//! the page's Content-Security-Policy.

mod data;
mod page;

pub use page::html;
