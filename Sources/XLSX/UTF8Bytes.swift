/// Byte scans over a string's UTF-8 storage. The writer and reader run them on every cell; going
/// through `withUTF8` avoids the generic `String.UTF8View` iteration that makes debug builds (and so
/// the test suite) many times slower.
enum UTF8Bytes {
    static func contains(_ text: String, where predicate: (UInt8) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where predicate(byte) { return true }
            return false
        }
    }
}
