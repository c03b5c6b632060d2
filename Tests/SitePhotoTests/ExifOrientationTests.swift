import Testing
@testable import SitePhoto

/// A JPEG prefix (SOI, APP1) around a hand-built TIFF structure; no image data is needed to read the tag.
private func jpegWithExif(_ tiff: [UInt8], declaredLength: Int? = nil, before: [UInt8] = []) -> [UInt8] {
    let payload = Array("Exif".utf8) + [0, 0] + tiff
    let length = declaredLength ?? payload.count + 2
    return [0xFF, 0xD8] + before + [0xFF, 0xE1, UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + payload
        + [0xFF, 0xDA, 0x00, 0x02]
}

/// TIFF with one IFD0 entry; `bigEndian` chooses "MM" over "II".
private func tiff(tag: UInt16 = 0x0112, type: UInt16 = 3, value: UInt32 = 6, count: UInt16 = 1,
                  ifdOffset: UInt32 = 8, bigEndian: Bool = false) -> [UInt8] {
    func u16(_ v: UInt16) -> [UInt8] { bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
    func u32(_ v: UInt32) -> [UInt8] {
        let bytes = (0..<4).map { UInt8(v >> (8 * UInt32($0)) & 0xFF) }
        return bigEndian ? bytes.reversed() : bytes
    }
    // A SHORT value sits in the first two bytes of the 4-byte value field.
    let valueField = type == 3 ? u16(UInt16(value)) + [0, 0] : u32(value)
    return (bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]) + u16(42) + u32(ifdOffset)
        + u16(count) + u16(tag) + u16(type) + u32(1) + valueField + u32(0)
}

@Suite("EXIF orientation")
struct ExifOrientationTests {
    @Test("Little- and big-endian TIFF, after a JFIF APP0 and fill bytes")
    func wellFormed() {
        #expect(SitePhotoProcessor.exifOrientation(jpegWithExif(tiff(value: 6))) == 6)
        #expect(SitePhotoProcessor.exifOrientation(jpegWithExif(tiff(value: 8, bigEndian: true))) == 8)
        #expect(SitePhotoProcessor.exifOrientation(jpegWithExif(tiff(type: 4, value: 3))) == 3)
        let app0: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        #expect(SitePhotoProcessor.exifOrientation(jpegWithExif(tiff(value: 5), before: app0 + [0xFF, 0xFF])) == 5)
    }

    @Test("Fixtures written by Pillow carry the orientation they were saved with")
    func fixtures() throws {
        #expect(SitePhotoProcessor.exifOrientation(try fixture("scene_a.jpg")) == 1)
        #expect(SitePhotoProcessor.exifOrientation(try fixture("scene_a_exif6.jpg")) == 6)
        for orientation in 2...8 {
            let data = try fixture("scene_a_320_orientation\(orientation).jpg")
            #expect(SitePhotoProcessor.exifOrientation(data) == orientation)
        }
    }

    @Test("Lengths and offsets that point past the end give 1, not a crash")
    func hostileLengths() {
        let cases: [(String, [UInt8])] = [
            ("APP1 longer than the file", jpegWithExif(tiff(), declaredLength: 0xFFFF)),
            ("APP1 length below 2", jpegWithExif(tiff(), declaredLength: 1)),
            ("IFD0 past the segment", jpegWithExif(tiff(ifdOffset: 0xFFFF_FFF0))),
            ("IFD0 just past the end", jpegWithExif(tiff(ifdOffset: 26))),
            ("entry count past the end", jpegWithExif(tiff(tag: 0x0110, count: 0xFFFF))),
            ("tag not SHORT or LONG", jpegWithExif(tiff(type: 2))),
            ("value 0", jpegWithExif(tiff(value: 0))),
            ("value 9", jpegWithExif(tiff(value: 9))),
            ("LONG value beyond Int32", jpegWithExif(tiff(type: 4, value: 0xFFFF_FFFF))),
            ("bad byte order", jpegWithExif([0x49, 0x4D] + tiff().dropFirst(2))),
            ("bad magic", jpegWithExif([0x49, 0x49, 43, 0] + tiff().dropFirst(4))),
            ("no TIFF at all", jpegWithExif([])),
            ("no SOI", Array(jpegWithExif(tiff()).dropFirst(2))),
            ("empty", []),
        ]
        for (name, data) in cases {
            #expect(SitePhotoProcessor.exifOrientation(data) == 1, "\(name)")
        }
    }

    @Test("Every prefix of a file reads as 1 or as its orientation")
    func prefixes() throws {
        let data = try fixture("scene_a_exif6.jpg")
        for end in 0...min(data.count, 4_096) {
            let orientation = SitePhotoProcessor.exifOrientation(Array(data[0..<end]))
            #expect(orientation == 1 || orientation == 6, "prefix of \(end) bytes")
        }
    }

    @Test("Random bytes behind an APP1 Exif header never crash and read as 1...8")
    func randomTIFF() {
        for seed in 0..<500 as Range<UInt64> {
            let junk = [0x49, 0x49, 42, 0] + randomBytes(Int(seed % 120), seed: seed)
            let orientation = SitePhotoProcessor.exifOrientation(jpegWithExif(junk))
            #expect((1...8).contains(orientation), "seed \(seed)")
        }
    }

    @Test("An orientation tag after the start of scan is not metadata")
    func afterScan() {
        let data: [UInt8] = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02] + Array(jpegWithExif(tiff()).dropFirst(2))
        #expect(SitePhotoProcessor.exifOrientation(data) == 1)
    }
}
