import Foundation
import Validation
import Vapor

/// Removes control and direction-override characters (`TextNormalizer.stripControls`) from every
/// form field and query parameter before any handler reads them, so that no field of any form —
/// names, addresses, certificate numbers, findings, opinions, feedback — can store NUL, ESC or a
/// U+202E that makes a name read differently to the reviewer. Done once here rather than in each
/// form, where a new field could forget it. Imported cells pass the same function in the validators.
struct ControlCharacterFilter: AsyncMiddleware {
    /// The forms' bodies are small; a larger one is left to the route's own limit to refuse.
    let maxFormBytes: Int

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let query = request.url.query, let clean = Self.cleaned(urlEncoded: query) {
            request.url.query = clean
        }
        if request.headers.contentType == .urlEncodedForm {
            let body = try await request.body.collect(max: maxFormBytes).get()
            if let body, let text = body.getString(at: body.readerIndex, length: body.readableBytes),
               let clean = Self.cleaned(urlEncoded: text) {
                try request.content.encode(RawForm(text: clean), using: RawFormEncoder())
            }
        }
        return try await next.respond(to: request)
    }

    /// The form with every name and value cleaned, or nil when nothing needed cleaning (or a pair is
    /// not valid percent-encoding, which the form decoder will refuse on its own).
    static func cleaned(urlEncoded text: String) -> String? {
        var changed = false
        var pairs: [String] = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            var cleanedParts: [String] = []
            for part in parts {
                guard let decoded = part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else { return nil }
                let clean = TextNormalizer.stripControls(decoded)
                if clean != decoded {
                    changed = true
                    cleanedParts.append(clean.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "")
                } else {
                    cleanedParts.append(part)
                }
            }
            pairs.append(cleanedParts.joined(separator: "="))
        }
        return changed ? pairs.joined(separator: "&") : nil
    }

    private static let unreserved: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        set.insert(charactersIn: "-._~")
        return set
    }()
}

/// A form body already encoded, put back as the request's body.
private struct RawForm: Encodable { let text: String }

private struct RawFormEncoder: ContentEncoder {
    func encode<E: Encodable>(_ encodable: E, to body: inout ByteBuffer, headers: inout HTTPHeaders) throws {
        guard let form = encodable as? RawForm else { throw Abort(.internalServerError) }
        body.writeString(form.text)
        headers.contentType = .urlEncodedForm
    }
}
