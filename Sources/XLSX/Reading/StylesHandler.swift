/// Reads styles.xml far enough to know which cell styles (`s` attribute, an index into `cellXfs`)
/// format numbers as dates.
final class StylesHandler: XMLPartHandler {
    private var customFormats: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inNumberFormats = false
    private var inCellFormats = false

    /// `isDateStyle[s]` for each cell style index.
    var isDateStyle: [Bool] {
        formatIDs.map { DateFormatDetector.isDate(id: $0, code: customFormats[$0]) }
    }

    override func start(_ name: String, attributes: [String: String]) {
        switch name {
        case "numFmts":
            inNumberFormats = true
        case "numFmt" where inNumberFormats:
            if let id = attributes["numFmtId"].flatMap({ Int($0) }) { customFormats[id] = attributes["formatCode"] ?? "" }
        case "cellXfs":
            inCellFormats = true
        case "xf" where inCellFormats:
            // `cellStyleXfs` also holds `xf` elements; only `cellXfs` is indexed by cells.
            formatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
        default:
            break
        }
    }

    override func end(_ name: String) {
        if name == "numFmts" { inNumberFormats = false }
        if name == "cellXfs" { inCellFormats = false }
    }
}
