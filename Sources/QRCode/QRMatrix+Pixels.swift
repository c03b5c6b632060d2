extension QRMatrix {
    /// The symbol as 8-bit RGB pixels (row-major, black on white) with the quiet zone, `scale`
    /// pixels per module: what `Captcha.PNGEncoder.encodeRGB` takes, for a PNG without a second encoder.
    public func rgbPixels(scale: Int = 4, quietZone: Int = 4) -> (width: Int, height: Int, pixels: [UInt8]) {
        precondition(scale > 0 && quietZone >= 0, "scale must be positive and the quiet zone not negative")
        let side = (size + 2 * quietZone) * scale
        var pixels = [UInt8](repeating: 0xFF, count: side * side * 3)
        for y in 0..<size {
            for x in 0..<size where isDark(x: x, y: y) {
                for py in 0..<scale {
                    let row = ((y + quietZone) * scale + py) * side
                    let first = (row + (x + quietZone) * scale) * 3
                    for i in first..<(first + scale * 3) { pixels[i] = 0 }
                }
            }
        }
        return (side, side, pixels)
    }
}
