@testable import App
import Fluent
import SQLKit
import Testing
import Vapor

@Suite("审核管理: queue, concurrent decisions, atomic history, region scope")
struct ReviewTests {
    @Test("the queue lists records 审核中 in the regulator's region, oldest first, with counts")
    func queue() async throws {
        try await TestApp.run { app, clock in
            try await Fixtures.fileCompany(try await Fixtures.companyClient(app))
            clock.advance(by: 3 * 86_400 + 2 * 3600)
            let zhengzhou = try await Fixtures.regulatorClient(app, region: "410100")
            let page = try await zhengzhou.get(SiteURL.reviewQueue.path)
            #expect(page.contains("凯旋电梯维保有限公司"))
            #expect(page.contains("3天2小时"))
            #expect(page.contains("class=\"badge\">1<"), "count in the menu and the tab")

            let xinxiang = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            let other = try await xinxiang.get(SiteURL.reviewQueue.path)
            #expect(!other.contains("凯旋电梯维保有限公司"))
            let filing = try await Fixtures.companyFiling(app)
            #expect(try await xinxiang.get(SiteURL.reviewDetail(filing.id).path).status == .notFound)
            #expect(try await xinxiang.get(SiteURL.companyDetail(filing.companyID).path).status == .notFound)
            try await xinxiang.get(SiteURL.reviewQueue.path)
            let decided = try await xinxiang.post(SiteURL.reviewApprove(filing.id).path, ["revision": String(filing.revision)])
            #expect(decided.status == .notFound)
            #expect(try await Fixtures.companyFiling(app).reviewStatus == .pending)
        }
    }

    @Test("two reviewers deciding at once: one decision is recorded, the other is told")
    func concurrentDecisions() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.fileCompany(try await Fixtures.companyClient(app))
            let first = try await Fixtures.regulatorClient(app)
            let second = try await Fixtures.regulatorClient(app, region: "410000", username: "hnsj")
            let filing = try await Fixtures.companyFiling(app)
            try await first.get(SiteURL.reviewDetail(filing.id).path)
            try await second.get(SiteURL.reviewDetail(filing.id).path)
            try await first.post(SiteURL.reviewApprove(filing.id).path, ["revision": String(filing.revision)])
            let late = try await second.follow(try await second.post(SiteURL.reviewReject(filing.id).path,
                                                                    ["revision": String(filing.revision), "opinion": "不同意"]))
            #expect(late.contains("已被其他审核人员处理"))
            let after = try await Fixtures.companyFiling(app)
            #expect(after.reviewStatus == .approved)
            #expect(try await FilingVersion.query(on: app.db).count() == 1)
        }
    }

    @Test("decisions racing in parallel: exactly one wins")
    func parallelDecisions() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.fileCompany(try await Fixtures.companyClient(app))
            let filing = try await Fixtures.companyFiling(app)
            let snapshot = try #require(try await filing.submittedSnapshot(on: app.db))
            let revision = filing.revision
            let id = try filing.requireID()
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<6 {
                    group.addTask {
                        let mine = try #require(try await Filing.find(id, on: app.db))
                        let service = FilingService(db: app.db, now: app.clock.now(), actor: FilingActor(id: UUID(), name: "审核员\(i)"))
                        do {
                            if i.isMultiple(of: 2) {
                                try await service.approve(mine, expectedRevision: revision, opinion: nil, snapshot: snapshot)
                            } else {
                                try await service.reject(mine, expectedRevision: revision, opinion: "驳回\(i)")
                            }
                            return true
                        } catch is FilingRefusal {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let decisions = try await FilingEvent.query(on: app.db).filter(\.$filingID == id)
                .filter(\.$action ~~ [.approve, .reject]).count()
            #expect(decisions == 1)
        }
    }

    @Test("a failure in the middle of an approval leaves neither the new status nor any history")
    func atomicApproval() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.fileCompany(try await Fixtures.companyClient(app))
            let filing = try await Fixtures.companyFiling(app)
            let revision = filing.revision
            let events = try await FilingEvent.query(on: app.db).count()
            // Break the archive table so the last write of the transaction fails.
            try await (app.db as! any SQLDatabase).raw("ALTER TABLE filing_versions RENAME TO filing_versions_gone").run()
            let snapshot = try #require(try await filing.submittedSnapshot(on: app.db))
            await #expect(throws: (any Error).self) {
                try await FilingService(db: app.db, now: app.clock.now(), actor: FilingActor(id: UUID(), name: "审核员"))
                    .approve(filing, expectedRevision: revision, opinion: nil, snapshot: snapshot)
            }
            let after = try await Fixtures.companyFiling(app)
            #expect(after.reviewStatus == .pending)
            #expect(after.revision == revision)
            #expect(after.archivedVersion == 0)
            #expect(try await FilingEvent.query(on: app.db).count() == events)
        }
    }

    @Test("several records approved at once")
    func bulkApprove() async throws {
        try await TestApp.run { app, _ in
            try await Fixtures.fileCompany(try await Fixtures.companyClient(app))
            try await Fixtures.register(app, Fixtures.hongqi(["region_code": "410181"]))
            let second = TestClient(app)
            try await second.logIn("hqdt", Fixtures.password)
            try await second.get(SiteURL.companyFilingEdit.path)
            try await second.post(SiteURL.companyFilingEdit.path, Fixtures.companyInfo([
                "name": "红旗电梯工程有限公司", "certificate_no": "TS3341B07-2019", "manager_phone": "13903731234"]))
            try await second.get(SiteURL.companyFilingEdit.path)
            try await second.upload(SiteURL.companyAttachments.path, files: [("证书.pdf", Fixtures.pdf)])
            try await second.get(SiteURL.companyFiling.path)
            try await second.post(SiteURL.companyFilingSubmit.path, [:])

            let regulator = try await Fixtures.regulatorClient(app)
            try await regulator.get(SiteURL.reviewQueue.path)
            let filings = try await Filing.query(on: app.db).filter(\.$reviewStatus == .pending).all()
            #expect(filings.count == 2)
            let tokens = try filings.map { "\(try $0.requireID().uuidString):\($0.revision)" }
            var form = ["opinion": "材料齐全"]
            for (i, t) in tokens.enumerated() { form["ids[\(i)]"] = t }
            let done = try await regulator.follow(try await regulator.post(SiteURL.reviewBulkApprove.path, form))
            #expect(done.contains("已审核通过2条记录"))
            #expect(try await Filing.query(on: app.db).filter(\.$reviewStatus == .approved).count() == 2)
        }
    }

    @Test("a company user cannot reach the review pages")
    func companyRefused() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            try await Fixtures.fileCompany(company)
            let filing = try await Fixtures.companyFiling(app)
            #expect(try await company.get(SiteURL.reviewDetail(filing.id).path).status == .forbidden)
            try await company.get(SiteURL.companyFiling.path)
            #expect(try await company.post(SiteURL.reviewApprove(filing.id).path, ["revision": String(filing.revision)]).status == .forbidden)
            #expect(try await Fixtures.companyFiling(app).reviewStatus == .pending)
        }
    }
}
