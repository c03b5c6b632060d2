import Foundation

/// A place on the earth (WGS-84 degrees, as a phone's geolocation gives it).
public struct GeoPoint: Equatable, Sendable {
    public let latitude: Double
    public let longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Metres along the earth's surface (haversine on a sphere of the mean radius: within 0.5 % of the
    /// ellipsoid, far below a phone's accuracy).
    public func distance(to other: GeoPoint) -> Double {
        let r = 6_371_008.8
        let φ1 = latitude * .pi / 180, φ2 = other.latitude * .pi / 180
        let dφ = φ2 - φ1, dλ = (other.longitude - longitude) * .pi / 180
        let a = sin(dφ / 2) * sin(dφ / 2) + cos(φ1) * cos(φ2) * sin(dλ / 2) * sin(dλ / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }

    /// The mean of nearby points (a few check-ins at one elevator): plain averaging is exact enough over metres.
    public static func mean(_ points: [GeoPoint]) -> GeoPoint? {
        guard !points.isEmpty else { return nil }
        return GeoPoint(latitude: points.map(\.latitude).reduce(0, +) / Double(points.count),
                        longitude: points.map(\.longitude).reduce(0, +) / Double(points.count))
    }
}

/// What a regulator wants of a visit's proof (维保签到): enough workers checked in, each where the elevator
/// is, long enough on site for the level of work, and the record uploaded soon after (DB4103/T 146-2022:
/// within 24 hours).
public struct SiteEvidenceRules: Sendable, Equatable {
    /// A check-in farther than this from the elevator is 异地签到.
    public var radiusMeters: Double = 200
    /// Minutes on site (last check-in to check-out) below which a visit of the level is 时长不足.
    public var minimumMinutes: [MaintenanceLevel: Int] = [.halfMonthly: 30, .quarterly: 45, .halfYearly: 60, .yearly: 90]
    public var requiredWorkers = 2
    /// Hours from the visit's end to the record's filing beyond which it is 超24小时上传.
    public var uploadHours: Double = 24
    /// Check-ins less accurate than this do not place the elevator.
    public var placingAccuracyMeters: Double = 100
    /// Whether a record with a flag no regulator has accepted counts as on time in 统计分析 (it does not).
    public var flaggedCountOnTime = false
    /// Photos a visit must bring (现场照片): this many in all, the first of `photoSlots` each at least once.
    public var requiredPhotos = 3
    /// The labelled places a worker photographs, in the order the page offers them; `其他` takes any more.
    public static let photoSlots = ["机房", "轿顶", "底坑"]
    /// Perceptual hashes within this many bits (of 64) are the same picture: a photo re-saved, rescaled or
    /// recompressed stays within a few bits, different scenes differ in about half. At most 7, so that an
    /// index on each of the hash's eight bytes finds every candidate.
    public var photoMatchBits = 6

    public init() {}
}

/// The proof-of-visit problems a record can show, each a 监管看板 concern. Raw values are what pages show.
public enum SiteFlag: String, CaseIterable, Sendable {
    case noCheckIn = "无签到"
    case singleWorker = "单人作业"
    case offSite = "异地签到"
    case tooShort = "时长不足"
    case lateUpload = "超24小时上传"
    case fewPhotos = "照片不足"
    case photoReused = "照片重复"

    /// What the database stores and URLs carry; the raw value is what pages show.
    public var code: String {
        switch self {
        case .noCheckIn: "no-check-in"
        case .singleWorker: "single-worker"
        case .offSite: "off-site"
        case .tooShort: "too-short"
        case .lateUpload: "late-upload"
        case .fewPhotos: "few-photos"
        case .photoReused: "photo-reused"
        }
    }

    public init?(code: String) {
        guard let flag = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = flag
    }
}

/// One visit's proof as recorded, for `SiteEvidenceRules.flags`.
public struct SiteEvidence: Sendable {
    public struct CheckIn: Sendable {
        public let worker: String
        public let place: GeoPoint?
        public let accuracy: Double?
        public init(worker: String, place: GeoPoint?, accuracy: Double?) {
            self.worker = worker; self.place = place; self.accuracy = accuracy
        }
    }

