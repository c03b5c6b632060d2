import Vapor

/// The injected parts of the application: configuration, clock, captcha codes and the notifier.
/// Tests replace them before the first request.
extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }
    private struct ClockKey: StorageKey { typealias Value = any AppClock }
    private struct CaptchaCodesKey: StorageKey { typealias Value = any CaptchaCodeSource }
    private struct NotifierKey: StorageKey { typealias Value = any Notifier }
    private struct FileStorageKey: StorageKey { typealias Value = any FileStorage }
    private struct LoadSheddingKey: StorageKey { typealias Value = LoadShedding }
    private struct DatabaseUseKey: StorageKey { typealias Value = DatabaseUse }

    public var config: AppConfig {
        get {
            guard let config = storage[ConfigKey.self] else { fatalError("configure(_:config:) has not run") }
            return config
        }
        set { storage[ConfigKey.self] = newValue }
    }

    public var clock: any AppClock {
        get { storage[ClockKey.self] ?? SystemClock() }
        set { storage[ClockKey.self] = newValue }
    }

    public var captchaCodes: any CaptchaCodeSource {
        get { storage[CaptchaCodesKey.self] ?? RandomCaptchaCodes() }
        set { storage[CaptchaCodesKey.self] = newValue }
    }

    /// The bounded queue in front of the pages, for the in-flight gauge of `/metrics`.
    var loadShedding: LoadShedding? {
        get { storage[LoadSheddingKey.self] }
        set { storage[LoadSheddingKey.self] = newValue }
    }

    /// The database operations in flight, for the pool gauges of `/metrics`.
    var databaseUse: DatabaseUse? {
        get { storage[DatabaseUseKey.self] }
        set { storage[DatabaseUseKey.self] = newValue }
    }

    var fileStorage: any FileStorage {
        get {
            if let storage = storage[FileStorageKey.self] { return storage }
            switch config.fileStorage {
            case .disk(let path): return DiskFileStorage(root: path)
            case .database: return DatabaseFileStorage()
            }
        }
        set { storage[FileStorageKey.self] = newValue }
    }

    public var notifier: any Notifier {
        get { storage[NotifierKey.self] ?? OutboxNotifier() }
        set { storage[NotifierKey.self] = newValue }
    }
}

extension Request {
    var config: AppConfig { application.config }
    var clock: any AppClock { application.clock }
    /// The client's address. X-Forwarded-For is believed only from a configured proxy, and read from
    /// the right (the entries the proxies appended), so that nobody escapes a per-address limit by
    /// inventing addresses.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        let proxies = config.trustedProxies
        guard proxies.contains(peer) else { return peer }
        let forwarded = headers[.xForwardedFor].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        for address in forwarded.reversed() where !proxies.contains(address) {
            return AppConfig.isIPAddress(address) ? address : peer
        }
        return peer
    }
}
