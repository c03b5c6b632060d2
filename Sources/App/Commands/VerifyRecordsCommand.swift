import Fluent
import Vapor

/// `liftwatch verify-records`: recomputes every company's chain of maintenance records and the audit log's
/// chain, and reports any record or entry changed, inserted or removed after it was written (and worker
/// links that no longer match their record). Exits 1 when anything is wrong, so that it can run from cron
/// and alert.
struct VerifyRecordsCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Checks the hash chains of the maintenance records and the audit log; exits 1 if anything was changed after it was written" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let maintenance = try await MaintenanceVerification.run(on: db)
        let audit = try await AuditVerification.run(on: db)
        var problems = 0
        for (summary, found) in [(maintenance.summary, maintenance.problems), (audit.summary, audit.problems)] {
            context.console.print(summary)
            for problem in found { context.console.error(problem) }
            problems += found.count
        }
        if problems > 0 { throw AppError.conflict("\(problems) problem(s) found") }
    }
}

enum MaintenanceVerification {
    struct Report {
        var records = 0
        var companies = 0
        var problems: [String] = []
        var summary: String {
            problems.isEmpty
                ? "已校验\(companies)家单位的\(records)条维保记录：全部一致"
                : "已校验\(companies)家单位的\(records)条维保记录：发现\(problems.count)处问题"
        }
    }

    /// One company's chain at a time, so that memory holds one chain, not the whole table.
    static func run(on db: any Database) async throws -> Report {
        var report = Report()
        let companies = Set(try await MaintenanceRecord.query(on: db).field(\.$companyID).unique().all(\.$companyID))
        for company in companies.sorted(by: { $0.uuidString < $1.uuidString }) {
            let name = try await Company.find(company, on: db)?.name ?? company.uuidString
            let records = try await MaintenanceRecord.query(on: db).filter(\.$companyID == company).sort(\.$sequence).all()
            report.companies += 1
            report.records += records.count
            report.problems += MaintenanceChain.problems(in: records).map { "\(name)：\($0)" }
            var links: [UUID: Set<UUID>] = [:]
            for link in try await MaintenanceWorkerLink.query(on: db).filter(\.$companyID == company).all() {
                links[link.recordID, default: []].insert(link.staffFilingID)
            }
            for r in records where links[r.id ?? UUID()] ?? [] != Set(r.workerList.map(\.staffFilingID)) {
                report.problems.append("\(name)：第\(r.sequence)条的维保人员索引与记录不符")
            }
            // The visit's check-ins and photos as they were when the record was filed.
            for r in records where !r.evidenceDigest.isEmpty {
                var digest: String?
                if let visit = try await VisitFlags.visit(of: r, on: db) { digest = try await VisitEvidenceDigest.of(visit: visit.requireID(), on: db) }
                if digest != r.evidenceDigest {
                    report.problems.append("\(name)：第\(r.sequence)条的现场证据（签到、照片）与填报时不符")
                }
            }
        }
        return report
    }
}
