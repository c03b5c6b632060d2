/// A `<sheet>` of workbook.xml, in the order the workbook lists them (the tab order).
struct WorkbookSheet: Sendable {
    let name: String
    let relationshipID: String
}
