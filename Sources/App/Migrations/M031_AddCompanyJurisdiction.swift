import Fluent
import SQLKit

/// `companies.jurisdiction_code`: the region whose regulators supervise the company — the region it
/// registered in until a regulator approves its information, then the approved region. A company's own
/// edit of its 行政区划 changes `region_code` (the working copy) only, never whom it answers to.
/// Filled from the approved version where there is one, else from the registered region.
struct M031_AddCompanyJurisdiction: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("ALTER TABLE companies ADD COLUMN jurisdiction_code VARCHAR(12) NOT NULL DEFAULT ''").run()
        try await sql.raw("""
            UPDATE companies SET jurisdiction_code = COALESCE(
                (SELECT a.region_code FROM archived_companies a JOIN filings f ON f.id = a.filing_id
                 WHERE f.kind = 'company' AND f.record_id = companies.id),
                companies.region_code)
            """).run()
        try await sql.raw("CREATE INDEX companies_jurisdiction_code ON companies (jurisdiction_code)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("DROP INDEX companies_jurisdiction_code").run()
        try await sql.raw("ALTER TABLE companies DROP COLUMN jurisdiction_code").run()
    }
}
