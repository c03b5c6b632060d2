import Leaf
import Vapor

extension Request {
    /// Renders a page template as HTML with the given status (422 for a form sent back with errors).
    func render(_ template: String, _ context: some Encodable, status: HTTPStatus = .ok) async throws -> Response {
        let view = try await self.view.render(template, context)
        let response = try await view.encodeResponse(for: self)
        response.status = status
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func redirect(to url: SiteURL, notice: String? = nil, kind: FlashMessage.Kind = .success) -> Response {
        if let notice { flash(notice, kind: kind) }
        return redirect(to: url.path)
    }

    /// A one-time message shown at the top of the next page.
    func flash(_ message: String, kind: FlashMessage.Kind = .success) {
        session.data["flash"] = "\(kind.rawValue)|\(message)"
    }

    func takeFlash() -> FlashMessage? {
        guard hasSession, let raw = session.data["flash"], let bar = raw.firstIndex(of: "|") else { return nil }
        session.data["flash"] = nil
        return FlashMessage(kind: FlashMessage.Kind(rawValue: String(raw[..<bar])) ?? .success,
                            message: String(raw[raw.index(after: bar)...]))
    }
}

struct FlashMessage: Encodable {
    enum Kind: String, Encodable { case success, error, info }
    let kind: Kind
    let message: String
}
