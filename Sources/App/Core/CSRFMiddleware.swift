import Vapor

/// Refuses every state-changing request that does not carry the session's CSRF token: the form
/// field `_csrf`, the same name in the query string (uploads), or the `X-CSRF-Token` header.
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return try await next.respond(to: request) }
        // Uploads carry the token in their URL, so a large body need not be read before it is checked.
        var sent = (try? request.query.get(String.self, at: Self.fieldName)) ?? request.headers.first(name: "X-CSRF-Token")
        if sent == nil {
            // Group middleware runs before the route collects the body; the token is inside it.
            _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
            sent = try? request.content.get(String.self, at: Self.fieldName)
        }
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
