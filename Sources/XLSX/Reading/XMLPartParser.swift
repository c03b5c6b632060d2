import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs Foundation's XMLParser over one part, chunk by chunk as it is inflated, after the safety scan
/// of each chunk, turning its failures into `XLSXError`s that name the part.
enum XMLPartParser {
    static func parse(_ reader: PartReader, part: String, with handler: XMLPartHandler) throws(XLSXError) {
        try parse(part: part, with: handler) { buffer, capacity in try reader.read(into: buffer, capacity: capacity) }
    }

    /// A part already in memory (tests of single handlers).
    static func parse(_ data: Data, part: String, with handler: XMLPartHandler) throws(XLSXError) {
        var offset = 0
        try parse(part: part, with: handler) { buffer, capacity in
            let count = min(capacity, data.count - offset)
            data.withUnsafeBytes { raw in
                if count > 0 { buffer.update(from: raw.baseAddress!.advanced(by: offset).assumingMemoryBound(to: UInt8.self), count: count) }
            }
            offset += count
            return count
        }
    }

    private static func parse(part: String, with handler: XMLPartHandler,
                              produce: @escaping (UnsafeMutablePointer<UInt8>, Int) throws -> Int) throws(XLSXError) {
        var safety = XMLSafety.Scanner(part: part)
        // Through a stream, not XMLParser(data:): on Linux the latter hands libxml2 the whole part at
        // once and fails with "internal error" at the end of any part over 10,000,000 bytes on one
        // line (libxml2's lookup limit without XML_PARSE_HUGE), and Excel writes a sheet on one line.
        // The stream is fed to libxml2 in small chunks, which stays under that limit, and each chunk is
        // scanned for DOCTYPE/ENTITY before libxml2 sees it.
        let stream = ChunkInputStream(isStopped: { handler.failure != nil }) { buffer, capacity in
            let count = try produce(buffer, capacity)
            try safety.scan(UnsafeRawBufferPointer(start: buffer, count: count))
            return count
        }
        let parser = XMLParser(stream: stream)
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        handler.attach(to: parser)
        let succeeded = parser.parse()
        if let failure = handler.failure ?? stream.failure { throw failure }
        guard succeeded else {
            throw .malformed("\(part) 不是有效的 XML（第 \(parser.lineNumber) 行）")
        }
    }
}
