/// A QR Code version (1–40): its size, its alignment patterns and how its codewords divide
/// into data and error correction blocks (ISO/IEC 18004 Table 9 and Annex E).
struct SymbolVersion: Equatable, Comparable {
    let number: Int

    static let all = (1...40).map(SymbolVersion.init)

    init(_ number: Int) {
        precondition((1...40).contains(number), "QR Code versions run from 1 to 40")
        self.number = number
    }

    static func < (a: SymbolVersion, b: SymbolVersion) -> Bool { a.number < b.number }

    /// Modules per side: 21 for version 1, 4 more per version.
    var size: Int { 17 + 4 * number }

    /// The centre rows and columns of the alignment patterns (Annex E): the first at 6, the last 7
    /// from the far edge, the rest evenly spaced backwards from the last by an even step.
    var alignmentCentres: [Int] {
        if number == 1 { return [] }
        let count = number / 7 + 2
        let last = size - 7
        // Version 32 is the one exception to the rounding in Annex E's table.
        let step = number == 32 ? 26 : ((last - 6) + (count - 1) * 2 - 1) / ((count - 1) * 2) * 2
        return [6] + (0..<(count - 1)).reversed().map { last - $0 * step }
    }

    /// Modules left for codewords (data and error correction, plus a few remainder bits) once the
    /// finder, timing, alignment, format and version areas are taken.
    var codewordModules: Int {
        let n = number
        var modules = (16 * n + 128) * n + 64
        if n >= 2 {
            let aligns = n / 7 + 2
            modules -= (25 * aligns - 10) * aligns - 55
            if n >= 7 { modules -= 36 }
        }
        return modules
    }

    var totalCodewords: Int { codewordModules / 8 }

    func errorCorrectionPerBlock(_ level: ErrorCorrection) -> Int {
        Self.eccPerBlock[level.rawValue][number - 1]
    }

    func blockCount(_ level: ErrorCorrection) -> Int {
        Self.blocks[level.rawValue][number - 1]
    }

    func dataCodewords(_ level: ErrorCorrection) -> Int {
        totalCodewords - errorCorrectionPerBlock(level) * blockCount(level)
    }

    /// Bits of the character count indicator, by mode, for this version's group (Table 3).
    func characterCountBits(_ mode: SegmentMode) -> Int {
        let group = number <= 9 ? 0 : number <= 26 ? 1 : 2
        switch mode {
        case .numeric: return [10, 12, 14][group]
        case .alphanumeric: return [9, 11, 13][group]
        case .byte: return [8, 16, 16][group]
        }
    }

    // Table 9, by level (L, M, Q, H) then version 1–40.
    private static let eccPerBlock: [[Int]] = [
        [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
         28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
         26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
         28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
         30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    private static let blocks: [[Int]] = [
        [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
         8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
         17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
         23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
         25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]
}
