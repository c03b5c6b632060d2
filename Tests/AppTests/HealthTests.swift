@testable import App
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import Logging
import NIOConcurrencyHelpers
import NIOCore

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

@Suite("GET /metrics and JSON logs")
struct MetricsTests {
    static let token = "metrics-token-0123456789"

    @Test("with the token: Vapor's request metrics, audited events, requests in hand and the last supervise run")
    func scrape() async throws {
        try await TestApp.run(adjust: { $0.metricsToken = Self.token }) { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let client = TestClient(app)
            _ = try await client.logIn("kxwbgs", "wrong-password-1")
            _ = try await DemoCommandTests.runCommand(app, "supervise", ["--quiet"])

            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: Self.token)
            let response = try await app.testing().sendRequest(.GET, SiteURL.metrics.path, headers: headers)
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.description.hasPrefix("text/plain") == true)
            let text = response.body.string
            // Vapor's counter by route pattern and status (the wrong password is a 401); the registry is the
            // process's, so other tests' requests count too.
            #expect(text.contains(#"http_requests_total{method="POST",path="/login",status="401"}"#))
            #expect(text.contains("http_request_duration_seconds_bucket"))
            #expect(text.contains(#"liftwatch_audit_events_total{action="login_failed"}"#))
            #expect(text.contains("liftwatch_requests_in_flight 1"), "the scrape itself is in hand")
            #expect(text.contains("liftwatch_db_pool_size \(app.databaseUse?.poolSize ?? -1)"))
            #expect(text.contains("liftwatch_db_operations_in_flight 0"), "the supervision run's read has ended")
            let total = text.split(separator: "\n").first { $0.hasPrefix("liftwatch_db_operations_total ") }
            #expect((total?.split(separator: " ").last).flatMap { Int($0) } ?? 0 > 10)
            #expect(text.contains(#"liftwatch_supervision_count{rule="overdue"} 0"#))
            #expect(text.contains("liftwatch_supervision_last_run_timestamp_seconds \(Int(app.clock.now().timeIntervalSince1970))"))
            // Every line is a comment or `name{labels} value`.
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                #expect(line.split(separator: " ").count == 2, "\(line)")
            }

            for wrong in [nil, "metrics-token-0123456780"] {
                var bad = HTTPHeaders()
                if let wrong { bad.bearerAuthorization = BearerAuthorization(token: wrong) }
                #expect(try await app.testing().sendRequest(.GET, SiteURL.metrics.path, headers: bad).status == .notFound)
            }
        }
    }

    @Test("database use: an operation counts while it holds (or waits for) a connection")
    func databaseUse() async throws {
        try await TestApp.run { app, _ in
            let use = try #require(app.databaseUse)
            #expect(use.poolSize >= 1)
            let before = use.now
            let during = try await app.db.transaction { db in
                _ = try await User.query(on: db).count()
                return use.now
            }
            #expect(during.inFlight == before.inFlight + 1, "the transaction holds its connection")
            _ = try await app.db.sql().raw("SELECT 1 AS one").all()
            #expect(use.now.inFlight == before.inFlight)
            #expect(use.now.total == before.total + 2)
        }
    }

    @Test("without a token: only a direct request from this machine, never one through a proxy")
    func loopbackOnly() async throws {
        try await TestApp.run { app, _ in
            func request(from address: String, headers: HTTPHeaders = [:]) throws -> Request {
                Request(application: app, method: .GET, url: URI(path: SiteURL.metrics.path), headers: headers,
                        remoteAddress: try SocketAddress(ipAddress: address, port: 40_000), on: app.eventLoopGroup.any())
            }
            let direct = try request(from: "127.0.0.1"), direct6 = try request(from: "::1")
            let outside = try request(from: "198.51.100.7")
            let proxied = try request(from: "127.0.0.1", headers: ["X-Forwarded-For": "198.51.100.7"])
            let realIP = try request(from: "127.0.0.1", headers: ["X-Real-IP": "198.51.100.7"])
            #expect(MetricsController.allowed(direct) && MetricsController.allowed(direct6))
            #expect(!MetricsController.allowed(outside))
            #expect(!MetricsController.allowed(proxied) && !MetricsController.allowed(realIP))
        }
    }

    @Test("LIFTWATCH_LOG_FORMAT=json: one JSON object per line with the request id")
    func jsonLines() throws {
        let lines = NIOLockedValueBox<[String]>([])
        var logger = Logger(label: "codes.vapor.application") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLockedValue { $0.append(line) } }
        }
        logger[metadataKey: "request-id"] = "5D2C1F"
        logger.info("GET /login", metadata: ["note": "多行\n消息"])
        logger.debug("below the level")
        let written = lines.withLockedValue { $0 }
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(!line.contains("\n"))
        let object = try JSONDecoder().decode([String: String].self, from: Data(line.utf8))
        #expect(object["request-id"] == "5D2C1F" && object["message"] == "GET /login" && object["level"] == "info")
        #expect(object["note"] == "多行\n消息" && object["label"] == "codes.vapor.application")
        #expect(object["time"]?.hasSuffix("Z") == true)
        #expect(throws: AppConfig.Invalid.self) {
            try AppConfig.load(from: ["LIFTWATCH_LOG_FORMAT": "xml"], workingDirectory: "/tmp")
        }
        #expect(try AppConfig.load(from: ["LIFTWATCH_LOG_FORMAT": "JSON"], workingDirectory: "/tmp").logFormat == .json)
    }
}
