import Testing
import Validation

@Suite struct TelephoneNumberTests {
    static let rule = "电话号码应为11位手机号码，或带区号的固定电话（如0373-1234567）"

    @Test(arguments: [
        ("13733877795", "13733877795"),        // a mobile number
        ("0373-1234567", "0373-1234567"),      // 4-digit area code, 7 digits, hyphen kept
        ("0373-12345678", "0373-12345678"),    // 8-digit local number
        ("03731234567", "03731234567"),        // without hyphen
        ("010-12345678", "010-12345678"),      // 3-digit area code (Beijing)
        ("01012345678", "01012345678"),
        ("021-1234567", "021-1234567"),
        ("0371-6612345", "0371-6612345"),
        ("０３７３－１２３４５６７", "0373-1234567"),
        (" 0373-1234567 ", "0373-1234567"),
        ("0101234567", "0101234567"),          // 10 digits: 010 + 7
        ("037312345678", "037312345678"),      // 12 digits: 0373 + 8
    ])
    func acceptsMobileOrLandline(raw: String, expected: String) {
        #expect(TelephoneNumber.validate(raw).value == expected)
    }

    @Test(arguments: [
        "0373-123456",        // 6-digit local number
        "0373-123456789",     // 9-digit local number
        "03-1234567",         // area code too short
        "03733-1234567",      // area code too long
        "373-1234567",        // area code without the trunk 0
        "001-12345678",       // 00 is the international prefix
        "0012345678",
        "0373--1234567", "0373-1234-567", "-03731234567", "03731234567-",
        "0373 1234567", "(0373)1234567",
        "1234567", "12345678",          // no area code
        "037312345",                    // 9 digits in all
        "0373123456789",                // 13 digits in all
        "12345678901",                  // 11 digits but neither a mobile nor a landline
        "0373-123456a",
    ])
    func refusesOtherValues(raw: String) {
        #expect(TelephoneNumber.validate(raw).message == Self.rule)
    }

    @Test func asksForAMissingNumber() {
        #expect(TelephoneNumber.validate(" ").message == "请输入电话号码")
    }
}
