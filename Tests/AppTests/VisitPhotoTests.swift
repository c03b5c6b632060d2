@testable import App
import Fluent
import Crypto
import Foundation
import SitePhoto
import Supervision
import Testing
import Validation
import Vapor

/// 现场照片 (issue 15): photos taken at a visit, who sees them, 照片不足 and 照片重复, and the record's hash over them.
@Suite("现场照片: site photos, their flags and the record's evidence")
struct VisitPhotoTests {
    typealias Upkeep = MaintenanceTests
    typealias Work = FieldworkTests

    static func scene(_ seed: UInt64, width: Int = 640, height: Int = 480, quality: Int = 85) throws -> [UInt8] {
        let jpeg = DemoPhotos.scene(seed, width: width, height: height, quality: quality)
        try #require(!jpeg.isEmpty)
        return jpeg
    }

    static func upload(_ worker: TestClient, _ visit: UUID, _ slot: String, _ jpeg: [UInt8]) async throws -> TestClient.Page {
        try await worker.get(SiteURL.visit(visit).path)
        let sent = try await worker.upload(SiteURL.visitPhotos(visit).path, field: "photo", files: [("IMG_0001.jpg", jpeg)],
                                           fields: ["slot": slot, "device_time": "1789999999000"])
        #expect(sent.status == .seeOther)
        return try await worker.follow(sent)
    }

    static func photoRules(_ config: inout AppConfig) {
        SupervisionTests.longSessions(&config)
        config.siteEvidence.requiredPhotos = 3
    }

