import Foundation

/// Refuses XML that could make the parser expand entities, before any parser sees it.
///
/// Spreadsheet parts never have a document type declaration. libxml2 (behind XMLParser on Linux)
/// expands internal entities, so a "billion laughs" sharedStrings.xml of a few hundred bytes would
/// expand to gigabytes; refusing `<!DOCTYPE` and `<!ENTITY` outright needs no trust in its limits.
enum XMLSafety {
    static func check(_ data: Data, part: String) throws(XLSXError) {
        let head = Array(data.prefix(4))
        // A byte scan only sees markup in an ASCII-compatible encoding. Excel, WPS, LibreOffice and
        // openpyxl all write UTF-8, so UTF-16/32 parts are refused rather than transcoded.
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0, 0])
            || head.starts(with: [0x00, 0x3C]) || head.starts(with: [0x3C, 0x00]) {
            throw .malformed("\(part) 使用了不支持的文字编码")
        }
        if contains(data, markup: Array("<!DOCTYPE".utf8)) || contains(data, markup: Array("<!ENTITY".utf8)) {
            throw .forbiddenXML
        }
    }

    /// Case-insensitive search for an ASCII upper-case marker that starts with "<!". `range(of:)`
    /// finds each "<!" quickly (they are rare: comments, CDATA); the rest is compared by hand.
    private static func contains(_ data: Data, markup: [UInt8]) -> Bool {
        let opener = Data("<!".utf8)
        var searchStart = data.startIndex
        while let found = data.range(of: opener, in: searchStart..<data.endIndex) {
            let candidate = data[found.lowerBound...].prefix(markup.count)
            if candidate.count == markup.count,
               zip(candidate, markup).allSatisfy({ byte, upper in byte & 0xDF == upper || byte == upper }) {
                return true
            }
            searchStart = found.upperBound
        }
        return false
    }
}
