import Testing
@testable import Captcha

// MARK: - Checksums

@Suite struct ChecksumTests {
    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(Checksum.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Checksum.crc32([UInt8]()) == 0)
        #expect(Checksum.crc32(Array("IEND".utf8)) == 0xAE42_6082) // every PNG ends with this CRC
    }

    @Test func crc32CanBeContinuedAcrossPieces() {
        let whole = Array("The quick brown fox jumps over the lazy dog".utf8)
        let split = Checksum.crc32(whole[10...], continuing: Checksum.crc32(whole[..<10]))
        #expect(split == Checksum.crc32(whole))
        #expect(split == 0x414F_A339)
    }

    @Test func adler32MatchesKnownValues() {
        #expect(Checksum.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Checksum.adler32([UInt8]()) == 1)
    }

    @Test func adler32StaysCorrectOnLongInputs() {
        // Long runs of 0xFF exercise the deferred modulo reduction.
        let ones = [UInt8](repeating: 0xFF, count: 100_000)
        #expect(Checksum.adler32(ones) == naiveAdler32(ones))
        var generator = SeededGenerator(seed: 9)
        let noise = (0..<50_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(Checksum.adler32(noise) == naiveAdler32(noise))
    }
}

// MARK: - zlib / DEFLATE

@Suite struct DeflateTests {
    /// The test inflater itself must be right: feed it a stream made by the real
    /// zlib (Python `zlib.compress(..., 9)`, which chose a fixed-Huffman block).
    @Test func testInflaterDecodesAReferenceZlibStream() throws {
        let reference: [UInt8] = [120, 218, 203, 72, 205, 201, 201, 87, 200, 64, 39, 117, 20, 146, 19, 11, 74, 146,
                                  51, 18, 21, 17, 12, 3, 34, 1, 0, 82, 54, 22, 167]
        let expected = Array("hello hello hello hello, captcha! captcha! ".utf8) + [UInt8](repeating: UInt8(ascii: "0"), count: 40)
        #expect(try zlibDecompress(reference) == expected)
    }

    static func samples() -> [(String, [UInt8])] {
        var generator = SeededGenerator(seed: 42)
        let noise = (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let block = Array(noise[0..<20_000])
        return [
            ("empty", []),
            ("one byte", [0x41]),
            ("short text", Array("abcabcabcabcabd".utf8)),
            ("all byte values", (0...255).map { UInt8($0) } + (0...255).reversed().map { UInt8($0) }),
            ("long run", [UInt8](repeating: 0, count: 10_000) + [1, 2, 3]),
            ("incompressible", noise),
            ("far repeat", block + [7, 7] + block), // distance > 16 KiB
        ]
    }

    @Test func zlibStreamRoundTrips() throws {
        for (name, input) in Self.samples() {
            let stream = Deflate.zlibCompress(input)
            #expect(try zlibDecompress(stream) == input, "\(name)")
            #expect(bigEndianUInt32(stream, at: stream.count - 4) == Checksum.adler32(input), "\(name)")
        }
    }

    @Test func zlibHeaderIsValid() {
        let stream = Deflate.zlibCompress(Array("x".utf8))
        #expect(stream[0] & 0x0F == 8) // deflate
        #expect((Int(stream[0]) << 8 | Int(stream[1])) % 31 == 0)
    }

    @Test func repetitiveDataActuallyCompresses() {
        let zeros = [UInt8](repeating: 0, count: 10_000)
        #expect(Deflate.zlibCompress(zeros).count < 200)
        let text = Array(String(repeating: "电梯维保 LiftWatch ", count: 200).utf8)
        #expect(Deflate.zlibCompress(text).count < text.count / 10)
    }
}

// MARK: - PNG

@Suite struct PNGEncoderTests {
    static func gradient(width: Int, height: Int) -> [UInt8] {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                pixels += [UInt8(x * 255 / max(1, width - 1)), UInt8(y * 255 / max(1, height - 1)), UInt8((x * y) & 0xFF)]
            }
        }
        return pixels
    }

    @Test func hasSignatureChunksAndValidCRCs() throws {
        let png = PNGEncoder.encodeRGB(width: 33, height: 20, pixels: Self.gradient(width: 33, height: 20))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let chunks = try readChunks(png)
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        for chunk in chunks {
            #expect(chunk.crcIsValid, "CRC of \(chunk.type)")
        }
        #expect(chunks.last?.data.isEmpty == true)
        #expect(Array(png.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    }

    @Test func ihdrRecordsDimensionsAndFormat() throws {
        let png = PNGEncoder.encodeRGB(width: 300, height: 7, pixels: [UInt8](repeating: 200, count: 300 * 7 * 3))
        let ihdr = try #require(try readChunks(png).first)
        #expect(ihdr.type == "IHDR")
        #expect(ihdr.data.count == 13)
        #expect(bigEndianUInt32(ihdr.data, at: 0) == 300)
        #expect(bigEndianUInt32(ihdr.data, at: 4) == 7)
        #expect(Array(ihdr.data[8...]) == [8, 2, 0, 0, 0]) // 8-bit RGB, deflate, adaptive filter, no interlace
    }

    @Test func pixelsRoundTripExactly() throws {
        var generator = SeededGenerator(seed: 3)
        let images: [(Int, Int, [UInt8])] = [
            (1, 1, [10, 20, 30]),
            (33, 20, Self.gradient(width: 33, height: 20)),
            (17, 9, (0..<(17 * 9 * 3)).map { _ in UInt8.random(in: 0...255, using: &generator) }),
            (64, 64, [UInt8](repeating: 255, count: 64 * 64 * 3)),
        ]
        for (width, height, pixels) in images {
            let decoded = try decodePNG(PNGEncoder.encodeRGB(width: width, height: height, pixels: pixels))
            #expect(decoded.width == width && decoded.height == height)
            #expect(decoded.rgb == pixels, "\(width)x\(height)")
        }
    }

    @Test func scanlineFilteringUsesSeveralFilterTypesAndIsReversible() throws {
        let width = 40, height = 30
        let pixels = Self.gradient(width: width, height: height)
        let filtered = PNGEncoder.filterScanlines(width: width, height: height, pixels: pixels)
        let types = Set((0..<height).map { filtered[$0 * (width * 3 + 1)] })
        #expect(types.count >= 2, "filter types used: \(types.sorted())")
        #expect(types.isSubset(of: [0, 1, 2, 3, 4]))
        #expect(try decodePNG(PNGEncoder.encodeRGB(width: width, height: height, pixels: pixels)).rgb == pixels)
    }

    @Test func corruptionIsDetectedByTheChecks() throws {
        var png = PNGEncoder.encodeRGB(width: 8, height: 8, pixels: Self.gradient(width: 8, height: 8))
        png[8 + 8 + 3] ^= 0x01 // a byte of the IHDR width
        #expect(try readChunks(png).first?.crcIsValid == false)
        #expect(throws: DecodeError.self) { try decodePNG(png) }
    }
}

