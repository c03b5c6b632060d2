@testable import App
import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Vapor

/// Each test gets a database of its own, copied from a template migrated once per test process:
/// a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL. Tests run in parallel and
/// never see each other's rows. `LIFTWATCH_TEST_DATABASE_URL=postgres://…` selects PostgreSQL.
enum TestDatabase {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["LIFTWATCH_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var engineName: String { postgresURL == nil ? "SQLite" : "PostgreSQL" }

    /// A fresh, migrated database for one test, and how to remove it afterwards.
    static func make() async throws -> (AppConfig.Database, @Sendable () async throws -> Void) {
        let template = try await Template.shared.ready()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        switch template {
        case .sqlite(let path):
            let copy = NSTemporaryDirectory() + "liftwatch-\(name).sqlite"
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            // The database runs in WAL mode: its log and shared-memory files go with it.
            return (.sqlite(path: copy), { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } })
        case .postgres(let templateName):
            let base = postgresURL!
            try await withAdminConnection(base) { sql in
                try await sql.raw("CREATE DATABASE \(unsafeRaw: name) TEMPLATE \(unsafeRaw: templateName)").run()
            }
            return (.postgres(url: replacingDatabase(in: base, with: String(name))), {
                try await withAdminConnection(base) { sql in
                    try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
                }
            })
        }
    }

    /// A new, empty PostgreSQL database (no migrations), and how to remove it; nil on SQLite.
    static func makeEmptyPostgres() async throws -> (AppConfig.Database, @Sendable () async throws -> Void)? {
        guard let base = postgresURL else { return nil }
        let name = "e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try await withAdminConnection(base) { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        return (.postgres(url: replacingDatabase(in: base, with: String(name))), {
            try await withAdminConnection(base) { sql in
                try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
            }
        })
    }

    enum Ready: Sendable { case sqlite(String), postgres(String) }

    /// Builds the template once; every test awaits the same task.
    actor Template {
        static let shared = Template()
        private var task: Task<Ready, any Error>?

        func ready() async throws -> Ready {
            if let task { return try await task.value }
            let task = Task { try await TestDatabase.buildTemplate() }
            self.task = task
            return try await task.value
        }
    }

    static func buildTemplate() async throws -> Ready {
        if let base = postgresURL {
            let name = "liftwatch_tpl_\(ProcessInfo.processInfo.processIdentifier)"
            try await withAdminConnection(base) { sql in
                try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
                try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
            }
            try await migrate(.postgres(url: replacingDatabase(in: base, with: name)))
            return .postgres(name)
        }
        let path = NSTemporaryDirectory() + "liftwatch-template-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).sqlite"
        try await migrate(.sqlite(path: path))
        return .sqlite(path)
    }

    private static func migrate(_ database: AppConfig.Database) async throws {
        let app = try await Application.make(.testing)
        app.directory = DirectoryConfiguration(workingDirectory: packageRoot + "/")
        do {
            try await configure(app, config: TestApp.config(database), migrate: false)
            try await app.autoMigrate()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    private static func withAdminConnection(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
        do {
            try await body(app.db as! any SQLDatabase)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + name
        return components.string!
    }
}
