import Foundation

/// A 64-bit DCT hash: photos that look alike (rescaled, recompressed, re-oriented) get hashes a few bits
/// apart, which is how a photo reused from an earlier job is spotted.
public struct PerceptualHash: Equatable, Hashable, Sendable {
    public let bits: UInt64

    public init(bits: UInt64) {
        self.bits = bits
    }

    /// Hamming distance, 0...64.
    public func distance(to other: PerceptualHash) -> Int {
        (bits ^ other.bits).nonzeroBitCount
    }

    /// The 8 bytes of `bits`, most significant first, each 0...255: two hashes within distance 7 share at
    /// least one band exactly (pigeonhole), which is how the server finds candidates with an index.
    public var bands: [Int] {
        (0..<8).map { Int((bits >> UInt64(56 - 8 * $0)) & 0xFF) }
    }

    /// 16 lowercase hex digits.
    public var hex: String {
        let digits = String(bits, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Stored in a signed 64-bit database column.
    public var signed: Int64 { Int64(bitPattern: bits) }

    public init(signed: Int64) {
        self.bits = UInt64(bitPattern: signed)
    }

    /// Side of the square the image is averaged down to before the transform.
    static let sampleSide = 32
    /// Side of the square of lowest frequencies that become the 64 bits.
    static let keptSide = 8

    /// DCT hash of a grayscale image: area-average resample to 32×32, 2-D DCT-II, the top-left 8×8
    /// coefficients, each bit = coefficient > median of those 64 excluding the DC term.
    ///
    /// Bit 63 is coefficient (0,0), then along the first row of frequencies: bit `63 - (8·v + u)` is the
    /// coefficient of vertical frequency `v` and horizontal frequency `u`. The DCT is orthonormal, so the
    /// first row and column are on the same scale as the rest when compared with the median.
    public static func of(luma: [UInt8], width: Int, height: Int) -> PerceptualHash {
        precondition(width > 0 && height > 0 && luma.count == width * height, "luma must hold width×height samples")
        let samples = AreaResampler.resample(luma.map { Double($0) }, width: width, height: height, channels: 1,
                                             toWidth: sampleSide, toHeight: sampleSide)
        let coefficients = lowFrequencies(samples)
        // 63 values: the median is the middle one. The DC term is the mean brightness, far above the rest.
        let median = coefficients.dropFirst().sorted()[(coefficients.count - 1) / 2]
        var bits: UInt64 = 0
        for (index, coefficient) in coefficients.enumerated() where coefficient > median {
            bits |= 1 << UInt64(63 - index)
        }
        return PerceptualHash(bits: bits)
    }

    /// cos((2x+1)uπ / 2N) scaled for an orthonormal DCT-II, as `basis[u * N + x]`, for the kept frequencies only.
    private static let basis: [Double] = {
        let n = sampleSide
        var table = [Double](repeating: 0, count: keptSide * n)
        for u in 0..<keptSide {
            let scale = u == 0 ? (1 / Double(n)).squareRoot() : (2 / Double(n)).squareRoot()
            for x in 0..<n {
                table[u * n + x] = scale * cos(Double((2 * x + 1) * u) * Double.pi / Double(2 * n))
            }
        }
        return table
    }()

    /// The top-left 8×8 coefficients of the 2-D DCT-II of a 32×32 image, row by row (vertical frequency outer).
    static func lowFrequencies(_ samples: [Double]) -> [Double] {
        let n = sampleSide, k = keptSide
        // Separable: transform each row, keeping k horizontal frequencies, then each of those columns.
        var rows = [Double](repeating: 0, count: n * k)
        for y in 0..<n {
            for u in 0..<k {
                var sum = 0.0
                for x in 0..<n { sum += samples[y * n + x] * basis[u * n + x] }
                rows[y * k + u] = sum
            }
        }
        var result = [Double](repeating: 0, count: k * k)
        for v in 0..<k {
            for u in 0..<k {
                var sum = 0.0
                for y in 0..<n { sum += rows[y * k + u] * basis[v * n + y] }
                result[v * k + u] = sum
            }
        }
        return result
    }
}
