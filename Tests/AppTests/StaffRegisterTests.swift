@testable import App
import Fluent
import Testing
import SQLKit
import Vapor

@Suite("维保人员上报 (manual 2.2): the staff register")
struct StaffRegisterTests {
    /// The manual's 马金磊, with the check character his ID number really needs (see RULES.md).
    static func majinlei(_ changes: [String: String] = [:]) -> [String: String] {
        var form = ["name": "马金磊", "job_type": "维保人员", "id_number": "41142319820415212X", "certificate_no": "TF2013-06234",
                    "certificate_issued": "2014-09-01", "certificate_expires": "2016-09-02", "phone": "13663017327"]
        for (k, v) in changes { form[k] = v }
        return form
    }

    /// Adds a person through the form; a success is followed to the list, which shows (and uses up) the notice.
    @discardableResult
    static func add(_ client: TestClient, _ form: [String: String]) async throws -> TestClient.Page {
        try await client.get(SiteURL.staff(.new).path)
        let page = try await client.post(SiteURL.staff(.new).path, form)
        guard page.status == .seeOther else { return page }
        let list = try await client.follow(page)
        #expect(list.contains("已添加"))
        return page
    }

    static func filing(_ app: Application, _ name: String) async throws -> Filing {
        guard let f = try await Filing.query(on: app.db).filter(\.$kind == .staff).filter(\.$subject == name).first() else {
            throw AppError.notFound
        }
        return f
    }

