import Captcha

/// Where captcha answers come from: random in production, fixed in tests that log in through the form.
public protocol CaptchaCodeSource: Sendable {
    func next() -> String
}

public struct RandomCaptchaCodes: CaptchaCodeSource {
    public init() {}
    public func next() -> String {
        var rng = SystemRandomNumberGenerator()
        return CaptchaCode.random(length: 4, using: &rng)
    }
}

public struct FixedCaptchaCodes: CaptchaCodeSource {
    let code: String
    public init(_ code: String) { self.code = code }
    public func next() -> String { code }
}
