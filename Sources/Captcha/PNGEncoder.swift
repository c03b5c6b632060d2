/// Encodes 8-bit truecolour (RGB) images as PNG files.
public enum PNGEncoder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// - Parameter pixels: `width * height * 3` bytes, row-major, R G B per pixel.
    public static func encodeRGB(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        precondition(width > 0 && height > 0, "PNG dimensions must be positive")
        precondition(width <= 0x7FFF_FFFF && height <= 0x7FFF_FFFF, "PNG dimensions too large")
        precondition(pixels.count == width * height * 3, "expected width * height * 3 RGB bytes")

        var ihdr: [UInt8] = []
        appendUInt32(UInt32(width), to: &ihdr)
        appendUInt32(UInt32(height), to: &ihdr)
        ihdr += [8, 2, 0, 0, 0] // bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace

        var png = signature
        appendChunk("IHDR", ihdr, to: &png)
        appendChunk("IDAT", Deflate.zlibCompress(filterScanlines(width: width, height: height, pixels: pixels)), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// Prefixes each row with the filter type (0–4) that gives the smallest sum of
    /// absolute signed residuals, the usual heuristic from the PNG specification.
    static func filterScanlines(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        let bpp = 3
        let stride = width * bpp
        var out: [UInt8] = []
        out.reserveCapacity((stride + 1) * height)
        var candidate = [UInt8](repeating: 0, count: stride)
        var best = [UInt8](repeating: 0, count: stride)
        for y in 0..<height {
            let row = y * stride
            let up = (y - 1) * stride
            var bestFilter: UInt8 = 0
            var bestScore = Int.max
            for filter in UInt8(0)...4 {
                var score = 0
                for i in 0..<stride {
                    let x = Int(pixels[row + i])
                    let a = i >= bpp ? Int(pixels[row + i - bpp]) : 0
                    let b = y > 0 ? Int(pixels[up + i]) : 0
                    let c = (y > 0 && i >= bpp) ? Int(pixels[up + i - bpp]) : 0
                    let predictor: Int
                    switch filter {
                    case 0: predictor = 0
                    case 1: predictor = a
                    case 2: predictor = b
                    case 3: predictor = (a + b) / 2
                    default: predictor = paeth(a, b, c)
                    }
                    let residual = UInt8(truncatingIfNeeded: x - predictor)
                    candidate[i] = residual
                    score += abs(Int(Int8(bitPattern: residual)))
                }
                if score < bestScore {
                    bestScore = score
                    bestFilter = filter
                    swap(&best, &candidate)
                }
            }
            out.append(bestFilter)
            out += best
        }
        return out
    }

    static func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let p = a + b - c
        let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    private static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        appendUInt32(UInt32(data.count), to: &png)
        png += typeBytes
        png += data
        appendUInt32(Checksum.crc32(data, continuing: Checksum.crc32(typeBytes)), to: &png)
    }
}
