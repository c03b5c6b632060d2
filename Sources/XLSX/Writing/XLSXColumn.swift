/// One column of a sheet the app writes (a template for clerks to fill in, or an export).
public struct XLSXColumn: Sendable {
    /// The header text in row 1.
    public var title: String
    /// Width in Excel's units (characters of the default font's digit "0").
    public var width: Double
    /// Format the whole column as text (number format 49, "@"), header excepted. Excel and WPS then
    /// keep what a clerk types as typed: an 18-digit ID number, a phone number with a leading 0, a
    /// 20-digit registration code. In a general column Excel turns them into numbers and loses digits.
    public var isText: Bool
    /// Fill the header cell in colour: the manual's convention "表格中有颜色的内容为必填项目".
    public var isRequired: Bool
    /// Explanation shown as an Excel comment (note) on the header cell: what to enter and in what
    /// format. Shown on hover in Excel, WPS and LibreOffice, and it keeps row 2 free for data.
    public var note: String?

    public init(title: String, width: Double = 15, isText: Bool = false, isRequired: Bool = false,
                note: String? = nil) {
        self.title = title
        self.width = width
        self.isText = isText
        self.isRequired = isRequired
        self.note = note
    }
}
