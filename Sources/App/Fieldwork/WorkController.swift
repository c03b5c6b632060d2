import Fluent
import Validation
import Vapor

/// 我的作业: the 维保人员's pages on the phone — check in at an elevator (by its code, or by typing its
/// numbers where the camera cannot), the open visits to check out of, the recent visits.
struct WorkController {
    struct Page: Encodable {
        let layout: Layout
        let workerName: String
        let companyName: String
        /// Why the worker may not check in today, if so.
        let standing: String?
        let open: [VisitLine]
        let recent: [VisitLine]
        let typed: [FormField]
        let typedURL: String
        let place: PlaceFields
    }

    struct VisitLine: Encodable {
        let elevator: String
        let registrationCode: String
        let userUnit: String
        let started: String
        let status: String
        let minutes: String
        let url: String
    }

    /// The hidden inputs the page's script fills with the phone's position and clock before the form goes.
    struct PlaceFields: Encodable {
        let latitude = "latitude", longitude = "longitude", accuracy = "accuracy", deviceTime = "device_time"
    }

    struct CheckInPage: Encodable {
        let layout: Layout
        let facts: [Fact]
        let action: String
        let token: String
        let standing: String?
        let place: PlaceFields
    }

    struct Fact: Encodable { let label: String; let value: String }

    struct TypedInput: Content {
        var rescue_code: String?
        var code_tail: String?
    }

    struct PlaceInput: Content {
        var latitude: String?
        var longitude: String?
        var accuracy: String?
        var device_time: String?
        var token: String?

        var place: SiteVisitService.Place {
            .init(latitude: latitude ?? "", longitude: longitude ?? "", accuracy: accuracy ?? "", deviceTime: device_time ?? "")
        }
    }

    func home(_ req: Request) async throws -> Response {
        try await renderHome(req, typed: TypedInput(), errors: FieldErrors())
    }

    private func renderHome(_ req: Request, typed: TypedInput, errors: FieldErrors, status: HTTPStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let standing = try await WorkerStanding.check(user, today: req.clock.today(), on: req.db)
        let companyName = try await Company.workingNames(user.companyID.map { [$0] } ?? [], on: req.db).values.first ?? ""
        let visitIDs = try await VisitCheck.query(on: req.db).filter(\.$userID == user.id).filter(\.$kind == .checkIn)
            .sort(\.$receivedAt, .descending).limit(20).all(\.$visitID)
        let visits = try await SiteVisit.query(on: req.db).filter(\.$id ~~ visitIDs).sort(\.$startedAt, .descending).all()
        let now = req.clock.now()
        let isOpen = { (v: SiteVisit) in v.shownStatus(now: now) == .open }
        return try await req.render("work", Page(
            layout: await req.layout("我的作业"), workerName: user.displayName, companyName: companyName,
            standing: standing.failureMessage,
            open: visits.filter(isOpen).map { Self.line($0, now: now) },
            recent: visits.filter { !isOpen($0) }.map { Self.line($0, now: now) },
            typed: [
                FormField(name: "rescue_code", label: "救援电梯编号", kind: .text, value: typed.rescue_code ?? "", error: errors["rescue_code"],
                          required: true, hint: "轿厢内张贴的5～6位编号", autocomplete: "off", maxLength: 20),
                FormField(name: "code_tail", label: "注册代码后6位", kind: .text, value: typed.code_tail ?? "", error: errors["code_tail"],
                          required: true, autocomplete: "off", maxLength: 6),
            ],
            typedURL: SiteURL.workCheckInTyped.path, place: PlaceFields()), status: status)
    }

    static func line(_ v: SiteVisit, now: Date) -> VisitLine {
        VisitLine(elevator: v.equipmentName, registrationCode: v.registrationCode, userUnit: v.userUnit,
                  started: DisplayDate.minute(v.startedAt), status: v.shownStatus(now: now).title,
                  minutes: v.minutesOnSite.map { "\($0)分钟" } ?? "", url: SiteURL.visit(v.id).path)
    }

