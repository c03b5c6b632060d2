import Foundation
#if canImport(zlib)
import zlib
#else
// ZIPFoundation's own zlib module on Linux (it is on our module path as ZIPFoundation's dependency).
import CZlib
#endif

/// What one read of a package may still inflate, shared by all the parts it opens.
final class InflateBudget {
    var remaining: Int
    init(_ bytes: Int) { remaining = bytes }
}

/// One zip entry, inflated chunk by chunk as its reader asks, so that no part is ever held whole: a
/// sheet of 100 MB of XML costs the parser's chunk, not 100 MB.
///
/// It inflates with zlib directly rather than through ZIPFoundation, whose API only pushes the whole
/// output to a closure. The bomb checks stay: the declared size must fit the budget before anything
/// is inflated, and the bytes produced may pass neither the declared size (a bomb can declare 1 KB
/// and inflate to gigabytes) nor the budget. The CRC and the size are checked when the entry ends.
final class PartReader {
    private let entry: ZipEntry
    private let compressed: Data
    private let budget: InflateBudget
    private var stream: UnsafeMutablePointer<z_stream>?
    private var consumed = 0
    private var produced = 0
    private var checksum: UInt = 0
    private(set) var isFinished = false

    init(entry: ZipEntry, compressed: Data, budget: InflateBudget) throws(XLSXError) {
        if entry.isEncrypted { throw .encrypted }
        guard entry.uncompressedSize <= UInt64(max(budget.remaining, 0)) else { throw .tooLarge }
        self.entry = entry
        self.compressed = compressed
        self.budget = budget
        switch entry.method {
        case 0:
            guard UInt64(compressed.count) == entry.uncompressedSize else { throw .malformed("压缩包中 \(entry.path) 的大小不一致") }
        case 8:
            guard !compressed.isEmpty, compressed.count <= Int(UInt32.max) else { throw .malformed("压缩包中 \(entry.path) 的数据已损坏") }
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            // Raw deflate (negative window bits): a zip entry has no zlib header.
            guard inflateInit2_(stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                stream.deallocate()
                throw .malformed("压缩包中 \(entry.path) 的数据已损坏")
            }
            self.stream = stream
        default:
            throw .malformed("压缩包中 \(entry.path) 使用了不支持的压缩方式（\(entry.method)）")
        }
    }

    deinit {
        if let stream {
            inflateEnd(stream)
            stream.deallocate()
        }
    }

    /// Fills `buffer` with the next bytes of the entry; 0 at its end.
    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws(XLSXError) -> Int {
        guard !isFinished, capacity > 0 else { return 0 }
        let count: Int
        if let stream {
            count = try inflateNext(stream, into: buffer, capacity: capacity)
        } else {
            count = copyStored(into: buffer, capacity: capacity)
        }
        produced += count
        budget.remaining -= count
        guard produced <= Int(entry.uncompressedSize), budget.remaining >= 0 else { throw .tooLarge }
        checksum = crc32(checksum, buffer, UInt32(count))
        if isFinished {
            guard produced == Int(entry.uncompressedSize) else { throw .malformed("压缩包中 \(entry.path) 的大小不一致") }
            guard UInt32(checksum) == entry.crc32 else { throw .malformed("压缩包中 \(entry.path) 的校验和不符") }
        }
        return count
    }

    /// The whole entry, for the small parts read outside the XML parser (and for tests).
    func readAll() throws(XLSXError) -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = try chunk.withUnsafeMutableBufferPointer { buffer throws(XLSXError) in
                try read(into: buffer.baseAddress!, capacity: buffer.count)
            }
            if count == 0 { return data }
            data.append(contentsOf: chunk[0..<count])
        }
    }

    private func copyStored(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        let count = min(capacity, compressed.count - consumed)
        compressed.withUnsafeBytes { raw in
            if count > 0 { buffer.update(from: raw.baseAddress!.advanced(by: consumed).assumingMemoryBound(to: UInt8.self), count: count) }
        }
        consumed += count
        if consumed == compressed.count { isFinished = true }
        return count
    }

    private func inflateNext(_ stream: UnsafeMutablePointer<z_stream>, into buffer: UnsafeMutablePointer<UInt8>,
                         capacity: Int) throws(XLSXError) -> Int {
        while true {
            let consumedBefore = consumed
            var result: Int32 = Z_OK
            compressed.withUnsafeBytes { raw in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: raw.baseAddress!.advanced(by: consumed)
                    .assumingMemoryBound(to: Bytef.self))
                stream.pointee.avail_in = UInt32(raw.count - consumed)
                stream.pointee.next_out = buffer
                stream.pointee.avail_out = UInt32(capacity)
                result = inflate(stream, Z_NO_FLUSH)
                consumed = raw.count - Int(stream.pointee.avail_in)
            }
            let count = capacity - Int(stream.pointee.avail_out)
            switch result {
            case Z_STREAM_END:
                isFinished = true
                return count
            case Z_OK, Z_BUF_ERROR:
                if count > 0 { return count }
                // No output and nothing consumed: the stream is cut short (where ZIPFoundation's loop spins).
                guard consumed > consumedBefore, consumed < compressed.count else {
                    throw .malformed("压缩包中 \(entry.path) 的数据已损坏")
                }
            default:
                throw .malformed("压缩包中 \(entry.path) 的数据已损坏")
            }
        }
    }
}
