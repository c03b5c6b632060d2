@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import XLSX

@Suite("Long lists: pages and exports in the list's order")
struct ListOrderTests {
    /// Inserts elevators whose created_at carries fractions of a second that do not survive a round trip
    /// through `Date` exactly — the kind that once made a descending export start over without end.
    static func insertElevators(_ count: Int, company: UUID, on db: any Database) async throws {
        try await db.transaction { db in
            for i in 0..<count {
                let e = Elevator()
                e.companyID = company
                e.equipmentName = "曳引式客梯"
                e.registrationCode = String(format: "3110410181201%07d", i)
                e.internalNo = "\(i)号梯"
                e.rescueCode = nil
                e.inspectionDate = "2025-09-02"; e.nextInspectionDate = "2026-09-01"
                e.userUnit = "郎莫物业有限公司"; e.manufacturer = "上海三菱电梯有限公司"
                e.safetyManager = ""; e.safetyManagerPhone = ""
                e.regionCode = "410181"; e.regionName = "河南省郑州市巩义市"; e.address = ""
                e.createdAt = Date(timeIntervalSince1970: 1_795_255_897.18948 + Double(i) * 1.000123457)
                try await e.create(on: db)
                // Every register row has its filing (the kept counts the list's total comes from are the filings').
                let f = Filing()
                f.kind = .elevator
                f.recordID = try e.requireID()
                f.companyID = company
                f.regionCode = e.regionCode
                f.subject = e.registrationCode
                f.state = FilingStateMachine.initial
                f.revision = 0
                f.archivedVersion = 0
                f.createdAt = e.createdAt
                f.updatedAt = e.createdAt
                try await f.create(on: db)
            }
        }
    }

    @Test("an export of more rows than one batch holds each row once, newest first, whatever the timestamps' fractions")
    func exportAcrossBatches() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let company = try #require(try await Company.query(on: app.db).first()?.id)
            try await Self.insertElevators(2_345, company: company, on: app.db)
            let export = try await ElevatorRegisterTests.download(client, SiteURL.elevators(.export).path)
            #expect(export.status == .ok)
            let codes = try XLSXReader.read(export.data).rows.dropFirst().map { ElevatorRegisterTests.texts($0, count: 5)[4] }
            #expect(codes.count == 2_345)
            #expect(Set(codes).count == 2_345)
            #expect(codes.first == String(format: "3110410181201%07d", 2_344))
            #expect(codes.last == String(format: "3110410181201%07d", 0))

            // Sorted by a column with ties (the same 检验日期 everywhere), ascending: the id breaks the ties.
            let byDate = try await ElevatorRegisterTests.download(client, SiteURL.elevators(.export).path + "?sort=inspection_date&dir=asc")
            let sorted = try XLSXReader.read(byDate.data).rows.dropFirst().map { ElevatorRegisterTests.texts($0, count: 5)[4] }
            #expect(sorted.count == 2_345 && Set(sorted).count == 2_345)

            // The list counts them all (below the cap of 10,000), 20 to a page.
            let first = try await ElevatorRegisterTests.list(client)
            #expect(first.contains("共 2,345 条，第 1/118 页"))
        }
    }
}
