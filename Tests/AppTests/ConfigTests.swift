@testable import App
import Testing

@Suite("Configuration, read once and typed")
struct ConfigTests {
    @Test("defaults: SQLite under ./data, captcha on, 30-minute sessions, 新乡市")
    func defaults() throws {
        let config = try AppConfig.load(from: [:], workingDirectory: "/srv/lw")
        #expect(config.database == .sqlite(path: "/srv/lw/data/liftwatch.sqlite"))
        #expect(config.captchaEnabled)
        #expect(config.sessionIdleTimeout == 1800)
        #expect(config.systemTitle == "新乡市电梯维保单位监管系统")
        #expect(config.databasePoolSize == 4)
        #expect(try AppConfig.load(from: ["LIFTWATCH_DB_POOL_SIZE": "16"], workingDirectory: "/").databasePoolSize == 16)
    }

    @Test("DATABASE_URL forms", arguments: [
        ("sqlite:///var/lib/lw.sqlite", AppConfig.Database.sqlite(path: "/var/lib/lw.sqlite")),
        ("sqlite://data/x.sqlite", .sqlite(path: "/srv/lw/data/x.sqlite")),
        ("sqlite:x.sqlite", .sqlite(path: "/srv/lw/x.sqlite")),
        ("postgres://lw:pw@127.0.0.1:5432/lw?sslmode=disable", .postgres(url: "postgres://lw:pw@127.0.0.1:5432/lw?sslmode=disable")),
    ])
    func databaseURL(url: String, expected: AppConfig.Database) throws {
        #expect(try AppConfig.load(from: ["DATABASE_URL": url], workingDirectory: "/srv/lw").database == expected)
    }

    @Test("every bad value is named at once")
    func badValues() {
        do {
            _ = try AppConfig.load(from: [
                "DATABASE_URL": "mysql://x", "LIFTWATCH_CAPTCHA": "maybe", "LIFTWATCH_SESSION_IDLE_MINUTES": "0",
                "LIFTWATCH_ADMIN_PASSWORD": "short", "LIFTWATCH_DB_POOL_SIZE": "1",
            ], workingDirectory: "/srv")
            Issue.record("expected a configuration error")
        } catch let error as AppConfig.Invalid {
            #expect(error.problems.count == 5)
            for name in ["DATABASE_URL", "LIFTWATCH_CAPTCHA", "LIFTWATCH_SESSION_IDLE_MINUTES", "LIFTWATCH_ADMIN_PASSWORD", "LIFTWATCH_DB_POOL_SIZE"] {
                #expect(error.description.contains(name))
            }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("LIFTWATCH_PUBLIC_URL: a site address without a path, or refused with its name", arguments: [
        ("https://dt.example.gov.cn", "https://dt.example.gov.cn"), ("http://10.0.0.5:8080/", "http://10.0.0.5:8080"),
        ("ftp://dt.example.gov.cn", nil), ("https://dt.example.gov.cn/lw", nil), ("dt.example.gov.cn", nil),
        ("https://dt.example.gov.cn?x=1", nil),
    ] as [(String, String?)])
    func publicURL(raw: String, expected: String?) throws {
        do {
            let config = try AppConfig.load(from: ["LIFTWATCH_PUBLIC_URL": raw], workingDirectory: "/")
            #expect(config.publicURL == expected)
        } catch let error as AppConfig.Invalid {
            #expect(expected == nil && error.description.contains("LIFTWATCH_PUBLIC_URL"))
        }
    }

    @Test("the proof-of-visit thresholds: radius and minutes per level, defaults and refusals")
    func siteEvidence() throws {
        let defaults = try AppConfig.load(from: [:], workingDirectory: "/")
        #expect(defaults.siteEvidence.radiusMeters == 200 && defaults.siteEvidence.minimumMinutes[.yearly] == 90)
        let set = try AppConfig.load(from: ["LIFTWATCH_SITE_RADIUS_METERS": "300", "LIFTWATCH_SITE_MINUTES": "20, 40, 60, 120",
                                            "LIFTWATCH_MIN_MAINTENANCE_WORKERS": "3"], workingDirectory: "/")
        #expect(set.siteEvidence.radiusMeters == 300 && set.siteEvidence.minimumMinutes[.halfMonthly] == 20)
        #expect(set.siteRules.requiredWorkers == 3)
        #expect(!defaults.siteEvidence.flaggedCountOnTime)
        #expect(try AppConfig.load(from: ["LIFTWATCH_FLAGGED_ON_TIME": "on"], workingDirectory: "/").siteEvidence.flaggedCountOnTime)
        // 0 turns a level's minimum off.
        #expect(try AppConfig.load(from: ["LIFTWATCH_SITE_MINUTES": "0,0,0,0"], workingDirectory: "/").siteEvidence.minimumMinutes[.yearly] == 0)
        // 现场照片: three by default, a match within 6 bits, 12 MB.
        #expect(defaults.siteEvidence.requiredPhotos == 3 && defaults.siteEvidence.photoMatchBits == 6 && defaults.photoMaxBytes == 12 << 20)
        let photos = try AppConfig.load(from: ["LIFTWATCH_SITE_PHOTOS": "4", "LIFTWATCH_PHOTO_MATCH_BITS": "3", "LIFTWATCH_PHOTO_MAX_MB": "5"],
                                        workingDirectory: "/")
        #expect(photos.siteRules.requiredPhotos == 4 && photos.siteRules.photoMatchBits == 3 && photos.photoLimits.maxBytes == 5 << 20)
        for bad in [["LIFTWATCH_SITE_MINUTES": "30,45,60"], ["LIFTWATCH_SITE_MINUTES": "30,45,60,-1"], ["LIFTWATCH_SITE_RADIUS_METERS": "10"],
                    ["LIFTWATCH_PHOTO_MATCH_BITS": "8"], ["LIFTWATCH_SITE_PHOTOS": "13"], ["LIFTWATCH_PHOTO_MAX_MB": "0"]] {
            #expect(throws: AppConfig.Invalid.self) { try AppConfig.load(from: bad, workingDirectory: "/") }
        }
    }

    @Test("a 维保人员's phone session lasts a visit by default, and is configurable")
    func workerSessions() throws {
        #expect(try AppConfig.load(from: [:], workingDirectory: "/").workerSessionIdleTimeout == 12 * 3600)
        #expect(try AppConfig.load(from: ["LIFTWATCH_WORKER_SESSION_IDLE_MINUTES": "90"], workingDirectory: "/").workerSessionIdleTimeout == 5400)
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.load(from: ["LIFTWATCH_WORKER_SESSION_IDLE_MINUTES": "0"], workingDirectory: "/") }
    }

    @Test("LIFTWATCH_CAPTCHA=off turns the captcha check off")
    func captchaOff() throws {
        #expect(try AppConfig.load(from: ["LIFTWATCH_CAPTCHA": "off"], workingDirectory: "/").captchaEnabled == false)
    }
}
