import Fluent
import Vapor

/// What the admin reads: the SMS outbox and users' feedback. (The audit log is the audit administrator's:
/// `AuditLogController`.)
struct AdminLogsController {
    struct Page: Encodable {
        let layout: Layout
        let heading: String
        let columns: [String]
        let rows: [[String]]
        let paging: Paging
        let empty: String
    }

    func outbox(_ req: Request) async throws -> Response {
        let (messages, paging) = try await OutboxMessage.query(on: req.db).sort(\.$createdAt, .descending).page(req, per: 50)
        return try await req.render("admin-log", Page(
            layout: await req.layout("短信发件箱"), heading: "短信发件箱", columns: ["时间", "类型", "接收号码", "内容"],
            rows: messages.map { [DisplayDate.minute($0.createdAt), $0.channel == "sms" ? "短信" : $0.channel, $0.recipient, $0.body] },
            paging: paging, empty: "暂无消息"))
    }

    func feedback(_ req: Request) async throws -> Response {
        let (rows, paging) = try await Feedback.query(on: req.db).sort(\.$createdAt, .descending).page(req, per: 50)
        return try await req.render("admin-log", Page(
            layout: await req.layout("用户反馈"), heading: "用户反馈", columns: ["时间", "用户名", "内容"],
            rows: rows.map { [DisplayDate.minute($0.createdAt), $0.username, $0.body] },
            paging: paging, empty: "暂无反馈"))
    }
}
