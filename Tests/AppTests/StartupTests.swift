@testable import App
import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import Vapor

@Suite("Start-up of several instances on one PostgreSQL")
struct StartupTests {
    /// What `liftwatch serve` does before it listens: configure, migrate, create the first admin.
    static func start(_ database: AppConfig.Database) async throws {
        let app = try await Application.make(.testing)
        app.directory = DirectoryConfiguration(workingDirectory: TestDatabase.packageRoot + "/")
        var config = TestApp.config(database)
        config.initialAdminPassword = "Admin#2026x"
        do {
            try await configure(app, config: config, migrate: true)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    @Test("three instances starting at once on an empty database: one migrates and creates the admin, the others wait and find it done",
          .enabled(if: TestDatabase.postgresURL != nil))
    func concurrentStart() async throws {
        guard let (database, cleanup) = try await TestDatabase.makeEmptyPostgres() else { return }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 { group.addTask { try await Self.start(database) } }
                try await group.waitForAll()
            }
            let app = try await Application.make(.testing)
            app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: {
                if case .postgres(let url) = database { return url } else { return "" }
            }())), as: .psql)
            let sql = try #require(app.db as? any SQLDatabase)
            struct N: Decodable { let n: Int }
            let admins = try await sql.raw("SELECT COUNT(*) AS n FROM users WHERE role = 'admin'").first(decoding: N.self)?.n
            let migrations = try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first(decoding: N.self)?.n
            let distinct = try await sql.raw("SELECT COUNT(DISTINCT name) AS n FROM _fluent_migrations").first(decoding: N.self)?.n
            try await app.asyncShutdown()
            #expect(admins == 1)
            #expect(migrations == distinct && (migrations ?? 0) >= 29)
        } catch {
            try? await cleanup()
            throw error
        }
        try await cleanup()
    }
}
