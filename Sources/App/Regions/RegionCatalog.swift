import Foundation

/// The national region list shipped in `Resources/Data/regions.csv` (see tools/regions for its
/// source and date), parsed into rows with their full names.
struct RegionCatalog {
    struct Row: Equatable {
        let code: String
        let name: String
        let parent: String?
        let level: Int
        let fullName: String
    }

    let rows: [Row]

    enum LoadError: Error, CustomStringConvertible {
        case unreadable(String)
        case badLine(Int, String)
        var description: String {
            switch self {
            case .unreadable(let path): "cannot read region list at \(path)"
            case .badLine(let n, let line): "region list line \(n) is malformed: \(line)"
            }
        }
    }

    static func load(path: String) throws -> RegionCatalog {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw LoadError.unreadable(path) }
        return try parse(text)
    }

    static func parse(_ text: String) throws -> RegionCatalog {
        var raw: [(code: String, name: String, parent: String?, level: Int)] = []
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let cols = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cols.count == 4, cols[0].count == 6, let level = Int(cols[3]) else {
                throw LoadError.badLine(index + 1, String(line))
            }
            raw.append((cols[0], cols[1], cols[2].isEmpty ? nil : cols[2], level))
        }
        let names = Dictionary(uniqueKeysWithValues: raw.map { ($0.code, $0) })
        let rows = raw.map { r -> Row in
            // Walk up to the province; a municipality's city-level unit repeats its name (北京市北京市),
            // which the full name leaves out.
            var parts = [r.name]
            var parent = r.parent
            while let p = parent, let up = names[p] {
                if parts.first != up.name { parts.insert(up.name, at: 0) }
                parent = up.parent
            }
            return Row(code: r.code, name: r.name, parent: r.parent, level: r.level, fullName: parts.joined())
        }
        return RegionCatalog(rows: rows)
    }
}
