import Crypto

/// HOTP (RFC 4226): an HMAC-SHA-1 of a counter, dynamically truncated to a few decimal digits.
/// SHA-1 is what authenticator apps compute; its weakness in collisions does not touch HMAC.
public enum HOTP {
    /// The code for `counter`, zero-padded to `digits` (6 in every app; 8 in the RFCs' test vectors).
    public static func code(secret: [UInt8], counter: UInt64, digits: Int = 6) -> String {
        precondition((6...9).contains(digits), "HOTP codes have 6 to 9 digits")
        let message = (0..<8).map { UInt8(truncatingIfNeeded: counter >> (56 - 8 * $0)) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        // Dynamic truncation (§5.3): the low four bits of the last byte pick where 31 bits are read.
        let offset = Int(mac[19] & 0x0F)
        let value = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let digitsText = String(value % modulus)
        return String(repeating: "0", count: digits - digitsText.count) + digitsText
    }
}
