extension QRMatrix {
    /// The symbol as an SVG document: one `<path>` of unit squares on a white background, in a
    /// viewBox of module units with the quiet zone of 4 modules the standard asks for around it.
    /// Only presentation attributes (`fill`, `shape-rendering`), never `style`, so the image is
    /// allowed under the pages' strict Content-Security-Policy when inlined.
    /// - Parameter moduleSize: pixels per module for `width` and `height`; the drawing scales anyway.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String? = nil) -> String {
        let side = size + 2 * quietZone
        let pixels = side * moduleSize
        var svg = #"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 \#(side) \#(side)" width="\#(pixels)" height="\#(pixels)" shape-rendering="crispEdges""#
        if let title {
            svg += #" role="img" aria-label="\#(Self.escapeXML(title))"><title>\#(Self.escapeXML(title))</title>"#
        } else {
            svg += ">"
        }
        svg += ##"<rect width="\##(side)" height="\##(side)" fill="#fff"/>"##
        svg += ##"<path fill="#000" d="\##(pathData(offset: quietZone))"/></svg>"##
        return svg
    }

    /// Each horizontal run of dark modules as one rectangle: `M x y h w v 1 h -w z`. Runs keep the
    /// path short (a version 10 code is about a third of the squares' length) and edges exact.
    func pathData(offset: Int) -> String {
        var parts: [String] = []
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                parts.append("M\(start + offset) \(y + offset)h\(x - start)v1h-\(x - start)z")
            }
        }
        return parts.joined()
    }

    static func escapeXML(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
