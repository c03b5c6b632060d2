/// An accepted elevator registration code and what looked doubtful about it.
///
/// Warnings do not block saving: old registrations legitimately carry variety or region codes that are not
/// in today's lists (RULES.md), so the user is asked to check them, not forced to change them.
public struct RegistrationCodeCheck: Sendable, Equatable {
    /// The normalised code (digits only).
    public let code: String
    /// Messages in Chinese for the user to review; empty when nothing looked doubtful.
    public let warnings: [String]

    public init(code: String, warnings: [String]) {
        self.code = code
        self.warnings = warnings
    }
}
