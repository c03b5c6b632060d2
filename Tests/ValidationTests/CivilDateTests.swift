import Foundation
import Testing
import Validation

@Suite struct CivilDateTests {
    @Test(arguments: [
        (2014, 9, 1), (2024, 2, 29), (2000, 2, 29), (1900, 2, 28), (1900, 1, 1),
        (2023, 4, 30), (2023, 12, 31), (1, 1, 1), (9999, 12, 31),
    ])
    func acceptsRealDates(y: Int, m: Int, d: Int) throws {
        let date = try #require(CivilDate(year: y, month: m, day: d))
        #expect(date.year == y && date.month == m && date.day == d)
    }

    @Test(arguments: [
        (2014, 2, 30),   // 2 月 30 日
        (2023, 2, 29),   // not a leap year
        (1900, 2, 29),   // century not divisible by 400
        (2100, 2, 29),
        (2014, 4, 31), (2014, 6, 31), (2014, 9, 31), (2014, 11, 31),
        (2014, 1, 32), (2014, 1, 0), (2014, 0, 1), (2014, 13, 1),
        (0, 1, 1), (10000, 1, 1), (-1, 1, 1),
    ])
    func refusesImpossibleDates(y: Int, m: Int, d: Int) {
        #expect(CivilDate(year: y, month: m, day: d) == nil)
    }

    @Test(arguments: [
        ((2014, 9, 1), "2014-09-01"),
        ((2024, 12, 25), "2024-12-25"),
        ((5, 1, 2), "0005-01-02"),
        ((9999, 12, 31), "9999-12-31"),
    ])
    func isoIsZeroPadded(parts: (Int, Int, Int), iso: String) {
        #expect(day(parts.0, parts.1, parts.2).iso == iso)
    }

    @Test(arguments: ["2014-09-01", "2000-02-29", "0001-01-01", "9999-12-31"])
    func isoRoundTrips(text: String) throws {
        let date = try #require(CivilDate(iso: text))
        #expect(date.iso == text)
    }

    @Test func parsesIsoIntoFields() {
        #expect(CivilDate(iso: "2014-09-01") == day(2014, 9, 1))
    }

    @Test(arguments: [
        "", "2014-9-1", "2014/09/01", "2014-02-30", "2023-02-29", "20140901", "2014-09-01 ",
        " 2014-09-01", "２０１４-09-01", "+014-09-01", "2014-09-0a", "2014-09", "2014-09-01-01",
        "14-09-01", "02014-09-01",
    ])
    func strictIsoRefusesOtherForms(text: String) {
        #expect(CivilDate(iso: text) == nil)
    }

    @Test func ordersByYearThenMonthThenDay() {
        let dates = [day(2014, 9, 1), day(2013, 12, 31), day(2014, 10, 1), day(2014, 9, 2), day(2014, 1, 31)]
        #expect(dates.sorted() == [day(2013, 12, 31), day(2014, 1, 31), day(2014, 9, 1), day(2014, 9, 2),
                                   day(2014, 10, 1)])
        #expect(day(2014, 9, 1) < day(2014, 9, 2))
        #expect(!(day(2014, 9, 1) < day(2014, 9, 1)))
        #expect(day(2013, 12, 31) < day(2014, 1, 1))
        #expect(day(2014, 2, 28) < day(2014, 3, 1))
    }

    @Test func hashesByValue() {
        let set: Set = [day(2014, 9, 1), day(2014, 9, 1), day(2014, 9, 2)]
        #expect(set.count == 2)
    }

    @Test func encodesAsIsoString() throws {
        let data = try JSONEncoder().encode([day(2014, 9, 1)])
        #expect(String(decoding: data, as: UTF8.self) == #"["2014-09-01"]"#)
    }

    @Test func decodesIsoString() throws {
        let decoded = try JSONDecoder().decode([CivilDate].self, from: Data(#"["2000-02-29"]"#.utf8))
        #expect(decoded == [day(2000, 2, 29)])
    }

    @Test(arguments: [#"["2014-02-30"]"#, #"["2014/9/1"]"#, #"[{"year":2014,"month":9,"day":1}]"#, "[20140901]"])
    func decodingRefusesInvalidValues(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data(json.utf8))
        }
    }
}
