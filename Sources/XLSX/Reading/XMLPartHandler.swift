import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Base class for the SAX handlers of each part. It strips namespace prefixes so that files written
/// with prefixed elements (`<x:row>`, as some .NET libraries do) read like Excel's, and lets a handler
/// stop the parse with an `XLSXError` (row limits, bad values).
class XMLPartHandler: NSObject, XMLParserDelegate {
    private(set) var failure: XLSXError?
    private(set) var rootElement: String?
    private weak var parser: XMLParser?

    func attach(to parser: XMLParser) { self.parser = parser }

    /// Stops parsing; `XMLPartParser.parse` then throws this error.
    func fail(_ error: XLSXError) {
        if failure == nil { failure = error }
        parser?.abortParsing()
    }

    // Overridden by each handler; names are local (prefix removed), attributes keyed by local name.
    func start(_ name: String, attributes: [String: String]) {}
    func end(_ name: String) {}
    func text(_ string: String) {}

    /// The name after the prefix. Works on UTF-8 bytes: this runs for every element and attribute.
    static func localName(_ qualified: String) -> String {
        let bytes = qualified.utf8
        guard let colon = bytes.lastIndex(of: UInt8(ascii: ":")) else { return qualified }
        return String(qualified[bytes.index(after: colon)...])
    }

    private static func hasPrefix(_ name: String) -> Bool {
        UTF8Bytes.contains(name, where: { $0 == UInt8(ascii: ":") })
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard failure == nil else { return }
        let name = Self.localName(elementName)
        if rootElement == nil { rootElement = name }
        // Most elements (every row and cell) have only plain attributes: pass them on untouched.
        guard attributeDict.keys.contains(where: { Self.hasPrefix($0) || $0 == "xmlns" }) else {
            start(name, attributes: attributeDict)
            return
        }
        var attributes: [String: String] = [:]
        for (key, value) in attributeDict {
            if key == "xmlns" || key.hasPrefix("xmlns:") { continue }
            if key.hasPrefix("xml:") {
                attributes[Self.localName(key)] = value
            } else if key.contains(":") {
                // A prefixed attribute is a relationship reference (`r:id`) whatever the prefix is
                // called; keep it apart from the plain ones, since `sheet` has `sheetId` and `r:id`.
                attributes["r:" + Self.localName(key)] = value
            } else {
                attributes[key] = value
            }
        }
        start(name, attributes: attributes)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        guard failure == nil else { return }
        end(Self.localName(elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil else { return }
        text(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard failure == nil else { return }
        text(String(decoding: CDATABlock, as: UTF8.self))
    }
}
