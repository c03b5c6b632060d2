import Fluent
import Vapor

/// Look-ups of the region table for pages and validation.
struct RegionDirectory {
    let db: any Database

    func find(_ code: String) async throws -> Region? {
        try await Region.find(code, on: db)
    }

    func children(of parent: String?) async throws -> [Region] {
        let query = Region.query(on: db)
        if let parent { query.filter(\.$parentCode == parent) } else { query.filter(\.$level == 1) }
        return try await query.sort(\.$id).all()
    }

    func hasChildren(_ code: String) async throws -> Bool {
        try await Region.query(on: db).filter(\.$parentCode == code).first() != nil
    }

    func scope(of code: String) async throws -> RegionScope? {
        guard let region = try await find(code) else { return nil }
        return RegionScope(code: region.code, level: region.level)
    }

    /// Full names ("河南省新乡市红旗区") of these codes; unknown codes are left out.
    func fullNames(_ codes: [String]) async throws -> [String: String] {
        var names: [String: String] = [:]
        for start in stride(from: 0, to: codes.count, by: 500) {
            let chunk = Array(codes[start..<min(start + 500, codes.count)])
            for r in try await Region.query(on: db).filter(\.$id ~~ chunk).all() { names[r.id ?? ""] = r.fullName }
        }
        return names
    }
}
