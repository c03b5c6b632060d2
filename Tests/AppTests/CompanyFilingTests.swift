@testable import App
import Fluent
import SQLKit
import Testing
import Vapor

@Suite("维保信息上报 (manual 2.1) and its review")
struct CompanyFilingTests {
    @Test("the list shows the company with both statuses, the opinion column and the toolbar")
    func listPage() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            let page = try await client.get(SiteURL.companyFiling.path)
            for text in ["审核状态", "信息状态", "审核意见", "待上报", "新增", "凯旋电梯维保有限公司", "编辑", "查看", "审核上报", "row-check"] {
                #expect(page.contains(text), "missing \(text)")
            }
        }
    }

    @Test("each rule of the edit form is shown beside its field, nothing is saved", arguments: [
        ("certificate_expires", "2012-01-01", "有效日期应晚于发证日期"),
        ("certificate_issued", "2099-01-01", "不能晚于今天"),
        ("certificate_issued", "2014-02-30", "格式"),
        ("level", "D", "请选择级别"),
        ("office_address", "", "请填写固定办公场所地址"),
        ("phone", "12345", "电话"),
        ("credit_code", "91350100M000100Y44", "统一社会信用代码"),
        ("manager_phone", "1373387779", "手机"),
        ("name", "", "请填写单位名称"),
    ])
    func editRules(field: String, value: String, message: String) async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await client.get(SiteURL.companyFilingEdit.path)
            let page = try await client.post(SiteURL.companyFilingEdit.path, Fixtures.companyInfo([field: value]))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("id=\"f-\(field)-error\""))
            #expect(page.contains(message))
            #expect(page.contains("巩义市人民路34号") || field == "office_address", "typed values are kept")
            let company = try #require(try await Company.query(on: app.db).first())
            #expect(company.level == nil)
            #expect(try await FilingEvent.query(on: app.db).count() == 1, "only the creation")
        }
    }

    @Test("a valid credit code is accepted; dates as typed in other forms are normalised")
    func editSaves() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await client.get(SiteURL.companyFilingEdit.path)
            let page = try await client.post(SiteURL.companyFilingEdit.path, Fixtures.companyInfo([
                "credit_code": "91350100m000100y43", "certificate_issued": "2013/5/6"]))
            #expect(page.status == .seeOther)
            let company = try #require(try await Company.query(on: app.db).first())
            #expect(company.creditCode == "91350100M000100Y43")
            #expect(company.certificateIssued == "2013-05-06")
            #expect(company.level == "A")
            let filing = try await Fixtures.companyFiling(app)
            #expect(filing.state == .init(review: .draft, info: .new))
        }
    }

    @Test("审核上报 of incomplete information is refused with the reasons")
    func incompleteSubmission() async throws {
        try await TestApp.run { app, _ in
            let client = try await Fixtures.companyClient(app)
            try await client.get(SiteURL.companyFiling.path)
            let page = try await client.follow(try await client.post(SiteURL.companyFilingSubmit.path, [:]))
            #expect(page.contains("不能上报"))
            #expect(page.contains("发证日期"))
            #expect(page.contains("请上传资格证书等证件附件"))
            #expect(try await Fixtures.companyFiling(app).reviewStatus == .draft)
        }
    }

    @Test("the whole path: submit, locked while 审核中, withdraw, reject with opinion, resubmit, approve, edit → 更改")
    func lifecycle() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            try await Fixtures.fileCompany(company)
            var filing = try await Fixtures.companyFiling(app)
            #expect(filing.state == .init(review: .pending, info: .new))

            // Locked while under review.
            try await company.get(SiteURL.companyFilingEdit.path)
            let locked = try await company.post(SiteURL.companyFilingEdit.path, Fixtures.companyInfo(["phone": "0371-11112222"]))
            #expect(locked.location == SiteURL.companyFiling.path)
            #expect(try await Company.query(on: app.db).first()?.phone == "0371-64321234")
            #expect(try await company.upload(SiteURL.companyAttachments.path, files: [("b.pdf", Fixtures.pdf)]).location != nil)
            #expect(try await Attachment.query(on: app.db).count() == 1)

            // 撤回 and again.
            try await company.get(SiteURL.companyFiling.path)
            try await company.post(SiteURL.companyFilingWithdraw.path, [:])
            #expect(try await Fixtures.companyFiling(app).reviewStatus == .draft)
            try await company.post(SiteURL.companyFilingSubmit.path, [:])

            // The regulator of 郑州市 rejects: an opinion is required.
            let regulator = try await Fixtures.regulatorClient(app)
            filing = try await Fixtures.companyFiling(app)
            let review = try await regulator.get(SiteURL.reviewDetail(filing.id).path)
            #expect(review.contains("巩义市人民路34号") && review.contains("资格证书.png"))
            let noOpinion = try await regulator.post(SiteURL.reviewReject(filing.id).path, ["revision": String(filing.revision), "opinion": " "])
            #expect(noOpinion.location == SiteURL.reviewDetail(filing.id).path)
            #expect(try await Fixtures.companyFiling(app).reviewStatus == .pending)
            try await regulator.get(SiteURL.reviewDetail(filing.id).path)
            try await regulator.post(SiteURL.reviewReject(filing.id).path, ["revision": String(filing.revision), "opinion": "资格证书扫描件不清晰，请重新上传"])
            filing = try await Fixtures.companyFiling(app)
            #expect(filing.state == .init(review: .rejected, info: .new))
            let list = try await company.get(SiteURL.companyFiling.path)
            #expect(list.contains("未通过") && list.contains("资格证书扫描件不清晰"))

            // The company uploads a clearer scan and submits again; the regulator approves.
            try await company.get(SiteURL.companyFilingEdit.path)
            try await company.upload(SiteURL.companyAttachments.path, files: [("资格证书-清晰.pdf", Fixtures.pdf)])
            try await company.get(SiteURL.companyFiling.path)
            try await company.post(SiteURL.companyFilingSubmit.path, [:])
            filing = try await Fixtures.companyFiling(app)
            try await regulator.get(SiteURL.reviewDetail(filing.id).path)
            let approved = try await regulator.post(SiteURL.reviewApprove(filing.id).path, ["revision": String(filing.revision), "opinion": ""])
            #expect(approved.status == .seeOther)
            filing = try await Fixtures.companyFiling(app)
            #expect(filing.state == .init(review: .approved, info: .normal))
            #expect(filing.archivedVersion == 1)
            let shown = try await company.get(SiteURL.companyFiling.path)
            #expect(shown.contains("正常使用") && shown.contains("已通过"))

            // An edit after approval: 待上报/更改, and the archive keeps the approved values.
            try await company.get(SiteURL.companyFilingEdit.path)
            try await company.post(SiteURL.companyFilingEdit.path, Fixtures.companyInfo(["phone": "0371-88889999"]))
            filing = try await Fixtures.companyFiling(app)
            #expect(filing.state == .init(review: .draft, info: .changed))
            let archived = try #require(try await filing.archivedSnapshot(on: app.db))
            #expect(archived.value("phone") == "0371-64321234")
            #expect(archived.attachments.count == 2)

            // History: every transition, newest first, with the edit's old and new values.
            let view = try await company.get(SiteURL.companyFilingView.path)
            #expect(view.contains("0371-64321234") && view.contains("0371-88889999"))
            let actions = try await FilingEvent.query(on: app.db).filter(\.$filingID == filing.requireID())
                .sort(\.$revision).all().map(\.action)
            #expect(actions == [.create, .edit, .edit, .submit, .withdraw, .submit, .reject, .edit, .submit, .approve, .edit])
        }
    }

    @Test("saving without changes changes nothing")
    func unchangedSave() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            try await company.get(SiteURL.companyFilingEdit.path)
            try await company.post(SiteURL.companyFilingEdit.path, Fixtures.companyInfo())
            let events = try await FilingEvent.query(on: app.db).count()
            try await company.get(SiteURL.companyFilingEdit.path)
            let again = try await company.follow(try await company.post(SiteURL.companyFilingEdit.path, Fixtures.companyInfo()))
            #expect(again.contains("信息未改变"))
            #expect(try await FilingEvent.query(on: app.db).count() == events)
        }
    }
}
