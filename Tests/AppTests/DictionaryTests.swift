@testable import App
import Fluent
import Testing
import Vapor

@Suite("数据字典: lists kept by the admin")
struct DictionaryTests {
    @Test("the admin adds a 工种 and takes one out of use; the staff form follows")
    func manage() async throws {
        try await TestApp.run { app, _ in
            let admin = try await AdminTests.adminClient(app)
            let page = try await admin.get(SiteURL.adminDictionaries.path)
            #expect(page.contains("电梯维护人员") && page.contains("乘客电梯"))
            let added = try await admin.follow(try await admin.post(SiteURL.adminDictionaryAdd.path, ["category": "job_type", "value": "电梯检验员"]))
            #expect(added.contains("已添加工种“电梯检验员”"))
            let duplicate = try await admin.post(SiteURL.adminDictionaryAdd.path, ["category": "job_type", "value": "电梯检验员"])
            #expect(duplicate.status == .unprocessableEntity && duplicate.contains("已在列表中"))
            let engineer = try #require(try await DictionaryEntry.query(on: app.db).filter(\.$value == "维保工程师").first())
            try await admin.get(SiteURL.adminDictionaries.path)
            try await admin.post(SiteURL.adminDictionaryToggle(engineer.id).path, [:])

            let values = try await DictionaryEntry.values(.jobType, on: app.db)
            #expect(values.contains("电梯检验员") && !values.contains("维保工程师"))
            let company = try await Fixtures.companyClient(app)
            let form = try await company.get(SiteURL.staff(.new).path)
            #expect(form.contains("电梯检验员") && !form.contains(">维保工程师<"))
        }
    }

    @Test("only the admin manages the lists")
    func adminOnly() async throws {
        try await TestApp.run { app, _ in
            let company = try await Fixtures.companyClient(app)
            #expect(try await company.get(SiteURL.adminDictionaries.path).status == .forbidden)
            let regulator = try await Fixtures.regulatorClient(app)
            #expect(try await regulator.get(SiteURL.adminDictionaries.path).status == .forbidden)
        }
    }
}
