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

    struct Visit: Encodable { let date: String; let level: String; let workers: String; let filed: String; let note: String; let url: String }
    struct Inspection: Encodable { let date: String; let conclusion: String; let body: String; let next: String; let recorded: String }

    /// The newest 10 visits and every inspection of the elevator filed as `filingID`.
    static func load(filingID: UUID, code: String, archived: Bool, req: Request) async throws -> ElevatorRecordsView {
        let user = try req.requireUser()
        let visits = MaintenanceRecord.query(on: req.db).filter(\.$elevatorFilingID == filingID)
        let count = try await visits.copy().countRows()
        let recent = try await visits.sort(\.$workDate, .descending).sort(\.$filedAt, .descending).limit(10).all()
        let corrected = try await MaintenanceList.correctedIDs(among: recent, on: req.db)
        let inspections = try await InspectionRecord.query(on: req.db).filter(\.$elevatorFilingID == filingID)
            .sort(\.$inspectionDate, .descending).all()
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
            inspectionURL: user.role != .company && archived ? SiteURL.inspectionNew(filingID).path : nil)
    }
}
