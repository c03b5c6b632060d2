/// Generates the text that a captcha image shows.
public enum CaptchaCode {
    /// A string of `length` decimal digits, each drawn uniformly from 0–9.
    public static func random<G: RandomNumberGenerator>(length: Int = 4, using generator: inout G) -> String {
        precondition(length >= 0, "captcha length must not be negative")
        var code = ""
        code.reserveCapacity(length)
        for _ in 0..<length {
            let digit = Int.random(in: 0...9, using: &generator)
            code.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "0") + UInt8(digit)))
        }
        return code
    }
}
