import Foundation

/// The list of entries of a zip held in memory, read from its central directory.
///
/// Why not ZIPFoundation's `Archive` for reading: in 0.9.20 its Linux inflate loop asks the file for
/// more bytes until the deflate stream ends, and spins forever at 100% CPU when a crafted (or cut)
/// stream never ends (weichsel/ZIPFoundation PR #389). We therefore find each entry's bytes ourselves
/// and inflate them with zlib chunk by chunk (`PartReader`), stopping at the entry's end.
/// ZIPFoundation still does all writing.
struct ZipDirectory {
    let bytes: ByteView
    /// Keyed by lowercased path: part names in a package are case-insensitive (ECMA-376 Part 2 §9.1.1).
    private(set) var entries: [String: ZipEntry] = [:]

    private static let endOfCentralDirectory: UInt32 = 0x0605_4B50
    private static let zip64Locator: UInt32 = 0x0706_4B50
    private static let zip64End: UInt32 = 0x0606_4B50
    private static let centralHeader: UInt32 = 0x0201_4B50

    init(data: Data) throws(XLSXError) {
        bytes = ByteView(data: data)
        guard let eocd = Self.findEndRecord(in: bytes) else { throw .notAnXLSX }
        var entryCount = UInt64(bytes.uint16(at: eocd + 10) ?? 0)
        var directoryOffset = UInt64(bytes.uint32(at: eocd + 16) ?? 0)
        if entryCount == 0xFFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: the real numbers are in the ZIP64 end record that the locator points at.
            guard bytes.uint32(at: eocd - 20) == Self.zip64Locator,
                  let recordOffset = bytes.uint64(at: eocd - 12), recordOffset < UInt64(bytes.count),
                  bytes.uint32(at: Int(recordOffset)) == Self.zip64End,
                  let count64 = bytes.uint64(at: Int(recordOffset) + 32),
                  let offset64 = bytes.uint64(at: Int(recordOffset) + 48) else { throw .notAnXLSX }
            entryCount = count64
            directoryOffset = offset64
        }
        guard directoryOffset < UInt64(bytes.count) else { throw .notAnXLSX }
        var position = Int(directoryOffset)
        // Each record takes at least 46 bytes, so a count larger than the file can hold is a lie.
        guard entryCount <= UInt64(bytes.count / 46) else { throw .notAnXLSX }
        for _ in 0..<entryCount {
            let (entry, next) = try Self.readCentralRecord(at: position, in: bytes)
            let key = entry.path.lowercased()
            if entries[key] == nil { entries[key] = entry }
            position = next
        }
    }

    func entry(named path: String) -> ZipEntry? {
        entries[path.lowercased()]
    }

    /// The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
    private static func findEndRecord(in bytes: ByteView) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var offset = bytes.count - 22
        while offset >= lowest {
            if bytes.uint32(at: offset) == endOfCentralDirectory { return offset }
            offset -= 1
        }
        return nil
    }

    private static func readCentralRecord(at offset: Int, in bytes: ByteView) throws(XLSXError) -> (ZipEntry, Int) {
        guard bytes.uint32(at: offset) == centralHeader,
              let flags = bytes.uint16(at: offset + 8),
              let method = bytes.uint16(at: offset + 10),
              let crc = bytes.uint32(at: offset + 16),
              let compressed32 = bytes.uint32(at: offset + 20),
              let uncompressed32 = bytes.uint32(at: offset + 24),
              let nameLength = bytes.uint16(at: offset + 28),
              let extraLength = bytes.uint16(at: offset + 30),
              let commentLength = bytes.uint16(at: offset + 32),
              let localOffset32 = bytes.uint32(at: offset + 42),
              let nameBytes = bytes.bytes(at: offset + 46, length: Int(nameLength)),
              let extra = bytes.bytes(at: offset + 46 + Int(nameLength), length: Int(extraLength))
        else { throw .notAnXLSX }

        var uncompressed = UInt64(uncompressed32)
        var compressed = UInt64(compressed32)
        var localOffset = UInt64(localOffset32)
        // ZIP64 extended information (header 0x0001) holds, in this order, only the fields whose
        // 32-bit value is 0xFFFFFFFF.
        if uncompressed32 == 0xFFFF_FFFF || compressed32 == 0xFFFF_FFFF || localOffset32 == 0xFFFF_FFFF {
            let extraView = ByteView(data: Data(extra))
            var cursor = 0
            while let id = extraView.uint16(at: cursor), let size = extraView.uint16(at: cursor + 2) {
                if id == 0x0001 {
                    var field = cursor + 4
                    if uncompressed32 == 0xFFFF_FFFF, let value = extraView.uint64(at: field) { uncompressed = value; field += 8 }
                    if compressed32 == 0xFFFF_FFFF, let value = extraView.uint64(at: field) { compressed = value; field += 8 }
                    if localOffset32 == 0xFFFF_FFFF, let value = extraView.uint64(at: field) { localOffset = value }
                    break
                }
                cursor += 4 + Int(size)
            }
        }

        // Bit 11 says UTF-8; otherwise CP437, which for the ASCII names of package parts is the same.
        let name = String(decoding: nameBytes, as: UTF8.self)
        var path = name.replacingOccurrences(of: "\\", with: "/")
        while path.hasPrefix("/") { path.removeFirst() }
        let entry = ZipEntry(path: path, method: method, flags: flags, crc32: crc,
                             compressedSize: compressed, uncompressedSize: uncompressed,
                             localHeaderOffset: localOffset)
        return (entry, offset + 46 + Int(nameLength) + Int(extraLength) + Int(commentLength))
    }
}
