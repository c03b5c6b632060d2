import Foundation
import Vapor

/// The time as the application sees it. Injected so that tests can pin "now" (expiry, lockouts,
/// idle sessions) instead of sleeping.
public protocol AppClock: Sendable {
    func now() -> Date
}

public struct SystemClock: AppClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that tests move by hand.
public final class ManualClock: AppClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    public init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) { current = start }
    public func now() -> Date { lock.withLock { current } }
    public func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// China has a single time zone and no daylight saving; calendar dates (birth dates, certificate
/// dates) are reckoned in it whatever the server's own zone is.
public let chinaTimeZone = TimeZone(identifier: "Asia/Shanghai")!

import Validation

extension AppClock {
    /// Today's date in China.
    func today() -> CivilDate { CivilDate.inChina(now()) }
}

extension CivilDate {
    /// The calendar date in China at `date`.
    static func inChina(_ date: Date) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = chinaTimeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
