/// Character tests shared by the validators.
///
/// Every code in this module (ID numbers, phone numbers, registration codes) is defined over ASCII digits
/// and letters only. `Character.isNumber` or `isLetter` would also accept "٣", "三" or "Ａ", which the
/// standards do not allow, so the checks here are deliberately ASCII-only. Input is passed through
/// `TextNormalizer` first, which folds full-width forms to ASCII.
enum ASCIIText {
    static func isDigit(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 0x30 && a <= 0x39
    }

    static func isUpper(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 0x41 && a <= 0x5A
    }

    static func isLower(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 0x61 && a <= 0x7A
    }

    static func isLetter(_ c: Character) -> Bool {
        isUpper(c) || isLower(c)
    }

    static func isAllDigits<S: StringProtocol>(_ s: S) -> Bool {
        !s.isEmpty && s.allSatisfy(isDigit)
    }

    /// The value of a run of ASCII digits, or nil if it holds anything else (or would overflow).
    static func number<S: StringProtocol>(_ s: S) -> Int? {
        guard isAllDigits(s), s.count <= 18 else { return nil }
        return s.reduce(0) { $0 * 10 + Int($1.asciiValue! - 0x30) }
    }
}
