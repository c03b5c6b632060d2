/// Reads the EXIF orientation tag, which phones write instead of rotating the pixels.
///
/// The bytes come from anyone who can upload, so every offset is checked against the end of the segment
/// it belongs to, and anything that does not parse cleanly just means "no orientation" (1).
enum ExifOrientation {
    static func read(_ data: [UInt8]) -> Int {
        guard let tiff = exifPayload(data) else { return 1 }
        return orientation(inTIFF: tiff) ?? 1
    }

    /// The TIFF structure inside the first APP1 "Exif\0\0" segment before the image data.
    private static func exifPayload(_ data: [UInt8]) -> ArraySlice<UInt8>? {
        guard data.count >= 4, data[0] == 0xFF, data[1] == 0xD8 else { return nil }
        var position = 2
        while position + 4 <= data.count {
            guard data[position] == 0xFF else { return nil }
            let marker = data[position + 1]
            // Fill bytes: a marker may be preceded by any number of 0xFF.
            if marker == 0xFF { position += 1; continue }
            // Start of scan or end of image: the metadata segments are all before these.
            if marker == 0xDA || marker == 0xD9 { return nil }
            // Markers without a length field.
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { position += 2; continue }
            let length = Int(data[position + 2]) << 8 | Int(data[position + 3])
            let segmentStart = position + 4
            let segmentEnd = position + 2 + length
            guard length >= 2, segmentEnd <= data.count else { return nil }
            if marker == 0xE1, segmentEnd - segmentStart >= 6,
               data[segmentStart..<segmentStart + 6].elementsEqual([0x45, 0x78, 0x69, 0x66, 0, 0]) {
                return data[(segmentStart + 6)..<segmentEnd]
            }
            position = segmentEnd
        }
        return nil
    }

    /// Tag 0x0112 of IFD0, if it is a SHORT (or, leniently, a LONG) holding 1...8.
    private static func orientation(inTIFF tiff: ArraySlice<UInt8>) -> Int? {
        let reader = TIFFReader(bytes: tiff)
        guard let reader,
              let ifdOffset = reader.uint32(at: 4),
              let entryCount = reader.uint16(at: Int(ifdOffset)) else { return nil }
        let firstEntry = Int(ifdOffset) + 2
        for entry in 0..<Int(entryCount) {
            let offset = firstEntry + 12 * entry
            guard let tag = reader.uint16(at: offset), let type = reader.uint16(at: offset + 2) else { return nil }
            guard tag == 0x0112 else { continue }
            let value: Int?
            switch type {
            case 3: value = reader.uint16(at: offset + 8).map(Int.init)
            case 4: value = reader.uint32(at: offset + 8).map(Int.init)
            default: value = nil
            }
            guard let value, (1...8).contains(value) else { return nil }
            return value
        }
        return nil
    }
}

/// Bounds-checked reads from a TIFF structure, in the byte order its header declares.
private struct TIFFReader {
    let bytes: ArraySlice<UInt8>
    let bigEndian: Bool

    init?(bytes: ArraySlice<UInt8>) {
        guard bytes.count >= 8 else { return nil }
        let start = bytes.startIndex
        switch (bytes[start], bytes[start + 1]) {
        case (0x49, 0x49): bigEndian = false
        case (0x4D, 0x4D): bigEndian = true
        default: return nil
        }
        self.bytes = bytes
        guard uint16(at: 2) == 42 else { return nil }
    }

    func uint16(at offset: Int) -> UInt16? {
        guard let b = read(offset, count: 2) else { return nil }
        return bigEndian ? UInt16(b[0]) << 8 | UInt16(b[1]) : UInt16(b[1]) << 8 | UInt16(b[0])
    }

    func uint32(at offset: Int) -> UInt32? {
        guard let b = read(offset, count: 4) else { return nil }
        let ordered = bigEndian ? b : b.reversed()
        return ordered.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Offsets are relative to the TIFF header, as in the format.
    private func read(_ offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, offset <= bytes.count - count else { return nil }
        let start = bytes.startIndex + offset
        return Array(bytes[start..<start + count])
    }
}
