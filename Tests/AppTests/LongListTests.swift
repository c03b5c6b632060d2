@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import XLSX

/// The lists at scale: counts that stop at a cap (exact on demand), code searches that take another path for
/// a common fragment than for a rare one — and in both, only the user's own rows — the 审核状态 query, a
/// regulator's register without drafts, and a busy server's 503.
@Suite("Long lists")
struct LongListTests {
    /// Imports `count` elevators whose codes are `prefix` + a 4-digit number from `first`.
    static func importElevators(_ client: TestClient, prefix: String, first: Int = 0, count: Int, rescueFrom: Int) async throws {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("long-\(UUID()).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try XLSXWriter(sheetName: "电梯信息", columns: Register.elevators.columns.map(RegisterSpreadsheets.xlsxColumn), to: url)
        for i in first..<(first + count) {
            try writer.append([.text("乘客电梯"), .text(prefix + String(format: "%04d", i)), .text("\(i)号梯"), .text("2025-09-02"),
                               .text("2026-09-01"), .text("郎莫物业有限公司"), .text("上海三菱电梯有限公司"), .text("李明"),
                               .text(String(format: "139%08d", rescueFrom + i)), .text(String(rescueFrom + i)), .text("巩义市人民路\(i)号")])
        }
        try writer.finish()
        let page = try await ElevatorImportTests.importFile(client, "电梯.xlsx", [UInt8](try Data(contentsOf: url)))
        #expect(page.contains("导入成功：新增\(count)台"), "\(ElevatorImportTests.table(page, "import-problems").prefix(3))")
    }

    static func total(_ page: TestClient.Page) -> String? {
        page.body.firstMatch(of: /共 ([\d,]+\+?) 条/).map { String($0.1) }
    }

    @Test("A common code fragment and a rare one list and count only the user's own elevators")
    func codeSearchPaths() async throws {
        try await TestApp.run { app, _ in
            let kaixuan = try await Fixtures.companyClient(app)
            // 1,050 of 凯旋's codes and 3 of 红旗's contain "2015": more matches than an id list carries, so the
            // search tests each row (see `SubstringSearch`).
            try await Self.importElevators(kaixuan, prefix: "3110410181201503", count: 1050, rescueFrom: 100_000)
            try await Fixtures.register(app, Fixtures.hongqi())
            let hongqi = TestClient(app)
            try await hongqi.logIn("hqdt", Fixtures.password)
            try await Self.importElevators(hongqi, prefix: "3110410181201504", count: 3, rescueFrom: 200_000)
            if TestDatabase.postgresURL == nil {
                #expect(try await app.db.sql().raw("SELECT COUNT(*) AS n FROM elevator_search WHERE registration_code LIKE '%2015%'")
                    .first()?.decode(column: "n", as: Int.self) ?? 0 > SubstringSearch.idListLimit)
            }

            // Common fragment: counted to the search cap, exact on demand; the other company's rows never.
            let common = try await ElevatorRegisterTests.list(kaixuan, "?registration_code=2015")
            #expect(Self.total(common) == "1,000+" && common.contains("统计全部") && !common.contains("31104101812015040000"))
            #expect(common.contains("第 1 页") && common.contains("下一页"))
            let exact = try await ElevatorRegisterTests.list(kaixuan, "?registration_code=2015&count=exact")
            #expect(Self.total(exact) == "1,050" && exact.contains("第 1/53 页") && !exact.contains("统计全部"))
            let theirs = try await ElevatorRegisterTests.list(hongqi, "?registration_code=2015")
            #expect(Self.total(theirs) == "3" && ElevatorRegisterTests.listed(theirs, "31104101812015040000"))
            #expect(!ElevatorRegisterTests.listed(theirs, "31104101812015030000"))

            // Rare fragments: a list of ids, still only the user's own.
            #expect(Self.total(try await ElevatorRegisterTests.list(kaixuan, "?registration_code=2015040001")) == "0")
            let mine = try await ElevatorRegisterTests.list(hongqi, "?registration_code=2015040001")
            #expect(Self.total(mine) == "1" && ElevatorRegisterTests.listed(mine, "31104101812015040001"))
            let fifty = try await ElevatorRegisterTests.list(kaixuan, "?registration_code=20150310")
            #expect(Self.total(fifty) == "50" && fifty.contains("第 1/3 页"))
            let third = try await ElevatorRegisterTests.list(kaixuan, "?registration_code=20150310&page=3")
            #expect(third.body.components(separatedBy: "号梯</td>").count - 1 == 10 && !third.contains("下一页"))

            // Beyond the cap the pages go on by 下一页 until the last row.
            let last = try await ElevatorRegisterTests.list(kaixuan, "?registration_code=2015&page=53")
            #expect(Self.total(last) == "1,000+" && !last.contains("下一页") && last.contains("上一页"))
            #expect(last.body.components(separatedBy: "号梯</td>").count - 1 == 10)
        }
    }

