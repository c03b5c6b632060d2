/// Why a file could not be read. `message` is shown to the clerk as is.
public enum XLSXError: Error, Equatable, Sendable {
    /// Not a zip file, or a zip without a spreadsheet workbook (a .docx, an .ods, a renamed .csv).
    case notAnXLSX
    /// An OLE/CFB container (starts with D0 CF 11 E0): either an xlsx encrypted with a password, which
    /// Excel wraps in OLE, or an old binary .xls. Neither can be read without Excel.
    case encrypted
    /// A part declares or inflates to more than `XLSXLimits.maxUncompressedBytes`.
    case tooLarge
    /// A bound of `XLSXLimits` (rows, columns, cells, one cell's bytes, text) was crossed.
    case overLimit(SheetLimit)
    /// A part contains `<!DOCTYPE` or `<!ENTITY`. Spreadsheet parts never need them, and entity
    /// expansion is how "billion laughs" files blow up memory, so they are refused unparsed.
    case forbiddenXML
    /// The file is a spreadsheet package but something in it is broken; the detail says what.
    case malformed(String)

    /// A sentence in Chinese for the clerk who uploaded the file.
    public var message: String {
        switch self {
        case .notAnXLSX:
            return "文件不是有效的 .xlsx 表格"
        case .encrypted:
            return "文件已加密或是旧版 .xls，请在Excel中另存为 .xlsx（不加密）后再导入"
        case .tooLarge:
            return "文件解压后过大，可能已损坏"
        case .overLimit(let limit):
            return limit.message
        case .forbiddenXML:
            return "文件含有不允许的 XML 声明（DOCTYPE/ENTITY），无法导入"
        case .malformed(let detail):
            return "表格文件已损坏或格式不受支持：\(detail)"
        }
    }
}
