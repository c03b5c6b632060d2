import Vapor

/// Headers that tell the browser what a page may do, on every response (pages, files, errors):
/// scripts, styles and images only from this site (no inline script, so an injected `<script>` or
/// `onclick` never runs), no framing by another site (clickjacking), no address leaked to other sites,
/// no content-type guessing, and — served over HTTPS — HTTPS only from then on.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    let secure: Bool

    static let contentSecurityPolicy = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        // The captcha and QR images are served by us; data: for images drawn in the page.
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = Self.headers(secure: secure)
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }

    static func headers(secure: Bool) -> [(String, String)] {
        var headers = [
            ("Content-Security-Policy", contentSecurityPolicy),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("X-Content-Type-Options", "nosniff"),
            ("Permissions-Policy", "camera=(self), geolocation=(self), microphone=()"),
        ]
        if secure { headers.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains")) }
        return headers
    }
}
