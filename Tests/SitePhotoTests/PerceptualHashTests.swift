import Foundation
import Testing
@testable import SitePhoto

@Suite("Perceptual hash")
struct PerceptualHashTests {
    @Test("Distance is the number of differing bits")
    func distance() {
        let zero = PerceptualHash(bits: 0)
        #expect(zero.distance(to: zero) == 0)
        #expect(zero.distance(to: PerceptualHash(bits: .max)) == 64)
        #expect(PerceptualHash(bits: 0b1011).distance(to: PerceptualHash(bits: 0b0110)) == 3)
        #expect(PerceptualHash(bits: 1 << 63).distance(to: zero) == 1)
    }

    @Test("Bands are the bytes, most significant first; hex has 16 lowercase digits")
    func bandsAndHex() {
        let hash = PerceptualHash(bits: 0x0123_4567_89AB_CDEF)
        #expect(hash.bands == [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF])
        #expect(hash.hex == "0123456789abcdef")
        #expect(PerceptualHash(bits: 0).hex == "0000000000000000")
        #expect(PerceptualHash(bits: 0).bands == [0, 0, 0, 0, 0, 0, 0, 0])
        #expect(PerceptualHash(bits: .max).bands == Array(repeating: 255, count: 8))
        #expect(PerceptualHash(bits: 0xF).hex == "000000000000000f")
    }

