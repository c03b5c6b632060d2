import Crypto

/// One-time recovery codes for a person who has lost their phone: shown once, stored only as
/// hashes, each crossed out when used. Ten characters from an alphabet without 0/O and 1/I
/// (50 bits each), grouped `XXXXX-XXXXX` so they can be read out and typed without doubt.
public enum RecoveryCodes {
    /// Digits 2–9 and the capital letters but I and O: 32 characters, 5 bits each.
    public static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
    public static let codeLength = 10
    public static let defaultCount = 10

    public static func generate(count: Int = defaultCount) -> [String] {
        var generator = SystemRandomNumberGenerator()
        return generate(count: count, using: &generator)
    }

    public static func generate<G: RandomNumberGenerator>(count: Int = defaultCount, using generator: inout G) -> [String] {
        (0..<count).map { _ in
            // random(in:) draws without modulo bias.
            let characters = (0..<codeLength).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            return String(characters[0..<5]) + "-" + String(characters[5...])
        }
    }

    /// The code as stored and compared: upper case, without spaces or dashes, full-width forms
    /// (as a Chinese input method types them) made ASCII. Nil if it cannot be one of our codes.
    public static func normalise(_ typed: String) -> String? {
        var characters: [Character] = []
        for scalar in typed.unicodeScalars {
            var value = scalar.value
            // Full-width ASCII (U+FF01–FF5E) sits 0xFEE0 above the ASCII it stands for.
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            if Self.ignored.contains(value) { continue }
            guard let ascii = Unicode.Scalar(value), ascii.isASCII else { return nil }
            let character = Character(ascii).uppercased()
            guard let first = character.first, character.count == 1, alphabet.contains(first) else { return nil }
            characters.append(first)
        }
        return characters.count == codeLength ? String(characters) : nil
    }

    /// What to store for a code, and to look up for a typed one: the hex SHA-256 of the normalised
    /// code. A plain hash suffices because the codes are random (50 bits), not chosen by people;
    /// nil if the text is not a code.
    public static func storageHash(of code: String) -> String? {
        guard let normalised = normalise(code) else { return nil }
        return SHA256.hash(data: Array(normalised.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 0x10 ? "0" + hex : hex
        }.joined()
    }

    /// Spaces (ASCII, tab, ideographic) and dashes people type between the groups: hyphen-minus,
    /// the Unicode hyphens and dashes, the minus sign, and the small hyphen-minus; the full-width
    /// hyphen (U+FF0D) arrives here as "-" and the Chinese dash 破折号 as U+2014.
    static let ignored: Set<UInt32> = [0x20, 0x09, 0x3000, 0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015,
                                       0x2212, 0xFE63]
}