    /// The check-in page of the elevator the sticker names (the token proves the worker read it in the car).
    func showCheckIn(_ req: Request) async throws -> Response {
        let (elevator, token) = try await scannedElevator(req, token: req.queryText("t"))
        let standing = try await WorkerStanding.check(try req.requireUser(), today: req.clock.today(), on: req.db)
        return try await req.render("work-check-in", CheckInPage(
            layout: await req.layout("扫码签到"),
            facts: [Fact(label: "设备名称", value: elevator.equipmentName), Fact(label: "注册代码", value: elevator.registrationCode),
                    Fact(label: "救援电梯编号", value: elevator.rescueCode.isEmpty ? "—" : elevator.rescueCode),
                    Fact(label: "使用单位", value: elevator.userUnit), Fact(label: "安装地点", value: elevator.address)],
            action: SiteURL.workCheckIn(elevator.id).path, token: token, standing: standing.failureMessage, place: PlaceFields()))
    }

    func checkIn(_ req: Request) async throws -> Response {
        let input = try req.content.decode(PlaceInput.self)
        let (elevator, _) = try await scannedElevator(req, token: input.token ?? "")
        return try await checkIn(req, elevator: elevator, method: .scan, place: input.place)
    }

    /// 签到 by the numbers in the car: 救援电梯编号 and the last six digits of 注册代码, of one of the
    /// company's approved elevators.
    func checkInTyped(_ req: Request) async throws -> Response {
        let typed = try req.content.decode(TypedInput.self)
        let place = try req.content.decode(PlaceInput.self).place
        let rescue = TextNormalizer.normalize(typed.rescue_code ?? ""), tail = TextNormalizer.normalize(typed.code_tail ?? "")
        var errors = FieldErrors()
        if rescue.isEmpty { errors.add("rescue_code", "请输入救援电梯编号") }
        else if !rescue.allSatisfy(\.isNumber) { errors.add("rescue_code", "救援电梯编号应为数字") }
        if tail.count != 6 || !tail.allSatisfy(\.isNumber) { errors.add("code_tail", "请输入注册代码的最后6位数字") }
        guard errors.isEmpty else { return try await renderHome(req, typed: typed, errors: errors, status: .unprocessableEntity) }
        guard let companyID = try req.requireUser().companyID else { throw AppError.forbidden }
        let candidates = try await ArchivedElevator.query(on: req.db).filter(\.$rescueCode == rescue)
            .filter(\.$companyID == companyID).all()
        guard let elevator = candidates.first(where: { $0.registrationCode.hasSuffix(tail) }) else {
            errors.add("code_tail", "本公司维保的电梯中没有救援电梯编号为\(rescue)、注册代码以\(tail)结尾的电梯，请核对")
            return try await renderHome(req, typed: typed, errors: errors, status: .unprocessableEntity)
        }
        return try await checkIn(req, elevator: elevator, method: .typed, place: place)
    }

    private func checkIn(_ req: Request, elevator: ArchivedElevator, method: VisitCheck.Method,
                         place: SiteVisitService.Place) async throws -> Response {
        let service = SiteVisitService(db: req.db, now: req.clock.now(), user: try req.requireUser(), config: req.config)
        do {
            let visit = try await service.checkIn(elevator, method: method, place: place)
            return req.redirect(to: .visit(visit.id), notice: place.latitude == nil
                ? "已签到。未能取得手机位置：请在手机设置中允许浏览器使用位置，签退时再试。" : "已签到，位置已记录。",
                kind: place.latitude == nil ? .info : .success)
        } catch let refusal as SiteVisitService.Refusal {
            return req.redirect(to: .work, notice: refusal.message, kind: .error)
        }
    }

    /// The company's approved elevator the path names, if `token` is its sticker's current token. Another
    /// company's elevator, or a token rotated away, is not found.
    private func scannedElevator(_ req: Request, token: String) async throws -> (ArchivedElevator, String) {
        guard let id = req.parameters.get("id", as: UUID.self), let elevator = try await ArchivedElevator.find(id, on: req.db),
              elevator.companyID == req.currentUser?.companyID,
              let code = try await ElevatorSafetyCode.find(id, on: req.db), code.accepts(token) else { throw AppError.notFound }
        return (elevator, token)
    }
}

extension Result where Failure == WorkerStanding.Refusal {
    var failureMessage: String? {
        if case .failure(let refusal) = self { return refusal.message }
        return nil
    }
}

extension SiteVisit {
    /// What to show of the visit's status: a visit left open past `SiteVisitService.openHours` is 未签退
    /// even before the next check-in closes it.
    func shownStatus(now: Date) -> VisitStatus {
        status == .open && now.timeIntervalSince(startedAt) >= SiteVisitService.openHours ? .lapsed : status
    }
}
