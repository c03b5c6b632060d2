import Fluent
import Vapor

/// Serves attachment files, only to those who may see the record they belong to.
struct FileController {
    func download(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self),
              let attachment = try await Attachment.find(id, on: req.db) else { throw AppError.notFound }
        _ = try await req.visibleFiling(attachment.filingID)
        guard let data = try await req.application.fileStorage.get(sha256: attachment.sha256, on: req.db) else {
            req.logger.error("attachment \(id) has no stored file \(attachment.sha256)")
            throw AppError.notFound
        }
        let inline = (try? req.query.get(Bool.self, at: "inline")) ?? false
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: attachment.contentType)
        let encoded = attachment.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        headers.replaceOrAdd(name: .contentDisposition, value: "\(inline ? "inline" : "attachment"); filename*=UTF-8''\(encoded)")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
