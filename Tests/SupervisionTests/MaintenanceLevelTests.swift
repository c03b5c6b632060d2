import Supervision
import Validation
import Testing

@Suite("TSG T5002 levels, equipment kinds and the hashed text")
struct MaintenanceLevelTests {
    @Test("a higher level covers the lower levels' items, never the other way")
    func covering() {
        #expect(MaintenanceLevel.halfMonthly.coveredLevels == [.halfMonthly])
        #expect(MaintenanceLevel.quarterly.coveredLevels == [.halfMonthly, .quarterly])
        #expect(MaintenanceLevel.yearly.coveredLevels == MaintenanceLevel.allCases)
        #expect(MaintenanceLevel.quarterly.covers(.halfMonthly))
        #expect(!MaintenanceLevel.halfMonthly.covers(.quarterly))
        #expect(MaintenanceLevel(rawValue: "半年") == .halfYearly)
    }

    @Test("the kind of an elevator by its 设备名称, free text included")
    func kinds() {
        #expect(ElevatorKind(equipmentName: "曳引式客梯") == .traction)
        #expect(ElevatorKind(equipmentName: "乘客电梯") == .traction)
        #expect(ElevatorKind(equipmentName: "自动扶梯") == .escalator)
        #expect(ElevatorKind(equipmentName: "自动人行道") == .escalator)
        #expect(ElevatorKind(equipmentName: "杂物电梯") == .dumbwaiter)
        #expect(ElevatorKind(equipmentName: "液压电梯") == .hydraulic)
        #expect(ElevatorKind(equipmentName: "某厂老式货梯") == .traction)
    }

    @Test("the hashed text writes each value with its byte length, so values cannot run into each other")
    func digestText() {
        var a = RecordDigestText(scheme: "s/1", previousHash: "")
        a.add("x", "ab"); a.add("y", "c")
        var b = RecordDigestText(scheme: "s/1", previousHash: "")
        b.add("x", "a"); b.add("y", "bc")
        #expect(a.text != b.text)
        #expect(a.text == "scheme:3:s/1\nprevious:0:\nx:2:ab\ny:1:c\n")
        var c = RecordDigestText(scheme: "s/1", previousHash: "")
        c.add("名", "维保")
        #expect(c.text.hasSuffix("名:6:维保\n"))
    }
}

@Suite("Supervision rules around their boundaries")
struct SupervisionDayTests {
    static let day = SupervisionDay(today: CivilDate(year: 2026, month: 9, day: 21)!, thresholds: SupervisionThresholds())

    static func date(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    @Test("15 days after the last visit is on time, 16 is overdue; the warning starts on day 12")
    func halfMonthly() {
        let d = Self.day
        #expect(!d.isOverdue(lastVisit: Self.date("2026-09-06"), level: .halfMonthly))   // 15 days ago
        #expect(d.isOverdue(lastVisit: Self.date("2026-09-05"), level: .halfMonthly))    // 16 days ago
        #expect(d.isDueSoon(lastVisit: Self.date("2026-09-09")))                         // day 12
        #expect(!d.isDueSoon(lastVisit: Self.date("2026-09-10")))                        // day 11
        #expect(d.isDueSoon(lastVisit: Self.date("2026-09-06")))                         // day 15: still a warning
        #expect(!d.isDueSoon(lastVisit: Self.date("2026-09-05")))                        // day 16: overdue instead
    }

    @Test("按需维保: a visit's due date is the last visit plus the elevator's interval; the warning starts the default's 3 days before it")
    func customInterval() {
        let d = Self.day  // 2026-09-21
        #expect(SupervisionDay.visitDue(after: Self.date("2026-08-22"), intervalDays: 30) == Self.date("2026-09-21"))
        #expect(SupervisionDay.visitDue(after: Self.date("2026-09-06"), intervalDays: 15) == Self.date("2026-09-21"))
        #expect(SupervisionDay.visitDue(after: Self.date("2026-12-20"), intervalDays: 15) == Self.date("2027-01-04"))
        #expect(d.warningDue == Self.date("2026-09-24"))
        // The default interval's own boundaries, said through the due date: 12 days ago is due in 3 days
        // (the warning's first day), 15 days ago is due today (on time), 16 days ago was due yesterday.
        for (back, due) in [(12, "2026-09-24"), (15, "2026-09-21"), (16, "2026-09-20")] {
            let last = CivilDate(daysSince1970: d.today.daysSince1970 - back)!
            #expect(SupervisionDay.visitDue(after: last, intervalDays: 15) == Self.date(due))
        }
        var t = SupervisionThresholds()
        t.halfMonthlyDays = 30; t.halfMonthlyWarningDays = 25
        #expect(SupervisionDay(today: d.today, thresholds: t).warningDue == Self.date("2026-09-26"))
    }

    @Test("quarterly, half-yearly and yearly intervals; configurable")
    func longerLevels() {
        var t = SupervisionThresholds()
        #expect(Self.day.lastAllowedVisit(.quarterly) == Self.date("2026-06-21"))
        #expect(Self.day.lastAllowedVisit(.yearly) == Self.date("2025-09-20"))
        t.halfMonthlyDays = 30
        #expect(SupervisionDay(today: Self.day.today, thresholds: t).lastAllowedVisit(.halfMonthly) == Self.date("2026-08-22"))
    }

    @Test("expiry steps 90/60/30/7; expired is none of them")
    func expiry() {
        let d = Self.day
        #expect(d.expiryStep(Self.date("2026-12-20")) == 90)
        #expect(d.expiryStep(Self.date("2026-12-21")) == nil)
        #expect(d.expiryStep(Self.date("2026-10-21")) == 30)
        #expect(d.expiryStep(Self.date("2026-09-28")) == 7)
        #expect(d.expiryStep(Self.date("2026-09-21")) == 7)
        #expect(d.expiryStep(Self.date("2026-09-20")) == nil)
        #expect(d.inspectionWarningDate == Self.date("2026-10-21"))
    }
}
