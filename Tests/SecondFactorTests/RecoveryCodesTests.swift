import Testing
@testable import SecondFactor

@Suite struct RecoveryCodesTests {
    @Test func tenCodesOfTenUnambiguousCharactersInTwoGroups() {
        let codes = RecoveryCodes.generate()
        #expect(codes.count == 10)
        #expect(Set(codes).count == 10)
        for code in codes {
            #expect(code.count == 11)
            #expect(Array(code)[5] == "-")
            #expect(code.replacingOccurrences(of: "-", with: "").allSatisfy { RecoveryCodes.alphabet.contains($0) })
        }
        #expect(!RecoveryCodes.alphabet.contains { "01IO".contains($0) })
        #expect(RecoveryCodes.alphabet.count == 32)
    }

    @Test func typedFormsNormaliseToTheSameCode() {
        for typed in ["ABCDE-FGHJK", "abcde-fghjk", "abcdefghjk", " abcde fghjk ", "ＡＢＣＤＥ－ＦＧＨＪＫ",
                      "abcde—fghjk", "ABCDE　FGHJK", "abcde – fghjk"] {
            #expect(RecoveryCodes.normalise(typed) == "ABCDEFGHJK", "\(typed)")
        }
    }

    @Test func whatCannotBeACodeIsRefused() {
        for typed in ["", "ABCDE-FGHJ", "ABCDE-FGHJKL", "ABCDE-FGHJ0", "ABCDE-FGHIO", "ABCDE/FGHJK", "电梯电梯电梯电梯电梯"] {
            #expect(RecoveryCodes.normalise(typed) == nil, "\(typed)")
        }
    }

    @Test func storageHashIsSHA256OfTheNormalisedCode() {
        let stored = "f57cbf1e3e471b25db4b8ad0844df41b2dae9c7d1944944d128e49294d412f66" // sha256("ABCDEFGHJK")
        #expect(RecoveryCodes.storageHash(of: "ABCDE-FGHJK") == stored)
        #expect(RecoveryCodes.storageHash(of: "ａｂｃｄｅ fghjk") == stored)
        #expect(RecoveryCodes.storageHash(of: "not a code") == nil)
    }

    @Test func generationIsUniformOverTheAlphabet() {
        var generator = SplitMix64(state: 42)
        let characters = RecoveryCodes.generate(count: 2000, using: &generator).joined().filter { $0 != "-" }
        var counts: [Character: Int] = [:]
        for character in characters { counts[character, default: 0] += 1 }
        #expect(counts.count == 32)
        // 20,000 draws over 32 characters: 625 expected each; 5 standard deviations is about ±120.
        #expect(counts.values.allSatisfy { (500...750).contains($0) })
    }
}

/// A fixed sequence for a repeatable statistical test (SplitMix64: small and well distributed).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
