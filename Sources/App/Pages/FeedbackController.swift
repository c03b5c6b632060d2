import Fluent
import Validation
import Vapor

/// 反馈: a user writes to the system's administrators.
struct FeedbackController {
    struct Input: Content { var body: String? }

    func show(_ req: Request) async throws -> Response {
        try await render(req, body: "", error: nil)
    }

    func submit(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = TextNormalizer.normalize(try req.content.decode(Input.self).body ?? "")
        if body.isEmpty { return try await render(req, body: body, error: "请填写反馈内容", status: .unprocessableEntity) }
        if body.count > 2000 { return try await render(req, body: body, error: "反馈内容不能超过2000字", status: .unprocessableEntity) }
        let row = Feedback()
        row.userID = user.id
        row.username = user.username
        row.body = body
        row.createdAt = req.clock.now()
        try await row.create(on: req.db)
        return req.redirect(to: .home, notice: "感谢您的反馈，系统管理员会尽快处理。")
    }

    private func render(_ req: Request, body: String, error: String?, status: HTTPStatus = .ok) async throws -> Response {
        try await req.render("form-page", FormPage(
            layout: await req.layout("反馈"), heading: "反馈", intro: "使用中遇到问题或有改进建议，请在此告诉我们。",
            fields: [FormField(name: "body", label: "反馈内容", kind: .textarea, value: body, error: error, required: true, maxLength: 2000)],
            action: SiteURL.feedback.path, submitLabel: "提交", backURL: SiteURL.home.path, captchaURL: nil, formError: nil),
            status: status)
    }
}
