import Foundation

/// Bounds-checked little-endian reads from an uploaded file. Every offset in a zip comes from the file
/// itself, so every read must be allowed to fail instead of trapping.
struct ByteView {
    let data: Data

    var count: Int { data.count }

    func uint16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset <= count - 2 else { return nil }
        let i = data.startIndex + offset
        return UInt16(data[i]) | UInt16(data[i + 1]) << 8
    }

    func uint32(at offset: Int) -> UInt32? {
        guard let low = uint16(at: offset), let high = uint16(at: offset + 2) else { return nil }
        return UInt32(low) | UInt32(high) << 16
    }

    func uint64(at offset: Int) -> UInt64? {
        guard let low = uint32(at: offset), let high = uint32(at: offset + 4) else { return nil }
        return UInt64(low) | UInt64(high) << 32
    }

    /// `length` bytes at `offset`, or nil when they are not all inside the file.
    func bytes(at offset: Int, length: Int) -> Data? {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else { return nil }
        let start = data.startIndex + offset
        return data[start..<start + length]
    }

    /// Whether the file starts with these bytes.
    func hasPrefix(_ prefix: [UInt8]) -> Bool {
        count >= prefix.count && data.prefix(prefix.count).elementsEqual(prefix)
    }
}
