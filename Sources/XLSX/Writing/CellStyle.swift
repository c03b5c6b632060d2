/// Indices into the `cellXfs` of `PackageTemplates.styles`; the two must change together.
enum CellStyle: Int {
    case general = 0
    case header = 1
    case requiredHeader = 2
    /// Number format 49 ("@"): values typed later stay text.
    case text = 3
    /// yyyy-mm-dd, for `.date` values without a time of day.
    case date = 4
    /// yyyy-mm-dd hh:mm, for `.date` values with a fraction (16 characters: fits a column of width 16;
    /// the stored serial keeps any seconds).
    case dateTime = 5
}
