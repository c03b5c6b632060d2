import Foundation
import Supervision
#if canImport(Glibc)
import Glibc
#endif

/// Everything the server reads from its environment, read once at start-up. A bad value stops the
/// server with a message that names every problem at once, instead of failing later at first use.
public struct AppConfig: Sendable {
    public enum Database: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public var database: Database
    /// The city whose regulator runs this installation; it prefixes the system title.
    public var cityName: String
    public var systemTitle: String { cityName + "电梯维保单位监管系统" }
    /// Only for the first start on an empty database; otherwise a random password is printed once.
    public var initialAdminPassword: String?
    /// `LIFTWATCH_CAPTCHA=off` turns off the image captcha checks (development and automated tests).
    public var captchaEnabled: Bool
    public var sessionIdleTimeout: TimeInterval
    /// What a visit's proof must show (维保签到): the radius around the elevator, the minutes on site per level;
    /// the workers required are `minimumMaintenanceWorkers`.
    public var siteEvidence = SiteEvidenceRules()
    /// `siteEvidence` with the workers a record must name.
    var siteRules: SiteEvidenceRules {
        var rules = siteEvidence
        rules.requiredWorkers = minimumMaintenanceWorkers
        return rules
    }
    /// The largest site photo (现场照片) accepted, in bytes.
    public var photoMaxBytes = 12 * 1024 * 1024
    /// A 维保人员's session on the phone: long enough for a visit (see `DatabaseSessionDriver`).
    public var workerSessionIdleTimeout: TimeInterval = 12 * 3600
    /// Set when the site is served over HTTPS, so that the session cookie is never sent in clear.
    public var secureCookies: Bool
    public var bcryptCost: Int
    /// Where attachment files are kept: a folder (default) or the database (several instances, no shared disk).
    public var fileStorage: FileStore
    /// The largest attachment accepted, in bytes.
    public var uploadMaxBytes: Int
    /// The lengths a 救援电梯编号 (96333 rescue code) may have: no national format, 5–6 digits by default.
    public var rescueCodeLengths: ClosedRange<Int>
    /// Workers a maintenance record must name (TSG T5002: at least two on site).
    public var minimumMaintenanceWorkers: Int
    /// The supervision rules' thresholds (days).
    public var supervision: SupervisionThresholds
    /// PostgreSQL: connections per event loop (at least 2: start-up holds one for its lock while the
    /// migrations use another).
    public var databasePoolSize: Int
    /// 企业注册 accepted from one address per hour.
    public var registrationsPerHour: Int
    /// Addresses of reverse proxies (nginx) whose X-Forwarded-For is believed: behind one, every peer
    /// address is the proxy's, and per-address limits would lump the whole city together.
    public var trustedProxies: Set<String>
    /// Days a password may be used before it must be changed at login; nil: no expiry.
    public var passwordMaxAgeDays: Int?
    /// The roles that must log in with a second factor (TOTP). `load` requires it of the three
    /// administrators unless told otherwise; a configuration built in code (tests) requires it of none.
    var secondFactorRoles: Set<UserRole> = []
    /// Requests this instance works on at once; more are answered 503 with Retry-After at once (see
    /// `LoadShedding`).
    public var maxRequestsInFlight = 64
    /// The bearer token `GET /metrics` asks for; nil: only a direct request from this machine (no proxy)
    /// may read it.
    public var metricsToken: String?
    /// `text` (Vapor's) or `json`: one JSON object per log line, for log collectors.
    public var logFormat = LogFormat.text
    /// The site's address as phones outside reach it ("https://dt.example.gov.cn"): what the QR code in each
    /// car encodes. nil: the address the request came in on (fine behind one name; set it behind a proxy).
    public var publicURL: String?

    public enum LogFormat: String, Sendable { case text, json }

    public enum FileStore: Sendable, Equatable {
        case disk(path: String)
        case database
    }

