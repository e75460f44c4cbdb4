//! Turning the deck's sheets into one PDF: each sheet is parsed by usvg
//! (with the embedded typeface), converted by svg2pdf into a vector XObject
//! whose text stays text, and drawn full-page on a page of its own; the
//! pages' bookmarks become the document's outline, so a viewer's sidebar
//! lists the streams.

use std::collections::HashMap;
use std::sync::Arc;

use pdf_writer::{Chunk, Content, Finish, Name, Pdf, Rect, Ref, TextStr};
use rayon::prelude::*;
use svg2pdf::usvg;
use svg2pdf::usvg::fontdb;

use super::PdfError;
use super::deck::Page;
use super::sheet::FAMILY;

/// The options every sheet is parsed with: the editor's typefaces (Ubuntu
/// Light, then Hack for arrows and symbols) first, so a deck reads the same
/// everywhere, and the system's fonts after them for the scripts they lack.
fn parse_options() -> usvg::Options<'static> {
    let mut db = fontdb::Database::new();
    db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    let family = db
        .faces()
        .next()
        .and_then(|face| face.families.first())
        .map(|(name, _)| name.clone());
    db.load_font_data(epaint_default_fonts::HACK_REGULAR.to_vec());
    db.load_system_fonts();
    if let Some(family) = family {
        db.set_sans_serif_family(family);
    }
    let font_resolver = usvg::FontResolver {
        select_fallback: Box::new(fallback),
        ..usvg::FontResolver::default()
    };
    usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: Arc::new(db),
        font_resolver,
        ..usvg::Options::default()
    }
}

/// The face that draws `c` where the face in use has no glyph for it: the
/// first upright, regular-weight face (in loading order, so the embedded
/// faces first) that has it, else any face that has it. (usvg's own choice
/// takes the first face of any style, and set a word in bold italic.)
fn fallback(c: char, used: &[fontdb::ID], db: &mut Arc<fontdb::Database>) -> Option<fontdb::ID> {
    let has = |id: fontdb::ID| {
        db.with_face_data(id, |data, index| {
            ttf_parser::Face::parse(data, index).is_ok_and(|f| f.glyph_index(c).is_some())
        })
        .unwrap_or(false)
    };
    let candidates = || {
        db.faces()
            .filter(|face| !used.contains(&face.id) && has(face.id))
    };
    candidates()
        .find(|face| face.style == fontdb::Style::Normal && face.weight.0 <= 500)
        .or_else(|| candidates().next())
        .map(|face| face.id)
}

/// The PDF of `pages`, titled `title`.
pub(super) fn write(pages: Vec<Page>, title: &str) -> Result<Vec<u8>, PdfError> {
    let options = parse_options();
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree = alloc.bump();
    let info = alloc.bump();
    // Parsing and converting are the deck's cost, and each page's alone.
    let bookmarks: Vec<Option<String>> = pages.iter().map(|p| p.bookmark.clone()).collect();
    let converted: Vec<Result<(f32, f32, Chunk, Ref), PdfError>> = pages
        .into_par_iter()
        .map(|p| p.sheet)
        .enumerate()
        .map(|(k, sheet)| {
            let page = k + 1;
            let (w, h) = (sheet.w as f32, sheet.h as f32);
            let parsed =
                usvg::Tree::from_str(&sheet.finish(), &options).map_err(|e| PdfError::Page {
                    page,
                    reason: e.to_string(),
                })?;
            let (chunk, xobject) =
                svg2pdf::to_chunk(&parsed, svg2pdf::ConversionOptions::default()).map_err(|e| {
                    PdfError::Page {
                        page,
                        reason: e.to_string(),
                    }
                })?;
            Ok((w, h, chunk, xobject))
        })
        .collect();
    let mut pdf = Pdf::new();
    let mut pages = Vec::with_capacity(converted.len());
    let name = Name(b"S");
    for (k, page) in converted.into_iter().enumerate() {
        let (w, h, chunk, xobject) = page?;
        // The chunk numbers its objects from 1; they move after ours.
        let mut renumbered = HashMap::new();
        let chunk = chunk.renumber(|old| *renumbered.entry(old).or_insert_with(|| alloc.bump()));
        let xobject = *renumbered.get(&xobject).ok_or(PdfError::Page {
            page: k + 1,
            reason: "the converted page lost its drawing".into(),
        })?;
        let page = alloc.bump();
        let contents = alloc.bump();
        let mut p = pdf.page(page);
        p.media_box(Rect::new(0.0, 0.0, w, h));
        p.parent(tree);
        p.contents(contents);
        p.resources().x_objects().pair(name, xobject);
        p.finish();
        // The XObject is one unit square: scaled to the page, it fills it.
        let mut content = Content::new();
        content.transform([w, 0.0, 0.0, h, 0.0, 0.0]).x_object(name);
        pdf.stream(contents, &content.finish());
        pdf.extend(&chunk);
        pages.push(page);
    }
    let outline = alloc.bump();
    write_outline(&mut pdf, &mut alloc, outline, &bookmarks, &pages);
    pdf.catalog(catalog)
        .pages(tree)
        .outlines(outline)
        .page_mode(pdf_writer::types::PageMode::UseOutlines);
    let count = pages.len() as i32;
    pdf.pages(tree).kids(pages).count(count);
    pdf.document_info(info)
        .title(TextStr(title))
        .creator(TextStr(concat!("vsmap ", env!("CARGO_PKG_VERSION"))));
    Ok(pdf.finish())
}

/// The outline: one entry per bookmarked page, in page order, each opening
/// its page fitted to the window.
fn write_outline(
    pdf: &mut Pdf,
    alloc: &mut Ref,
    outline: Ref,
    bookmarks: &[Option<String>],
    pages: &[Ref],
) {
    let entries: Vec<(&str, Ref, Ref)> = bookmarks
        .iter()
        .zip(pages)
        .filter_map(|(b, page)| b.as_deref().map(|title| (title, *page, alloc.bump())))
        .collect();
    let mut root = pdf.outline(outline);
    if let (Some(first), Some(last)) = (entries.first(), entries.last()) {
        root.first(first.2).last(last.2);
    }
    root.count(entries.len() as i32);
    root.finish();
    for (k, (title, page, id)) in entries.iter().enumerate() {
        let mut item = pdf.outline_item(*id);
        item.title(TextStr(title)).parent(outline);
        if let Some(prev) = k.checked_sub(1).and_then(|p| entries.get(p)) {
            item.prev(prev.2);
        }
        if let Some(next) = entries.get(k + 1) {
            item.next(next.2);
        }
        item.dest().page(*page).fit();
    }
}
