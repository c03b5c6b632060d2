import Foundation

/// TOTP (RFC 6238): HOTP over the number of `period`-second steps since the Unix epoch.
/// The defaults (6 digits, 30 s) are the only ones every authenticator app honours.
public struct TOTP: Sendable {
    public let secret: [UInt8]
    public let digits: Int
    public let period: Int

    public init(secret: [UInt8], digits: Int = 6, period: Int = 30) {
        precondition(period > 0, "a TOTP step lasts at least one second")
        self.secret = secret
        self.digits = digits
        self.period = period
    }

    /// The time step that `date` falls in; dates before 1970 count as step 0.
    public func step(at date: Date) -> UInt64 {
        let seconds = date.timeIntervalSince1970
        guard seconds > 0 else { return 0 }
        return UInt64(seconds / Double(period))
    }

    public func code(at date: Date) -> String {
        code(step: step(at: date))
    }

    public func code(step: UInt64) -> String {
        HOTP.code(secret: secret, counter: step, digits: digits)
    }

    /// Checks a typed code against the steps from `window` before to `window` after the one `date`
    /// falls in (±30 s by default, for a phone's clock that drifts and a person who types slowly),
    /// and returns the step it matched, or nil. Spaces and full-width digits are accepted.
    ///
    /// Replay protection is the caller's: a code stays valid for its whole window, so the caller
    /// must store the step returned for the account and pass it back as `lastUsedStep` next time;
    /// steps at or before it are then refused (RFC 6238 §5.2), and so is the same code used twice.
    /// Store the step in the same transaction that accepts the login, as a conditional update
    /// (`… SET last_step = ? WHERE id = ? AND (last_step IS NULL OR last_step < ?)`, one row changed
    /// or refuse), so that two requests racing with the same code cannot both pass.
    public func verify(_ typed: String, at date: Date, window: Int = 1, lastUsedStep: UInt64? = nil) -> UInt64? {
        precondition(window >= 0, "the window counts steps on each side")
        guard let candidate = Self.normalisedDigits(typed), candidate.count == digits else { return nil }
        let current = step(at: date)
        let first = current >= UInt64(window) ? current - UInt64(window) : 0
        var matched: UInt64?
        // Every step in the window is computed and compared, matched or not, so the time taken
        // does not tell which step (if any) the guess was near.
        for step in first...(current + UInt64(window)) {
            let isMatch = ConstantTime.equals(Array(code(step: step).utf8), candidate)
            let isFresh = lastUsedStep.map { step > $0 } ?? true
            if isMatch && isFresh && matched == nil { matched = step }
        }
        return matched
    }

    /// ASCII digits of what was typed, with spaces dropped and full-width digits (０–９, as a Chinese
    /// input method may give) made ASCII; nil if anything else is there.
    static func normalisedDigits(_ typed: String) -> [UInt8]? {
        var digits: [UInt8] = []
        for scalar in typed.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: digits.append(UInt8(scalar.value))
            case 0xFF10...0xFF19: digits.append(UInt8(scalar.value - 0xFF10 + 0x30))
            case 0x20, 0x3000, 0x09: continue
            default: return nil
            }
        }
        return digits
    }
}
