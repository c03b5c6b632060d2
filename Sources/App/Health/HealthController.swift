import Fluent
import Foundation
import SQLKit
import Vapor

/// The load balancer's two questions, answered without a session: is the process alive (`/healthz`), and
/// can it serve (`/readyz`: the database answers, every migration this build knows has run, and the file
/// storage takes a write). A failing check answers 503 with what failed, so an operator reading the
/// probe's log sees why the instance was taken out.
struct HealthController {
    struct Readiness: Content {
        var status: String
        var checks: [String: String]
    }

    func alive(_ req: Request) -> Response {
        let response = Response(status: .ok, body: .init(string: "ok\n"))
        response.headers.contentType = .plainText
        response.headers.cacheControl = .init(noStore: true)
        return response
    }

    func ready(_ req: Request) async throws -> Response {
        var checks: [String: String] = [:]
        var ready = true
        do {
            let sql = try req.db.sql()
            _ = try await sql.raw("SELECT 1 AS one").first()
            checks["database"] = "ok"
            let applied = Set(try await sql.raw("SELECT name FROM _fluent_migrations").all()
                .map { try $0.decode(column: "name", as: String.self) })
            let pending = req.application.allMigrations().map(\.name).filter { !applied.contains($0) }
            if pending.isEmpty {
                checks["migrations"] = "ok"
            } else {
                ready = false
                checks["migrations"] = "pending: " + pending.joined(separator: ", ")
            }
        } catch {
            ready = false
            checks["database"] = "failed: \(String(reflecting: error))"
        }
        if let problem = await req.application.fileStorage.writeProblem(on: req.db) {
            ready = false
            checks["file_storage"] = problem
        } else {
            checks["file_storage"] = "ok"
        }
        let response = try await Readiness(status: ready ? "ready" : "not ready", checks: checks).encodeResponse(for: req)
        response.status = ready ? .ok : .serviceUnavailable
        response.headers.cacheControl = .init(noStore: true)
        return response
    }
}
