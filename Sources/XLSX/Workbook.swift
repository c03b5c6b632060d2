/// What an import needs from an uploaded file: the first worksheet's values.
///
/// Only the first sheet is read because the templates the clerks download have one sheet; reading more
/// would only add ways for a stray second sheet to confuse an import.
public struct Workbook: Sendable {
    /// The first worksheet in workbook (tab) order, whatever its name or part path.
    public let sheetName: String
    /// True when the workbook uses the 1904 date system (`date1904` in workbook.xml, old Mac files).
    /// Needed to turn `.date(serial:)` into a calendar date.
    public let uses1904: Bool
    /// Rows in sheet order; rows without any value are omitted.
    public let rows: [SheetRow]

    public init(sheetName: String, uses1904: Bool, rows: [SheetRow]) {
        self.sheetName = sheetName
        self.uses1904 = uses1904
        self.rows = rows
    }
}
