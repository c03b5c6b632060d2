/// How much of a symbol may be damaged and still read: about 7 % (L), 15 % (M), 25 % (Q) or 30 % (H)
/// of its codewords. More correction means fewer data codewords, so a larger symbol for the same text.
public enum ErrorCorrection: Int, Sendable, CaseIterable {
    case low, medium, quartile, high

    public static let L = ErrorCorrection.low
    public static let M = ErrorCorrection.medium
    public static let Q = ErrorCorrection.quartile
    public static let H = ErrorCorrection.high

    /// The two bits that name the level in the format information (ISO/IEC 18004 Table 12):
    /// not in the order of strength.
    var formatBits: Int {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }
}
