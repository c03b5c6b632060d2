import Testing
import Validation

@Suite struct RescueCodeTests {
    @Test(arguments: [
        ("12345", "12345"),      // 5 digits, the lower bound (Zhangzhou)
        ("123456", "123456"),    // 6 digits, the upper bound
        ("012345", "012345"),    // leading zero kept
        ("９６３３３１", "963331"),
        (" 54321 ", "54321"),
    ])
    func acceptsDigitsWithinTheRange(raw: String, expected: String) {
        #expect(RescueCode.validate(raw, lengths: 5...6).value == expected)
    }

    @Test(arguments: ["1234", "1234567", "12a45", "12 345", "12-345", "-12345", "12345.0"])
    func refusesOthers(raw: String) {
        #expect(RescueCode.validate(raw, lengths: 5...6).message == "救援电梯编号应为5–6位数字")
    }

    @Test func fixedLengthMessageNamesOneLength() {
        #expect(RescueCode.validate("12345", lengths: 6...6).message == "救援电梯编号应为6位数字")
        #expect(RescueCode.validate("123456", lengths: 6...6).value == "123456")
    }

    @Test func rangeIsConfigurable() {
        #expect(RescueCode.validate("12345678", lengths: 4...8).value == "12345678")
        #expect(RescueCode.validate("123456789", lengths: 4...8).message == "救援电梯编号应为4–8位数字")
    }

    @Test func asksForAMissingCode() {
        #expect(RescueCode.validate("\u{3000}", lengths: 5...6).message == "请输入救援电梯编号")
    }
}
