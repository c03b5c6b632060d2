import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs Foundation's XMLParser over one part after the safety check, turning its failures into
/// `XLSXError`s that name the part.
enum XMLPartParser {
    static func parse(_ data: Data, part: String, with handler: XMLPartHandler) throws(XLSXError) {
        try XMLSafety.check(data, part: part)
        // Through a stream, not XMLParser(data:): on Linux the latter hands libxml2 the whole part at
        // once and fails with "internal error" at the end of any part over 10,000,000 bytes on one
        // line (libxml2's lookup limit without XML_PARSE_HUGE), and Excel writes a sheet on one line.
        // The stream is fed to libxml2 in small chunks, which stays under that limit.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        handler.attach(to: parser)
        let succeeded = parser.parse()
        if let failure = handler.failure { throw failure }
        guard succeeded else {
            throw .malformed("\(part) 不是有效的 XML（第 \(parser.lineNumber) 行）")
        }
    }
}
