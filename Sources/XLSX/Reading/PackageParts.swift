import Foundation

/// The parts of an opened package, found by name and parsed (streamed, never held whole) within the
/// shared byte budget.
struct PackageParts {
    private var extractor: ZipPartExtractor

    init(extractor: ZipPartExtractor) {
        self.extractor = extractor
    }

    func exists(_ path: String) -> Bool {
        extractor.directory.entry(named: path) != nil
    }

    mutating func parse(_ path: String, with handler: XMLPartHandler) throws(XLSXError) {
        guard let entry = extractor.directory.entry(named: path) else {
            throw .malformed("缺少 \(path)")
        }
        try XMLPartParser.parse(try extractor.open(entry), part: path, with: handler)
    }

    /// The relationships of `part`; an absent .rels means none, unless the part cannot work without.
    mutating func relationships(of part: String, required: Bool) throws(XLSXError) -> [Relationship] {
        let path = PartPath.relationships(of: part)
        guard exists(path) else {
            if required { throw .malformed("缺少 \(path)") }
            return []
        }
        let handler = RelationshipsHandler()
        try parse(path, with: handler)
        return handler.relationships
    }

    /// The workbook part named by the package's root relationships. A zip without a workbook is some
    /// other file (a .docx, an .ods, a zipped folder): not an xlsx.
    mutating func officeDocumentPath() throws(XLSXError) -> String {
        let root = try relationships(of: "", required: false)
        if let main = root.first(where: { $0.hasType("officeDocument") && !$0.isExternal }) {
            let path = PartPath.resolve(main.target, from: "")
            guard exists(path) else { throw .notAnXLSX }
            return path
        }
        // No root relationships: accept the conventional location, as Excel's repair does.
        guard exists("xl/workbook.xml") else { throw .notAnXLSX }
        return "xl/workbook.xml"
    }
}
