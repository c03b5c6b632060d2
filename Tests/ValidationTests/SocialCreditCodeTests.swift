import Testing
import Validation

@Suite struct SocialCreditCodeTests {
    @Test(arguments: [
        ("91350100M000100Y43", "91350100M000100Y43"),   // the example of GB 32100-2015
        ("91350100m000100y43", "91350100M000100Y43"),   // lower case is upper-cased
        (" ９１３５０１００Ｍ０００１００Ｙ４３\u{3000}", "91350100M000100Y43"),
        ("91410700MA44000010", "91410700MA44000010"),   // check value 31 → "0"
        ("91410700MA4400020Y", "91410700MA4400020Y"),   // check value 30 → "Y", the last of the alphabet
    ])
    func acceptsValidCodes(raw: String, expected: String) {
        #expect(SocialCreditCode.validate(raw).value == expected)
    }

    @Test(arguments: [
        ("91350100M000100Y44", "3"),   // last character changed
        ("91350100M000100Y34", "0"),   // last two swapped
        ("91350100M000101Y43", "Q"),   // one digit changed
        ("91410700MA4400020X", "Y"),
    ])
    func refusesWrongCheckCharacter(code: String, expected: String) {
        #expect(SocialCreditCode.validate(code).message == "统一社会信用代码校验位错误，应为\(expected)")
    }

    @Test(arguments: [
        "91350100M000100I43", "91350100M000100O43", "91350100M000100Z43", "91350100M000100S43",
        "91350100M000100V43", "91350100M000100-43", "91350100M000100中43", "91350100M000100 43",
    ])
    func refusesCharactersOutsideTheAlphabet(code: String) {
        #expect(SocialCreditCode.validate(code).message
                == "统一社会信用代码只能包含数字和大写字母（不使用I、O、Z、S、V）")
    }

    @Test func lowerCaseForbiddenLettersAreStillForbidden() {
        #expect(SocialCreditCode.validate("91350100m000100i43").message
                == "统一社会信用代码只能包含数字和大写字母（不使用I、O、Z、S、V）")
    }

    @Test(arguments: [("91350100M000100Y4", 17), ("91350100M000100Y433", 19), ("9", 1)])
    func refusesWrongLength(code: String, count: Int) {
        #expect(SocialCreditCode.validate(code).message == "统一社会信用代码应为18位，现为\(count)位")
    }

    @Test func asksForAMissingCode() {
        #expect(SocialCreditCode.validate("  ").message == "请输入统一社会信用代码")
    }
}