    public var checkIns: [CheckIn]
    public var lastCheckIn: Date?
    public var checkOut: Date?
    /// The record's level, once a record is filed for the visit.
    public var level: MaintenanceLevel?
    public var recordFiledAt: Date?
    public var elevator: GeoPoint?
    /// The slot of each photo taken (机房, 轿顶, 底坑, 其他).
    public var photoSlots: [String]
    /// For each photo that repeats an earlier one of the company: what it repeats.
    public var reusedPhotos: [String]
    /// The photos asked of this visit when it began, where that is known (the rules' count otherwise): a visit
    /// from before photos were asked for is not 照片不足.
    public var requiredPhotos: Int?

    public init(checkIns: [CheckIn], lastCheckIn: Date?, checkOut: Date?, level: MaintenanceLevel?, recordFiledAt: Date?, elevator: GeoPoint?,
                photoSlots: [String] = [], reusedPhotos: [String] = [], requiredPhotos: Int? = nil) {
        self.checkIns = checkIns; self.lastCheckIn = lastCheckIn; self.checkOut = checkOut
        self.level = level; self.recordFiledAt = recordFiledAt; self.elevator = elevator
        self.photoSlots = photoSlots; self.reusedPhotos = reusedPhotos; self.requiredPhotos = requiredPhotos
    }

    /// A record filed without any check-in.
    public static let none = SiteEvidence(checkIns: [], lastCheckIn: nil, checkOut: nil, level: nil, recordFiledAt: nil, elevator: nil)
}

extension SiteEvidenceRules {
    /// Each flag the visit shows, with what a regulator reads beside it. A flag that cannot be judged yet
    /// (no check-out, no record, the elevator's place unknown) is not raised.
    public func flags(_ e: SiteEvidence) -> [(flag: SiteFlag, detail: String)] {
        guard !e.checkIns.isEmpty else { return [(.noCheckIn, "没有维保人员在现场扫码签到")] }
        var found: [(SiteFlag, String)] = []
        let workers = Set(e.checkIns.map(\.worker))
        if workers.count < requiredWorkers {
            found.append((.singleWorker, "仅\(workers.count)人签到（应不少于\(requiredWorkers)人）"))
        }
        var away: [String] = []
        for c in e.checkIns {
            guard let place = c.place else { away.append("\(c.worker)未取得位置"); continue }
            if let elevator = e.elevator {
                let d = place.distance(to: elevator)
                if d > radiusMeters { away.append("\(c.worker)距电梯\(Self.distanceText(d))") }
            }
        }
        if !away.isEmpty { found.append((.offSite, away.joined(separator: "；") + "（范围\(Int(radiusMeters))米）")) }
        if let start = e.lastCheckIn, let end = e.checkOut, let level = e.level, let minimum = minimumMinutes[level] {
            let minutes = Int(end.timeIntervalSince(start) / 60)
            if minutes < minimum { found.append((.tooShort, "在场\(minutes)分钟，\(level.rawValue)维保应不少于\(minimum)分钟")) }
        }
        // Photos can still come while the visit is open (a phone out of signal sends them later).
        let required = e.requiredPhotos ?? requiredPhotos
        if e.checkOut != nil || e.recordFiledAt != nil {
            let missing = Self.photoSlots.prefix(required).filter { !e.photoSlots.contains($0) }
            if e.photoSlots.count < required || !missing.isEmpty {
                found.append((.fewPhotos, "上传\(e.photoSlots.count)张，应不少于\(required)张"
                              + (missing.isEmpty ? "" : "（缺\(missing.joined(separator: "、"))照片）")))
            }
        }
        if !e.reusedPhotos.isEmpty { found.append((.photoReused, e.reusedPhotos.joined(separator: "；"))) }
        if let filed = e.recordFiledAt, let end = e.checkOut ?? e.lastCheckIn {
            let hours = filed.timeIntervalSince(end) / 3600
            if hours > uploadHours { found.append((.lateUpload, "作业结束\(Int(hours))小时后才上传记录")) }
        }
        return found
    }

    /// "35米", "5.2公里".
    public static func distanceText(_ metres: Double) -> String {
        metres < 1000 ? "\(Int(metres.rounded()))米" : String(format: "%.1f公里", metres / 1000)
    }
}
