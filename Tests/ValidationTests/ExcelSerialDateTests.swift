import Testing
import Validation

@Suite struct ExcelSerialDateTests {
    // MARK: 1900 system

    @Test(arguments: [
        (1.0, day(1900, 1, 1)),
        (2.0, day(1900, 1, 2)),
        (31.0, day(1900, 1, 31)),
        (59.0, day(1900, 2, 28)),
        (61.0, day(1900, 3, 1)),     // the day after the fake 1900-02-29
        (25569.0, day(1970, 1, 1)),
        (36526.0, day(2000, 1, 1)),
        (41883.0, day(2014, 9, 1)),
        (45351.0, day(2024, 2, 29)),
        (2958465.0, day(9999, 12, 31)),   // Excel's last date
    ])
    func converts1900Serials(serial: Double, expected: CivilDate) {
        #expect(ExcelSerialDate.date(fromSerial: serial, uses1904: false) == expected)
    }

    @Test func serial60TheFake1900February29IsNil() {
        // Documented choice: the day does not exist, so the cell is reported rather than guessed.
        #expect(ExcelSerialDate.date(fromSerial: 60, uses1904: false) == nil)
        #expect(ExcelSerialDate.date(fromSerial: 60.5, uses1904: false) == nil)
    }

    @Test(arguments: [0.0, 0.5, -1.0, -0.5, 2958466.0, 1e300, -1e300, .nan, .infinity, -.infinity])
    func refusesOutOfRange1900(serial: Double) {
        #expect(ExcelSerialDate.date(fromSerial: serial, uses1904: false) == nil)
    }

    @Test(arguments: [41883.0, 41883.25, 41883.75, 41883.999999])
    func ignoresTimeOfDay(serial: Double) {
        #expect(ExcelSerialDate.date(fromSerial: serial, uses1904: false) == day(2014, 9, 1))
    }

    // MARK: 1904 system

    @Test(arguments: [
        (0.0, day(1904, 1, 1)),
        (0.75, day(1904, 1, 1)),
        (1.0, day(1904, 1, 2)),
        (59.0, day(1904, 2, 29)),   // 1904 is a real leap year
        (60.0, day(1904, 3, 1)),    // no fake day in this system
        (40421.0, day(2014, 9, 1)), // 41883 − 1462
        (2957003.0, day(9999, 12, 31)),
    ])
    func converts1904Serials(serial: Double, expected: CivilDate) {
        #expect(ExcelSerialDate.date(fromSerial: serial, uses1904: true) == expected)
    }

    @Test(arguments: [-1.0, -0.25, 2957004.0, .nan, .infinity])
    func refusesOutOfRange1904(serial: Double) {
        #expect(ExcelSerialDate.date(fromSerial: serial, uses1904: true) == nil)
    }

    @Test func systemsDifferBy1462Days() {
        #expect(ExcelSerialDate.date(fromSerial: 41883, uses1904: true) == day(2018, 9, 2))
    }

    // MARK: Date to serial

    @Test(arguments: [
        (day(1900, 1, 1), 1),
        (day(1900, 2, 28), 59),
        (day(1900, 3, 1), 61),
        (day(2014, 9, 1), 41883),
        (day(1970, 1, 1), 25569),
        (day(9999, 12, 31), 2958465),
        (day(1899, 12, 31), 0),
        (day(1899, 12, 30), -1),
    ])
    func serialForDate(date: CivilDate, expected: Int) {
        #expect(ExcelSerialDate.serial(for: date) == expected)
    }

    @Test func serialRoundTripsEveryDayFrom1900To2200() {
        var mismatches: [Int] = []
        for serial in 1...110_000 where serial != 60 {
            guard let date = ExcelSerialDate.date(fromSerial: Double(serial), uses1904: false),
                  ExcelSerialDate.serial(for: date) == serial
            else { mismatches.append(serial); continue }
        }
        #expect(mismatches.isEmpty)
    }

    @Test func consecutiveSerialsAreConsecutiveDays() throws {
        // Checks the calendar arithmetic across month ends and leap years, independently of serial(for:).
        var previous = try #require(ExcelSerialDate.date(fromSerial: 61, uses1904: false))
        for serial in 62...80_000 {
            let date = try #require(ExcelSerialDate.date(fromSerial: Double(serial), uses1904: false))
            let expected: CivilDate
            if let next = CivilDate(year: previous.year, month: previous.month, day: previous.day + 1) {
                expected = next
            } else if let next = CivilDate(year: previous.year, month: previous.month + 1, day: 1) {
                expected = next
            } else {
                expected = try #require(CivilDate(year: previous.year + 1, month: 1, day: 1))
            }
            guard date == expected else {
                Issue.record("serial \(serial) gave \(date.iso), expected \(expected.iso)")
                return
            }
            previous = date
        }
    }
}
