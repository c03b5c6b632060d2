/// A calendar date without time or time zone: a birth date, an inspection date, a maintenance day.
///
/// `Date` is an instant and would shift by a day when formatted in another time zone; the dates in this
/// domain are civil dates as printed on certificates, so they are kept as year, month, day. The calendar
/// is the proleptic Gregorian calendar (ISO 8601). Years are limited to 1...9999 so that `iso` always has
/// the four-digit year ISO 8601 requires without an expansion agreement (and 9999-12-31 is also Excel's
/// last date).
///
/// Encoded as its ISO string ("2014-09-01") rather than as an object, so stored JSON reads naturally and
/// decoding goes through the same validation as `init?(iso:)`.
public struct CivilDate: Equatable, Comparable, Hashable, Sendable, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless the three numbers name a real Gregorian date (so no 2 月 30 日, no 2023-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Gregorian leap rule (divisible by 4, except centuries not divisible by 400).
    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO 8601 calendar date, extended format: "2014-09-01".
    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Parses exactly "YYYY-MM-DD" (the form `iso` produces and HTML `<input type="date">` submits).
    /// Looser forms found in spreadsheets are `TextDate`'s job.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = ASCIIText.number(parts[0]), let m = ASCIIText.number(parts[1]),
              let d = ASCIIText.number(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Not an ISO 8601 calendar date (YYYY-MM-DD): \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
