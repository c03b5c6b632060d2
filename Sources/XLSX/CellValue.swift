/// One cell's value as the spreadsheet stores it.
///
/// The reader does not guess types from text: a number typed into a cell formatted as text arrives as
/// `.text`, a long ID number typed into a general cell arrives as `.number` (with its last digits already
/// lost by Excel), so the importer can tell the clerk exactly which cell to fix.
public enum CellValue: Equatable, Sendable {
    case text(String)
    case number(Double)
    case bool(Bool)
    /// A number cell whose style is a date or time format. The serial is kept as stored, because its
    /// meaning depends on the workbook's date system (`Workbook.uses1904`); `ExcelDate` converts it.
    case date(serial: Double)
    /// An error value such as `#N/A` or `#DIV/0!`, usually a formula's cached result.
    case error(String)
}
