/// A non-empty row of the first worksheet.
public struct SheetRow: Equatable, Sendable {
    /// 1-based, as Excel shows it in the row header, so messages can say "第 12 行".
    public let number: Int
    /// 0-based column (A = 0) to value. Blank cells are absent, so a sparse row stays sparse.
    public let cells: [Int: CellValue]

    public init(number: Int, cells: [Int: CellValue]) {
        self.number = number
        self.cells = cells
    }
}
