@testable import App
import Fluent
import Foundation
import Vapor

/// The manual's example company (1.1), as a registration form.
enum Fixtures {
    static let password = "Kx#2026pass"

    static func kaixuan(_ changes: [String: String] = [:]) -> [String: String] {
        var form = [
            "username": "kxwbgs", "password": password, "password_confirm": password,
            "name": "凯旋电梯维保有限公司", "certificate_no": "TS3344A12-2011", "legal_person": "张东力",
            "manager": "姚俊杰", "manager_phone": "13733877795", "address": "郑州市高新区雪峰路26号",
            "region_code": "410181", "captcha": TestApp.captcha,
        ]
        for (k, v) in changes { form[k] = v }
        return form
    }

    /// A second company, in 新乡市红旗区.
    static func hongqi(_ changes: [String: String] = [:]) -> [String: String] {
        kaixuan([
            "username": "hqdt", "name": "红旗电梯工程有限公司", "certificate_no": "TS3341B07-2019",
            "manager_phone": "13903731234", "address": "新乡市红旗区平原路1号", "region_code": "410702",
        ].merging(changes) { $1 })
    }

    @discardableResult
    static func register(_ app: Application, _ form: [String: String]) async throws -> TestClient.Page {
        let client = TestClient(app)
        try await client.get(SiteURL.register.path)
        try await client.get(SiteURL.captcha.path)
        return try await client.post(SiteURL.register.path, form)
    }

    static func createAccount(_ app: Application, _ username: String, role: UserRole, region: String? = nil,
                              password: String = "Reg#2026pass") async throws -> User {
        let service = AccountService(db: app.db, hasher: app.password, now: app.clock.now(), address: "test", actorID: nil)
        switch try await service.create(.init(username: username, displayName: username, role: role, regionCode: region, password: password)) {
        case .success(let user): return user
        case .failure(let errors): throw AppError.badRequest(errors.describe())
        }
    }
}

extension Fixtures {
    /// A tiny valid PNG and PDF, as a scanner would give them.
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)
    static let pdf: [UInt8] = Array("%PDF-1.4\n% LiftWatch test certificate\n%%EOF\n".utf8)

    /// The rest of 2.1's form for the manual's company (3.2: 2013-05-06 to 2016-09-08, 巩义市人民路34号).
    static func companyInfo(_ changes: [String: String] = [:]) -> [String: String] {
        var form = kaixuan()
        form["password"] = nil
        form["password_confirm"] = nil
        form["username"] = nil
        form["certificate_issued"] = "2013-05-06"
        form["certificate_expires"] = "2016-09-08"
        form["level"] = "A"
        form["office_address"] = "巩义市人民路34号"
        form["phone"] = "0371-64321234"
        form["credit_code"] = ""
        for (k, v) in changes { form[k] = v }
        return form
    }

    /// The manual's company registered and logged in.
    static func companyClient(_ app: Application) async throws -> TestClient {
        try await register(app, kaixuan())
        let client = TestClient(app)
        try await client.logIn("kxwbgs", password)
        return client
    }

    /// Fills in the company's information, uploads a certificate and submits it for review.
    static func fileCompany(_ client: TestClient, _ info: [String: String] = companyInfo()) async throws {
        try await client.get(SiteURL.companyFilingEdit.path)
        try await client.post(SiteURL.companyFilingEdit.path, info)
        try await client.get(SiteURL.companyFilingEdit.path)
        try await client.upload(SiteURL.companyAttachments.path, files: [("资格证书.png", png)])
        try await client.get(SiteURL.companyFiling.path)
        try await client.post(SiteURL.companyFilingSubmit.path, [:])
    }

    static func regulatorClient(_ app: Application, region: String = "410100", username: String = "zzjg") async throws -> TestClient {
        _ = try await createAccount(app, username, role: .regulator, region: region)
        let client = TestClient(app)
        try await client.logIn(username, "Reg#2026pass")
        return client
    }

    static func companyFiling(_ app: Application, name: String = "凯旋电梯维保有限公司") async throws -> Filing {
        guard let filing = try await Filing.query(on: app.db).filter(\.$kind == .company).filter(\.$subject == name).first() else {
            throw AppError.notFound
        }
        return filing
    }
}
