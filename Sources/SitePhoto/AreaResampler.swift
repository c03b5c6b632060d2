/// Box-filter resampling in which each output sample averages exactly the source area it covers,
/// counting partly covered source samples by the fraction covered. Unlike point sampling it keeps every
/// source pixel's contribution, so the result barely depends on the size the photo was taken at.
enum AreaResampler {
    /// `source` is `width × height` samples of `channels` interleaved values, rows top to bottom.
    static func resample(_ source: [Double], width: Int, height: Int, channels: Int,
                         toWidth: Int, toHeight: Int) -> [Double] {
        let columns = weights(from: width, to: toWidth)
        let rows = weights(from: height, to: toHeight)
        // Horizontal pass first, into toWidth × height.
        var horizontal = [Double](repeating: 0, count: toWidth * height * channels)
        for y in 0..<height {
            let sourceRow = y * width * channels
            let targetRow = y * toWidth * channels
            for (x, taps) in columns.enumerated() {
                for tap in taps {
                    let s = sourceRow + tap.index * channels
                    for c in 0..<channels { horizontal[targetRow + x * channels + c] += source[s + c] * tap.weight }
                }
            }
        }
        var result = [Double](repeating: 0, count: toWidth * toHeight * channels)
        let rowLength = toWidth * channels
        for (y, taps) in rows.enumerated() {
            let targetRow = y * rowLength
            for tap in taps {
                let sourceRow = tap.index * rowLength
                for i in 0..<rowLength { result[targetRow + i] += horizontal[sourceRow + i] * tap.weight }
            }
        }
        return result
    }

    struct Tap {
        let index: Int
        let weight: Double
    }

    /// For each of `to` output positions, the source positions it covers and their weights (summing to 1).
    static func weights(from: Int, to: Int) -> [[Tap]] {
        precondition(from > 0 && to > 0, "resampling needs positive sizes")
        let step = Double(from) / Double(to)
        return (0..<to).map { i in
            let start = Double(i) * step
            let end = Double(i + 1) * step
            var taps: [Tap] = []
            var j = Int(start)
            while j < from && Double(j) < end {
                let covered = min(end, Double(j + 1)) - max(start, Double(j))
                if covered > 0 { taps.append(Tap(index: j, weight: covered / step)) }
                j += 1
            }
            return taps
        }
    }
}
