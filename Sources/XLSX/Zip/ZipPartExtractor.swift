import Foundation
import ZIPFoundation

/// Inflates entries of a `ZipDirectory` within a byte budget shared by all parts of one read.
///
/// Two checks keep a zip bomb from exhausting memory: the size the zip declares must fit the budget
/// before anything is inflated, and the bytes actually produced are counted in ZIPFoundation's
/// consumer closure, which stops the inflate as soon as they pass the declared size (a bomb can
/// declare 1 KB and inflate to gigabytes).
struct ZipPartExtractor {
    let directory: ZipDirectory
    private(set) var remainingBudget: Int

    private static let localHeader: UInt32 = 0x0403_4B50

    init(directory: ZipDirectory, budget: Int) {
        self.directory = directory
        self.remainingBudget = budget
    }

    private enum Stop: Error {
        case overLimit
        case truncated
    }

    mutating func extract(_ entry: ZipEntry) throws(XLSXError) -> Data {
        if entry.isEncrypted { throw .encrypted }
        guard entry.uncompressedSize <= UInt64(max(remainingBudget, 0)) else { throw .tooLarge }
        let declared = Int(entry.uncompressedSize)
        let compressed = try compressedBytes(of: entry)

        var output = Data()
        let checksum: UInt32
        switch entry.method {
        case 0:
            guard compressed.count == declared else { throw .malformed("压缩包中 \(entry.path) 的大小不一致") }
            output = Data(compressed)
            checksum = output.crc32(checksum: 0)
        case 8:
            // One chunk, the entry's whole stream: ZIPFoundation's zlib path tells zlib that every
            // chunk is `bufferSize` long whatever it returns, so a shorter last chunk would make zlib
            // read past it. With a single exact chunk nothing is padded, and a second request can
            // only mean the stream is cut short: we throw instead of letting its loop spin forever.
            // The output comes in chunks of the same size; deflate's ratio (≤ 1032:1) bounds their number.
            guard !compressed.isEmpty, compressed.count <= Int(UInt32.max) else {
                throw .malformed("压缩包中 \(entry.path) 的数据已损坏")
            }
            var delivered = false
            var produced = 0
            do {
                checksum = try Data.decompress(
                    size: Int64(compressed.count), bufferSize: compressed.count, skipCRC32: false,
                    provider: { _, _ in
                        guard !delivered else { throw Stop.truncated }
                        delivered = true
                        return Data(compressed)
                    },
                    consumer: { chunk in
                        produced += chunk.count
                        if produced > declared { throw Stop.overLimit }
                        output.append(chunk)
                    })
            } catch Stop.overLimit {
                throw .tooLarge
            } catch {
                throw .malformed("压缩包中 \(entry.path) 的数据已损坏")
            }
        default:
            throw .malformed("压缩包中 \(entry.path) 使用了不支持的压缩方式（\(entry.method)）")
        }
        guard output.count == declared else { throw .malformed("压缩包中 \(entry.path) 的大小不一致") }
        guard checksum == entry.crc32 else { throw .malformed("压缩包中 \(entry.path) 的校验和不符") }
        remainingBudget -= output.count
        return output
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
