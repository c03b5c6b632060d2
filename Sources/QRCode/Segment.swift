/// The modes we encode (ISO/IEC 18004 §7.4). Kanji mode is left out: our texts are ASCII or UTF-8.
enum SegmentMode {
    case numeric, alphanumeric, byte

    var indicator: Int {
        switch self {
        case .numeric: 0b0001
        case .alphanumeric: 0b0010
        case .byte: 0b0100
        }
    }
}

/// The whole text as one segment in the most compact mode that can hold all of it. Mixing modes
/// within a text would save a little on long mixed texts; ours (otpauth:// URIs, names) gain nothing.
struct Segment {
    static let alphanumericCharset = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    let mode: SegmentMode
    /// Characters for numeric and alphanumeric mode, bytes for byte mode: what the count indicator counts.
    let characterCount: Int
    /// The segment's payload bits, without mode and count indicators.
    let data: BitBuffer
    /// UTF-8 with bytes above 0x7F: announced by ECI 26 so that readers do not guess ISO 8859-1,
    /// the standard's default for byte mode. Plain ASCII gets no ECI, as old readers expect.
    let needsUTF8Designator: Bool

    init(_ text: String) {
        let utf8 = Array(text.utf8)
        if utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            mode = .numeric
            data = Self.numericBits(utf8)
            needsUTF8Designator = false
        } else if utf8.allSatisfy({ Self.alphanumericCharset.contains($0) }) {
            mode = .alphanumeric
            data = Self.alphanumericBits(utf8)
            needsUTF8Designator = false
        } else {
            mode = .byte
            var bits = BitBuffer()
            for byte in utf8 { bits.append(Int(byte), bits: 8) }
            data = bits
            needsUTF8Designator = utf8.contains { $0 > 0x7F }
        }
        characterCount = utf8.count
    }

    /// Bits the whole segment takes in a symbol of this version, headers included.
    func bitLength(in version: SymbolVersion) -> Int {
        (needsUTF8Designator ? 12 : 0) + 4 + version.characterCountBits(mode) + data.count
    }

    /// Whether the count fits its indicator at this version (byte mode in versions 1–9 counts to 255).
    func countFits(in version: SymbolVersion) -> Bool {
        characterCount < 1 << version.characterCountBits(mode)
    }

    func write(to buffer: inout BitBuffer, version: SymbolVersion) {
        if needsUTF8Designator {
            buffer.append(0b0111, bits: 4) // ECI mode
            buffer.append(26, bits: 8) // ECI 000026: UTF-8
        }
        buffer.append(mode.indicator, bits: 4)
        buffer.append(characterCount, bits: version.characterCountBits(mode))
        for bit in data.bits { buffer.append(bit ? 1 : 0, bits: 1) }
    }

    /// Three digits in 10 bits; a final pair in 7, a final single digit in 4.
    private static func numericBits(_ digits: [UInt8]) -> BitBuffer {
        var bits = BitBuffer()
        for start in stride(from: 0, to: digits.count, by: 3) {
            let group = digits[start..<min(start + 3, digits.count)]
            let value = group.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            bits.append(value, bits: [0, 4, 7, 10][group.count])
        }
        return bits
    }

    /// Two characters in 11 bits (45 × first + second); a final single character in 6.
    private static func alphanumericBits(_ characters: [UInt8]) -> BitBuffer {
        let values = characters.map { Self.alphanumericCharset.firstIndex(of: $0)! }
        var bits = BitBuffer()
        for start in stride(from: 0, to: values.count, by: 2) {
            if start + 1 < values.count {
                bits.append(values[start] * 45 + values[start + 1], bits: 11)
            } else {
                bits.append(values[start], bits: 6)
            }
        }
        return bits
    }
}