    @Test("添加 马金磊 as in the manual: 待上报/新增 in the list with the manual's columns")
    func add() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let done = try await Self.add(client, Self.majinlei())
            #expect(done.location == SiteURL.staff(.list).path)
            let list = try await client.follow(done)
            for text in ["审核状态", "信息状态", "审核意见", "姓名", "工种", "身份证号", "证书号", "联系方式", "发证日期",
                         "马金磊", "41142319820415212X", "TF2013-06234", "13663017327", "2014-09-01", "待上报", "新增",
                         "审核上报", "添加", "编辑", "查看", "删除", "维保人姓名", "维保人手机", "查找", "显示", "清空"] {
                #expect(list.contains(text), "missing \(text)")
            }
        }
    }

    @Test("each field rule gives its message beside the field and keeps the input", arguments: [
        ("id_number", "411423198204152128", "校验位"),
        ("id_number", "41142319820415", "身份证号"),
        ("id_number", "", "请填写身份证号"),
        ("name", "", "请填写姓名"),
        ("job_type", "厨师", "工种应为"),
        ("certificate_no", "", "请填写证书号"),
        ("certificate_expires", "2014-08-01", "有效日期应晚于发证日期"),
        ("certificate_issued", "2014/13/01", "格式"),
        ("phone", "1366301732", "手机"),
    ])
    func fieldRule(field: String, value: String, message: String) async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let page = try await Self.add(client, Self.majinlei([field: value]))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("id=\"f-\(field)-error\""))
            #expect(page.contains(message))
            #expect(field == "certificate_no" || page.contains("TF2013-06234"))
            #expect(try await StaffMember.query(on: app.db).count() == 0)
            #expect(try await Filing.query(on: app.db).filter(\.$kind == .staff).count() == 0)
        }
    }

    @Test("a 15-digit legacy ID number is stored in its 18-digit form; x is stored as X")
    func legacyID() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await Self.add(client, Self.majinlei(["id_number": "410702900307123"]))
            try await Self.add(client, Self.majinlei(["name": "王强", "id_number": "11010519491231002x", "certificate_no": "TF2014-04236"]))
            let ids = Set(try await StaffMember.query(on: app.db).all().map(\.idNumber))
            #expect(ids == ["410702199003071233", "11010519491231002X"])
        }
    }

    @Test("a person filed by one company cannot be filed by another, which is not named")
    func oneCompany() async throws {
        try await TestApp.run { app, _ in
            let first = try await Fixtures.companyClient(app)
            try await Self.add(first, Self.majinlei())
            let again = try await Self.add(first, Self.majinlei(["name": "马金磊二"]))
            #expect(again.contains("本单位已登记该身份证号"))
            try await Fixtures.register(app, Fixtures.hongqi())
            let second = TestClient(app)
            try await second.logIn("hqdt", Fixtures.password)
            let page = try await Self.add(second, Self.majinlei())
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains(StaffValidator.heldByOther) && !page.contains("凯旋电梯维保有限公司"))
            #expect(try await StaffMember.query(on: app.db).count() == 1)
        }
    }

    @Test("query by partial name and phone, by ID number; sort by name and date; 20 per page")
    func query() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await Self.add(client, Self.majinlei())
            try await Self.add(client, Self.majinlei(["name": "牛星", "id_number": "410412198304120213", "certificate_no": "TF2012-09123",
                                                      "certificate_issued": "2011-04-01", "phone": "13013278904"]))
            let byName = try await client.get(SiteURL.staff(.list).path + "?name=" + "金".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(byName.contains("马金磊") && !byName.contains("牛星"))
            let byPhone = try await client.get(SiteURL.staff(.list).path + "?phone=3278")
            #expect(byPhone.contains("牛星") && !byPhone.contains("马金磊"))
            let byID = try await client.get(SiteURL.staff(.list).path + "?id_number=410412198304120213")
            #expect(byID.contains("牛星") && !byID.contains("马金磊"))
            let byDate = try await client.get(SiteURL.staff(.list).path + "?sort=certificate_issued&dir=asc")
            let niu = try #require(byDate.body.range(of: "牛星")), ma = try #require(byDate.body.range(of: "马金磊"))
            #expect(niu.lowerBound < ma.lowerBound)
            let byDateDesc = try await client.get(SiteURL.staff(.list).path + "?sort=certificate_issued&dir=desc")
            #expect(try #require(byDateDesc.body.range(of: "马金磊")).lowerBound < (try #require(byDateDesc.body.range(of: "牛星"))).lowerBound)

            // Paging: 25 more people make two pages.
            for i in 0..<25 {
                let seventeen = "11010519800101" + String(format: "%03d", i + 100)
                let id = seventeen + String(ResidentIDNumber_check(seventeen))
                try await Self.add(client, Self.majinlei(["name": "人员\(i)", "id_number": id, "certificate_no": "C\(i)"]))
            }
            let first = try await client.get(SiteURL.staff(.list).path)
            #expect(first.contains("共 27 条") && first.contains("第 1/2 页"))
        }
    }

    @Test("edit after approval: 待上报/更改, and it must be submitted again")
    func editAfterApproval() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await Self.add(client, Self.majinlei())
            var filing = try await Self.filing(app, "马金磊")
            try await client.get(SiteURL.staff(.list).path)
            try await client.post(SiteURL.staff(.submit).path, ["ids[0]": filing.recordID.uuidString])
            filing = try await Self.filing(app, "马金磊")
            #expect(filing.reviewStatus == .pending)

            // Locked while 审核中.
            try await client.get(SiteURL.staff(.edit(filing.recordID)).path)
            let locked = try await client.post(SiteURL.staff(.edit(filing.recordID)).path, Self.majinlei(["phone": "13663010000"]))
            #expect(locked.location == SiteURL.staff(.list).path)
            #expect(try await StaffMember.find(filing.recordID, on: app.db)?.phone == "13663017327")

            let regulator = try await Fixtures.regulatorClient(app)
            try await regulator.get(SiteURL.reviewDetail(filing.id).path)
            try await regulator.post(SiteURL.reviewApprove(filing.id).path, ["revision": String(filing.revision)])
            #expect(try await Self.filing(app, "马金磊").state == .init(review: .approved, info: .normal))

            try await client.get(SiteURL.staff(.edit(filing.recordID)).path)
            let saved = try await client.follow(try await client.post(SiteURL.staff(.edit(filing.recordID)).path, Self.majinlei(["phone": "13663010000"])))
            #expect(saved.contains("需要重新单击“审核上报”"))
            filing = try await Self.filing(app, "马金磊")
            #expect(filing.state == .init(review: .draft, info: .changed))
            #expect(try await filing.archivedSnapshot(on: app.db)?.value("phone") == "13663017327")
        }
    }

    @Test("删除: a never-approved person goes; an approved one becomes a 注销 request; after approval they leave")
    func delete() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await Self.add(client, Self.majinlei())
            try await Self.add(client, Self.majinlei(["name": "牛星", "id_number": "410412198304120213", "certificate_no": "TF2012-09123"]))
            let draft = try await Self.filing(app, "牛星")
            try await client.get(SiteURL.staff(.list).path)
            let gone = try await client.follow(try await client.post(SiteURL.staff(.delete).path, ["ids[0]": draft.recordID.uuidString]))
            #expect(gone.contains("已删除1人"))
            #expect(try await StaffMember.find(draft.recordID, on: app.db) == nil)
            #expect(try await Filing.find(draft.id, on: app.db)?.closedAt != nil, "the history stays")

            var filing = try await Self.filing(app, "马金磊")
            try await client.post(SiteURL.staff(.submit).path, ["ids[0]": filing.recordID.uuidString])
            // While 审核中 it cannot be deleted.
            try await client.get(SiteURL.staff(.list).path)
            let refused = try await client.follow(try await client.post(SiteURL.staff(.delete).path, ["ids[0]": filing.recordID.uuidString]))
            #expect(refused.contains("正在审核中"))
            let regulator = try await Fixtures.regulatorClient(app)
            filing = try await Self.filing(app, "马金磊")
            try await regulator.get(SiteURL.reviewDetail(filing.id).path)
            try await regulator.post(SiteURL.reviewApprove(filing.id).path, ["revision": String(filing.revision)])

            try await client.get(SiteURL.staff(.list).path)
            let requested = try await client.follow(try await client.post(SiteURL.staff(.delete).path, ["ids[0]": filing.recordID.uuidString]))
            #expect(requested.contains("注销申请"))
            filing = try await Self.filing(app, "马金磊")
            #expect(filing.state == .init(review: .pending, info: .deregistered))
            #expect(try await StaffMember.find(filing.recordID, on: app.db) != nil)

            try await regulator.get(SiteURL.reviewDetail(filing.id).path)
            try await regulator.post(SiteURL.reviewApprove(filing.id).path, ["revision": String(filing.revision)])
            filing = try await Self.filing(app, "马金磊")
            #expect(filing.state == .init(review: .approved, info: .deregistered))
            #expect(try await StaffMember.find(filing.recordID, on: app.db) == nil)
            #expect(try await FilingVersion.query(on: app.db).filter(\.$filingID == filing.requireID()).count() == 2)
        }
    }

    @Test("another company cannot see, edit, submit or delete a person by id or URL")
    func otherCompany() async throws {
        try await TestApp.run { app, _ in
            let owner = try await Fixtures.companyClient(app)
            try await Self.add(owner, Self.majinlei())
            let filing = try await Self.filing(app, "马金磊")
            try await Fixtures.register(app, Fixtures.hongqi())
            let other = TestClient(app)
            try await other.logIn("hqdt", Fixtures.password)
            #expect(try await other.get(SiteURL.staff(.view(filing.recordID)).path).status == .notFound)
            #expect(try await other.get(SiteURL.staff(.edit(filing.recordID)).path).status == .notFound)
            #expect(try await other.post(SiteURL.staff(.edit(filing.recordID)).path, Self.majinlei(["name": "改名"])).status == .notFound)
            try await other.get(SiteURL.staff(.list).path)
            #expect(try await other.post(SiteURL.staff(.submit).path, ["ids[0]": filing.recordID.uuidString]).status == .notFound)
            #expect(try await other.post(SiteURL.staff(.delete).path, ["ids[0]": filing.recordID.uuidString]).status == .notFound)
            let list = try await other.get(SiteURL.staff(.list).path)
            #expect(!list.contains("马金磊"))
            let staff = try #require(try await StaffMember.find(filing.recordID, on: app.db))
            #expect(staff.name == "马金磊")
            #expect(try await Self.filing(app, "马金磊").reviewStatus == .draft)
        }
    }

    @Test("查看 shows every field, both statuses and the history")
    func view() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await Self.add(client, Self.majinlei())
            let filing = try await Self.filing(app, "马金磊")
            let page = try await client.get(SiteURL.staff(.view(filing.recordID)).path)
            for text in ["马金磊", "维保人员", "41142319820415212X", "TF2013-06234", "2014-09-01", "2016-09-02", "13663017327",
                         "待上报", "新增", "历史记录"] {
                #expect(page.contains(text), "missing \(text)")
            }
        }
    }
}

