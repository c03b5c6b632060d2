import Foundation

/// Draws a distorted image of a numeric code and encodes it as PNG.
///
/// Everything is drawn by this file: digits come from `StrokeFont`, are randomly
/// scaled, sheared, rotated and jittered, warped by a global sine field, crossed
/// by thin curves in the ink colour and sprinkled with faint speckles, all with
/// anti-aliased strokes on a pale gradient. All randomness comes from the
/// generator passed in, so a seeded generator gives a reproducible image.
public struct CaptchaRenderer: Sendable {
    public let width: Int
    public let height: Int

    public init(width: Int = 160, height: Int = 56) {
        precondition(width >= 24 && height >= 16, "captcha image too small")
        precondition(width <= 2048 && height <= 2048, "captcha image too large")
        self.width = width
        self.height = height
    }

    /// A PNG file showing `code`, which must be a non-empty string of ASCII digits.
    public func png<G: RandomNumberGenerator>(code: String, using generator: inout G) -> [UInt8] {
        PNGEncoder.encodeRGB(width: width, height: height, pixels: pixels(code: code, using: &generator))
    }

    /// The raw RGB pixels (row-major, 3 bytes per pixel) of the captcha image.
    func pixels<G: RandomNumberGenerator>(code: String, using generator: inout G) -> [UInt8] {
        let digits = code.utf8.map { Int($0) - Int(UInt8(ascii: "0")) }
        precondition(!digits.isEmpty && digits.allSatisfy { (0...9).contains($0) },
                     "captcha code must be a non-empty string of digits")

        let w = Double(width), h = Double(height)
        var canvas = Canvas(width: width, height: height)

        // Colours: one ink for the glyphs and noise lines, a second hue for tints.
        let inkIndex = Int.random(in: 0..<Self.inks.count, using: &generator)
        var tintIndex = Int.random(in: 0..<(Self.inks.count - 1), using: &generator)
        if tintIndex >= inkIndex { tintIndex += 1 }
        let ink = Self.inks[inkIndex]
        let tint = Self.inks[tintIndex]

        // Background: a soft diagonal gradient and a few translucent discs.
        canvas.fillGradient(from: RGB.white.mixed(with: ink, 0.05), to: RGB.white.mixed(with: tint, 0.11))
        for _ in 0..<Int.random(in: 3...5, using: &generator) {
            let center = Point(x: Double.random(in: 0...w, using: &generator), y: Double.random(in: 0...h, using: &generator))
            let radius = h * Double.random(in: 0.25...0.7, using: &generator)
            let colour = Bool.random(using: &generator) ? ink : tint
            canvas.fillDisc(center: center, radius: radius, colour: colour, alpha: Double.random(in: 0.04...0.08, using: &generator))
        }

        let warp = Warp(
            amplitudeX: h * Double.random(in: 0.025...0.04, using: &generator),
            amplitudeY: h * Double.random(in: 0.05...0.075, using: &generator),
            frequencyX: 2 * .pi / (h * Double.random(in: 1.2...2.0, using: &generator)),
            frequencyY: 2 * .pi / (w * Double.random(in: 0.5...0.9, using: &generator)),
            phaseX: Double.random(in: 0..<(2 * .pi), using: &generator),
            phaseY: Double.random(in: 0..<(2 * .pi), using: &generator)
        )

        // Light speckles under the glyphs.
        let speckles = width * height / 50
        for _ in 0..<speckles {
            let center = Point(x: Double.random(in: 0...w, using: &generator), y: Double.random(in: 0...h, using: &generator))
            let colour = Bool.random(using: &generator) ? ink : tint
            canvas.fillDisc(center: center, radius: Double.random(in: 0.5...1.3, using: &generator),
                            colour: colour, alpha: Double.random(in: 0.12...0.35, using: &generator))
        }

        // Glyph layout.
        let count = Double(digits.count)
        let margin = w * 0.06
        let advance = (w - 2 * margin) / count
        let aspect = 0.6
        let baseHeight = min(h * 0.58, advance * 1.15 / aspect)
        let halfWidth = max(1.0, h * 0.042 * Double.random(in: 0.92...1.08, using: &generator))
        let pad = halfWidth + 4

        for (index, digit) in digits.enumerated() {
            let glyphHeight = baseHeight * Double.random(in: 0.9...1.1, using: &generator)
            let glyphWidth = glyphHeight * aspect
            // A strongly leaning "1" reads as "7" (or "/"), so it only leans a little.
            let lean = digit == 1 ? 0.35 : 1.0
            // Lean every glyph noticeably one way or the other: upright runs are easy for OCR.
            let tilt = Double.random(in: 6...25, using: &generator) * (Bool.random(using: &generator) ? 1 : -1)
            let angle = tilt * lean * .pi / 180
            let shear = Double.random(in: -0.2...0.2, using: &generator) * lean
            let center = Point(
                x: margin + advance * (Double(index) + 0.5) + advance * Double.random(in: -0.12...0.12, using: &generator),
                y: h / 2 + h * Double.random(in: -0.08...0.08, using: &generator)
            )
            let (sinA, cosA) = (sin(angle), cos(angle))
            func place(_ p: Point) -> Point {
                var lx = (p.x - 0.5) * glyphWidth
                let ly = (p.y - 0.5) * glyphHeight
                lx += shear * ly
                return Point(x: center.x + lx * cosA - ly * sinA, y: center.y + lx * sinA + ly * cosA)
            }
            var strokes = StrokeFont.strokes(for: digit).map { $0.map(place) }

            // Keep the whole glyph (after warping) inside the image.
            let warped = strokes.flatMap { $0.map(warp.apply) }
            let minX = warped.map(\.x).min()!, maxX = warped.map(\.x).max()!
            let minY = warped.map(\.y).min()!, maxY = warped.map(\.y).max()!
            var dx = 0.0, dy = 0.0
            if minY < pad { dy = pad - minY } else if maxY > h - pad { dy = h - pad - maxY }
            if minX < pad { dx = pad - minX } else if maxX > w - pad { dx = w - pad - maxX }
            strokes = strokes.map { $0.map { Point(x: $0.x + dx, y: $0.y + dy) } }

            let colour = ink.mixed(with: tint, Double.random(in: 0...0.3, using: &generator))
            let polylines = strokes.map { warp.apply(to: Self.subdivide($0, maxStep: 1.5)) }
            canvas.stroke(polylines, halfWidth: halfWidth, colour: colour, alpha: 1)
        }

        // Two thin curves across the glyphs in the ink colour, one falling and one
        // rising, so that they cut the digits at different heights.
        let falling = Bool.random(using: &generator)
        for curveIndex in 0..<2 {
            var left = h * Double.random(in: 0.2...0.45, using: &generator)
            var right = h * Double.random(in: 0.55...0.8, using: &generator)
            if (curveIndex == 0) != falling { swap(&left, &right) }
            let curve = StrokeFont.cubic(
                (-0.05 * w, left),
                (0.33 * w, h * Double.random(in: 0.1...0.9, using: &generator)),
                (0.66 * w, h * Double.random(in: 0.1...0.9, using: &generator)),
                (1.05 * w, right),
                steps: 40
            )
            let polyline = warp.apply(to: Self.subdivide(curve, maxStep: 1.5))
            canvas.stroke([polyline], halfWidth: halfWidth * Double.random(in: 0.55...0.7, using: &generator),
                          colour: ink, alpha: 0.9)
        }

        return canvas.rgbBytes()
    }

