import Testing
@testable import SitePhoto

@Suite("Refusing uploads")
struct RefusalTests {
    @Test("Nothing uploaded")
    func empty() {
        #expect(failure([]) == .empty)
    }

    @Test("The byte limit is checked before anything is read, and is inclusive")
    func tooLarge() throws {
        // Not even a JPEG: only the size may be looked at.
        let huge = [UInt8](repeating: 0, count: 12 * 1024 * 1024 + 1)
        #expect(failure(huge) == .tooLarge(bytes: huge.count))
        let a = try fixture("scene_a.jpg")
        var limits = SitePhotoLimits()
        limits.maxBytes = a.count - 1
        #expect(failure(a, limits: limits) == .tooLarge(bytes: a.count))
        limits.maxBytes = a.count
        #expect(failure(a, limits: limits) == nil)
    }

    @Test("A PNG, a GIF header, a lone byte and text are not JPEGs")
    func notJPEG() throws {
        #expect(failure(try fixture("scene_a.png")) == .notJPEG)
        #expect(failure(Array("GIF89a".utf8)) == .notJPEG)
        #expect(failure([0xFF]) == .notJPEG)
        #expect(failure([0xD8, 0xFF, 0xE0]) == .notJPEG)
        #expect(failure(Array("照片".utf8)) == .notJPEG)
    }

    @Test("The pixel limit is checked from the header, before decoding, and is inclusive")
    func tooManyPixels() throws {
        let a = try fixture("scene_a.jpg")
        var limits = SitePhotoLimits()
        limits.maxPixels = 640 * 480 - 1
        #expect(failure(a, limits: limits) == .tooManyPixels(width: 640, height: 480))
        limits.maxPixels = 640 * 480
        #expect(failure(a, limits: limits) == nil)
        // A few kilobytes declaring 400 megapixels: decoding it would run out of data, so only a check made
        // before decoding can report the size.
        #expect(failure(try fixture("declares_20000x20000.jpg")) == .tooManyPixels(width: 20000, height: 20000))
        // Wider than libjpeg accepts at all, whatever the pixel limit.
        var unlimited = SitePhotoLimits()
        unlimited.maxPixels = .max
        let wide = try withDeclaredSize(try fixture("declares_20000x20000.jpg"), width: 65535, height: 1)
        #expect(failure(wide, limits: unlimited) == .tooManyPixels(width: 65535, height: 1))
    }

    @Test("A progressive frame whose coefficients would need ~294 MB is refused by the memory bound")
    func outOfMemory() throws {
        #expect(failure(try fixture("progressive_444_declares_7000x7000.jpg")) == .outOfMemory)
    }

    @Test("A progressive file made of over a hundred scans is refused; a few dozen still decode")
    func tooManyScans() throws {
        let a = try fixture("scene_a_progressive.jpg")
        // Each extra copy of the last scan only earns libjpeg's "inconsistent progression" warning, but makes
        // the decoder walk every coefficient again.
        let lastScan = try #require((0..<a.count - 1).last { a[$0] == 0xFF && a[$0 + 1] == 0xDA })
        #expect(Array(a.suffix(2)) == [0xFF, 0xD9])
        func repeatingLastScan(_ copies: Int) -> [UInt8] {
            let scan = a[lastScan..<(a.count - 2)]
            return Array(a.dropLast(2)) + Array((0..<copies).map { _ in scan }.joined()) + [0xFF, 0xD9]
        }
        #expect(failure(repeatingLastScan(40)) == nil)
        #expect(failure(repeatingLastScan(110)) == .corrupt)
    }

    @Test("Half of a photo is corrupt, not a photo with a grey bottom half")
    func truncated() throws {
        #expect(failure(try fixture("scene_a_truncated.jpg")) == .corrupt)
        let a = try fixture("scene_a.jpg")
        for end in stride(from: 2, to: a.count * 95 / 100, by: 397) {
            #expect(failure(Array(a[0..<end])) == .corrupt, "first \(end) bytes")
        }
    }

    @Test("Random bytes after a JPEG SOI marker are corrupt")
    func garbage() {
        for seed in 0..<40 as Range<UInt64> {
            let data = [0xFF, 0xD8] + randomBytes(64 + Int(seed) * 97, seed: seed)
            #expect(failure(data) == .corrupt, "seed \(seed)")
        }
        #expect(failure([0xFF, 0xD8]) == .corrupt)
        #expect(failure([0xFF, 0xD8, 0xFF, 0xD9]) == .corrupt)
    }

    @Test("Damaged entropy data decodes or is refused, never crashes")
    func damaged() throws {
        let a = try fixture("scene_a_progressive.jpg")
        for seed in 0..<60 as Range<UInt64> {
            var generator = SplitMix64(seed: seed)
            var data = a
            for _ in 0..<8 {
                data[Int.random(in: (a.count / 2)..<a.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            switch failure(data) {
            case nil, .corrupt?: break
            case let other?: Issue.record("seed \(seed): \(other)")
            }
        }
    }

    @Test("Every refusal has a Chinese message for the worker")
    func messages() {
        #expect(SitePhotoError.tooLarge(bytes: 15 * 1024 * 1024).message == "照片超过12MB（这张约15MB），请重新拍摄后上传")
        var limits = SitePhotoLimits()
        limits.maxBytes = 5 * 1024 * 1024 + 512 * 1024
        #expect(SitePhotoError.tooLarge(bytes: limits.maxBytes + 1).message(limits: limits).hasPrefix("照片超过5.5MB（这张约5.6MB）"))
        #expect(SitePhotoError.notJPEG.message == "请上传手机相机拍摄的JPEG照片")
        #expect(SitePhotoError.tooManyPixels(width: 8000, height: 9000).message.hasPrefix("照片像素过多（8000×9000）"))
        #expect(SitePhotoError.corrupt.message == "照片文件已损坏，请重新拍摄")
        let all: [SitePhotoError] = [.empty, .tooLarge(bytes: 1), .notJPEG, .tooManyPixels(width: 1, height: 1),
                                     .corrupt, .outOfMemory]
        #expect(Set(all.map(\.message)).count == all.count)
        #expect(all.allSatisfy { $0.message.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } })
    }
}

/// The frame header (SOF0/SOF2) rewritten to declare another size.
private func withDeclaredSize(_ data: [UInt8], width: Int, height: Int) throws -> [UInt8] {
    var data = data
    var i = 2
    while i + 9 < data.count {
        let length = Int(data[i + 2]) << 8 | Int(data[i + 3])
        if data[i + 1] == 0xC0 || data[i + 1] == 0xC2 {
            data[i + 5] = UInt8(height >> 8); data[i + 6] = UInt8(height & 0xFF)
            data[i + 7] = UInt8(width >> 8); data[i + 8] = UInt8(width & 0xFF)
            return data
        }
        i += 2 + length
    }
    Issue.record("no frame header")
    return data
}
