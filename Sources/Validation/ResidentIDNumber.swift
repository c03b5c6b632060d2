/// 公民身份号码 (resident identity card number), GB 11643-1999.
///
/// Structure (GB 11643-1999): 6-digit address code (GB/T 2260 region), 8-digit birth date YYYYMMDD,
/// 3-digit sequence (odd for men, even for women) and a check character computed with ISO 7064:1983
/// MOD 11-2. The check character may be "X" (value 10); a lower-case "x" is accepted and stored as "X".
///
/// Numbers issued before 1999 (first-generation cards) have 15 digits with a 2-digit year of the 1900s
/// and no check character. They are converted by the usual upgrade rule (RULES.md): insert "19" before
/// the year and append the computed check character, so the system only ever stores 18 characters.
///
/// Only the province part of the address code is checked, against the fixed list of provincial codes of
/// GB/T 2260 (below). County codes change often and old cards keep abolished ones, so a full region check
/// would refuse real people; RULES.md allows at most a warning there, which is left to the caller.
public enum ResidentIDNumber {
    /// ISO 7064 MOD 11-2 weights (as GB 11643-1999 prescribes): 2^(18−i) mod 11 for positions i = 1...17.
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// Check character for (Σ weight × digit) mod 11 = 0...10: the value (12 − r) mod 11, with 10 written X.
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Provincial codes of GB/T 2260: 11–15 华北, 21–23 东北, 31–37 华东, 41–46 中南, 50–54 西南,
    /// 61–65 西北, 71 台湾, 81 香港, 82 澳门. Validation code in circulation often lists 91 (国外),
    /// but no card was ever issued with it, so it is refused with the rest.
    static let provinceCodes: Set<String> = [
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82",
    ]

    /// The oldest birth year accepted: nobody born earlier is a worker or safety manager today, so an 18xx
    /// year is a typing error.
    static let earliestBirthYear = 1900

    /// Validates an 18-digit number or converts a 15-digit one; returns the 18-character form with an
    /// upper-case X. `today` is the reference for "birth date in the future" (the caller's local date).
    public static func validate(_ raw: String, today: CivilDate) -> Result<String, FieldError> {
        let id = TextNormalizer.normalize(raw).uppercased()
        guard !id.isEmpty else { return .failure(FieldError("请输入身份证号")) }
        guard id.count == 18 || id.count == 15 else {
            return .failure(FieldError("身份证号应为18位（旧版15位），现为\(id.count)位"))
        }

        let full: String
        if id.count == 15 {
            guard ASCIIText.isAllDigits(id) else {
                return .failure(FieldError("15位身份证号只能包含数字"))
            }
            full = String(id.prefix(6)) + "19" + String(id.dropFirst(6))  // 17 digits, check added below
        } else {
            guard ASCIIText.isAllDigits(id.prefix(17)),
                  let last = id.last, ASCIIText.isDigit(last) || last == "X"
            else { return .failure(FieldError("身份证号只能包含数字，最后一位可以是X")) }
            full = id
        }

        guard provinceCodes.contains(String(full.prefix(2))) else {
            return .failure(FieldError("身份证号前两位\(full.prefix(2))不是有效的省级行政区代码"))
        }

        guard let birth = birthDateDigits(of: full) else {
            return .failure(FieldError("身份证号中的出生日期\(full.dropFirst(6).prefix(8))不是有效日期"))
        }
        guard birth.year >= earliestBirthYear else {
            return .failure(FieldError("身份证号中的出生日期\(birth.iso)早于1900年"))
        }
        guard birth <= today else {
            return .failure(FieldError("身份证号中的出生日期\(birth.iso)晚于今天"))
        }

        let check = checkCharacter(for: String(full.prefix(17)))!  // all 17 are digits by now
        if id.count == 15 {
            return .success(String(full.prefix(17)) + String(check))
        }
        guard full.last == check else {
            return .failure(FieldError("身份证号校验位错误，应为\(check)"))
        }
        return .success(full)
    }

    /// ISO 7064 MOD 11-2 check character for the first 17 digits; nil unless given exactly 17 ASCII digits.
    public static func checkCharacter(for first17: String) -> Character? {
        guard first17.count == 17, ASCIIText.isAllDigits(first17) else { return nil }
        var sum = 0
        for (c, w) in zip(first17, weights) {
            sum += Int(c.asciiValue! - 0x30) * w
        }
        return checkCharacters[sum % 11]
    }

    /// For display to someone not entitled to the full number: the region (first 6) and the last 4 stay,
    /// the birth date and the rest are hidden behind 8 stars ("410412********0213"). The star count is
    /// fixed so the mask does not reveal the length. Strings shorter than 15 characters are not ID numbers
    /// and showing their ends would show most of them, so they are masked entirely.
    public static func mask(_ id: String) -> String {
        let stars = String(repeating: "*", count: 8)
        guard id.count >= 15 else { return stars }
        return String(id.prefix(6)) + stars + String(id.suffix(4))
    }

    /// The birth date in positions 7–14 of an 18-character number, if it is a real date. Does not check the
    /// rest of the number.
    public static func birthDate(of id18: String) -> CivilDate? {
        guard id18.count == 18 else { return nil }
        return birthDateDigits(of: id18)
    }

    private static func birthDateDigits(of id18: String) -> CivilDate? {
        let digits = id18.dropFirst(6).prefix(8)
        guard digits.count == 8,
              let y = ASCIIText.number(digits.prefix(4)),
              let m = ASCIIText.number(digits.dropFirst(4).prefix(2)),
              let d = ASCIIText.number(digits.suffix(2))
        else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }
}
