/// Bounds that keep a hostile or broken upload from exhausting memory.
///
/// The defaults fit the largest real registers (a province's elevators) with room to spare.
public struct XLSXLimits: Sendable {
    /// Total bytes the reader may decompress across all parts it reads (workbook, relationships,
    /// styles, shared strings, sheet). Checked against the sizes the zip declares and counted again
    /// while inflating, since a zip bomb can lie about its sizes.
    public var maxUncompressedBytes: Int = 200 << 20
    /// Rows with at least one value.
    public var maxRows: Int = 200_000
    /// Highest column position (exclusive) a value may occupy: 256 means columns A…IV.
    public var maxColumns: Int = 256

    public init() {}
}
