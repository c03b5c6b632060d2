import Foundation

/// Reads a CSV file as a clerk's spreadsheet program saves it: UTF-8 with or without a byte-order
/// mark, comma separated, fields optionally quoted with doubled quotes inside, CRLF or LF line ends.
enum CSVReader {
    enum Failure: Error, Equatable {
        case notUTF8
        case unterminatedQuote(line: Int)
    }

    /// The rows, each a list of fields; blank lines are kept as empty rows so row numbers match the file.
    static func rows(_ data: Data) throws(Failure) -> [[String]] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(bytes: bytes, encoding: .utf8) else { throw .notUTF8 }
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let after = next() {
                        if after == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = after }
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                quoted = true
            case ",":
                row.append(field); field = ""
            case "\r":
                if let after = next(), after != "\n" { pending = after }
                row.append(field); field = ""; rows.append(row); row = []; line += 1
            case "\n":
                row.append(field); field = ""; rows.append(row); row = []; line += 1
            default:
                field.unicodeScalars.append(c)
            }
        }
        if quoted { throw .unterminatedQuote(line: line) }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
