/// Escaping for the XML the writer produces by hand. Works on UTF-8 bytes: it runs for every cell of
/// an export, and byte loops stay fast even in debug builds.
enum XMLText {
    /// Escapes `& < > "` so the text can go in element content or a double-quoted attribute, and
    /// writes CR as `&#13;`: XML parsers turn a literal CR (and CR LF) into LF, a reference they keep.
    static func escape(_ text: String) -> String {
        guard UTF8Bytes.contains(text, where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x0D })
        else {
            return text
        }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case 0x26: output += Array("&amp;".utf8)
            case 0x3C: output += Array("&lt;".utf8)
            case 0x3E: output += Array("&gt;".utf8)
            case 0x22: output += Array("&quot;".utf8)
            case 0x0D: output += Array("&#13;".utf8)
            default: output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Cell or comment text: control characters as `_xHHHH_` (XML 1.0 cannot hold them), then escaped.
    static func cellText(_ text: String) -> String {
        escape(OOXMLEscape.encode(text))
    }

    /// `<t>` keeps leading or trailing XML whitespace and line breaks only with `xml:space="preserve"`.
    static func textElement(_ text: String) -> String {
        let bytes = text.utf8
        let isXMLSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let needsPreserve = bytes.first.map(isXMLSpace) == true || bytes.last.map(isXMLSpace) == true
            || UTF8Bytes.contains(text, where: { $0 == 0x0A })
        return (needsPreserve ? "<t xml:space=\"preserve\">" : "<t>") + cellText(text) + "</t>"
    }
}
