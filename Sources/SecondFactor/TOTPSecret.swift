/// A new shared secret for an authenticator app: 20 random bytes (160 bits, the HMAC-SHA-1 block
/// key length RFC 4226 recommends), shown to the person as 32 Base32 characters.
public enum TOTPSecret {
    public static let byteCount = 20

    /// From the system's cryptographically secure generator (getrandom on Linux).
    public static func generate() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// With a given generator, for tests that need the same secret each run.
    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> [UInt8] {
        (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
