import Fluent
import Supervision
import Validation
import Vapor

/// 电梯位置 on an archived elevator's page: the regulator confirms the place its first check-ins (or its
/// company) gave, or corrects it; the company files it while no regulator has confirmed one. 异地签到 is
/// judged by it from then on.
struct ElevatorLocationController {
    /// 确认位置: the place as the form shows it (taken from the first check-ins) or as corrected; audited.
    func confirm(_ req: Request) async throws -> Response {
        let (_, elevator) = try await ArchiveController().archivedElevator(req)
        let id = try elevator.requireID()
        struct Input: Content { var latitude: String?; var longitude: String? }
        let input = try req.content.decode(Input.self)
        let lat = Double(TextNormalizer.normalize(input.latitude ?? "")), lon = Double(TextNormalizer.normalize(input.longitude ?? ""))
        guard let lat, let lon, (3.0...54.0).contains(lat), (73.0...136.0).contains(lon) else {
            return req.redirect(to: .archive(.elevator, .view(id)), notice: "请填写中国境内的纬度（3～54）和经度（73～136），如 35.30300、113.92680", kind: .error)
        }
        let user = try req.requireUser()
        let now = req.clock.now()
        if user.role == .company {
            // A company files a place only where none is known yet, and its filing re-judges no earlier record:
            // it cannot move the elevator to where its workers stood.
            let filed = try await req.db.transaction { db -> Bool in
                guard try await ElevatorLocation.file(id, at: GeoPoint(latitude: lat, longitude: lon), by: user, now: now, on: db) else { return false }
                try await req.audit.on(db).record(.elevatorLocated, by: user,
                                                  detail: "电梯\(elevator.registrationCode)的位置（维保单位填报）：" + String(format: "%.6f, %.6f", lat, lon))
                return true
            }
            guard filed else {
                return req.redirect(to: .archive(.elevator, .view(id)), notice: "电梯位置已由签到取得或经监管人员确认，如有错误请联系监管人员更正", kind: .error)
            }
        } else {
            try await req.db.transaction { db in
                try await ElevatorLocation.confirm(id, at: GeoPoint(latitude: lat, longitude: lon), by: user, now: now, on: db)
                try await RecordFlags.refresh(elevator: id, settings: RecordFlagSettings(req.config), now: now, on: db)
                try await req.audit.on(db).record(.elevatorLocated, by: user,
                                                  detail: "电梯\(elevator.registrationCode)的位置：" + String(format: "%.6f, %.6f", lat, lon))
            }
        }
        return req.redirect(to: .archive(.elevator, .view(id)), notice: user.role == .company
            ? "电梯位置已填报，待监管人员确认；此后的签到按此位置判断是否在现场。"
            : "电梯位置已确认，此后的签到按此位置判断是否在现场。")
    }
}
