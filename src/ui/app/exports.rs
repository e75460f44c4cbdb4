//! File ▸ Export: the library's exporters (SVG, Markdown report, Mermaid,
//! Graphviz DOT, the interactive page, the PDF deck) written to a chosen
//! file, and PNG of the current view through eframe's screenshot.

use std::path::{Path, PathBuf};

use crate::ui::state::{AppState, ExportFormat, Selection};

/// Why `format` cannot be exported now, checked before asking for a file.
pub fn cannot_export(state: &AppState, format: ExportFormat) -> Option<String> {
    match (format, &state.selection) {
        (ExportFormat::StreamSvg, Selection::Stream(_)) => None,
        (ExportFormat::StreamSvg, _) => {
            Some("Select a stream first (in the outline), then export it.".into())
        }
        _ => None,
    }
}

/// The compared map, for the exports that show before and after.
fn compared(state: &AppState) -> Option<crate::export::Before<'_>> {
    state.compare.as_ref().map(|c| crate::export::Before {
        map: c.before.map(),
        findings: c.before.findings(),
        diff: &c.diff,
    })
}

/// The exported file's bytes for a format (not PNG), or why it cannot be made.
pub fn export_bytes(state: &AppState, format: ExportFormat) -> Result<Vec<u8>, String> {
    if let Some(why) = cannot_export(state, format) {
        return Err(why);
    }
    let map = state.doc.map();
    let findings = state.doc.findings();
    Ok(match format {
        ExportFormat::Svg => crate::export::svg(map, findings, None).into_bytes(),
        ExportFormat::StreamSvg => match &state.selection {
            Selection::Stream(id) => crate::export::svg(map, findings, Some(id)).into_bytes(),
            _ => return Err("Select a stream first (in the outline), then export it.".into()),
        },
        ExportFormat::Markdown => {
            crate::export::markdown_report(map, findings, state.compare.as_ref().map(|c| &c.diff))
                .into_bytes()
        }
        ExportFormat::Mermaid => crate::export::mermaid(map, findings).into_bytes(),
        ExportFormat::Dot => crate::export::dot(map, findings).into_bytes(),
        ExportFormat::Html => crate::export::html(map, findings, compared(state)).into_bytes(),
        ExportFormat::Pdf => {
            crate::export::pdf(map, findings, compared(state), crate::export::PageSize::A4)
                .map_err(|e| e.to_string())?
        }
        ExportFormat::Png | ExportFormat::Png2x => {
            return Err("PNG is taken from the screen, not generated".into());
        }
    })
}

/// Writes an export to `path`, atomically.
pub fn write_export(state: &AppState, format: ExportFormat, path: &Path) -> Result<(), String> {
    let bytes = export_bytes(state, format)?;
    crate::io::write_atomic(path, &bytes)
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

/// Saves a screenshot as PNG.
pub fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = image.size;
    let mut bytes = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new(&mut bytes);
    image::ImageEncoder::write_image(
        encoder,
        image.as_raw(),
        w as u32,
        h as u32,
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|e| format!("cannot encode PNG: {e}"))?;
    crate::io::write_atomic(path, &bytes)
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

/// The part of a window screenshot that shows `rect` (in points), clamped to
/// the image.
pub fn crop_to(image: &egui::ColorImage, rect: egui::Rect, ppp: f32) -> egui::ColorImage {
    let bounds = egui::Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(image.size[0] as f32, image.size[1] as f32) / ppp,
    );
    let rect = rect.intersect(bounds);
    if !rect.is_positive() {
        return image.clone();
    }
    image.region(&rect, Some(ppp))
}

/// A file name for an export of the open map.
pub fn suggested_name(state: &AppState, format: ExportFormat) -> PathBuf {
    let stem = crate::model::slug_id(&state.doc.display_name(), |_| false);
    let name = PathBuf::from(format!("{stem}.{}", format.extension()));
    // Next to the map, where its exports belong, rather than wherever the
    // app was started from.
    match state.doc.path.as_deref().and_then(std::path::Path::parent) {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(name),
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screenshots_are_saved_as_png_that_decodes_to_the_same_pixels() {
        let image = egui::ColorImage::new([3, 2], vec![egui::Color32::from_rgb(10, 20, 30); 6]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("view.png");
        save_png(&image, &path).unwrap();
        let decoded = image::open(&path).unwrap().to_rgba8();
        assert_eq!(decoded.dimensions(), (3, 2));
        assert_eq!(decoded.get_pixel(2, 1).0, [10, 20, 30, 255]);
    }
}
