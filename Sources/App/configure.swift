import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import NIOSSL
import Vapor

/// Reads the configuration from the environment and sets up the application with it.
/// `touchDatabase: false` opens no database connection and runs nothing on it (`liftwatch restore`
/// puts the database in place first); `migrate: false` leaves the schema as it is (`liftwatch backup`).
public func configure(_ app: Application, migrate: Bool = true, touchDatabase: Bool = true) async throws {
    let environment = ProcessInfo.processInfo.environment
    let workingDirectory = FileManager.default.currentDirectoryPath
    // Templates, region data and static files from wherever the program is installed; the data
    // folder and the configuration's relative paths from the working directory.
    let layout = try InstallLayout.locate(environment: environment, executable: InstallLayout.currentExecutable(),
                                          workingDirectory: workingDirectory)
    app.directory = DirectoryConfiguration(workingDirectory: layout.root)
    let config = try AppConfig.load(from: environment, workingDirectory: workingDirectory)
    try await configure(app, config: config, migrate: migrate && touchDatabase, touchDatabase: touchDatabase)
}

/// Sets up the application with an explicit configuration; tests call this with their own.
/// `migrate` runs pending migrations and creates the first admin: what `serve` needs on a new machine.
public func configure(_ app: Application, config: AppConfig, migrate: Bool = true, touchDatabase: Bool = true) async throws {
    app.config = config
    // SQLite runs each statement on a thread of the blocking pool, and SQLiteNIO's busy handler retries at
    // once: a connection waiting for another's write lock keeps its thread until the lock is free. On the
    // process-wide default pool (one thread per core, shared by every Application in the process) waiting
    // connections could hold every thread while the lock's holder waits for one to go on — a livelock under
    // parallel writes (seen in the test suite, where many apps share the process). An own pool with room
    // for both connections, their waiters and file reads avoids it. Set before the databases are made.
    app.threadPool = NIOThreadPool(numberOfThreads: max(4, System.coreCount * 2))

    // Each database counts its operations for /metrics (`DatabaseUse`): SQLite keeps one connection per
    // event loop, PostgreSQL the configured pool per loop.
    let loops = app.eventLoopGroup.makeIterator().reduce(0) { n, _ in n + 1 }
    switch config.database {
    case .sqlite(let path):
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let use = DatabaseUse(poolSize: loops)
        app.databaseUse = use
        app.databases.use(DatabaseConfigurationFactory.sqlite(.file(path)).make().counted(by: use), as: .sqlite)
    case .postgres(let url):
        let use = DatabaseUse(poolSize: loops * config.databasePoolSize)
        app.databaseUse = use
        app.databases.use(DatabaseConfigurationFactory.postgres(configuration: try SQLPostgresConfiguration(url: url),
                                                                maxConnectionsPerEventLoop: config.databasePoolSize).make()
                            .counted(by: use), as: .psql)
    }

    if case .sqlite = config.database, touchDatabase { try await SQLiteTuning.apply(to: app) }

    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    app.views.use(.leaf)
    // Forms are small; uploads and imports set their own limits on their routes.
    let formBytes = 2 << 20
    app.routes.defaultMaxBodySize = ByteCount(value: formBytes)

    app.sessions.use { _ in DatabaseSessionDriver(idleTimeout: config.sessionIdleTimeout, fieldIdleTimeout: config.workerSessionIdleTimeout) }
    app.sessions.configuration = SessionsConfiguration(cookieName: "liftwatch_session") { id in
        HTTPCookies.Value(string: id.string, path: "/", isSecure: config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    app.middleware = Middlewares()
    // Outermost, so that error pages and static files carry the headers too.
    app.middleware.use(SecurityHeadersMiddleware(secure: config.secureCookies))
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory, defaultFile: nil))
    let shedding = LoadShedding(limit: config.maxRequestsInFlight)
    app.loadShedding = shedding
    app.middleware.use(shedding)
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(ControlCharacterFilter(maxFormBytes: formBytes))

    app.registerMigrations()
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(VerifyRecordsCommand(), as: "verify-records")
    app.asyncCommands.use(SuperviseCommand(), as: "supervise")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")

    if !config.captchaEnabled {
        app.logger.warning("LIFTWATCH_CAPTCHA=off: the login captcha is NOT checked. Never run a public server like this.")
    }

    try routes(app)

    if migrate {
        try await StartupLock.run(app) {
            try await app.autoMigrate()
            try await app.db.refreshPlannerStatistics()
            try await InitialAdmin.ensure(on: app)
        }
    }
}
