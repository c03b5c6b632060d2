// An independent, deliberately naive PNG/zlib/DEFLATE reader used only by the
// tests, so the encoder is checked against code that shares nothing with it.

struct DecodeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Bitwise CRC-32 (no table), independent of the library's implementation.
func naiveCRC32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 {
            crc = (crc & 1) == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
        }
    }
    return ~crc
}

/// Adler-32 reducing after every byte, independent of the library's batching.
func naiveAdler32(_ bytes: [UInt8]) -> UInt32 {
    var a: UInt32 = 1, b: UInt32 = 0
    for byte in bytes {
        a = (a + UInt32(byte)) % 65_521
        b = (b + a) % 65_521
    }
    return b << 16 | a
}

func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
}

struct Chunk {
    var type: String
    var data: [UInt8]
    var storedCRC: UInt32
    var crcIsValid: Bool { storedCRC == naiveCRC32(Array(type.utf8) + data) }
}

let pngSignature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

func readChunks(_ png: [UInt8]) throws -> [Chunk] {
    guard png.count >= 8, Array(png[0..<8]) == pngSignature else { throw DecodeError("bad signature") }
    var chunks: [Chunk] = []
    var offset = 8
    while offset < png.count {
        guard offset + 12 <= png.count else { throw DecodeError("truncated chunk header") }
        let length = Int(bigEndianUInt32(png, at: offset))
        guard offset + 12 + length <= png.count else { throw DecodeError("truncated chunk body") }
        let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
        let data = Array(png[(offset + 8)..<(offset + 8 + length)])
        chunks.append(Chunk(type: type, data: data, storedCRC: bigEndianUInt32(png, at: offset + 8 + length)))
        offset += 12 + length
    }
    return chunks
}

struct BitReader {
    let bytes: [UInt8]
    var position = 0 // in bits

    mutating func bit() throws -> Int {
        guard position < bytes.count * 8 else { throw DecodeError("out of input") }
        defer { position += 1 }
        return Int(bytes[position >> 3] >> UInt8(position & 7)) & 1
    }

    /// A little-endian field (extra bits, header fields).
    mutating func bits(_ count: Int) throws -> Int {
        var value = 0
        for i in 0..<count { value |= try bit() << i }
        return value
    }

    /// A Huffman code, which is packed most-significant bit first.
    mutating func code(_ count: Int) throws -> Int {
        var value = 0
        for _ in 0..<count { value = value << 1 | (try bit()) }
        return value
    }

    mutating func alignToByte() { position = (position + 7) & ~7 }
}

private let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
private let lengthExtras = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
private let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                             1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
private let distanceExtras = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

/// Decodes the fixed literal/length alphabet of RFC 1951 §3.2.6.
private func fixedLiteralOrLength(_ reader: inout BitReader) throws -> Int {
    var code = try reader.code(7)
    if code <= 0b001_0111 { return 256 + code }
    code = code << 1 | (try reader.bit())
    if (0x30...0xBF).contains(code) { return code - 0x30 }
    if (0xC0...0xC7).contains(code) { return 280 + code - 0xC0 }
    code = code << 1 | (try reader.bit())
    if (0x190...0x1FF).contains(code) { return 144 + code - 0x190 }
    throw DecodeError("invalid fixed Huffman code")
}

