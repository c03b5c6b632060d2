import Foundation
import Supervision

/// One maintenance record as filed: the visit, its checklist with results, the workers and their
/// certificates, the confirmer, who filed it when, its hash, and the records it corrects or that correct it.
struct MaintenanceViewPage: Encodable {
    let layout: Layout
    let heading: String
    let facts: [Fact]
    let items: [Item]
    let exceptions: Int
    let workers: [MaintenanceRecordWorker]
    let findings: String
    let amendsURL: String?
    let amendmentReason: String
    let correctionURL: String?
    let correctionFiled: String?
    let amendURL: String?
    let hash: String
    let backURL: String
    /// The 现场作业 visit the record was filed for: who checked in, when, how long; nil for a record filed
    /// without check-in.
    var siteVisit: Fact? = nil
    var siteVisitURL: String? = nil
    /// The visit's photos (现场照片), each with its place.
    var sitePhotos: [SitePhoto] = []
    /// The user unit's signature on the visit (使用单位确认).
    var confirmed: VisitsController.Confirmed? = nil
    struct SitePhoto: Encodable { let slot: String; let photo: VisitsController.PhotoView }
    /// What its proof lacks (无签到, 异地签到, 时长不足, …), each with the company's explanation and whether a
    /// regulator accepted it.
    var flags: [FlagLine] = [] {
        didSet { flagExplanation = flags.map(\.explanation).first { !$0.isEmpty } }
    }
    /// The company's explanation of the flags (one for the record).
    private(set) var flagExplanation: String?
    /// Where the company explains the open flags, and where a regulator accepts the explanation.
    var explainURL: String? = nil
    var acceptURL: String? = nil

    struct FlagLine: Encodable { let flag: String; let detail: String; let state: String; let explanation: String }

    struct Fact: Encodable { let label: String; let value: String }
    struct Item: Encodable { let number: Int; let level: String; let item: String; let requirement: String; let result: String; let flagged: Bool }

    init(layout: Layout, record r: MaintenanceRecord, companyName: String, forCompany: Bool, correction: MaintenanceRecord?) {
        self.layout = layout
        heading = "维保记录：\(r.registrationCode) \(r.workDate) \(r.level)维保"
        var facts = [
            Fact(label: "注册代码", value: r.registrationCode), Fact(label: "设备名称", value: r.equipmentName),
            Fact(label: "设备类别", value: ElevatorKind(rawValue: r.elevatorKind)?.label ?? r.elevatorKind),
            Fact(label: "使用单位", value: r.userUnit), Fact(label: "维保单位", value: companyName),
            Fact(label: "维保日期", value: r.workDate), Fact(label: "维保类型", value: r.level),
            Fact(label: "使用单位确认人", value: "\(r.confirmerName)（\(r.confirmerPhone)）"),
            Fact(label: "填报", value: "\(r.filedByName)，\(DisplayDate.minute(r.filedAt))"),
        ]
        if let late = MaintenanceRecord.lateDays(r), late > 0 { facts.append(Fact(label: "补录", value: "维保后第\(late)天才填报")) }
        self.facts = facts
        items = r.itemList.enumerated().map { n, i in
            Item(number: n + 1, level: i.level, item: i.item, requirement: i.requirement, result: i.result, flagged: i.result != ItemResult.normal.rawValue)
        }
        exceptions = items.filter(\.flagged).count
        workers = r.workerList
        findings = r.findings
        amendsURL = r.amendsID.map { SiteURL.maintenance(.view($0)).path }
        amendmentReason = r.amendmentReason
        correctionURL = correction.map { SiteURL.maintenance(.view($0.id)).path }
        correctionFiled = correction.map { DisplayDate.minute($0.filedAt) }
        amendURL = forCompany && correction == nil ? SiteURL.maintenance(.amend(r.id)).path : nil
        hash = r.hash
        backURL = SiteURL.maintenance(.list).path
    }
}
