import XLSX

/// One column of a register's spreadsheet (template, import, export): the header as the manual
/// writes it, the form field it fills, and how its cells are read.
struct SheetColumn: Sendable {
    enum Kind: Sendable {
        /// Free text.
        case text
        /// Digits that must stay text (ID numbers, phones, registration codes): Excel turns long ones into
        /// numbers and loses their last digits, so such a cell is refused with a message saying so.
        case digits
        /// A date: an Excel date cell, a serial number, or text such as 2014-09-01, 2014/9/1, 2014年9月1日.
        case date
    }

    let key: String
    let title: String
    let kind: Kind
    let required: Bool
    let note: String
    let width: Double
}

/// A cell as read from an import, before the form's rules see it.
struct ImportedRow: Sendable {
    /// The row number in the uploaded sheet, as the spreadsheet program shows it.
    let number: Int
    /// Field name → text, for the form's rules.
    var values: [String: String]
    /// The cells as uploaded (column → value, blank cells absent), for the returned error sheet. Sparse
    /// and shared with what the reader returned: a row padded to a wide header would cost header width
    /// × rows, the very blow-up the sheet limits exist to prevent.
    let original: [Int: CellValue]
}

/// One problem of an import, as the report lists it.
struct ImportProblem: Sendable, Equatable {
    let row: Int
    let column: String
    let value: String
    let reason: String
}
