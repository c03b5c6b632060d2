import Foundation

/// Cleans text typed with a Chinese input method before it is validated.
///
/// Chinese IMEs in full-width mode produce the full-width forms of ASCII (Unicode block "Halfwidth and
/// Fullwidth Forms", U+FF01–U+FF5E, which map one-to-one onto U+0021–U+007E at an offset of 0xFEE0) and the
/// ideographic space U+3000. Users cannot see the difference, so "１３７３３８７７７９５" must be read as
/// "13733877795". Only that block is folded (not a general NFKC). Codes and numbers go through `normalize`,
/// which folds the whole block; free text through `normalizeFreeText`, which keeps Chinese punctuation.
public enum TextNormalizer {
    private static let fullWidthRange: ClosedRange<UInt32> = 0xFF01...0xFF5E
    private static let fullWidthOffset: UInt32 = 0xFEE0
    private static let ideographicSpace: UInt32 = 0x3000

    public static func normalize(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(s.unicodeScalars.count)
        for scalar in stripControls(s).unicodeScalars {
            if fullWidthRange.contains(scalar.value) {
                scalars.append(Unicode.Scalar(scalar.value - fullWidthOffset)!)
            } else if scalar.value == ideographicSpace {
                scalars.append(" ")
            } else {
                scalars.append(scalar)
            }
        }
        return trimmed(scalars)
    }

    /// For free text (names, addresses, units): only full-width digits and Latin letters (and the
    /// ideographic space) are folded, so "３号楼Ａ座" reads "3号楼A座"; Chinese punctuation such as （）、，：
    /// stays as typed, because "奥的斯电梯（中国）有限公司" is how the name is written.
    public static func normalizeFreeText(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(s.unicodeScalars.count)
        for scalar in stripControls(s).unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                scalars.append(Unicode.Scalar(scalar.value - fullWidthOffset)!)
            case ideographicSpace:
                scalars.append(" ")
            default:
                scalars.append(scalar)
            }
        }
        return trimmed(scalars)
    }

    /// The scalars without leading and trailing white space: what Foundation's `.whitespacesAndNewlines`
    /// trims (Unicode's White_Space property, and U+200B ZERO WIDTH SPACE in Foundation on Linux), tested
    /// on the scalars without Foundation's bridging, a tenth of a 10,000-row import's time (measured).
    static func trimmed(_ scalars: String.UnicodeScalarView) -> String {
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(scalars[first...last])
    }

    private static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.value == 0x200B
    }

    /// Removes the characters that have no business in a record and can hide what it says: control
    /// characters (NUL, BEL, ESC, …; C0, DEL and C1), the bidirectional controls that make a name read
    /// differently to a reviewer (U+202E RIGHT-TO-LEFT OVERRIDE and its kin), zero-width characters
    /// and the byte-order mark. Line breaks survive (CR LF, CR and U+2028/U+2029 become LF) and a tab
    /// becomes a space, so that a textarea keeps its lines. Joiners (U+200C/U+200D) stay: emoji and
    /// some scripts need them and they reorder nothing.
    public static func stripControls(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isRemovedOrRewritten) else { return s }
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in s.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A: if !previousWasCR { scalars.append("\n") }
            case 0x0D, 0x2028, 0x2029: scalars.append("\n")
            case 0x09: scalars.append(" ")
            default: if !isRemoved(scalar) { scalars.append(scalar) }
            }
        }
        return String(scalars)
    }

    private static func isRemovedOrRewritten(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x09 || scalar.value == 0x0D || scalar.value == 0x2028 || scalar.value == 0x2029 || isRemoved(scalar)
    }

    private static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF, 0xFFF9...0xFFFB: true
        default: false
        }
    }
}
