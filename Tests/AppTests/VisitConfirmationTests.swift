@testable import App
import Fluent
import Foundation
import Testing
import Vapor

/// 使用单位确认 (issue 15): the confirmer's SMS code and signature on the worker's phone.
@Suite("使用单位确认: the user unit signs the visit, with a code sent to its mobile")
struct VisitConfirmationTests {
    typealias Upkeep = MaintenanceTests
    typealias Work = FieldworkTests

    /// A 1×1 PNG, as a canvas's toDataURL gives one.
    static let signature = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

    @Test("the code goes to the confirmer's mobile (once a minute), five wrong tries end it; the signature is required, signed once, seen in scope and covered by the record's hash")
    func confirmation() async throws {
        try await TestApp.run(adjust: SupervisionTests.longSessions) { app, clock in
            let world = try await Upkeep.world(app)
            let (w0, w1, visit) = try await Work.crewOnSite(app, world)
            let page = try await w0.get(SiteURL.visit(visit).path)
            #expect(page.contains("使用单位确认") && page.contains("发送验证码") && page.contains("signature-pad"))
            // The company and regulator see that nobody has confirmed yet, and no form.
            let office = try await world.company.get(SiteURL.visit(visit).path)
            #expect(office.contains("使用单位尚未确认") && !office.contains("signature-pad"))

            // Bad input: messages beside the fields, the input kept, nothing sent.
            let bad = try await w0.post(SiteURL.visitConfirmationCode(visit).path, ["confirmer_name": "", "confirmer_phone": "0371-64325678"])
            #expect(bad.status == .unprocessableEntity && bad.contains("请填写使用单位确认人姓名") && bad.contains("短信验证码只能发送到手机"))
            #expect(bad.contains("value=\"0371-64325678\""))
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "0371-64325678").count() == 0)

            let form = ["confirmer_name": "杜经理", "confirmer_phone": "13800138000"]
            let sent = try await w0.post(SiteURL.visitConfirmationCode(visit).path, form)
            let sentPage = try await w0.follow(sent)
            #expect(sent.status == .seeOther && sentPage.contains("验证码已发送至138****8000"))
            let sms = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "13800138000").first())
            #expect(sms.body.contains("牛星正在") && sms.body.contains(ElevatorRegisterTests.code))
            let again = try await w1.post(SiteURL.visitConfirmationCode(visit).path, form)
            #expect(again.status == .unprocessableEntity && again.contains("验证码已发送，请稍后再试"))

            // No signature; then a wrong code five times: the fifth ends the code, the right one no longer works.
            try await w0.get(SiteURL.visit(visit).path)
            let unsigned = try await w0.post(SiteURL.visitConfirmation(visit).path, form.merging(["code": "000000"]) { $1 })
            #expect(unsigned.status == .unprocessableEntity && unsigned.contains("请使用单位确认人在框内签名"))
            let right = try await Work.lastCode(app, to: "13800138000")
            let wrong = right == "111111" ? "222222" : "111111"
            for n in 1...5 {
                let tried = try await w0.post(SiteURL.visitConfirmation(visit).path,
                                              form.merging(["code": wrong, "signature": Self.signature]) { $1 })
                #expect(tried.contains(n < 5 ? "验证码不正确，还可尝试\(5 - n)次" : "验证码错误次数过多，请重新获取"), "try \(n)")
            }
            let late = try await w0.post(SiteURL.visitConfirmation(visit).path, form.merging(["code": right, "signature": Self.signature]) { $1 })
            #expect(late.contains("验证码错误次数过多，请重新获取"))
            #expect(try await VisitConfirmation.find(visit, on: app.db)?.isSigned == false)

            // A new code a minute later; the right one with the signature confirms.
            clock.advance(by: 61)
            try await w0.get(SiteURL.visit(visit).path)
            #expect(try await w0.post(SiteURL.visitConfirmationCode(visit).path, form).status == .seeOther)
            let fresh = try await Work.lastCode(app, to: "13800138000")
            try await w0.get(SiteURL.visit(visit).path)
            let signed = try await w0.post(SiteURL.visitConfirmation(visit).path, form.merging(["code": fresh, "signature": Self.signature]) { $1 })
            let signedPage = try await w0.follow(signed)
            #expect(signed.status == .seeOther && signedPage.contains("使用单位已确认（短信验证码已验证）。"))
            let row = try #require(try await VisitConfirmation.find(visit, on: app.db))
            #expect(row.isSigned && row.codeVerifiedAt != nil && row.signedByName == "牛星")
            // Signed once.
            try await w1.get(SiteURL.visit(visit).path)
            let twice = try await w1.post(SiteURL.visitConfirmation(visit).path, form.merging(["signature": Self.signature]) { $1 })
            #expect(try await w1.follow(twice).contains("使用单位已确认本次作业"))

            // The signature in scope only.
            let image = try await world.regulator.get(SiteURL.visitSignature(visit).path)
            #expect(image.status == .ok && image.headers.contentType?.subType == "png" && image.bodyData.count == 70)
            let hongqi = try await ElevatorRegisterTests.hongqiClient(app)
            let elsewhere = try await Fixtures.regulatorClient(app, region: "410700", username: "xxjg")
            for stranger in [hongqi, elsewhere] { #expect(try await stranger.get(SiteURL.visitSignature(visit).path).status == .notFound) }
            #expect(try await hongqi.post(SiteURL.visitConfirmationCode(visit).path, form).status != .seeOther)

            // The record: the confirmer filled in from the signature; its hash covers the confirmation.
            let recordForm = try await w0.get(SiteURL.visitRecord(visit).path + "?level=" + ("半月".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            #expect(recordForm.contains("value=\"杜经理\"") && recordForm.contains("value=\"13800138000\""))
            clock.advance(by: 40 * 60)
            #expect(try await w0.post(SiteURL.visitRecord(visit).path, pairs: try await Upkeep.form(app, workers: [world.niuxing, world.liwen])).status == .seeOther)
            let record = try #require(try await MaintenanceRecord.query(on: app.db).first())
            let view = try await world.regulator.get(SiteURL.maintenance(.view(record.requireID())).path)
            #expect(view.contains("使用单位确认：杜经理") && view.contains(SiteURL.visitSignature(visit).path))
            #expect(try await MaintenanceVerification.run(on: app.db).problems.isEmpty)
            row.confirmerName = "王经理"
            try await row.update(on: app.db)
            #expect(try await MaintenanceVerification.run(on: app.db).problems.contains { $0.contains("现场证据") })
        }
    }
}
