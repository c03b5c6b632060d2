/// Login names.
///
/// Restricted to ASCII letters and digits, starting with a letter, so that a name cannot be confused with
/// a phone or ID number (which are digits), looks the same in every font and input method, and needs no
/// Unicode case folding to compare. 3–32 characters: short enough for a log line, long enough for pinyin
/// names such as "zhangsan2".
public enum Username {
    static let lengths: ClosedRange<Int> = 3...32
    static let ruleMessage = "用户名应为3–32位英文字母或数字，且以字母开头"

    /// Returns the normalised name (full-width folded, trimmed), case preserved.
    public static func validate(_ raw: String) -> Result<String, FieldError> {
        let name = TextNormalizer.normalize(raw)
        guard !name.isEmpty else { return .failure(FieldError("请输入用户名")) }
        guard lengths.contains(name.count),
              let first = name.first, ASCIIText.isLetter(first),
              name.allSatisfy({ ASCIIText.isLetter($0) || ASCIIText.isDigit($0) })
        else { return .failure(FieldError(ruleMessage)) }
        return .success(name)
    }
}
