import Fluent
import Vapor

/// A company's information with everything its pages need: the working record, its filing, its
/// attachments and its region's name.
struct CompanyFiling {
    let company: Company
    let filing: Filing
    let attachments: [Attachment]
    let regionName: String

    var snapshot: FilingSnapshot { company.snapshot(regionName: regionName, attachments: attachments) }

    static func load(companyID: UUID, on db: any Database) async throws -> CompanyFiling {
        guard let company = try await Company.find(companyID, on: db),
              let filing = try await Filing.query(on: db).filter(\.$kind == .company).filter(\.$recordID == companyID).first()
        else { throw AppError.notFound }
        let attachments = try await Attachment.query(on: db).filter(\.$filingID == filing.requireID())
            .filter(\.$removedAt == nil).sort(\.$uploadedAt).all()
        let regionName = try await RegionDirectory(db: db).find(company.regionCode)?.fullName ?? company.regionCode
        return CompanyFiling(company: company, filing: filing, attachments: attachments, regionName: regionName)
    }

    /// The logged-in company's own information.
    static func own(_ req: Request) async throws -> CompanyFiling {
        guard let id = try req.requireUser().companyID else { throw AppError.forbidden }
        return try await load(companyID: id, on: req.db)
    }
}
