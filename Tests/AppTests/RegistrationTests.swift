@testable import App
import Fluent
import Testing
import Vapor

@Suite("企业注册 (manual 1.1)")
struct RegistrationTests {
    @Test("the manual's company registers: company 待上报/新增 and its account")
    func registersManualCompany() async throws {
        try await TestApp.run { app, _ in
            // MUT
            let page = try await Fixtures.register(app, Fixtures.kaixuan())
            // validate
            #expect(page.status == .seeOther)
            #expect(page.location == SiteURL.login.path)
            let company = try #require(try await Company.query(on: app.db).first())
            #expect(company.name == "凯旋电梯维保有限公司")
            #expect(company.regionCode == "410181")
            let filing = try #require(try await Filing.query(on: app.db).filter(\.$recordID == company.requireID()).first())
            #expect(filing.kind == .company)
            #expect(filing.reviewStatus == .draft)
            #expect(filing.infoStatus == .new)
            #expect(try await FilingEvent.query(on: app.db).filter(\.$filingID == filing.requireID()).count() == 1)
            let user = try #require(try await User.query(on: app.db).filter(\.$role == .company).first())
            #expect(user.username == "kxwbgs")
            #expect(user.$company.id == company.id)
            #expect(user.passwordHash != Fixtures.password)
        }
    }

    @Test("after registering, the login page shows the notice")
    func noticeOnLogin() async throws {
        try await TestApp.run { app, _ in
            let client = TestClient(app)
            try await client.get(SiteURL.register.path)
            try await client.get(SiteURL.captcha.path)
            let done = try await client.post(SiteURL.register.path, Fixtures.kaixuan())
            let login = try await client.follow(done)
            #expect(login.contains("注册成功"))
        }
    }

    @Test("each field rule gives its message beside the field and keeps what was typed", arguments: [
        ("username", "1abc", "用户名"),
        ("username", "ab", "用户名"),
        ("username", "张三公司", "用户名"),
        ("password", "short1A", "密码"),
        ("password", "alllowercase", "密码"),
        ("manager_phone", "1373387779", "手机"),
        ("manager_phone", "23733877795", "手机"),
        ("manager_phone", "137338777951", "手机"),
        ("name", "", "单位名称"),
        ("certificate_no", "  ", "资格证书编号"),
        ("legal_person", "", "单位法人"),
        ("manager", "", "负责人"),
        ("address", "", "单位地址"),
        ("region_code", "", "行政区划"),
        ("region_code", "999999", "行政区划"),
    ])
    func fieldRule(field: String, value: String, messageWord: String) async throws {
        try await TestApp.run { app, _ in
            var form = Fixtures.kaixuan([field: value])
            if field == "password" { form["password_confirm"] = value }
            let page = try await Fixtures.register(app, form)
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("id=\"f-\(field)-error\""), "no message beside \(field)")
            #expect(page.contains(messageWord))
            // Everything else typed is still there (passwords are never sent back).
            #expect(page.contains("郑州市高新区雪峰路26号") || field == "address")
            #expect(field == "username" || page.contains("value=\"kxwbgs\""))
            #expect(try await Company.query(on: app.db).count() == 0)
            #expect(try await User.query(on: app.db).filter(\.$role == .company).count() == 0)
        }
    }

    @Test("the region must be chosen down to the county")
    func regionMustBeLeaf() async throws {
        try await TestApp.run { app, _ in
            let page = try await Fixtures.register(app, Fixtures.kaixuan(["region_code": "410100"]))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("请选择到区县一级"))
            #expect(page.contains("河南省郑州市"), "the chosen region's name is kept")
        }
    }

    @Test("passwords that differ are refused")
    func passwordConfirmation() async throws {
        try await TestApp.run { app, _ in
            let page = try await Fixtures.register(app, Fixtures.kaixuan(["password_confirm": "Other#2026pass"]))
            #expect(page.contains("id=\"f-password_confirm-error\""))
            #expect(page.contains("两次输入的密码不一致"))
        }
    }

    @Test("user names are unique regardless of case")
    func duplicateUsername() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let page = try await Fixtures.register(app, Fixtures.hongqi(["username": "KXWBGS"]))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("该用户名已被注册"))
            #expect(try await Company.query(on: app.db).count() == 1)
        }
    }

    @Test("a company registers once: same name or same certificate number is refused")
    func duplicateCompany() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.register(app, Fixtures.kaixuan())
            let sameName = try await Fixtures.register(app, Fixtures.hongqi(["name": "凯旋电梯维保有限公司"]))
            #expect(sameName.contains("该单位已注册"))
            let sameCertificate = try await Fixtures.register(app, Fixtures.hongqi(["certificate_no": "ts3344a12-2011"]))
            #expect(sameCertificate.contains("该资格证书编号已被其他单位注册"))
            #expect(try await Company.query(on: app.db).count() == 1)
        }
    }

    @Test("spaces are trimmed and full-width characters typed in Chinese input methods are normalised")
    func normalisation() async throws {
        try await TestApp.run { app, _ in
            let page = try await Fixtures.register(app, Fixtures.kaixuan([
                "username": "  ｋｘｗｂｇｓ ", "manager_phone": "１３７３３８７７７９５", "name": " 凯旋电梯维保有限公司　",
            ]))
            #expect(page.status == .seeOther)
            let company = try #require(try await Company.query(on: app.db).first())
            #expect(company.managerPhone == "13733877795")
            #expect(company.name == "凯旋电梯维保有限公司")
            #expect(try await User.query(on: app.db).filter(\.$usernameKey == "kxwbgs").count() == 1)
        }
    }

    @Test("the form has the manual's fields and buttons, required ones marked")
    func formContent() async throws {
        try await TestApp.run { app, _ in
            let page = try await TestClient(app).get(SiteURL.register.path)
            for label in ["用户名", "密码", "单位名称", "资格证书编号", "单位法人", "负责人", "负责人手机", "单位地址", "行政区划",
                          "注册提交", "重置", "返回", "选择"] {
                #expect(page.contains(label), "missing \(label)")
            }
            #expect(page.body.components(separatedBy: "class=\"req\"").count - 1 >= 10)
        }
    }
}
