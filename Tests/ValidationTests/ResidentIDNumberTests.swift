import Testing
import Validation

@Suite struct ResidentIDNumberTests {
    /// A fixed "today" so the future-date rule does not depend on when the tests run.
    static let today = day(2025, 6, 1)

    static func validate(_ raw: String) -> Result<String, FieldError> {
        ResidentIDNumber.validate(raw, today: today)
    }

    // MARK: Valid numbers

    @Test(arguments: [
        "11010519491231002X",   // the example of GB 11643-1999
        "410702199003071233",
        "410412198304120213",   // from the manual
    ])
    func acceptsValidNumbers(id: String) {
        #expect(Self.validate(id).value == id)
    }

    @Test func acceptsLowerCaseXAndStoresUpperCase() {
        #expect(Self.validate("11010519491231002x").value == "11010519491231002X")
    }

    @Test func normalisesFullWidthAndSpaces() {
        #expect(Self.validate(" ４１０４１２１９８３０４１２０２１３\u{3000}").value == "410412198304120213")
        #expect(Self.validate("11010519491231002ｘ").value == "11010519491231002X")
    }

    // MARK: Check character

    @Test(arguments: [
        ("11010519491231002", Character("X")),
        ("41070219900307123", Character("3")),
        ("41041219830412021", Character("3")),
        ("41142319820415212", Character("X")),   // the manual's 马金磊 should end in X
        ("41070220000229123", Character("X")),
        ("99010219900307123", Character("3")),
        ("91010219900307123", Character("9")),
        ("41070219900230123", Character("6")),
    ])
    func computesCheckCharacter(first17: String, expected: Character) {
        #expect(ResidentIDNumber.checkCharacter(for: first17) == expected)
    }

    @Test(arguments: [
        "", "4107021990030712", "410702199003071233", "4107021990030712X", "41070219900307l23",
        "４１０７０２１９９００３０７１２３",   // full-width digits are not folded by this low-level call
    ])
    func checkCharacterNeedsExactly17Digits(input: String) {
        #expect(ResidentIDNumber.checkCharacter(for: input) == nil)
    }

    @Test func refusesTheManualsSampleWithWrongCheck() {
        #expect(Self.validate("411423198204152128").message == "身份证号校验位错误，应为X")
    }

    @Test(arguments: [
        ("410702199003071234", "3"),
        ("41070219900307123X", "3"),
        ("110105194912310021", "X"),
        ("410412198304120214", "3"),
        ("410412198304120231", "X"),   // last two digits swapped: the new first 17 need X
    ])
    func refusesWrongCheckCharacter(id: String, expected: String) {
        #expect(Self.validate(id).message == "身份证号校验位错误，应为\(expected)")
    }

    // MARK: Legacy 15-digit numbers

    @Test(arguments: [
        ("410702900307123", "410702199003071233"),   // 410702 + 19 + 900307 + 123 + check 3
        ("110105491231002", "11010519491231002X"),   // the standard's example in its 15-digit form
        ("４１０７０２９００３０７１２３", "410702199003071233"),
    ])
    func convertsFifteenDigitNumbers(old: String, new: String) {
        #expect(Self.validate(old).value == new)
    }

    @Test func fifteenDigitNumbersAreDigitsOnly() {
        #expect(Self.validate("41070290030712X").message == "15位身份证号只能包含数字")
    }

    @Test func fifteenDigitNumbersGetTheDateCheck() {
        #expect(Self.validate("410702900230123").message == "身份证号中的出生日期19900230不是有效日期")
    }

    @Test func fifteenDigitNumbersGetTheProvinceCheck() {
        #expect(Self.validate("910102900307123").message == "身份证号前两位91不是有效的省级行政区代码")
    }

    // MARK: Length and characters

    @Test(arguments: [
        ("41070219900307123", 17), ("4107021990030712333", 19), ("4107029003071", 13), ("4107029003071234", 16),
        ("1", 1),
    ])
    func refusesWrongLength(id: String, count: Int) {
        #expect(Self.validate(id).message == "身份证号应为18位（旧版15位），现为\(count)位")
    }

    @Test(arguments: [
        "41070219900307123A", "4107021990030712X3", "X10702199003071233", "41070219900307 233",
        "41070219900307-233", "41070219900307一233",
    ])
    func refusesBadCharacters(id: String) {
        #expect(Self.validate(id).message == "身份证号只能包含数字，最后一位可以是X")
    }

