/// Bounds that keep a hostile or broken upload from exhausting memory or time, shared by the .xlsx
/// and the CSV reader so that both formats refuse the same sheets with the same words.
///
/// Each reader checks a bound before it allocates for what would cross it (the next row, column, cell
/// or byte), so a refused file costs no more than an accepted one. The defaults fit the largest real
/// registers (a province's elevators) with room to spare; an importer may tighten them.
public struct XLSXLimits: Sendable, Equatable {
    /// Bytes of the file as uploaded: the CSV text, or the .xlsx zip.
    public var maxInputBytes: Int = 64 << 20
    /// Total bytes the .xlsx reader may inflate across all parts it reads (workbook, relationships,
    /// styles, shared strings, sheet). Parts are streamed to the XML parser, never held whole, so this
    /// bounds work, not memory; it is checked against the sizes the zip declares and counted again
    /// while inflating, since a zip bomb can lie about its sizes.
    public var maxUncompressedBytes: Int = 512 << 20
    /// UTF-8 bytes of text an .xlsx leaves in memory: its shared strings and its inline text cells.
    /// (A CSV's text is its input, bounded by `maxInputBytes`.)
    public var maxTextBytes: Int = 128 << 20
    /// Rows: in an .xlsx the rows with at least one value; in a CSV every line, blank ones too, since
    /// a row's number is its line.
    public var maxRows: Int = 200_000
    /// Highest column position (exclusive) a cell may occupy: 256 means columns A…IV. In a CSV every
    /// field counts, empty or not, so a header of half a million commas is refused at field 257.
    public var maxColumns: Int = 256
    /// Cells kept: values in an .xlsx (and entries of its shared string table), fields in a CSV.
    public var maxCells: Int = 4_000_000
    /// UTF-8 bytes of one cell. Excel itself stops at 32,767 characters.
    public var maxCellBytes: Int = 32_767 * 3

    public init() {}
}
