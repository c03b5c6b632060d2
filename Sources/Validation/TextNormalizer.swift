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
        for scalar in s.unicodeScalars {
            if fullWidthRange.contains(scalar.value) {
                scalars.append(Unicode.Scalar(scalar.value - fullWidthOffset)!)
            } else if scalar.value == ideographicSpace {
                scalars.append(" ")
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// For free text (names, addresses, units): only full-width digits and Latin letters (and the
    /// ideographic space) are folded, so "３号楼Ａ座" reads "3号楼A座"; Chinese punctuation such as （）、，：
    /// stays as typed, because "奥的斯电梯（中国）有限公司" is how the name is written.
    public static func normalizeFreeText(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(s.unicodeScalars.count)
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                scalars.append(Unicode.Scalar(scalar.value - fullWidthOffset)!)
            case ideographicSpace:
                scalars.append(" ")
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
