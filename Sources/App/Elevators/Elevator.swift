import Fluent
import SQLKit
import Vapor

/// An elevator on a maintenance company's register (manual 2.3): the working version the company edits.
/// An elevator (registration code) is maintained by one company at a time.
final class Elevator: RegisterRecord, @unchecked Sendable {
    static let schema = "elevators"

    @ID(key: .id) var id: UUID?
    @Field(key: "company_id") var companyID: UUID
    /// 设备名称, from the dictionary (free text is allowed with a warning).
    @Field(key: "equipment_name") var equipmentName: String
    /// 注册代码: 20 digits, or 17 as old systems hold them.
    @Field(key: "registration_code") var registrationCode: String
    @Field(key: "internal_no") var internalNo: String
    /// 救援电梯编号 (96333); nil when not given, so that the unique index allows many elevators without one.
    @OptionalField(key: "rescue_code") var rescueCode: String?
    /// ISO dates ("2014-09-02").
    @Field(key: "inspection_date") var inspectionDate: String
    @Field(key: "next_inspection_date") var nextInspectionDate: String
    /// 责任单位: the user unit (property company) responsible for the elevator's safe use.
    @Field(key: "user_unit") var userUnit: String
    @Field(key: "manufacturer") var manufacturer: String
    @Field(key: "safety_manager") var safetyManager: String
    @Field(key: "safety_manager_phone") var safetyManagerPhone: String
    /// Where the elevator stands; its regulators review it. The full name is kept for pages and history.
    @Field(key: "region_code") var regionCode: String
    @Field(key: "region_name") var regionName: String
    @Field(key: "address") var address: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    static let filingKind = FilingKind.elevator
    static var companyField: KeyPath<Elevator, FieldProperty<Elevator, UUID>> { \.$companyID }
    static var keyField: KeyPath<Elevator, FieldProperty<Elevator, String>> { \.$registrationCode }
    var key: String { registrationCode }
    var subject: String { "\(equipmentName) \(registrationCode)" }
    func regionCode(company: Company) -> String { regionCode }

    /// The manual: "已经生产维保、检测记录的数据的电梯，是无法删除的" — neither deleted nor deregistered once
    /// a maintenance or inspection record names it.
    static func deletionBlocker(_ id: UUID, on db: any Database) async throws -> String? {
        guard let filing = try await filingsByRecord([id], on: db)[id], let filingID = filing.id else { return nil }
        let maintained = try await MaintenanceRecord.query(on: db).filter(\.$elevatorFilingID == filingID).countRows()
        let inspected = try await InspectionRecord.query(on: db).filter(\.$elevatorFilingID == filingID).countRows()
        guard maintained + inspected > 0 else { return nil }
        return "电梯\(filing.subject)已有维保记录\(maintained)条、检验记录\(inspected)条，不能删除"
    }

    func snapshot() -> FilingSnapshot {
        FilingSnapshot(fields: [
            .init(key: "equipment_name", label: "设备名称", value: equipmentName),
            .init(key: "registration_code", label: "注册代码", value: registrationCode),
            .init(key: "internal_no", label: "内部编号", value: internalNo),
            .init(key: "rescue_code", label: "救援电梯编号", value: rescueCode ?? ""),
            .init(key: "inspection_date", label: "检验日期", value: inspectionDate),
            .init(key: "next_inspection_date", label: "下次检验日期", value: nextInspectionDate),
            .init(key: "user_unit", label: "责任单位", value: userUnit),
            .init(key: "manufacturer", label: "制造单位", value: manufacturer),
            .init(key: "safety_manager", label: "安全管理员", value: safetyManager),
            .init(key: "safety_manager_phone", label: "安全管理员电话", value: safetyManagerPhone),
            .init(key: "region", label: "行政区划", value: regionName),
            .init(key: "address", label: "安装地址", value: address),
        ], attachments: [])
    }

    func apply(_ v: ElevatorValidator.Valid) {
        equipmentName = v.equipmentName; registrationCode = v.registrationCode; internalNo = v.internalNo
        rescueCode = v.rescueCode.isEmpty ? nil : v.rescueCode
        inspectionDate = v.inspectionDate; nextInspectionDate = v.nextInspectionDate
        userUnit = v.userUnit; manufacturer = v.manufacturer
        safetyManager = v.safetyManager; safetyManagerPhone = v.safetyManagerPhone; address = v.address
        // An import row carries no 行政区划: a new elevator takes the company's, an existing one keeps its own.
        if !v.regionIsDefault || $regionCode.value == nil {
            regionCode = v.regionCode
            regionName = v.regionName
        }
    }

    /// The record's cells in the template's column order (导出).
    var sheetCells: [String] {
        [equipmentName, registrationCode, internalNo, inspectionDate, nextInspectionDate, userUnit, manufacturer,
         safetyManager, safetyManagerPhone, rescueCode ?? "", address]
    }
}

extension Elevator: PlainRowModel {
    static func fromPlainRow(_ row: any SQLRow) throws -> Elevator {
        let e = Elevator()
        e.id = try row.decode(column: "id", as: UUID.self)
        e.companyID = try row.decode(column: "company_id", as: UUID.self)
        e.equipmentName = try row.decode(column: "equipment_name", as: String.self)
        e.registrationCode = try row.decode(column: "registration_code", as: String.self)
        e.internalNo = try row.decode(column: "internal_no", as: String.self)
        e.rescueCode = try row.decode(column: "rescue_code", as: String?.self)
        e.inspectionDate = try row.decode(column: "inspection_date", as: String.self)
        e.nextInspectionDate = try row.decode(column: "next_inspection_date", as: String.self)
        e.userUnit = try row.decode(column: "user_unit", as: String.self)
        e.manufacturer = try row.decode(column: "manufacturer", as: String.self)
        e.safetyManager = try row.decode(column: "safety_manager", as: String.self)
        e.safetyManagerPhone = try row.decode(column: "safety_manager_phone", as: String.self)
        e.regionCode = try row.decode(column: "region_code", as: String.self)
        e.regionName = try row.decode(column: "region_name", as: String.self)
        e.address = try row.decode(column: "address", as: String.self)
        e.createdAt = try row.decode(column: "created_at", as: Date.self)
        e._$id.exists = true
        return e
    }
}

extension Elevator {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $companyID, $equipmentName, $registrationCode, $internalNo, $rescueCode, $inspectionDate,
            $nextInspectionDate, $userUnit, $manufacturer, $safetyManager, $safetyManagerPhone, $regionCode, $regionName,
            $address, $createdAt
        ]
    }
}
