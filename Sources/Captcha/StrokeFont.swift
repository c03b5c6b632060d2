import Foundation

struct Point: Sendable, Equatable {
    var x: Double
    var y: Double
}

/// Hand-drawn stroke outlines of the digits 0–9.
///
/// Each digit is a list of polylines in a unit box: x from 0 (left) to 1 (right),
/// y from 0 (top) to 1 (bottom). The renderer stretches the box to the glyph's
/// aspect ratio, so circles here come out as upright ovals.
enum StrokeFont {
    static func strokes(for digit: Int) -> [[Point]] {
        precondition((0...9).contains(digit), "the stroke font only has digits")
        return glyphs[digit]
    }

    static let glyphs: [[[Point]]] = [
        // 0: an oval
        [arc(0.5, 0.5, 0.5, 0.5, from: -90, to: 270)],
        // 1: flag and stem
        [line((0.3, 0.2), (0.62, 0.0), (0.62, 1.0))],
        // 2: hooked top, diagonal, base
        [cubic((0.04, 0.27), (0.06, -0.07), (0.97, -0.09), (0.95, 0.3))
            + cubic((0.95, 0.3), (0.93, 0.56), (0.36, 0.72), (0.02, 1.0)).dropFirst()
            + line((1.0, 1.0))],
        // 3: two bowls opening to the left
        [arc(0.5, 0.26, 0.43, 0.24, from: 205, to: 450)
            + arc(0.5, 0.75, 0.48, 0.25, from: 270, to: 515).dropFirst()],
        // 4: open four
        [line((0.72, 1.0), (0.72, 0.0), (0.0, 0.68), (1.0, 0.68))],
        // 5: flag, short stem, round belly
        [line((0.92, 0.0), (0.2, 0.0), (0.12, 0.45))
            + arc(0.5, 0.68, 0.46, 0.32, from: 222, to: 515)],
        // 6: sweeping stem into a closed lower loop
        [cubic((0.86, 0.04), (0.45, -0.05), (0.04, 0.25), (0.04, 0.68))
            + arc(0.5, 0.68, 0.46, 0.32, from: 180, to: 540).dropFirst()],
        // 7: bar and a gently curved leg
        [line((0.0, 0.0), (1.0, 0.0))
            + cubic((1.0, 0.0), (0.72, 0.33), (0.46, 0.62), (0.38, 1.0)).dropFirst()],
        // 8: two stacked loops, drawn in one stroke
        [arc(0.5, 0.25, 0.39, 0.25, from: 90, to: 450)
            + arc(0.5, 0.75, 0.47, 0.25, from: 270, to: 630).dropFirst()],
        // 9: closed upper loop with a tail
        [arc(0.5, 0.32, 0.46, 0.32, from: 0, to: 360)
            + cubic((0.96, 0.32), (0.96, 0.76), (0.6, 1.02), (0.14, 0.96)).dropFirst()],
    ]

    static func line(_ points: (Double, Double)...) -> [Point] {
        points.map { Point(x: $0.0, y: $0.1) }
    }

    static func cubic(_ p0: (Double, Double), _ p1: (Double, Double), _ p2: (Double, Double), _ p3: (Double, Double),
                      steps: Int = 20) -> [Point] {
        (0...steps).map { step in
            let t = Double(step) / Double(steps)
            let u = 1 - t
            let w0 = u * u * u, w1 = 3 * u * u * t, w2 = 3 * u * t * t, w3 = t * t * t
            return Point(x: w0 * p0.0 + w1 * p1.0 + w2 * p2.0 + w3 * p3.0,
                         y: w0 * p0.1 + w1 * p1.1 + w2 * p2.1 + w3 * p3.1)
        }
    }

    /// Elliptic arc; angles in degrees, 0° pointing right and 90° pointing down.
    static func arc(_ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double,
                    from start: Double, to end: Double) -> [Point] {
        let steps = max(8, Int((abs(end - start) / 10).rounded(.up)))
        return (0...steps).map { step in
            let angle = (start + (end - start) * Double(step) / Double(steps)) * .pi / 180
            return Point(x: cx + rx * cos(angle), y: cy + ry * sin(angle))
        }
    }
}
