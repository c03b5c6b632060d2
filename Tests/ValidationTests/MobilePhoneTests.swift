import Testing
import Validation

@Suite struct MobilePhoneTests {
    static let rule = "手机号码应为11位数字，以1开头，第二位为3–9"

    @Test(arguments: [
        ("13733877795", "13733877795"),
        ("13000000000", "13000000000"),
        ("14512345678", "14512345678"),
        ("15912345678", "15912345678"),
        ("16612345678", "16612345678"),
        ("17712345678", "17712345678"),
        ("18600000000", "18600000000"),
        ("19912345678", "19912345678"),
        ("１３７３３８７７７９５", "13733877795"),
        (" 13733877795\u{3000}", "13733877795"),
    ])
    func acceptsMobileNumbers(raw: String, expected: String) {
        #expect(MobilePhone.validate(raw).value == expected)
    }

    @Test(arguments: [
        "10012345678", "11012345678", "12345678901",   // second digit below 3
        "23733877795", "03733877795",                  // not starting with 1
        "1373387779", "137338777950",                  // 10 and 12 digits
        "137-3387-7795", "137 3387 7795", "+8613733877795", "8613733877795",
        "1373387779a", "0373-1234567",
        "١٣٧٣٣٨٧٧٧٩٥",                                  // Arabic-Indic digits are not ASCII digits
    ])
    func refusesOtherValues(raw: String) {
        #expect(MobilePhone.validate(raw).message == Self.rule)
    }

    @Test(arguments: ["", "  "])
    func asksForAMissingNumber(raw: String) {
        #expect(MobilePhone.validate(raw).message == "请输入手机号码")
    }
}
