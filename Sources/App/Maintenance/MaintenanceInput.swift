import Foundation
import Supervision
import Validation

/// The maintenance form as the user filled it in, kept as typed so that a refused form comes back intact.
struct MaintenanceInput: Sendable {
    var elevatorCode = ""
    var workDate = ""
    var level = ""
    /// Staff filing ids of the chosen workers, as sent.
    var workers: [String] = []
    /// Results by item key (`MaintenanceInput.key(level:seq:)`).
    var results: [String: String] = [:]
    var findings = ""
    var confirmerName = ""
    var confirmerPhone = ""
    var amendmentReason = ""

    static func key(level: String, seq: Int) -> String { "item_\(MaintenanceLevel(rawValue: level)?.rank ?? 0)_\(seq)" }

    init() {}

    /// From a posted form: `workers` repeated, one `item_<level>_<seq>` per item.
    init(form: [String: [String]]) {
        func one(_ name: String) -> String { form[name]?.first ?? "" }
        elevatorCode = one("registration_code"); workDate = one("work_date"); level = one("level")
        workers = (form["workers"] ?? []).filter { !$0.isEmpty }
        for (name, values) in form where name.hasPrefix("item_") { results[name] = values.first ?? "" }
        findings = one("findings"); confirmerName = one("confirmer_name"); confirmerPhone = one("confirmer_phone")
        amendmentReason = one("amendment_reason")
    }

    /// A form sent by GET (载入维保项目) over `defaults`: the fields it carries replace theirs.
    init(form: [String: [String]], keepingDefaults defaults: MaintenanceInput) {
        self = defaults
        let sent = MaintenanceInput(form: form)
        if form["registration_code"] != nil { elevatorCode = sent.elevatorCode }
        if form["work_date"] != nil { workDate = sent.workDate }
        if form["level"] != nil { level = sent.level }
        if form["workers"] != nil { workers = sent.workers }
        results.merge(sent.results) { _, new in new }
        if form["findings"] != nil { findings = sent.findings }
        if form["confirmer_name"] != nil { confirmerName = sent.confirmerName }
        if form["confirmer_phone"] != nil { confirmerPhone = sent.confirmerPhone }
        if form["amendment_reason"] != nil { amendmentReason = sent.amendmentReason }
    }

    /// A correction starts from the record it corrects.
    init(record: MaintenanceRecord) {
        elevatorCode = record.registrationCode; workDate = record.workDate; level = record.level
        workers = record.workerList.map(\.staffFilingID.uuidString)
        for item in record.itemList { results[Self.key(level: item.level, seq: item.seq)] = item.result }
        findings = record.findings; confirmerName = record.confirmerName; confirmerPhone = record.confirmerPhone
    }
}

extension MaintenanceRecord {
    var itemList: [MaintenanceRecordItem] { (try? JSONDecoder().decode([MaintenanceRecordItem].self, from: Data(items.utf8))) ?? [] }
    var workerList: [MaintenanceRecordWorker] { (try? JSONDecoder().decode([MaintenanceRecordWorker].self, from: Data(workers.utf8))) ?? [] }
}
