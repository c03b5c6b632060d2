import Vapor

/// The injected parts of the application: configuration, clock, captcha codes and the notifier.
/// Tests replace them before the first request.
extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }
    private struct ClockKey: StorageKey { typealias Value = any AppClock }
    private struct CaptchaCodesKey: StorageKey { typealias Value = any CaptchaCodeSource }
    private struct NotifierKey: StorageKey { typealias Value = any Notifier }
    private struct FileStorageKey: StorageKey { typealias Value = any FileStorage }

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
    /// The peer's address. Forwarded-for headers are not trusted: anyone can send one, and the
    /// login throttle must not be escapable by inventing addresses.
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
