@testable import App
import Fluent
import Foundation
import Testing
import Validation
import Vapor
import XLSX

/// 维保公司数据查询 (manual chapter 三): 电梯档案管理, 维保公司信息, 维保人员信息 show what regulators approved —
/// never a working version — with 查看, 历史 and 导出, to each user only what it may see.
@Suite("维保公司数据查询 (manual 三): the archive of approved records")
struct ArchiveTests {
    typealias Elevators = ElevatorRegisterTests
    typealias Staff = StaffRegisterTests

    // MARK: Filing through HTTP

    static func encoded(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    /// A regulator approves a filing under review, with an opinion (empty: "已通过").
    static func approve(_ app: Application, _ regulator: TestClient, _ filingID: UUID, opinion: String = "") async throws {
        let filing = try #require(try await Filing.find(filingID, on: app.db))
        #expect(filing.reviewStatus == .pending, "\(filing.subject) is not under review")
        try await regulator.get(SiteURL.reviewDetail(filingID).path)
        let page = try await regulator.post(SiteURL.reviewApprove(filingID).path, ["revision": String(filing.revision), "opinion": opinion])
        #expect(page.status == .seeOther)
        #expect(try await regulator.follow(page).contains("已审核通过"), "\(filing.subject) not approved")
    }

    static func reject(_ app: Application, _ regulator: TestClient, _ filingID: UUID, opinion: String) async throws {
        let filing = try #require(try await Filing.find(filingID, on: app.db))
        try await regulator.get(SiteURL.reviewDetail(filingID).path)
        let page = try await regulator.post(SiteURL.reviewReject(filingID).path, ["revision": String(filing.revision), "opinion": opinion])
        #expect(page.status == .seeOther)
        #expect(try await regulator.follow(page).contains("已驳回"))
        #expect(try await Filing.find(filingID, on: app.db)?.reviewStatus == .rejected)
    }

    static func elevatorFiling(_ app: Application, _ recordID: UUID) async throws -> UUID {
        try await Elevators.filing(app, recordID).requireID()
    }

    /// Adds an elevator, submits it and has it approved; its record and filing ids.
    @discardableResult
    static func approvedElevator(_ app: Application, _ company: TestClient, _ regulator: TestClient, _ form: [String: String],
                                 opinion: String = "") async throws -> (record: UUID, filing: UUID) {
        let id = try await Elevators.addOK(app, company, form)
        #expect(try await Elevators.act(company, .submit, [id]).contains("已审核上报1台"))
        let filing = try await elevatorFiling(app, id)
        try await approve(app, regulator, filing, opinion: opinion)
        return (id, filing)
    }

    static func editElevator(_ company: TestClient, _ id: UUID, _ form: [String: String]) async throws {
        try await company.get(SiteURL.elevators(.edit(id)).path)
        let page = try await company.post(SiteURL.elevators(.edit(id)).path, form)
        #expect(page.status == .seeOther, "not saved: \(Elevators.fieldErrors(page))")
    }

    /// Adds a person through the form; their record and filing ids.
    @discardableResult
    static func addStaff(_ app: Application, _ company: TestClient, _ form: [String: String]) async throws -> (record: UUID, filing: UUID) {
        let page = try await Staff.add(company, form)
        #expect(page.status == .seeOther, "not added: \(Elevators.fieldErrors(page))")
        let member = try #require(try await StaffMember.query(on: app.db).filter(\.$idNumber == form["id_number"]!).first())
        let filing = try #require(try await Filing.query(on: app.db).filter(\.$kind == .staff)
            .filter(\.$recordID == member.requireID()).first())
        return (try member.requireID(), try filing.requireID())
    }

    @discardableResult
    static func staffAction(_ company: TestClient, _ route: RegisterRoute, _ ids: [UUID]) async throws -> TestClient.Page {
        try await company.get(SiteURL.staff(.list).path)
        var form: [String: String] = [:]
        for (i, id) in ids.enumerated() { form["ids[\(i)]"] = id.uuidString }
        let page = try await company.post(SiteURL.staff(route).path, form)
        return page.status == .seeOther ? try await company.follow(page) : page
    }

    @discardableResult
    static func approvedStaff(_ app: Application, _ company: TestClient, _ regulator: TestClient, _ form: [String: String],
                              opinion: String = "") async throws -> (record: UUID, filing: UUID) {
        let ids = try await addStaff(app, company, form)
        try await staffAction(company, .submit, [ids.record])
        try await approve(app, regulator, ids.filing, opinion: opinion)
        return ids
    }

    static func editStaff(_ company: TestClient, _ id: UUID, _ form: [String: String]) async throws {
        try await company.get(SiteURL.staff(.edit(id)).path)
        let page = try await company.post(SiteURL.staff(.edit(id)).path, form)
        #expect(page.status == .seeOther, "not saved: \(Elevators.fieldErrors(page))")
    }

    /// The rest of 2.1's form for 红旗电梯工程有限公司 (B级, 新乡市红旗区).
    static func hongqiInfo(_ changes: [String: String] = [:]) -> [String: String] {
        Fixtures.companyInfo([
            "name": "红旗电梯工程有限公司", "certificate_no": "TS3341B07-2019", "manager_phone": "13903731234",
            "address": "新乡市红旗区平原路1号", "region_code": "410702", "certificate_issued": "2019-03-01",
            "certificate_expires": "2023-02-28", "level": "B", "office_address": "新乡市红旗区平原路1号", "phone": "0373-5551234",
        ].merging(changes) { $1 })
    }

