import Foundation
import Testing
@testable import SecondFactor

/// RFC 4226 and RFC 6238 test vectors, and the verification window.
@Suite struct TOTPTests {
    static let rfcSecret = Array("12345678901234567890".utf8)

    /// RFC 4226 Appendix D.
    @Test func hotpMatchesRFC4226AppendixD() {
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        for (counter, code) in expected.enumerated() {
            #expect(HOTP.code(secret: Self.rfcSecret, counter: UInt64(counter)) == code)
        }
    }

    /// RFC 6238 Appendix B, the SHA-1 rows (8 digits there; ours default to 6).
    @Test(arguments: [
        (59.0, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ])
    func totpMatchesRFC6238AppendixB(seconds: Double, code: String) {
        let totp = TOTP(secret: Self.rfcSecret, digits: 8)
        let date = Date(timeIntervalSince1970: seconds)
        #expect(totp.code(at: date) == code)
        #expect(totp.verify(code, at: date) == totp.step(at: date))
        // Six digits are the last six of the same truncated value.
        #expect(TOTP(secret: Self.rfcSecret).code(at: date) == String(code.suffix(6)))
    }

    @Test func stepsChangeEveryThirtySeconds() {
        let totp = TOTP(secret: Self.rfcSecret)
        #expect(totp.step(at: Date(timeIntervalSince1970: 59.999)) == 1)
        #expect(totp.step(at: Date(timeIntervalSince1970: 60)) == 2)
        #expect(totp.step(at: Date(timeIntervalSince1970: -5)) == 0)
    }

    @Test func windowAcceptsOneStepEitherSideAndNoMore() {
        let totp = TOTP(secret: Self.rfcSecret)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let current = totp.step(at: now)
        #expect(totp.verify(totp.code(step: current), at: now) == current)
        #expect(totp.verify(totp.code(step: current - 1), at: now) == current - 1)
        #expect(totp.verify(totp.code(step: current + 1), at: now) == current + 1)
        #expect(totp.verify(totp.code(step: current - 2), at: now) == nil)
        #expect(totp.verify(totp.code(step: current + 2), at: now) == nil)
        #expect(totp.verify(totp.code(step: current - 1), at: now, window: 0) == nil)
        #expect(totp.verify(totp.code(step: current - 2), at: now, window: 2) == current - 2)
    }

    /// The last second of a step and the first of the next, seen from either side.
    @Test func windowEdgesAtStepBoundaries() {
        let totp = TOTP(secret: Self.rfcSecret)
        let lastSecond = Date(timeIntervalSince1970: 1_700_000_009.999) // 1_700_000_010 is a multiple of 30
        let step = totp.step(at: lastSecond)
        #expect(totp.verify(totp.code(step: step + 1), at: lastSecond) == step + 1)
        #expect(totp.verify(totp.code(step: step - 1), at: lastSecond.addingTimeInterval(0.001)) == nil, "two steps back by then")
    }

    @Test func theLastUsedStepAndThoseBeforeItAreRefused() {
        let totp = TOTP(secret: Self.rfcSecret)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let current = totp.step(at: now)
        let code = totp.code(step: current)
        let used = totp.verify(code, at: now)
        #expect(used == current)
        #expect(totp.verify(code, at: now, lastUsedStep: used) == nil, "the same code twice")
        #expect(totp.verify(totp.code(step: current - 1), at: now, lastUsedStep: used) == nil, "an older code after a newer one")
        #expect(totp.verify(totp.code(step: current + 1), at: now, lastUsedStep: used) == current + 1)
    }

    @Test func typedCodesMayHaveSpacesAndFullWidthDigits() {
        let totp = TOTP(secret: Self.rfcSecret)
        let date = Date(timeIntervalSince1970: 59)
        #expect(totp.code(at: date) == "287082")
        #expect(totp.verify("287 082", at: date) != nil)
        #expect(totp.verify("２８７０８２", at: date) != nil)
        #expect(totp.verify("28708", at: date) == nil)
        #expect(totp.verify("2870821", at: date) == nil)
        #expect(totp.verify("28708a", at: date) == nil)
        #expect(totp.verify("", at: date) == nil)
    }

    @Test func secretsAreTwentyRandomBytes() {
        let first = TOTPSecret.generate(), second = TOTPSecret.generate()
        #expect(first.count == 20)
        #expect(first != second)
        #expect(Base32.encode(first).count == 32)
    }

    @Test func constantTimeComparison() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
    }
}
