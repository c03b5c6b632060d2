import Testing
@testable import QRCode

/// The data and error correction codewords, against worked examples and rules of the standard.
@Suite struct QRCodeCodewordTests {
    /// ISO/IEC 18004 Annex I: "01234567" as a 1-M symbol.
    @Test func numericExampleOfAnnexI() {
        let data = Codewords.data(for: Segment("01234567"), version: SymbolVersion(1), level: .medium)
        #expect(data == [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11])
        #expect(ReedSolomon(degree: 10).remainder(of: data) == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test func alphanumericHelloWorld() {
        let data = Codewords.data(for: Segment("HELLO WORLD"), version: SymbolVersion(1), level: .medium)
        #expect(data == [0x20, 0x5B, 0x0B, 0x78, 0xD1, 0x72, 0xDC, 0x4D, 0x43, 0x40, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11])
        #expect(ReedSolomon(degree: 10).remainder(of: data) == [0xC4, 0x23, 0x27, 0x77, 0xEB, 0xD7, 0xE7, 0xE2, 0x5D, 0x17])
    }

    @Test func modesAreChosenByContent() {
        #expect(Segment("0123456789").mode == .numeric)
        #expect(Segment("HELLO WORLD $%*+-./:").mode == .alphanumeric)
        #expect(Segment("hello").mode == .byte)
        #expect(!Segment("otpauth://totp/a").needsUTF8Designator)
        #expect(Segment("电梯").needsUTF8Designator)
        #expect(Segment("电梯").characterCount == 6, "byte mode counts UTF-8 bytes")
    }

    @Test func galoisFieldTablesAreInverse() {
        for value in 1...255 { #expect(Int(GaloisField.exp[GaloisField.log[value]]) == value) }
        #expect(GaloisField.exp[8] == 0x1D, "α⁸ = x⁴ + x³ + x² + 1")
        #expect(GaloisField.multiply(0x53, 0xCA) == GaloisField.multiply(0xCA, 0x53))
    }

    /// Blocks of versions with two block lengths: the long blocks come last and all data is used.
    @Test(arguments: [(5, ErrorCorrection.quartile), (40, .high), (13, .medium)])
    func interleavingUsesEveryCodewordOnce(version: Int, level: ErrorCorrection) {
        let symbol = SymbolVersion(version)
        let data = (0..<symbol.dataCodewords(level)).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) }
        let codewords = Codewords.interleaved(data: data, version: symbol, level: level)
        #expect(codewords.count == symbol.totalCodewords)
        // The first codeword of each block leads, in block order.
        let shortLength = symbol.totalCodewords / symbol.blockCount(level) - symbol.errorCorrectionPerBlock(level)
        let blockStarts = (0..<symbol.blockCount(level)).map { index in
            index * shortLength + max(0, index - (symbol.blockCount(level) - symbol.totalCodewords % symbol.blockCount(level)))
        }
        #expect(Array(codewords.prefix(blockStarts.count)) == blockStarts.map { data[$0] })
    }

    @Test func penaltyRules() {
        #expect(MaskPenalty.runs([true, true, true, true]) == 0)
        #expect(MaskPenalty.runs([true, true, true, true, true]) == 3)
        #expect(MaskPenalty.runs([false, true, true, true, true, true, true, true]) == 5)
        let finderLike = [true, false, true, true, true, false, true, false, false, false, false]
        #expect(MaskPenalty.finderLikes(finderLike) == 80, "light beyond the edge on the left, four light on the right")
        #expect(MaskPenalty.finderLikes([true, true] + finderLike) == 40)
        #expect(MaskPenalty.balance(Array(repeating: true, count: 50) + Array(repeating: false, count: 50)) == 0)
        #expect(MaskPenalty.balance(Array(repeating: true, count: 60) + Array(repeating: false, count: 40)) == 20)
    }
}
