import Fluent
import Supervision
import Validation
import Vapor

/// 现场作业: the visits a user may see (a company its own, a regulator those at elevators of its region, the
/// administrator all), each with who checked in and out, when, where and how; a worker sees the visits they
/// checked in to and checks out of an open one.
struct VisitsController {
    struct Page: Encodable {
        let layout: Layout
        let facts: [WorkController.Fact]
        let checks: [CheckLine]
        let checkOutURL: String?
        let place: WorkController.PlaceFields
        let recordURL: String?
        let flags: [VisitFlags.Line]
        /// 填写维保记录, for the company and the visit's workers while it has no record.
        let newRecordURL: String?
        let backURL: String
        let photoSlots: [PhotoSlot]
        /// Where a checked-in worker sends a photo, while the visit has no record.
        let photoUploadURL: String?
        let photoHint: String
        /// 使用单位确认: what was signed, or the form for a checked-in worker while the visit has no record.
        let confirmed: Confirmed?
        let confirmForm: ConfirmForm?
    }

    struct Confirmed: Encodable {
        let name: String
        let phone: String
        let signed: String
        let sms: String
        let signatureURL: String
    }

    struct ConfirmForm: Encodable {
        let fields: [FormField]
        let signatureError: String?
        let notice: String?
        let codeURL: String
        let confirmURL: String
    }

    /// What the worker typed into 使用单位确认, sent back with its problems.
    struct ConfirmationInput {
        var input = VisitConfirmationService.Input()
        var errors = FieldErrors()
        var notice: String? = nil
    }

    /// One place to photograph (机房, 轿顶, 底坑, 其他) with the photos taken there.
    struct PhotoSlot: Encodable {
        let title: String
        let required: Bool
        let photos: [PhotoView]
    }

    struct PhotoView: Encodable {
        let url: String
        let thumbnailURL: String
        let caption: String
        let duplicateNote: String
    }

    struct CheckLine: Encodable {
        let worker: String
        let kind: String
        let method: String
        let received: String
        let device: String
        let location: String
        let mapURL: String?
        /// From the elevator's place, when it is known.
        let distance: String
        let away: Bool
    }

    func list(_ req: Request) async throws -> Response {
        let scope = try await req.accessScope()
        let query = try scope.apply(SiteVisit.query(on: req.db), company: \.$companyID, region: \.$regionCode, listed: true)
        let code = TextNormalizer.normalize(req.queryText("registration_code"))
        if !code.isEmpty { query.filter(\.$elevatorFilingID ~~ (try await SubstringSearch.archivedElevatorIDs(containing: code, on: req.db))) }
        // 状态 by its title, as the checkboxes send it; 作业中 means open and not yet past its hours.
        let chosen = Set((try? req.query.get([String].self, at: "status")) ?? [])
        let statuses = VisitStatus.allCases.filter { chosen.contains($0.title) }
        if !statuses.isEmpty { query.filter(\.$status ~~ statuses) }
        let company = req.queryText("company")
        if !company.isEmpty, scope.acrossCompanies {
            query.filter(\.$companyID ~~ (try await Company.query(on: req.db).filter(\.$name ~~ company).all(\.$id)))
        }
        let (visits, paging) = try await ListQuery(query, ListOrder(\SiteVisit.$startedAt, ascending: false)).page(req)
        let workers = try await Self.workerNames(of: visits.compactMap(\.id), on: req.db)
        let flags = try await VisitFlags.of(visits, rules: req.config.siteRules, on: req.db)
        let names = scope.acrossCompanies ? try await Company.workingNames(visits.map(\.companyID), on: req.db) : [:]
        let now = req.clock.now()
        var inputs: [RegisterPage.QueryInput] = []
        if scope.acrossCompanies { inputs.append(.init(name: "company", label: "维保单位", value: company)) }
        inputs += [
            .init(name: "registration_code", label: "注册代码", value: req.queryText("registration_code")),
            .init(name: "status", label: "状态", value: "",
                  choices: VisitStatus.allCases.map { .init(value: $0.title, checked: chosen.contains($0.title)) }),
        ]
        var page = RegisterPage(
            layout: await req.layout("现场作业"), title: "现场作业", queryURL: SiteURL.visits.path, queryInputs: inputs,
            toolbar: [.init(label: "查看", style: "secondary", select: "one",
                            href: SiteURL.visit(nil).path.replacingOccurrences(of: ":id", with: "{id}"), post: nil, confirm: nil)],
            columns: (["签到时间", "注册代码", "设备名称", "使用单位", "作业人员", "签退时间", "在场时长", "状态", "签到异常"]
                      + (scope.acrossCompanies ? ["维保单位"] : [])).map { .init(label: $0, sortURL: nil, mark: "") },
            rows: visits.compactMap { v in
                v.id.map { id in
                    RegisterPage.Row(id: id.uuidString, cells: [
                        DisplayDate.minute(v.startedAt), v.registrationCode, v.equipmentName, v.userUnit,
                        (workers[id] ?? []).joined(separator: "、"), DisplayDate.minute(v.endedAt),
                        v.minutesOnSite.map { "\($0)分钟" } ?? "", v.shownStatus(now: now).title,
                        (flags[id] ?? []).map(\.flag).joined(separator: "、"),
                    ] + (scope.acrossCompanies ? [names[v.companyID] ?? ""] : []))
                }
            },
            paging: paging, emptyText: "没有符合条件的现场作业")
        page.showsStatus = false
        return try await req.render("register-list", page)
    }