/// Raw DEFLATE with stored and fixed-Huffman blocks (all the encoder may emit).
/// Returns the output and the number of input bytes consumed.
func inflate(_ data: [UInt8]) throws -> (output: [UInt8], consumed: Int) {
    var reader = BitReader(bytes: data)
    var out: [UInt8] = []
    var isFinal = false
    while !isFinal {
        isFinal = try reader.bits(1) == 1
        switch try reader.bits(2) {
        case 0:
            reader.alignToByte()
            let length = try reader.bits(16), complement = try reader.bits(16)
            guard length ^ 0xFFFF == complement else { throw DecodeError("stored length mismatch") }
            for _ in 0..<length { out.append(UInt8(try reader.bits(8))) }
        case 1:
            while true {
                let symbol = try fixedLiteralOrLength(&reader)
                if symbol < 256 { out.append(UInt8(symbol)); continue }
                if symbol == 256 { break }
                guard symbol <= 285 else { throw DecodeError("invalid length symbol \(symbol)") }
                let li = symbol - 257
                let length = lengthBases[li] + (try reader.bits(lengthExtras[li]))
                let di = try reader.code(5)
                guard di < 30 else { throw DecodeError("invalid distance symbol \(di)") }
                let distance = distanceBases[di] + (try reader.bits(distanceExtras[di]))
                guard distance <= out.count else { throw DecodeError("distance \(distance) before start") }
                for _ in 0..<length { out.append(out[out.count - distance]) }
            }
        default:
            throw DecodeError("unsupported block type")
        }
    }
    reader.alignToByte()
    return (out, reader.position / 8)
}

/// A zlib stream: checks the header, inflates, and checks the Adler-32 trailer.
func zlibDecompress(_ stream: [UInt8]) throws -> [UInt8] {
    guard stream.count >= 6 else { throw DecodeError("zlib stream too short") }
    let cmf = Int(stream[0]), flg = Int(stream[1])
    guard cmf & 0x0F == 8, cmf >> 4 <= 7 else { throw DecodeError("not deflate / bad window") }
    guard (cmf << 8 | flg) % 31 == 0 else { throw DecodeError("bad header check") }
    guard flg & 0x20 == 0 else { throw DecodeError("preset dictionary") }
    let (output, consumed) = try inflate(Array(stream[2...]))
    guard 2 + consumed + 4 == stream.count else { throw DecodeError("trailing bytes or missing Adler-32") }
    guard bigEndianUInt32(stream, at: 2 + consumed) == naiveAdler32(output) else { throw DecodeError("Adler-32 mismatch") }
    return output
}

struct DecodedImage {
    var width: Int
    var height: Int
    var rgb: [UInt8]
}

/// Decodes an 8-bit RGB, non-interlaced PNG, checking every CRC on the way.
func decodePNG(_ png: [UInt8]) throws -> DecodedImage {
    let chunks = try readChunks(png)
    guard chunks.allSatisfy(\.crcIsValid) else { throw DecodeError("CRC mismatch") }
    guard let ihdr = chunks.first, ihdr.type == "IHDR", ihdr.data.count == 13 else { throw DecodeError("IHDR not first") }
    guard chunks.last?.type == "IEND" else { throw DecodeError("IEND not last") }
    let width = Int(bigEndianUInt32(ihdr.data, at: 0)), height = Int(bigEndianUInt32(ihdr.data, at: 4))
    guard Array(ihdr.data[8...]) == [8, 2, 0, 0, 0] else { throw DecodeError("unexpected IHDR format \(Array(ihdr.data[8...]))") }
    let raw = try zlibDecompress(chunks.filter { $0.type == "IDAT" }.flatMap(\.data))
    let stride = width * 3
    guard raw.count == (stride + 1) * height else { throw DecodeError("wrong amount of image data") }
    var rgb: [UInt8] = []
    var previous = [UInt8](repeating: 0, count: stride)
    for y in 0..<height {
        let filter = raw[y * (stride + 1)]
        var line = Array(raw[(y * (stride + 1) + 1)..<((y + 1) * (stride + 1))])
        for i in 0..<stride {
            let a = i >= 3 ? Int(line[i - 3]) : 0, b = Int(previous[i]), c = i >= 3 ? Int(previous[i - 3]) : 0
            let predictor: Int
            switch filter {
            case 0: predictor = 0
            case 1: predictor = a
            case 2: predictor = b
            case 3: predictor = (a + b) >> 1
            case 4:
                let p = a + b - c
                let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
            default: throw DecodeError("bad filter type \(filter)")
            }
            line[i] = UInt8(truncatingIfNeeded: Int(line[i]) + predictor)
        }
        rgb += line
        previous = line
    }
    return DecodedImage(width: width, height: height, rgb: rgb)
}
