import Supervision
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
