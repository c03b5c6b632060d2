import Fluent
import SitePhoto
import Vapor

/// 使用单位确认 on the worker's phone: 获取验证码 for the confirmer's mobile, then 确认 with the signature (and
/// the code); whoever sees the visit sees the signature.
struct VisitConfirmationController {
    func sendCode(_ req: Request) async throws -> Response {
        let visit = try await VisitsController.visibleVisit(req)
        let input = try req.content.decode(VisitConfirmationService.Input.self)
        do {
            switch try await service(req).sendCode(input, for: visit) {
            case .success(let masked):
                return req.redirect(to: .visit(visit.id), notice: "验证码已发送至\(masked)，请确认人告知后填入")
            case .failure(let errors):
                return try await VisitsController().render(req, visit, confirmation: .init(input: input, errors: errors), status: .unprocessableEntity)
            }
        } catch let refusal as VisitConfirmationService.Refusal {
            return try await VisitsController().render(req, visit, confirmation: .init(input: input, errors: FieldErrors(), notice: refusal.message),
                                                       status: .unprocessableEntity)
        }
    }

    func confirm(_ req: Request) async throws -> Response {
        let visit = try await VisitsController.visibleVisit(req)
        let input = try req.content.decode(VisitConfirmationService.Input.self)
        do {
            switch try await service(req).confirm(input, for: visit) {
            case .success(let row):
                return req.redirect(to: .visit(visit.id),
                                    notice: "使用单位已确认" + (row.codeVerifiedAt != nil ? "（短信验证码已验证）。" : "（未短信验证）。"))
            case .failure(let errors):
                return try await VisitsController().render(req, visit, confirmation: .init(input: input, errors: errors), status: .unprocessableEntity)
            }
        } catch let refusal as VisitConfirmationService.Refusal {
            return req.redirect(to: .visit(visit.id), notice: refusal.message, kind: .error)
        }
    }

    /// The signature's PNG, for those who may see the visit.
    func signature(_ req: Request) async throws -> Response {
        let visit = try await VisitsController.visibleVisit(req)
        guard let row = try await VisitConfirmation.find(visit.requireID(), on: req.db), row.isSigned,
              let data = try await req.application.fileStorage.get(sha256: row.signatureSHA256, on: req.db) else { throw AppError.notFound }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "image/png")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=86400")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    private func service(_ req: Request) throws -> VisitConfirmationService {
        VisitConfirmationService(db: req.db, storage: req.application.fileStorage, notifier: req.application.notifier,
                                 logger: req.logger, now: req.clock.now(), user: try req.requireUser())
    }
}
