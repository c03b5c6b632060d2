import Vapor

/// The one error page. Known errors show their Chinese message; anything else shows a generic
/// message while the details and the request id go to the log.
struct ErrorPageMiddleware: AsyncMiddleware {
    struct Page: Encodable {
        let systemTitle: String
        let status: UInt
        let title: String
        let message: String
        let requestID: String
        let homeURL: String
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, message) = Self.describe(error)
            if status == .serviceUnavailable {
                // Load shed on purpose: one line, no stack of details.
                request.logger.warning("\(request.method) \(request.url.path) answered 503: busy [request \(request.id)]")
            } else if status.code >= 500 {
                request.logger.error("\(request.method) \(request.url.path) failed [request \(request.id)]: \(String(reflecting: error))")
            }
            let page = Page(systemTitle: request.application.config.systemTitle, status: status.code,
                            title: Self.title(for: status), message: message, requestID: request.id,
                            homeURL: SiteURL.home.path)
            do {
                let response = try await request.view.render("error", page).encodeResponse(for: request)
                response.status = status
                Self.addRetryAfter(to: response)
                return response
            } catch {
                request.logger.error("error page failed to render: \(error)")
                let response = Response(status: status, body: .init(string: message))
                Self.addRetryAfter(to: response)
                return response
            }
        }
    }

    /// A busy server tells browsers and clients when to come back.
    static func addRetryAfter(to response: Response) {
        if response.status == .serviceUnavailable { response.headers.replaceOrAdd(name: .retryAfter, value: "2") }
    }

    static func describe(_ error: any Error) -> (HTTPStatus, String) {
        switch error {
        case let error as AppError:
            return (error.status, error.reason)
        case is ConnectionPoolTimeoutError:
            // A request that waited its turn for a database connection and did not get one in time: the
            // server is busy, the request was not wrong.
            return (AppError.busy.status, AppError.busy.reason)
        case let error as any AbortError where error.status == .notFound:
            return (.notFound, AppError.notFound.reason)
        case let error as any AbortError where error.status == .payloadTooLarge:
            return (.payloadTooLarge, "提交的内容过大。")
        case let error as any AbortError where error.status.code < 500:
            return (error.status, "请求有误：\(error.reason)")
        default:
            return (.internalServerError, "系统内部错误，请稍后重试；如问题持续，请将页面下方的请求编号告知系统管理员。")
        }
    }

    static func title(for status: HTTPStatus) -> String {
        switch status.code {
        case 401: "请先登录"
        case 403: "无权访问"
        case 404: "页面不存在"
        case 429: "请求过于频繁"
        case 503: "系统繁忙"
        case 500...: "系统错误"
        default: "请求有误"
        }
    }
}