// MARK: - Random numbers and codes

@Suite struct CodeTests {
    @Test func seededGeneratorIsSplitMix64() {
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func seedsGiveDistinctStreams() {
        var a = SeededGenerator(seed: 1), b = SeededGenerator(seed: 2), c = SeededGenerator(seed: 1)
        let sa = (0..<4).map { _ in a.next() }, sb = (0..<4).map { _ in b.next() }, sc = (0..<4).map { _ in c.next() }
        #expect(sa != sb)
        #expect(sa == sc)
    }

    @Test(arguments: [0, 1, 4, 6, 12])
    func codesAreDigitsOfTheRequestedLength(length: Int) {
        var generator = SeededGenerator(seed: UInt64(length) + 100)
        for _ in 0..<200 {
            let code = CaptchaCode.random(length: length, using: &generator)
            #expect(code.count == length)
            #expect(code.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }, "\(code)")
        }
    }

    @Test func defaultLengthIsFour() {
        var generator = SeededGenerator(seed: 5)
        #expect(CaptchaCode.random(using: &generator).count == 4)
    }

    @Test func codesAreDeterministicPerSeedAndVary() {
        var a = SeededGenerator(seed: 77), b = SeededGenerator(seed: 77)
        let first = (0..<50).map { _ in CaptchaCode.random(using: &a) }
        let second = (0..<50).map { _ in CaptchaCode.random(using: &b) }
        #expect(first == second)
        #expect(Set(first).count > 45) // 10,000 possible codes: repeats should be rare
    }

    @Test func digitsAreUniformlyDistributed() {
        var generator = SeededGenerator(seed: 2024)
        let draws = 20_000
        var counts = [[Int]](repeating: [Int](repeating: 0, count: 10), count: 4)
        for _ in 0..<draws {
            for (position, scalar) in CaptchaCode.random(using: &generator).unicodeScalars.enumerated() {
                counts[position][Int(scalar.value) - 48] += 1
            }
        }
        let expected = Double(draws) / 10
        for position in 0..<4 {
            // Chi-square with 9 degrees of freedom: 27.88 is the 0.1% critical value.
            let chiSquare = counts[position].reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
            #expect(chiSquare < 27.88, "position \(position): \(counts[position])")
            #expect(counts[position].allSatisfy { $0 > 0 })
        }
    }
}

// MARK: - Captcha image

@Suite struct RendererTests {
    static func render(_ code: String, seed: UInt64, width: Int = 160, height: Int = 56) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        return CaptchaRenderer(width: width, height: height).png(code: code, using: &generator)
    }