    func view(_ req: Request) async throws -> Response {
        try await render(req, try await Self.visibleVisit(req))
    }

    func render(_ req: Request, _ visit: SiteVisit, confirmation typed: ConfirmationInput = .init(), status: HTTPStatus = .ok) async throws -> Response {
        let visitID = try visit.requireID()
        let user = try req.requireUser()
        let checks = try await VisitCheck.query(on: req.db).filter(\.$visitID == visitID).sort(\.$receivedAt).sort(\.$kind).sort(\.$workerName).all()
        let photos = try await VisitPhoto.query(on: req.db).filter(\.$visitID == visitID).sort(\.$receivedAt).all()
        let company = try await Company.find(visit.companyID, on: req.db)
        let now = req.clock.now()
        let checkedIn = checks.contains { $0.userID == user.id && $0.kind == .checkIn }
        let place = try await ElevatorLocation.find(visit.elevatorFilingID, on: req.db)
        var record: MaintenanceRecord?
        if let id = visit.recordID { record = try await MaintenanceRecord.find(id, on: req.db) }
        let rules = req.config.siteRules
        let confirmation = try await VisitConfirmation.find(visitID, on: req.db)
        let mayConfirm = user.role == .worker && checkedIn && visit.recordID == nil && confirmation?.isSigned != true
        let shown = visit.shownStatus(now: now)
        return try await req.render("visit", Page(
            layout: await req.layout("现场作业"),
            facts: [
                .init(label: "设备名称", value: visit.equipmentName), .init(label: "注册代码", value: visit.registrationCode),
                .init(label: "使用单位", value: visit.userUnit), .init(label: "维保单位", value: company?.name ?? ""),
                .init(label: "状态", value: shown.title), .init(label: "首次签到", value: DisplayDate.minute(visit.startedAt)),
                .init(label: "最后签到", value: DisplayDate.minute(visit.lastCheckInAt)),
                .init(label: "签退", value: visit.endedAt.map(DisplayDate.minute) ?? "—"),
                .init(label: "在场时长", value: visit.minutesOnSite.map { "\($0)分钟（最后签到至签退）" } ?? "—"),
            ],
            checks: checks.map { Self.line($0, elevator: place, radius: rules.radiusMeters) },
            checkOutURL: user.role == .worker && checkedIn && shown == .open ? SiteURL.visitCheckOut(visitID).path : nil,
            place: WorkController.PlaceFields(),
            recordURL: visit.recordID.map { SiteURL.maintenance(.view($0)).path },
            flags: VisitFlags.lines(visit, checks: checks, photos: photos, record: record, location: place, rules: rules),
            newRecordURL: visit.recordID == nil && (user.role == .company || (user.role == .worker && checkedIn))
                ? SiteURL.visitRecord(visitID).path : nil,
            backURL: user.role == .worker ? SiteURL.work.path : SiteURL.visits.path,
            photoSlots: Self.photoSlots(photos, visitID: visitID, required: visit.requiredPhotos),
            // The token in the URL: a phone's photo is larger than the body the CSRF check would read for it.
            photoUploadURL: user.role == .worker && checkedIn && visit.recordID == nil
                ? SiteURL.visitPhotos(visitID).path + "?_csrf=" + (req.csrfToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                : nil,
            photoHint: visit.requiredPhotos == 0 ? "" : "每次作业应不少于\(visit.requiredPhotos)张照片"
                + "（\(SiteEvidenceRules.photoSlots.prefix(visit.requiredPhotos).joined(separator: "、"))各至少一张）",
            confirmed: confirmation.flatMap { Self.confirmed($0, visitID: visitID) },
            confirmForm: mayConfirm ? Self.confirmForm(typed, saved: confirmation, visitID: visitID) : nil), status: status)
    }

    static func confirmed(_ c: VisitConfirmation, visitID: UUID) -> Confirmed? {
        guard let signedAt = c.signedAt else { return nil }
        return Confirmed(name: c.confirmerName, phone: c.confirmerPhone, signed: "\(DisplayDate.second(signedAt))在\(c.signedByName)的手机上签名",
                         sms: c.codeVerifiedAt.map { "短信验证码已验证（\(DisplayDate.second($0))）" } ?? "未短信验证",
                         signatureURL: SiteURL.visitSignature(visitID).path)
    }

    /// The form as typed, or as the code was sent (name and phone kept for the signature).
    static func confirmForm(_ typed: ConfirmationInput, saved: VisitConfirmation?, visitID: UUID) -> ConfirmForm {
        let name = typed.input.confirmer_name ?? saved?.confirmerName ?? ""
        let phone = typed.input.confirmer_phone ?? saved?.confirmerPhone ?? ""
        let fields = [
            FormField(name: "confirmer_name", label: "确认人", kind: .text, value: name, required: true, maxLength: 30),
            FormField(name: "confirmer_phone", label: "联系电话", kind: .tel, value: phone, required: true,
                      hint: "填手机号可发送短信验证码；座机只签名确认", maxLength: 20),
            FormField(name: "code", label: "短信验证码", kind: .text, value: typed.input.code ?? "", placeholder: "确认人手机收到的6位数字",
                      autocomplete: "one-time-code", maxLength: 6),
        ].with(errors: typed.errors)
        return ConfirmForm(fields: fields, signatureError: typed.errors["signature"], notice: typed.notice,
                           codeURL: SiteURL.visitConfirmationCode(visitID).path, confirmURL: SiteURL.visitConfirmation(visitID).path)
    }

    static func photoSlots(_ photos: [VisitPhoto], visitID: UUID, required: Int) -> [PhotoSlot] {
        VisitPhoto.slots.enumerated().map { index, slot in
            PhotoSlot(title: slot, required: index < min(required, SiteEvidenceRules.photoSlots.count), photos: photos.filter { $0.slot == slot }.compactMap { p in
                p.id.map { id in
                    let url = SiteURL.visitPhoto(visitID, id).path
                    return PhotoView(url: url, thumbnailURL: url + "?size=thumb",
                                     caption: "\(p.workerName) \(DisplayDate.second(p.receivedAt))", duplicateNote: p.duplicateNote)
                }
            })
        }
    }

    func checkOut(_ req: Request) async throws -> Response {
        let visit = try await Self.visibleVisit(req)
        let place = try req.content.decode(WorkController.PlaceInput.self).place
        let service = SiteVisitService(db: req.db, now: req.clock.now(), user: try req.requireUser(), config: req.config)
        do {
            try await service.checkOut(visit, place: place)
            return req.redirect(to: .visit(visit.id), notice: "已签退，本次作业结束。")
        } catch let refusal as SiteVisitService.Refusal {
            return req.redirect(to: .visit(visit.id), notice: refusal.message, kind: .error)
        }
    }

    /// The visit the path names, if the user may see it: in their scope, and for a worker only a visit they
    /// checked in to.
    static func visibleVisit(_ req: Request) async throws -> SiteVisit {
        guard let id = req.parameters.get("id", as: UUID.self), let visit = try await SiteVisit.find(id, on: req.db),
              try await req.accessScope().contains(company: visit.companyID, region: visit.regionCode) else { throw AppError.notFound }
        let user = try req.requireUser()
        if user.role == .worker {
            guard try await VisitCheck.query(on: req.db).filter(\.$visitID == id).filter(\.$userID == user.id).first() != nil else {
                throw AppError.notFound
            }
        }
        return visit
    }

    static func line(_ c: VisitCheck, elevator: ElevatorLocation?, radius: Double) -> CheckLine {
        var location = "未取得位置"
        var map: String?
        var distance = "—", away = false
        if let lat = c.latitude, let lon = c.longitude {
            location = String(format: "%.5f, %.5f", lat, lon) + (c.accuracy.map { String(format: "（精度±%.0f米）", $0) } ?? "")
            map = "https://uri.amap.com/marker?position=\(String(format: "%.6f,%.6f", lon, lat))"
            if let elevator {
                let metres = GeoPoint(latitude: lat, longitude: lon).distance(to: elevator.point)
                away = metres > radius
                distance = SiteEvidenceRules.distanceText(metres) + (away ? "（超出\(Int(radius))米）" : "")
            }
        }
        return CheckLine(worker: c.workerName, kind: c.kind.title, method: c.method.title, received: DisplayDate.second(c.receivedAt),
                         device: c.deviceTime.map(DisplayDate.second) ?? "—", location: location, mapURL: map, distance: distance, away: away)
    }

    /// The names of the workers checked in to each visit, in check-in order.
    static func workerNames(of ids: [UUID], on db: any Database) async throws -> [UUID: [String]] {
        guard !ids.isEmpty else { return [:] }
        var names: [UUID: [String]] = [:]
        for c in try await VisitCheck.query(on: db).filter(\.$visitID ~~ ids).filter(\.$kind == .checkIn)
            .sort(\.$receivedAt).sort(\.$workerName).all() {
            names[c.visitID, default: []].append(c.workerName)
        }
        return names
    }
}
