import Fluent
import Validation
import Vapor

/// The steps of `liftwatch demo`, each taken through the service a person's click would call — 企业注册,
/// 维保信息上报, the registers, 审核上报, a regulator's 通过 and 驳回 — so that statuses, history, archived
/// versions and the archive tables are what real use leaves. Every step happens at a time of the demo's
/// story (`time`), so that history reads as days of work rather than one instant.
struct DemoLoader {
    let app: Application
    /// The demo's one transaction: a failure leaves the database as empty as it was.
    let db: any Database
    let today: CivilDate
    /// Day 0 of the story, 00:00 in China: ten days ago, so that every step lies in the past.
    let start: Date
    private(set) var regulators: [Regulator] = []

    init(app: Application, db: any Database) {
        self.app = app
        self.db = db
        today = app.clock.today()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = chinaTimeZone
        start = calendar.date(byAdding: .day, value: -10, to: calendar.startOfDay(for: app.clock.now()))!
    }

    /// A moment of the story: `day` days after day 0, at `hour`:`minute` China time.
    func time(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        start.addingTimeInterval(TimeInterval(((day * 24 + hour) * 60 + minute) * 60))
    }

    struct Regulator {
        let user: User
        let scope: RegionScope
        var actor: FilingActor { user.filingActor }
    }

    struct CompanyAccount {
        let company: Company
        let user: User
        var actor: FilingActor { user.filingActor }
        var companyID: UUID { company.id! }
    }

    /// A record on a register with its filing, which every transition keeps up to date.
    struct Filed<R: RegisterRecord> {
        let record: R
        let filing: Filing
    }

    // MARK: Accounts

    mutating func addRegulator(_ username: String, name: String, region: String, password: String, at: Date) async throws -> User {
        let service = AccountService(db: db, hasher: app.password, now: at, address: "liftwatch demo", actorID: nil)
        let user: User
        switch try await service.create(.init(username: username, displayName: name, role: .regulator, regionCode: region, password: password)) {
        case .success(let created): user = created
        case .failure(let errors): throw DemoFailure("监管人员 \(username): \(errors.describe())")
        }
        guard let scope = try await RegionDirectory(db: db).scope(of: region) else { throw DemoFailure("行政区划 \(region) 不存在") }
        regulators.append(Regulator(user: user, scope: scope))
        return user
    }

    /// 企业注册 (manual 1.1).
    func register(_ input: CompanyRegistrationInput, at: Date) async throws -> CompanyAccount {
        let service = CompanyRegistrationService(db: db, passwordHasher: app.password, now: at)
        switch try await service.register(input) {
        case .success(let registered): return CompanyAccount(company: registered.company, user: registered.user)
        case .failure(let errors): throw DemoFailure("企业注册 \(input.name): \(errors.describe())")
        }
    }

    /// 维保信息上报 (manual 2.1): the edit form saved, the certificates uploaded, then 审核上报 — as
    /// `CompanyFilingController` does them.
    func fileInformation(_ account: CompanyAccount, _ info: CompanyInfoInput, documents: [AttachmentService.Upload],
                         at: Date) async throws -> Filing {
        let record = try await CompanyFiling.load(companyID: account.companyID, on: db)
        let before = record.snapshot
        let company: Company
        switch try await CompanyInfoValidator(db: db, today: today).validate(info, for: record.company) {
        case .success(let valid): company = valid
        case .failure(let errors): throw DemoFailure("维保信息 \(info.name): \(errors.describe())")
        }
        let regionName = try await RegionDirectory(db: db).find(company.regionCode)?.fullName ?? company.regionCode
        let after = company.snapshot(regionName: regionName, attachments: record.attachments)
        let edit = filings(account.actor, at)
        try await db.transaction { db in
            try await company.update(on: db)
            try await edit.recordEdit(record.filing, subject: company.name, regionCode: company.jurisdictionCode,
                                      before: before, after: after, on: db)
        }

        let uploads = AttachmentService(db: db, storage: app.fileStorage, maxBytes: app.config.uploadMaxBytes,
                                        filings: filings(account.actor, at.addingTimeInterval(5 * 60)))
        let edited = try await CompanyFiling.load(companyID: account.companyID, on: db)
        if case .failure(let refused) = try await uploads.add(documents, to: edited, uploadedBy: account.actor.name) {
            throw DemoFailure("附件: " + refused.problems.joined(separator: "；"))
        }

        let filed = try await CompanyFiling.load(companyID: account.companyID, on: db)
        try await filings(account.actor, at.addingTimeInterval(10 * 60)).submit(
            filed.filing, snapshot: filed.snapshot,
            problems: filed.company.submissionProblems(attachmentCount: filed.attachments.count))
        return filed.filing
    }

    // MARK: The registers (manual 2.2, 2.3)

    func addStaff(_ input: StaffInput, by account: CompanyAccount, at: Date) async throws -> Filed<StaffMember> {
        let valid = try await checkStaff(input, account, existingID: nil)
        let record = try await RegisterService<StaffMember>(db: db, filings: filings(account.actor, at), company: account.company)
            .create(valid)
        return Filed(record: record, filing: try await filing(of: record))
    }

