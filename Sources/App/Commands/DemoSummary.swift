import Fluent
import Vapor

/// What `liftwatch demo` prints: what it loaded, counted from the database, and the logins.
enum DemoSummary {
    static func lines(on db: any Database) async throws -> [String] {
        var lines = ["演示数据已载入：维保单位用户手册中的示例，可以对照手册第二章（备案信息上报）和第三章（维保公司数据查询）操作。"]
        for company in try await Company.query(on: db).sort(\.$createdAt).all() {
            let id = try company.requireID()
            let region = try await RegionDirectory(db: db).find(company.regionCode)?.fullName ?? company.regionCode
            let staff = try await StaffMember.query(on: db).filter(\.$companyID == id).countRows()
            let elevators = try await Elevator.query(on: db).filter(\.$companyID == id).countRows()
            lines.append("  \(company.name)（\(region)）：维保人员 \(staff) 人，电梯 \(elevators) 台")
        }
        lines.append("  审核状态：")
        for kind in FilingKind.allCases {
            var parts: [String] = []
            for status in ReviewStatus.allCases {
                let n = try await Filing.query(on: db).filter(\.$kind == kind).filter(\.$reviewStatus == status).countRows()
                if n > 0 { parts.append("\(status.rawValue) \(n)") }
            }
            lines.append("    \(kind.title)：" + parts.joined(separator: "，"))
        }
        let companies = try await ArchivedCompany.query(on: db).countRows()
        let staff = try await ArchivedStaff.query(on: db).countRows()
        let elevators = try await ArchivedElevator.query(on: db).countRows()
        lines.append("  档案（审核通过的版本，第三章的三个查询）：维保公司 \(companies) 家，维保人员 \(staff) 人，电梯 \(elevators) 台")
        return lines
    }

    /// The regulators' notes with how many records wait in their 审核管理.
    static func withPendingCounts(_ logins: [DemoLogin], regulators: [DemoLoader.Regulator], on db: any Database) async throws -> [DemoLogin] {
        var result: [DemoLogin] = []
        for login in logins {
            guard let regulator = regulators.first(where: { $0.user.username == login.username }) else {
                result.append(login)
                continue
            }
            let pending = try await Filing.query(on: db).filter(\.$reviewStatus == .pending)
                .filter(regionCode: \.$regionCode, in: regulator.scope).countRows()
            result.append(DemoLogin(role: login.role, username: login.username, password: login.password,
                                    note: login.note + "；待审核 \(pending) 条"))
        }
        return result
    }

    static func loginLines(_ logins: [DemoLogin]) -> [String] {
        let width = logins.map(\.username.count).max() ?? 0
        return ["登录账号（登录页的验证码按图片填写）："]
            + logins.map { login in
                let role = login.role.count < 5 ? login.role + "　" : login.role
                let name = login.username + String(repeating: " ", count: width - login.username.count)
                return "  \(role)  用户名 \(name)  密码 \(login.password)" + (login.note.isEmpty ? "" : "  \(login.note)")
            }
            + ["", "启动：swift run liftwatch serve（用同一个 DATABASE_URL），然后打开 http://127.0.0.1:8080"]
    }
}
