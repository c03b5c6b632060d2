@testable import App
import Fluent
import Testing
import Vapor

@Suite("行政区划: the national list and the picker")
struct RegionTests {
    @Test("the whole GB/T 2260 list is loaded, with full names as the manual shows them")
    func loaded() async throws {
        try await TestApp.run { app, _ in
            let count = try await Region.query(on: app.db).count()
            #expect(count > 3_300)
            #expect(try await Region.find("410181", on: app.db)?.fullName == "河南省郑州市巩义市")
            #expect(try await Region.find("410702", on: app.db)?.fullName == "河南省新乡市红旗区")
            // A municipality does not repeat its name.
            #expect(try await Region.find("110101", on: app.db)?.fullName == "北京市东城区")
            // County-level cities directly under a province hang under the province.
            #expect(try await Region.find("419001", on: app.db)?.parentCode == "410000")
        }
    }

    @Test("the picker lists provinces, then a province's cities, then a city's counties")
    func children() async throws {
        try await TestApp.run { app, _ in
            let provinces = try await app.testing().sendRequest(.GET, SiteURL.regionChildren.path)
            let list = try provinces.content.decode([RegionController.Child].self)
            #expect(list.count == 34)
            #expect(list.contains { $0.code == "410000" && $0.name == "河南省" && $0.hasChildren })
            let cities = try await app.testing().sendRequest(.GET, SiteURL.regionChildren.path + "?parent=410000")
            let cityList = try cities.content.decode([RegionController.Child].self)
            #expect(cityList.contains { $0.code == "410700" && $0.name == "新乡市" })
            #expect(cityList.contains { $0.code == "419001" && !$0.hasChildren })
            let counties = try await app.testing().sendRequest(.GET, SiteURL.regionChildren.path + "?parent=410700")
            let countyList = try counties.content.decode([RegionController.Child].self)
            #expect(Set(countyList.map(\.code)).isSuperset(of: ["410702", "410703", "410704", "410711", "410721", "410783"]))
            #expect(countyList.allSatisfy { !$0.hasChildren })
        }
    }

    @Test("a malformed parent code is refused")
    func badParent() async throws {
        try await TestApp.run { app, _ in
            let response = try await app.testing().sendRequest(.GET, SiteURL.regionChildren.path + "?parent=41';--")
            #expect(response.status == .badRequest)
        }
    }

    @Test("a scope covers its region and everything below, nothing else", arguments: [
        ("410000", 1, "410702", true), ("410000", 1, "419001", true), ("410000", 1, "420100", false),
        ("410700", 2, "410783", true), ("410700", 2, "410181", false), ("410700", 2, "410800", false),
        ("410702", 3, "410702", true), ("410702", 3, "410703", false), ("419000", 2, "419001", true),
    ])
    func scope(code: String, level: Int, other: String, inside: Bool) {
        let scope = RegionScope(code: code, level: level)
        #expect(scope.contains(other) == inside)
        #expect((other >= scope.prefix && other < scope.upperBound) == inside, "range and prefix agree")
    }

    @Test("the upper bound carries over nines")
    func upperBound() {
        #expect(RegionScope(code: "419900", level: 2).upperBound == "4200")
        #expect(RegionScope(code: "410700", level: 2).upperBound == "4108")
        #expect(RegionScope(code: "650000", level: 1).upperBound == "66")
    }
}
