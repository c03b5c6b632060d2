import Foundation

/// Reads the first worksheet of an .xlsx file held in memory (an upload).
///
/// The package is followed the way Excel follows it: `_rels/.rels` names the workbook part,
/// the workbook's relationships name the sheets, styles and shared strings, so files whose parts
/// live elsewhere than `xl/worksheets/sheet1.xml` read the same. Every part is checked for
/// DOCTYPE/ENTITY before it is parsed, all inflating shares one byte budget, and parts are parsed
/// while they inflate, so memory holds the values kept (bounded by `XLSXLimits`), not the XML.
public enum XLSXReader {
    private static let oleSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    private static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// Throws only `XLSXError`; show its `message` to the clerk.
    ///
    /// Declared with a plain `throws` on purpose: with `throws(XLSXError)` here, swiftc 6.3.1 crashed
    /// (SILGen ownership verifier) compiling a caller that wrote `catch let error as XLSXError`, the
    /// usual way to catch it. Inside the module the errors stay typed.
    public static func read(_ data: Data, limits: XLSXLimits = .init()) throws -> Workbook {
        try readTyped(data, limits: limits)
    }

    static func readTyped(_ data: Data, limits: XLSXLimits) throws(XLSXError) -> Workbook {
        guard data.count <= limits.maxInputBytes else { throw .overLimit(.inputBytes(limits.maxInputBytes)) }
        let bytes = ByteView(data: data)
        // Excel wraps a password-protected xlsx in an OLE compound file, the same container as .xls.
        if bytes.hasPrefix(oleSignature) { throw .encrypted }
        guard bytes.hasPrefix(zipSignature) else { throw .notAnXLSX }

        var package = PackageParts(extractor: ZipPartExtractor(directory: try ZipDirectory(data: data),
                                                               budget: limits.maxUncompressedBytes))

        let workbookPath = try package.officeDocumentPath()
        guard !workbookPath.lowercased().hasSuffix(".bin") else { throw .notAnXLSX }  // .xlsb
        let workbook = WorkbookHandler()
        try package.parse(workbookPath, with: workbook)
        guard workbook.rootElement == "workbook" else { throw .notAnXLSX }

        let relationships = try package.relationships(of: workbookPath, required: true)
        let sheetTargets = Dictionary(relationships.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // The first sheet in tab order that is a worksheet: a chart sheet placed first has no cells.
        guard let (sheet, sheetRelationship) = workbook.sheets.lazy
            .compactMap({ sheet in sheetTargets[sheet.relationshipID].map { (sheet, $0) } })
            .first(where: { !$0.1.isExternal && $0.1.hasType("worksheet") })
        else { throw .malformed("工作簿中没有工作表") }

        var isDateStyle: [Bool] = []
        if let styles = relationships.first(where: { $0.hasType("styles") && !$0.isExternal }) {
            let handler = StylesHandler()
            try package.parse(PartPath.resolve(styles.target, from: workbookPath), with: handler)
            isDateStyle = handler.isDateStyle
        }

        var sharedStrings: [String] = []
        var textBytes = 0
        if let strings = relationships.first(where: { $0.hasType("sharedStrings") && !$0.isExternal }) {
            let handler = SharedStringsHandler(limits: limits)
            try package.parse(PartPath.resolve(strings.target, from: workbookPath), with: handler)
            sharedStrings = handler.strings
            textBytes = handler.textBytes
        }

        let sheetHandler = WorksheetHandler(sharedStrings: sharedStrings, isDateStyle: isDateStyle,
                                            uses1904: workbook.uses1904, limits: limits, textBytes: textBytes)
        try package.parse(PartPath.resolve(sheetRelationship.target, from: workbookPath), with: sheetHandler)
        return Workbook(sheetName: sheet.name, uses1904: workbook.uses1904, rows: sheetHandler.rows)
    }
}