    @Test("审核状态 narrows a register; a regulator's register leaves out drafts never submitted")
    func reviewStatusAndDrafts() async throws {
        try await TestApp.run { app, _ in
            let kaixuan = try await Fixtures.companyClient(app)
            try await Self.importElevators(kaixuan, prefix: "3110410181201503", count: 5, rescueFrom: 100_000)
            let regulator = try await Fixtures.regulatorClient(app)   // 郑州市, above 巩义市
            #expect(Self.total(try await ElevatorRegisterTests.list(regulator)) == "0")

            let submitted = try await Elevator.query(on: app.db).sort(\.$registrationCode).limit(2).all().map { try $0.requireID() }
            try await ElevatorRegisterTests.act(kaixuan, .submit, submitted)
            let pending = try await ElevatorRegisterTests.list(kaixuan, "?review_status=审核中")
            #expect(Self.total(pending) == "2" && ElevatorRegisterTests.listed(pending, "31104101812015030000"))
            #expect(pending.contains("value=\"审核中\" checked"))
            #expect(Self.total(try await ElevatorRegisterTests.list(kaixuan, "?review_status=待上报")) == "3")
            #expect(Self.total(try await ElevatorRegisterTests.list(kaixuan, "?review_status=待上报&review_status=审核中")) == "5")
            #expect(Self.total(try await ElevatorRegisterTests.list(kaixuan, "?review_status=通过")) == "0")

            let regulated = try await ElevatorRegisterTests.list(regulator)
            #expect(Self.total(regulated) == "2" && ElevatorRegisterTests.listed(regulated, "31104101812015030001"))
            #expect(!ElevatorRegisterTests.listed(regulated, "31104101812015030004"))
            // By code, too: the draft is not found.
            #expect(Self.total(try await ElevatorRegisterTests.list(regulator, "?registration_code=2015030004")) == "0")
            // The export carries the query and follows it.
            let export = try await ElevatorRegisterTests.download(kaixuan, SiteURL.elevators(.export).path + "?review_status=审核中")
            #expect(try XLSXReader.read(export.data).rows.count == 3)
        }
    }

    @Test("A regulator's register follows the approved region: an unreviewed move of an elevator's 行政区划 moves nothing")
    func approvedRegion() async throws {
        try await TestApp.run { app, _ in
            let kaixuan = try await Fixtures.companyClient(app)
            let id = try await ElevatorRegisterTests.addOK(app, kaixuan, ElevatorRegisterTests.elevator())   // 巩义市
            let code = ElevatorRegisterTests.code
            try await ElevatorRegisterTests.act(kaixuan, .submit, [id])
            let zhengzhou = try await Fixtures.regulatorClient(app)                                   // 郑州市
            let xinxiang = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")  // 新乡市
            try await ElevatorRegisterTests.approve(app, zhengzhou, id)

            // Saved, not submitted: still 郑州市's, in the list, by code and in the export.
            try await kaixuan.get(SiteURL.elevators(.edit(id)).path)
            try await kaixuan.post(SiteURL.elevators(.edit(id)).path, ElevatorRegisterTests.elevator(["region_code": "410702"]))
            #expect(try await Elevator.find(id, on: app.db)?.regionCode == "410702")
            #expect(ElevatorRegisterTests.listed(try await ElevatorRegisterTests.list(zhengzhou), code))
            #expect(!ElevatorRegisterTests.listed(try await ElevatorRegisterTests.list(xinxiang), code))
            #expect(Self.total(try await ElevatorRegisterTests.list(xinxiang, "?registration_code=" + code)) == "0")
            let export = try await ElevatorRegisterTests.download(xinxiang, SiteURL.elevators(.export).path)
            #expect(try XLSXReader.read(export.data).rows.count == 1)

            // Submitted and approved (by the region it leaves): now 新乡市's.
            try await ElevatorRegisterTests.act(kaixuan, .submit, [id])
            try await ElevatorRegisterTests.approve(app, zhengzhou, id)
            #expect(ElevatorRegisterTests.listed(try await ElevatorRegisterTests.list(xinxiang), code))
            #expect(!ElevatorRegisterTests.listed(try await ElevatorRegisterTests.list(zhengzhou), code))
        }
    }

