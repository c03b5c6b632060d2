/// Base32 as RFC 4648 §6 defines it (A–Z, 2–7), written without `=` padding, as authenticator apps
/// expect secrets in an otpauth:// URI and people type them from a screen.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer = 0, bitsInBuffer = 0
        for byte in bytes {
            buffer = (buffer << 8 | Int(byte)) & 0xFFFF
            bitsInBuffer += 8
            while bitsInBuffer >= 5 {
                bitsInBuffer -= 5
                output.append(alphabet[(buffer >> bitsInBuffer) & 0x1F])
            }
        }
        if bitsInBuffer > 0 {
            output.append(alphabet[(buffer << (5 - bitsInBuffer)) & 0x1F])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Accepts lower case, spaces and trailing `=` padding, as secrets are shown grouped and
    /// sometimes padded. Returns nil for any other character, for a length no encoding produces
    /// (1, 3 or 6 characters past a multiple of 8), or when the unused final bits are not zero.
    public static func decode(_ text: String) -> [UInt8]? {
        var characters = Array(text.uppercased().utf8.filter { $0 != 0x20 })
        while characters.last == UInt8(ascii: "=") { characters.removeLast() }
        guard ![1, 3, 6].contains(characters.count % 8) else { return nil }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count * 5 / 8)
        var buffer = 0, bitsInBuffer = 0
        for character in characters {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5 | value) & 0xFFFF
            bitsInBuffer += 5
            if bitsInBuffer >= 8 {
                bitsInBuffer -= 8
                bytes.append(UInt8((buffer >> bitsInBuffer) & 0xFF))
            }
        }
        // Leftover bits are padding; a canonical encoding leaves them zero.
        guard buffer & ((1 << bitsInBuffer) - 1) == 0 else { return nil }
        return bytes
    }
}
