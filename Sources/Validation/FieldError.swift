/// A validation failure with a message meant to be shown to the user as is (Simplified Chinese).
///
/// Validators return `Result<_, FieldError>` rather than throwing so that a form or an import can collect
/// every field's message at once instead of stopping at the first.
public struct FieldError: Error, Equatable, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }
}
