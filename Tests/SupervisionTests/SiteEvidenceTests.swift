import Foundation
import Supervision
import Testing

@Suite("维保签到: distances and the proof-of-visit flags at their boundaries")
struct SiteEvidenceTests {
    static let elevator = GeoPoint(latitude: 34.7521, longitude: 113.0221)
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// A point `metres` due north of the elevator (one degree of latitude is 111,195 m on the mean sphere).
    static func north(_ metres: Double) -> GeoPoint {
        GeoPoint(latitude: elevator.latitude + metres / 111_194.93, longitude: elevator.longitude)
    }

    /// A visit of the workers at `places`, with a photo of each labelled slot unless told otherwise.
    static func visit(_ places: [GeoPoint?], minutes: Double? = 40, level: MaintenanceLevel? = .halfMonthly,
                      filedAfterHours: Double? = 1, photos: [String] = SiteEvidenceRules.photoSlots, reused: [String] = []) -> SiteEvidence {
        let end = minutes.map { start.addingTimeInterval($0 * 60) }
        return SiteEvidence(
            checkIns: places.enumerated().map { .init(worker: "W\($0.offset)", place: $0.element, accuracy: 10) },
            lastCheckIn: start, checkOut: end, level: level,
            recordFiledAt: filedAfterHours.map { (end ?? start).addingTimeInterval($0 * 3600) }, elevator: elevator,
            photoSlots: photos, reusedPhotos: reused)
    }

    @Test("distances: known pairs")
    func distances() {
        #expect(abs(Self.elevator.distance(to: Self.north(200)) - 200) < 0.5)
        // 新乡市 to 郑州市 (city halls): about 73 km.
        let xinxiang = GeoPoint(latitude: 35.3030, longitude: 113.9268), zhengzhou = GeoPoint(latitude: 34.7466, longitude: 113.6254)
        #expect(abs(xinxiang.distance(to: zhengzhou) - 67_700) < 2_000)
        #expect(Self.elevator.distance(to: Self.elevator) == 0)
        #expect(SiteEvidenceRules.distanceText(35.4) == "35米" && SiteEvidenceRules.distanceText(5_230) == "5.2公里")
    }

    @Test("a proper visit raises nothing")
    func clean() {
        #expect(SiteEvidenceRules().flags(Self.visit([Self.north(10), Self.north(50)])).isEmpty)
    }

    @Test("异地签到 beyond the radius, not at it; a check-in without a position counts as away")
    func offSite() {
        let rules = SiteEvidenceRules()
        #expect(rules.flags(Self.visit([Self.north(199), Self.north(10)])).isEmpty)
        let away = rules.flags(Self.visit([Self.north(201), Self.north(10)]))
        #expect(away.map(\.flag) == [.offSite] && away[0].detail.hasPrefix("W0距电梯201米"))
        #expect(rules.flags(Self.visit([nil, Self.north(10)])).map(\.detail) == ["W0未取得位置（范围200米）"])
        // The elevator's place unknown: distance cannot be judged, a missing position still shows.
        var unplaced = Self.visit([Self.north(5_000), Self.north(10)])
        unplaced.elevator = nil
        #expect(rules.flags(unplaced).isEmpty)
    }

    @Test("时长不足 below the level's minimum, not at it; not judged before check-out or without a record")
    func duration() {
        let rules = SiteEvidenceRules()
        #expect(rules.flags(Self.visit([Self.north(1), Self.north(2)], minutes: 30)).isEmpty)
        #expect(rules.flags(Self.visit([Self.north(1), Self.north(2)], minutes: 29.9)).map(\.flag) == [.tooShort])
        #expect(rules.flags(Self.visit([Self.north(1), Self.north(2)], minutes: 89, level: .yearly)).map(\.detail)
                == ["在场89分钟，年度维保应不少于90分钟"])
        #expect(rules.flags(Self.visit([Self.north(1), Self.north(2)], minutes: nil)).isEmpty)
        #expect(rules.flags(Self.visit([Self.north(1), Self.north(2)], minutes: 5, level: nil)).isEmpty)
    }

    @Test("单人作业 with fewer workers than required; 无签到 without any check-in")
    func workers() {
        let rules = SiteEvidenceRules()
        #expect(rules.flags(Self.visit([Self.north(1)])).map(\.flag) == [.singleWorker])
        #expect(rules.flags(SiteEvidence.none).map(\.flag) == [.noCheckIn])
    }

    @Test("超24小时上传 past 24 hours after the visit's end, not at it")
    func upload() {
        let rules = SiteEvidenceRules()
        #expect(rules.flags(Self.visit([Self.north(1), Self.north(2)], filedAfterHours: 24)).isEmpty)
        #expect(rules.flags(Self.visit([Self.north(1), Self.north(2)], filedAfterHours: 24.02)).map(\.flag) == [.lateUpload])
    }

    @Test("照片不足 below the required count or without a labelled slot, judged once the visit ends or has its record; 照片重复 says what it repeats")
    func photos() {
        let rules = SiteEvidenceRules()
        let two = [Self.north(1), Self.north(2)]
        #expect(rules.flags(Self.visit(two, photos: ["机房", "轿顶", "底坑", "其他"])).isEmpty)
        #expect(rules.flags(Self.visit(two, photos: ["机房", "轿顶"])).map(\.detail) == ["上传2张，应不少于3张（缺底坑照片）"])
        // Three photos, but none of 底坑.
        #expect(rules.flags(Self.visit(two, photos: ["机房", "轿顶", "其他"])).map(\.detail) == ["上传3张，应不少于3张（缺底坑照片）"])
        #expect(rules.flags(Self.visit(two, photos: [])).map(\.flag) == [.fewPhotos])
        // Still open and without a record: the phone may send them yet.
        #expect(rules.flags(Self.visit(two, minutes: nil, filedAfterHours: nil, photos: [])).isEmpty)
        var none = rules
        none.requiredPhotos = 0
        #expect(none.flags(Self.visit(two, photos: [])).isEmpty)
        var one = rules
        one.requiredPhotos = 1
        #expect(one.flags(Self.visit(two, photos: ["机房"])).isEmpty)
        #expect(one.flags(Self.visit(two, photos: ["轿顶"])).map(\.detail) == ["上传1张，应不少于1张（缺机房照片）"])
        // A visit that began before photos were asked for is judged by what it was asked.
        var old = Self.visit(two, photos: [])
        old.requiredPhotos = 0
        #expect(rules.flags(old).isEmpty)
        let reused = rules.flags(Self.visit(two, reused: ["底坑照片与本次作业的机房照片相同"]))
        #expect(reused.map(\.flag) == [.photoReused] && reused[0].detail == "底坑照片与本次作业的机房照片相同")
    }

    @Test("the mean of check-ins places the elevator")
    func mean() {
        let m = GeoPoint.mean([Self.north(0), Self.north(20)])
        #expect(m.map { abs($0.distance(to: Self.north(10))) < 0.01 } == true)
        #expect(GeoPoint.mean([]) == nil)
    }
}
