/// 救援电梯编号 / 救援识别码 (the number posted in the car for the 96333 elevator emergency line).
///
/// There is no national format: several provinces' apps use 6 digits, Zhangzhou's signs 5 (RULES.md), so
/// the allowed lengths come from configuration (default 5–6 there). Only ASCII digits are accepted; the
/// code is read out over the phone, so letters or separators would only cause mistakes.
public enum RescueCode {
    /// Returns the normalised code (full-width digits folded, trimmed). Leading zeros are kept: it is an
    /// identifier, not a number.
    public static func validate(_ raw: String, lengths: ClosedRange<Int>) -> Result<String, FieldError> {
        let code = TextNormalizer.normalize(raw)
        guard !code.isEmpty else { return .failure(FieldError("请输入救援电梯编号")) }
        guard ASCIIText.isAllDigits(code), lengths.contains(code.count) else {
            let span = lengths.lowerBound == lengths.upperBound
                ? "\(lengths.lowerBound)" : "\(lengths.lowerBound)–\(lengths.upperBound)"
            return .failure(FieldError("救援电梯编号应为\(span)位数字"))
        }
        return .success(code)
    }
}