    public static let variables: [(name: String, meaning: String)] = [
        ("DATABASE_URL", "sqlite:///abs/path.sqlite, sqlite://relative/path.sqlite or postgres://user:pass@host:port/db (default sqlite://data/liftwatch.sqlite)"),
        ("LIFTWATCH_CITY", "city name in the system title (default 新乡市)"),
        ("LIFTWATCH_ADMIN_PASSWORD", "initial password of the admin account created on an empty database (default: random, printed once)"),
        ("LIFTWATCH_CAPTCHA", "on (default) or off: off disables the image captcha checks (login, registration, password recovery)"),
        ("LIFTWATCH_SESSION_IDLE_MINUTES", "minutes of inactivity after which a session ends (default 30)"),
        ("LIFTWATCH_WORKER_SESSION_IDLE_MINUTES", "minutes of inactivity after which a 维保人员's phone session ends, 1–1440 (default 720: a visit's length)"),
        ("LIFTWATCH_SITE_RADIUS_METERS", "a check-in farther than this from the elevator is 异地签到, 50–5000 (default 200)"),
        ("LIFTWATCH_SITE_MINUTES", "minutes on site below which a 半月,季度,半年,年度 visit is 时长不足, 0 for no minimum (default 30,45,60,90)"),
        ("LIFTWATCH_SITE_PHOTOS", "photos a visit must bring (机房, 轿顶, 底坑 first), 0–12; fewer is 照片不足 (default 3)"),
        ("LIFTWATCH_PHOTO_MATCH_BITS", "a photo whose perceptual hash is within this many bits of an earlier one of the company is 照片重复, 0–7 (default 6)"),
        ("LIFTWATCH_PHOTO_MAX_MB", "the largest site photo accepted, in MB, 1–50 (default 12)"),
        ("LIFTWATCH_FLAGGED_ON_TIME", "on: a record with 签到异常 no regulator has accepted still counts as on time in 统计分析 (default off: it does not)"),
        ("LIFTWATCH_SECURE_COOKIES", "true when served over HTTPS (default false)"),
        ("LIFTWATCH_BCRYPT_COST", "bcrypt cost of stored passwords, 4–31 (default 12)"),
        ("LIFTWATCH_FILE_STORAGE", "disk (default) or database: where attachment files are kept"),
        ("LIFTWATCH_HOME", "folder holding the shipped Resources/ and Public/ (default: beside the binary's bin/ folder, the working directory, or the checkout it was built from)"),
        ("LIFTWATCH_UPLOAD_DIR", "folder of attachment files with disk storage (default ./data/uploads)"),
        ("LIFTWATCH_UPLOAD_MAX_MB", "largest attachment in MB, 1–200 (default 20)"),
        ("LIFTWATCH_RESCUE_CODE_LENGTH", "digits of a 救援电梯编号: one length (6) or a range (5-6, the default)"),
        ("LIFTWATCH_MIN_MAINTENANCE_WORKERS", "workers a maintenance record must name, 1–10 (default 2)"),
        ("LIFTWATCH_MAINTENANCE_INTERVAL_DAYS", "days allowed between half-monthly visits before 超期未维保, 1–90 (default 15)"),
        ("LIFTWATCH_MAINTENANCE_WARNING_DAYS", "days after a visit from which it is 即将超期, below the interval (default 12)"),
        ("LIFTWATCH_INSPECTION_WARNING_DAYS", "days before 下次检验日期 from which it is 检验即将到期, 1–180 (default 30)"),
        ("LIFTWATCH_LATE_FILING_DAYS", "days after the work from which a record counts as 补录, 0–30 (default 3)"),
        ("LIFTWATCH_DB_POOL_SIZE", "PostgreSQL connections per event loop (one loop per core), 2–64 (default 4)"),
        ("LIFTWATCH_MAX_IN_FLIGHT", "requests one instance works on at once; more get 503 with Retry-After at once (default 64)"),
        ("LIFTWATCH_REGISTRATIONS_PER_HOUR", "企业注册 accepted from one address per hour, 1–10000 (default 5)"),
        ("LIFTWATCH_TRUSTED_PROXIES", "comma-separated addresses of reverse proxies whose X-Forwarded-For is believed (default none)"),
        ("LIFTWATCH_PASSWORD_MAX_AGE_DAYS", "days before a password must be changed at login, 0 for never, 0–3650 (default 90)"),
        ("LIFTWATCH_METRICS_TOKEN", "bearer token for GET /metrics, at least 16 characters (default: none, and /metrics answers only direct requests from this machine)"),
        ("LIFTWATCH_LOG_FORMAT", "text (default) or json: one JSON object per log line with the request id"),
        ("LIFTWATCH_PUBLIC_URL", "the site's address as phones reach it, http:// or https:// with no path (default: the request's own), encoded in the elevators' QR codes"),
        ("LIFTWATCH_REQUIRE_TOTP", "roles that must log in with a TOTP second factor: a comma-separated list of admin, security, auditor, regulator, company, or none (default admin,security,auditor)"),
    ]

