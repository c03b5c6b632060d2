import Fluent
import Foundation
import SQLKit
import Supervision

/// Where an approved elevator stands: what 异地签到 is judged against. Taken from the accurate check-ins of
/// its first visit with any, or filed by its company (both unconfirmed), until a regulator confirms it or sets it by hand.
final class ElevatorLocation: Model, @unchecked Sendable {
    static let schema = "elevator_locations"

    @ID(custom: "elevator_filing_id", generatedBy: .user) var id: UUID?
    @Field(key: "latitude") var latitude: Double
    @Field(key: "longitude") var longitude: Double
    @Enum(key: "source") var source: Source
    @Field(key: "confirmed") var confirmed: Bool
    @Field(key: "set_at") var setAt: Date
    @OptionalField(key: "set_by_id") var setByID: UUID?
    @Field(key: "set_by_name") var setByName: String

    init() {}

    enum Source: String, Codable, Sendable {
        case checkIns = "check_ins", regulator, company
        var title: String {
            switch self {
            case .checkIns: "由首次签到位置取得"
            case .regulator: "监管人员确认"
            case .company: "维保单位填报"
            }
        }
    }

    var point: GeoPoint { GeoPoint(latitude: latitude, longitude: longitude) }

    /// What the elevator's page says of it.
    var summary: String {
        String(format: "%.5f, %.5f", latitude, longitude) + "（\(source.title)，"
            + (confirmed ? "\(setByName)，\(DisplayDate.minute(setAt))）" : "待监管人员确认）")
    }

    /// Places an elevator that has no place yet from a visit's check-ins (those within `accuracy` metres).
    static func placeIfUnknown(_ elevator: UUID, from checks: [VisitCheck], accuracy: Double, now: Date, on db: any Database) async throws {
        let points = checks.compactMap { c -> GeoPoint? in
            guard let lat = c.latitude, let lon = c.longitude, let a = c.accuracy, a <= accuracy else { return nil }
            return GeoPoint(latitude: lat, longitude: lon)
        }
        guard let mean = GeoPoint.mean(points) else { return }
        try await db.sql().raw("""
            INSERT INTO elevator_locations (elevator_filing_id, latitude, longitude, source, confirmed, set_at, set_by_id, set_by_name)
            VALUES (\(bind: elevator), \(bind: mean.latitude), \(bind: mean.longitude), 'check_ins', \(bind: false), \(bind: now), NULL, '首次签到')
            ON CONFLICT DO NOTHING
            """).run()
    }

    /// A company's filing of its elevator's place where none is known yet (unconfirmed); false when one is
    /// (from check-ins, an earlier filing or a regulator), also when it came a moment before.
    static func file(_ elevator: UUID, at point: GeoPoint, by user: CurrentUser, now: Date, on db: any Database) async throws -> Bool {
        let inserted = try await db.sql().raw("""
            INSERT INTO elevator_locations (elevator_filing_id, latitude, longitude, source, confirmed, set_at, set_by_id, set_by_name)
            VALUES (\(bind: elevator), \(bind: point.latitude), \(bind: point.longitude), 'company', \(bind: false), \(bind: now),
                    \(bind: user.id), \(bind: user.displayName))
            ON CONFLICT DO NOTHING RETURNING elevator_filing_id
            """).all()
        return !inserted.isEmpty
    }

    /// A regulator's confirmation of the place as shown, or its correction: from then on it is theirs.
    @discardableResult
    static func confirm(_ elevator: UUID, at point: GeoPoint, by user: CurrentUser, now: Date, on db: any Database) async throws -> ElevatorLocation {
        let location = try await find(elevator, on: db) ?? ElevatorLocation()
        location.id = elevator
        location.latitude = point.latitude
        location.longitude = point.longitude
        location.source = .regulator
        location.confirmed = true
        location.setAt = now
        location.setByID = user.id
        location.setByName = user.displayName
        try await location.save(on: db)
        return location
    }
}

extension ElevatorLocation {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $latitude, $longitude, $source, $confirmed, $setAt, $setByID, $setByName] }
}
