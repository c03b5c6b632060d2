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

    /// Case-insensitive search for an ASCII upper-case marker that starts with "<!": memchr finds
    /// each "<" (fast even in debug builds), the rest is compared by hand.
    private static func contains(_ data: Data, markup: [UInt8]) -> Bool {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            guard let base = raw.baseAddress, raw.count >= markup.count else { return false }
            var offset = 0
            while offset <= raw.count - markup.count,
                  let found = memchr(base + offset, 0x3C, raw.count - markup.count + 1 - offset) {
                let start = base.distance(to: UnsafeRawPointer(found))
                var matched = raw[start + 1] == 0x21  // "!"
                var index = 2
                while matched, index < markup.count {
                    matched = raw[start + index] & 0xDF == markup[index]
                    index += 1
                }
                if matched { return true }
                offset = start + 1
            }
            return false
        }
    }
}
