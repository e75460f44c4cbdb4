//! What File ▸ Export can write: the library's text exports, and pictures
//! of the current view.

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The whole map as SVG.
    Svg,
    /// The selected stream as SVG.
    StreamSvg,
    /// A Markdown review report (with the diff when comparing).
    Markdown,
    /// A Mermaid flowchart.
    Mermaid,
    /// A Graphviz DOT graph.
    Dot,
    /// The interactive page (before / after when comparing).
    Html,
    /// The presentation as a PDF deck (before / after when comparing).
    Pdf,
    /// The current view as PNG, at the window's pixel density.
    Png,
    /// The current view as PNG, at twice the window's pixel density.
    Png2x,
}

impl ExportFormat {
    /// Whether this is a picture of the screen rather than generated text.
    pub fn is_png(self) -> bool {
        matches!(self, ExportFormat::Png | ExportFormat::Png2x)
    }

    /// File name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Svg | ExportFormat::StreamSvg => "svg",
            ExportFormat::Markdown => "md",
            ExportFormat::Mermaid => "mmd",
            ExportFormat::Dot => "dot",
            ExportFormat::Html => "html",
            ExportFormat::Pdf => "pdf",
            ExportFormat::Png | ExportFormat::Png2x => "png",
        }
    }
}
