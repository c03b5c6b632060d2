import Vapor

/// Headers that tell the browser what a page may do: on pages (HTML, error pages too), scripts, styles
/// and images only from this site (no inline script, so an injected `<script>` or `onclick` never
/// runs); on every response, no framing by another site (clickjacking; the review page frames its own
/// PDF attachments), no address leaked to other sites, no content-type guessing, and — served over
/// HTTPS — HTTPS only from then on. Files get no page policy: Chromium's PDF viewer must stay allowed.
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
        "frame-ancestors 'self'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        for (name, value) in Self.headers(secure: secure) { response.headers.replaceOrAdd(name: name, value: value) }
        if response.headers.contentType?.subType == "html" {
            response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        }
        return response
    }

    static func headers(secure: Bool) -> [(String, String)] {
        var headers = [
            ("X-Frame-Options", "SAMEORIGIN"),
            ("Referrer-Policy", "same-origin"),
            ("X-Content-Type-Options", "nosniff"),
            ("Permissions-Policy", "camera=(self), geolocation=(self), microphone=()"),
        ]
        if secure { headers.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains")) }
        return headers
    }
}
