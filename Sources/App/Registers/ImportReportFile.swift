import Fluent
import Vapor

/// The uploaded sheet sent back with a 错误原因 column, kept for its uploader to download for a day.
final class ImportReportFile: Model, @unchecked Sendable {
    static let schema = "import_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "file_name") var fileName: String
    @Field(key: "data") var data: Data
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
