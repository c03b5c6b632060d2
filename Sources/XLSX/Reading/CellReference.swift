/// Column letters of an A1-style reference.
enum CellReference {
    /// The 0-based column of a reference such as `AB12` (27), or nil if it does not start with letters.
    /// Stops counting past XFD's width so a hostile `AAAAAAAAAAAAAAA1` cannot overflow.
    static func column(of reference: String) -> Int? {
        var column = 0
        var sawLetter = false
        for scalar in reference.unicodeScalars {
            let value = scalar.value
            let digit: UInt32
            if (65...90).contains(value) { digit = value - 64 }
            else if (97...122).contains(value) { digit = value - 96 }
            else { break }
            sawLetter = true
            column = column * 26 + Int(digit)
            if column > 1_000_000 { return column }
        }
        return sawLetter ? column - 1 : nil
    }

    /// Letters for a 0-based column: 0 → A, 25 → Z, 26 → AA.
    static func letters(forColumn column: Int) -> String {
        var number = column + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }
}
