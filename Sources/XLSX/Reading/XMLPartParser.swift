import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs Foundation's XMLParser over one part after the safety check, turning its failures into
/// `XLSXError`s that name the part.
enum XMLPartParser {
    static func parse(_ data: Data, part: String, with handler: XMLPartHandler) throws(XLSXError) {
        try XMLSafety.check(data, part: part)
        let parser = XMLParser(data: data)
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
