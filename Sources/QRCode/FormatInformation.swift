/// The 15 format bits (ISO/IEC 18004 §7.9): error correction level and mask, protected by a
/// BCH(15,5) code and XORed with 101010000010010 so that they are never all light. Written twice,
/// around the upper-left finder and split between the other two, so one damaged copy is survivable.
enum FormatInformation {
    static func bits(level: ErrorCorrection, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        return (data << 10 | bchRemainder(data << 10, generator: 0b101_0011_0111)) ^ 0b101_0100_0001_0010
    }

    /// Bit i is the coefficient of xⁱ; bit 14 is the most significant.
    static func place(_ bits: Int, in grid: inout ModuleGrid) {
        let size = grid.size
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        // First copy: up column 8 above the finder's corner, then left along row 8.
        for i in 0...5 { grid.setFunction(x: 8, y: i, dark: bit(i)) }
        grid.setFunction(x: 8, y: 7, dark: bit(6)) // row 6 is the timing pattern
        grid.setFunction(x: 8, y: 8, dark: bit(7))
        grid.setFunction(x: 7, y: 8, dark: bit(8)) // column 6 likewise
        for i in 9...14 { grid.setFunction(x: 14 - i, y: 8, dark: bit(i)) }
        // Second copy: bits 0–7 along row 8 under the upper-right finder, 8–14 down column 8 beside the lower-left one.
        for i in 0...7 { grid.setFunction(x: size - 1 - i, y: 8, dark: bit(i)) }
        for i in 8...14 { grid.setFunction(x: 8, y: size - 15 + i, dark: bit(i)) }
    }
}

/// The 18 version bits of versions 7 and up (§7.10): the version number and a BCH(18,6)
/// remainder, in a 6×3 block beside the upper-right finder and its transpose beside the lower-left.
enum VersionInformation {
    static func bits(for version: SymbolVersion) -> Int {
        version.number << 12 | bchRemainder(version.number << 12, generator: 0b1_1111_0010_0101)
    }

    static func place(_ bits: Int, in grid: inout ModuleGrid) {
        for i in 0..<18 {
            let dark = (bits >> i) & 1 == 1
            let across = grid.size - 11 + i % 3, along = i / 3
            grid.setFunction(x: across, y: along, dark: dark)
            grid.setFunction(x: along, y: across, dark: dark)
        }
    }
}

/// The remainder of `value` divided by `generator` as polynomials over GF(2).
func bchRemainder(_ value: Int, generator: Int) -> Int {
    let degree = Int.bitWidth - generator.leadingZeroBitCount - 1
    var remainder = value
    while remainder != 0, Int.bitWidth - remainder.leadingZeroBitCount - 1 >= degree {
        let shift = (Int.bitWidth - remainder.leadingZeroBitCount - 1) - degree
        remainder ^= generator << shift
    }
    return remainder
}
