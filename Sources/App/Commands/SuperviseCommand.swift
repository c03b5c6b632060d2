import Fluent
import Supervision
import Vapor

/// `liftwatch supervise`: the daily run of the supervision rules (from cron, e.g. at 07:00). It prints the
/// counts of every rule for the whole system and sends each company with something to act on one short
/// message (to its 负责人手机) listing its counts, and naming each certificate that entered a warning step
/// (90/60/30/7 days) since it was last told — at most one a day, however often it runs. The pages compute
/// the same rules on demand.
struct SuperviseCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "quiet", help: "count only; send no messages")
        var quiet: Bool
    }

    var help: String { "Runs the supervision rules for today: prints the counts and reminds each company of its own" }

    /// The rules a company is reminded of.
    static let reminded: [SupervisionRule] = [.overdue, .dueSoon, .inspectionOverdue, .inspectionDueSoon,
                                              .certificateExpired, .certificateExpiring, .qualificationExpired, .qualificationExpiring]

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let report = try await SupervisionRun(db: app.db, day: SupervisionDay(today: app.clock.today(), thresholds: app.config.supervision),
                                              now: app.clock.now(), notifier: signature.quiet ? nil : app.notifier, logger: app.logger).run()
        for line in report { context.console.print(line) }
    }
}

struct SupervisionRun {
    let db: any Database
    let day: SupervisionDay
    let now: Date
    let notifier: (any Notifier)?
    let logger: Logger

    /// The report's lines: one per rule, then the reminders sent.
    func run() async throws -> [String] {
        // Housekeeping of the daily run: attempt counters that ended a day ago count nothing any more.
        try await RateLimiter(db: db, now: now).purgeExpired()
        var lines = ["\(day.today.iso) 监管规则："]
        var counts: [String: Int] = [:]
        for rule in SupervisionRule.allCases {
            let count = try await SupervisionQueries.count(rule, day, SupervisionScope(), on: db)
            counts[rule.rawValue] = count
            lines.append("  \(rule.title)：\(count)")
        }
        guard let notifier else {
            try await SupervisionRunRecord(ranAt: now, day: day.today.iso, counts: counts, reminded: nil).store(on: db)
            return lines
        }
        var sent = 0
        // One reminder per company and day in China, however often the command runs.
        var china = Calendar(identifier: .gregorian)
        china.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let start = china.startOfDay(for: now)
        for company in try await Company.query(on: db).all() {
            guard let id = company.id, !company.managerPhone.isEmpty else { continue }
            let opening = "【电梯维保监管】\(company.name)："
            let already = try await OutboxMessage.query(on: db).filter(\.$recipient == company.managerPhone)
                .filter(\.$createdAt >= start).all().contains { $0.body.hasPrefix(opening) }
            guard !already else { continue }
            var parts: [String] = []
            for rule in SuperviseCommand.reminded {
                let n = try await SupervisionQueries.count(rule, day, SupervisionScope(companyID: id), on: db)
                if n > 0 { parts.append("\(rule.title)\(n)\(rule.subject == .elevator ? "台" : rule.subject == .staff ? "人" : "项")") }
            }
            guard !parts.isEmpty else { continue }
            // Each certificate is named once at each warning step it enters (90, 60, 30, 7 days).
            let news = try await ExpiryNews.of(company: id, day, on: db)
            let body = opening + parts.joined(separator: "，") + "。" + (news.text.map { $0 + "。" } ?? "") + "请登录系统查看待办事项并及时处理。"
            try await db.transaction { db in
                try await notifier.sendText(to: company.managerPhone, body: body, on: db, logger: logger, at: now)
                try await news.markTold(at: now, on: db)
            }
            sent += 1
        }
        lines.append("已提醒\(sent)家维保单位")
        try await SupervisionRunRecord(ranAt: now, day: day.today.iso, counts: counts, reminded: sent).store(on: db)
        return lines
    }
}
