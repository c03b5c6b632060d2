import Crypto
import Fluent
import SitePhoto
import Supervision
import Validation
import Vapor

/// 维保签到 in the demo: 红旗's two workers get their phone logins; both check in at the 客梯 by its sticker
/// on day 9 (the quarterly visit whose record the company files that afternoon: clean, and it places the
/// elevator, with its three photos), and 孙丽 alone checks in at the 扶梯 from 3 km away for twelve minutes
/// and sends the 客梯's machine-room photo again, smaller (单人作业, 异地签到, 照片不足, 照片重复).
/// The records filed earlier without check-in show 无签到.
extension DemoLoader {
    /// Near the 客梯 (新乡市红旗区), and where 新乡市 put the 扶梯 3.4 km from there.
    static let passengerPlace = GeoPoint(latitude: 35.30300, longitude: 113.92680)
    static let escalatorPlace = GeoPoint(latitude: 35.28000, longitude: 113.90000)

    /// The two workers' logins, turned on by 红旗 on day 8 with `password` each, and the stickers of its
    /// approved elevators printed the same morning.
    func addWorkerLogins(_ hongqi: CompanyAccount, password: (String) -> String) async throws -> [DemoLogin] {
        let at = time(8, 11)
        let elevators = try await ArchivedElevator.query(on: db).filter(\.$companyID == hongqi.companyID).all().compactMap(\.id)
        _ = try await ElevatorSafetyCode.current(for: elevators, now: time(8, 10), on: db)
        let audit = AuditLog(db: db, now: at, address: "liftwatch demo")
        let accounts = WorkerAccounts(db: db, hasher: app.password, notifier: app.notifier, logger: app.logger, audit: audit,
                                      actor: try companyUser(hongqi), company: hongqi.company)
        var logins: [DemoLogin] = []
        for name in ["赵伟", "孙丽"] {
            guard let staff = try await ArchivedStaff.query(on: db).filter(\.$companyID == hongqi.companyID).filter(\.$name == name).first(),
                  let filing = try await Filing.find(staff.id, on: db) else { throw DemoFailure("维保人员 \(name) 未审核通过") }
            guard case .enabled(let username) = try await accounts.enable(filing: filing, unusableHash: try app.password.hash(AccountService.temporaryPassword())) else {
                throw DemoFailure("作业账号 \(name) 未能开通")
            }
            // As if the worker had set it through 找回密码 with the SMS code.
            guard let user = try await User.query(on: db).filter(\.$username == username).first() else { continue }
            let pw = password(username)
            try await PasswordKeeper(hasher: app.password, now: time(8, 12)).set(user, hash: try app.password.hash(pw), mustChange: false, on: db)
            logins.append(DemoLogin(role: "维保人员", username: username, password: pw,
                                    note: "红旗 \(name)：手机作业账号（扫码签到、现场作业）"))
        }
        return logins
    }

    /// Both workers at the 客梯 from 08:40 to 09:55 on day 9; returns the visit, for its record.
    func passengerVisit(_ hongqi: CompanyAccount) async throws -> UUID {
        let keti = try await archived(DemoData.hongqiCodes.passenger)
        var visit: SiteVisit?
        for (name, minute, offset) in [("赵伟", 40, 0.00004), ("孙丽", 42, -0.00003)] {
            let place = SiteVisitService.Place(latitude: Self.passengerPlace.latitude + offset, longitude: Self.passengerPlace.longitude,
                                               accuracy: 12, deviceTime: time(9, 8, minute).addingTimeInterval(-3))
            visit = try await service(try await worker(name, of: hongqi), at: time(9, 8, minute)).checkIn(keti, method: .scan, place: place)
        }
        guard let visit else { throw DemoFailure("现场作业未能签到") }
        let zhaowei = try await worker("赵伟", of: hongqi)
        for (n, slot) in SiteEvidenceRules.photoSlots.enumerated() {
            try await photograph(visit, by: zhaowei, at: time(9, 8, 50 + n * 3), slot: slot, DemoPhotos.scene(UInt64(101 + n)))
        }
        // The user unit's 安全管理员 signs on 赵伟's phone (signature only: no SMS code in the demo), as the record names them.
        var signing = VisitConfirmationService.Input()
        signing.confirmer_name = keti.safetyManager.isEmpty ? "物业值班员" : keti.safetyManager
        signing.confirmer_phone = keti.safetyManagerPhone.isEmpty ? "0373-2039999" : keti.safetyManagerPhone
        signing.signature = DemoPhotos.signature()
        let confirmation = VisitConfirmationService(db: db, storage: app.fileStorage, notifier: app.notifier, logger: app.logger,
                                                    now: time(9, 9, 52), user: zhaowei)
        guard case .success = try await confirmation.confirm(signing, for: visit) else { throw DemoFailure("使用单位确认未能保存") }
        let out = SiteVisitService.Place(latitude: Self.passengerPlace.latitude, longitude: Self.passengerPlace.longitude, accuracy: 10,
                                         deviceTime: time(9, 9, 55))
        try await service(try await worker("赵伟", of: hongqi), at: time(9, 9, 55)).checkOut(visit, place: out)
        return try visit.requireID()
    }

