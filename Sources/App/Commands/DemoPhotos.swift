import Captcha
import Foundation
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

extension DemoPhotos {
    /// A confirmer's signature as the phone's canvas would send it: a dark scrawl on white, 600×240, as a data URL.
    static func signature() -> String {
        let width = 600, height = 240
        var rgb = [UInt8](repeating: 255, count: width * height * 3)
        let points = [(60.0, 150.0), (110.0, 70.0), (150.0, 170.0), (200.0, 90.0), (250.0, 160.0), (320.0, 110.0), (380.0, 150.0),
                      (430.0, 80.0), (470.0, 170.0), (540.0, 120.0)]
        for (a, b) in zip(points, points.dropFirst()) {
            for step in 0...200 {
                let t = Double(step) / 200
                let x = Int(a.0 + (b.0 - a.0) * t), y = Int(a.1 + (b.1 - a.1) * t)
                for dy in -1...1 { for dx in -1...1 {
                    let i = ((y + dy) * width + x + dx) * 3
                    rgb[i] = 31; rgb[i + 1] = 41; rgb[i + 2] = 51
                } }
            }
        }
        return "data:image/png;base64," + Data(PNGEncoder.encodeRGB(width: width, height: height, pixels: rgb)).base64EncodedString()
    }
}
