@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import XLSX

@Suite("电梯信息上报 (manual 2.3): the elevator register")
struct ElevatorRegisterTests {
    /// A passenger elevator of the manual's company in 巩义市: 3110 (曳引驱动乘客电梯) + 410181 (巩义市) +
    /// 201503 + serial 5069, as the 20-digit rule of RULES.md builds it.
    static let code = "31104101812015035069"

    static func elevator(_ changes: [String: String] = [:]) -> [String: String] {
        var form = ["equipment_name": "曳引式客梯", "registration_code": code, "internal_no": "1号梯", "rescue_code": "410001",
                    "inspection_date": "2026-03-15", "next_inspection_date": "2027-03-14", "user_unit": "郎莫物业有限公司",
                    "manufacturer": "上海三菱电梯有限公司", "safety_manager": "李明", "safety_manager_phone": "13733877795",
                    "region_code": "410181", "address": "巩义市人民路34号"]
        for (k, v) in changes { form[k] = v }
        return form
    }

    /// Adds through the form. A success (303) is followed to the list, which shows (and uses up) the
    /// notice; a refusal returns the form page as it came.
    @discardableResult
    static func add(_ client: TestClient, _ form: [String: String]) async throws -> TestClient.Page {
        try await client.get(SiteURL.elevators(.new).path)
        let page = try await client.post(SiteURL.elevators(.new).path, form)
        guard page.status == .seeOther else { return page }
        #expect(page.location == SiteURL.elevators(.list).path)
        return try await client.follow(page)
    }

    /// Adds an elevator that must be accepted, and returns its id.
    @discardableResult
    static func addOK(_ app: Application, _ client: TestClient, _ form: [String: String]) async throws -> UUID {
        let page = try await add(client, form)
        #expect(page.status == .ok && page.contains("已添加"), "not added: \(fieldErrors(page))")
        let code = try #require(form["registration_code"])
        return try #require(try await Elevator.query(on: app.db).filter(\.$registrationCode == code).first()).requireID()
    }

