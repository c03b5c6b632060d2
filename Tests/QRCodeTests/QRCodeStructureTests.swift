import Testing
@testable import QRCode

/// What every symbol must show whatever its data: finders, separators, timing, the dark module,
/// and the format and version information where the standard puts them.
@Suite struct QRCodeStructureTests {
    @Test(arguments: [("A", 1), (String(repeating: "a", count: 100), 6), (String(repeating: "a", count: 2000), 38)])
    func sizeFollowsTheVersion(text: String, expectedVersion: Int) throws {
        let matrix = try QRCode.encode(text, correction: .medium)
        #expect(matrix.version == expectedVersion)
        #expect(matrix.size == 17 + 4 * expectedVersion)
    }

    @Test(arguments: [1, 7, 40])
    func findersAndSeparatorsSitInThreeCorners(version: Int) throws {
        let matrix = try QRCode.encode(CapacityText.filling(version: version, level: .low), correction: .low)
        #expect(matrix.version == version)
        let far = matrix.size - 7
        for (left, top) in [(0, 0), (far, 0), (0, far)] {
            for dy in 0..<7 {
                for dx in 0..<7 {
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    #expect(matrix.isDark(x: left + dx, y: top + dy) == (ring != 2), "finder at (\(left), \(top))")
                }
            }
        }
        // The separators: light lines along the inner sides of each finder.
        for i in 0..<8 {
            #expect(!matrix.isDark(x: 7, y: i) && !matrix.isDark(x: i, y: 7))
            #expect(!matrix.isDark(x: matrix.size - 8, y: i) && !matrix.isDark(x: matrix.size - 1 - i, y: 7))
            #expect(!matrix.isDark(x: 7, y: matrix.size - 1 - i) && !matrix.isDark(x: i, y: matrix.size - 8))
        }
    }

    @Test(arguments: [1, 2, 10, 40])
    func timingPatternsAlternateBetweenTheFinders(version: Int) throws {
        let matrix = try QRCode.encode(CapacityText.filling(version: version, level: .high), correction: .high)
        for i in 8..<(matrix.size - 8) {
            #expect(matrix.isDark(x: i, y: 6) == (i % 2 == 0))
            #expect(matrix.isDark(x: 6, y: i) == (i % 2 == 0))
        }
        #expect(matrix.isDark(x: 8, y: matrix.size - 8), "the dark module")
    }

    @Test func alignmentCentresMatchAnnexE() {
        #expect(SymbolVersion(1).alignmentCentres == [])
        #expect(SymbolVersion(2).alignmentCentres == [6, 18])
        #expect(SymbolVersion(7).alignmentCentres == [6, 22, 38])
        #expect(SymbolVersion(15).alignmentCentres == [6, 26, 48, 70])
        #expect(SymbolVersion(16).alignmentCentres == [6, 26, 50, 74])
        #expect(SymbolVersion(32).alignmentCentres == [6, 34, 60, 86, 112, 138])
        #expect(SymbolVersion(36).alignmentCentres == [6, 24, 50, 76, 102, 128, 154])
        #expect(SymbolVersion(40).alignmentCentres == [6, 30, 58, 86, 114, 142, 170])
    }

    @Test func codewordCountsMatchTable9() {
        #expect(SymbolVersion(1).totalCodewords == 26)
        #expect(SymbolVersion(7).totalCodewords == 196)
        #expect(SymbolVersion(40).totalCodewords == 3706)
        #expect([ErrorCorrection.L, .M, .Q, .H].map { SymbolVersion(1).dataCodewords($0) } == [19, 16, 13, 9])
        #expect([ErrorCorrection.L, .M, .Q, .H].map { SymbolVersion(10).dataCodewords($0) } == [274, 216, 154, 122])
        #expect([ErrorCorrection.L, .M, .Q, .H].map { SymbolVersion(40).dataCodewords($0) } == [2956, 2334, 1666, 1276])
    }

