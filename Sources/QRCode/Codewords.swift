/// From a segment to the final codeword sequence of a symbol (ISO/IEC 18004 §7.4.9–7.6):
/// terminator and padding, division into blocks, error correction, interleaving.
enum Codewords {
    /// The data codewords: the segment, a terminator of up to four zero bits, zero bits to the
    /// byte boundary, then the pad bytes 0xEC and 0x11 in turn until the capacity is filled.
    static func data(for segment: Segment, version: SymbolVersion, level: ErrorCorrection) -> [UInt8] {
        let capacity = version.dataCodewords(level) * 8
        var buffer = BitBuffer()
        segment.write(to: &buffer, version: version)
        precondition(buffer.count <= capacity, "segment chosen for a version it does not fit")
        buffer.append(0, bits: min(4, capacity - buffer.count))
        buffer.append(0, bits: (8 - buffer.count % 8) % 8)
        var bytes = buffer.bytes
        var pad: UInt8 = 0xEC
        while bytes.count < capacity / 8 {
            bytes.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return bytes
    }

    /// Splits the data into the version's blocks, appends each block's error correction, and
    /// interleaves: first codeword of every block, then the second, …, data before correction.
    /// Interleaving spreads a local smudge over many blocks, so each block sees few errors.
    static func interleaved(data: [UInt8], version: SymbolVersion, level: ErrorCorrection) -> [UInt8] {
        let blockCount = version.blockCount(level)
        let eccLength = version.errorCorrectionPerBlock(level)
        let total = version.totalCodewords
        // Blocks differ in data length by at most one: the short ones come first.
        let shortBlocks = blockCount - total % blockCount
        let shortDataLength = total / blockCount - eccLength

        let coder = ReedSolomon(degree: eccLength)
        var dataBlocks: [[UInt8]] = []
        var eccBlocks: [[UInt8]] = []
        var start = 0
        for index in 0..<blockCount {
            let length = shortDataLength + (index < shortBlocks ? 0 : 1)
            let block = Array(data[start..<start + length])
            start += length
            dataBlocks.append(block)
            eccBlocks.append(coder.remainder(of: block))
        }
        precondition(start == data.count, "data length does not match the version's blocks")

        var result: [UInt8] = []
        result.reserveCapacity(total)
        for i in 0...shortDataLength {
            for block in dataBlocks where i < block.count { result.append(block[i]) }
        }
        for i in 0..<eccLength {
            for block in eccBlocks { result.append(block[i]) }
        }
        return result
    }
}
