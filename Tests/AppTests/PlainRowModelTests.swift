@testable import App
import Fluent
import Foundation
import SQLKit
import Testing

/// The list pages build their rows by hand (`PlainRowModel`) instead of through Fluent's reflection: each
/// model so built must equal, field for field, the one Fluent reads. A field added to the model but not
/// to its `fromPlainRow` fails here.
@Suite("List rows built without reflection equal Fluent's")
struct PlainRowModelTests {
    static func same<M: PlainRowModel>(_ type: M.Type, on db: any Database) async throws -> Int where M.IDValue == UUID {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .millisecondsSince1970
        let byFluent = try await M.query(on: db).all()
        let rows = try await db.sql().select().column(SQLLiteral.all).from(M.schema).all()
        var plain: [UUID: M] = [:]
        for row in rows {
            let model = try M.fromPlainRow(row)
            plain[try #require(model.id)] = model
        }
        #expect(plain.count == byFluent.count)
        for model in byFluent {
            let id = try #require(model.id)
            let other = try #require(plain[id])
            #expect(String(decoding: try encoder.encode(other), as: UTF8.self) == String(decoding: try encoder.encode(model), as: UTF8.self))
            #expect(other._$id.exists)
        }
        return byFluent.count
    }

    @Test("elevators, staff and archived elevators of the demo")
    func demo() async throws {
        try await TestApp.run { app, _ in
            try await InitialAdmin.ensure(on: app)
            _ = try await DemoCommandTests.runDemo(app)
            #expect(try await Self.same(Elevator.self, on: app.db) == 17)
            #expect(try await Self.same(StaffMember.self, on: app.db) == 11)
            #expect(try await Self.same(ArchivedElevator.self, on: app.db) > 0)
        }
    }
}
