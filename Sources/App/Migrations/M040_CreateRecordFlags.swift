import Fluent
import SQLKit

/// `record_flags`: the proof-of-visit flags each maintenance record in force carries (无签到, 单人作业, 异地签到,
/// 时长不足, 超24小时上传), kept in the transactions that change its evidence, with the company's explanation
/// and the regulator's acceptance; what 监管看板 counts and lists.
struct M040_CreateRecordFlags: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("record_flags")
            .id()
            .field("record_id", .uuid, .required)
            .field("flag", .string, .required)
            .field("company_id", .uuid, .required)
            .field("region_code", .string, .required)
            .field("work_date", .string, .required)
            .field("detail", .string, .required)
            .field("raised_at", .datetime, .required)
            .field("explanation", .string, .required)
            .field("explained_at", .datetime)
            .field("accepted_at", .datetime)
            .field("accepted_by_name", .string, .required)
            .unique(on: "record_id", "flag")
            .create()
        // A card's count and its list, newest first: one flag, the window's dates, then the scope (covering).
        try await database.createIndex("record_flags_region", on: "record_flags", columns: ["flag", "work_date", "region_code", "accepted_at"])
        try await database.createIndex("record_flags_company", on: "record_flags", columns: ["flag", "company_id", "work_date", "accepted_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("record_flags").delete()
    }
}
