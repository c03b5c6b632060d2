import Fluent
import Vapor

/// The data behind the province → city → county picker.
struct RegionController {
    struct Child: Content {
        let code: String
        let name: String
        let fullName: String
        let hasChildren: Bool
    }

    func children(_ req: Request) async throws -> [Child] {
        let parent = (try? req.query.get(String.self, at: "parent")).flatMap { $0.isEmpty ? nil : $0 }
        if let parent, parent.count != 6 || !parent.allSatisfy(\.isASCII) || !parent.allSatisfy(\.isNumber) {
            throw AppError.badRequest("行政区划代码应为6位数字")
        }
        let regions = try await RegionDirectory(db: req.db).children(of: parent)
        let codes = regions.map(\.code)
        let parents = Set(try await Region.query(on: req.db).filter(\.$parentCode ~~ codes)
            .field(\.$parentCode).all().compactMap(\.parentCode))
        return regions.map { Child(code: $0.code, name: $0.name, fullName: $0.fullName, hasChildren: parents.contains($0.code)) }
    }
}
