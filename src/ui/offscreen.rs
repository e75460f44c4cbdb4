//! The canvas rendered off screen at a chosen scale, for PNG export at 2x.
//!
//! A screenshot can only be as sharp as the window. To export the current
//! view at twice its pixel density, the canvas's painted shapes (which it keeps
//! anyway, to replay them on idle frames) are tessellated again at the higher
//! density and drawn into a texture with the window's own wgpu device. Text is
//! laid out again at that density, so labels are as crisp as vectors would be,
//! not upscaled pixels.
//!
//! A separate egui context does the layout and tessellation: it owns a font
//! atlas rasterised at the export density, and a separate renderer holds that
//! atlas so that the window's textures are never touched.

use eframe::egui_wgpu::{self, wgpu};
use egui::epaint::ClippedShape;
use egui::{Rect, Shape, Vec2};

/// How long to wait for the GPU before giving up on an export.
const GPU_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// The largest texture side we ask for; wgpu's guaranteed minimum is 8192.
const MAX_SIDE: u32 = 8192;

/// Why an off-screen render failed.
#[derive(Debug, thiserror::Error)]
pub enum OffscreenError {
    /// Nothing has been drawn on the canvas yet.
    #[error("the canvas has not been drawn yet")]
    NothingDrawn,
    /// The picture would be larger than a texture may be.
    #[error(
        "the picture would be {0}×{1} pixels, larger than {MAX_SIDE} on a side; make the window smaller or export at 1x"
    )]
    TooLarge(u32, u32),
    /// The GPU did not finish.
    #[error("the GPU did not finish rendering: {0}")]
    Gpu(String),
}

/// Renders `shapes`, painted inside `rect` at `source_ppp` pixels per point,
/// at `scale` times that density. `style` and `fonts` come from the window's
/// context so that the picture looks like the window.
pub fn render_shapes(
    render_state: &egui_wgpu::RenderState,
    source: &egui::Context,
    shapes: &[ClippedShape],
    rect: Rect,
    scale: f32,
) -> Result<egui::ColorImage, OffscreenError> {
    if shapes.is_empty() || !rect.is_positive() {
        return Err(OffscreenError::NothingDrawn);
    }
    let ppp = source.pixels_per_point() * scale;
    let width = (rect.width() * ppp).round() as u32;
    let height = (rect.height() * ppp).round() as u32;
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(OffscreenError::TooLarge(width, height));
    }

    // Lay the shapes out again in a context of the export density.
    let ctx = egui::Context::default();
    super::fonts::install_fonts(&ctx);
    ctx.set_style_of(egui::Theme::Dark, source.style_of(egui::Theme::Dark));
    ctx.set_style_of(egui::Theme::Light, source.style_of(egui::Theme::Light));
    let raw = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(egui::Pos2::ZERO, rect.size())),
        viewports: std::iter::once((
            egui::ViewportId::ROOT,
            egui::ViewportInfo {
                native_pixels_per_point: Some(ppp),
                ..Default::default()
            },
        ))
        .collect(),
        ..Default::default()
    };
    let offset = -rect.min.to_vec2();
    let mut moved = Vec::new();
    let mut output = ctx.run_ui(raw, |ui| {
        moved = shapes
            .iter()
            .map(|s| ClippedShape {
                clip_rect: s.clip_rect.translate(offset),
                shape: relaid(ui.ctx(), s.shape.clone(), offset),
            })
            .collect();
    });
    let primitives = ctx.tessellate(moved, ppp);

    let device = &render_state.device;
    let queue = &render_state.queue;
    // Rgba8Unorm: egui blends in gamma space, and these bytes are the PNG's.
    let format = wgpu::TextureFormat::Rgba8Unorm;
    let mut renderer =
        egui_wgpu::Renderer::new(device, format, egui_wgpu::RendererOptions::PREDICTABLE);
    for (id, deltas) in &output.textures_delta.set {
        for delta in deltas {
            renderer.update_texture(device, queue, *id, delta);
        }
    }
    // The renderer is dropped with this function, and the atlas with it.
    output.textures_delta.clear();
    let screen = egui_wgpu::ScreenDescriptor {
        size_in_pixels: [width, height],
        pixels_per_point: ppp,
    };
    let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
        label: Some("vsmap export"),
    });
    let user_buffers = renderer.update_buffers(device, queue, &mut encoder, &primitives, &screen);
    let texture = device.create_texture(&wgpu::TextureDescriptor {
        label: Some("vsmap export"),
        size: wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format,
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
        view_formats: &[],
    });
    let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
    {
        let mut pass = encoder
            .begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("vsmap export"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: &view,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load: wgpu::LoadOp::Clear(wgpu::Color::TRANSPARENT),
                        store: wgpu::StoreOp::Store,
                    },
                    depth_slice: None,
                })],
                ..Default::default()
            })
            .forget_lifetime();
        renderer.render(&mut pass, &primitives, &screen);
    }

    // Copy into a buffer whose rows are padded as wgpu requires.
    let unpadded = width as usize * 4;
    let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
    let padded = unpadded.div_ceil(align) * align;
    let buffer = device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("vsmap export readback"),
        size: (padded * height as usize) as u64,
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    encoder.copy_texture_to_buffer(
        texture.as_image_copy(),
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(padded as u32),
                rows_per_image: None,
            },
        },
        wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
    );
    let submission = queue.submit(user_buffers.into_iter().chain([encoder.finish()]));
    let slice = buffer.slice(..);
    let (sender, receiver) = std::sync::mpsc::channel();
    slice.map_async(wgpu::MapMode::Read, move |r| drop(sender.send(r)));
    device
        .poll(wgpu::PollType::Wait {
            submission_index: Some(submission),
            timeout: Some(GPU_TIMEOUT),
        })
        .map_err(|e| OffscreenError::Gpu(e.to_string()))?;
    receiver
        .recv_timeout(GPU_TIMEOUT)
        .map_err(|e| OffscreenError::Gpu(e.to_string()))?
        .map_err(|e| OffscreenError::Gpu(e.to_string()))?;
    let mapped = slice
        .get_mapped_range()
        .map_err(|e| OffscreenError::Gpu(e.to_string()))?;
    let mut rgba = Vec::with_capacity(unpadded * height as usize);
    for row in mapped.chunks_exact(padded) {
        rgba.extend_from_slice(&row[..unpadded]);
    }
    Ok(egui::ColorImage::from_rgba_premultiplied(
        [width as usize, height as usize],
        &rgba,
    ))
}

/// A shape moved by `offset`, with its text laid out again in `ctx` (whose
/// font atlas is at the export density).
fn relaid(ctx: &egui::Context, shape: Shape, offset: Vec2) -> Shape {
    match shape {
        Shape::Vec(shapes) => {
            Shape::Vec(shapes.into_iter().map(|s| relaid(ctx, s, offset)).collect())
        }
        Shape::Text(mut text) => {
            let job = (*text.galley.job).clone();
            text.galley = ctx.fonts_mut(|fonts| fonts.layout_job(job));
            text.pos += offset;
            Shape::Text(text)
        }
        mut other => {
            other.translate(offset);
            other
        }
    }
}
