/// 注册代码 (the registration code the registration authority assigns to an elevator).
///
/// The 20-digit form is: equipment variety (4, 特种设备目录) + the registering authority's region code
/// (6, GB/T 2260) + year and month of registration (6) + serial (4), e.g. 3110 330110 201407 5069
/// (RULES.md, after a provincial rule published on 360docs, doc 0b17400149). Older systems hold 17-digit
/// values that are most likely cut-off 20-digit codes; they are accepted because the elevators exist.
/// Elevators are class 3 of the catalogue, so the first digit must be 3.
///
/// A variety not in the 2014 catalogue (质检总局 2014 年第 114 号公告, 特种设备目录) or a region the caller
/// does not know only gives a warning: codes registered before 2014 carry older variety numbers, and
/// regions are renamed and merged while the registration code stays.
public enum ElevatorRegistrationCode {
    /// Class 3 (电梯) of the 2014 catalogue: the class, its categories and its varieties.
    static let knownVarieties: Set<String> = [
        "3000",                          // 电梯
        "3100", "3110", "3120", "3130",  // 曳引与强制驱动电梯: 曳引驱动乘客, 曳引驱动载货, 强制驱动载货
        "3200", "3210", "3220",          // 液压驱动电梯: 液压乘客, 液压载货
        "3300", "3310", "3320",          // 自动扶梯与自动人行道: 自动扶梯, 自动人行道
        "3400", "3410", "3420", "3430",  // 其他类型电梯: 防爆, 消防员, 杂物
    ]
    static let acceptedLengths: Set<Int> = [17, 20]
    static let excelMessage = "注册代码被Excel转成了科学计数法，请将该列设置为文本格式后重新填写"

    /// - Parameter knownRegion: whether a 6-digit GB/T 2260 code (digits 5–10 of the code) is in the
    ///   region list the app holds.
    public static func validate(
        _ raw: String, knownRegion: (String) -> Bool
    ) -> Result<RegistrationCodeCheck, FieldError> {
        let code = TextNormalizer.normalize(raw)
        guard !code.isEmpty else { return .failure(FieldError("请输入注册代码")) }
        // Excel stores a long digit string typed into a General cell as a double and shows it as
        // 3.11041140020140E+16; the digits past the 15th are already lost, so the value cannot be repaired.
        guard !isScientificNotation(code) else { return .failure(FieldError(excelMessage)) }
        guard ASCIIText.isAllDigits(code) else { return .failure(FieldError("注册代码只能包含数字")) }
        guard acceptedLengths.contains(code.count) else {
            return .failure(FieldError("注册代码应为20位数字（旧系统的17位代码也可），现为\(code.count)位"))
        }
        guard code.first == "3" else {
            return .failure(FieldError("注册代码应以3开头（电梯属特种设备目录第3类）"))
        }

        var warnings: [String] = []
        let variety = String(code.prefix(4))
        if !knownVarieties.contains(variety) {
            warnings.append("注册代码前4位的设备品种代码\(variety)不在2014年特种设备目录中，请核对")
        }
        let region = String(code.dropFirst(4).prefix(6))
        if !knownRegion(region) {
            warnings.append("注册代码第5–10位的行政区划代码\(region)不在区划代码表中，请核对")
        }
        return .success(RegistrationCodeCheck(code: code, warnings: warnings))
    }

    /// Matches the way spreadsheets write a large number: digits, optionally a decimal point and digits,
    /// then E or e, an optional sign and digits ("3.11041140020140E+16", "3.1104114002014E16").
    static func isScientificNotation(_ s: String) -> Bool {
        let parts = s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "E" || $0 == "e" })
        guard parts.count == 2 else { return false }
        let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(mantissa.count), ASCIIText.isAllDigits(mantissa[0]),
              mantissa.count == 1 || ASCIIText.isAllDigits(mantissa[1])
        else { return false }
        var exponent = parts[1]
        if let sign = exponent.first, sign == "+" || sign == "-" { exponent = exponent.dropFirst() }
        return ASCIIText.isAllDigits(exponent)
    }
}