    public struct Invalid: Error, CustomStringConvertible {
        public let problems: [String]
        public var description: String {
            "配置错误 (configuration error):\n" + problems.map { "  - " + $0 }.joined(separator: "\n")
        }
    }

    public init(
        database: Database, cityName: String = "新乡市", initialAdminPassword: String? = nil,
        captchaEnabled: Bool = true, sessionIdleTimeout: TimeInterval = 30 * 60,
        secureCookies: Bool = false, bcryptCost: Int = 12, fileStorage: FileStore = .database,
        uploadMaxBytes: Int = 20 * 1024 * 1024, rescueCodeLengths: ClosedRange<Int> = 5...6,
        minimumMaintenanceWorkers: Int = 2, supervision: SupervisionThresholds = SupervisionThresholds(),
        databasePoolSize: Int = 4, registrationsPerHour: Int = 5, trustedProxies: Set<String> = [],
        passwordMaxAgeDays: Int? = 90
    ) {
        self.database = database
        self.cityName = cityName
        self.initialAdminPassword = initialAdminPassword
        self.captchaEnabled = captchaEnabled
        self.sessionIdleTimeout = sessionIdleTimeout
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.fileStorage = fileStorage
        self.uploadMaxBytes = uploadMaxBytes
        self.rescueCodeLengths = rescueCodeLengths
        self.minimumMaintenanceWorkers = minimumMaintenanceWorkers
        self.supervision = supervision
        self.databasePoolSize = databasePoolSize
        self.registrationsPerHour = registrationsPerHour
        self.trustedProxies = trustedProxies
        self.passwordMaxAgeDays = passwordMaxAgeDays
    }

