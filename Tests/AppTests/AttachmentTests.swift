@testable import App
import Fluent
import Testing
import Vapor

@Suite("Attachments: content types, size, all-or-nothing, who may read them")
struct AttachmentTests {
    @Test("several files in one upload; each listed with name and size")
    func uploadsSeveral() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await client.get(SiteURL.companyFilingEdit.path)
            let done = try await client.upload(SiteURL.companyAttachments.path, files: [("营业执照.png", Fixtures.png), ("合同.pdf", Fixtures.pdf)])
            let page = try await client.follow(done)
            #expect(page.contains("已上传2个附件"))
            #expect(page.contains("营业执照.png") && page.contains("合同.pdf"))
            #expect(try await Attachment.query(on: app.db).count() == 2)
        }
    }

    @Test("a file that is not PDF, JPEG or PNG by content is refused, whatever its name; nothing is stored", arguments: [
        ("病毒.pdf", Array("MZ\u{90}\0 not a pdf".utf8)),
        ("动图.png", Array("GIF89a......".utf8)),
        ("空.pdf", [UInt8]()),
    ])
    func refusesByContent(name: String, data: [UInt8]) async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await client.get(SiteURL.companyFilingEdit.path)
            let page = try await client.follow(try await client.upload(SiteURL.companyAttachments.path,
                                                                        files: [("好的.png", Fixtures.png), (name, data)]))
            #expect(page.contains("上传失败，所有文件均未保存"))
            #expect(page.contains(name))
            #expect(try await Attachment.query(on: app.db).count() == 0)
            #expect(try await StoredBlob.query(on: app.db).count() == 0)
        }
    }

    @Test("a file over the size limit is refused")
    func sizeLimit() async throws {
        try await TestApp.run(adjust: { $0.uploadMaxBytes = 1024 }) { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await client.get(SiteURL.companyFilingEdit.path)
            let big = Fixtures.pdf + Array(repeating: UInt8(32), count: 2000)
            let page = try await client.follow(try await client.upload(SiteURL.companyAttachments.path, files: [("大文件.pdf", big)]))
            #expect(page.contains("超过"))
            #expect(try await Attachment.query(on: app.db).count() == 0)
        }
    }

    @Test("files are served to the owner and to regulators of its region, not to another company or region")
    func access() async throws {
        try await TestApp.run { app, _ in
            let owner = try await Fixtures.companyClient(app)
            try await owner.get(SiteURL.companyFilingEdit.path)
            try await owner.upload(SiteURL.companyAttachments.path, files: [("资格证书.png", Fixtures.png)])
            let attachment = try #require(try await Attachment.query(on: app.db).first())
            let url = SiteURL.file(attachment.id).path

            let mine = try await owner.get(url + "?inline=1")
            #expect(mine.status == .ok)
            #expect(mine.headers.contentType?.description.contains("image/png") == true)
            #expect(mine.headers.first(name: "X-Content-Type-Options") == "nosniff")

            try await Fixtures.register(app, Fixtures.hongqi())
            let other = TestClient(app)
            try await other.logIn("hqdt", Fixtures.password)
            #expect(try await other.get(url).status == .notFound)

            let farRegulator = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            #expect(try await farRegulator.get(url).status == .notFound)
            let regulator = try await Fixtures.regulatorClient(app, region: "410181", username: "gyjg")
            #expect(try await regulator.get(url).status == .ok)

            #expect(try await TestClient(app).get(url).status == .seeOther, "anonymous: to the login page")
        }
    }

    @Test("another company cannot remove an attachment by its id")
    func removeOthers() async throws {
        try await TestApp.run { app, _ in
            let owner = try await Fixtures.companyClient(app)
            try await owner.get(SiteURL.companyFilingEdit.path)
            try await owner.upload(SiteURL.companyAttachments.path, files: [("资格证书.png", Fixtures.png)])
            let attachment = try #require(try await Attachment.query(on: app.db).first())
            try await Fixtures.register(app, Fixtures.hongqi())
            let other = TestClient(app)
            try await other.logIn("hqdt", Fixtures.password)
            try await other.get(SiteURL.companyFilingEdit.path)
            let page = try await other.post(SiteURL.companyAttachmentRemove(attachment.id).path, [:])
            #expect(page.status == .notFound)
            #expect(try await Attachment.find(attachment.id, on: app.db)?.removedAt == nil)
        }
    }

    @Test("removing an attachment makes an approved record 更改; the archive still lists and serves it")
    func removalAfterApproval() async throws {
        try await TestApp.run { app, _ in
            let owner = try await Fixtures.companyClient(app)
            try await Fixtures.fileCompany(owner)
            let regulator = try await Fixtures.regulatorClient(app)
            var filing = try await Fixtures.companyFiling(app)
            try await regulator.get(SiteURL.reviewDetail(filing.id).path)
            try await regulator.post(SiteURL.reviewApprove(filing.id).path, ["revision": String(filing.revision)])
            let attachment = try #require(try await Attachment.query(on: app.db).first())
            try await owner.get(SiteURL.companyFilingEdit.path)
            let removed = try await owner.follow(try await owner.post(SiteURL.companyAttachmentRemove(attachment.id).path, [:]))
            #expect(removed.contains("已删除附件"), "\(removed.body)")
            filing = try await Fixtures.companyFiling(app)
            #expect(filing.state == .init(review: .draft, info: .changed))
            #expect(try await filing.archivedSnapshot(on: app.db)?.attachments.map(\.id) == [try attachment.requireID()])
            #expect(try await regulator.get(SiteURL.file(attachment.id).path).status == .ok)
        }
    }

    @Test("disk storage keeps one file per content")
    func diskStorage() async throws {
        let root = NSTemporaryDirectory() + "liftwatch-files-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await TestApp.run(adjust: { $0.fileStorage = .disk(path: root) }) { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await client.get(SiteURL.companyFilingEdit.path)
            try await client.upload(SiteURL.companyAttachments.path, files: [("a.pdf", Fixtures.pdf), ("b.pdf", Fixtures.pdf)])
            let rows = try await Attachment.query(on: app.db).all()
            #expect(rows.count == 2)
            let sha = rows[0].sha256
            #expect(FileManager.default.fileExists(atPath: "\(root)/\(sha.prefix(2))/\(sha)"))
            #expect(try await StoredBlob.query(on: app.db).count() == 0)
            #expect(try await client.get(SiteURL.file(rows[1].id).path).body.hasPrefix("%PDF-"))
        }
    }
}
