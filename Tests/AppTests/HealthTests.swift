@testable import App
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Probes for load balancers: /healthz and /readyz")
struct HealthTests {
    @Test("/healthz answers without a session and sets no cookie, even when the server sheds load")
    func alive() async throws {
        try await TestApp.run { app, _ in
            let response = try await app.testing().sendRequest(.GET, SiteURL.healthz.path)
            #expect(response.status == .ok)
            #expect(response.body.string == "ok\n")
            #expect(response.headers[.setCookie].isEmpty)

            // A shedder with no room left still lets the probe through, and nothing else.
            struct Answer: AsyncResponder {
                func respond(to request: Request) async throws -> Response { Response(status: .ok) }
            }
            let full = LoadShedding(limit: 0)
            let probe = Request(application: app, method: .GET, url: URI(path: SiteURL.healthz.path), on: app.eventLoopGroup.any())
            #expect(try await full.respond(to: probe, chainingTo: Answer()).status == .ok)
            let page = Request(application: app, method: .GET, url: URI(path: SiteURL.login.path), on: app.eventLoopGroup.any())
            await #expect(throws: AppError.self) { try await full.respond(to: page, chainingTo: Answer()) }
        }
    }

    @Test("/readyz is 200 with each check ok on a migrated database with writable storage")
    func ready() async throws {
        let folder = NSTemporaryDirectory() + "liftwatch-ready-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await TestApp.run(adjust: { $0.fileStorage = .disk(path: folder) }) { app, _ in
            let response = try await app.testing().sendRequest(.GET, SiteURL.readyz.path)
            #expect(response.status == .ok)
            let body = try JSONDecoder().decode(HealthController.Readiness.self, from: Data(response.body.string.utf8))
            #expect(body.status == "ready")
            #expect(body.checks == ["database": "ok", "migrations": "ok", "file_storage": "ok"])
            #expect((try FileManager.default.contentsOfDirectory(atPath: folder)).isEmpty, "the probe file is removed")
        }
    }

    @Test("/readyz is 503 naming a migration not yet run")
    func pendingMigration() async throws {
        try await TestApp.run { app, _ in
            try await app.db.sql().raw("DELETE FROM _fluent_migrations WHERE name LIKE '%M036_CopyFilingStatusToRegisters'").run()
            let response = try await app.testing().sendRequest(.GET, SiteURL.readyz.path)
            #expect(response.status == .serviceUnavailable)
            let body = try JSONDecoder().decode(HealthController.Readiness.self, from: Data(response.body.string.utf8))
            #expect(body.status == "not ready")
            #expect(body.checks["migrations"]?.contains("M036_CopyFilingStatusToRegisters") == true)
            #expect(body.checks["database"] == "ok")
        }
    }

    @Test("/readyz is 503 when the attachment folder cannot be written")
    func storageNotWritable() async throws {
        // A regular file where the folder should be: nothing can be created under it.
        let blocker = NSTemporaryDirectory() + "liftwatch-blocker-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        try await TestApp.run(adjust: { $0.fileStorage = .disk(path: blocker + "/uploads") }) { app, _ in
            let response = try await app.testing().sendRequest(.GET, SiteURL.readyz.path)
            #expect(response.status == .serviceUnavailable)
            let body = try JSONDecoder().decode(HealthController.Readiness.self, from: Data(response.body.string.utf8))
            #expect(body.checks["file_storage"]?.hasPrefix("cannot write to") == true)
        }
    }
}
