/// Reads workbook.xml: the sheets in tab order and the date system.
final class WorkbookHandler: XMLPartHandler {
    private(set) var sheets: [WorkbookSheet] = []
    private(set) var uses1904 = false

    override func start(_ name: String, attributes: [String: String]) {
        switch name {
        case "workbookPr":
            // xsd:boolean: "1" or "true" (Excel writes 1, some libraries true).
            if let value = attributes["date1904"] { uses1904 = value == "1" || value.lowercased() == "true" }
        case "sheet":
            if let id = attributes["r:id"] {
                sheets.append(WorkbookSheet(name: attributes["name"] ?? "", relationshipID: id))
            }
        default:
            break
        }
    }
}
