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
            "region_code": "410181",
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