    /// Muted, dark "700"-weight colours that read well on a pale background.
    static let inks: [RGB] = [
        RGB(30, 64, 175),   // blue
        RGB(15, 118, 110),  // teal
        RGB(67, 56, 202),   // indigo
        RGB(126, 34, 206),  // purple
        RGB(190, 18, 60),   // rose
        RGB(51, 65, 85),    // slate
        RGB(4, 120, 87),    // emerald
        RGB(3, 105, 161),   // sky
        RGB(194, 65, 12),   // orange
    ]

    static func subdivide(_ polyline: [Point], maxStep: Double) -> [Point] {
        guard var previous = polyline.first else { return [] }
        var out = [previous]
        for point in polyline.dropFirst() {
            let length = hypot(point.x - previous.x, point.y - previous.y)
            let pieces = max(1, Int((length / maxStep).rounded(.up)))
            for piece in 1...pieces {
                let t = Double(piece) / Double(pieces)
                out.append(Point(x: previous.x + (point.x - previous.x) * t, y: previous.y + (point.y - previous.y) * t))
            }
            previous = point
        }
        return out
    }
}

/// A smooth global displacement field: each axis is shifted by a sine of the other.
struct Warp: Sendable {
    var amplitudeX, amplitudeY, frequencyX, frequencyY, phaseX, phaseY: Double

    func apply(_ p: Point) -> Point {
        Point(x: p.x + amplitudeX * sin(p.y * frequencyX + phaseX),
              y: p.y + amplitudeY * sin(p.x * frequencyY + phaseY))
    }

    func apply(to polyline: [Point]) -> [Point] { polyline.map(apply) }
}

struct RGB: Sendable {
    var r, g, b: Double // 0...255

    init(_ r: Double, _ g: Double, _ b: Double) {
        self.r = r
        self.g = g
        self.b = b
    }

    static let white = RGB(255, 255, 255)