    func editStaff(_ filed: Filed<StaffMember>, _ input: StaffInput, by account: CompanyAccount, at: Date) async throws {
        let valid = try await checkStaff(input, account, existingID: filed.record.id)
        try await RegisterService<StaffMember>(db: db, filings: filings(account.actor, at), company: account.company)
            .update(filed.record, filing: filed.filing, with: valid)
    }

    func addElevator(_ input: ElevatorInput, by account: CompanyAccount, at: Date) async throws -> Filed<Elevator> {
        let valid = try await checkElevator(input, account, existingID: nil)
        let record = try await RegisterService<Elevator>(db: db, filings: filings(account.actor, at), company: account.company)
            .create(valid)
        return Filed(record: record, filing: try await filing(of: record))
    }

    func editElevator(_ filed: Filed<Elevator>, _ input: ElevatorInput, by account: CompanyAccount, at: Date) async throws {
        let valid = try await checkElevator(input, account, existingID: filed.record.id)
        try await RegisterService<Elevator>(db: db, filings: filings(account.actor, at), company: account.company)
            .update(filed.record, filing: filed.filing, with: valid)
    }

    /// 审核上报 of the selected rows, one minute apart.
    func submit<R: RegisterRecord>(_ records: [Filed<R>], by account: CompanyAccount, at: Date) async throws {
        for (i, filed) in records.enumerated() {
            try await filings(account.actor, at.addingTimeInterval(TimeInterval(i * 60)))
                .submit(filed.filing, snapshot: filed.record.snapshot(), problems: [])
        }
    }

    // MARK: Review (审核管理)

    /// 通过, by a regulator whose region holds the record, on the version the company submitted.
    func approve(_ filings: [Filing], at: Date, opinion: String? = nil) async throws {
        for (i, filing) in filings.enumerated() {
            let snapshot = try await filing.submittedSnapshot(on: db) ?? .empty
            try await FilingService(db: db, now: at.addingTimeInterval(TimeInterval(i * 60)), actor: reviewer(of: filing).actor)
                .approve(filing, expectedRevision: filing.revision, opinion: opinion, snapshot: snapshot)
        }
    }

    /// 驳回, with the opinion the company reads.
    func reject(_ filing: Filing, opinion: String, at: Date) async throws {
        try await FilingService(db: db, now: at, actor: reviewer(of: filing).actor)
            .reject(filing, expectedRevision: filing.revision, opinion: opinion)
    }

    /// The regulator nearest to the record among those whose region holds it — the one who would review
    /// it. A demo record no regulator could review is a mistake in the demo.
    func reviewer(of filing: Filing) throws -> Regulator {
        guard let regulator = regulators.filter({ $0.scope.contains(filing.regionCode) })
            .max(by: { $0.scope.prefix.count < $1.scope.prefix.count }) else {
            throw DemoFailure("没有监管人员管辖行政区划 \(filing.regionCode)（\(filing.subject)）")
        }
        return regulator
    }

    // MARK: -

    private func filings(_ actor: FilingActor, _ at: Date) -> FilingService {
        FilingService(db: db, now: at, actor: actor)
    }

    private func filing<R: RegisterRecord>(of record: R) async throws -> Filing {
        let id = try record.requireID()
        guard let filing = try await R.filingsByRecord([id], on: db)[id] else { throw DemoFailure("\(record.subject) 没有备案记录") }
        return filing
    }

    private func checkStaff(_ input: StaffInput, _ account: CompanyAccount, existingID: UUID?) async throws -> StaffValidator.Valid {
        let validator = StaffValidator(db: db, today: today, jobTypes: try await DictionaryEntry.values(.jobType, on: db))
        switch try await validator.validate(input, companyID: account.companyID, existingID: existingID) {
        case .success(let valid): return valid
        case .failure(let errors): throw DemoFailure("维保人员 \(input.name): \(errors.describe())")
        }
    }

    private func checkElevator(_ input: ElevatorInput, _ account: CompanyAccount, existingID: UUID?) async throws -> ElevatorValidator.Valid {
        let validator = ElevatorValidator(
            db: db, today: today, equipmentNames: try await DictionaryEntry.values(.equipmentName, on: db),
            knownRegions: Set(try await Region.query(on: db).all(\.$id).compactMap { $0 }),
            rescueCodeLengths: app.config.rescueCodeLengths)
        switch try await validator.validate(input, companyID: account.companyID, existingID: existingID) {
        case .success(let (valid, _)): return valid
        case .failure(let errors): throw DemoFailure("电梯 \(input.registrationCode): \(errors.describe())")
        }
    }
}

extension User {
    /// How history names the user, as `Request.filingActor` does for a logged-in user.
    var filingActor: FilingActor { FilingActor(id: id, name: "\(displayName)（\(username)）") }
}

/// A demo record the app's own rules refused: a mistake in the demo's data, reported with its field.
struct DemoFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = "演示数据有误：" + description }
}