    /// Reads the configuration from `env`, collecting every problem before failing.
    public static func load(from env: [String: String], workingDirectory: String) throws -> AppConfig {
        var problems: [String] = []
        func value(_ name: String) -> String? {
            guard let raw = env[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func flag(_ name: String, default def: Bool, on: Set<String>, off: Set<String>) -> Bool {
            guard let raw = value(name)?.lowercased() else { return def }
            if on.contains(raw) { return true }
            if off.contains(raw) { return false }
            problems.append("\(name)=\(raw): expected one of \((on.union(off)).sorted().joined(separator: ", "))")
            return def
        }
        func integer(_ name: String, default def: Int, range: ClosedRange<Int>) -> Int {
            guard let raw = value(name) else { return def }
            guard let n = Int(raw), range.contains(n) else {
                problems.append("\(name)=\(raw): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
                return def
            }
            return n
        }

        var database = Database.sqlite(path: workingDirectory + "/data/liftwatch.sqlite")
        if let url = value("DATABASE_URL") {
            do { database = try parseDatabaseURL(url, workingDirectory: workingDirectory) }
            catch let error as Invalid { problems += error.problems }
        }
        let city = value("LIFTWATCH_CITY") ?? "新乡市"
        let admin = value("LIFTWATCH_ADMIN_PASSWORD")
        if let admin, admin.count < 8 {
            problems.append("LIFTWATCH_ADMIN_PASSWORD: at least 8 characters")
        }
        let captcha = flag("LIFTWATCH_CAPTCHA", default: true, on: ["on", "true", "1"], off: ["off", "false", "0"])
        let idle = integer("LIFTWATCH_SESSION_IDLE_MINUTES", default: 30, range: 1...1440)
        var siteEvidence = SiteEvidenceRules()
        siteEvidence.radiusMeters = Double(integer("LIFTWATCH_SITE_RADIUS_METERS", default: 200, range: 50...5000))
        if let raw = value("LIFTWATCH_SITE_MINUTES") {
            let minutes = raw.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            if minutes.count == 4, minutes.allSatisfy({ ($0 ?? -1) >= 0 && ($0 ?? -1) <= 480 }) {
                siteEvidence.minimumMinutes = Dictionary(uniqueKeysWithValues: zip(MaintenanceLevel.allCases, minutes.compactMap { $0 }))
            } else {
                problems.append("LIFTWATCH_SITE_MINUTES must be four minute counts (0–480) for 半月,季度,半年,年度, not \(raw)")
            }
        }
        siteEvidence.requiredPhotos = integer("LIFTWATCH_SITE_PHOTOS", default: 3, range: 0...12)
        siteEvidence.photoMatchBits = integer("LIFTWATCH_PHOTO_MATCH_BITS", default: 6, range: 0...7)
        let photoMB = integer("LIFTWATCH_PHOTO_MAX_MB", default: 12, range: 1...50)
        siteEvidence.flaggedCountOnTime = flag("LIFTWATCH_FLAGGED_ON_TIME", default: false, on: ["on", "true", "1"], off: ["off", "false", "0"])
        let workerIdle = integer("LIFTWATCH_WORKER_SESSION_IDLE_MINUTES", default: 720, range: 1...1440)
        let secure = flag("LIFTWATCH_SECURE_COOKIES", default: false, on: ["true", "1", "on"], off: ["false", "0", "off"])
        let cost = integer("LIFTWATCH_BCRYPT_COST", default: 12, range: 4...31)
        var store = FileStore.disk(path: workingDirectory + "/data/uploads")
        switch value("LIFTWATCH_FILE_STORAGE")?.lowercased() {
        case nil, "disk":
            if let dir = value("LIFTWATCH_UPLOAD_DIR") {
                store = .disk(path: dir.hasPrefix("/") ? dir : workingDirectory + "/" + dir)
            }
        case "database":
            store = .database
        case let other?:
            problems.append("LIFTWATCH_FILE_STORAGE=\(other): expected disk or database")
        }
        let uploadMB = integer("LIFTWATCH_UPLOAD_MAX_MB", default: 20, range: 1...200)
        var rescueLengths = 5...6
        if let raw = value("LIFTWATCH_RESCUE_CODE_LENGTH") {
            let parts = raw.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count <= 2, let low = parts.first ?? nil, let high = parts.last ?? nil, 1 <= low, low <= high, high <= 20 {
                rescueLengths = low...high
            } else {
                problems.append("LIFTWATCH_RESCUE_CODE_LENGTH=\(raw): expected a length such as 6 or a range such as 5-6 (1–20)")
            }
        }

        let workers = integer("LIFTWATCH_MIN_MAINTENANCE_WORKERS", default: 2, range: 1...10)
        var supervision = SupervisionThresholds()
        supervision.halfMonthlyDays = integer("LIFTWATCH_MAINTENANCE_INTERVAL_DAYS", default: 15, range: 1...90)
        supervision.halfMonthlyWarningDays = integer("LIFTWATCH_MAINTENANCE_WARNING_DAYS", default: min(12, supervision.halfMonthlyDays - 1),
                                                     range: 0...max(0, supervision.halfMonthlyDays - 1))
        supervision.inspectionWarningDays = integer("LIFTWATCH_INSPECTION_WARNING_DAYS", default: 30, range: 1...180)
        supervision.lateFilingDays = integer("LIFTWATCH_LATE_FILING_DAYS", default: 3, range: 0...30)
        let poolSize = integer("LIFTWATCH_DB_POOL_SIZE", default: 4, range: 2...64)
        let registrations = integer("LIFTWATCH_REGISTRATIONS_PER_HOUR", default: 5, range: 1...10_000)
        var proxies: Set<String> = []
        for raw in (value("LIFTWATCH_TRUSTED_PROXIES") ?? "").split(separator: ",") {
            let address = raw.trimmingCharacters(in: .whitespaces)
            if address.isEmpty { continue }
            if Self.isIPAddress(address) { proxies.insert(address) }
            else { problems.append("LIFTWATCH_TRUSTED_PROXIES: \(address) is not an IP address") }
        }

        let inFlight = integer("LIFTWATCH_MAX_IN_FLIGHT", default: 64, range: 1...100_000)
        let maxAge = integer("LIFTWATCH_PASSWORD_MAX_AGE_DAYS", default: 90, range: 0...3650)
        var secondFactorRoles: Set<UserRole> = [.admin, .security, .auditor]
        if let raw = value("LIFTWATCH_REQUIRE_TOTP") {
            secondFactorRoles = []
            for name in raw.lowercased().split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where name != "none" {
                if let role = UserRole(rawValue: name) { secondFactorRoles.insert(role) }
                else { problems.append("LIFTWATCH_REQUIRE_TOTP: \(name) is not a role (admin, security, auditor, regulator, company, none)") }
            }
        }

        let metricsToken = value("LIFTWATCH_METRICS_TOKEN")
        if let metricsToken, metricsToken.count < 16 {
            problems.append("LIFTWATCH_METRICS_TOKEN must be at least 16 characters")
        }
        var logFormat = LogFormat.text
        if let raw = value("LIFTWATCH_LOG_FORMAT") {
            if let format = LogFormat(rawValue: raw.lowercased()) { logFormat = format }
            else { problems.append("LIFTWATCH_LOG_FORMAT must be text or json, not \(raw)") }
        }

        let publicURL = value("LIFTWATCH_PUBLIC_URL").map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        if let publicURL, !Self.isSiteAddress(publicURL) {
            problems.append("LIFTWATCH_PUBLIC_URL must be http:// or https:// with a host and no path, not \(publicURL)")
        }

        guard problems.isEmpty else { throw Invalid(problems: problems) }
        var config = AppConfig(
            database: database, cityName: city, initialAdminPassword: admin, captchaEnabled: captcha,
            sessionIdleTimeout: TimeInterval(idle * 60), secureCookies: secure, bcryptCost: cost,
            fileStorage: store, uploadMaxBytes: uploadMB * 1024 * 1024, rescueCodeLengths: rescueLengths,
            minimumMaintenanceWorkers: workers, supervision: supervision, databasePoolSize: poolSize,
            registrationsPerHour: registrations, trustedProxies: proxies, passwordMaxAgeDays: maxAge == 0 ? nil : maxAge)
        config.secondFactorRoles = secondFactorRoles
        config.maxRequestsInFlight = inFlight
        config.metricsToken = metricsToken
        config.logFormat = logFormat
        config.publicURL = publicURL
        config.workerSessionIdleTimeout = TimeInterval(workerIdle * 60)
        config.siteEvidence = siteEvidence
        config.photoMaxBytes = photoMB * 1024 * 1024
        return config
    }

    /// "https://host[:port]" and nothing after it.
    static func isSiteAddress(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else { return false }
        return url.path.isEmpty && url.query == nil && url.fragment == nil && url.user == nil
    }

    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    static func parseDatabaseURL(_ url: String, workingDirectory: String) throws -> Database {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard URL(string: url)?.host != nil else {
                throw Invalid(problems: ["DATABASE_URL: cannot read a host in \(url)"])
            }
            return .postgres(url: url)
        }
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }  // sqlite:///abs → /abs, sqlite://rel → rel
            guard !path.isEmpty else { throw Invalid(problems: ["DATABASE_URL: the sqlite URL names no file"]) }
            return .sqlite(path: path.hasPrefix("/") ? path : workingDirectory + "/" + path)
        }
        throw Invalid(problems: ["DATABASE_URL=\(url): expected sqlite:///path or postgres://user:pass@host:port/db"])
    }
}
