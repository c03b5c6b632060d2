/// Gathers the text of one string item: a shared string `<si>` or an inline string `<is>`.
///
/// The text is every `<t>`, whether directly in the item or in rich-text runs `<r><t>`, joined in
/// order; the phonetic guide `<rPh><t>` (Japanese furigana) is not part of the value and is skipped.
/// Whitespace is kept as written, with or without `xml:space="preserve"`: the importer trims.
struct StringItemCollector {
    private var text = ""
    private var capturing = false
    private var phoneticDepth = 0

    mutating func reset() {
        text = ""
        capturing = false
        phoneticDepth = 0
    }

    mutating func start(_ name: String) {
        switch name {
        case "rPh": phoneticDepth += 1
        case "t": capturing = phoneticDepth == 0
        default: break
        }
    }

    mutating func end(_ name: String) {
        switch name {
        case "rPh": phoneticDepth = max(0, phoneticDepth - 1)
        case "t": capturing = false
        default: break
        }
    }

    mutating func characters(_ string: String) {
        if capturing { text += string }
    }

    /// Bytes gathered so far, for the caller's bound on one cell (O(1) on a native string).
    var byteCount: Int { text.utf8.count }

    /// The item's value with `_xHHHH_` escapes decoded.
    var value: String { OOXMLEscape.decode(text) }
}
