import Vapor

/// Refuses every state-changing request that does not carry the session's CSRF token, either as
/// the form field `_csrf` or the `X-CSRF-Token` header (for the few script-sent requests).
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return try await next.respond(to: request) }
        // Group middleware runs before the route collects the body; the token is inside it.
        _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
        let sent = request.headers.first(name: "X-CSRF-Token")
            ?? (try? request.content.get(String.self, at: Self.fieldName))
        guard let expected = request.hasSession ? request.session.data["csrf"] : nil,
              let sent, Self.constantTimeEqual(sent, expected) else {
            request.logger.warning("CSRF token missing or wrong for \(request.method) \(request.url.path)")
            throw AppError.csrfFailed
        }
        return try await next.respond(to: request)
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    /// The session's CSRF token, created on first use.
    var csrfToken: String {
        if let token = session.data["csrf"] { return token }
        let token = [UInt8].random(count: 24).base64
        session.data["csrf"] = token
        return token
    }
}
