/// The penalty score by which the encoder picks a mask (ISO/IEC 18004 §7.8.3): the lower, the
/// easier the symbol is to read. Computed on the whole symbol, format information included.
enum MaskPenalty {
    static func score(_ dark: [Bool], size: Int) -> Int {
        func at(_ x: Int, _ y: Int) -> Bool { dark[y * size + x] }
        var penalty = 0
        for line in 0..<size {
            penalty += runs((0..<size).map { at($0, line) }) + finderLikes((0..<size).map { at($0, line) })
            penalty += runs((0..<size).map { at(line, $0) }) + finderLikes((0..<size).map { at(line, $0) })
        }
        penalty += blocks(at, size: size)
        penalty += balance(dark)
        return penalty
    }

    /// Rule 1: five or more modules of one colour in a row: 3, plus 1 for each module beyond five.
    static func runs(_ line: [Bool]) -> Int {
        var penalty = 0
        var runLength = 0
        for (i, module) in line.enumerated() {
            runLength = (i > 0 && module == line[i - 1]) ? runLength + 1 : 1
            if runLength == 5 { penalty += 3 } else if runLength > 5 { penalty += 1 }
        }
        return penalty
    }

    /// Rule 2: 3 for each 2×2 square of one colour (overlapping squares each count).
    static func blocks(_ at: (Int, Int) -> Bool, size: Int) -> Int {
        var penalty = 0
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = at(x, y)
                if at(x + 1, y) == colour, at(x, y + 1) == colour, at(x + 1, y + 1) == colour { penalty += 3 }
            }
        }
        return penalty
    }

    /// Rule 3: 40 for each dark–light–dark–dark–dark–light–dark run (a finder's 1:1:3:1:1) with four
    /// light modules on one side; the quiet zone beyond the edge counts as light.
    static func finderLikes(_ line: [Bool]) -> Int {
        let core = [true, false, true, true, true, false, true]
        func light(_ range: Range<Int>) -> Bool { range.allSatisfy { $0 < 0 || $0 >= line.count || !line[$0] } }
        var penalty = 0
        guard line.count >= core.count else { return 0 }
        for start in 0...(line.count - core.count) where Array(line[start..<start + core.count]) == core {
            if light((start - 4)..<start) { penalty += 40 }
            if light((start + 7)..<(start + 11)) { penalty += 40 }
        }
        return penalty
    }

    /// Rule 4: 10 for each full 5 % by which the share of dark modules strays from half.
    static func balance(_ dark: [Bool]) -> Int {
        let total = dark.count
        let darkCount = dark.lazy.filter { $0 }.count
        return abs(darkCount * 20 - total * 10) / total * 10
    }
}
