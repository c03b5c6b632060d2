/// The eight data masks (ISO/IEC 18004 §7.8.2): each inverts the data modules where its condition
/// holds, breaking up patterns that a reader could mistake for finders or that leave large blots.
enum DataMask {
    static let all = 0..<8

    /// Whether mask `number` inverts the module in row `i`, column `j` (Table 10).
    static func inverts(_ number: Int, row i: Int, column j: Int) -> Bool {
        switch number {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }
}

extension ModuleGrid {
    /// Masking twice with the same mask restores the grid, as every inversion is its own inverse.
    mutating func applyMask(_ number: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] && DataMask.inverts(number, row: y, column: x) {
                dark[y * size + x].toggle()
            }
        }
    }
}
