/// Which bound of `XLSXLimits` a sheet crossed, with the bound's value, so the clerk reads the limit
/// itself and not a guess at what went wrong.
public enum SheetLimit: Equatable, Sendable {
    case inputBytes(Int)
    case textBytes(Int)
    case rows(Int)
    case columns(Int)
    case cells(Int)
    /// The row of the cell, when known (a shared string is not in any row yet).
    case cellBytes(Int, row: Int?)

    /// A sentence in Chinese for the clerk who uploaded the file.
    public var message: String {
        switch self {
        case .inputBytes(let limit):
            "文件超过 \(Self.megabytes(limit)) 的上限，请拆分后分批导入"
        case .textBytes(let limit):
            "表格中的文字超过 \(Self.megabytes(limit)) 的上限，请拆分后分批导入"
        case .rows(let limit):
            "表格超过 \(limit) 行的上限，请拆分后分批导入"
        case .columns(let limit):
            "表格超过 \(limit) 列的上限，请删除模板以外的多余列后再导入"
        case .cells(let limit):
            "表格超过 \(limit) 个单元格的上限，请拆分后分批导入"
        case .cellBytes(let limit, let row):
            (row.map { "第 \($0) 行有" } ?? "表格中有") + "单元格的内容超过 \(limit) 字节的上限，请检查该单元格"
        }
    }

    private static func megabytes(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) 字节"
    }
}
