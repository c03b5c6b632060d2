/// Packed RGB pixels, 3 bytes a pixel, rows top to bottom.
struct RGBImage: Sendable {
    let width: Int
    let height: Int
    let pixels: [UInt8]

    /// The image as a viewer shows it, given the EXIF orientation (1...8) it was stored with.
    func oriented(_ orientation: Int) -> RGBImage {
        guard (2...8).contains(orientation) else { return self }
        let swapsSides = orientation >= 5
        let shownWidth = swapsSides ? height : width
        let shownHeight = swapsSides ? width : height
        var shown = [UInt8](repeating: 0, count: pixels.count)
        for y in 0..<shownHeight {
            for x in 0..<shownWidth {
                let (sx, sy) = storedPosition(ofShownX: x, y: y, orientation: orientation)
                let from = (sy * width + sx) * 3
                let to = (y * shownWidth + x) * 3
                shown[to] = pixels[from]
                shown[to + 1] = pixels[from + 1]
                shown[to + 2] = pixels[from + 2]
            }
        }
        return RGBImage(width: shownWidth, height: shownHeight, pixels: shown)
    }

    /// Where the pixel shown at (x, y) is stored, per the EXIF 2.3 definition of each orientation value.
    private func storedPosition(ofShownX x: Int, y: Int, orientation: Int) -> (Int, Int) {
        switch orientation {
        case 2: return (width - 1 - x, y)                 // mirrored left to right
        case 3: return (width - 1 - x, height - 1 - y)    // upside down
        case 4: return (x, height - 1 - y)                // mirrored top to bottom
        case 5: return (y, x)                             // transposed
        case 6: return (y, height - 1 - x)                // shown turned 90° clockwise
        case 7: return (width - 1 - y, height - 1 - x)    // transverse
        case 8: return (width - 1 - y, x)                 // shown turned 90° anticlockwise
        default: return (x, y)
        }
    }

    /// Rec. 601 luma, the grey level the eye sees, rounded to a byte.
    var luma: [UInt8] {
        var result = [UInt8](repeating: 0, count: width * height)
        for i in 0..<result.count {
            let value = 0.299 * Double(pixels[3 * i]) + 0.587 * Double(pixels[3 * i + 1])
                + 0.114 * Double(pixels[3 * i + 2])
            result[i] = UInt8(min(255, value.rounded()))
        }
        return result
    }

    /// Area-averaged down so the long side is at most `maxLongSide`; unchanged if it already is.
    func fitted(longSide maxLongSide: Int) -> RGBImage {
        let longSide = max(width, height)
        guard longSide > maxLongSide else { return self }
        let scale = Double(maxLongSide) / Double(longSide)
        let newWidth = min(maxLongSide, max(1, Int((Double(width) * scale).rounded())))
        let newHeight = min(maxLongSide, max(1, Int((Double(height) * scale).rounded())))
        let averaged = AreaResampler.resample(pixels.map { Double($0) }, width: width, height: height, channels: 3,
                                              toWidth: newWidth, toHeight: newHeight)
        return RGBImage(width: newWidth, height: newHeight,
                        pixels: averaged.map { UInt8(min(255, max(0, $0.rounded()))) })
    }
}