    @Test(arguments: ["", "  ", "\u{3000}"])
    func asksForAMissingNumber(id: String) {
        #expect(Self.validate(id).message == "请输入身份证号")
    }

    // MARK: Province

    @Test(arguments: [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82",
    ])
    func acceptsEveryProvince(province: String) throws {
        let first17 = province + "010219900307123"
        let check = try #require(ResidentIDNumber.checkCharacter(for: first17))
        let id = first17 + String(check)
        #expect(Self.validate(id).value == id)
    }

    @Test(arguments: [
        "00", "10", "16", "20", "24", "30", "38", "40", "47", "49", "55", "60", "66", "70", "72", "80", "83",
        "90", "91", "99",
    ])
    func refusesOtherProvinceCodes(province: String) throws {
        // A correct check character, so the province is the only thing wrong.
        let first17 = province + "010219900307123"
        let check = try #require(ResidentIDNumber.checkCharacter(for: first17))
        #expect(Self.validate(first17 + String(check)).message
                == "身份证号前两位\(province)不是有效的省级行政区代码")
    }

    @Test(arguments: ["990102199003071233", "910102199003071239"])
    func refusesProvinces99And91(id: String) {
        #expect(Self.validate(id).message == "身份证号前两位\(id.prefix(2))不是有效的省级行政区代码")
    }

    // MARK: Birth date

    @Test(arguments: [
        ("410702199002301236", "19900230"),   // 2 月 30 日
        ("410702190002291233", "19000229"),   // 1900 was not a leap year
        ("410702199013011234", "19901301"),   // month 13
        ("410702199001001231", "19900100"),   // day 0
    ])
    func refusesImpossibleBirthDate(id: String, digits: String) {
        #expect(Self.validate(id).message == "身份证号中的出生日期\(digits)不是有效日期")
    }

    @Test func acceptsLeapDay2000() {
        #expect(Self.validate("41070220000229123X").value == "41070220000229123X")
    }

    @Test func refusesFutureBirthDate() {
        // Born 2025-06-02, one day after "today"; correct check character.
        #expect(Self.validate("410702202506021232").message == "身份证号中的出生日期2025-06-02晚于今天")
    }

    @Test func acceptsBirthToday() {
        #expect(Self.validate("410702202506011237").value == "410702202506011237")
    }

    @Test func futureDependsOnToday() {
        let id = "410702202506021232"
        #expect(ResidentIDNumber.validate(id, today: day(2025, 6, 2)).value == id)
    }

    @Test func refusesBirthBefore1900() {
        #expect(Self.validate("410702189912311231").message == "身份证号中的出生日期1899-12-31早于1900年")
    }

    @Test func accepts1900January1() {
        #expect(Self.validate("410702190001011236").value == "410702190001011236")
    }

    @Test func reportsTheDateBeforeTheCheckCharacter() {
        // Both the date (Feb 30) and the check character (should be 6) are wrong: the date is named first.
        #expect(Self.validate("410702199002301230").message == "身份证号中的出生日期19900230不是有效日期")
    }

    // MARK: Mask

    @Test(arguments: [
        ("410412198304120213", "410412********0213"),
        ("11010519491231002X", "110105********002X"),
        ("410702900307123", "410702********7123"),
        ("12345678901234", "********"),    // too short to show its ends
        ("", "********"),
    ])
    func masksTheMiddle(id: String, masked: String) {
        #expect(ResidentIDNumber.mask(id) == masked)
    }

    // MARK: Birth date extraction

    @Test(arguments: [
        ("410412198304120213", day(1983, 4, 12)),
        ("11010519491231002X", day(1949, 12, 31)),
        ("41070220000229123X", day(2000, 2, 29)),
    ])
    func extractsBirthDate(id: String, birth: CivilDate) {
        #expect(ResidentIDNumber.birthDate(of: id) == birth)
    }

    @Test(arguments: ["410702199002301236", "410702900307123", "", "41070219900307123", "4107021990AB071233"])
    func birthDateIsNilWithoutARealDate(id: String) {
        #expect(ResidentIDNumber.birthDate(of: id) == nil)
    }
}
