import Foundation
import Testing
@testable import App

@Suite("The one access scope")
struct AccessScopeTests {
    let company = UUID()
    let other = UUID()

    @Test("a company contains only its own records, whatever their region")
    func companyReach() {
        let scope = AccessScope(reach: .company(company))
        #expect(scope.contains(company: company, region: "410702"))
        #expect(scope.contains(company: company, region: "110101"))
        #expect(!scope.contains(company: other, region: "410702"))
        #expect(scope.ownCompany == company)
        #expect(!scope.acrossCompanies)
    }

    @Test("a city regulator contains its districts and no other city; a district regulator only its district")
    func regionReach() {
        let city = AccessScope(reach: .region(RegionScope(code: "410700", level: 2)))
        #expect(city.contains(company: company, region: "410702"))
        #expect(city.contains(company: other, region: "410700"))
        #expect(!city.contains(company: company, region: "410802"))
        let district = AccessScope(reach: .region(RegionScope(code: "410702", level: 3)))
        #expect(district.contains(company: company, region: "410702"))
        #expect(!district.contains(company: company, region: "410703"))
        #expect(district.acrossCompanies && district.ownCompany == nil)
    }

    @Test("the system administrator contains everything; the security and audit administrators nothing")
    func administrators() {
        #expect(AccessScope(reach: .everything).contains(company: other, region: "999999"))
        let none = AccessScope(reach: .nothing)
        #expect(!none.contains(company: company, region: "410702"))
        #expect(!none.acrossCompanies && none.ownCompany == nil && none.region == nil)
    }
}
