/// Password strength rule.
///
/// At least 8 characters and three of the four character classes (upper case, lower case, digit, symbol):
/// the complexity rule of GB/T 22239-2019 (等级保护 2.0, 身份鉴别: "口令应具有复杂度要求") as it is commonly
/// applied by assessors for level-2/3 systems, which a regulator's system will be assessed against.
///
/// The password is taken exactly as typed: no trimming and no full-width folding, because changing it
/// would silently change the secret (a user who typed a trailing space must type it again to log in).
/// "Symbol" is any character that is not an ASCII letter or digit, including the space and non-ASCII
/// characters; only control characters are refused, since they cannot be typed reliably.
public enum PasswordPolicy {
    static let minimumLength = 8
    static let requiredClasses = 3
    static let ruleMessage = "密码至少8位，且包含大写字母、小写字母、数字、符号中的至少三类"

    public static func validate(_ raw: String) -> Result<String, FieldError> {
        guard !raw.isEmpty else { return .failure(FieldError("请输入密码")) }
        guard !raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return .failure(FieldError("密码不能包含换行、制表符等控制字符"))
        }
        var upper = false, lower = false, digit = false, symbol = false
        for c in raw {
            if ASCIIText.isUpper(c) { upper = true }
            else if ASCIIText.isLower(c) { lower = true }
            else if ASCIIText.isDigit(c) { digit = true }
            else { symbol = true }
        }
        let classes = [upper, lower, digit, symbol].filter { $0 }.count
        guard raw.count >= minimumLength, classes >= requiredClasses else {
            return .failure(FieldError(ruleMessage))
        }
        return .success(raw)
    }
}
