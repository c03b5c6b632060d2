/// The `otpauth://totp/…` URI that an authenticator app reads from the enrolment QR code
/// (the "Key Uri Format" that Google Authenticator introduced and the others follow):
/// `otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`.
public struct OTPAuthURI: Sendable, Equatable {
    /// Shown by the app above the code, e.g. "新乡市电梯维保监管系统".
    public let issuer: String
    /// Which of the person's accounts this is, e.g. the user name.
    public let account: String
    public let secret: [UInt8]
    public let digits: Int
    public let period: Int

    public init(issuer: String, account: String, secret: [UInt8], digits: Int = 6, period: Int = 30) {
        self.issuer = issuer
        self.account = account
        self.secret = secret
        self.digits = digits
        self.period = period
    }

    /// The issuer appears twice, in the label's prefix and as a parameter: older apps read only the
    /// first, newer ones prefer the second. Everything but RFC 3986's unreserved characters is
    /// percent-encoded as UTF-8, so a `:` or `&` in a name cannot change the URI's structure, and
    /// spaces are `%20`, never `+`, which some apps would show literally.
    public var string: String {
        let label = Self.percentEncode(issuer) + ":" + Self.percentEncode(account)
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(Self.percentEncode(issuer))"
            + "&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }

    static func percentEncode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                encoded.unicodeScalars.append("%")
                encoded.unicodeScalars.append(hex[Int(byte >> 4)])
                encoded.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return encoded
    }
}
