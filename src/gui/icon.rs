//! The window's icon: the 256-pixel rendering of `assets/icons/envroi.svg`,
//! embedded in the binary and decoded when the window opens. The desktop
//! file (`assets/desktop/envroi.desktop`) names the same icon, and the window's
//! app id `envroi` matches the desktop file's name, so a desktop shows one
//! icon for both.

/// The embedded PNG.
const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/envroi-256.png");

/// The icon as RGBA pixels, or `None` if the embedded PNG cannot be read
/// as 8-bit RGBA (the window then opens with the desktop's default icon).
#[must_use]
pub fn window_icon() -> Option<egui::IconData> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(ICON_PNG));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().ok()?;
    let mut rgba = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut rgba).ok()?;
    if frame.color_type != png::ColorType::Rgba || frame.bit_depth != png::BitDepth::Eight {
        return None;
    }
    rgba.truncate(frame.buffer_size());
    Some(egui::IconData {
        rgba,
        width: frame.width,
        height: frame.height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_icon_decodes_to_a_square_rgba_image() {
        let icon = window_icon().expect("the embedded icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // The corner is transparent and the middle of the tile is opaque.
        assert_eq!(icon.rgba[3], 0);
        let middle = (128 * 256 + 40) * 4;
        assert_eq!(icon.rgba[middle + 3], 255);
    }
}
