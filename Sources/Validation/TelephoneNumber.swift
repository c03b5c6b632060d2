/// A contact number that may be a mobile or a landline (e.g. 安全管理员电话).
///
/// Landlines follow the domestic dialling form of MIIT's numbering plan (电信网编号计划) as RULES.md
/// states it: trunk prefix "0", then a 2-digit area code (010 Beijing, 02x for the largest cities) or a
/// 3-digit one (0373 Xinxiang), then a 7- or 8-digit local number; a hyphen may separate area code and
/// local number. The digit after the leading 0 is never 0, because "00" is the international prefix.
/// Without a hyphen "03731234567" is read either as 0373 + 7 digits or 037 + 8 digits; both are
/// well-formed, so the number is accepted either way. Extensions (分机) are not supported.
public enum TelephoneNumber {
    static let ruleMessage = "电话号码应为11位手机号码，或带区号的固定电话（如0373-1234567）"

    /// Returns the normalised value as typed (a hyphen is kept).
    public static func validate(_ raw: String) -> Result<String, FieldError> {
        let number = TextNormalizer.normalize(raw)
        guard !number.isEmpty else { return .failure(FieldError("请输入电话号码")) }
        guard MobilePhone.isMobile(number) || isLandline(number) else {
            return .failure(FieldError(ruleMessage))
        }
        return .success(number)
    }

    static func isLandline(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            // Area code (3 or 4 digits with the 0) + local (7 or 8): 10 to 12 digits in all.
            let digits = Array(s)
            return (10...12).contains(digits.count) && ASCIIText.isAllDigits(s) && isAreaCodeStart(digits)
        case 2:
            let area = parts[0], local = parts[1]
            return (3...4).contains(area.count) && ASCIIText.isAllDigits(area) && isAreaCodeStart(Array(area))
                && (7...8).contains(local.count) && ASCIIText.isAllDigits(local)
        default:
            return false
        }
    }

    private static func isAreaCodeStart(_ digits: [Character]) -> Bool {
        digits.count >= 2 && digits[0] == "0" && digits[1] != "0"
    }
}
