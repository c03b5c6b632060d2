/// Mainland China mobile numbers (手机号码).
///
/// 11 digits, "1" then 3–9 then 9 digits (RULES.md). Under MIIT's numbering plan (电信网编号计划) mobile
/// subscriber numbers are allocated in the 13x–19x blocks; numbers starting 10, 11 or 12 belong to
/// service codes (e.g. 110, 12345), never to a subscriber. A "+86" prefix is not accepted: the system
/// stores the domestic form.
public enum MobilePhone {
    static let ruleMessage = "手机号码应为11位数字，以1开头，第二位为3–9"

    /// Returns the normalised number (full-width digits folded, trimmed).
    public static func validate(_ raw: String) -> Result<String, FieldError> {
        let number = TextNormalizer.normalize(raw)
        guard !number.isEmpty else { return .failure(FieldError("请输入手机号码")) }
        guard isMobile(number) else { return .failure(FieldError(ruleMessage)) }
        return .success(number)
    }

    /// The rule without normalisation, for `TelephoneNumber`.
    static func isMobile(_ s: String) -> Bool {
        let chars = Array(s)
        guard chars.count == 11, chars.allSatisfy(ASCIIText.isDigit), chars[0] == "1",
              let second = chars[1].asciiValue, (0x33...0x39).contains(second)
        else { return false }
        return true
    }
}
