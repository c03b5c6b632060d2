import Testing
import Foundation
@testable import Validation

@Suite struct TextNormalizerTests {
    @Test(arguments: [
        ("１３７３３８７７７９５", "13733877795"),
        ("０３７３－１２３４５６７", "0373-1234567"),
        ("ＡＢＣｘｙｚ", "ABCxyz"),
        ("！", "!"),          // U+FF01, first of the block
        ("～", "~"),          // U+FF5E, last of the block
        ("（１）", "(1)"),
        ("，", ","),          // U+FF0C, the Chinese comma, is in the block too
        ("２０１４年９月１日", "2014年9月1日"),
        ("３.１１Ｅ＋１６", "3.11E+16"),
    ])
    func foldsFullWidthAscii(input: String, expected: String) {
        #expect(TextNormalizer.normalize(input) == expected)
    }

    @Test(arguments: [
        ("\u{3000}admin\u{3000}", "admin"),
        ("  a b  \n", "a b"),
        ("\t\r\n", ""),
        ("", ""),
        ("a\u{3000}b", "a b"),       // inner ideographic space becomes a space, kept
        ("\u{3000}\u{3000}", ""),
    ])
    func foldsIdeographicSpaceAndTrims(input: String, expected: String) {
        #expect(TextNormalizer.normalize(input) == expected)
    }

    @Test(arguments: [
        "新乡市红旗区",          // Chinese text untouched
        "\u{FF5F}",             // FULLWIDTH LEFT WHITE PARENTHESIS, just past the block
        "\u{FF61}",             // HALFWIDTH IDEOGRAPHIC FULL STOP, outside the block
        "、。「」",              // CJK punctuation (U+3001, U+3002, U+300C, U+300D) stays
        "abc-123",
    ])
    func leavesEverythingElse(input: String) {
        #expect(TextNormalizer.normalize(input) == input)
    }

    @Test(arguments: [
        ("奥的斯电梯（中国）有限公司", "奥的斯电梯（中国）有限公司"),   // Chinese punctuation kept in free text
        ("人民路３４号，３号楼Ａ座", "人民路34号，3号楼A座"),          // digits and letters folded
        ("\u{3000}郎莫物业：一期\u{3000}", "郎莫物业：一期"),
        ("ａｂｃ！", "abc！"),
    ])
    func freeTextKeepsChinesePunctuation(input: String, expected: String) {
        #expect(TextNormalizer.normalizeFreeText(input) == expected)
    }
}

@Suite("Control characters and direction overrides")
struct StripControlsTests {
    @Test(arguments: [
        ("凯旋\u{0}电梯", "凯旋电梯"),                       // NUL
        ("维保\u{7}公司", "维保公司"),                       // BEL
        ("\u{1B}[31m红\u{1B}[0m", "[31m红[0m"),             // ESC is removed; the rest is plain text
        ("张三\u{202E}四李", "张三四李"),                      // RIGHT-TO-LEFT OVERRIDE
        ("\u{2066}abc\u{2069}", "abc"),                     // isolates
        ("a\u{200B}b\u{FEFF}c\u{200E}d", "abcd"),           // zero-width space, BOM, LRM
        ("a\u{85}b\u{9F}c\u{7F}d", "abcd"),                 // C1 controls and DEL
        ("行一\r\n行二\r行三\u{2028}行四", "行一\n行二\n行三\n行四"),
        ("a\tb", "a b"),
        ("👨\u{200D}👩", "👨\u{200D}👩"),                    // a joiner stays
        ("普通文字（中国）有限公司", "普通文字（中国）有限公司"),
    ])
    func strips(input: String, expected: String) {
        #expect(TextNormalizer.stripControls(input) == expected)
    }

    @Test("the normalisers of fields strip them too")
    func normalisersStrip() {
        #expect(TextNormalizer.normalize("4114\u{0}2319820415212X") == "41142319820415212X")
        #expect(TextNormalizer.normalizeFreeText("凯旋\u{202E}电梯（中国）") == "凯旋电梯（中国）")
    }
}

/// The trim is Unicode's White_Space property on the scalars; it must cut exactly what Foundation's
/// `.whitespacesAndNewlines` cuts, for every scalar of the Basic Multilingual Plane, at either end.
@Suite struct TextNormalizerTrimTests {
    @Test func trimsWhatFoundationTrims() {
        var differing: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(scalar)\(scalar)a\(scalar)b\(scalar)"
            let foundation = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if TextNormalizer.trimmed(text.unicodeScalars) != foundation { differing.append(String(value, radix: 16)) }
        }
        #expect(differing.isEmpty, "scalars trimmed differently: \(differing.prefix(20))")
        #expect(TextNormalizer.trimmed(" \u{3000}\u{00A0}".unicodeScalars) == "")
        #expect(TextNormalizer.trimmed("\u{2029}新乡\u{205F}".unicodeScalars) == "新乡")
    }
}
