/// 统一社会信用代码 (unified social credit code of a company or organisation), GB 32100-2015.
///
/// 18 characters from the 31-character alphabet 0–9 and the capital letters without I, O, Z, S, V (left
/// out because they are easily confused with 1, 0, 2, 5, U). The 18th character is a check character
/// (GB 32100-2015): with weights 3^(i−1) mod 31 for positions 1–17, the check value is
/// 31 − (Σ value × weight mod 31), where 31 becomes 0, written with the same alphabet. Letters are
/// upper-cased first because people often type them in lower case; the value returned is upper case.
///
/// The structure inside (registration authority, organisation type, region, GB 11714 organisation code)
/// is not checked: the check character already catches typing errors, and refusing an unusual but issued
/// code would block a real company.
public enum SocialCreditCode {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    static let values: [Character: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($0.element, $0.offset) })

    public static func validate(_ raw: String) -> Result<String, FieldError> {
        let code = TextNormalizer.normalize(raw).uppercased()
        guard !code.isEmpty else { return .failure(FieldError("请输入统一社会信用代码")) }
        guard code.count == 18 else {
            return .failure(FieldError("统一社会信用代码应为18位，现为\(code.count)位"))
        }
        guard code.allSatisfy({ values[$0] != nil }) else {
            return .failure(FieldError("统一社会信用代码只能包含数字和大写字母（不使用I、O、Z、S、V）"))
        }
        let check = checkCharacter(for: code.prefix(17))
        guard code.last == check else {
            return .failure(FieldError("统一社会信用代码校验位错误，应为\(check)"))
        }
        return .success(code)
    }

    /// Check character for 17 characters already known to be in the alphabet.
    static func checkCharacter(for first17: Substring) -> Character {
        var sum = 0
        for (c, w) in zip(first17, weights) {
            sum += values[c]! * w
        }
        let check = 31 - sum % 31
        return alphabet[check == 31 ? 0 : check]
    }
}
