import Vapor

/// The one error type of the application. Each case carries the Chinese message the user sees;
/// the error page middleware renders it.
public enum AppError: AbortError, Equatable {
    case notFound
    case forbidden
    case notLoggedIn
    case csrfFailed
    case badRequest(String)
    case conflict(String)
    case tooManyRequests(String)
    /// Something that existed and no longer does (a rotated QR code): 404, with what to do instead.
    case gone(String)
    /// The server has more requests in hand than it can answer in time (503 with Retry-After).
    case busy

    public var status: HTTPResponseStatus {
        switch self {
        case .notFound, .gone: .notFound
        case .forbidden: .forbidden
        case .notLoggedIn: .unauthorized
        case .csrfFailed: .forbidden
        case .badRequest: .badRequest
        case .conflict: .conflict
        case .tooManyRequests: .tooManyRequests
        case .busy: .serviceUnavailable
        }
    }

    public var reason: String {
        switch self {
        case .notFound: "您访问的页面或数据不存在。"
        case .forbidden: "您没有权限访问该页面或数据。"
        case .notLoggedIn: "请先登录。"
        case .csrfFailed: "页面已过期或来源不明，请刷新页面后重试。"
        case .badRequest(let message), .conflict(let message), .tooManyRequests(let message), .gone(let message): message
        case .busy: "系统繁忙，请稍后重试。"
        }
    }
}
