import FluentKit
import SQLKit

/// New rows of one model written with multi-row INSERTs made from the models' own field values.
///
/// Fluent's `[Model].create(on:)` runs a task and the middleware chain per model and finds each model's id
/// by reflection: for the 30,000 rows of a 10,000-row import (records, filings, history) that machinery cost
/// more than SQLite's own work (measured with `perf`, benchmarks/sheets_vs_openpyxl.py). Here each model
/// only reports its fields (`input(to:)`, from the listed properties) and the values are bound as they are.
///
/// The models must have their ids set; there is no model middleware in this application to skip. After
/// the insert the models count as existing, with their values still marked as set (a later `update` writes
/// them all again).
enum BulkInsert {
    /// SQLite allows 32,766 bound values a statement, PostgreSQL 65,535: 200 rows of ~20 columns stay far below.
    static let rowsPerStatement = 200

    static func insert<M: Model>(_ models: [M], on db: any Database) async throws {
        guard !models.isEmpty else { return }
        guard let sql = db as? any SQLDatabase else {
            try await models.create(on: db)
            return
        }
        for start in stride(from: 0, to: models.count, by: rowsPerStatement) {
            let batch = models[start..<min(start + rowsPerStatement, models.count)]
            let inputs = batch.map { model -> [FieldKey: DatabaseQuery.Value] in
                precondition(model.id != nil && !model._$id.exists, "BulkInsert takes new models with their ids set")
                let input = CollectedInput()
                model.input(to: input)
                return input.values
            }
            // Every model of a type reports the same keys (wantsUnmodifiedKeys), in the order of its properties.
            let columns = inputs[inputs.startIndex].keys.map(\.description).sorted()
            var insert = sql.insert(into: M.schema).columns(columns)
            for input in inputs {
                insert = insert.values(columns.map { expression(input[FieldKey(stringLiteral: $0)] ?? .default) })
            }
            try await insert.run()
        }
        for model in models { model._$id.exists = true }
    }

    /// A field value as Fluent's own SQL converter writes it.
    private static func expression(_ value: DatabaseQuery.Value) -> any SQLExpression {
        switch value {
        case .bind(let encodable):
            if let optional = encodable as? any AnyOptionalType, optional.wrappedValue == nil { return SQLLiteral.null }
            return SQLBind(encodable)
        case .null: return SQLLiteral.null
        case .default: return SQLLiteral.default
        case .enumCase(let name): return SQLLiteral.string(name)
        case .array, .dictionary, .custom:
            // Nested and array fields have no place in the rows written this way (records, filings, history).
            preconditionFailure("BulkInsert writes plain columns only")
        }
    }

    private final class CollectedInput: DatabaseInput {
        var values: [FieldKey: DatabaseQuery.Value] = [:]
        var wantsUnmodifiedKeys: Bool { true }
        func set(_ value: DatabaseQuery.Value, at key: FieldKey) { values[key] = value }
    }
}
