import Fluent
import Vapor

/// An elevator's maintenance and inspection history, shown on its 查看 pages (working register and archive).
struct ElevatorRecordsView: Encodable {
    let maintenance: [Visit]
    let maintenanceCount: Int
    let lastMaintenance: String
    let maintenanceURL: String
    let newMaintenanceURL: String?
    let inspections: [Inspection]
    let inspectionURL: String?
    /// 维保周期: the interval in force, the next visit's due date, the changes, and where to set it.
    let interval: String
    let nextDue: String
    let intervalChanges: [IntervalChange]
    let intervalURL: String?
    /// 现场作业: the newest check-in visits at the elevator; 电梯安全码: the sticker's version, and where a
    /// regulator rotates it.
    let siteVisits: [SiteVisitLine]
    let siteVisitsURL: String
    let safetyCode: String
    let safetyCodeRotateURL: String?
    /// 电梯位置 (what 异地签到 is judged by), and where a regulator confirms or corrects it.
    let location: String
    let latitude: String
    let longitude: String
    let locationURL: String?
    let locationButton: String

    struct SiteVisitLine: Encodable { let started: String; let workers: String; let ended: String; let minutes: String; let status: String; let url: String }
    struct Visit: Encodable { let date: String; let level: String; let workers: String; let filed: String; let note: String; let url: String }
    struct Inspection: Encodable { let date: String; let conclusion: String; let body: String; let next: String; let recorded: String }
    struct IntervalChange: Encodable { let at: String; let days: String; let basis: String; let by: String }

    /// The newest 10 visits and every inspection of the elevator filed as `filingID`.
    static func load(filingID: UUID, code: String, archived: Bool, req: Request) async throws -> ElevatorRecordsView {
        let user = try req.requireUser()
        let visits = MaintenanceRecord.query(on: req.db).filter(\.$elevatorFilingID == filingID)
        let count = try await visits.copy().countRows()
        let recent = try await visits.sort(\.$workDate, .descending).sort(\.$filedAt, .descending).limit(10).all()
        let corrected = try await MaintenanceList.correctedIDs(among: recent, on: req.db)
        let inspections = try await InspectionRecord.query(on: req.db).filter(\.$elevatorFilingID == filingID)
            .sort(\.$inspectionDate, .descending).all()
        let upkeep = try await ElevatorUpkeep.find(filingID, on: req.db)
        let defaultDays = req.config.supervision.halfMonthlyDays
        let changes = try await MaintenanceIntervalService.history(of: filingID, on: req.db)
        let siteVisits = try await SiteVisit.query(on: req.db).filter(\.$elevatorFilingID == filingID)
            .sort(\.$startedAt, .descending).limit(5).all()
        let siteWorkers = try await VisitsController.workerNames(of: siteVisits.compactMap(\.id), on: req.db)
        let safetyCode = archived ? try await ElevatorSafetyCode.find(filingID, on: req.db) : nil
        let now = req.clock.now()
        let place = archived ? try await ElevatorLocation.find(filingID, on: req.db) : nil
        var query = URLComponents()
        query.queryItems = [URLQueryItem(name: "registration_code", value: code)]
        return ElevatorRecordsView(
            maintenance: recent.map { r in
                var notes: [String] = []
                if r.amendsID != nil { notes.append("更正记录") }
                if r.id.map(corrected.contains) ?? false { notes.append("已被更正") }
                return Visit(date: r.workDate, level: r.level, workers: r.workerList.map(\.name).joined(separator: "、"),
                             filed: DisplayDate.minute(r.filedAt), note: notes.joined(separator: "，"),
                             url: SiteURL.maintenance(.view(r.id)).path)
            },
            maintenanceCount: count,
            lastMaintenance: recent.first { r in !(r.id.map(corrected.contains) ?? false) }.map { "\($0.workDate)（\($0.level)）" } ?? "无",
            maintenanceURL: SiteURL.maintenance(.list).path + (query.string ?? ""),
            newMaintenanceURL: user.role == .company && archived ? SiteURL.maintenance(.new).path + (query.string ?? "") : nil,
            inspections: inspections.map {
                Inspection(date: $0.inspectionDate, conclusion: $0.conclusion, body: $0.inspectionBody, next: $0.nextInspectionDate,
                           recorded: "\($0.recordedByName)，\(DisplayDate.minute($0.recordedAt))")
            },
            inspectionURL: user.role != .company && archived ? SiteURL.inspectionNew(filingID).path : nil,
            interval: upkeep.map { $0.intervalDays.map { "\($0)天（按需设置）" } ?? "\(defaultDays)天（默认）" } ?? "\(defaultDays)天（默认）",
            nextDue: upkeep.map { $0.due(defaultDays: defaultDays).due } ?? "—",
            intervalChanges: changes.map {
                IntervalChange(at: DisplayDate.minute($0.setAt), days: $0.intervalDays.map { "\($0)天" } ?? "恢复默认",
                               basis: $0.basis, by: $0.setByName)
            },
            intervalURL: user.role != .company && archived && upkeep != nil ? SiteURL.maintenanceInterval(filingID).path : nil,
            siteVisits: siteVisits.map { v in
                SiteVisitLine(started: DisplayDate.minute(v.startedAt), workers: (v.id.flatMap { siteWorkers[$0] } ?? []).joined(separator: "、"),
                              ended: DisplayDate.minute(v.endedAt), minutes: v.minutesOnSite.map { "\($0)分钟" } ?? "",
                              status: v.shownStatus(now: now).title, url: SiteURL.visit(v.id).path)
            },
            siteVisitsURL: SiteURL.visits.path + (query.string ?? ""),
            safetyCode: safetyCode.map { "第\($0.generation)版，\(DisplayDate.minute($0.issuedAt))\($0.generation == 1 ? "生成" : "更换")" }
                ?? (archived ? "尚未生成（维保单位在电梯档案中打印时生成）" : "审核通过后可打印"),
            safetyCodeRotateURL: user.role != .company && archived && safetyCode != nil ? SiteURL.safetyCodeRotate(filingID).path : nil,
            location: place?.summary ?? "未知（首次签到后自动取得）",
            latitude: place.map { String(format: "%.6f", $0.latitude) } ?? "",
            longitude: place.map { String(format: "%.6f", $0.longitude) } ?? "",
            // A company files its elevator's place while none is known; a regulator confirms or corrects it.
            locationURL: archived && (user.role != .company || place == nil) ? SiteURL.elevatorLocation(filingID).path : nil,
            locationButton: user.role == .company ? "填报位置" : "确认位置")
    }
}