    @Test func producesADecodablePNGOfTheRequestedSize() throws {
        let image = try decodePNG(Self.render("7388", seed: 1))
        #expect(image.width == 160 && image.height == 56)
        let custom = try decodePNG(Self.render("012345", seed: 1, width: 240, height: 80))
        #expect(custom.width == 240 && custom.height == 80)
    }

    @Test func encodedImageMatchesTheRenderedPixels() throws {
        var generator = SeededGenerator(seed: 11)
        let pixels = CaptchaRenderer().pixels(code: "4096", using: &generator)
        #expect(try decodePNG(Self.render("4096", seed: 11)).rgb == pixels)
    }

    @Test func sameSeedGivesTheSameImage() {
        #expect(Self.render("7388", seed: 123) == Self.render("7388", seed: 123))
    }

    @Test func differentSeedsGiveDifferentImages() {
        let images = (1...8).map { Self.render("7388", seed: $0) }
        #expect(Set(images).count == images.count)
    }

    @Test func differentCodesGiveDifferentImages() throws {
        // Same seed, so layout, colours and noise are drawn alike: only the glyph shapes differ.
        let a = try decodePNG(Self.render("2580", seed: 5)).rgb
        let b = try decodePNG(Self.render("3697", seed: 5)).rgb
        #expect(a != b)
        // Not just a few pixels: the glyphs themselves differ.
        let changed = zip(a, b).filter { abs(Int($0) - Int($1)) > 60 }.count
        #expect(changed > 300, "only \(changed) channel values differ strongly")
    }

    /// The image should look like dark glyphs on a light background.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func darkInkOnALightBackground(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let code = CaptchaCode.random(using: &generator)
        let image = try decodePNG(CaptchaRenderer().png(code: code, using: &generator))
        let luminance = stride(from: 0, to: image.rgb.count, by: 3).map {
            (299 * Int(image.rgb[$0]) + 587 * Int(image.rgb[$0 + 1]) + 114 * Int(image.rgb[$0 + 2])) / 1000
        }
        let light = luminance.filter { $0 > 200 }.count
        let dark = luminance.filter { $0 < 140 }.count
        #expect(Double(light) / Double(luminance.count) > 0.6, "background should be mostly light")
        // The two thin noise curves alone cover well under 10%; the glyphs must add to that.
        #expect(Double(dark) / Double(luminance.count) > 0.12, "too little ink for \(code)")
        #expect(Double(dark) / Double(luminance.count) < 0.35, "too much ink for \(code)")
        #expect(luminance.min()! < 130) // glyph cores are properly dark
    }

    @Test func glyphsStayInsideTheImage() throws {
        // No dark ink in the outermost rows: glyphs are kept clear of the edges
        // (noise curves are thin and lighter, so they don't count as dark here).
        for seed: UInt64 in 1...10 {
            var generator = SeededGenerator(seed: seed)
            let code = CaptchaCode.random(using: &generator)
            let image = try decodePNG(CaptchaRenderer().png(code: code, using: &generator))
            for y in [0, image.height - 1] {
                for x in 0..<image.width {
                    let i = (y * image.width + x) * 3
                    let lum = (299 * Int(image.rgb[i]) + 587 * Int(image.rgb[i + 1]) + 114 * Int(image.rgb[i + 2])) / 1000
                    #expect(lum > 100, "seed \(seed) code \(code): dark pixel at (\(x), \(y))")
                }
            }
        }
    }

    @Test func rejectsNonDigitCodes() async {
        await #expect(processExitsWith: .failure) {
            var generator = SeededGenerator(seed: 1)
            _ = CaptchaRenderer().png(code: "12a4", using: &generator)
        }
    }

    @Test func strokeFontHasEveryDigit() {
        for digit in 0...9 {
            let strokes = StrokeFont.strokes(for: digit)
            #expect(!strokes.isEmpty)
            let points = strokes.flatMap { $0 }
            #expect(points.count >= 3, "digit \(digit)")
            #expect(points.allSatisfy { (-0.1...1.1).contains($0.x) && (-0.1...1.1).contains($0.y) }, "digit \(digit)")
        }
    }
}