import Validation

/// The check character for a 17-digit prefix, for making valid test ID numbers.
func ResidentIDNumber_check(_ first17: String) -> Character {
    ResidentIDNumber.checkCharacter(for: first17)!
}

@Suite("维保人员: partial matches served by an index")
struct StaffSearchIndexTests {
    @Test("name and phone fragments find people through the index, which follows edits and deletions")
    func followsChanges() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await StaffRegisterTests.add(client, StaffRegisterTests.majinlei(["name": "欧阳金磊"]))
            let encoded = { (s: String) in s.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
            #expect(try await client.get(SiteURL.staff(.list).path + "?name=" + encoded("阳金磊")).contains("欧阳金磊"))
            #expect(try await client.get(SiteURL.staff(.list).path + "?phone=6301732").contains("欧阳金磊"))
            #expect(!(try await client.get(SiteURL.staff(.list).path + "?phone=9999999").contains("欧阳金磊")))

            let filing = try await StaffRegisterTests.filing(app, "欧阳金磊")
            try await client.get(SiteURL.staff(.edit(filing.recordID)).path)
            try await client.post(SiteURL.staff(.edit(filing.recordID)).path, StaffRegisterTests.majinlei(["name": "司马金磊"]))
            try await client.get(SiteURL.staff(.list).path)
            #expect(!(try await client.get(SiteURL.staff(.list).path + "?name=" + encoded("阳金磊")).contains("司马金磊")))
            #expect(try await client.get(SiteURL.staff(.list).path + "?name=" + encoded("司马金")).contains("司马金磊"))
        }
    }

    @Test("on SQLite the query plan uses the trigram table, not a scan of the names")
    func usesIndex() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        try await TestApp.run { app, _ in
            let sql = app.db as! any SQLDatabase
            let rows = try await sql.raw("""
                EXPLAIN QUERY PLAN SELECT id FROM staff WHERE id IN (SELECT staff_id FROM staff_search WHERE name LIKE '%阳金磊%')
                """).all()
            let plan = try rows.map { try $0.decode(column: "detail", as: String.self) }.joined(separator: " | ")
            #expect(plan.contains("VIRTUAL TABLE INDEX"), "\(plan)")
        }
    }
}
