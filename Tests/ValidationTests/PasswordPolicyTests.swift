import Testing
import Validation

@Suite struct PasswordPolicyTests {
    static let rule = "密码至少8位，且包含大写字母、小写字母、数字、符号中的至少三类"

    @Test(arguments: [
        "Abcdefg1",        // upper, lower, digit; exactly 8
        "abcdef1!",        // lower, digit, symbol
        "ABCDEF1!",        // upper, digit, symbol
        "Abcdefg!",        // upper, lower, symbol
        "Ab1!Ab1!Ab1!",    // all four
        "abcdef1 ",        // the space counts as a symbol
        "abcdefg1中",      // a non-ASCII character counts as a symbol
    ])
    func acceptsStrongPasswords(raw: String) {
        #expect(PasswordPolicy.validate(raw).value == raw)
    }

    @Test(arguments: [
        "Abcde1!",         // 7 characters even with four classes
        "abcdefgh",        // one class
        "abcdefg1",        // two classes
        "ABCDEFG!",
        "12345678!",
        "Abcdefgh",
        "ABCDEFGH12345678",
        "!@#$%^&*()",
    ])
    func refusesWeakPasswords(raw: String) {
        #expect(PasswordPolicy.validate(raw).message == Self.rule)
    }

    @Test func isNotTrimmedOrNormalised() {
        // Leading spaces and a full-width letter stay exactly as typed.
        #expect(PasswordPolicy.validate("  Abcd12").value == "  Abcd12")
        #expect(PasswordPolicy.validate("Ａbcdefg1").value == "Ａbcdefg1")
    }

    @Test func trailingSpaceCountsAsTyped() {
        // Seven characters plus a trailing space is eight characters and three classes: accepted as typed,
        // which shows the space is part of the secret rather than trimmed away.
        #expect(PasswordPolicy.validate("Abcdef1 ").value == "Abcdef1 ")
        // Without the space it is too short.
        #expect(PasswordPolicy.validate("Abcdef1").message == Self.rule)
    }

    @Test(arguments: ["Abcdefg1\n", "Abc\tdefg1", "Abcdefg1\u{0}"])
    func refusesControlCharacters(raw: String) {
        #expect(PasswordPolicy.validate(raw).message == "密码不能包含换行、制表符等控制字符")
    }

    @Test func asksForAMissingPassword() {
        #expect(PasswordPolicy.validate("").message == "请输入密码")
    }
}
