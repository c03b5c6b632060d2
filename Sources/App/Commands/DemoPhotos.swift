import SitePhoto

/// Pictures for the demo's site photos (and the tests'): a gradient, a few shapes, drawn from a seed at any
/// size — the same seed at two sizes is the same picture rescaled, as a chat app re-sends a photo.
enum DemoPhotos {
    static func scene(_ seed: UInt64, width: Int = 640, height: Int = 480, quality: Int = 85) -> [UInt8] {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(UInt64(1) << 53)
        }
        let base = (next() * 255, next() * 255, next() * 255)
        let shapes = (0..<7).map { _ in
            (x: next(), y: next(), r: 0.08 + next() * 0.25, c: (next() * 255, next() * 255, next() * 255), round: next() < 0.5)
        }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let u = Double(x) / Double(width), v = Double(y) / Double(height)
                var c = (base.0 * (1 - u) + 40 * u, base.1 * (1 - v) + 200 * v, base.2 * 0.5 + 100 * u * v)
                for s in shapes {
                    let dx = (u - s.x) * 4 / 3, dy = v - s.y
                    if s.round ? dx * dx + dy * dy < s.r * s.r : abs(dx) < s.r && abs(dy) < s.r * 0.6 { c = s.c }
                }
                let i = (y * width + x) * 3
                rgb[i] = UInt8(max(0, min(255, c.0)))
                rgb[i + 1] = UInt8(max(0, min(255, c.1)))
                rgb[i + 2] = UInt8(max(0, min(255, c.2)))
            }
        }
        // The sizes always fit the pixels drawn here.
        return JPEGEncoder.encode(rgb: rgb, width: width, height: height, quality: quality) ?? []
    }
}
