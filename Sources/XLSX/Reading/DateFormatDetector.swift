/// Decides whether a number format shows a number as a date or time, which is the only way an xlsx
/// marks a date: the cell itself holds a plain serial number.
enum DateFormatDetector {
    /// Built-in formats that are dates or times (ECMA-376 Part 1 §18.8.30): 14–22 and 45–47, plus the
    /// East Asian built-ins 27–36 and 50–58 (`yyyy"年"m"月"d"日"` and the like), which Chinese
    /// Excel and WPS may reference without declaring them. xlrd classifies the same ranges as dates.
    private static let builtInDateIDs: Set<Int> = Set(14...22).union(45...47).union(27...36).union(50...58)

    /// - Parameters:
    ///   - id: the `numFmtId` of the cell's style.
    ///   - code: the format code when the file declares one for this id (a declaration overrides
    ///     the built-in meaning).
    static func isDate(id: Int, code: String?) -> Bool {
        if let code { return isDateCode(code) }
        return builtInDateIDs.contains(id)
    }

    /// A custom format is a date when, outside quoted text, escaped characters and `[...]` sections
    /// (colours, conditions, locales such as `[$-804]`), it has a y, m, d, h or s token, or when a
    /// bracket is an elapsed-time token such as `[h]` or `[mm]`.
    static func isDateCode(_ code: String) -> Bool {
        var characters = code.makeIterator()
        var inQuotes = false
        while let character = characters.next() {
            if inQuotes {
                if character == "\"" { inQuotes = false }
                continue
            }
            switch character {
            case "\"":
                inQuotes = true
            case "\\", "_", "*":
                // Escaped literal, padding-width character, fill character: the next one is not a token.
                _ = characters.next()
            case "[":
                var content = ""
                while let inner = characters.next(), inner != "]" { content.append(inner) }
                let lowered = content.lowercased()
                if !lowered.isEmpty, lowered.allSatisfy({ "hms".contains($0) }) { return true }
            default:
                if "yYmMdDhHsS".contains(character) { return true }
            }
        }
        return false
    }
}