    @Test("workers photograph 机房, 轿顶, 底坑; the company and the region's regulator see the photos, no one else; 照片不足 until the third; the record's hash covers them")
    func photos() async throws {
        try await TestApp.run(adjust: Self.photoRules) { app, clock in
            let world = try await Upkeep.world(app)
            let (w0, w1, visit) = try await Work.crewOnSite(app, world)

            let room = try Self.scene(1), top = try Self.scene(2), pit = try Self.scene(3)
            #expect(try await Self.upload(w0, visit, "机房", room).contains("已上传机房照片"))
            // A phone's photo of several megabytes, posted to the form's own action as a browser does.
            var noise = [UInt8](repeating: 0, count: 2000 * 1500 * 3)
            var seed: UInt64 = 7
            for i in noise.indices { seed = seed &* 6364136223846793005 &+ 1; noise[i] = UInt8(truncatingIfNeeded: seed >> 56) }
            let big = try #require(JPEGEncoder.encode(rgb: noise, width: 2000, height: 1500, quality: 95))
            #expect(big.count > 2 << 20)  // past the 2 MB body the CSRF check would read
            let form = try await w0.get(SiteURL.visit(visit).path)
            let action = try #require(form.body.firstMatch(of: /action="([^"]*photos[^"]*_csrf[^"]*)"/).map { String($0.1) })
                .replacingOccurrences(of: "&#61;", with: "=").replacingOccurrences(of: "&#x3D;", with: "=")
                .replacingOccurrences(of: "&#x2F;", with: "/").replacingOccurrences(of: "&#47;", with: "/")
                .replacingOccurrences(of: "&amp;", with: "&")
            let sentBig = try await w0.upload(action, field: "photo", files: [("IMG_0002.jpg", big)], fields: ["slot": "其他"])
            let afterBig = try await w0.follow(sentBig)
            #expect(sentBig.status == .seeOther && afterBig.contains("已上传其他照片"))
            #expect(try await Self.upload(w1, visit, "轿顶", top).contains("已上传轿顶照片"))
            // Input that is not a camera's photo is refused with a message, and nothing is stored.
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 64)
            #expect(try await Self.upload(w0, visit, "底坑", png).contains(SitePhotoError.notJPEG.message))
            #expect(try await Self.upload(w0, visit, "底坑", Array(room.prefix(room.count / 2))).contains(SitePhotoError.corrupt.message))
            #expect(try await Self.upload(w0, visit, "天花板", pit).contains("请选择照片的拍摄位置"))
            #expect(try await Self.upload(w0, visit, "机房", room).contains("这张照片已经上传过"))
            #expect(try await VisitPhoto.query(on: app.db).count() == 3)
            #expect(try await SiteVisit.find(visit, on: app.db)?.photoCount == 3)

            clock.advance(by: 50 * 60)
            try await w1.get(SiteURL.visit(visit).path)
            try await w1.post(SiteURL.visitCheckOut(visit).path, Work.onSite)
            let short = try await world.company.get(SiteURL.visit(visit).path)
            #expect(short.contains("照片不足") && short.contains("上传3张，应不少于3张（缺底坑照片）"))
            // A retake in the same slot (the first was blurred) repeats nothing.
            #expect(try await Self.upload(w0, visit, "机房", try Self.scene(1, width: 320, height: 240, quality: 60)).contains("已上传机房照片。"))
            // A phone that was out of signal sends the last one after check-out, before the record.
            #expect(try await Self.upload(w0, visit, "底坑", pit).contains("已上传底坑照片"))
            let seen = try await world.company.get(SiteURL.visit(visit).path)
            #expect(!seen.contains("签到异常") && seen.contains("?size=thumb"))

            // The company and the region's regulator see the photo and its thumbnail; another company, a
            // regulator elsewhere and a worker who was not there do not, by URL.
            let photo = try #require(try await VisitPhoto.query(on: app.db).filter(\.$slot == "机房").first())
            let url = SiteURL.visitPhoto(visit, photo.id).path
            let original = try await world.company.get(url)
            #expect(original.status == .ok && original.headers.contentType?.subType == "jpeg" && Array(original.bodyData) == room)
            let thumb = try await world.regulator.get(url + "?size=thumb")
            #expect(thumb.status == .ok && Array(thumb.bodyData.prefix(2)) == [0xFF, 0xD8] && thumb.bodyData.count < room.count)
            let hongqi = try await ElevatorRegisterTests.hongqiClient(app)
            let elsewhere = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            for stranger in [hongqi, elsewhere] {
                #expect(try await stranger.get(url).status == .notFound)
                #expect(try await stranger.get(SiteURL.visit(visit).path).status == .notFound)
            }
            #expect(try await world.company.get(SiteURL.visitPhoto(visit, UUID()).path).status == .notFound)
            #expect(try await hongqi.upload(SiteURL.visitPhotos(visit).path, field: "photo", files: [("a.jpg", pit)],
                                            fields: ["slot": "其他"]).status != .seeOther)

            // The record: filed with the photos; its hash covers them; none can join it afterwards.
            let filed = try await w0.post(SiteURL.visitRecord(visit).path, pairs: try await Upkeep.form(app, workers: [world.niuxing, world.liwen]))
            #expect(filed.status == .seeOther)
            let record = try #require(try await MaintenanceRecord.query(on: app.db).first())
            #expect(!record.evidenceDigest.isEmpty && record.hash == MaintenanceChain.hash(of: record))
            #expect(try await RecordFlag.query(on: app.db).count() == 0)
            #expect(try await Self.upload(w0, visit, "其他", try Self.scene(4)).contains("本次作业已填报维保记录，不能再添加照片"))
            let page = try await world.regulator.get(SiteURL.maintenance(.view(record.requireID())).path)
            #expect(page.contains("photo-strip") && page.contains(url + "?size=thumb"))
            #expect(try await MaintenanceVerification.run(on: app.db).problems.isEmpty)
            // A photo swapped in the database after filing shows, as a changed record would.
            photo.sha256 = String(repeating: "0", count: 64)
            try await photo.update(on: app.db)
            #expect(try await MaintenanceVerification.run(on: app.db).problems.contains { $0.contains("现场证据（签到、照片）与填报时不符") })
        }
    }

    @Test("照片重复: an earlier photo sent again, rescaled and recompressed, is flagged with what it repeats; a lone worker's record is stored as 单人作业; both count on 监管看板")
    func reused() async throws {
        try await TestApp.run(adjust: Self.photoRules) { app, clock in
            let world = try await Upkeep.world(app)
            let w0 = try await Work.worker(app, world, world.niuxing)
            let w1 = try await Work.worker(app, world, world.liwen)
            let code = try await Work.code(app, world.elevator.filing)
            var visits: [UUID] = []
            for (round, scenes) in [[11, 12, 13], [21, 22, 11]].enumerated() {
                // The second time 牛星 is alone: the record names only him, is stored, and is 单人作业.
                let crew = round == 0 ? [(w0, world.niuxing), (w1, world.liwen)] : [(w0, world.niuxing)]
                for (phone, _) in crew { try await Work.checkIn(phone, world.elevator.filing, token: code.token) }
                let visit = try #require(try await SiteVisit.query(on: app.db).filter(\.$status == .open).first()?.id)
                visits.append(visit)
                for (slot, seed) in zip(SiteEvidenceRules.photoSlots, scenes) {
                    // The second time, scene 11 comes back smaller and more compressed, as a chat app re-sends it.
                    let jpeg = round == 1 && seed == 11 ? try Self.scene(UInt64(seed), width: 320, height: 240, quality: 55) : try Self.scene(UInt64(seed))
                    let after = try await Self.upload(w0, visit, slot, jpeg)
                    #expect(after.contains(round == 1 && seed == 11 ? "将标记为照片重复" : "已上传\(slot)照片。"), "round \(round) \(slot)")
                }
                clock.advance(by: 50 * 60)
                try await crew.last!.0.get(SiteURL.visit(visit).path)
                try await crew.last!.0.post(SiteURL.visitCheckOut(visit).path, Work.onSite)
                try await w0.get(SiteURL.visitRecord(visit).path)
                let form = try await Upkeep.form(app, date: clock.today().iso, workers: crew.map(\.1))
                #expect(try await w0.post(SiteURL.visitRecord(visit).path, pairs: form).status == .seeOther)
                clock.advance(by: 15 * 86_400)
            }
            let repeated = try #require(try await VisitPhoto.query(on: app.db).filter(\.$duplicateOf != nil).all().first)
            #expect(try await VisitPhoto.query(on: app.db).filter(\.$duplicateOf != nil).count() == 1)
            #expect(repeated.visitID == visits[1] && repeated.slot == "底坑")
            let first = try #require(try await SiteVisit.find(visits[0], on: app.db))
            let page = try await world.regulator.get(SiteURL.visit(visits[1]).path)
            #expect(page.contains("照片重复") && page.contains("底坑照片与\(CivilDate.inChina(first.startedAt).iso) 在\(first.registrationCode)作业的机房照片"))
            #expect(!(try await world.regulator.get(SiteURL.visit(visits[0]).path).contains("签到异常")))
            let board = try await world.regulator.get(SiteURL.supervision.path)
            #expect(SupervisionTests.card(board, "照片重复（近30天）") == 1)
            #expect(SupervisionTests.card(board, "单人作业（近30天）") == 1)
            #expect(SupervisionTests.card(board, "照片不足（近30天）") == 0)
            let list = try await world.regulator.get(SiteURL.siteFlags(SiteFlag.photoReused.code).path)
            #expect(list.contains("底坑照片与"))
            // Per county and per company: each count links to its list, narrowed.
            let companyID = try #require(try await Company.query(on: app.db).filter(\.$name == "凯旋电梯维保有限公司").first()?.id)
            let byCompany = RecordFlagsController.listURL(.photoReused, company: companyID)
            let byCounty = RecordFlagsController.listURL(.singleWorker, region: "410181")
            #expect(board.contains("签到异常") && board.contains("href=\"\(byCompany)\">1</a>") && board.contains("href=\"\(byCounty)\">1</a>"))
            #expect(try await world.regulator.get(byCompany).contains("底坑照片与"))
            #expect(try await world.regulator.get(byCounty).contains(ElevatorRegisterTests.code))
            #expect(!(try await world.regulator.get(RecordFlagsController.listURL(.photoReused, company: UUID())).contains("底坑照片与")))
            let outside = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            let theirs = try await outside.get(SiteURL.supervision.path)
            #expect(theirs.contains("近30天没有签到异常的维保记录") && !theirs.contains(byCompany))
            // Another company's photos are not compared with this company's.
            let anyone = CurrentUser(id: UUID(), username: "x", role: .worker, displayName: "x", companyID: UUID(), regionCode: nil)
            #expect(try await VisitPhotoService(db: app.db, storage: app.fileStorage, now: clock.now(), user: anyone, rules: app.config.siteRules)
                .earlierMatch(of: repeated.hash, companyID: UUID()) == nil)
        }
    }

    @Test("the cap of photos per visit holds under parallel uploads: each claims its place in the visit's count")
    func cap() async throws {
        try await TestApp.run(adjust: Self.photoRules) { app, _ in
            let world = try await Upkeep.world(app)
            let (_, _, visitID) = try await Work.crewOnSite(app, world)
            let visit = try #require(try await SiteVisit.find(visitID, on: app.db))
            let worker = try #require(try await User.query(on: app.db).filter(\.$role == .worker).first())
            let user = CurrentUser(id: try worker.requireID(), username: worker.username, role: .worker, displayName: worker.displayName,
                                   companyID: visit.companyID, regionCode: nil, staffFilingID: worker.staffFilingID)
            var capped = VisitPhotoService(db: app.db, storage: app.fileStorage, now: app.clock.now(), user: user, rules: app.config.siteRules)
            capped.maxPerVisit = 3
            let service = capped
            let shots = try (0..<8).map { n -> (ProcessedPhoto, [UInt8]) in
                let jpeg = try Self.scene(UInt64(200 + n), width: 160, height: 120)
                return (try SitePhotoProcessor.process(jpeg), jpeg)
            }
            let outcomes = await withTaskGroup(of: String.self) { group in
                for (photo, jpeg) in shots {
                    group.addTask {
                        do {
                            _ = try await service.add(photo, bytes: jpeg, sha256: SHA256.hash(data: jpeg).hex, slot: "其他", deviceTime: nil, to: visit)
                            return "added"
                        } catch let refusal as VisitPhotoService.Refusal { return refusal.message } catch { return "\(error)" }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "added" }.count == 3, "\(outcomes)")
            #expect(outcomes.filter { $0 == "每次作业最多上传3张照片" }.count == 5, "\(outcomes)")
            #expect(try await VisitPhoto.query(on: app.db).filter(\.$visitID == visitID).count() == 3)
            #expect(try await SiteVisit.find(visitID, on: app.db)?.photoCount == 3)
        }
    }
}