    /// Linear interpolation towards `other` by `t` (0 = self, 1 = other).
    func mixed(with other: RGB, _ t: Double) -> RGB {
        RGB(r + (other.r - r) * t, g + (other.g - g) * t, b + (other.b - b) * t)
    }
}

/// A floating-point RGB raster with anti-aliased stroke and disc drawing.
struct Canvas {
    let width: Int
    let height: Int
    private var r: [Double], g: [Double], b: [Double]
    private var coverage: [Double]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        r = Array(repeating: 255, count: width * height)
        g = r
        b = r
        coverage = Array(repeating: 0, count: width * height)
    }

    mutating func fillGradient(from start: RGB, to end: RGB) {
        let span = Double(width + height - 2)
        for y in 0..<height {
            for x in 0..<width {
                let colour = start.mixed(with: end, span > 0 ? Double(x + y) / span : 0)
                let i = y * width + x
                r[i] = colour.r
                g[i] = colour.g
                b[i] = colour.b
            }
        }
    }

    private mutating func blend(_ i: Int, _ colour: RGB, _ alpha: Double) {
        r[i] += (colour.r - r[i]) * alpha
        g[i] += (colour.g - g[i]) * alpha
        b[i] += (colour.b - b[i]) * alpha
    }

    mutating func fillDisc(center: Point, radius: Double, colour: RGB, alpha: Double) {
        let x0 = max(0, Int((center.x - radius - 1).rounded(.down)))
        let x1 = min(width - 1, Int((center.x + radius + 1).rounded(.up)))
        let y0 = max(0, Int((center.y - radius - 1).rounded(.down)))
        let y1 = min(height - 1, Int((center.y + radius + 1).rounded(.up)))
        guard x0 <= x1, y0 <= y1 else { return }
        for y in y0...y1 {
            for x in x0...x1 {
                let d = hypot(Double(x) + 0.5 - center.x, Double(y) + 0.5 - center.y)
                let cover = min(1, max(0, radius + 0.5 - d))
                if cover > 0 { blend(y * width + x, colour, cover * alpha) }
            }
        }
    }

    /// Strokes polylines with round joins and caps. Coverage is the maximum over
    /// all segments (not a sum), so overlapping segments do not darken.
    mutating func stroke(_ polylines: [[Point]], halfWidth: Double, colour: RGB, alpha: Double) {
        let reach = halfWidth + 1
        var minX = width, maxX = -1, minY = height, maxY = -1
        for polyline in polylines {
            let segments = polyline.count == 1 ? [(polyline[0], polyline[0])] : Array(zip(polyline, polyline.dropFirst()))
            for (a, bPoint) in segments {
                let x0 = max(0, Int((min(a.x, bPoint.x) - reach).rounded(.down)))
                let x1 = min(width - 1, Int((max(a.x, bPoint.x) + reach).rounded(.up)))
                let y0 = max(0, Int((min(a.y, bPoint.y) - reach).rounded(.down)))
                let y1 = min(height - 1, Int((max(a.y, bPoint.y) + reach).rounded(.up)))
                guard x0 <= x1, y0 <= y1 else { continue }
                minX = min(minX, x0); maxX = max(maxX, x1)
                minY = min(minY, y0); maxY = max(maxY, y1)
                for y in y0...y1 {
                    for x in x0...x1 {
                        let d = Self.distance(Point(x: Double(x) + 0.5, y: Double(y) + 0.5), a, bPoint)
                        let cover = min(1, max(0, halfWidth + 0.5 - d))
                        let i = y * width + x
                        if cover > coverage[i] { coverage[i] = cover }
                    }
                }
            }
        }
        guard minX <= maxX, minY <= maxY else { return }
        for y in minY...maxY {
            for x in minX...maxX {
                let i = y * width + x
                if coverage[i] > 0 {
                    blend(i, colour, coverage[i] * alpha)
                    coverage[i] = 0
                }
            }
        }
    }

    static func distance(_ p: Point, _ a: Point, _ b: Point) -> Double {
        let abx = b.x - a.x, aby = b.y - a.y
        let lengthSquared = abx * abx + aby * aby
        var t = 0.0
        if lengthSquared > 0 {
            t = min(1, max(0, ((p.x - a.x) * abx + (p.y - a.y) * aby) / lengthSquared))
        }
        return hypot(p.x - a.x - t * abx, p.y - a.y - t * aby)
    }

    func rgbBytes() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            out[3 * i] = UInt8(min(255, max(0, r[i].rounded())))
            out[3 * i + 1] = UInt8(min(255, max(0, g[i].rounded())))
            out[3 * i + 2] = UInt8(min(255, max(0, b[i].rounded())))
        }
        return out
    }
}