    /// The 32 format words of the standard's Annex C table, by level (L, M, Q, H) then mask 0–7.
    @Test func formatBitsMatchAnnexC() {
        let expected: [[Int]] = [
            [0b111011111000100, 0b111001011110011, 0b111110110101010, 0b111100010011101,
             0b110011000101111, 0b110001100011000, 0b110110001000001, 0b110100101110110],
            [0b101010000010010, 0b101000100100101, 0b101111001111100, 0b101101101001011,
             0b100010111111001, 0b100000011001110, 0b100111110010111, 0b100101010100000],
            [0b011010101011111, 0b011000001101000, 0b011111100110001, 0b011101000000110,
             0b010010010110100, 0b010000110000011, 0b010111011011010, 0b010101111101101],
            [0b001011010001001, 0b001001110111110, 0b001110011100111, 0b001100111010000,
             0b000011101100010, 0b000001001010101, 0b000110100001100, 0b000100000111011],
        ]
        for level in ErrorCorrection.allCases {
            for mask in 0..<8 {
                #expect(FormatInformation.bits(level: level, mask: mask) == expected[level.rawValue][mask], "\(level) mask \(mask)")
            }
        }
    }

    @Test func versionBitsMatchAnnexD() {
        #expect(VersionInformation.bits(for: SymbolVersion(7)) == 0x07C94)
        #expect(VersionInformation.bits(for: SymbolVersion(8)) == 0x085BC)
        #expect(VersionInformation.bits(for: SymbolVersion(40)) == 0x28C69)
    }

    /// Both copies of the format information carry the level and the mask the encoder reports.
    @Test(arguments: ErrorCorrection.allCases)
    func formatInformationIsWrittenTwice(level: ErrorCorrection) throws {
        let matrix = try QRCode.encode("otpauth://totp/test", correction: level)
        let expected = FormatInformation.bits(level: level, mask: matrix.mask)
        let size = matrix.size
        var first = 0, second = 0
        // Bit 14 first: the first copy runs along row 8 from the left, then up column 8.
        let firstPositions = [(0, 8), (1, 8), (2, 8), (3, 8), (4, 8), (5, 8), (7, 8), (8, 8),
                              (8, 7), (8, 5), (8, 4), (8, 3), (8, 2), (8, 1), (8, 0)]
        for (x, y) in firstPositions { first = first << 1 | (matrix.isDark(x: x, y: y) ? 1 : 0) }
        let secondPositions = (0..<7).map { (8, size - 1 - $0) } + (0..<8).map { (size - 8 + $0, 8) }
        for (x, y) in secondPositions { second = second << 1 | (matrix.isDark(x: x, y: y) ? 1 : 0) }
        #expect(first == expected)
        #expect(second == expected)
    }

    @Test func versionInformationIsWrittenTwiceFromVersion7() throws {
        let matrix = try QRCode.encode(CapacityText.filling(version: 7, level: .medium), correction: .medium)
        #expect(matrix.version == 7)
        for i in 0..<18 {
            let bit = (0x07C94 >> i) & 1 == 1
            #expect(matrix.isDark(x: matrix.size - 11 + i % 3, y: i / 3) == bit)
            #expect(matrix.isDark(x: i / 3, y: matrix.size - 11 + i % 3) == bit)
        }
    }

    @Test func theChosenMaskHasTheLowestPenalty() throws {
        let text = "otpauth://totp/LiftWatch:admin?secret=JBSWY3DPEHPK3PXP"
        let matrix = try QRCode.encode(text, correction: .medium)
        let segment = Segment(text)
        let version = SymbolVersion(matrix.version)
        var grid = ModuleGrid(version: version)
        grid.placeData(Codewords.interleaved(data: Codewords.data(for: segment, version: version, level: .medium), version: version, level: .medium))
        let penalties = DataMask.all.map { mask in
            var candidate = grid
            candidate.applyMask(mask)
            FormatInformation.place(FormatInformation.bits(level: .medium, mask: mask), in: &candidate)
            return MaskPenalty.score(candidate.dark, size: candidate.size)
        }
        #expect(penalties[matrix.mask] == penalties.min())
        #expect(Set(penalties).count > 1, "the masks should not all score alike")
    }

    @Test func everyTextEncodesIncludingTheEmptyOne() throws {
        #expect(try QRCode.encode("").version == 1)
        #expect(try QRCode.encode("新乡市电梯维保监管系统").size == 29, "33 UTF-8 bytes and an ECI: version 3 at M")
    }
}
