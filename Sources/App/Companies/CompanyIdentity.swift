import Foundation
import Fluent
import Validation

/// The fields a company registers with (manual 1.1), checked the same way at registration and in the
/// 维保信息上报 edit form: required text, the 负责人手机, a county-level region, and a name and
/// certificate number no other company holds.
struct CompanyIdentity {
    var name, certificateNo, legalPerson, manager, managerPhone, address, regionCode: String

    /// Checks the raw values, adding every problem to `errors`; `companyID` is the company being edited.
    static func check(name: String, certificateNo: String, legalPerson: String, manager: String, managerPhone: String,
                      address: String, regionCode: String, companyID: UUID?, on db: any Database,
                      errors: inout FieldErrors) async throws -> CompanyIdentity {
        let identity = CompanyIdentity(
            name: errors.required("name", name, "单位名称"),
            certificateNo: errors.required("certificate_no", certificateNo, "资格证书编号", max: 50, code: true).uppercased(),
            legalPerson: errors.required("legal_person", legalPerson, "单位法人", max: 50),
            manager: errors.required("manager", manager, "负责人", max: 50),
            managerPhone: errors.required("manager_phone", managerPhone, "负责人手机", rule: MobilePhone.validate),
            address: errors.required("address", address, "单位地址", max: 200),
            regionCode: TextNormalizer.normalize(regionCode))

        let regions = RegionDirectory(db: db)
        if identity.regionCode.isEmpty { errors.add("region_code", "请单击“选择”选择行政区划") }
        else if try await regions.find(identity.regionCode) == nil { errors.add("region_code", "行政区划不存在，请重新选择") }
        else if try await regions.hasChildren(identity.regionCode) { errors.add("region_code", "请选择到区县一级的行政区划") }

        func others() -> QueryBuilder<Company> {
            let query = Company.query(on: db)
            if let companyID { query.filter(\.$id != companyID) }
            return query
        }
        if !identity.name.isEmpty, try await others().filter(\.$name == identity.name).first() != nil {
            errors.add("name", companyID == nil ? "该单位已注册，请勿重复注册；如忘记账号请使用“找回密码”" : "已有其他单位使用该单位名称")
        }
        if !identity.certificateNo.isEmpty, try await others().filter(\.$certificateNo == identity.certificateNo).first() != nil {
            errors.add("certificate_no", "该资格证书编号已被其他单位注册")
        }
        return identity
    }

    func apply(to company: Company) {
        company.name = name
        company.certificateNo = certificateNo
        company.legalPerson = legalPerson
        company.manager = manager
        company.managerPhone = managerPhone
        company.address = address
        company.regionCode = regionCode
    }
}