    @Test("Hashes within distance 7 share a band")
    func pigeonhole() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let a = UInt64.random(in: .min ... .max, using: &generator)
            var b = a
            for _ in 0..<Int.random(in: 0...7, using: &generator) { b ^= 1 << UInt64.random(in: 0..<64, using: &generator) }
            let (x, y) = (PerceptualHash(bits: a), PerceptualHash(bits: b))
            #expect(x.distance(to: y) <= 7)
            #expect(zip(x.bands, y.bands).contains { $0 == $1 })
        }
    }

    @Test("The signed form round-trips, including the top bit")
    func signedRoundTrip() {
        for bits: UInt64 in [0, 1, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, .max, 0xDEAD_BEEF_0BAD_F00D] {
            let hash = PerceptualHash(bits: bits)
            #expect(PerceptualHash(signed: hash.signed) == hash)
        }
        #expect(PerceptualHash(bits: .max).signed == -1)
        #expect(PerceptualHash(signed: Int64.min).bits == 1 << 63)
    }

    /// An orthonormal DCT-II basis image of the test's own making.
    private func basis(u: Int, v: Int, side: Int = 32) -> [Double] {
        func alpha(_ k: Int) -> Double { k == 0 ? (1 / Double(side)).squareRoot() : (2 / Double(side)).squareRoot() }
        return (0..<side * side).map { i in
            let (x, y) = (i % side, i / side)
            return alpha(u) * alpha(v) * cos(Double.pi * Double((2 * x + 1) * u) / Double(2 * side))
                * cos(Double.pi * Double((2 * y + 1) * v) / Double(2 * side))
        }
    }

    @Test("The transform is an orthonormal DCT-II: a basis image of amplitude A gives A at its (v, u) only")
    func orthonormalTransform() {
        for (u, v) in [(0, 0), (1, 0), (0, 5), (3, 2), (7, 7)] {
            let image = basis(u: u, v: v).map { 40 * $0 }
            let coefficients = PerceptualHash.lowFrequencies(image)
            for index in 0..<64 {
                let expected = index == v * 8 + u ? 40.0 : 0.0
                #expect(abs(coefficients[index] - expected) < 1e-9, "coefficient \(index) for basis (\(u), \(v))")
            }
        }
    }

    @Test("Bit 63 - (8v + u) is set exactly when coefficient (v, u) is above the median of the 63 AC terms")
    func bitLayout() {
        var generator = SplitMix64(seed: 42)
        // 31 AC coefficients up and 32 down: the median is the highest of the down ones.
        var signs = Array(repeating: 1.0, count: 31) + Array(repeating: -1.0, count: 32)
        signs.shuffle(using: &generator)
        var image = [Double](repeating: 128, count: 32 * 32)
        var expected: UInt64 = 1 << 63
        for (i, sign) in signs.enumerated() {
            let index = i + 1
            let b = basis(u: index % 8, v: index / 8)
            for p in image.indices { image[p] += 30 * sign * b[p] }
            if sign > 0 { expected |= 1 << UInt64(63 - index) }
        }
        let luma = image.map { UInt8(max(0, min(255, $0.rounded()))) }
        #expect(PerceptualHash.of(luma: luma, width: 32, height: 32).bits == expected)
    }

    private func texture(width: Int, height: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        let blobs = (0..<12).map { _ in
            (Double.random(in: 0...1, using: &generator), Double.random(in: 0...1, using: &generator),
             Double.random(in: -60...60, using: &generator))
        }
        return (0..<width * height).map { i in
            let (x, y) = (Double(i % width) / Double(width), Double(i / width) / Double(height))
            let value = blobs.reduce(128.0) { sum, blob in
                sum + blob.2 * exp(-((x - blob.0) * (x - blob.0) + (y - blob.1) * (y - blob.1)) * 20)
            }
            return UInt8(max(0, min(255, value.rounded())))
        }
    }

    @Test("A negative flips every AC bit but the median's; a brightness shift changes nothing")
    func negativeAndBrightness() {
        let luma = texture(width: 96, height: 64, seed: 3)
        let hash = PerceptualHash.of(luma: luma, width: 96, height: 64)
        let negative = PerceptualHash.of(luma: luma.map { 255 - $0 }, width: 96, height: 64)
        // Negating the AC terms negates their median too: the 31 above it become the 31 below it, and the
        // median term itself is above neither. The DC bit stays set.
        #expect(hash.distance(to: negative) == 62)
        #expect(hash.bits.nonzeroBitCount == 32 && negative.bits.nonzeroBitCount == 32)
        #expect(hash.bits >> 63 == 1 && negative.bits >> 63 == 1)
        let lowest = Int(luma.min()!)
        let darker = PerceptualHash.of(luma: luma.map { $0 - UInt8(lowest) }, width: 96, height: 64)
        #expect(darker == hash)
    }

    @Test("Area averaging: a pixel-doubled copy hashes the same; a tiny image is upsampled")
    func scaleInvariance() {
        let luma = texture(width: 64, height: 48, seed: 5)
        let doubled = (0..<128 * 96).map { (i: Int) -> UInt8 in
            let (x, y) = (i % 128, i / 128)
            return luma[(y / 2) * 64 + x / 2]
        }
        #expect(PerceptualHash.of(luma: luma, width: 64, height: 48)
                == PerceptualHash.of(luma: doubled, width: 128, height: 96))
        // Smaller than the 32×32 it is averaged to: each source pixel covers a whole block of samples.
        let tiny: [UInt8] = [0, 255, 255, 0, 128, 64, 200, 10]
        let upsampled = (0..<32 * 32).map { (i: Int) -> UInt8 in
            let (x, y) = (i % 32, i / 32)
            return tiny[(y / 16) * 4 + x / 8]
        }
        #expect(PerceptualHash.of(luma: tiny, width: 4, height: 2)
                == PerceptualHash.of(luma: upsampled, width: 32, height: 32))
    }

    @Test("Resampling weights cover the source exactly once")
    func weights() {
        for (from, to) in [(640, 32), (33, 32), (3, 32), (32, 32), (1, 5), (7, 3)] {
            let rows = AreaResampler.weights(from: from, to: to)
            #expect(rows.count == to)
            for taps in rows {
                #expect(abs(taps.reduce(0) { $0 + $1.weight } - 1) < 1e-9)
            }
            var coverage = [Double](repeating: 0, count: from)
            for taps in rows { for tap in taps { coverage[tap.index] += tap.weight * Double(from) / Double(to) } }
            #expect(coverage.allSatisfy { abs($0 - 1) < 1e-9 }, "\(from) → \(to)")
        }
    }
}
