import Testing
@testable import QRCode

/// The SVG draws exactly the dark modules, inside a 4-module quiet zone, with nothing a strict
/// Content-Security-Policy would block.
@Suite struct QRCodeSVGTests {
    @Test func pathCoversExactlyTheDarkModules() throws {
        let matrix = try QRCode.encode("otpauth://totp/LiftWatch:admin?secret=JBSWY3DPEHPK3PXP", correction: .medium)
        let svg = matrix.svg()
        let side = matrix.size + 8
        #expect(svg.contains(#"viewBox="0 0 \#(side) \#(side)""#))
        #expect(svg.contains(#"width="\#(side * 4)""#))

        let pathData = try #require(svg.firstMatch(of: /<path fill="#000" d="([^"]*)"\/>/)?.1)
        var drawn = Set<[Int]>()
        for rectangle in pathData.matches(of: /M(\d+) (\d+)h(\d+)v1h-(\d+)z/) {
            let x = Int(rectangle.1)!, y = Int(rectangle.2)!, width = Int(rectangle.3)!
            #expect(Int(rectangle.4)! == width)
            for dx in 0..<width { #expect(drawn.insert([x + dx - 4, y - 4]).inserted, "a module drawn twice") }
        }
        #expect(pathData.replacing(/M\d+ \d+h\d+v1h-\d+z/, with: "").isEmpty, "nothing but rectangles")
        for y in 0..<matrix.size {
            for x in 0..<matrix.size { #expect(drawn.contains([x, y]) == matrix.isDark(x: x, y: y)) }
        }
    }

    @Test func noStyleAttributesOrElements() throws {
        let svg = try QRCode.encode("电梯", correction: .high).svg(title: "绑定验证器 <扫码>")
        #expect(!svg.contains("style"))
        #expect(svg.matches(of: #/<path /#).count == 1)
        #expect(svg.contains("<title>绑定验证器 &lt;扫码&gt;</title>"))
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg""#) && svg.hasSuffix("</svg>"))
    }

    @Test func pixelsHaveTheQuietZoneAndTheScale() throws {
        let matrix = try QRCode.encode("a", correction: .low)
        let image = matrix.rgbPixels(scale: 3)
        #expect(image.width == (21 + 8) * 3 && image.height == image.width)
        #expect(image.pixels.count == image.width * image.height * 3)
        func dark(_ px: Int, _ py: Int) -> Bool { image.pixels[(py * image.width + px) * 3] == 0 }
        #expect(!dark(11, 11), "quiet zone")
        #expect(dark(12, 12) && dark(14, 14), "the finder's corner module, 3×3 pixels")
        #expect(!dark(15, 15), "the finder's light ring")
    }
}