    /// The messages shown beside the fields of a form page, for failure messages.
    static func fieldErrors(_ page: TestClient.Page) -> [String] {
        page.body.matches(of: /class="error-text" id="([^"]+)">([^<]*)</).map { "\($0.1): \($0.2)" }
    }

    static func filing(_ app: Application, _ recordID: UUID) async throws -> Filing {
        try #require(try await Filing.query(on: app.db).filter(\.$kind == .elevator).filter(\.$recordID == recordID).first())
    }

    /// Whether a list page shows a row with this registration code (the query form may echo the code).
    static func listed(_ page: TestClient.Page, _ code: String) -> Bool { cell(page, code) != nil }

    /// Where a table cell holding exactly `text` starts (<td>…</td>, whatever its attributes).
    static func cell(_ page: TestClient.Page, _ text: String) -> String.Index? {
        var from = page.body.startIndex
        while let end = page.body.range(of: ">\(text)</td>", range: from..<page.body.endIndex) {
            if let open = page.body.range(of: "<", options: .backwards, range: page.body.startIndex..<end.lowerBound),
               page.body[open.lowerBound...].hasPrefix("<td") {
                return open.lowerBound
            }
            from = end.upperBound
        }
        return nil
    }

    static func list(_ client: TestClient, _ query: String = "") async throws -> TestClient.Page {
        try await client.get(SiteURL.elevators(.list).path + query)
    }

    /// A selection action (审核上报, 撤回, 删除) posted from the list; returns the list with its notice.
    @discardableResult
    static func act(_ client: TestClient, _ route: RegisterRoute, _ ids: [UUID]) async throws -> TestClient.Page {
        try await client.get(SiteURL.elevators(.list).path)
        var form: [String: String] = [:]
        for (i, id) in ids.enumerated() { form["ids[\(i)]"] = id.uuidString }
        let page = try await client.post(SiteURL.elevators(route).path, form)
        return page.status == .seeOther ? try await client.follow(page) : page
    }

    /// A regulator approves the record's pending filing (a submission or a 注销 request).
    static func approve(_ app: Application, _ regulator: TestClient, _ recordID: UUID) async throws {
        let filing = try await filing(app, recordID)
        #expect(filing.reviewStatus == .pending)
        try await regulator.get(SiteURL.reviewDetail(filing.id).path)
        let page = try await regulator.post(SiteURL.reviewApprove(filing.id).path, ["revision": String(filing.revision)])
        #expect(page.status == .seeOther)
        #expect(try await regulator.follow(page).contains("已审核通过"))
    }

    static func hongqiClient(_ app: Application) async throws -> TestClient {
        try await Fixtures.register(app, Fixtures.hongqi())
        let client = TestClient(app)
        try await client.logIn("hqdt", Fixtures.password)
        return client
    }

    /// A file the client downloads (模板下载, 导出, the error report), as bytes.
    static func download(_ client: TestClient, _ path: String) async throws -> (status: HTTPStatus, data: Data) {
        let response = try await client.app.testing().sendRequest(.GET, path, headers: ["Cookie": "liftwatch_session=\(client.cookie ?? "")"])
        return (response.status, Data(response.body.readableBytesView))
    }

    /// A sheet's row as text, column A onwards.
    static func texts(_ row: SheetRow, count: Int) -> [String] {
        (0..<count).map { i -> String in
            switch row.cells[i] {
            case .text(let s)?: s
            case .number(let n)?: String(n)
            case nil: ""
            default: "?"
            }
        }
    }

    // MARK: 添加

    @Test("添加: 待上报/新增 in the list with the manual's columns, toolbar and query; every field stored")
    func add() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let list = try await Self.add(client, Self.elevator())
            #expect(list.status == .ok)
            for text in ["审核状态", "信息状态", "审核意见", "设备名称", "注册代码", "内部编号", "检验日期", "下次检验日期", "责任单位", "制造商",
                         "曳引式客梯", Self.code, "1号梯", "2026-03-15", "2027-03-14", "郎莫物业有限公司", "上海三菱电梯有限公司",
                         "待上报", "新增", "审核上报", "添加", "编辑", "查看", "删除", "导入", "导出", "模板下载", "您确定要删除选择的信息吗？",
                         "设备注册代码", "救援电梯编号", "查找", "显示", "清空"] {
                #expect(list.contains(text), "missing \(text)")
            }
            #expect(Self.listed(list, Self.code))
            #expect(!list.contains(#"name="company""#), "a company has no 维保单位 query: it sees only its own elevators")

            let e = try #require(try await Elevator.query(on: app.db).first())
            #expect(e.equipmentName == "曳引式客梯" && e.registrationCode == Self.code && e.internalNo == "1号梯")
            #expect(e.rescueCode == "410001" && e.inspectionDate == "2026-03-15" && e.nextInspectionDate == "2027-03-14")
            #expect(e.userUnit == "郎莫物业有限公司" && e.manufacturer == "上海三菱电梯有限公司")
            #expect(e.safetyManager == "李明" && e.safetyManagerPhone == "13733877795" && e.address == "巩义市人民路34号")
            #expect(e.regionCode == "410181" && e.regionName == "河南省郑州市巩义市")
            let company = try #require(try await Company.query(on: app.db).filter(\.$name == "凯旋电梯维保有限公司").first())
            #expect(e.companyID == company.id)
            let f = try await Self.filing(app, e.requireID())
            #expect(f.state == .init(review: .draft, info: .new))
            #expect(f.regionCode == "410181" && f.companyID == company.id)
            #expect(f.subject.contains(Self.code))
        }
    }

    @Test("行政区划 defaults to the company's region; a chosen county is stored with its full name and decides who reviews")
    func region() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let form = try await client.get(SiteURL.elevators(.new).path)
            #expect(form.status == .ok)
            #expect(form.contains(#"name="region_code" id="f-region_code" value="410181""#))
            #expect(form.contains(#"value="河南省郑州市巩义市""#))
            for label in ["设备名称", "注册代码", "检验日期", "下次检验日期", "责任单位", "制造单位", "行政区划"] {
                #expect(form.contains(#"<span class="req">*</span>\#(label)</label>"#), "\(label) should be marked required")
            }
            for label in ["内部编号", "救援电梯编号", "安全管理员", "安全管理员电话", "安装地址"] {
                #expect(form.contains(#"">\#(label)</label>"#) && !form.contains(#"*</span>\#(label)</label>"#), "\(label) is optional")
            }

            let id = try await Self.addOK(app, client, Self.elevator(["region_code": "410702"]))
            let e = try #require(try await Elevator.find(id, on: app.db))
            #expect(e.regionCode == "410702" && e.regionName == "河南省新乡市红旗区")
            #expect(try await Self.filing(app, id).regionCode == "410702")
            let edit = try await client.get(SiteURL.elevators(.edit(id)).path)
            #expect(edit.contains(#"value="410702""#) && edit.contains("河南省新乡市红旗区"))
            let view = try await client.get(SiteURL.elevators(.view(id)).path)
            #expect(view.contains("河南省新乡市红旗区"))

            // Moving it back to 巩义市 moves its filing too.
            try await client.get(SiteURL.elevators(.edit(id)).path)
            try await client.post(SiteURL.elevators(.edit(id)).path, Self.elevator(["region_code": "410181"]))
            #expect(try await Elevator.find(id, on: app.db)?.regionName == "河南省郑州市巩义市")
            #expect(try await Self.filing(app, id).regionCode == "410181")
        }
    }

    @Test("each field rule gives its message beside the field and keeps the input", arguments: [
        ("registration_code", "3110410181201503", "注册代码应为20位数字（旧系统的17位代码也可），现为16位"),
        ("registration_code", "311041018120150350", "现为18位"),
        ("registration_code", "3110410181201503506", "现为19位"),
        ("registration_code", "3110410181201503506A", "注册代码只能包含数字"),
        ("registration_code", "3110-4101812015035069", "注册代码只能包含数字"),
        ("registration_code", "41104101812015035069", "注册代码应以3开头"),
        ("registration_code", "3.11041140020140E+16", "请将该列设置为文本格式"),
        ("registration_code", "", "请填写注册代码"),
        ("equipment_name", "", "请填写设备名称"),
        ("inspection_date", "", "请选择检验日期"),
        ("inspection_date", "2014/13/01", "检验日期格式应为"),
        ("inspection_date", "2027-01-01", "检验日期不能晚于今天"),
        ("next_inspection_date", "", "请选择下次检验日期"),
        ("next_inspection_date", "2026-03-15", "下次检验日期应晚于检验日期"),
        ("next_inspection_date", "2025-03-14", "下次检验日期应晚于检验日期"),
        ("user_unit", "", "请填写责任单位"),
        ("manufacturer", "", "请填写制造单位"),
        ("safety_manager_phone", "1373387779", "电话号码应为11位手机号码，或带区号的固定电话（如0373-1234567）"),
        ("safety_manager_phone", "12733877795", "电话号码应为11位手机号码"),
        ("safety_manager_phone", "373-1234567", "电话号码应为11位手机号码"),
        ("safety_manager_phone", "0373-123456", "电话号码应为11位手机号码"),
        ("rescue_code", "1234", "救援电梯编号应为5–6位数字"),
        ("rescue_code", "1234567", "救援电梯编号应为5–6位数字"),
        ("rescue_code", "41A001", "救援电梯编号应为5–6位数字"),
        ("internal_no", String(repeating: "号", count: 31), "内部编号不能超过30个字"),
        ("user_unit", String(repeating: "物", count: 101), "责任单位不能超过100个字"),
        ("region_code", "", "请选择行政区划"),
        ("region_code", "410700", "请选择到县（区）一级"),
        ("region_code", "419999", "行政区划代码不存在"),
    ])
    func fieldRule(field: String, value: String, message: String) async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let page = try await Self.add(client, Self.elevator([field: value]))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("id=\"f-\(field)-error\""), "no message beside \(field): \(Self.fieldErrors(page))")
            #expect(page.contains(message), "\(Self.fieldErrors(page))")
            #expect(Self.fieldErrors(page).count == 1, "only \(field) is wrong: \(Self.fieldErrors(page))")
            // The input is kept: the wrong value and the others.
            if !value.isEmpty { #expect(page.contains("value=\"\(value)\"")) }
            #expect(field == "user_unit" || page.contains(#"value="郎莫物业有限公司""#))
            #expect(field == "registration_code" || page.contains("value=\"\(Self.code)\""))
            #expect(try await Elevator.query(on: app.db).count() == 0)
            #expect(try await Filing.query(on: app.db).filter(\.$kind == .elevator).count() == 0)
        }
    }

    @Test("accepted values: 17- and 20-digit codes, mobile and landline phones, 5- and 6-digit rescue codes, optional fields empty", arguments: [
        ("registration_code", "31104114002014010", "31104114002014010"),
        ("registration_code", "31204107022014070001", "31204107022014070001"),
        ("registration_code", " 31104101812015035069 ", "31104101812015035069"),
        ("safety_manager_phone", "0373-1234567", "0373-1234567"),
        ("safety_manager_phone", "13903731234", "13903731234"),
        ("safety_manager_phone", "", ""),
        ("rescue_code", "41002", "41002"),
        ("rescue_code", "410002", "410002"),
        ("rescue_code", "", ""),
        ("internal_no", "", ""),
        ("safety_manager", "", ""),
        ("address", "", ""),
    ])
    func accepted(field: String, value: String, stored: String) async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let page = try await Self.add(client, Self.elevator([field: value]))
            #expect(page.status == .ok && page.contains("已添加"), "\(Self.fieldErrors(page))")
            let e = try #require(try await Elevator.query(on: app.db).first())
            #expect(e.snapshot().value(field) == stored)
            if field == "rescue_code", stored.isEmpty { #expect(e.rescueCode == nil) }
        }
    }

    @Test("free text is kept as typed: full-width Chinese punctuation in names and addresses is not folded to ASCII")
    func chinesePunctuationKept() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let id = try await Self.addOK(app, client, Self.elevator([
                "manufacturer": "奥的斯电梯（中国）有限公司", "user_unit": "巩义市万达物业管理有限公司（第一分公司）",
                "address": "巩义市人民路34号，3号楼：东侧", "safety_manager_phone": "１３７３３８７７７９５",
            ]))
            let e = try #require(try await Elevator.find(id, on: app.db))
            // Full-width digits typed with a Chinese input method are still read as digits.
            #expect(e.safetyManagerPhone == "13733877795")
            #expect(e.manufacturer == "奥的斯电梯（中国）有限公司")
            #expect(e.userUnit == "巩义市万达物业管理有限公司（第一分公司）")
            #expect(e.address == "巩义市人民路34号，3号楼：东侧")
        }
    }

    @Test("an unknown 设备名称 or an unknown region in the code is a warning, not an error; the manual's 客梯 is added")
    func warnings() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let name = try await Self.add(client, Self.elevator(["equipment_name": "观光电梯"]))
            #expect(name.status == .ok && name.contains("已添加"))
            #expect(name.contains("提示：") && name.contains("设备名称“观光电梯”不在数据字典中"))

            // 991234 is no region: the code is accepted (old codes exist) with a warning.
            let region = try await Self.add(client, Self.elevator(["registration_code": "31109912345611789", "rescue_code": "410002"]))
            #expect(region.status == .ok && region.contains("已添加"))
            #expect(region.contains("991234不在区划代码表中"))
            #expect(!region.contains("不在数据字典中"))

            // The manual's hand-entered example (2.3.1): its variety 3114 is not in the 2014 catalogue either.
            let manual = try await Self.add(client, Self.elevator([
                "equipment_name": "客梯", "registration_code": "31149912345611789", "internal_no": "", "rescue_code": "",
                "inspection_date": "2014-09-02", "next_inspection_date": "2015-09-01", "user_unit": "郎莫物业有限公司",
                "manufacturer": "上海三菱电梯有限公司", "safety_manager": "", "safety_manager_phone": "", "address": "",
            ]))
            #expect(manual.status == .ok && manual.contains("已添加“客梯 31149912345611789”"))
            #expect(manual.contains("3114不在2014年特种设备目录中") && manual.contains("991234不在区划代码表中"))

            // A clean elevator has no warning.
            let clean = try await Self.add(client, Self.elevator(["registration_code": "31104101812015030001", "rescue_code": "410003"]))
            #expect(clean.contains("已添加") && !clean.contains("请核对"))

            #expect(try await Elevator.query(on: app.db).count() == 4)
            #expect(try await Filing.query(on: app.db).filter(\.$kind == .elevator).filter(\.$reviewStatus == .draft).count() == 4)
            let e = try #require(try await Elevator.query(on: app.db).filter(\.$registrationCode == "31149912345611789").first())
            #expect(e.inspectionDate == "2014-09-02" && e.nextInspectionDate == "2015-09-01" && e.equipmentName == "客梯")
        }
    }

    // MARK: Uniqueness

    @Test("a registration code is on one register: the same company twice, or another company (not named), is refused")
    func codeUnique() async throws {
        try await TestApp.run { app, _ in
            let first = try await Fixtures.companyClient(app)
            try await Self.addOK(app, first, Self.elevator())
            let again = try await Self.add(first, Self.elevator(["rescue_code": "410002", "internal_no": "2号梯"]))
            #expect(again.status == .unprocessableEntity)
            #expect(again.contains(#"id="f-registration_code-error""#) && again.contains("本单位已登记该注册代码的电梯"))

            let second = try await Self.hongqiClient(app)
            let page = try await Self.add(second, Self.elevator(["rescue_code": "410003", "region_code": "410702"]))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains(#"id="f-registration_code-error""#))
            #expect(page.contains(ElevatorValidator.heldByOther))
            #expect(!page.contains("凯旋"))

            // Nor can the other company take the code by editing one of its own elevators.
            let own = try await Self.addOK(app, second, Self.elevator(["registration_code": "31104107022014070001", "rescue_code": "410004",
                                                                        "region_code": "410702"]))
            try await second.get(SiteURL.elevators(.edit(own)).path)
            let edit = try await second.post(SiteURL.elevators(.edit(own)).path,
                                             Self.elevator(["rescue_code": "410004", "region_code": "410702"]))
            #expect(edit.status == .unprocessableEntity && edit.contains(ElevatorValidator.heldByOther))
            #expect(try await Elevator.find(own, on: app.db)?.registrationCode == "31104107022014070001")
            #expect(try await Elevator.query(on: app.db).count() == 2)
            #expect(try await Elevator.query(on: app.db).filter(\.$registrationCode == Self.code).count() == 1)
        }
    }

    @Test("a 救援电梯编号 belongs to one elevator; elevators without one do not collide; another company's is not named")
    func rescueCodeUnique() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let first = try await Self.addOK(app, client, Self.elevator())
            let same = try await Self.add(client, Self.elevator(["registration_code": "31104101812015030002"]))
            #expect(same.status == .unprocessableEntity)
            #expect(same.contains(#"id="f-rescue_code-error""#))
            #expect(same.contains("该救援电梯编号已用于本单位注册代码为\(Self.code)的电梯"))

            try await Self.addOK(app, client, Self.elevator(["registration_code": "31104101812015030002", "rescue_code": ""]))
            try await Self.addOK(app, client, Self.elevator(["registration_code": "31104101812015030003", "rescue_code": ""]))

            // An edit keeps its own number.
            try await client.get(SiteURL.elevators(.edit(first)).path)
            let saved = try await client.post(SiteURL.elevators(.edit(first)).path, Self.elevator(["internal_no": "9号梯"]))
            #expect(saved.status == .seeOther)
            #expect(try await Elevator.find(first, on: app.db)?.internalNo == "9号梯")

            let second = try await Self.hongqiClient(app)
            let other = try await Self.add(second, Self.elevator(["registration_code": "31104107022014070001", "region_code": "410702"]))
            #expect(other.status == .unprocessableEntity)
            #expect(other.contains("该救援电梯编号已被其他电梯使用，请核对"))
            #expect(!other.contains(Self.code) && !other.contains("凯旋"))
            #expect(try await Elevator.query(on: app.db).count() == 3)
        }
    }

    // MARK: 编辑, 查看

    @Test("editing is refused while 审核中; an edit after approval makes it 待上报/更改 and keeps the approved version")
    func editAfterApproval() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let id = try await Self.addOK(app, client, Self.elevator())
            let submitted = try await Self.act(client, .submit, [id])
            #expect(submitted.contains("已审核上报1台"))
            #expect(try await Self.filing(app, id).reviewStatus == .pending)

            // Locked while 审核中: the form says so, a post changes nothing.
            let form = try await client.get(SiteURL.elevators(.edit(id)).path)
            #expect(form.contains("信息正在审核中，不能修改") && form.contains("<fieldset disabled>"))
            let locked = try await client.post(SiteURL.elevators(.edit(id)).path, Self.elevator(["user_unit": "新乡市新物业公司"]))
            #expect(locked.location == SiteURL.elevators(.list).path)
            #expect(try await client.follow(locked).contains("正在审核中"))
            #expect(try await Elevator.find(id, on: app.db)?.userUnit == "郎莫物业有限公司")

            let regulator = try await Fixtures.regulatorClient(app)
            try await Self.approve(app, regulator, id)
            #expect(try await Self.filing(app, id).state == .init(review: .approved, info: .normal))
            #expect(Self.listed(try await Self.list(client), Self.code))
            #expect(try await Self.list(client).contains("正常使用"))

            try await client.get(SiteURL.elevators(.edit(id)).path)
            let saved = try await client.post(SiteURL.elevators(.edit(id)).path, Self.elevator(["user_unit": "新乡市新物业公司"]))
            #expect(saved.status == .seeOther)
            #expect(try await client.follow(saved).contains("需要重新单击“审核上报”"))
            let filing = try await Self.filing(app, id)
            #expect(filing.state == .init(review: .draft, info: .changed))
            #expect(try await filing.archivedSnapshot(on: app.db)?.value("user_unit") == "郎莫物业有限公司")
            #expect(try await Elevator.find(id, on: app.db)?.userUnit == "新乡市新物业公司")
            let list = try await Self.list(client)
            #expect(list.contains("更改") && list.contains("新乡市新物业公司"))

            // Saving unchanged values writes nothing.
            let events = try await FilingEvent.query(on: app.db).filter(\.$filingID == filing.requireID()).count()
            try await client.get(SiteURL.elevators(.edit(id)).path)
            try await client.post(SiteURL.elevators(.edit(id)).path, Self.elevator(["user_unit": "新乡市新物业公司"]))
            #expect(try await FilingEvent.query(on: app.db).filter(\.$filingID == filing.requireID()).count() == events)

            // Submitted again, withdrawn, and editable again.
            try await Self.act(client, .submit, [id])
            let withdrawn = try await Self.act(client, .withdraw, [id])
            #expect(withdrawn.contains("已撤回1台"))
            try await client.get(SiteURL.elevators(.edit(id)).path)
            #expect(try await client.post(SiteURL.elevators(.edit(id)).path, Self.elevator(["internal_no": "8号梯"])).status == .seeOther)
            #expect(try await Elevator.find(id, on: app.db)?.internalNo == "8号梯")
        }
    }

    @Test("查看 shows every field, the full region name, both statuses and the history")
    func view() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let id = try await Self.addOK(app, client, Self.elevator(["safety_manager_phone": "0373-1234567"]))
            let page = try await client.get(SiteURL.elevators(.view(id)).path)
            #expect(page.status == .ok)
            for text in ["曳引式客梯", Self.code, "1号梯", "410001", "2026-03-15", "2027-03-14", "郎莫物业有限公司", "上海三菱电梯有限公司",
                         "李明", "0373-1234567", "河南省郑州市巩义市", "巩义市人民路34号", "救援电梯编号", "行政区划", "待上报", "新增", "历史记录"] {
                #expect(page.contains(text), "missing \(text)")
            }
        }
    }

    // MARK: 删除

    @Test("删除: never approved → deleted; approved → a 注销 request; once approved the elevator leaves and its code is free")
    func delete() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let id = try await Self.addOK(app, client, Self.elevator())
            let draft = try await Self.addOK(app, client, Self.elevator(["registration_code": "31104101812015030002", "rescue_code": "410002"]))
            let draftFiling = try await Self.filing(app, draft)
            let gone = try await Self.act(client, .delete, [draft])
            #expect(gone.contains("已删除1台"))
            #expect(try await Elevator.find(draft, on: app.db) == nil)
            #expect(try await Filing.find(draftFiling.id, on: app.db)?.closedAt != nil, "the history stays")
            #expect(!Self.listed(gone, "31104101812015030002"))

            try await Self.act(client, .submit, [id])
            let refused = try await Self.act(client, .delete, [id])
            #expect(refused.contains("正在审核中"))
            #expect(try await Elevator.find(id, on: app.db) != nil)

            let regulator = try await Fixtures.regulatorClient(app)
            try await Self.approve(app, regulator, id)

            // One request: the approved one is deregistered through review, a new one simply goes.
            let another = try await Self.addOK(app, client, Self.elevator(["registration_code": "31104101812015030003", "rescue_code": "410003"]))
            let requested = try await Self.act(client, .delete, [id, another])
            #expect(requested.contains("已删除1台") && requested.contains("1台已审核通过，已提交注销申请"))
            #expect(try await Elevator.find(another, on: app.db) == nil)
            var filing = try await Self.filing(app, id)
            #expect(filing.state == .init(review: .pending, info: .deregistered))
            #expect(try await Elevator.find(id, on: app.db) != nil)

            // While the 注销 waits, the elevator is still this company's.
            let second = try await Self.hongqiClient(app)
            let early = try await Self.add(second, Self.elevator(["region_code": "410702"]))
            #expect(early.status == .unprocessableEntity && early.contains(ElevatorValidator.heldByOther))

            try await Self.approve(app, regulator, id)
            filing = try await Self.filing(app, id)
            #expect(filing.state == .init(review: .approved, info: .deregistered))
            #expect(try await Elevator.find(id, on: app.db) == nil)
            #expect(try await FilingVersion.query(on: app.db).filter(\.$filingID == filing.requireID()).count() == 2)
            #expect(!Self.listed(try await Self.list(client), Self.code))

            // Its registration code and rescue code can now be filed by another company.
            let moved = try await Self.addOK(app, second, Self.elevator(["region_code": "410702"]))
            let e = try #require(try await Elevator.find(moved, on: app.db))
            #expect(e.registrationCode == Self.code && e.rescueCode == "410001")
            #expect(e.companyID == (try await Company.query(on: app.db).filter(\.$name == "红旗电梯工程有限公司").first())?.id)
            #expect(Self.listed(try await Self.list(second), Self.code))
            #expect(!Self.listed(try await Self.list(client), Self.code))
        }
    }

    // MARK: Who may reach what

    @Test("another company cannot see, edit, submit, withdraw, delete or export an elevator by id or URL")
    func otherCompany() async throws {
        try await TestApp.run { app, _ in
            let owner = try await Fixtures.companyClient(app)
            let id = try await Self.addOK(app, owner, Self.elevator())
            let other = try await Self.hongqiClient(app)
            let own = try await Self.addOK(app, other, Self.elevator(["registration_code": "31104107022014070001", "rescue_code": "410002",
                                                                       "region_code": "410702"]))
            #expect(try await other.get(SiteURL.elevators(.view(id)).path).status == .notFound)
            #expect(try await other.get(SiteURL.elevators(.edit(id)).path).status == .notFound)
            try await other.get(SiteURL.elevators(.list).path)
            #expect(try await other.post(SiteURL.elevators(.edit(id)).path, Self.elevator(["user_unit": "改了"])).status == .notFound)
            for route in [RegisterRoute.submit, .withdraw, .delete] {
                try await other.get(SiteURL.elevators(.list).path)
                #expect(try await other.post(SiteURL.elevators(route).path, ["ids[0]": id.uuidString]).status == .notFound, "\(route)")
                // Its own elevator in the same selection does not make it through either.
                try await other.get(SiteURL.elevators(.list).path)
                #expect(try await other.post(SiteURL.elevators(route).path,
                                             ["ids[0]": own.uuidString, "ids[1]": id.uuidString]).status == .notFound, "\(route)")
            }
            #expect(try await Elevator.find(own, on: app.db) != nil)
            #expect(try await Self.filing(app, own).reviewStatus == .draft)

            #expect(!Self.listed(try await Self.list(other), Self.code))
            #expect(!Self.listed(try await Self.list(other, "?registration_code=" + Self.code), Self.code))
            #expect(!Self.listed(try await Self.list(other, "?registration_code=5069"), Self.code))
            #expect(!Self.listed(try await Self.list(other, "?rescue_code=410001"), Self.code))
            #expect(!Self.listed(try await Self.list(other, "?company=" + "凯旋".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!), Self.code))

            let export = try await Self.download(other, SiteURL.elevators(.export).path + "?registration_code=" + Self.code)
            #expect(export.status == .ok)
            #expect(try XLSXReader.read(export.data).rows.count == 1, "the header only")
            let all = try XLSXReader.read(try await Self.download(other, SiteURL.elevators(.export).path).data).rows
            #expect(all.count == 2 && !all.contains { $0.cells.values.contains(.text(Self.code)) })

            let e = try #require(try await Elevator.find(id, on: app.db))
            #expect(e.userUnit == "郎莫物业有限公司")
            #expect(try await Self.filing(app, id).state == .init(review: .draft, info: .new))
        }
    }

    @Test("a regulator reads (list, 查看, 导出) only the elevators standing in its region, and cannot change them")
    func regulatorScope() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            // A stands in 巩义市 (郑州市), B in 红旗区 (新乡市), both kept by the 巩义 company.
            let a = try await Self.addOK(app, client, Self.elevator())
            let bCode = "31104107022014070001"
            let b = try await Self.addOK(app, client, Self.elevator(["registration_code": bCode, "rescue_code": "410002", "region_code": "410702"]))
            try await Self.act(client, .submit, [a, b])

            let zhengzhou = try await Fixtures.regulatorClient(app)  // 410100
            let list = try await Self.list(zhengzhou)
            #expect(list.status == .ok)
            #expect(Self.listed(list, Self.code) && !Self.listed(list, bCode))
            #expect(list.contains("凯旋电梯维保有限公司") && list.contains(#"name="company""#))
            #expect(list.contains("查看") && list.contains("导出"))
            for path in [SiteURL.elevators(.new).path, SiteURL.elevators(.delete).path, SiteURL.elevators(.submit).path,
                         SiteURL.elevators(.importSheet).path] {
                #expect(!list.contains(path), "a regulator's toolbar has no \(path)")
            }
            #expect(try await zhengzhou.get(SiteURL.elevators(.view(a)).path).contains(Self.code))
            #expect(try await zhengzhou.get(SiteURL.elevators(.view(b)).path).status == .notFound)
            #expect(try await zhengzhou.get(SiteURL.reviewDetail(try await Self.filing(app, b).id).path).status == .notFound)
            #expect(try await zhengzhou.get(SiteURL.reviewDetail(try await Self.filing(app, a).id).path).status == .ok)

            let export = try XLSXReader.read(try await Self.download(zhengzhou, SiteURL.elevators(.export).path).data).rows
            #expect(export.count == 2)
            let header = Self.texts(export[0], count: 15)
            #expect(header.last == "维保单位")
            let row = Self.texts(export[1], count: 15)
            #expect(row[4] == Self.code && row[14] == "凯旋电梯维保有限公司")

            // Reading only (refused by role, not by a missing CSRF token: the list's token is sent).
            func refused(_ page: TestClient.Page) -> Bool { page.status == .forbidden && page.contains("您没有权限访问") }
            #expect(refused(try await zhengzhou.get(SiteURL.elevators(.new).path)))
            #expect(refused(try await zhengzhou.get(SiteURL.elevators(.edit(a)).path)))
            #expect(refused(try await zhengzhou.get(SiteURL.elevators(.template).path)))
            #expect(refused(try await zhengzhou.get(SiteURL.elevators(.importSheet).path)))
            try await zhengzhou.get(SiteURL.elevators(.list).path)
            #expect(refused(try await zhengzhou.post(SiteURL.elevators(.edit(a)).path, Self.elevator(["user_unit": "改了"]))))
            #expect(refused(try await zhengzhou.post(SiteURL.elevators(.new).path, Self.elevator(["registration_code": "31104101812015030009"]))))
            for route in [RegisterRoute.submit, .withdraw, .delete] {
                try await zhengzhou.get(SiteURL.elevators(.list).path)
                #expect(refused(try await zhengzhou.post(SiteURL.elevators(route).path, ["ids[0]": a.uuidString])), "\(route)")
            }
            #expect(try await Elevator.find(a, on: app.db)?.userUnit == "郎莫物业有限公司")
            #expect(try await Elevator.query(on: app.db).count() == 2)
            #expect(try await Self.filing(app, a).state == .init(review: .pending, info: .new))

            // 新乡市's regulator sees B, which it reviews, and not A.
            let xinxiang = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            let theirs = try await Self.list(xinxiang)
            #expect(Self.listed(theirs, bCode) && !Self.listed(theirs, Self.code))
            #expect(try await xinxiang.get(SiteURL.elevators(.view(a)).path).status == .notFound)
            #expect(try await xinxiang.get(SiteURL.elevators(.view(b)).path).status == .ok)
            try await Self.approve(app, xinxiang, b)
            #expect(try await Self.filing(app, b).state == .init(review: .approved, info: .normal))

            // An administrator reads everything.
            _ = try await Fixtures.createAccount(app, "ops", role: .admin)
            let admin = TestClient(app)
            try await admin.logIn("ops", "Reg#2026pass")
            let everything = try await Self.list(admin)
            #expect(Self.listed(everything, Self.code) && Self.listed(everything, bCode))
            #expect(try await admin.get(SiteURL.elevators(.view(b)).path).status == .ok)
        }
    }

    // MARK: 查询

    @Test("query by part of the code (the last digits), by rescue code, by 维保单位 for regulators; sort by 检验日期; 20 per page")
    func query() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let c1 = Self.code, c2 = "31104101812016041234", c3 = "31104114002014010"
            try await Self.addOK(app, client, Self.elevator())
            try await Self.addOK(app, client, Self.elevator(["registration_code": c2, "rescue_code": "410002", "inspection_date": "2025-05-20",
                                                              "next_inspection_date": "2026-05-19"]))
            try await Self.addOK(app, client, Self.elevator(["registration_code": c3, "rescue_code": "", "inspection_date": "2026-08-01",
                                                              "next_inspection_date": "2027-07-31"]))
            func only(_ query: String, _ expected: Set<String>) async throws {
                let page = try await Self.list(client, query)
                for c in [c1, c2, c3] { #expect(Self.listed(page, c) == expected.contains(c), "\(query): \(c)") }
            }
            try await only("?registration_code=5069", [c1])
            try await only("?registration_code=035069", [c1])
            try await only("?registration_code=1234", [c2])
            try await only("?registration_code=41140", [c3])
            try await only("?registration_code=31104", [c1, c2, c3])
            try await only("?registration_code=69", [c1])
            try await only("?registration_code=" + c3, [c3])
            try await only("?registration_code=99999", [])
            try await only("?rescue_code=410002", [c2])
            try await only("?rescue_code=410001&registration_code=5069", [c1])
            try await only("?rescue_code=410001&registration_code=1234", [])
            #expect(try await Self.list(client, "?registration_code=99999").contains("没有符合条件的电梯"))
            // A company's 维保单位 parameter is ignored: it sees its own register.
            try await only("?company=" + "红旗".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, [c1, c2, c3])

            let ascending = try await Self.list(client, "?sort=inspection_date&dir=asc")
            let positions = try [c2, c1, c3].map { try #require(Self.cell(ascending, $0)) }
            #expect(positions == positions.sorted(), "2025-05-20, 2026-03-15, 2026-08-01")
            let descending = try await Self.list(client, "?sort=inspection_date&dir=desc")
            let reversed = try [c3, c1, c2].map { try #require(Self.cell(descending, $0)) }
            #expect(reversed == reversed.sorted())
            #expect(ascending.contains("sort=inspection_date"))

            // Paging: 22 more make two pages of 20.
            var csv = "设备名称,注册代码,内部编号,检验日期,下次检验日期,责任单位,制造单位,安全管理员,安全管理员电话,救援电梯编号,安装地址\r\n"
            for i in 0..<22 { csv += "乘客电梯,3110410181201701\(String(format: "%04d", i)),,2025-09-02,2026-09-01,郎莫物业有限公司,上海三菱电梯有限公司,,,,\r\n" }
            let imported = try await ElevatorImportTests.importFile(client, "更多.csv", Array(csv.utf8))
            #expect(imported.contains("新增22台"))
            let first = try await Self.list(client)
            #expect(first.contains("共 25 条") && first.contains("第 1/2 页"))
            let rowIDs = { (page: TestClient.Page) in page.body.matches(of: /class="row-check" value="([^"]+)"/).map { String($0.1) } }
            #expect(rowIDs(first).count == 20, "a page holds 20 rows")
            let second = try await Self.list(client, "?page=2")
            #expect(rowIDs(second).count == 5)
            #expect(Set(rowIDs(first)).isDisjoint(with: rowIDs(second)), "no elevator on both pages")
            #expect(Set(rowIDs(first) + rowIDs(second)).count == 25, "every elevator on one of the pages")
            let filtered = try await Self.list(client, "?registration_code=201701")
            #expect(filtered.contains("共 22 条"))

            // A regulator of the province sees both companies and narrows by 维保单位.
            let other = try await Self.hongqiClient(app)
            let c4 = "31104107022014070001"
            try await Self.addOK(app, other, Self.elevator(["registration_code": c4, "rescue_code": "410004", "region_code": "410702"]))
            let henan = try await Fixtures.regulatorClient(app, region: "410000", username: "hnjg")
            let encoded = { (s: String) in s.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
            // Drafts never submitted are the companies' own business; submitted, the regulator lists them.
            #expect(try await Self.list(henan).contains("共 0 条"))
            for (who, company) in [(client, "凯旋电梯维保有限公司"), (other, "红旗电梯工程有限公司")] {
                let id = try #require(try await Company.query(on: app.db).filter(\.$name == company).first()?.requireID())
                try await Self.act(who, .submit, try await Elevator.query(on: app.db).filter(\.$companyID == id).all().map { try $0.requireID() })
            }
            #expect(try await Self.list(henan).contains("共 26 条"))
            #expect(Self.listed(try await Self.list(henan, "?registration_code=5069"), c1))
            #expect(Self.listed(try await Self.list(henan, "?registration_code=070001"), c4))
            let hongqi = try await Self.list(henan, "?company=" + encoded("红旗"))
            #expect(Self.listed(hongqi, c4) && !Self.listed(hongqi, c1) && hongqi.contains("共 1 条"))
            let kaixuan = try await Self.list(henan, "?company=" + encoded("凯旋") + "&registration_code=5069")
            #expect(Self.listed(kaixuan, c1) && !Self.listed(kaixuan, c4) && kaixuan.contains("共 1 条"))
            let nobody = try await Self.list(henan, "?company=" + encoded("不存在的单位"))
            #expect(nobody.contains("没有符合条件的电梯") && nobody.contains("共 0 条"))
            let export = try XLSXReader.read(try await Self.download(henan, SiteURL.elevators(.export).path + "?company=" + encoded("红旗")).data).rows
            #expect(export.count == 2 && Self.texts(export[1], count: 15)[4] == c4)
        }
    }
}

@Suite("电梯: partial registration codes served by an index")
struct ElevatorSearchIndexTests {
    @Test("the last digits find an elevator after adding, editing, deleting and importing")
    func followsChanges() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let id = try await ElevatorRegisterTests.addOK(app, client, ElevatorRegisterTests.elevator())
            let list = { (q: String) in try await ElevatorRegisterTests.list(client, "?registration_code=" + q) }
            #expect(ElevatorRegisterTests.listed(try await list("35069"), ElevatorRegisterTests.code))

            let edited = "31104101812015038888"
            try await client.get(SiteURL.elevators(.edit(id)).path)
            try await client.post(SiteURL.elevators(.edit(id)).path, ElevatorRegisterTests.elevator(["registration_code": edited]))
            #expect(try await Elevator.find(id, on: app.db)?.registrationCode == edited)
            #expect(!ElevatorRegisterTests.listed(try await list("35069"), edited))
            #expect(try await list("35069").contains("没有符合条件的电梯"))
            #expect(ElevatorRegisterTests.listed(try await list("38888"), edited))

            try await ElevatorRegisterTests.act(client, .delete, [id])
            #expect(try await Elevator.find(id, on: app.db) == nil)
            #expect(try await list("38888").contains("没有符合条件的电梯"))
            #expect(try await list("3110").contains("没有符合条件的电梯"))

            try await ElevatorImportTests.importFile(client, "电梯.xlsx", try ElevatorImportTests.fixture("elevators_good_openpyxl.xlsx"))
            #expect(ElevatorRegisterTests.listed(try await list("075069"), "31104107022014075069"))
            #expect(ElevatorRegisterTests.listed(try await list("611789"), "31109912345611789"))
            #expect(try await list("3110").contains("共 4 条"))

            if TestDatabase.postgresURL == nil {
                // The trigram table holds exactly the register's codes.
                let sql = app.db as! any SQLDatabase
                let rows = try await sql.raw("SELECT registration_code FROM elevator_search").all()
                let indexed = try rows.map { try $0.decode(column: "registration_code", as: String.self) }.sorted()
                let codes = try await Elevator.query(on: app.db).all().map(\.registrationCode).sorted()
                #expect(indexed == codes)
            }
        }
    }

    @Test("the search goes through the trigram index (SQLite FTS5, PostgreSQL pg_trgm), not a scan")
    func usesIndex() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await ElevatorRegisterTests.addOK(app, client, ElevatorRegisterTests.elevator())
            let sql = app.db as! any SQLDatabase
            if TestDatabase.postgresURL == nil {
                let rows = try await sql.raw("""
                    EXPLAIN QUERY PLAN SELECT id FROM elevators WHERE id IN (SELECT elevator_id FROM elevator_search WHERE registration_code LIKE '%5069%')
                    """).all()
                let plan = try rows.map { try $0.decode(column: "detail", as: String.self) }.joined(separator: " | ")
                #expect(plan.contains("VIRTUAL TABLE INDEX"), "\(plan)")
                // The list finds it only through the trigram table: emptied, the same query finds nothing.
                #expect(ElevatorRegisterTests.listed(try await ElevatorRegisterTests.list(client, "?registration_code=5069"), ElevatorRegisterTests.code))
                try await sql.raw("DELETE FROM elevator_search").run()
                #expect(!ElevatorRegisterTests.listed(try await ElevatorRegisterTests.list(client, "?registration_code=5069"), ElevatorRegisterTests.code))
                #expect(ElevatorRegisterTests.listed(try await ElevatorRegisterTests.list(client), ElevatorRegisterTests.code))
            } else {
                let plan = try await app.db.transaction { db -> String in
                    let sql = db as! any SQLDatabase
                    try await sql.raw("SET LOCAL enable_seqscan = off").run()
                    let rows = try await sql.raw("EXPLAIN SELECT id FROM elevators WHERE registration_code LIKE '%5069%'").all()
                    return try rows.map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: " | ")
                }
                #expect(plan.contains("elevators_registration_code_trgm"), "\(plan)")
                #expect(ElevatorRegisterTests.listed(try await ElevatorRegisterTests.list(client, "?registration_code=5069"), ElevatorRegisterTests.code))
            }
        }
    }
}