    /// 新乡市 sets the 扶梯's place (day 5); 孙丽 checks in alone 3.4 km from it on day 9 and leaves after 12 minutes.
    func flaggedEscalatorVisit(_ hongqi: CompanyAccount) async throws {
        let futi = try await archived(DemoData.hongqiCodes.escalator)
        guard let filing = try await Filing.find(futi.id, on: db) else { throw DemoFailure("扶梯未审核通过") }
        let regulator = try reviewer(of: filing)
        let user = CurrentUser(id: try regulator.user.requireID(), username: regulator.user.username, role: .regulator,
                               displayName: regulator.user.displayName, companyID: nil, regionCode: regulator.user.regionCode)
        try await ElevatorLocation.confirm(try futi.requireID(), at: Self.escalatorPlace, by: user, now: time(5, 11), on: db)
        let sunli = try await worker("孙丽", of: hongqi)
        let away = SiteVisitService.Place(latitude: Self.passengerPlace.latitude, longitude: Self.passengerPlace.longitude,
                                          accuracy: 18, deviceTime: time(9, 14))
        let visit = try await service(sunli, at: time(9, 14)).checkIn(futi, method: .scan, place: away)
        try await photograph(visit, by: sunli, at: time(9, 14, 8), slot: "机房", DemoPhotos.scene(101, width: 480, height: 360, quality: 60))
        try await service(sunli, at: time(9, 14, 12)).checkOut(visit, place: away)
    }

    private func photograph(_ visit: SiteVisit, by user: CurrentUser, at: Date, slot: String, _ jpeg: [UInt8]) async throws {
        let photo = try SitePhotoProcessor.process(jpeg)
        let service = VisitPhotoService(db: db, storage: app.fileStorage, now: at, user: user, rules: app.config.siteRules)
        _ = try await service.add(photo, bytes: jpeg, sha256: SHA256.hash(data: jpeg).hex, slot: slot, deviceTime: at, to: visit)
    }

    private func archived(_ code: String) async throws -> ArchivedElevator {
        guard let e = try await ArchivedElevator.query(on: db).filter(\.$registrationCode == code).first() else {
            throw DemoFailure("电梯 \(code) 未审核通过")
        }
        return e
    }

    private func worker(_ name: String, of company: CompanyAccount) async throws -> CurrentUser {
        guard let user = try await User.query(on: db).filter(\.$role == .worker).filter(\.$company.$id == company.companyID)
            .filter(\.$displayName == name).first() else { throw DemoFailure("作业账号 \(name) 不存在") }
        return CurrentUser(id: try user.requireID(), username: user.username, role: .worker, displayName: user.displayName,
                           companyID: company.companyID, regionCode: nil, staffFilingID: user.staffFilingID)
    }

    private func service(_ user: CurrentUser, at: Date) -> SiteVisitService {
        SiteVisitService(db: db, now: at, user: user, config: app.config)
    }

    func companyUser(_ account: CompanyAccount) throws -> CurrentUser {
        CurrentUser(id: try account.user.requireID(), username: account.user.username, role: .company,
                    displayName: account.user.displayName, companyID: account.companyID, regionCode: nil)
    }
}
