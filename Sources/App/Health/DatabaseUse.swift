import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// How much of the database connection pool is in use, for `/metrics`: every operation (a query, a
/// statement, a transaction, a pinned connection) counts from its start to its end. Fluent's pools expose
/// no figures of their own, so the configured databases are wrapped (`counted`) and count here. More
/// operations in flight than `poolSize` means requests are waiting for a connection.
final class DatabaseUse: Sendable {
    private let counts = NIOLockedValueBox((inFlight: 0, total: 0))
    /// Connections the pools may open in all: per event loop, times the loops.
    let poolSize: Int

    init(poolSize: Int) { self.poolSize = poolSize }

    /// Operations holding or waiting for a connection now, and all since the start.
    var now: (inFlight: Int, total: Int) { counts.withLockedValue { $0 } }

    private func begin() { counts.withLockedValue { $0.inFlight += 1; $0.total += 1 } }
    private func end() { counts.withLockedValue { $0.inFlight -= 1 } }

    func track<T>(_ future: () -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        begin()
        return future().always { _ in self.end() }
    }

    func track<T>(_ work: () async throws -> T) async throws -> T {
        begin()
        defer { end() }
        return try await work()
    }
}

extension DatabaseConfiguration {
    /// This configuration, its databases counting their operations into `use`.
    func counted(by use: DatabaseUse) -> any DatabaseConfiguration { CountedConfiguration(inner: self, use: use) }
}

private struct CountedConfiguration: DatabaseConfiguration {
    var inner: any DatabaseConfiguration
    let use: DatabaseUse
    var middleware: [any AnyModelMiddleware] {
        get { inner.middleware }
        set { inner.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        CountedDriver(inner: inner.makeDriver(for: databases), use: use)
    }
}

private struct CountedDriver: DatabaseDriver {
    let inner: any DatabaseDriver
    let use: DatabaseUse
    func makeDatabase(with context: DatabaseContext) -> any Database {
        CountedDatabase(inner: inner.makeDatabase(with: context), use: use)
    }
    func shutdown() { inner.shutdown() }
    func shutdownAsync() async { await inner.shutdownAsync() }
}

/// The driver's database, forwarding everything. Inside a transaction or a pinned connection the closure
/// gets the driver's own database: the whole of it is one use of one connection.
private struct CountedDatabase: Database, SQLDatabase {
    let inner: any Database
    let use: DatabaseUse
    private var sql: any SQLDatabase { inner as! any SQLDatabase }

    var context: DatabaseContext { inner.context }
    var inTransaction: Bool { inner.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> ()) -> EventLoopFuture<Void> {
        use.track { inner.execute(query: query, onOutput: onOutput) }
    }
    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { use.track { inner.execute(schema: schema) } }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { use.track { inner.execute(enum: `enum`) } }
    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        use.track { inner.transaction(closure) }
    }
    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        use.track { inner.withConnection(closure) }
    }

    var logger: Logger { sql.logger }
    var eventLoop: any EventLoop { sql.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        use.track { sql.execute(sql: query, onRow) }
    }
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await use.track { try await sql.execute(sql: query, onRow) }
    }
    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await use.track { try await sql.withSession(closure) }
    }
}
