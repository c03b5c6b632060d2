import Fluent
import Validation
import Vapor

/// One public lookup, kept to see how the page is used (the limit per address is `RateLimiter`'s).
final class PublicLookup: Model, @unchecked Sendable {
    static let schema = "public_lookups"

    @ID(key: .id) var id: UUID?
    @Field(key: "address") var address: String
    @Field(key: "at") var at: Date
    @Field(key: "found") var found: Bool

    init() {}
}

/// 电梯信息查询: anyone — a passenger with the code posted in the car — enters 注册代码 or 救援电梯编号
/// and sees the elevator, its user unit, its maintenance company and that company's phone, its last
/// maintenance and its next inspection. Nothing personal is shown. Lookups per address are limited
/// (`RateLimiter.Rule.publicLookup`).
struct PublicLookupController {
    struct Page: Encodable {
        let layout: Layout
        let code: String
        let error: String?
        let result: Result?
    }

    struct Result: Encodable {
        let facts: [Fact]
    }
    struct Fact: Encodable { let label: String; let value: String }

    func show(_ req: Request) async throws -> Response {
        let raw = req.queryText("code")
        let code = TextNormalizer.normalize(raw)
        guard !code.isEmpty else { return try await render(req, code: raw, error: nil, result: nil) }
        guard code.allSatisfy(\.isASCIIDigit), (5...20).contains(code.count) else {
            return try await render(req, code: raw, error: "请输入电梯轿厢内张贴的20位（或17位）注册代码，或5～6位救援电梯编号", result: nil,
                                    status: .unprocessableEntity)
        }
        let now = req.clock.now()
        guard try await RateLimiter(db: req.db, now: now).claim(.publicLookup, key: req.clientAddress).granted else {
            return try await render(req, code: raw, error: "查询过于频繁，请10分钟后再试", result: nil, status: .tooManyRequests)
        }
        let elevator = try await ArchivedElevator.query(on: req.db).group(.or) {
            $0.filter(\.$registrationCode == code).filter(\.$rescueCode == code)
        }.first()
        let hit = PublicLookup()
        hit.address = req.clientAddress
        hit.at = now
        hit.found = elevator != nil
        try await hit.create(on: req.db)
        guard let elevator, let filingID = elevator.id else {
            return try await render(req, code: raw, error: "没有查到注册代码或救援电梯编号为 \(code) 的在用电梯", result: nil, status: .notFound)
        }
        let companyName = try await ArchivedCompany.approvedNames([elevator.companyID], on: req.db)[elevator.companyID] ?? ""
        let companyFiling = try await Filing.query(on: req.db).filter(\.$kind == .company).filter(\.$companyID == elevator.companyID).first()
        let phone = try await companyFiling?.archivedSnapshot(on: req.db)?.value("phone") ?? ""
        let upkeep = try await ElevatorUpkeep.find(filingID, on: req.db)
        return try await render(req, code: raw, error: nil, result: Result(facts: [
            Fact(label: "设备名称", value: elevator.equipmentName),
            Fact(label: "注册代码", value: elevator.registrationCode),
            Fact(label: "救援电梯编号", value: elevator.rescueCode.isEmpty ? "—" : elevator.rescueCode),
            Fact(label: "使用单位", value: elevator.userUnit),
            Fact(label: "维保单位", value: companyName),
            Fact(label: "维保单位电话", value: phone.isEmpty ? "—" : phone),
            Fact(label: "最近一次维保", value: upkeep.map { $0.visited ? $0.lastVisit : "暂无记录" } ?? "暂无记录"),
            Fact(label: "下次检验日期", value: elevator.nextInspectionDate),
        ]))
    }

    private func render(_ req: Request, code: String, error: String?, result: Result?, status: HTTPStatus = .ok) async throws -> Response {
        try await req.render("lookup", Page(layout: await req.layout("电梯信息查询"), code: code, error: error, result: result), status: status)
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension PublicLookup {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $address, $at, $found] }
}
