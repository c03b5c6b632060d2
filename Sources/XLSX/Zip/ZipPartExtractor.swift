import Foundation

/// Opens entries of a `ZipDirectory` as `PartReader`s that share one read's inflate budget.
struct ZipPartExtractor {
    let directory: ZipDirectory
    private let budget: InflateBudget

    private static let localHeader: UInt32 = 0x0403_4B50

    init(directory: ZipDirectory, budget: Int) {
        self.directory = directory
        self.budget = InflateBudget(budget)
    }

    var remainingBudget: Int { budget.remaining }

    func open(_ entry: ZipEntry) throws(XLSXError) -> PartReader {
        if entry.isEncrypted { throw .encrypted }
        return try PartReader(entry: entry, compressed: try compressedBytes(of: entry), budget: budget)
    }

    /// The whole entry in memory.
    func extract(_ entry: ZipEntry) throws(XLSXError) -> Data {
        try open(entry).readAll()
    }

    /// The entry's stored bytes, found through its local header (whose name and extra field lengths
    /// may differ from the central directory's).
    private func compressedBytes(of entry: ZipEntry) throws(XLSXError) -> Data {
        let bytes = directory.bytes
        guard entry.localHeaderOffset < UInt64(bytes.count), entry.compressedSize < UInt64(bytes.count) else {
            throw .malformed("压缩包中 \(entry.path) 的位置无效")
        }
        let offset = Int(entry.localHeaderOffset)
        guard bytes.uint32(at: offset) == Self.localHeader,
              let nameLength = bytes.uint16(at: offset + 26),
              let extraLength = bytes.uint16(at: offset + 28),
              let data = bytes.bytes(at: offset + 30 + Int(nameLength) + Int(extraLength),
                                     length: Int(entry.compressedSize))
        else { throw .malformed("压缩包中 \(entry.path) 的数据不完整") }
        return data
    }
}