    /// Fills in a company's information, uploads a certificate, submits it and has it approved; the filing's id.
    @discardableResult
    static func approvedCompany(_ app: Application, _ client: TestClient, _ regulator: TestClient,
                                _ info: [String: String] = Fixtures.companyInfo(), opinion: String = "") async throws -> UUID {
        try await client.get(SiteURL.companyFilingEdit.path)
        let saved = try await client.post(SiteURL.companyFilingEdit.path, info)
        #expect(saved.status == .seeOther, "not saved: \(Elevators.fieldErrors(saved))")
        try await client.get(SiteURL.companyFilingEdit.path)
        try await client.upload(SiteURL.companyAttachments.path, files: [("资格证书.png", Fixtures.png)])
        try await client.get(SiteURL.companyFiling.path)
        try await client.post(SiteURL.companyFilingSubmit.path, [:])
        let filing = try await Fixtures.companyFiling(app, name: try #require(info["name"]))
        try await approve(app, regulator, try filing.requireID(), opinion: opinion)
        return try filing.requireID()
    }

    static func adminClient(_ app: Application) async throws -> TestClient {
        _ = try await Fixtures.createAccount(app, "ops", role: .admin)
        let admin = TestClient(app)
        try await admin.logIn("ops", "Reg#2026pass")
        return admin
    }

    // MARK: Reading the pages

    static func list(_ client: TestClient, _ kind: FilingKind, _ query: String = "") async throws -> TestClient.Page {
        let page = try await client.get(SiteURL.archive(kind, .list).path + query)
        #expect(page.status == .ok, "\(kind) list \(query): \(page.status)")
        return page
    }

    static func view(_ client: TestClient, _ kind: FilingKind, _ id: UUID) async throws -> TestClient.Page {
        try await client.get(SiteURL.archive(kind, .view(id)).path)
    }

    static func history(_ client: TestClient, _ kind: FilingKind, _ id: UUID) async throws -> TestClient.Page {
        try await client.get(SiteURL.archive(kind, .history(id)).path)
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The table of a list page: each row's id (its filing's) and its cells after the check box.
    static func rows(_ page: TestClient.Page) -> [(id: UUID, cells: [String])] {
        page.body.matches(of: /<tr>\s*<td class="check"><input type="checkbox" class="row-check" value="([^"]+)"[^>]*><\/td>(.*?)<\/tr>/
            .dotMatchesNewlines()).map { m -> (id: UUID, cells: [String]) in
            (UUID(uuidString: String(m.1)) ?? UUID(), String(m.2).matches(of: /<td(?: class="wrap")?>([^<]*)<\/td>/).map { unescape(String($0.1)) })
        }
    }

    static func ids(_ page: TestClient.Page) -> Set<UUID> { Set(rows(page).map(\.id)) }

    static func row(_ page: TestClient.Page, _ id: UUID) -> [String]? { rows(page).first { $0.id == id }?.cells }

    /// The fields of a 查看 page, label → value.
    static func fields(_ page: TestClient.Page) -> [String: String] {
        Dictionary(page.body.matches(of: /<tr><th>([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/).map { (String($0.1), unescape(String($0.2))) },
                   uniquingKeysWith: { a, _ in a })
    }

    struct Change: Equatable, CustomStringConvertible {
        let label: String
        let old: String?
        let new: String
        var description: String { "\(label): \(old ?? "-") → \(new)" }
    }

    struct Version {
        let number: Int
        let tag: String
        /// "2026-09-21 21:33 · 审核人 …"
        let meta: String
        let opinion: String
        let changes: [Change]
        let unchanged: Bool
    }

    /// The versions of a 历史 page, in the page's order.
    static func versions(_ page: TestClient.Page) -> [Version] {
        page.body.components(separatedBy: #"<li class="version">"#).dropFirst().map { chunk in
            Version(
                number: chunk.firstMatch(of: /第 (\d+) 版/).flatMap { Int($0.1) } ?? -1,
                tag: chunk.firstMatch(of: /<span class="tag">([^<]*)<\/span>/).map { String($0.1) } ?? "",
                meta: chunk.firstMatch(of: /<span class="muted">([^<]*)<\/span>/).map { unescape(String($0.1)) } ?? "",
                opinion: chunk.firstMatch(of: /审核意见：([^<]*)</).map { unescape(String($0.1)) } ?? "",
                changes: chunk.matches(of: /<tr><td>([^<]*)<\/td>(?:<td class="old">([^<]*)<\/td>)?<td class="new">([^<]*)<\/td><\/tr>/).map {
                    Change(label: String($0.1), old: $0.2.map { unescape(String($0)) }, new: unescape(String($0.3)))
                },
                unchanged: chunk.contains("内容未改变"))
        }
    }

    /// An export as text rows, the header first.
    static func export(_ client: TestClient, _ kind: FilingKind, _ query: String = "") async throws -> [[String]] {
        let file = try await Elevators.download(client, SiteURL.archive(kind, .export).path + query)
        #expect(file.status == .ok, "\(kind) export \(query): \(file.status)")
        guard file.status == .ok else { return [] }
        let rows = try XLSXReader.read(file.data).rows
        let width = (rows.flatMap { $0.cells.keys }.max() ?? -1) + 1
        return rows.map { row in
            (0..<width).map { i -> String in
                switch row.cells[i] {
                case .text(let s)?: s
                case .number(let n)?: String(n)
                case nil: ""
                default: "?"
                }
            }
        }
    }

    static let elevatorColumns = ["设备名称", "注册代码", "内部编号", "检验日期", "下次检验日期", "责任单位", "制造单位", "安全管理员",
                                  "安全管理员电话", "维保单位"]
    static let companyColumns = ["单位名称", "证书编号", "发证日期", "有效日期", "行政区划", "级别", "固定办公场所地址"]
    static let staffColumns = ["单位名称", "姓名", "工种", "身份证号", "证书号", "联系方式", "发证日期", "有效日期"]

    static func columns(_ kind: FilingKind) -> [String] {
        switch kind {
        case .elevator: elevatorColumns
        case .company: companyColumns
        case .staff: staffColumns
        }
    }

    /// The list's rows for a query (one page) and the export of the same query hold the same rows, cell for cell.
    static func exportMatchesList(_ client: TestClient, _ kind: FilingKind, _ query: String = "",
                                  sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let page = try await list(client, kind, query)
        let listed = rows(page).map(\.cells)
        #expect(listed.count < 20, "one page holds the whole answer", sourceLocation: sourceLocation)
        let sheet = try await export(client, kind, query)
        #expect(sheet.first.map { Array($0.prefix(columns(kind).count)) } == columns(kind), "export header", sourceLocation: sourceLocation)
        let exported = sheet.dropFirst().map { Array($0.prefix(columns(kind).count)) }
        #expect(exported.count == listed.count, "\(query): export \(exported.count) rows, list \(listed.count)", sourceLocation: sourceLocation)
        #expect(Set(exported) == Set(listed), "\(query): export \(exported) ≠ list \(listed)", sourceLocation: sourceLocation)
    }

    // MARK: Only approved versions

    @Test("电梯档案: only approved versions; an edit after approval shows its approved values (list, 查看, 导出, query) until approved")
    func onlyApprovedElevators() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            let regulator = try await Fixtures.regulatorClient(app)
            let a = try await Self.approvedElevator(app, company, regulator, Elevators.elevator(), opinion: "资料齐全")

            // B is under review, C never submitted, D rejected: none of them has an approved version.
            let codeB = "31104101812015030002", codeC = "31104101812015030003", codeD = "31104101812015030004"
            let b = try await Elevators.addOK(app, company, Elevators.elevator(["registration_code": codeB, "rescue_code": "410002"]))
            try await Elevators.act(company, .submit, [b])
            let c = try await Elevators.addOK(app, company, Elevators.elevator(["registration_code": codeC, "rescue_code": "410003"]))
            let d = try await Elevators.addOK(app, company, Elevators.elevator(["registration_code": codeD, "rescue_code": "410004"]))
            try await Elevators.act(company, .submit, [d])
            try await Self.reject(app, regulator, try await Self.elevatorFiling(app, d), opinion: "注册代码与铭牌不符")
            let never = [try await Self.elevatorFiling(app, b), try await Self.elevatorFiling(app, c), try await Self.elevatorFiling(app, d)]
            let admin = try await Self.adminClient(app)

            for client in [company, regulator, admin] {
                let page = try await Self.list(client, .elevator)
                #expect(Self.ids(page) == [a.filing])
                for code in [codeB, codeC, codeD] { #expect(!page.contains(code)) }
                #expect(Self.row(page, a.filing) == ["曳引式客梯", Elevators.code, "1号梯", "2026-03-15", "2027-03-14", "郎莫物业有限公司",
                                                     "上海三菱电梯有限公司", "李明", "13733877795", "凯旋电梯维保有限公司"])
                #expect(page.contains("共 1 条"))
                let sheet = try await Self.export(client, .elevator)
                #expect(sheet.count == 2 && sheet.dropFirst().allSatisfy { $0[1] == Elevators.code })
                for id in never {
                    #expect(try await Self.view(client, .elevator, id).status == .notFound)
                    #expect(try await Self.history(client, .elevator, id).status == .notFound)
                }
                #expect(try await Self.list(client, .elevator, "?registration_code=" + codeB).contains("没有符合条件的电梯档案"))
            }

            // The company changes A: 责任单位, 安全管理员 and 救援电梯编号. Until approved, the archive shows the approved values.
            try await Self.editElevator(company, a.record, Elevators.elevator(["user_unit": "新乡市新物业公司", "safety_manager": "王五",
                                                                               "rescue_code": "410009"]))
            func showsApprovedValues(_ stage: String) async throws {
                for client in [company, regulator, admin] {
                    let page = try await Self.list(client, .elevator)
                    #expect(Self.ids(page) == [a.filing], "\(stage)")
                    #expect(Self.row(page, a.filing)?[5] == "郎莫物业有限公司" && Self.row(page, a.filing)?[7] == "李明", "\(stage)")
                    #expect(!page.contains("新乡市新物业公司") && !page.contains("王五"), "\(stage): a working value in the list")
                    let view = try await Self.view(client, .elevator, a.filing)
                    #expect(view.status == .ok, "\(stage)")
                    let fields = Self.fields(view)
                    #expect(fields["责任单位"] == "郎莫物业有限公司" && fields["安全管理员"] == "李明" && fields["救援电梯编号"] == "410001",
                            "\(stage): \(fields)")
                    #expect(fields["注册代码"] == Elevators.code && fields["行政区划"] == "河南省郑州市巩义市", "\(stage)")
                    #expect(view.contains("第 1 版"), "\(stage)")
                    #expect(!view.contains("新乡市新物业公司") && !view.contains("王五") && !view.contains("410009"), "\(stage): a working value in 查看")
                    let sheet = try await Self.export(client, .elevator)
                    #expect(sheet.count == 2 && sheet.last?[5] == "郎莫物业有限公司" && sheet.last?[7] == "李明", "\(stage): \(sheet)")
                    // The query reads the approved rescue code, not the working one.
                    #expect(Self.ids(try await Self.list(client, .elevator, "?rescue_code=410001")) == [a.filing], "\(stage)")
                    #expect(Self.ids(try await Self.list(client, .elevator, "?rescue_code=410009")).isEmpty, "\(stage)")
                }
            }
            try await showsApprovedValues("待上报/更改")
            try await Elevators.act(company, .submit, [a.record])
            try await showsApprovedValues("审核中")
            try await Self.reject(app, regulator, a.filing, opinion: "请附物业变更合同")
            try await showsApprovedValues("未通过")

            // Submitted again and approved: the archive takes the new version.
            try await Elevators.act(company, .submit, [a.record])
            try await Self.approve(app, regulator, a.filing, opinion: "同意变更")
            for client in [company, regulator, admin] {
                let page = try await Self.list(client, .elevator)
                #expect(Self.ids(page) == [a.filing])
                #expect(Self.row(page, a.filing)?[5] == "新乡市新物业公司" && Self.row(page, a.filing)?[7] == "王五")
                #expect(!page.contains("郎莫物业有限公司"))
                let view = try await Self.view(client, .elevator, a.filing)
                #expect(Self.fields(view)["责任单位"] == "新乡市新物业公司" && Self.fields(view)["救援电梯编号"] == "410009")
                #expect(view.contains("第 2 版"))
                #expect(try await Self.export(client, .elevator).last?[5] == "新乡市新物业公司")
                #expect(Self.ids(try await Self.list(client, .elevator, "?rescue_code=410009")) == [a.filing])
                #expect(Self.ids(try await Self.list(client, .elevator, "?rescue_code=410001")).isEmpty)
            }
            #expect(try await ArchivedElevator.query(on: app.db).count() == 1)
            #expect(try await ArchivedElevator.find(a.filing, on: app.db)?.version == 2)
        }
    }

    @Test("维保人员 and 维保公司: only approved versions; a pending change and a new attachment stay out of the archive")
    func onlyApprovedStaffAndCompany() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            let regulator = try await Fixtures.regulatorClient(app)
            // The company's own filing is not yet approved: 维保公司信息 is empty.
            #expect(Self.ids(try await Self.list(regulator, .company)).isEmpty)
            #expect(try await Self.list(regulator, .company).contains("没有符合条件的维保单位"))
            let companyFiling = try await Fixtures.companyFiling(app).requireID()
            #expect(try await Self.view(regulator, .company, companyFiling).status == .notFound)
            try await Self.approvedCompany(app, company, regulator)

            let ma = try await Self.approvedStaff(app, company, regulator, Staff.majinlei())
            let niu = try await Self.addStaff(app, company, Staff.majinlei(["name": "牛星", "id_number": "410412198304120213",
                                                                             "certificate_no": "TF2012-09123", "phone": "13013278904"]))
            try await Self.staffAction(company, .submit, [niu.record])

            for client in [company, regulator] {
                let staff = try await Self.list(client, .staff)
                #expect(Self.ids(staff) == [ma.filing])
                #expect(Self.row(staff, ma.filing) == ["凯旋电梯维保有限公司", "马金磊", "维保人员", "41142319820415212X", "TF2013-06234",
                                                       "13663017327", "2014-09-01", "2016-09-02"])
                #expect(!staff.contains("牛星"))
                #expect(try await Self.view(client, .staff, niu.filing).status == .notFound)
                let companies = try await Self.list(client, .company)
                #expect(Self.ids(companies) == [companyFiling])
                // The manual's row of 3.2.
                #expect(Self.row(companies, companyFiling) == ["凯旋电梯维保有限公司", "TS3344A12-2011", "2013-05-06", "2016-09-08",
                                                               "河南省郑州市巩义市", "A级", "巩义市人民路34号"])
            }

            // Changes after approval: the phone of 马金磊, the company's office address and a new attachment.
            try await Self.editStaff(company, ma.record, Staff.majinlei(["phone": "13663010000", "certificate_no": "TF2020-00001"]))
            try await company.get(SiteURL.companyFilingEdit.path)
            try await company.post(SiteURL.companyFilingEdit.path, Fixtures.companyInfo(["office_address": "巩义市新华路1号", "level": "B"]))
            try await company.get(SiteURL.companyFilingEdit.path)
            try await company.upload(SiteURL.companyAttachments.path, files: [("新证书.pdf", Fixtures.pdf)])
            try await company.get(SiteURL.companyFiling.path)
            try await company.post(SiteURL.companyFilingSubmit.path, [:])
            #expect(try await Fixtures.companyFiling(app).state == .init(review: .pending, info: .changed))

            for client in [company, regulator] {
                let staff = try await Self.list(client, .staff)
                #expect(Self.row(staff, ma.filing)?[5] == "13663017327" && Self.row(staff, ma.filing)?[4] == "TF2013-06234")
                #expect(!staff.contains("13663010000") && !staff.contains("TF2020-00001"))
                let person = try await Self.view(client, .staff, ma.filing)
                #expect(Self.fields(person)["联系方式"] == "13663017327" && !person.contains("13663010000"))
                #expect(try await Self.export(client, .staff).last?[5] == "13663017327")
                #expect(Self.ids(try await Self.list(client, .staff, "?phone=13663010000")).isEmpty)

                let companies = try await Self.list(client, .company)
                #expect(Self.row(companies, companyFiling)?[6] == "巩义市人民路34号" && Self.row(companies, companyFiling)?[5] == "A级")
                #expect(!companies.contains("巩义市新华路1号"))
                #expect(Self.ids(try await Self.list(client, .company, "?level=B%E7%BA%A7")).isEmpty)
                let view = try await Self.view(client, .company, companyFiling)
                #expect(view.status == .ok)
                #expect(Self.fields(view)["固定办公场所地址"] == "巩义市人民路34号" && Self.fields(view)["级别"] == "A级")
                #expect(view.contains("资格证书.png"), "查看 shows the approved version's attachments")
                #expect(!view.contains("新证书.pdf") && !view.contains("巩义市新华路1号"), "a working attachment or value in 查看")
                #expect(try await Self.export(client, .company).last?[6] == "巩义市人民路34号")
            }

            try await Self.approve(app, regulator, companyFiling, opinion: "同意")
            let view = try await Self.view(regulator, .company, companyFiling)
            #expect(view.contains("资格证书.png") && view.contains("新证书.pdf") && view.contains("第 2 版"))
            #expect(Self.fields(view)["固定办公场所地址"] == "巩义市新华路1号" && Self.fields(view)["级别"] == "B级")
            #expect(Self.ids(try await Self.list(regulator, .company, "?level=B%E7%BA%A7")) == [companyFiling])
        }
    }

    // MARK: 注销

    @Test("an approved 注销 removes the record from the archive (list, 查看, 导出); while it waits the approved version stays; 历史 keeps it")
    func deregistration() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            let regulator = try await Fixtures.regulatorClient(app)
            let a = try await Self.approvedElevator(app, company, regulator, Elevators.elevator())
            let kept = try await Self.approvedElevator(app, company, regulator, Elevators.elevator(["registration_code": "31104101812015030002",
                                                                                                     "rescue_code": "410002"]))
            let ma = try await Self.approvedStaff(app, company, regulator, Staff.majinlei())

            #expect(try await Elevators.act(company, .delete, [a.record]).contains("已提交注销申请"))
            #expect(try await Self.staffAction(company, .delete, [ma.record]).contains("注销申请"))
            #expect(try await Filing.find(a.filing, on: app.db)?.state == .init(review: .pending, info: .deregistered))

            // While the 注销 waits for review the approved version is still the archive's.
            #expect(Self.ids(try await Self.list(regulator, .elevator)) == [a.filing, kept.filing])
            #expect(try await Self.view(regulator, .elevator, a.filing).status == .ok)
            #expect(try await Self.export(regulator, .elevator).count == 3)
            #expect(Self.ids(try await Self.list(regulator, .staff)) == [ma.filing])

            try await Self.approve(app, regulator, a.filing, opinion: "同意注销")
            try await Self.approve(app, regulator, ma.filing)
            let admin = try await Self.adminClient(app)
            for client in [company, regulator, admin] {
                let elevators = try await Self.list(client, .elevator)
                #expect(Self.ids(elevators) == [kept.filing])
                #expect(!elevators.contains(Elevators.code))
                #expect(Self.ids(try await Self.list(client, .elevator, "?registration_code=5069")).isEmpty)
                #expect(Self.ids(try await Self.list(client, .elevator, "?rescue_code=410001")).isEmpty)
                let sheet = try await Self.export(client, .elevator)
                #expect(sheet.count == 2 && !sheet.contains { $0.contains(Elevators.code) })
                #expect(try await Self.view(client, .elevator, a.filing).status == .notFound)

                let staff = try await Self.list(client, .staff)
                #expect(Self.ids(staff).isEmpty && staff.contains("没有符合条件的维保人员"))
                #expect(try await Self.export(client, .staff).count == 1, "the header only")
                #expect(try await Self.view(client, .staff, ma.filing).status == .notFound)

                // 历史 still tells the story, the 注销 newest, and offers no 查看.
                let history = try await Self.history(client, .elevator, a.filing)
                #expect(history.status == .ok)
                let versions = Self.versions(history)
                #expect(versions.map(\.number) == [2, 1])
                #expect(versions.first?.tag == "注销" && versions.first?.opinion == "同意注销")
                #expect(!history.contains(SiteURL.archive(.elevator, .view(a.filing)).path))
            }
            #expect(try await ArchivedElevator.find(a.filing, on: app.db) == nil)
            #expect(try await ArchivedStaff.query(on: app.db).count() == 0)
        }
    }

    // MARK: 历史

    @Test("历史: every approved version, newest first, with date, reviewer, opinion and the changed fields old → new; rejections are not versions")
    func history() async throws {
        try await TestApp.run { app, clock in
            let company = try await Fixtures.companyClient(app)
            let zhang = try await Fixtures.regulatorClient(app, username: "zzjg")
            let a = try await Self.approvedElevator(app, company, zhang, Elevators.elevator(), opinion: "首次备案，资料齐全")
            let first = DisplayDate.minute(clock.now())

            clock.advance(by: 10 * 60)
            try await Self.editElevator(company, a.record, Elevators.elevator(["user_unit": "新乡市新物业公司", "safety_manager_phone": "0373-1234567"]))
            try await Elevators.act(company, .submit, [a.record])
            try await Self.reject(app, zhang, a.filing, opinion: "请补充物业合同")
            try await Self.editElevator(company, a.record, Elevators.elevator(["user_unit": "新乡市新物业公司", "safety_manager_phone": "0373-1234567",
                                                                               "internal_no": "2号梯"]))
            try await Elevators.act(company, .submit, [a.record])
            let li = try await Fixtures.regulatorClient(app, username: "zzjg2")
            try await Self.approve(app, li, a.filing)
            let second = DisplayDate.minute(clock.now())

            clock.advance(by: 10 * 60)
            try await Self.editElevator(company, a.record, Elevators.elevator(["user_unit": "新乡市新物业公司", "safety_manager_phone": "0373-1234567",
                                                                               "internal_no": "2号梯", "rescue_code": "410009"]))
            try await Elevators.act(company, .submit, [a.record])
            try await Self.approve(app, zhang, a.filing, opinion: "同意变更")
            let third = DisplayDate.minute(clock.now())
            #expect(first != second && second != third)

            let admin = try await Self.adminClient(app)
            for client in [company, zhang, admin] {
                let page = try await Self.history(client, .elevator, a.filing)
                #expect(page.status == .ok)
                let versions = Self.versions(page)
                #expect(versions.map(\.number) == [3, 2, 1], "newest first")
                guard versions.count == 3 else { continue }
                let (v3, v2, v1) = (versions[0], versions[1], versions[2])

                #expect(v3.meta.contains(third) && v3.meta.contains("zzjg（zzjg）"), "\(v3.meta)")
                #expect(v3.opinion == "同意变更")
                #expect(v3.changes == [.init(label: "救援电梯编号", old: "410001", new: "410009")], "\(v3.changes)")

                #expect(v2.meta.contains(second) && v2.meta.contains("zzjg2（zzjg2）"), "\(v2.meta)")
                #expect(v2.opinion == "已通过")
                #expect(v2.changes == [.init(label: "内部编号", old: "1号梯", new: "2号梯"),
                                       .init(label: "责任单位", old: "郎莫物业有限公司", new: "新乡市新物业公司"),
                                       .init(label: "安全管理员电话", old: "13733877795", new: "0373-1234567")], "\(v2.changes)")

                #expect(v1.meta.contains(first) && v1.meta.contains("zzjg（zzjg）"), "\(v1.meta)")
                #expect(v1.opinion == "首次备案，资料齐全" && v1.tag == "首次备案")
                // The first version lists what was filed, without an old column.
                #expect(v1.changes.allSatisfy { $0.old == nil })
                let filed = Dictionary(v1.changes.map { ($0.label, $0.new) }, uniquingKeysWith: { a, _ in a })
                #expect(filed["注册代码"] == Elevators.code && filed["责任单位"] == "郎莫物业有限公司" && filed["救援电梯编号"] == "410001")
                #expect(filed["行政区划"] == "河南省郑州市巩义市")

                // A rejection is no version, and its opinion is not an approval's.
                #expect(!page.contains("请补充物业合同"))
                #expect(page.contains(SiteURL.archive(.elevator, .view(a.filing)).path), "历史 of a current record links its 查看")
            }

            // A change of attachments only (the company's information): the version's one change is the attachment line.
            let companyFiling = try await Self.approvedCompany(app, company, zhang, opinion: "同意")
            try await company.get(SiteURL.companyFilingEdit.path)
            try await company.upload(SiteURL.companyAttachments.path, files: [("年检报告.png", Fixtures.png + [1, 2, 3])])
            try await company.get(SiteURL.companyFiling.path)
            try await company.post(SiteURL.companyFilingSubmit.path, [:])
            try await Self.approve(app, zhang, companyFiling)
            let companyHistory = Self.versions(try await Self.history(zhang, .company, companyFiling))
            #expect(companyHistory.map(\.number) == [2, 1])
            #expect(companyHistory.first?.changes == [.init(label: "附件", old: "", new: "年检报告.png")], "\(companyHistory.first?.changes ?? [])")
        }
    }

    // MARK: 身份证号

    @Test("身份证号: masked for an admin, in full for a regulator and the person's own company — list, 查看, 历史, 导出")
    func idNumberMasking() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            let regulator = try await Fixtures.regulatorClient(app)
            let ma = try await Self.approvedStaff(app, company, regulator, Staff.majinlei())
            // A corrected ID number, approved: 历史 shows the old and the new one.
            let seventeen = "41142319820415213"
            let corrected = seventeen + String(ResidentIDNumber_check(seventeen))
            try await Self.editStaff(company, ma.record, Staff.majinlei(["id_number": corrected]))
            try await Self.staffAction(company, .submit, [ma.record])
            try await Self.approve(app, regulator, ma.filing)
            let original = "41142319820415212X"
            let admin = try await Self.adminClient(app)

            for (who, client, full) in [("admin", admin, false), ("regulator", regulator, true), ("company", company, true)] {
                let shown = { (id: String) in full ? id : ResidentIDNumber.mask(id) }
                let hidden = full ? [] : [original, corrected]
                let page = try await Self.list(client, .staff)
                #expect(Self.row(page, ma.filing)?[3] == shown(corrected), "\(who): list")
                let view = try await Self.view(client, .staff, ma.filing)
                #expect(Self.fields(view)["身份证号"] == shown(corrected), "\(who): 查看")
                let history = try await Self.history(client, .staff, ma.filing)
                let versions = Self.versions(history)
                #expect(versions.first?.changes == [.init(label: "身份证号", old: shown(original), new: shown(corrected))], "\(who): 历史")
                #expect(versions.last?.changes.first { $0.label == "身份证号" }?.new == shown(original), "\(who): 历史 first version")
                let sheet = try await Self.export(client, .staff)
                #expect(sheet.count == 2 && sheet.last?[3] == shown(corrected), "\(who): 导出")
                for number in hidden {
                    for (name, body) in [("list", page.body), ("查看", view.body), ("历史", history.body)] {
                        #expect(!body.contains(number), "\(who) sees \(number) in full in \(name)")
                    }
                    #expect(!sheet.joined().contains(number), "\(who) sees \(number) in full in 导出")
                }
            }
            #expect(ResidentIDNumber.mask(original) == "411423********212X")
        }
    }

    // MARK: Who sees what

    @Test("region scope: a regulator of another region and another company see none of it (lists, queries, 导出) and get 404 by id")
    func scope() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            let zhengzhou = try await Fixtures.regulatorClient(app)  // 410100, 巩义市 is below it
            let companyFiling = try await Self.approvedCompany(app, company, zhengzhou)
            let elevator = try await Self.approvedElevator(app, company, zhengzhou, Elevators.elevator()).filing
            let person = try await Self.approvedStaff(app, company, zhengzhou, Staff.majinlei()).filing
            let mine: [(FilingKind, UUID)] = [(.company, companyFiling), (.elevator, elevator), (.staff, person)]

            // An elevator of the same company standing in 新乡市红旗区 is 新乡市's.
            let xinxiang = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            let inXinxiang = try await Self.approvedElevator(app, company, xinxiang, Elevators.elevator([
                "registration_code": "31104107022014070001", "rescue_code": "410002", "region_code": "410702"])).filing

            let other = try await Elevators.hongqiClient(app)
            let outsiders: [(String, TestClient)] = [("新乡市 regulator", xinxiang), ("another company", other)]
            for (who, client) in outsiders {
                for (kind, id) in mine {
                    let page = try await Self.list(client, kind)
                    #expect(!Self.ids(page).contains(id), "\(who) lists \(kind)")
                    #expect(!page.contains("凯旋电梯维保有限公司") || kind == .elevator, "\(who) sees the company in \(kind)")
                    #expect(try await Self.view(client, kind, id).status == .notFound, "\(who): 查看 \(kind)")
                    #expect(try await Self.history(client, kind, id).status == .notFound, "\(who): 历史 \(kind)")
                    if kind != .elevator {
                        #expect(!(try await Self.export(client, kind)).joined().contains { $0.contains("凯旋") }, "\(who): 导出 \(kind)")
                    }
                }
                for query in ["", "?company=" + Self.encoded("凯旋"), "?registration_code=5069", "?rescue_code=410001",
                              "?registration_code=" + Elevators.code] {
                    #expect(!Self.ids(try await Self.list(client, .elevator, query)).contains(elevator), "\(who): \(query)")
                    #expect(!(try await Self.export(client, .elevator, query)).contains { $0.contains(Elevators.code) }, "\(who): 导出\(query)")
                }
                for query in ["", "?company=" + Self.encoded("凯旋"), "?name=" + Self.encoded("马金磊"), "?phone=13663017327"] {
                    #expect(Self.ids(try await Self.list(client, .staff, query)).isEmpty, "\(who): \(query)")
                    #expect(try await Self.export(client, .staff, query).count == 1, "\(who): 导出\(query)")
                }
                for query in ["", "?name=" + Self.encoded("凯旋"), "?certificate_no=TS3344A12-2011"] {
                    #expect(Self.ids(try await Self.list(client, .company, query)).isEmpty, "\(who): \(query)")
                    #expect(try await Self.export(client, .company, query).count == 1, "\(who): 导出\(query)")
                }
            }
            // 新乡市 sees the elevator that stands in its region, and nothing else of 凯旋's.
            #expect(Self.ids(try await Self.list(xinxiang, .elevator)) == [inXinxiang])
            #expect(try await Self.view(xinxiang, .elevator, inXinxiang).status == .ok)
            // The other company sees nothing of 凯旋's at all, whatever its 维保单位 parameter says.
            #expect(Self.ids(try await Self.list(other, .elevator)).isEmpty)
            #expect(Self.ids(try await Self.list(other, .elevator, "?company=" + Self.encoded("凯旋"))).isEmpty)
            #expect(try await Self.view(other, .elevator, inXinxiang).status == .notFound)
            #expect(try await Self.export(other, .elevator).count == 1)

            // 郑州市 sees 巩义市's three and not 红旗区's elevator.
            #expect(Self.ids(try await Self.list(zhengzhou, .elevator)) == [elevator])
            #expect(try await Self.view(zhengzhou, .elevator, inXinxiang).status == .notFound)
            #expect(try await Self.history(zhengzhou, .elevator, inXinxiang).status == .notFound)
            // The province, the company itself and the admin see all of it.
            let henan = try await Fixtures.regulatorClient(app, region: "410000", username: "hnjg")
            let admin = try await Self.adminClient(app)
            for (who, client) in [("province", henan), ("company", company), ("admin", admin)] {
                #expect(Self.ids(try await Self.list(client, .elevator)) == [elevator, inXinxiang], "\(who)")
                #expect(Self.ids(try await Self.list(client, .staff)) == [person], "\(who)")
                #expect(Self.ids(try await Self.list(client, .company)) == [companyFiling], "\(who)")
                for (kind, id) in mine + [(.elevator, inXinxiang)] {
                    #expect(try await Self.view(client, kind, id).status == .ok, "\(who): 查看 \(kind)")
                    #expect(try await Self.history(client, kind, id).status == .ok, "\(who): 历史 \(kind)")
                }
                #expect(try await Self.export(client, .elevator).count == 3, "\(who)")
            }
            // Only those who see several companies are offered the 维保单位 query.
            #expect(!(try await Self.list(company, .elevator)).contains(#"name="company""#))
            #expect(!(try await Self.list(company, .staff)).contains(#"name="company""#))
            #expect(try await Self.list(henan, .elevator).contains(#"name="company""#))
            #expect(try await Self.list(henan, .staff).contains(#"name="company""#))
        }
    }

    @Test("an elevator moved to another region by an unapproved edit stays where its approved version stands: 查看 and 历史 follow the list")
    func unapprovedRegionMove() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            let zhengzhou = try await Fixtures.regulatorClient(app)
            let xinxiang = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            let a = try await Self.approvedElevator(app, company, zhengzhou, Elevators.elevator())
            try await Self.editElevator(company, a.record, Elevators.elevator(["region_code": "410702"]))
            #expect(try await Filing.find(a.filing, on: app.db)?.state == .init(review: .draft, info: .changed))

            // The approved version stands in 巩义市: 郑州市 lists it and may open it.
            #expect(Self.ids(try await Self.list(zhengzhou, .elevator)) == [a.filing])
            let view = try await Self.view(zhengzhou, .elevator, a.filing)
            #expect(view.status == .ok, "郑州市 lists the elevator but 查看 answers \(view.status)")
            #expect(Self.fields(view)["行政区划"] == "河南省郑州市巩义市")
            #expect(try await Self.history(zhengzhou, .elevator, a.filing).status == .ok, "郑州市 lists the elevator but 历史 is refused")

            // 新乡市 does not list it, and must not open it by id either: nothing of it is approved in its region.
            #expect(Self.ids(try await Self.list(xinxiang, .elevator)).isEmpty)
            #expect(try await Self.view(xinxiang, .elevator, a.filing).status == .notFound, "新乡市 opens an archive record outside its region")
            #expect(try await Self.history(xinxiang, .elevator, a.filing).status == .notFound, "新乡市 opens the history of a record outside its region")
        }
    }

    @Test("查看 and 历史 with a filing id of another kind, an unknown id or no id at all answer 404")
    func wrongKind() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            let regulator = try await Fixtures.regulatorClient(app)
            let ids: [FilingKind: UUID] = [
                .company: try await Self.approvedCompany(app, company, regulator),
                .elevator: try await Self.approvedElevator(app, company, regulator, Elevators.elevator()).filing,
                .staff: try await Self.approvedStaff(app, company, regulator, Staff.majinlei()).filing,
            ]
            let admin = try await Self.adminClient(app)
            for client in [admin, regulator, company] {
                for kind in FilingKind.allCases {
                    for (other, id) in ids {
                        let expected: HTTPStatus = other == kind ? .ok : .notFound
                        #expect(try await Self.view(client, kind, id).status == expected, "\(kind) 查看 of a \(other) filing")
                        #expect(try await Self.history(client, kind, id).status == expected, "\(kind) 历史 of a \(other) filing")
                    }
                    #expect(try await Self.view(client, kind, UUID()).status == .notFound)
                    #expect(try await Self.history(client, kind, UUID()).status == .notFound)
                    let base = SiteURL.archive(kind, .list).path
                    #expect(try await client.get(base + "/not-a-uuid").status == .notFound)
                    #expect(try await client.get(base + "/not-a-uuid/history").status == .notFound)
                }
            }
            // Signed out: the login page.
            let anonymous = TestClient(app)
            let page = try await anonymous.get(SiteURL.archive(.elevator, .view(ids[.elevator])).path)
            #expect(page.status != .ok)
            #expect(try await anonymous.get(SiteURL.archive(.staff, .export).path).status != .ok)
        }
    }

    // MARK: 查询 and 导出

    @Test("电梯档案管理 queries: part of the 注册代码, 救援电梯编号, 维保单位, combined; on approved values only; 导出 equals the query")
    func elevatorQueries() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            let henan = try await Fixtures.regulatorClient(app, region: "410000", username: "hnjg")
            let c2 = "31104101812016041234", c3 = "31104114002014010", c4 = "31104107022014070001"
            let e1 = try await Self.approvedElevator(app, company, henan, Elevators.elevator()).filing
            let e2 = try await Self.approvedElevator(app, company, henan, Elevators.elevator([
                "registration_code": c2, "rescue_code": "410002", "inspection_date": "2025-05-20", "next_inspection_date": "2026-05-19"]))
            // The manual's 17-digit code of 3.1, without a rescue code.
            let e3 = try await Self.approvedElevator(app, company, henan, Elevators.elevator([
                "equipment_name": "曳引式客梯", "registration_code": c3, "rescue_code": "", "inspection_date": "2014-12-02",
                "next_inspection_date": "2015-12-02", "user_unit": "虞城县佳润置业有限公司(清华南苑)", "manufacturer": "河南宇通电梯有限公司",
                "safety_manager": "", "safety_manager_phone": ""])).filing
            let other = try await Elevators.hongqiClient(app)
            let e4 = try await Self.approvedElevator(app, other, henan, Elevators.elevator([
                "registration_code": c4, "rescue_code": "410004", "region_code": "410702"])).filing
            // Not approved: one under review, and an approved one whose code and rescue code are changed but not yet approved.
            let pending = try await Elevators.addOK(app, company, Elevators.elevator(["registration_code": "31104101812015035070", "rescue_code": "410005"]))
            try await Elevators.act(company, .submit, [pending])
            try await Self.editElevator(company, e2.record, Elevators.elevator(["registration_code": "31104101812016049999", "rescue_code": "410009",
                                                                                "inspection_date": "2025-05-20", "next_inspection_date": "2026-05-19"]))

            func only(_ client: TestClient, _ query: String, _ expected: Set<UUID>, sourceLocation: SourceLocation = #_sourceLocation) async throws {
                let page = try await Self.list(client, .elevator, query)
                #expect(Self.ids(page) == expected, "\(query)", sourceLocation: sourceLocation)
                if expected.isEmpty { #expect(page.contains("没有符合条件的电梯档案"), sourceLocation: sourceLocation) }
                try await Self.exportMatchesList(client, .elevator, query, sourceLocation: sourceLocation)
            }
            let all: Set<UUID> = [e1, e2.filing, e3, e4]
            try await only(henan, "", all)
            try await only(henan, "?registration_code=5069", [e1])
            try await only(henan, "?registration_code=035069", [e1])
            try await only(henan, "?registration_code=69", [e1])
            try await only(henan, "?registration_code=1234", [e2.filing])
            try await only(henan, "?registration_code=9999", [])
            try await only(henan, "?registration_code=41140", [e3])
            try await only(henan, "?registration_code=" + c3, [e3])
            try await only(henan, "?registration_code=070001", [e4])
            try await only(henan, "?registration_code=31104", all)
            try await only(henan, "?registration_code=%20035069%20", [e1])
            try await only(henan, "?registration_code=%25", all)
            try await only(henan, "?rescue_code=410002", [e2.filing])
            try await only(henan, "?rescue_code=410009", [])
            try await only(henan, "?rescue_code=410005", [])
            try await only(henan, "?rescue_code=410001&registration_code=5069", [e1])
            try await only(henan, "?rescue_code=410001&registration_code=1234", [])
            try await only(henan, "?company=" + Self.encoded("红旗"), [e4])
            try await only(henan, "?company=" + Self.encoded("凯旋电梯维保有限公司"), [e1, e2.filing, e3])
            try await only(henan, "?company=" + Self.encoded("凯旋") + "&registration_code=5069", [e1])
            try await only(henan, "?company=" + Self.encoded("红旗") + "&registration_code=5069", [])
            try await only(henan, "?company=" + Self.encoded("不存在的单位"), [])

            // The manual's row, with 维保单位 for those who see several companies.
            let manual = try await Self.list(henan, .elevator, "?registration_code=" + c3)
            #expect(Self.row(manual, e3) == ["曳引式客梯", c3, "1号梯", "2014-12-02", "2015-12-02", "虞城县佳润置业有限公司(清华南苑)",
                                             "河南宇通电梯有限公司", "", "", "凯旋电梯维保有限公司"])
            for text in ["设备注册代码", "救援电梯编号", "维保单位", "查找", "显示", "清空", "查看", "导出", "历史"] {
                #expect(manual.contains(text), "missing \(text)")
            }
            // The query is kept in the form and in the 导出 link.
            #expect(manual.contains(#"name="registration_code" value="\#(c3)""#))
            #expect(manual.contains(SiteURL.archive(.elevator, .export).path + "?registration_code=" + c3))

            // A company: its own, whatever 维保单位 says.
            try await only(company, "", [e1, e2.filing, e3])
            try await only(company, "?company=" + Self.encoded("红旗"), [e1, e2.filing, e3])
            try await only(company, "?registration_code=070001", [])
            try await only(company, "?registration_code=3110", [e1, e2.filing, e3])
            try await only(other, "?registration_code=3110", [e4])

            // Sorting by 检验日期.
            let ascending = try await Self.list(henan, .elevator, "?sort=inspection_date&dir=asc")
            #expect(Self.rows(ascending).map(\.id) == [e3, e2.filing, e1, e4] || Self.rows(ascending).map(\.id) == [e3, e2.filing, e4, e1])
        }
    }

    @Test("维保公司信息 queries: 单位名称, 资格证书编号 (any part, any case), 级别 checkboxes; 导出 equals the query")
    func companyQueries() async throws {
        try await TestApp.run { app, _ in
            let henan = try await Fixtures.regulatorClient(app, region: "410000", username: "hnjg")
            let kaixuan = try await Self.approvedCompany(app, try await Fixtures.companyClient(app), henan)
            let hongqi = try await Self.approvedCompany(app, try await Elevators.hongqiClient(app), henan, Self.hongqiInfo())
            try await Fixtures.register(app, Fixtures.kaixuan([
                "username": "lyjd", "name": "洛阳嘉达电梯服务有限公司", "certificate_no": "TS3341C05-2018", "manager_phone": "13837912345",
                "address": "洛阳市老城区中州东路8号", "region_code": "410302"]))
            let luoyangClient = TestClient(app)
            try await luoyangClient.logIn("lyjd", Fixtures.password)
            let luoyang = try await Self.approvedCompany(app, luoyangClient, henan, Fixtures.companyInfo([
                "name": "洛阳嘉达电梯服务有限公司", "certificate_no": "TS3341C05-2018", "manager_phone": "13837912345",
                "address": "洛阳市老城区中州东路8号", "region_code": "410302", "level": "C", "office_address": "洛阳市老城区中州东路8号"]))
            // A registered company whose information was never approved is not in 维保公司信息.
            try await Fixtures.register(app, Fixtures.kaixuan(["username": "wfdt", "name": "未备案电梯有限公司", "certificate_no": "TS3341A01-2020",
                                                               "manager_phone": "13837900000", "region_code": "410702"]))

            let level = { (l: String) in "level=" + Self.encoded(l) }
            func only(_ query: String, _ expected: Set<UUID>, sourceLocation: SourceLocation = #_sourceLocation) async throws {
                let page = try await Self.list(henan, .company, query)
                #expect(Self.ids(page) == expected, "\(query)", sourceLocation: sourceLocation)
                if expected.isEmpty { #expect(page.contains("没有符合条件的维保单位"), sourceLocation: sourceLocation) }
                try await Self.exportMatchesList(henan, .company, query, sourceLocation: sourceLocation)
            }
            try await only("", [kaixuan, hongqi, luoyang])
            try await only("?name=" + Self.encoded("凯旋"), [kaixuan])
            try await only("?name=" + Self.encoded("电梯"), [kaixuan, hongqi, luoyang])
            try await only("?name=" + Self.encoded("未备案"), [])
            try await only("?certificate_no=TS3344A12-2011", [kaixuan])
            try await only("?certificate_no=3341b", [hongqi])
            try await only("?certificate_no=3341", [hongqi, luoyang])
            try await only("?certificate_no=XX99", [])
            try await only("?" + level("A级"), [kaixuan])
            try await only("?" + level("B级"), [hongqi])
            try await only("?" + level("A级") + "&" + level("C级"), [kaixuan, luoyang])
            try await only("?" + level("A级") + "&" + level("B级") + "&" + level("C级"), [kaixuan, hongqi, luoyang])
            try await only("?" + level("B级") + "&name=" + Self.encoded("凯旋"), [])
            try await only("?" + level("C级") + "&certificate_no=3341", [luoyang])
            try await only("?" + level("D级"), [kaixuan, hongqi, luoyang])

            // The checkboxes keep what was chosen.
            let page = try await Self.list(henan, .company, "?" + level("A级") + "&" + level("C级"))
            #expect(page.contains(#"name="level" value="A级" checked"#) && page.contains(#"name="level" value="C级" checked"#))
            #expect(page.contains(#"name="level" value="B级">"#))
            for text in ["单位名称", "资格证书编号", "级别"] + Self.companyColumns { #expect(page.contains(text), "missing \(text)") }
            #expect(Self.row(page, luoyang) == ["洛阳嘉达电梯服务有限公司", "TS3341C05-2018", "2013-05-06", "2016-09-08", "河南省洛阳市老城区",
                                                "C级", "洛阳市老城区中州东路8号"])
            let sheet = try await Self.export(henan, .company, "?" + level("B级"))
            #expect(sheet == [Self.companyColumns, ["红旗电梯工程有限公司", "TS3341B07-2019", "2019-03-01", "2023-02-28", "河南省新乡市红旗区",
                                                    "B级", "新乡市红旗区平原路1号"]])
            // A company sees only itself.
            let own = try await Self.list(luoyangClient, .company, "?name=" + Self.encoded("电梯"))
            #expect(Self.ids(own) == [luoyang])
        }
    }

    @Test("维保人员信息 queries: 单位名称, 维保人姓名, 维保人手机, combined; on approved values only; 导出 equals the query")
    func staffQueries() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            let henan = try await Fixtures.regulatorClient(app, region: "410000", username: "hnjg")
            let ma = try await Self.approvedStaff(app, company, henan, Staff.majinlei()).filing
            let niu = try await Self.approvedStaff(app, company, henan, Staff.majinlei([
                "name": "牛星", "id_number": "410412198304120213", "certificate_no": "TF2012-09123", "phone": "13013278904"]))
            let other = try await Elevators.hongqiClient(app)
            let wang = try await Self.approvedStaff(app, other, henan, Staff.majinlei([
                "name": "王强", "id_number": "11010519491231002X", "certificate_no": "TF2014-04236", "phone": "13903735678"])).filing
            // Not approved: 李金 under review; 牛星's new phone and name.
            let li = try await Self.addStaff(app, company, Staff.majinlei(["name": "李金", "id_number": "410702199003071233",
                                                                            "certificate_no": "TF2015-1", "phone": "13903739999"]))
            try await Self.staffAction(company, .submit, [li.record])
            try await Self.editStaff(company, niu.record, Staff.majinlei(["name": "牛星辰", "id_number": "410412198304120213",
                                                                           "certificate_no": "TF2012-09123", "phone": "13013270000"]))

            func only(_ client: TestClient, _ query: String, _ expected: Set<UUID>, sourceLocation: SourceLocation = #_sourceLocation) async throws {
                let page = try await Self.list(client, .staff, query)
                #expect(Self.ids(page) == expected, "\(query)", sourceLocation: sourceLocation)
                if expected.isEmpty { #expect(page.contains("没有符合条件的维保人员"), sourceLocation: sourceLocation) }
                try await Self.exportMatchesList(client, .staff, query, sourceLocation: sourceLocation)
            }
            try await only(henan, "", [ma, niu.filing, wang])
            try await only(henan, "?name=" + Self.encoded("金"), [ma])
            try await only(henan, "?name=" + Self.encoded("马金磊"), [ma])
            try await only(henan, "?name=" + Self.encoded("牛星"), [niu.filing])
            try await only(henan, "?name=" + Self.encoded("星辰"), [])
            try await only(henan, "?name=" + Self.encoded("李金"), [])
            try await only(henan, "?phone=3278", [niu.filing])
            try await only(henan, "?phone=13013278904", [niu.filing])
            try await only(henan, "?phone=13013270000", [])
            try await only(henan, "?phone=139037", [wang])
            try await only(henan, "?company=" + Self.encoded("红旗"), [wang])
            try await only(henan, "?company=" + Self.encoded("凯旋"), [ma, niu.filing])
            try await only(henan, "?company=" + Self.encoded("凯旋") + "&name=" + Self.encoded("牛"), [niu.filing])
            try await only(henan, "?company=" + Self.encoded("红旗") + "&phone=1366301", [])
            try await only(henan, "?name=" + Self.encoded("王") + "&phone=5678", [wang])
            try await only(henan, "?phone=0000", [])

            let page = try await Self.list(henan, .staff, "?company=" + Self.encoded("红旗"))
            #expect(Self.row(page, wang) == ["红旗电梯工程有限公司", "王强", "维保人员", "11010519491231002X", "TF2014-04236", "13903735678",
                                             "2014-09-01", "2016-09-02"])
            for text in ["单位名称", "维保人姓名", "维保人手机"] + Self.staffColumns { #expect(page.contains(text), "missing \(text)") }

            // A company: its own people, whatever 单位名称 says.
            try await only(company, "", [ma, niu.filing])
            try await only(company, "?company=" + Self.encoded("红旗"), [ma, niu.filing])
            try await only(company, "?phone=139037", [])
            // An admin gets the same rows, masked in the list and the export alike.
            let admin = try await Self.adminClient(app)
            try await only(admin, "?name=" + Self.encoded("王强"), [wang])
            #expect(Self.row(try await Self.list(admin, .staff, "?name=" + Self.encoded("王强")), wang)?[3] == "110105********002X")
        }
    }

    @Test("导出 streams past a page of a thousand: every row of the query once, the query kept across the pages")
    func largeExport() async throws {
        try await TestApp.run { app, clock in
            _ = try await Fixtures.companyClient(app)
            let company = try #require(try await Company.query(on: app.db).filter(\.$name == "凯旋电梯维保有限公司").first())
            // Rows written straight into the archive table (2,345 approvals through HTTP would take minutes).
            var rows: [ArchivedElevator] = []
            for i in 0..<2345 {
                let e = ArchivedElevator()
                e.id = UUID()
                e.companyID = try company.requireID()
                e.regionCode = "410181"
                e.version = 1
                e.approvedAt = clock.now().addingTimeInterval(Double(i))
                e.equipmentName = "曳引式客梯"
                e.registrationCode = "311041018120" + (i < 1500 ? "18" : "19") + String(format: "%06d", i)
                e.internalNo = "\(i)号梯"; e.rescueCode = ""; e.inspectionDate = "2026-01-02"; e.nextInspectionDate = "2027-01-01"
                e.userUnit = "郎莫物业有限公司"; e.manufacturer = "上海三菱电梯有限公司"; e.safetyManager = ""; e.safetyManagerPhone = ""
                e.regionName = "河南省郑州市巩义市"; e.address = ""
                rows.append(e)
            }
            for start in stride(from: 0, to: rows.count, by: 200) {
                try await Array(rows[start..<min(start + 200, rows.count)]).create(on: app.db)
            }
            let client = TestClient(app)
            try await client.logIn("kxwbgs", Fixtures.password)
            let regulator = try await Fixtures.regulatorClient(app)
            for who in [client, regulator] {
                #expect(try await Self.list(who, .elevator).contains("共 2,345 条"))
                let sheet = try await Self.export(who, .elevator)
                let codes = sheet.dropFirst().map { $0[1] }
                #expect(codes.count == 2345 && Set(codes) == Set(rows.map(\.registrationCode)), "\(codes.count) rows, \(Set(codes).count) distinct")
                // A search counts up to 1,000, and all of them on demand.
                #expect(try await Self.list(who, .elevator, "?registration_code=12018").contains("共 1,000+ 条"))
                #expect(try await Self.list(who, .elevator, "?registration_code=12018&count=exact").contains("共 1,500 条"))
                let narrowed = try await Self.export(who, .elevator, "?registration_code=12018").dropFirst().map { $0[1] }
                #expect(narrowed.count == 1500 && Set(narrowed).count == 1500 && narrowed.allSatisfy { $0.contains("12018") })
            }
            let xinxiang = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            #expect(try await Self.export(xinxiang, .elevator).count == 1)
        }
    }

    // MARK: The approved values, everywhere on these pages

    @Test("查看 and 历史 name the record by its approved values, not by an edit still waiting for review")
    func headingsShowApprovedValues() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            let regulator = try await Fixtures.regulatorClient(app)
            let ma = try await Self.approvedStaff(app, company, regulator, Staff.majinlei())
            let a = try await Self.approvedElevator(app, company, regulator, Elevators.elevator())
            try await Self.editStaff(company, ma.record, Staff.majinlei(["name": "马金石"]))
            let newCode = "31104101812015038888"
            try await Self.editElevator(company, a.record, Elevators.elevator(["registration_code": newCode]))

            for client in [company, regulator] {
                for page in [try await Self.view(client, .staff, ma.filing), try await Self.history(client, .staff, ma.filing)] {
                    #expect(page.status == .ok)
                    #expect(page.contains("马金磊"))
                    #expect(!page.contains("马金石"), "the unapproved name is shown on an archive page")
                }
                for page in [try await Self.view(client, .elevator, a.filing), try await Self.history(client, .elevator, a.filing)] {
                    #expect(page.status == .ok)
                    #expect(page.contains(Elevators.code))
                    #expect(!page.contains(newCode), "the unapproved registration code is shown on an archive page")
                }
                #expect(!(try await Self.list(client, .staff)).contains("马金石"))
                #expect(!(try await Self.list(client, .elevator)).contains(newCode))
            }
        }
    }

    @Test("维保单位 / 单位名称 in 电梯档案 and 维保人员信息 is the company's approved name while a rename waits for review")
    func companyNameIsApproved() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            let regulator = try await Fixtures.regulatorClient(app)
            let companyFiling = try await Self.approvedCompany(app, company, regulator)
            let elevator = try await Self.approvedElevator(app, company, regulator, Elevators.elevator()).filing
            let person = try await Self.approvedStaff(app, company, regulator, Staff.majinlei()).filing
            // The company renames itself; the rename waits for review.
            try await company.get(SiteURL.companyFilingEdit.path)
            let saved = try await company.post(SiteURL.companyFilingEdit.path, Fixtures.companyInfo(["name": "凯旋电梯工程有限公司"]))
            #expect(saved.status == .seeOther)
            #expect(try await Filing.find(companyFiling, on: app.db)?.state == .init(review: .draft, info: .changed))

            let old = "凯旋电梯维保有限公司", new = "凯旋电梯工程有限公司"
            #expect(Self.row(try await Self.list(regulator, .company), companyFiling)?[0] == old)
            let elevators = try await Self.list(regulator, .elevator)
            #expect(Self.row(elevators, elevator)?[9] == old, "电梯档案 shows the unapproved company name")
            #expect(!elevators.contains(new))
            let staff = try await Self.list(regulator, .staff)
            #expect(Self.row(staff, person)?[0] == old, "维保人员信息 shows the unapproved company name")
            #expect(try await Self.export(regulator, .elevator).last?[9] == old)
            #expect(try await Self.export(regulator, .staff).last?[0] == old)
            // 维保单位 / 单位名称 queries read the approved name.
            #expect(Self.ids(try await Self.list(regulator, .elevator, "?company=" + Self.encoded("维保有限"))) == [elevator])
            #expect(Self.ids(try await Self.list(regulator, .elevator, "?company=" + Self.encoded("工程"))).isEmpty)
            #expect(Self.ids(try await Self.list(regulator, .staff, "?company=" + Self.encoded("维保有限"))) == [person])
            // 历史 names each version's maintenance company: by its approved name too.
            for (kind, id) in [(FilingKind.elevator, elevator), (.staff, person), (.company, companyFiling)] {
                let history = try await Self.history(regulator, kind, id)
                #expect(history.status == .ok)
                #expect(!history.contains(new), "历史 of the \(kind) shows the company name still under review")
            }
        }
    }

    @Test("历史 of an elevator shows a change of maintenance company: 注销 by one company, filed and approved by another (issue 6, 3.1)")
    func maintenanceCompanyChange() async throws {
        try await TestApp.run { app, clock in
            let kaixuan = try await Fixtures.companyClient(app)
            let henan = try await Fixtures.regulatorClient(app, region: "410000", username: "hnjg")
            let first = try await Self.approvedElevator(app, kaixuan, henan, Elevators.elevator())
            // Time passes between the decisions, as it does.
            clock.advance(by: 5 * 60)
            try await Elevators.act(kaixuan, .delete, [first.record])
            try await Self.approve(app, henan, first.filing, opinion: "同意注销")
            clock.advance(by: 5 * 60)
            let hongqi = try await Elevators.hongqiClient(app)
            let second = try await Self.approvedElevator(app, hongqi, henan, Elevators.elevator(), opinion: "同意接管维保")

            // The elevator (its 注册代码) is in the archive once, kept by 红旗.
            let list = try await Self.list(henan, .elevator, "?registration_code=" + Elevators.code)
            #expect(Self.ids(list) == [second.filing])
            #expect(Self.row(list, second.filing)?.last == "红旗电梯工程有限公司")

            // Its 历史 tells who maintained it before: 凯旋's versions and the 注销, then 红旗's.
            let page = try await Self.history(henan, .elevator, second.filing)
            #expect(page.status == .ok)
            #expect(page.contains("凯旋电梯维保有限公司"), "历史 does not show the previous maintenance company")
            #expect(page.contains("同意注销"), "历史 does not show the previous company's 注销")
            let versions = Self.versions(page)
            #expect(versions.map(\.number) == [3, 2, 1])
            #expect(versions.first?.opinion == "同意接管维保")
            #expect(versions.first?.changes.contains(.init(label: "维保单位", old: "凯旋电梯维保有限公司", new: "红旗电梯工程有限公司")) == true,
                    "\(versions.first?.changes ?? [])")
            #expect(versions.dropFirst().first?.tag == "注销")
            #expect(try await Self.view(henan, .elevator, second.filing).status == .ok)
            #expect(try await Self.view(henan, .elevator, first.filing).status == .notFound)

            // 凯旋 no longer keeps it: the history of its own, deregistered filing shows what 凯旋 filed and
            // nothing that 红旗 filed afterwards (a company sees only its own data).
            let own = try await Self.history(kaixuan, .elevator, first.filing)
            #expect(own.status == .ok)
            #expect(Self.versions(own).count == 2, "\(Self.versions(own).map(\.meta))")
            #expect(!own.contains("红旗电梯工程有限公司") && !own.contains("同意接管维保"), "a company reads another company's filing in 历史")
            #expect(try await Self.history(kaixuan, .elevator, second.filing).status == .notFound)
            #expect(try await Self.history(hongqi, .elevator, first.filing).status == .notFound)
        }
    }
}
