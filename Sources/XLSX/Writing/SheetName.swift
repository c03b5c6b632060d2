/// Excel's rules for a sheet name, applied so a template name never makes Excel "repair" the file.
enum SheetName {
    /// At most 31 characters, none of `[ ] : * ? / \`, no apostrophe at either end, not empty.
    static func sanitize(_ name: String) -> String {
        var cleaned = String(name.map { "[]:*?/\\".contains($0) || $0.isNewline ? "_" : $0 })
        while cleaned.hasPrefix("'") { cleaned.removeFirst() }
        while cleaned.hasSuffix("'") { cleaned.removeLast() }
        cleaned = String(cleaned.prefix(31))
        return cleaned.isEmpty ? "Sheet1" : cleaned
    }
}
