import Foundation

/// Part names inside the package and how relationship targets resolve to them (ECMA-376 Part 2 §9.3).
enum PartPath {
    /// The relationships part of `part`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relationships(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        let folder = part[..<slash], file = part[part.index(after: slash)...]
        return "\(folder)/_rels/\(file).rels"
    }

    /// Resolves a relationship target found in the rels of `source`. Targets are usually relative to
    /// the source's folder (`worksheets/sheet1.xml`), but may be absolute (`/xl/worksheets/sheet1.xml`,
    /// written by some generators) or climb (`../sheets/a.xml`).
    static func resolve(_ target: String, from source: String) -> String {
        var target = target.replacingOccurrences(of: "\\", with: "/")
        target = target.removingPercentEncoding ?? target
        var segments: [Substring]
        if target.hasPrefix("/") {
            segments = []
        } else {
            segments = source.split(separator: "/", omittingEmptySubsequences: true)
            if !segments.isEmpty { segments.removeLast() }  // the source file itself
        }
        for segment in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}
