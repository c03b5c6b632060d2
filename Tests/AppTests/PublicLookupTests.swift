@testable import App
import Fluent
import Foundation
import Testing
import Vapor

@Suite("电梯信息查询: the public page")
struct PublicLookupTests {
    typealias M = MaintenanceTests

    @Test("by 注册代码 or 救援电梯编号, without login: the elevator, its companies and dates, nothing personal")
    func lookup() async throws {
        try await TestApp.run { app, _ in
            let w = try await M.world(app)
            try await M.Archive.approvedCompany(app, w.company, w.regulator)  // its 联系电话 as approved
            _ = try await M.file(w.company, try await M.form(app, date: "2026-09-20", workers: [w.niuxing, w.liwen]))
            let anyone = TestClient(app)
            let page = try await anyone.get(SiteURL.publicLookup.path + "?code=\(M.Elevators.code)")
            #expect(page.status == .ok)
            for shown in ["曳引式客梯", "郎莫物业有限公司", "凯旋电梯维保有限公司", "0371-64321234", "2026-09-20", "2027-03-14"] {
                #expect(page.contains(shown), "\(shown)")
            }
            // Not the safety manager, the workers, the confirmer or any phone of a person.
            for hidden in ["李明", "13733877795", "牛星", "李文", "TS-0001", "巩义市人民路34号"] {
                #expect(!page.contains(hidden), "\(hidden) must not show")
            }
            #expect(try await anyone.get(SiteURL.publicLookup.path + "?code=410001").contains("郎莫物业有限公司"))
            // A working draft or an unknown code finds nothing; letters are refused.
            #expect(try await anyone.get(SiteURL.publicLookup.path + "?code=31104101812015039999").status == .notFound)
            #expect(try await anyone.get(SiteURL.publicLookup.path + "?code=abc").status == .unprocessableEntity)
        }
    }

    @Test("at most 30 lookups per address in 10 minutes, counted in the database")
    func rateLimited() async throws {
        try await TestApp.run { app, clock in
            let anyone = TestClient(app)
            for _ in 0..<30 { #expect(try await anyone.get(SiteURL.publicLookup.path + "?code=410001").status == .notFound) }
            let refused = try await anyone.get(SiteURL.publicLookup.path + "?code=410001")
            #expect(refused.status == .tooManyRequests && refused.contains("查询过于频繁"))
            #expect(try await PublicLookup.query(on: app.db).countRows() == 30)
            clock.advance(by: 10 * 60 + 1)
            #expect(try await anyone.get(SiteURL.publicLookup.path + "?code=410001").status == .notFound)
        }
    }
}
