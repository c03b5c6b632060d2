/// The modules that are not data: finder patterns with their separators, timing patterns, alignment
/// patterns, the dark module, and the format and version information areas (ISO/IEC 18004 §6.3).
/// `isFunction` marks them so that data placement and masking leave them alone.
struct ModuleGrid {
    let version: SymbolVersion
    let size: Int
    var dark: [Bool]
    var isFunction: [Bool]

    init(version: SymbolVersion) {
        self.version = version
        size = version.size
        dark = Array(repeating: false, count: size * size)
        isFunction = Array(repeating: false, count: size * size)
        drawFunctionPatterns()
    }

    mutating func setFunction(x: Int, y: Int, dark value: Bool) {
        dark[y * size + x] = value
        isFunction[y * size + x] = true
    }

    private mutating func drawFunctionPatterns() {
        // Timing patterns first: the finders drawn next overwrite their ends.
        for i in 0..<size {
            setFunction(x: 6, y: i, dark: i % 2 == 0)
            setFunction(x: i, y: 6, dark: i % 2 == 0)
        }
        drawFinder(centreX: 3, centreY: 3)
        drawFinder(centreX: size - 4, centreY: 3)
        drawFinder(centreX: 3, centreY: size - 4)

        let centres = version.alignmentCentres
        for cy in centres {
            for cx in centres {
                // No alignment pattern where it would overlap a finder.
                let nearFinder = (cx == 6 && cy == 6) || (cx == 6 && cy == centres.last) || (cx == centres.last && cy == 6)
                if !nearFinder { drawAlignment(centreX: cx, centreY: cy) }
            }
        }

        // Reserve the format areas now; their bits depend on the mask and are written last.
        FormatInformation.place(0, in: &self)
        // The dark module beside the lower-left finder, always dark.
        setFunction(x: 8, y: size - 8, dark: true)
        if version.number >= 7 {
            VersionInformation.place(VersionInformation.bits(for: version), in: &self)
        }
    }

    /// A 7×7 finder (dark ring, light ring, dark 3×3) with its one-module light separator.
    private mutating func drawFinder(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx, y = centreY + dy
                guard x >= 0, x < size, y >= 0, y < size else { continue }
                let ring = max(abs(dx), abs(dy))
                setFunction(x: x, y: y, dark: ring != 2 && ring != 4)
            }
        }
    }

    /// A 5×5 alignment pattern: dark ring, light ring, dark centre.
    private mutating func drawAlignment(centreX: Int, centreY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunction(x: centreX + dx, y: centreY + dy, dark: max(abs(dx), abs(dy)) != 1)
            }
        }
    }
}
