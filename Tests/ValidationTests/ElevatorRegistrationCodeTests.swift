import Testing
import Validation

@Suite struct ElevatorRegistrationCodeTests {
    static let regions: Set<String> = ["330110", "411400", "410702"]
    static let excelMessage = "注册代码被Excel转成了科学计数法，请将该列设置为文本格式后重新填写"

    static func validate(_ raw: String) -> Result<RegistrationCodeCheck, FieldError> {
        ElevatorRegistrationCode.validate(raw, knownRegion: { regions.contains($0) })
    }

    @Test(arguments: [
        "31103301102014075069",   // 20 digits: 3110 330110 201407 5069
        "31104114002014010",      // 17 digits from the manual: 3110 411400 201401 0
    ])
    func acceptsKnownCodesWithoutWarnings(code: String) {
        #expect(Self.validate(code).value == RegistrationCodeCheck(code: code, warnings: []))
    }

    @Test func normalisesFullWidthAndSpaces() {
        #expect(Self.validate(" ３１１０３３０１１０２０１４０７５０６９ ").value?.code == "31103301102014075069")
    }

    @Test func manualsMadeUpExampleIsAcceptedWithWarnings() throws {
        // 3114 | 991234 | 5611789: neither 3114 is a 2014 variety nor 991234 a region.
        let check = try #require(Self.validate("31149912345611789").value)
        #expect(check.code == "31149912345611789")
        #expect(check.warnings == [
            "注册代码前4位的设备品种代码3114不在2014年特种设备目录中，请核对",
            "注册代码第5–10位的行政区划代码991234不在区划代码表中，请核对",
        ])
    }

    @Test func unknownRegionAloneIsAWarning() throws {
        let check = try #require(Self.validate("31104999992014075069").value)
        #expect(check.warnings == ["注册代码第5–10位的行政区划代码499999不在区划代码表中，请核对"])
    }

    @Test func passesDigitsFiveToTenToTheRegionLookup() {
        var asked: [String] = []
        _ = ElevatorRegistrationCode.validate("31103301102014075069", knownRegion: { asked.append($0); return true })
        #expect(asked == ["330110"])
    }

    @Test(arguments: [
        "3000", "3100", "3110", "3120", "3130", "3200", "3210", "3220",
        "3300", "3310", "3320", "3400", "3410", "3420", "3430",
    ])
    func catalogueVarietiesGiveNoWarning(variety: String) {
        #expect(Self.validate(variety + "3301102014075069").value?.warnings == [])
    }

    @Test(arguments: ["3500", "3140", "3111", "3999", "3010"])
    func otherVarietiesGiveAWarning(variety: String) {
        #expect(Self.validate(variety + "3301102014075069").value?.warnings
                == ["注册代码前4位的设备品种代码\(variety)不在2014年特种设备目录中，请核对"])
    }

    @Test(arguments: ["21103301102014075069", "41103301102014075069", "01103301102014075069", "21104114002014010"])
    func refusesCodesNotStartingWith3(code: String) {
        #expect(Self.validate(code).message == "注册代码应以3开头（电梯属特种设备目录第3类）")
    }

    @Test(arguments: [
        ("311033011020140750", 18), ("3110330110201407506", 19), ("311033011020140750690", 21),
        ("3110411400201401", 16), ("3", 1),
    ])
    func refusesOtherLengths(code: String, count: Int) {
        #expect(Self.validate(code).message == "注册代码应为20位数字（旧系统的17位代码也可），现为\(count)位")
    }

    @Test(arguments: [
        "3.11041140020140E+16", "3.1104114002014E16", "3.11041140020140e+16", "3.1103301102014E+19",
        "3E+16", "31104114002014E-1", "３.１１０４１１４００２０１４０Ｅ＋１６",
    ])
    func refusesScientificNotationWithTheExcelHint(raw: String) {
        #expect(Self.validate(raw).message == Self.excelMessage)
    }

    @Test(arguments: [
        "3110-330110-201407-5069", "3110 330110 201407 5069", "3110330110201407506A", "3.11041140020140",
        "E16", "3.1E", "3.1E+", "3.1E+1.6", "3..1E16", "31104114002014010.0",
    ])
    func refusesOtherNonDigitValues(raw: String) {
        #expect(Self.validate(raw).message == "注册代码只能包含数字")
    }

    @Test func asksForAMissingCode() {
        #expect(Self.validate("").message == "请输入注册代码")
    }
}
