extension ModuleGrid {
    /// Places the codewords' bits (most significant first) in the two-module-wide columns that zigzag
    /// up and down from the lower-right corner, skipping function modules and the vertical timing
    /// column (ISO/IEC 18004 §7.7.3). Modules left over at the end are the remainder bits: light.
    mutating func placeData(_ codewords: [UInt8]) {
        let bitCount = codewords.count * 8
        var index = 0
        var upward = true
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !isFunction[y * size + x] {
                    if index < bitCount {
                        dark[y * size + x] = (codewords[index / 8] >> (7 - index % 8)) & 1 == 1
                    }
                    index += 1
                }
            }
            upward.toggle()
            right -= 2
        }
    }
}