    @Test("A count stops at its cap on both engines")
    func cappedCount() async throws {
        try await TestApp.run { app, _ in
            let kaixuan = try await Fixtures.companyClient(app)
            try await Self.importElevators(kaixuan, prefix: "3110410181201503", count: 7, rescueFrom: 100_000)
            let query = Elevator.query(on: app.db).filter(\.$registrationCode >= "31104101812015030002").sort(\.$createdAt)
            #expect(try await query.copy().countRows(upTo: 3) == 4)
            #expect(try await query.copy().countRows(upTo: 5) == 5)
            #expect(try await query.copy().countRows(upTo: 100) == 5)
            #expect(try await Elevator.query(on: app.db).filter(\.$registrationCode == "none").countRows(upTo: 3) == 0)
        }
    }

    @Test("The embedded database runs with write-ahead logging")
    func writeAheadLog() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        try await TestApp.run { app, _ in
            let mode = try await app.db.sql().raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            #expect(mode == "wal")
        }
    }
}

/// A responder that holds each request until released, to fill the server deterministically.
private actor Gate {
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private(set) var arrived = 0
    func enter() async {
        arrived += 1
        await withCheckedContinuation { waiting.append($0) }
    }
    func open() {
        for c in waiting { c.resume() }
        waiting = []
    }
}

