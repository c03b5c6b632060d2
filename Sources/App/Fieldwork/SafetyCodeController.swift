import Fluent
import QRCode
import Vapor

/// 电梯安全码: the company prints the QR stickers of its approved elevators; a phone that scans one opens
/// the public lookup, or, for the company's logged-in 维保人员, check-in at that elevator; a regulator
/// rotates a code whose sticker was copied.
struct SafetyCodeController {
    /// Stickers per print: ten A4 sheets.
    static let printLimit = 80

    struct PrintPage: Encodable {
        let layout: Layout
        let stickers: [Sticker]
        let cityName: String
        let lookupURL: String
        let skipped: Int
        let backURL: String
    }

    struct Sticker: Encodable {
        let svg: String
        let equipmentName: String
        let registrationCode: String
        let rescueCode: String
        let userUnit: String
        let generation: Int
    }

    func print(_ req: Request) async throws -> Response {
        let companyID = try await req.ownCompany().requireID()
        let asked = ((try? req.query.get([String].self, at: "ids")) ?? []).compactMap(UUID.init(uuidString:))
        guard !asked.isEmpty else {
            return req.redirect(to: .archive(.elevator, .list), notice: "请先在电梯档案中选择要打印安全码的电梯", kind: .error)
        }
        let chosen = Array(Set(asked).prefix(Self.printLimit))
        let elevators = try await ArchivedElevator.query(on: req.db).filter(\._$id ~~ chosen).filter(\.$companyID == companyID)
            .sort(\.$registrationCode).all()
        // Another company's elevator among the ids: the whole request is "not found".
        guard elevators.count == chosen.count else { throw AppError.notFound }
        let codes = try await ElevatorSafetyCode.current(for: chosen, now: req.clock.now(), on: req.db)
        let base = Self.siteAddress(req)
        var stickers: [Sticker] = []
        for e in elevators {
            guard let id = e.id, let code = codes[id] else { continue }
            let url = base + SiteURL.safetyCodeScan(id, code.token).path
            stickers.append(Sticker(svg: try QRCode.encode(url, correction: .medium).svg(moduleSize: 4, quietZone: 4, title: "电梯安全码 \(e.registrationCode)"),
                                    equipmentName: e.equipmentName, registrationCode: e.registrationCode,
                                    rescueCode: e.rescueCode.isEmpty ? "—" : e.rescueCode, userUnit: e.userUnit,
                                    generation: code.generation))
        }
        return try await req.render("safety-codes", PrintPage(
            layout: await req.layout("打印电梯安全码"), stickers: stickers, cityName: req.config.cityName,
            lookupURL: base + SiteURL.publicLookup.path, skipped: Set(asked).count - chosen.count,
            backURL: SiteURL.archive(.elevator, .list).path))
    }

    /// What a phone opens from a sticker.
    func scan(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let token = req.parameters.get("token"),
              let code = try await ElevatorSafetyCode.find(id, on: req.db), code.accepts(token),
              let elevator = try await ArchivedElevator.find(id, on: req.db) else {
            throw AppError.gone("该电梯安全码已失效或不存在。请输入轿厢内张贴的注册代码或救援电梯编号查询电梯信息。")
        }
        if let user = req.currentUser, user.role == .worker, user.companyID == elevator.companyID {
            return req.redirect(to: SiteURL.workCheckIn(id).path + "?t=" + code.token)
        }
        return req.redirect(to: SiteURL.publicLookup.path + "?code=" + elevator.registrationCode)
    }

    /// 更换安全码: the old stickers stop working at once.
    func rotate(_ req: Request) async throws -> Response {
        let (_, elevator) = try await ArchiveController().archivedElevator(req)
        let id = try elevator.requireID()
        let code = try await ElevatorSafetyCode.rotate(id, by: try req.requireUser(), audit: req.audit,
                                                       registrationCode: elevator.registrationCode, on: req.db)
        return req.redirect(to: .archive(.elevator, .view(id)),
                            notice: "安全码已更换为第\(code.generation)版，旧的二维码已失效。请通知维保单位重新打印张贴。")
    }

    /// The site's address as a phone outside reaches it: the configured one, else the request's own.
    static func siteAddress(_ req: Request) -> String {
        if let configured = req.config.publicURL { return configured }
        let scheme = req.config.secureCookies ? "https" : "http"
        return "\(scheme)://\(req.headers.first(name: .host) ?? "localhost")"
    }
}
