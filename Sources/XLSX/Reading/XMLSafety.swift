import Foundation

/// Refuses XML that could make the parser expand entities, before any parser sees it.
///
/// Spreadsheet parts never have a document type declaration. libxml2 (behind XMLParser on Linux)
/// expands internal entities, so a "billion laughs" sharedStrings.xml of a few hundred bytes would
/// expand to gigabytes; refusing `<!DOCTYPE` and `<!ENTITY` outright needs no trust in its limits.
enum XMLSafety {
    private static let markers = [Array("<!DOCTYPE".utf8), Array("<!ENTITY".utf8)]

    static func check(_ data: Data, part: String) throws(XLSXError) {
        var scanner = Scanner(part: part)
        let bytes = [UInt8](data)
        var failure: XLSXError?
        bytes.withUnsafeBytes { raw in
            do throws(XLSXError) { try scanner.scan(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// The same check over a part that arrives in chunks: the end of each chunk is kept, so that a
    /// marker cut in two by a chunk boundary is still found (libxml2 cannot act on half a marker).
    struct Scanner {
        let part: String
        private var carried: [UInt8] = []
        private var sawHead = false

        init(part: String) { self.part = part }

        mutating func scan(_ chunk: UnsafeRawBufferPointer) throws(XLSXError) {
            guard chunk.count > 0 else { return }
            if !sawHead {
                sawHead = true
                let head = Array(chunk.prefix(4))
                // A byte scan only sees markup in an ASCII-compatible encoding. Excel, WPS, LibreOffice and
                // openpyxl all write UTF-8, so UTF-16/32 parts are refused rather than transcoded.
                if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0, 0])
                    || head.starts(with: [0x00, 0x3C]) || head.starts(with: [0x3C, 0x00]) {
                    throw .malformed("\(part) 使用了不支持的文字编码")
                }
            }
            let window = carried + chunk
            let found = window.withUnsafeBytes { raw in XMLSafety.markers.contains { XMLSafety.contains(raw, markup: $0) } }
            if found { throw .forbiddenXML }
            carried = Array(window.suffix(XMLSafety.markers.map(\.count).max()! - 1))
        }
    }

    /// Case-insensitive search for an ASCII upper-case marker that starts with "<!": memchr finds
    /// each "<" (fast even in debug builds), the rest is compared by hand.
    private static func contains(_ raw: UnsafeRawBufferPointer, markup: [UInt8]) -> Bool {
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
