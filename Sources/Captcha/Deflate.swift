/// A small DEFLATE (RFC 1951) compressor: greedy LZ77 with hash chains, emitted
/// as a single block with the fixed Huffman codes, wrapped in a zlib (RFC 1950)
/// stream. Simple, dependency-free, and compresses PNG scanlines well enough.
enum Deflate {
    /// A complete zlib stream: header, one fixed-Huffman DEFLATE block, Adler-32.
    static func zlibCompress(_ data: [UInt8]) -> [UInt8] {
        // CMF 0x78: method 8 (deflate), 32 KiB window. FLG 0x01: no dictionary,
        // level "fastest", and (0x78 << 8 | 0x01) is a multiple of 31.
        var out: [UInt8] = [0x78, 0x01]
        out += deflate(data)
        let adler = Checksum.adler32(data)
        out += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return out
    }

    static let windowSize = 32_768
    static let minMatch = 3
    static let maxMatch = 258
    static let maxChain = 64

    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                     3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                      257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                      8193, 12289, 16385, 24577]
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                       7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// Raw DEFLATE data (no zlib wrapper).
    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, count: 1) // BFINAL: this is the last block
        writer.write(1, count: 2) // BTYPE = 01: fixed Huffman codes

        let n = data.count
        let hashSize = 1 << 15
        var head = [Int32](repeating: -1, count: hashSize)
        var previous = [Int32](repeating: -1, count: max(n, 1))

        data.withUnsafeBufferPointer { bytes in
            func hash(_ i: Int) -> Int {
                ((Int(bytes[i]) << 10) ^ (Int(bytes[i + 1]) << 5) ^ Int(bytes[i + 2])) & (hashSize - 1)
            }
            func insert(_ i: Int) {
                guard i + 2 < n else { return }
                let h = hash(i)
                previous[i] = head[h]
                head[h] = Int32(i)
            }

            var i = 0
            while i < n {
                var bestLength = 0
                var bestDistance = 0
                if i + 2 < n {
                    let limit = min(maxMatch, n - i)
                    var candidate = Int(head[hash(i)])
                    var chain = 0
                    while candidate >= 0, i - candidate <= windowSize, chain < maxChain {
                        if bytes[candidate + bestLength] == bytes[i + bestLength] || bestLength == 0 {
                            var length = 0
                            while length < limit, bytes[candidate + length] == bytes[i + length] {
                                length += 1
                            }
                            if length > bestLength {
                                bestLength = length
                                bestDistance = i - candidate
                                if length == limit { break }
                            }
                        }
                        candidate = Int(previous[candidate])
                        chain += 1
                    }
                }
                if bestLength >= minMatch {
                    writer.writeLength(bestLength)
                    writer.writeDistance(bestDistance)
                    for j in i..<(i + bestLength) { insert(j) }
                    i += bestLength
                } else {
                    writer.writeLiteralOrLength(Int(bytes[i]))
                    insert(i)
                    i += 1
                }
            }
        }
        writer.writeLiteralOrLength(256) // end of block
        return writer.finish()
    }
}

/// Writes bits least-significant first, as DEFLATE requires.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var accumulator: UInt64 = 0
    private var bitCount = 0

    mutating func write(_ value: UInt32, count: Int) {
        accumulator |= UInt64(value) << UInt64(bitCount)
        bitCount += count
        while bitCount >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: accumulator))
            accumulator >>= 8
            bitCount -= 8
        }
    }

    /// Huffman codes are defined most-significant bit first: reverse them.
    mutating func writeCode(_ code: UInt32, length: Int) {
        var reversed: UInt32 = 0
        var c = code
        for _ in 0..<length {
            reversed = (reversed << 1) | (c & 1)
            c >>= 1
        }
        write(reversed, count: length)
    }

    /// A symbol of the fixed literal/length alphabet (RFC 1951 §3.2.6).
    mutating func writeLiteralOrLength(_ symbol: Int) {
        switch symbol {
        case 0...143: writeCode(UInt32(0x30 + symbol), length: 8)
        case 144...255: writeCode(UInt32(0x190 + symbol - 144), length: 9)
        case 256...279: writeCode(UInt32(symbol - 256), length: 7)
        default: writeCode(UInt32(0xC0 + symbol - 280), length: 8)
        }
    }

    mutating func writeLength(_ length: Int) {
        var index = Deflate.lengthBase.count - 1
        while Deflate.lengthBase[index] > length { index -= 1 }
        writeLiteralOrLength(257 + index)
        let extra = Deflate.lengthExtra[index]
        if extra > 0 { write(UInt32(length - Deflate.lengthBase[index]), count: extra) }
    }

    mutating func writeDistance(_ distance: Int) {
        var index = Deflate.distanceBase.count - 1
        while Deflate.distanceBase[index] > distance { index -= 1 }
        writeCode(UInt32(index), length: 5)
        let extra = Deflate.distanceExtra[index]
        if extra > 0 { write(UInt32(distance - Deflate.distanceBase[index]), count: extra) }
    }

    mutating func finish() -> [UInt8] {
        if bitCount > 0 {
            bytes.append(UInt8(truncatingIfNeeded: accumulator))
            accumulator = 0
            bitCount = 0
        }
        return bytes
    }
}
