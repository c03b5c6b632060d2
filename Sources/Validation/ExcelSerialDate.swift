/// Excel's serial day numbers, as found in .xlsx cells formatted as dates.
///
/// Followed: ECMA-376 1st edition, Part 4, "Date Representation" (SpreadsheetML dates and times).
///
/// 1900 date base system (the default): serial 1 is 1900-01-01. For legacy reasons (a Lotus 1-2-3 bug)
/// the standard treats 1900 as a leap year: the non-existent 1900-02-29 is serial 60 and serials from 61
/// on are one day ahead of a true count (61 is 1900-03-01). So a serial below 60 counts days after
/// 1899-12-31, and a serial from 61 on counts days after 1899-12-30.
///
/// Serial 60 returns nil. It names a day that does not exist; mapping it to 1900-02-28 would make two
/// serials share a date and hide a cell that is almost certainly wrong (nothing in an elevator register
/// dates from 1900). The import then reports the cell instead of storing a made-up date.
///
/// 1904 date system (`<workbookPr date1904="1"/>` in workbook.xml, old Mac workbooks): serial 0 is
/// 1904-01-01, with no fake leap day.
///
/// The fractional part is the time of day and is dropped. Values below the first serial, NaN, infinity and
/// values past 9999-12-31 (the standard's upper limit: 2958465 in the 1900 system, 2957003 in the 1904
/// system) are ill-formed there and give nil.
public enum ExcelSerialDate {
    private static let fakeLeapDaySerial = 60
    /// Day numbers (days since 1970-01-01) of the epochs the serials count from.
    private static let dayBefore1900 = CivilDate(year: 1899, month: 12, day: 31)!.daysSince1970
    private static let lotusShiftedEpoch = CivilDate(year: 1899, month: 12, day: 30)!.daysSince1970
    private static let epoch1904 = CivilDate(year: 1904, month: 1, day: 1)!.daysSince1970

    public static func date(fromSerial serial: Double, uses1904: Bool) -> CivilDate? {
        guard serial.isFinite else { return nil }
        let whole = serial.rounded(.down)
        // Rough bound before converting to Int so absurd values cannot trap; the exact end is checked below.
        guard whole >= 0, whole <= 3_000_000 else { return nil }
        let n = Int(whole)

        let day: Int
        if uses1904 {
            day = epoch1904 + n
        } else {
            guard n >= 1, n != fakeLeapDaySerial else { return nil }
            day = n < fakeLeapDaySerial ? dayBefore1900 + n : lotusShiftedEpoch + n
        }
        // CivilDate ends at 9999-12-31, the standard's upper limit, so later serials come back nil here.
        return CivilDate(daysSince1970: day)
    }

    /// The 1900-system serial Excel shows for a date (the inverse of `date(fromSerial:uses1904: false)`).
    /// Dates before 1900-01-01 give 0 or a negative number, which Excel does not display as a date.
    public static func serial(for date: CivilDate) -> Int {
        let day = date.daysSince1970
        let firstAfterFakeDay = CivilDate(year: 1900, month: 3, day: 1)!.daysSince1970
        return day >= firstAfterFakeDay ? day - lotusShiftedEpoch : day - dayBefore1900
    }
}
