@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Builds the application for one test on its own database, with a pinned clock and a fixed
/// captcha answer, runs the test, and tears everything down.
enum TestApp {
    static let captcha = "4821"

    static func config(_ database: AppConfig.Database, captcha: Bool = true) -> AppConfig {
        var config = AppConfig(database: database, cityName: "新乡市", initialAdminPassword: nil, captchaEnabled: captcha,
                  sessionIdleTimeout: 30 * 60, secureCookies: false, bcryptCost: 4,
                  // Tests register many companies from one (in-memory) address; the limit has its own test.
                  registrationsPerHour: 1000,
                  // Tests move the clock by months; the expiry and the second factor have their own tests.
                  passwordMaxAgeDays: nil)
        // Tests fire a hundred requests at once to test the database's claims; shedding load has its own test.
        config.maxRequestsInFlight = 100_000
        // Most tests file their records in the office (无签到); the flags' effect on 统计分析 has its own test.
        config.siteEvidence.flaggedCountOnTime = true
        // Most tests' visits bring no photos (照片不足 would flag them all); the photos have their own tests.
        config.siteEvidence.requiredPhotos = 0
        return config
    }

    static func run(captcha: Bool = true, adjust: (inout AppConfig) -> Void = { _ in },
                    _ test: (Application, ManualClock) async throws -> Void) async throws {
        // Each app holds its own connection pool; on PostgreSQL, too many at once exhaust the server.
        try await TestSlots.shared.acquire()
        do {
            try await runAcquired(captcha: captcha, adjust: adjust, test)
        } catch {
            await TestSlots.shared.release()
            throw error
        }
        await TestSlots.shared.release()
    }

    private static func runAcquired(captcha: Bool, adjust: (inout AppConfig) -> Void,
                                    _ test: (Application, ManualClock) async throws -> Void) async throws {
        let (database, cleanup) = try await TestDatabase.make()
        Monitoring.bootstrap()
        let app = try await Application.make(.testing)
        app.directory = DirectoryConfiguration(workingDirectory: TestDatabase.packageRoot + "/")
        let clock = ManualClock()
        app.clock = clock
        app.captchaCodes = FixedCaptchaCodes(Self.captcha)
        do {
            var config = config(database, captcha: captcha)
            adjust(&config)
            try await configure(app, config: config, migrate: false)
            try await test(app, clock)
        } catch {
            try? await app.asyncShutdown()
            try? await cleanup()
            throw error
        }
        try await app.asyncShutdown()
        try await cleanup()
    }
}

/// A counting semaphore for tests running at once.
actor TestSlots {
    static let shared = TestSlots(limit: TestDatabase.postgresURL == nil ? 64 : 6)
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { free = limit }

    func acquire() async throws {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
