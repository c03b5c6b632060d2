/// The `_xHHHH_` escapes of OOXML strings (ECMA-376 Part 1 §22.9.2.19, ST_Xstring).
///
/// XML 1.0 cannot hold most control characters, so Excel writes them as `_x000D_` (carriage return),
/// `_x0001_` and so on, and writes a literal underscore that would look like an escape as `_x005F_`.
enum OOXMLEscape {
    /// Decodes every `_xHHHH_` in `text`, left to right (so `_x005F_x000D_` is the literal `_x000D_`).
    static func decode(_ text: String) -> String {
        // A byte check first: Foundation's String.contains(String) is slow, and this runs per cell.
        guard UTF8Bytes.contains(text, where: { $0 == UInt8(ascii: "_") }) else { return text }
        var scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
               let code = hexValue(scalars[(index + 2)...(index + 5)]) {
                if let scalar = Unicode.Scalar(code) {
                    output.append(scalar)
                } else {
                    // A lone surrogate cannot be a String scalar; keep the escape as written.
                    output.append(contentsOf: scalars[index...(index + 6)])
                }
                index += 7
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        scalars.removeAll()
        return String(output)
    }

    /// Escapes `text` for a cell: characters XML 1.0 cannot hold become `_xHHHH_`, and an underscore
    /// that starts something looking like an escape becomes `_x005F_`, so `decode` gives `text` back.
    static func encode(_ text: String) -> String {
        // 0xEF leads the UTF-8 of U+FFFE/U+FFFF (and other characters, which the slow path keeps).
        guard UTF8Bytes.contains(text, where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D)
                || $0 == UInt8(ascii: "_") || $0 == 0xEF }) else {
            return text
        }
        let scalars = Array(text.unicodeScalars)
        var output = ""
        for (index, scalar) in scalars.enumerated() {
            if needsEscape(scalar) {
                output += "_x" + hex4(scalar.value) + "_"
            } else if scalar == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
                      hexValue(scalars[(index + 2)...(index + 5)]) != nil {
                output += "_x005F_"
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Characters outside XML 1.0's Char production, and U+FFFE/FFFF. Tab, LF and CR are XML
    /// characters (`XMLText` writes CR as `&#13;`, which every XML reader keeps, openpyxl included).
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || value == 0xFFFE || value == 0xFFFF
    }

    private static func hexValue(_ digits: ArraySlice<Unicode.Scalar>) -> UInt32? {
        var value: UInt32 = 0
        for digit in digits {
            guard digit.isASCII, let nibble = UInt32(String(digit), radix: 16) else { return nil }
            value = value << 4 | nibble
        }
        return value
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
