import Fluent
import SQLKit
import Vapor

/// Whose records the current user may see: the one access rule of the site. Made once per request from the
/// user, and applied to approved data — a record's region is where its approved version stands (or, before
/// its first approval, where it was filed), so an unreviewed edit never moves it into another region:
/// - a company sees its own records, and so does its 维保人员 (whose routes reach only the visits and the
///   check-in of the company's elevators);
/// - a regulator sees the records whose region is its region or below;
/// - the system administrator sees everything;
/// - the security and audit administrators see no supervision data at all.
///
/// Every list query goes through `apply` and every point lookup through `contains`; a record outside the
/// scope answers 404, so its existence is not given away. A new kind of record gets its access rule by
/// naming its company and region columns here, nowhere else.
struct AccessScope: Sendable, Equatable {
    enum Reach: Sendable, Equatable {
        case company(UUID)
        case region(RegionScope)
        case everything
        case nothing
    }

    let reach: Reach

    /// The scope of `user`. A regulator whose region is missing from the region tree sees nothing.
    static func of(_ user: CurrentUser?, regions: RegionDirectory) async throws -> AccessScope {
        guard let user else { return AccessScope(reach: .nothing) }
        switch user.role {
        case .company, .worker:
            return AccessScope(reach: user.companyID.map { .company($0) } ?? .nothing)
        case .regulator:
            guard let code = user.regionCode, let scope = try await regions.scope(of: code) else { return AccessScope(reach: .nothing) }
            return AccessScope(reach: .region(scope))
        case .admin:
            return AccessScope(reach: .everything)
        case .security, .auditor:
            return AccessScope(reach: .nothing)
        }
    }

    /// The company whose records these are, for a company's own account.
    var ownCompany: UUID? {
        if case .company(let id) = reach { return id }
        return nil
    }

    /// The supervised region, for a regulator.
    var region: RegionScope? {
        if case .region(let scope) = reach { return scope }
        return nil
    }

    /// Whether the user sees several companies' records: lists then show, and may be searched by, 维保单位.
    var acrossCompanies: Bool {
        switch reach {
        case .region, .everything: true
        case .company, .nothing: false
        }
    }

    /// Whether a record of `company` whose (approved) region is `region` is in the scope.
    func contains(company: UUID, region: String) -> Bool {
        switch reach {
        case .company(let id): id == company
        case .region(let scope): scope.contains(region)
        case .everything: true
        case .nothing: false
        }
    }

    /// Keeps the rows of `query` in the scope, by the rows' company and region columns. `listed`: the query is
    /// a long list read a page at a time in an order (see `filter(listedRegionCode:in:)`). A user who sees
    /// nothing is refused: only a role that works with supervision data reaches a list.
    @discardableResult
    func apply<M: Model>(_ query: QueryBuilder<M>, company: KeyPath<M, FieldProperty<M, UUID>>,
                         region: KeyPath<M, FieldProperty<M, String>>, listed: Bool = false) throws -> QueryBuilder<M> {
        switch reach {
        case .company(let id): query.filter(company == id)
        case .region(let scope): listed ? query.filter(listedRegionCode: region, in: scope) : query.filter(regionCode: region, in: scope)
        case .everything: query
        case .nothing: throw AppError.forbidden
        }
    }

    /// As `apply(_:company:region:listed: true)`, with the region in a column the model does not declare (a
    /// copy kept by the database, such as an elevator's `filing_region_code`: its filing's, approved, region).
    @discardableResult
    func applyListed<M: Model>(_ query: QueryBuilder<M>, company: KeyPath<M, FieldProperty<M, UUID>>,
                               regionColumn: String) throws -> QueryBuilder<M> {
        switch reach {
        case .company(let id): return query.filter(company == id)
        case .region(let scope):
            let column = SQLColumn(SQLIdentifier(regionColumn), table: SQLIdentifier(M.schema))
            return query.filter(.sql(embed: scope.listedCondition(column, on: try query.database.sql())))
        case .everything: return query
        case .nothing: throw AppError.forbidden
        }
    }

    /// Keeps the companies in the scope: a company itself, a regulator's those whose jurisdiction (the
    /// approved region, or the registered one before the first approval) is in its region.
    @discardableResult
    func applyToCompanies(_ query: QueryBuilder<Company>) throws -> QueryBuilder<Company> {
        switch reach {
        case .company(let id): query.filter(\.$id == id)
        case .region(let scope): query.filter(regionCode: \.$jurisdictionCode, in: scope)
        case .everything: query
        case .nothing: throw AppError.forbidden
        }
    }

    /// Whether `company` is in the scope (see `applyToCompanies`).
    func contains(_ company: Company) -> Bool {
        guard let id = company.id else { return false }
        return contains(company: id, region: company.jurisdictionCode)
    }
}

extension Request {
    private struct AccessScopeKey: StorageKey { typealias Value = AccessScope }

    /// The current user's scope, made once per request.
    func accessScope() async throws -> AccessScope {
        if let cached = storage[AccessScopeKey.self] { return cached }
        let scope = try await AccessScope.of(currentUser, regions: RegionDirectory(db: db))
        storage[AccessScopeKey.self] = scope
        return scope
    }
}
