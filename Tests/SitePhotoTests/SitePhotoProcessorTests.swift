import Testing
@testable import SitePhoto

@Suite("Processing site photos")
struct SitePhotoProcessorTests {
    @Test("A 640×480 photo: its size, a 320×240 JPEG thumbnail that hashes like it")
    func photoA() throws {
        let a = try processedFixture("scene_a.jpg")
        #expect(a.width == 640 && a.height == 480)
        #expect(Array(a.thumbnail.prefix(2)) == [0xFF, 0xD8])
        #expect(a.thumbnail.count < 40_000)
        let thumbnail = try SitePhotoProcessor.process(a.thumbnail)
        #expect(thumbnail.width == 320 && thumbnail.height == 240)
        #expect(thumbnail.hash.distance(to: a.hash) <= 3)
    }

    @Test("Rescaled and recompressed, progressive, greyscale and CMYK copies stay near the original")
    func nearCopies() throws {
        let a = try processedFixture("scene_a.jpg").hash
        let copies: [(String, Int)] = [
            ("scene_a_320_q60.jpg", 6), ("scene_a_progressive.jpg", 3), ("scene_a_gray.jpg", 3), ("scene_a_cmyk.jpg", 6),
        ]
        for (name, limit) in copies {
            let copy = try processedFixture(name)
            #expect(copy.hash.distance(to: a) <= limit, "\(name): \(copy.hash.distance(to: a))")
        }
        #expect(try processedFixture("scene_a_320_q60.jpg").width == 320)
    }

    @Test("A portrait-stored photo with EXIF orientation 6 is reported, hashed and thumbnailed upright")
    func orientation6() throws {
        let a = try processedFixture("scene_a.jpg")
        let rotated = try processedFixture("scene_a_exif6.jpg")
        #expect(rotated.width == 640 && rotated.height == 480)
        #expect(rotated.hash.distance(to: a.hash) <= 4, "\(rotated.hash.distance(to: a.hash))")
        let thumbnail = try SitePhotoProcessor.process(rotated.thumbnail)
        #expect(SitePhotoProcessor.exifOrientation(rotated.thumbnail) == 1)
        #expect(thumbnail.width == 320 && thumbnail.height == 240)
        #expect(thumbnail.hash.distance(to: a.hash) <= 4)
    }

    @Test("Each of the eight orientations shows the same picture", arguments: 2...8)
    func orientations(orientation: Int) throws {
        let upright = try processedFixture("scene_a_320_q60.jpg")
        let photo = try processedFixture("scene_a_320_orientation\(orientation).jpg")
        #expect(photo.width == 320 && photo.height == 240)
        #expect(photo.hash.distance(to: upright.hash) <= 4, "\(photo.hash.distance(to: upright.hash))")
    }

    @Test("Different scenes are far apart: A and B by 20 or more, every pair by 16 or more")
    func scenesFarApart() throws {
        let names = distinctSceneFixtures
        let hashes = try names.map { try processedFixture($0).hash }
        #expect(hashes[0].distance(to: hashes[1]) >= 20)
        var table = ""
        for i in hashes.indices {
            table += names[i] + ":"
            for j in hashes.indices { table += " \(hashes[i].distance(to: hashes[j]))" }
            table += "\n"
            for j in hashes.indices where j > i {
                #expect(hashes[i].distance(to: hashes[j]) >= 16, "\(names[i]) vs \(names[j])")
            }
        }
        print("Hash distances between distinct scenes:\n" + table)
    }

    @Test("DCT scaling decodes just enough for a 320-pixel thumbnail")
    func dctScale() throws {
        let data = try fixture("scene_a.jpg")
        let sizes = try [320, 100, 80, 1, 641].map { wanted in
            let image = try JPEGCodec.decode(data, maxPixels: 1 << 30, minLongSide: wanted).image
            return [image.width, image.height]
        }
        #expect(sizes == [[320, 240], [160, 120], [80, 60], [80, 60], [640, 480]])
    }

    @Test("A photo smaller than a thumbnail is kept at its size")
    func tinyPhoto() throws {
        let pixels = (0..<10 * 7 * 3).map { UInt8(($0 * 37) % 256) }
        let jpeg = try JPEGCodec.encode(RGBImage(width: 10, height: 7, pixels: pixels), quality: 90)
        let photo = try SitePhotoProcessor.process(jpeg)
        #expect(photo.width == 10 && photo.height == 7)
        let thumbnail = try JPEGCodec.decode(photo.thumbnail, maxPixels: 100, minLongSide: 320).image
        #expect(thumbnail.width == 10 && thumbnail.height == 7)
    }
}
