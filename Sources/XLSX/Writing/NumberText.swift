/// How the writer spells a number in `<v>`.
enum NumberText {
    /// Whole values without ".0" (Excel writes `42`, and openpyxl reads `42.0` back as a float);
    /// others in Swift's shortest round-trip form (`0.1`, `1e-05`), which is a valid xsd:double.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
