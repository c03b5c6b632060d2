import Foundation

/// The byte walk behind `CSVReader`: one row at a time, every bound checked before the byte, field or
/// row that would cross it is stored. A row's fields live only until the next row is asked for.
struct CSVParser {
    private let data: Data
    private let limits: XLSXLimits
    private var offset: Int
    private var rowNumber = 0
    private var cellCount = 0
    /// The current field's bytes, reused from field to field.
    private var field: [UInt8] = []

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    init(_ data: Data, limits: XLSXLimits) throws(CSVReader.Failure) {
        guard data.count <= limits.maxInputBytes else { throw .overLimit(.inputBytes(limits.maxInputBytes)) }
        self.data = data
        self.limits = limits
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        offset = data.starts(with: bom) ? data.startIndex + 3 : data.startIndex
    }

    /// The next row's number and fields, or nil at the end. A file's final line end does not start a row.
    mutating func nextRow() throws(CSVReader.Failure) -> (Int, [String])? {
        guard offset < data.endIndex else { return nil }
        guard rowNumber < limits.maxRows else { throw .overLimit(.rows(limits.maxRows)) }
        rowNumber += 1
        var fields: [String] = []
        while true {
            guard fields.count < limits.maxColumns else { throw .overLimit(.columns(limits.maxColumns)) }
            guard cellCount < limits.maxCells else { throw .overLimit(.cells(limits.maxCells)) }
            let ending = try readField()
            cellCount += 1
            guard let text = String(bytes: field, encoding: .utf8) else { throw .notUTF8(row: rowNumber) }
            fields.append(text)
            if ending != Self.comma { return (rowNumber, fields) }
        }
    }

    /// Reads one field into `field` and returns the byte that ended it: a comma, a line end, or nil at
    /// the end of the file. The offset is left after that byte (after both of a CRLF).
    private mutating func readField() throws(CSVReader.Failure) -> UInt8? {
        field.removeAll(keepingCapacity: true)
        let end = data.endIndex
        // A quote opens a quoted field only as the field's first byte, as Excel reads it.
        if offset < end, data[offset] == Self.quote {
            let openedIn = rowNumber
            offset += 1
            while true {
                guard offset < end else { throw .unterminatedQuote(row: openedIn) }
                let byte = data[offset]
                offset += 1
                if byte == Self.quote {
                    if offset < end, data[offset] == Self.quote { offset += 1 } else { break }
                }
                guard field.count < limits.maxCellBytes else {
                    // A quote never closed swallows the rest of the file: say so, not that the cell is long.
                    throw hasClosingQuote() ? .overLimit(.cellBytes(limits.maxCellBytes, row: openedIn))
                                            : .unterminatedQuote(row: openedIn)
                }
                field.append(byte)
            }
            // Text after the closing quote belongs to the same field, as Excel keeps it.
        }
        while offset < end {
            let byte = data[offset]
            offset += 1
            switch byte {
            case Self.comma, Self.lf:
                return byte
            case Self.cr:
                if offset < end, data[offset] == Self.lf { offset += 1 }
                return Self.lf
            default:
                guard field.count < limits.maxCellBytes else { throw .overLimit(.cellBytes(limits.maxCellBytes, row: rowNumber)) }
                field.append(byte)
            }
        }
        return nil
    }

    /// Whether a lone quote (one not doubled) follows in the file: a scan without storing anything.
    private func hasClosingQuote() -> Bool {
        var index = offset
        while let found = data[index...].firstIndex(of: Self.quote) {
            let next = found + 1
            if next >= data.endIndex || data[next] != Self.quote { return true }
            index = next + 1
        }
        return false
    }
}
