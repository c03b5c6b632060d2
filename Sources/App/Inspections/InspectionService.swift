import Fluent
import Validation
import Vapor

/// Records an inspection result of an approved elevator: the inspection record, a new approved version with
/// the new 检验日期 and 下次检验日期 (its history entry written by `FilingService`), and the company's working
/// record's dates, all in one transaction.
struct InspectionService {
    let db: any Database
    let now: Date
    let actor: FilingActor
    /// The recorder's name as the inspection record keeps it.
    let recorderName: String

    struct Result {
        let inspected: CivilDate
        let conclusion: InspectionConclusion
        let body: String
        let next: CivilDate
        let remarks: String
    }

    /// Throws `FilingRefusal` when the elevator's filing does not allow it (a change waiting for review).
    func record(_ result: Result, of filing: Filing, elevator: ArchivedElevator) async throws {
        guard let approved = try await filing.archivedSnapshot(on: db), let actorID = actor.id else { throw AppError.notFound }
        var snapshot = approved
        snapshot.fields = snapshot.fields.map { f in
            switch f.key {
            case "inspection_date": .init(key: f.key, label: f.label, value: result.inspected.iso)
            case "next_inspection_date": .init(key: f.key, label: f.label, value: result.next.iso)
            default: f
            }
        }
        let record = InspectionRecord()
        record.elevatorFilingID = try filing.requireID()
        record.companyID = filing.companyID
        record.regionCode = elevator.regionCode
        record.registrationCode = elevator.registrationCode
        record.inspectionDate = result.inspected.iso
        record.conclusion = result.conclusion.rawValue
        record.inspectionBody = result.body
        record.nextInspectionDate = result.next.iso
        record.remarks = result.remarks
        record.recordedAt = now
        record.recordedByID = actorID
        record.recordedByName = recorderName
        let oldDates = (approved.value("inspection_date") ?? "", approved.value("next_inspection_date") ?? "")
        let recordID = filing.recordID
        let opinion = "检验结论：\(result.conclusion.rawValue)（\(result.body)，检验日期\(result.inspected.iso)）"
            + (result.remarks.isEmpty ? "" : "。\(result.remarks)")
        try await FilingService(db: db, now: now, actor: actor)
            .recordInspection(filing, expectedRevision: filing.revision, opinion: opinion, snapshot: snapshot) { db in
                try await record.create(on: db)
                // The company's working record follows, unless its clerk has changed those dates in a draft:
                // then the draft's dates go to review as they are, and the reviewer sees them against these.
                if let working = try await Elevator.find(recordID, on: db),
                   (working.inspectionDate, working.nextInspectionDate) == oldDates {
                    working.inspectionDate = result.inspected.iso
                    working.nextInspectionDate = result.next.iso
                    try await working.update(on: db)
                }
            }
    }
}
