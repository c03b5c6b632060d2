@testable import App
import Fluent
import Foundation
import Testing

/// Every model lists its Fluent properties by hand (`var properties`), so that Fluent does not find them by
/// reflection on each read and write. A property declared but left out of the list would silently never be
/// written or read: here each list is held, wrapper for wrapper and in order, to what reflection finds, and
/// every model in the sources is held to be in this table.
@Suite("Models list their properties as declared")
struct ListedPropertiesTests {
    static let models: [any Fields.Type] = [
        AuditEntry.self, OutboxMessage.self, PasswordResetCode.self, RecoveryCode.self, PasswordHistoryEntry.self,
        User.self, ArchivedElevator.self, ArchivedStaff.self, ArchivedCompany.self, Attachment.self,
        StoredBlob.self, Company.self, DictionaryEntry.self, Elevator.self, Filing.self, FilingCount.self,
        FilingEvent.self, FilingVersion.self, InspectionRecord.self, MaintenanceItem.self, MaintenanceRecord.self,
        MaintenanceWorkerLink.self, Feedback.self, PublicLookup.self, Region.self, ImportReportFile.self,
        StoredSession.self, StaffMember.self, ElevatorUpkeep.self, ExpiryReminder.self,
        MaintenanceIntervalChange.self, VisitMonth.self, SiteVisit.self, VisitCheck.self, VisitPhoto.self, VisitConfirmation.self, ElevatorSafetyCode.self, ElevatorLocation.self, RecordFlag.self,
    ]

    static func reflected(_ fields: any Fields) -> [ObjectIdentifier] {
        Mirror(reflecting: fields).children.compactMap { child in
            (child.value as? any AnyProperty).map { ObjectIdentifier($0 as AnyObject) }
        }
    }

    @Test("each list is the declared property wrappers, in order", arguments: models.map { ModelType($0) })
    func listMatchesDeclarations(_ model: ModelType) {
        let instance = model.type.init()
        let listed = instance.properties.map { ObjectIdentifier($0 as AnyObject) }
        let declared = Self.reflected(instance)
        #expect(!declared.isEmpty)
        #expect(listed == declared, "\(model): \(listed.count) listed, \(declared.count) declared")
    }

    @Test("every model class in the sources is in the table")
    func everyModelChecked() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/App").standardizedFileURL
        let declaration = /^final class (\w+): (Model|RegisterRecord|ArchivedRecord)\b/
            .anchorsMatchLineEndings()
        var found: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            for match in try String(contentsOf: file, encoding: .utf8).matches(of: declaration) {
                found.insert(String(match.1))
            }
        }
        let listed = Set(Self.models.map { String(describing: $0) })
        #expect(found.count >= 30)
        #expect(found.subtracting(listed).isEmpty, "models not in the table: \(found.subtracting(listed).sorted())")
    }
}

/// A model type as a test argument (Swift Testing names each case by its description).
struct ModelType: CustomStringConvertible, Sendable {
    let type: any Fields.Type
    init(_ type: any Fields.Type) { self.type = type }
    var description: String { String(describing: type) }
}
