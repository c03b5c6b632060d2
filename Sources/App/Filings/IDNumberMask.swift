import Validation
import Vapor

/// The one rule for showing a 身份证号, applied wherever one is shown (lists, 查看, 历史, review pages,
/// exports): in full to regulators, who check the person, and to the person's own company (the only
/// company that can open the record); masked (410412********0213) to everyone else, administrators
/// included — running the system is not a reason to read citizens' ID numbers.
struct IDNumberMask: Sendable {
    let showsFull: Bool

    init(role: UserRole?) {
        switch role {
        case .company?, .regulator?: showsFull = true
        case .worker?, .admin?, .security?, .auditor?, nil: showsFull = false
        }
    }

    static let fieldKey = "id_number"

    func number(_ number: String) -> String {
        showsFull || number.isEmpty ? number : ResidentIDNumber.mask(number)
    }

    func fields(_ fields: [FilingSnapshot.Field]) -> [FilingSnapshot.Field] {
        guard !showsFull else { return fields }
        return fields.map { $0.key == Self.fieldKey ? .init(key: $0.key, label: $0.label, value: number($0.value)) : $0 }
    }

    func snapshot(_ snapshot: FilingSnapshot) -> FilingSnapshot {
        FilingSnapshot(fields: fields(snapshot.fields), attachments: snapshot.attachments)
    }

    func changes(_ changes: [FilingSnapshot.Change]) -> [FilingSnapshot.Change] {
        guard !showsFull else { return changes }
        return changes.map {
            $0.key == Self.fieldKey ? .init(key: $0.key, label: $0.label, old: number($0.old), new: number($0.new)) : $0
        }
    }
}

extension Request {
    var idNumberMask: IDNumberMask { IDNumberMask(role: currentUser?.role) }
}
