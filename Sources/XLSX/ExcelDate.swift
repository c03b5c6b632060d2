import Foundation

/// Converts between Excel serial day numbers and calendar dates, without time zones: a serial is a
/// wall-clock date and time, and going through `Date` would shift it by the server's zone.
///
/// Source: /work/shared/domain/RULES.md ("Excel dates") and ECMA-376 Part 1 §18.17.4.1. In the 1900
/// system serial 1 is 1900-01-01 and serial 60 is the non-existent 1900-02-29 (kept by Excel for
/// Lotus 1-2-3 compatibility), so from 61 on a serial is one more than the true day count. In the 1904
/// system serial 0 is 1904-01-01.
public enum ExcelDate {
    /// Days from 0000-03-01-based civil epoch to 1899-12-30, the day that makes serials ≥ 61 exact.
    private static let epoch1900 = daysFromCivil(year: 1899, month: 12, day: 30)
    private static let epoch1904 = daysFromCivil(year: 1904, month: 1, day: 1)

    /// The calendar date (and time of day, when the serial has a fraction) that a serial shows as.
    ///
    /// Returns nil for serials Excel cannot show as a date: negative ones, the phantom 1900-02-29
    /// (serial 60), and ones past 9999-12-31. A serial below 1 in the 1900 system is a time of day
    /// only: the result then has hour, minute and second but no year, month or day.
    public static func components(serial: Double, uses1904: Bool) -> DateComponents? {
        guard serial.isFinite, serial >= 0, serial < 3_000_000 else { return nil }
        // Round to the second first, so 0.999999 of a day becomes the next midnight, not 23:59:60.
        let totalSeconds = Int((serial * 86_400).rounded())
        let wholeDays = totalSeconds / 86_400
        let secondOfDay = totalSeconds % 86_400
        let hour = secondOfDay / 3_600, minute = secondOfDay % 3_600 / 60, second = secondOfDay % 60

        let civilDay: Int
        if uses1904 {
            civilDay = epoch1904 + wholeDays
        } else if wholeDays == 0 {
            return DateComponents(hour: hour, minute: minute, second: second)
        } else if wholeDays == 60 {
            return nil
        } else if wholeDays < 60 {
            civilDay = epoch1900 + wholeDays + 1
        } else {
            civilDay = epoch1900 + wholeDays
        }
        let (year, month, day) = civilFromDays(civilDay)
        guard year <= 9999 else { return nil }
        return DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// The serial Excel stores for a calendar date (midnight) and optional time of day.
    /// Returns nil for an impossible date or one Excel cannot store (before 1900-01-01, or before
    /// 1904-01-01 in the 1904 system, or after 9999-12-31).
    public static func serial(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
                              uses1904: Bool = false) -> Double? {
        guard (1...12).contains(month), (1...31).contains(day), (1900...9999).contains(year),
              (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else { return nil }
        let civilDay = daysFromCivil(year: year, month: month, day: day)
        // Reject 2023-02-30 and the like: the day must survive the round trip.
        guard civilFromDays(civilDay) == (year, month, day) else { return nil }
        let days: Int
        if uses1904 {
            days = civilDay - epoch1904
            guard days >= 0 else { return nil }
        } else {
            let exact = civilDay - epoch1900
            days = exact >= 61 ? exact : exact - 1
            guard days >= 1 else { return nil }
        }
        return Double(days) + Double(hour * 3_600 + minute * 60 + second) / 86_400
    }

    // Howard Hinnant's days_from_civil / civil_from_days (public domain), proleptic Gregorian.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
