/// Escaping for the XML the writer produces by hand.
enum XMLText {
    /// Escapes `& < > "` so the text can go in element content or a double-quoted attribute.
    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            default: output.append(character)
            }
        }
        return output
    }

    /// Cell or comment text: control characters as `_xHHHH_` (XML 1.0 cannot hold them), then escaped.
    static func cellText(_ text: String) -> String {
        escape(OOXMLEscape.encode(text))
    }

    /// `<t>` keeps leading or trailing spaces and line breaks only with `xml:space="preserve"`.
    static func textElement(_ text: String) -> String {
        let needsPreserve = text.first.map { $0.isWhitespace } == true || text.last.map { $0.isWhitespace } == true
            || text.contains("\n")
        return (needsPreserve ? "<t xml:space=\"preserve\">" : "<t>") + cellText(text) + "</t>"
    }
}
