@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// A minimal browser for HTTP tests: keeps the session cookie, picks up the CSRF token from the
/// last page, and posts forms as a browser does.
final class TestClient: @unchecked Sendable {
    let app: Application
    var cookie: String?
    private(set) var csrf: String?

    init(_ app: Application) { self.app = app }

    struct Page {
        let status: HTTPStatus
        let headers: HTTPHeaders
        let body: String
        /// The body's bytes, for what is not text (a photo).
        var bodyData: [UInt8] = []
        var location: String? { headers.first(name: .location) }
        func contains(_ text: String) -> Bool { body.contains(text) }
    }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await send(.GET, path, body: nil)
    }

    /// Posts a form; the CSRF token of the last page is added unless `csrf` is given (or "" for none).
    @discardableResult
    func post(_ path: String, _ fields: [String: String], csrf override: String? = nil) async throws -> Page {
        var fields = fields
        let token = override ?? csrf ?? ""
        if !token.isEmpty { fields["_csrf"] = token }
        return try await send(.POST, path, body: Self.encode(fields))
    }

    /// Posts a form whose fields repeat (checkboxes such as 维保人员), in the given order.
    @discardableResult
    func post(_ path: String, pairs: [(String, String)]) async throws -> Page {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = (pairs + [("_csrf", csrf ?? "")]).map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return try await send(.POST, path, body: body)
    }

    /// Uploads files as the attachment form does: multipart, with the CSRF token in the URL.
    @discardableResult
    func upload(_ path: String, field: String = "files[]", files: [(name: String, data: [UInt8])],
                fields: [String: String] = [:]) async throws -> Page {
        let boundary = "----LiftWatchTest\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(file.name)\"\r\n")
            body.writeString("Content-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.data)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        let token = (csrf ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        // A form's action that carries its token already (as the page wrote it) is posted as it is.
        return try await send(.POST, path.contains("_csrf=") ? path : path + "?_csrf=" + token, rawBody: body,
                              contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Follows one redirect, as the browser would after a successful form.
    func follow(_ page: Page) async throws -> Page {
        guard let location = page.location else { return page }
        return try await get(location)
    }

    /// Opens the login page, loads the captcha and logs in.
    @discardableResult
    func logIn(_ username: String, _ password: String, captcha: String = TestApp.captcha) async throws -> Page {
        try await get(SiteURL.login.path)
        try await get(SiteURL.captcha.path)
        return try await post(SiteURL.login.path, ["username": username, "password": password, "captcha": captcha])
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?) async throws -> Page {
        try await send(method, path, rawBody: body.map { ByteBuffer(string: $0) },
                       contentType: body == nil ? nil : "application/x-www-form-urlencoded")
    }

    private func send(_ method: HTTPMethod, _ path: String, rawBody: ByteBuffer?, contentType: String?) async throws -> Page {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: "liftwatch_session=\(cookie)") }
        if let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: rawBody)
        if let setCookie = response.headers[.setCookie].first(where: { $0.hasPrefix("liftwatch_session=") }) {
            let value = setCookie.dropFirst("liftwatch_session=".count).prefix { $0 != ";" }
            cookie = value.isEmpty ? nil : String(value)
        }
        let text = response.body.getString(at: response.body.readerIndex, length: response.body.readableBytes) ?? ""
        if let token = Self.csrfToken(in: text) { csrf = token }
        return Page(status: response.status, headers: response.headers, body: text,
                    bodyData: response.body.getBytes(at: response.body.readerIndex, length: response.body.readableBytes) ?? [])
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        let rest = html[range.upperBound...]
        return String(rest.prefix { $0 != "\"" }).replacingOccurrences(of: "&#43;", with: "+")
            .replacingOccurrences(of: "&#x2F;", with: "/").replacingOccurrences(of: "&#x3D;", with: "=")
            .replacingOccurrences(of: "&#61;", with: "=").replacingOccurrences(of: "&#47;", with: "/")
    }

    static func encode(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }.map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }
}