@Suite("A busy server")
struct LoadSheddingTests {
    @Test("Past its limit, a request is answered 503 with Retry-After at once, and the next one after the load is served")
    func shedsAndRecovers() async throws {
        let app = try await Application.make(.testing)
        app.config = TestApp.config(.sqlite(path: NSTemporaryDirectory() + "unused.sqlite"))
        do {
            let gate = Gate()
            let shedding = LoadShedding(limit: 2)
            let responder = ErrorPageMiddleware().makeResponder(chainingTo: shedding.makeResponder(chainingTo: AsyncBasicResponder { _ in
                await gate.enter()
                return Response(status: .ok)
            }))
            func request() -> Request { Request(application: app, method: .GET, url: "/", on: app.eventLoopGroup.any()) }
            let held = (0..<2).map { _ in Task { try await responder.respond(to: request()).get() } }
            while await gate.arrived < 2 { await Task.yield() }
            #expect(shedding.current == 2)
            let refused = try await responder.respond(to: request()).get()
            #expect(refused.status == .serviceUnavailable && refused.headers.first(name: .retryAfter) == "2")
            await gate.open()
            for task in held { #expect(try await task.value.status == .ok) }
            #expect(shedding.current == 0)
            let after = Task { try await responder.respond(to: request()).get() }
            while await gate.arrived < 3 { await Task.yield() }
            await gate.open()
            #expect(try await after.value.status == .ok)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    @Test("A request that waited too long for a database connection is a 503, not a 500")
    func poolTimeoutIsBusy() {
        let (status, message) = ErrorPageMiddleware.describe(ConnectionPoolTimeoutError.connectionRequestTimeout)
        #expect(status == .serviceUnavailable && message == "系统繁忙，请稍后重试。")
    }
}

@Suite("Kept counts")
struct FilingCountTests {
    /// The kept counts beside a fresh count of the filings they stand for.
    static func compare(_ app: Application) async throws -> (kept: [String: Int], counted: [String: Int]) {
        let key = "kind, company_id, region_code, review_status, info_status"
        let sql = try app.db.sql()
        func read(_ query: SQLQueryString) async throws -> [String: Int] {
            var result: [String: Int] = [:]
            for row in try await sql.raw(query).all() {
                let parts = try ["kind", "company_id", "region_code", "review_status", "info_status"].map {
                    $0 == "company_id" ? try row.decode(column: $0, as: UUID.self).uuidString : try row.decode(column: $0, as: String.self)
                }
                let n = try row.decode(column: "n", as: Int.self)
                if n != 0 { result[parts.joined(separator: "|")] = n }
            }
            return result
        }
        return (try await read("SELECT \(unsafeRaw: key), n FROM filing_counts"),
                try await read("SELECT \(unsafeRaw: key), COUNT(*) AS n FROM filings WHERE closed_at IS NULL GROUP BY \(unsafeRaw: key)"))
    }

    @Test("The kept counts, and the statuses copied onto the rows, equal the filings after adding, submitting, approving, rejecting, deleting and deregistering")
    func keptCountsFollowEveryChange() async throws {
        try await TestApp.run { app, _ in
            let kaixuan = try await Fixtures.companyClient(app)
            try await LongListTests.importElevators(kaixuan, prefix: "3110410181201503", count: 6, rescueFrom: 100_000)
            var (kept, counted) = try await Self.compare(app)
            #expect(kept == counted && !kept.isEmpty)

            let ids = try await Elevator.query(on: app.db).sort(\.$registrationCode).all().map { try $0.requireID() }
            try await ElevatorRegisterTests.act(kaixuan, .submit, Array(ids[0..<4]))
            let regulator = try await Fixtures.regulatorClient(app)
            #expect(try await regulator.get(SiteURL.home.path).body.contains("<span class=\"card-value\">4</span><span class=\"card-title\">待审核记录"))
            try await ElevatorRegisterTests.approve(app, regulator, ids[0])
            try await ElevatorRegisterTests.approve(app, regulator, ids[1])
            try await ArchiveTests.reject(app, regulator, try await ElevatorRegisterTests.filing(app, ids[2]).requireID(), opinion: "资料不全")
            try await ElevatorRegisterTests.act(kaixuan, .delete, [ids[5]])          // a draft: deleted, its filing closed
            try await ElevatorRegisterTests.act(kaixuan, .delete, [ids[1]])          // approved: a 注销 request
            (kept, counted) = try await Self.compare(app)
            #expect(kept == counted, "kept \(kept), counted \(counted)")
            // The statuses copied onto the register rows (M036) are the filings' own.
            let differing = try await app.db.sql().raw("""
                SELECT COUNT(*) AS n FROM elevators JOIN filings ON filings.kind = 'elevator' AND filings.record_id = elevators.id
                WHERE elevators.review_status <> filings.review_status OR elevators.info_status <> filings.info_status
                """).first()?.decode(column: "n", as: Int.self)
            #expect(differing == 0)
            let statuses = try await app.db.sql().raw("SELECT review_status, info_status FROM elevators WHERE id = \(bind: ids[1])").first()
            #expect(try statuses?.decode(column: "review_status", as: String.self) == "审核中")
            #expect(try statuses?.decode(column: "info_status", as: String.self) == "注销")

            // What the start pages and the badge show comes from them.
            let home = try await kaixuan.get(SiteURL.home.path)
            #expect(home.contains("<span class=\"card-value\">5</span><span class=\"card-title\">登记的电梯"))
            let regulated = try await regulator.get(SiteURL.home.path)
            #expect(regulated.contains("<span class=\"card-value\">2</span><span class=\"card-title\">待审核记录"))
            // Of the five, one is a draft never submitted (ids[4]): the regulator's register has four.
            #expect(regulated.contains("<span class=\"card-value\">4</span><span class=\"card-title\">辖区内登记的电梯"))
            #expect(LongListTests.total(try await ElevatorRegisterTests.list(regulator)) == "4")

            // A register's total is read from the kept counts when only 审核状态 narrows it; it must be what
            // counting its rows gives (a code fragment every row holds makes the list count them instead).
            let province = try await Fixtures.regulatorClient(app, region: "410000", username: "hnjg")
            for (who, client) in [("company", kaixuan), ("city", regulator), ("province", province)] {
                for statuses in [[], ["待上报"], ["审核中"], ["通过"], ["未通过"], ["通过", "审核中"], ["待上报", "未通过"]] {
                    let query = statuses.map { "review_status=" + $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
                    let kept = LongListTests.total(try await ElevatorRegisterTests.list(client, "?" + query.joined(separator: "&")))
                    let counted = LongListTests.total(try await ElevatorRegisterTests.list(
                        client, "?" + (query + ["registration_code=3110410181201503"]).joined(separator: "&")))
                    #expect(kept != nil && kept == counted, "\(who) \(statuses): kept \(kept ?? "-"), counted \(counted ?? "-")")
                }
            }
            #expect(LongListTests.total(try await ElevatorRegisterTests.list(kaixuan)) == "5")
            #expect(LongListTests.total(try await ElevatorRegisterTests.list(province)) == "4")
        }
    }
}

@Suite("Register rows written in Swift")
struct RegisterTableRowsTests {
    @Test("Texts are escaped as Leaf escapes them; an empty page shows its message across the table")
    func escapes() {
        let row = RegisterPage.Row(id: "A\"1", reviewStatus: "通过", infoStatus: "正常使用", opinion: "<b>已通过</b>",
                                   cells: ["a & b", "<script>alert('x')</script>", "郑州市人民路12号院"])
        let html = RegisterTableRows.html([row], showsStatus: true, span: 7, emptyText: "无")
        #expect(html.contains("value=\"A&quot;1\""))
        #expect(html.contains("<td class=\"opinion\">&lt;b&gt;已通过&lt;/b&gt;</td>"))
        #expect(html.contains("<td>a &amp; b</td>") && !html.contains("<script>"))
        #expect(html.contains("<td class=\"wrap\">郑州市人民路12号院</td>"))
        #expect(html.contains("<span class=\"status status-通过\">通过</span>"))
        #expect(!RegisterTableRows.html([row], showsStatus: false, span: 4, emptyText: "").contains("status-"))
        #expect(RegisterTableRows.html([], showsStatus: true, span: 7, emptyText: "没有<符合>条件的电梯")
                == "<tr><td colspan=\"7\" class=\"empty\">没有&lt;符合&gt;条件的电梯</td></tr>")
    }
}
