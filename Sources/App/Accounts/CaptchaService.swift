import Captcha
import Foundation
import Vapor

/// Issues and checks the login captcha. The answer lives in the (database-backed) session, so any
/// app instance can check it; it is single use and expires after five minutes.
struct CaptchaService {
    static let lifetime: TimeInterval = 5 * 60
    private static let sessionKey = "captcha"
    let request: Request

    /// A new captcha for this session, replacing any earlier one, as PNG bytes.
    func issue() -> [UInt8] {
        let code = request.application.captchaCodes.next()
        let issued = Int(request.clock.now().timeIntervalSince1970)
        request.session.data[Self.sessionKey] = "\(code)|\(issued)"
        var rng = SystemRandomNumberGenerator()
        return CaptchaRenderer().png(code: code, using: &rng)
    }

    /// Whether `answer` matches the session's captcha. Any check uses the captcha up, right or wrong,
    /// so one image cannot be tried twice.
    func check(_ answer: String) -> Bool {
        let stored = request.session.data[Self.sessionKey]
        request.session.data[Self.sessionKey] = nil
        guard request.config.captchaEnabled else { return true }
        guard let stored, let bar = stored.firstIndex(of: "|"),
              let issued = TimeInterval(stored[stored.index(after: bar)...]) else { return false }
        let code = String(stored[..<bar])
        let age = request.clock.now().timeIntervalSince1970 - issued
        guard age >= 0, age <= Self.lifetime else { return false }
        return !code.isEmpty && code == answer.trimmingCharacters(in: .whitespaces)
    }
}
