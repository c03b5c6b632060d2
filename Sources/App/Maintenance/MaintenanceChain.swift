import Crypto
import Foundation
import Supervision

/// The hash chain over each company's maintenance records: a record's hash covers its content and the
/// hash of the company's record before it, so changing, inserting or removing a stored record breaks
/// every hash after it.
enum MaintenanceChain {
    static let scheme = "liftwatch/maintenance-record/1"
    /// A record filed from a 现场作业 visit: the first layout and the visit's evidence digest.
    static let schemeWithEvidence = "liftwatch/maintenance-record/2"

    /// The hash the record should carry, from its stored values. Records without a visit's evidence keep
    /// the first layout, so every hash stored before the evidence existed still verifies.
    static func hash(of r: MaintenanceRecord) -> String {
        var t = RecordDigestText(scheme: r.evidenceDigest.isEmpty ? scheme : schemeWithEvidence, previousHash: r.previousHash)
        t.add("id", r.id?.uuidString ?? "")
        t.add("sequence", r.sequence)
        t.add("company_id", r.companyID.uuidString)
        t.add("elevator_filing_id", r.elevatorFilingID.uuidString)
        t.add("registration_code", r.registrationCode)
        t.add("equipment_name", r.equipmentName)
        t.add("user_unit", r.userUnit)
        t.add("region_code", r.regionCode)
        t.add("elevator_kind", r.elevatorKind)
        t.add("work_date", r.workDate)
        t.add("level", r.level)
        t.add("items", r.items)
        t.add("workers", r.workers)
        t.add("findings", r.findings)
        t.add("confirmer_name", r.confirmerName)
        t.add("confirmer_phone", r.confirmerPhone)
        t.add("amends_id", r.amendsID?.uuidString ?? "")
        t.add("amendment_reason", r.amendmentReason)
        t.add("filed_at", Int(r.filedAt.timeIntervalSince1970))
        t.add("filed_by_id", r.filedByID.uuidString)
        t.add("filed_by_name", r.filedByName)
        if !r.evidenceDigest.isEmpty { t.add("evidence_digest", r.evidenceDigest) }
        return SHA256.hash(data: Data(t.text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// What is wrong with one company's chain, given its records in `sequence` order: gaps, a link to the
    /// wrong predecessor, or content that no longer matches its hash.
    static func problems(in records: [MaintenanceRecord]) -> [String] {
        var walk = ChainWalk()
        var problems: [String] = []
        for r in records {
            let name = "第\(r.sequence)条（\(r.registrationCode) \(r.workDate)，id \(r.id?.uuidString ?? "?")）"
            for problem in walk.check(sequence: r.sequence, previousHash: r.previousHash, hash: r.hash, recomputedHash: hash(of: r)) {
                switch problem {
                case .missingBefore(let expected): problems.append("\(name)：序号应为\(expected)，前面的记录缺失")
                case .brokenLink: problems.append("\(name)：与前一条记录的哈希不衔接")
                case .altered: problems.append("\(name)：内容与哈希不符，记录在填报后被改动")
                }
            }
        }
        return problems
    }
}
