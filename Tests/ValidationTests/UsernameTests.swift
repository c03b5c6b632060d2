import Testing
import Validation

@Suite struct UsernameTests {
    static let rule = "用户名应为3–32位英文字母或数字，且以字母开头"

    @Test(arguments: [
        ("abc", "abc"),
        ("Admin01", "Admin01"),
        ("zhangsan2", "zhangsan2"),
        ("A" + String(repeating: "9", count: 31), "A" + String(repeating: "9", count: 31)),  // 32
        ("ＡＤＭＩＮ", "ADMIN"),
        ("\u{3000}admin ", "admin"),
    ])
    func acceptsAndNormalises(raw: String, expected: String) {
        #expect(Username.validate(raw).value == expected)
    }

    @Test(arguments: [
        "ab",                                          // 2 characters
        "a" + String(repeating: "b", count: 32),       // 33 characters
        "1abc",                                        // digit first
        "_abc", "ab_c", "ab.c", "abc-d", "ab c", "abc!", "abc！",
        "张三abc", "abc张三", "éabc", "abcé",
        "ａ１",                                         // full-width folds to "a1": still too short
    ])
    func refusesOtherNames(raw: String) {
        #expect(Username.validate(raw).message == Self.rule)
    }

    @Test(arguments: ["", "   ", "\u{3000}"])
    func asksForAMissingName(raw: String) {
        #expect(Username.validate(raw).message == "请输入用户名")
    }
}
