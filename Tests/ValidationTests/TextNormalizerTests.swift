import Testing
import Validation

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
