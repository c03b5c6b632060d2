import Validation

/// The thresholds of the supervision rules (issue 7). Defaults follow TSG T5002-2017 and common practice;
/// each can be changed in configuration.
public struct SupervisionThresholds: Sendable, Equatable {
    /// 特种设备安全监察条例 第三十一条: at least every 15 days.
    public var halfMonthlyDays = 15
    /// A warning this many days after the last visit, before the 15 have run out.
    public var halfMonthlyWarningDays = 12
    public var quarterlyDays = 92
    public var halfYearlyDays = 183
    public var yearlyDays = 366
    /// 检验即将到期: the next inspection within this many days.
    public var inspectionWarningDays = 30
    /// Certificates and qualifications: warned at each of these days before expiry, largest first.
    public var expiryWarningDays = [90, 60, 30, 7]
    /// A record filed more than this many days after the work is flagged as 补录.
    public var lateFilingDays = 3

    /// 按需维保: the interval a regulator may set for one elevator instead of `halfMonthlyDays` (pilots with
    /// remote monitoring lengthen it; a worn elevator may be held to a shorter one).
    public static let customIntervalDays = 7...90

    public init() {}

    /// How many days before a half-monthly visit falls due its warning starts (3 with 15 and 12).
    public var halfMonthlyWarningLead: Int { halfMonthlyDays - halfMonthlyWarningDays }

    /// The days allowed between two visits that cover `level`.
    public func interval(_ level: MaintenanceLevel) -> Int {
        switch level {
        case .halfMonthly: halfMonthlyDays
        case .quarterly: quarterlyDays
        case .halfYearly: halfYearlyDays
        case .yearly: yearlyDays
        }
    }
}

/// The rules a regulator supervises, each one count on the dashboard and one list behind it.
public enum SupervisionRule: String, CaseIterable, Sendable {
    case overdue = "overdue"                      // 超期未维保
    case dueSoon = "due-soon"                     // 即将超期
    case quarterlyOverdue = "quarterly-overdue"
    case halfYearlyOverdue = "half-yearly-overdue"
    case yearlyOverdue = "yearly-overdue"
    case inspectionDueSoon = "inspection-due-soon"  // 检验即将到期
    case inspectionOverdue = "inspection-overdue"   // 检验超期
    case certificateExpiring = "certificate-expiring"
    case certificateExpired = "certificate-expired"
    case qualificationExpiring = "qualification-expiring"
    case qualificationExpired = "qualification-expired"
    case lateFiling = "late-filing"

    public var title: String {
        switch self {
        case .overdue: "超期未维保"
        case .dueSoon: "即将超期（半月维保）"
        case .quarterlyOverdue: "季度维保超期"
        case .halfYearlyOverdue: "半年维保超期"
        case .yearlyOverdue: "年度维保超期"
        case .inspectionDueSoon: "检验即将到期"
        case .inspectionOverdue: "检验超期"
        case .certificateExpiring: "人员证书即将到期"
        case .certificateExpired: "人员证书已过期"
        case .qualificationExpiring: "单位资质即将到期"
        case .qualificationExpired: "单位资质已过期"
        case .lateFiling: "维保记录补录"
        }
    }

    /// What the rule's list holds.
    public enum Subject: Sendable { case elevator, staff, company, record }

    public var subject: Subject {
        switch self {
        case .overdue, .dueSoon, .quarterlyOverdue, .halfYearlyOverdue, .yearlyOverdue, .inspectionDueSoon, .inspectionOverdue: .elevator
        case .certificateExpiring, .certificateExpired: .staff
        case .qualificationExpiring, .qualificationExpired: .company
        case .lateFiling: .record
        }
    }

    /// Whether the rule marks something already wrong (red) rather than about to be (amber).
    public var isViolation: Bool {
        switch self {
        case .dueSoon, .inspectionDueSoon, .certificateExpiring, .qualificationExpiring: false
        default: true
        }
    }
}

/// The dates that decide each rule on a given day: a rule holds for an elevator whose last visit (or
/// other date) lies on the wrong side of its cut-off. Computed once per request so that every count and
/// list of a page judges by the same day.
public struct SupervisionDay: Sendable {
    public let today: CivilDate
    public let thresholds: SupervisionThresholds

    public init(today: CivilDate, thresholds: SupervisionThresholds) {
        self.today = today
        self.thresholds = thresholds
    }

    /// The date `n` days from today.
    public func days(_ n: Int) -> CivilDate { CivilDate(daysSince1970: today.daysSince1970 + n)! }

    /// The last visit covering `level` must be on or after this date, else the visit is overdue: with
    /// 15 days allowed, a visit 15 days ago is on time today and 16 days ago is not.
    public func lastAllowedVisit(_ level: MaintenanceLevel) -> CivilDate { days(-thresholds.interval(level)) }

    /// A half-monthly visit this long ago or longer (but not overdue) gets the warning.
    public var warningVisit: CivilDate { days(-thresholds.halfMonthlyWarningDays) }

    /// 检验即将到期: the next inspection on or before this date (and not passed).
    public var inspectionWarningDate: CivilDate { days(thresholds.inspectionWarningDays) }

    /// Certificates expiring on or before this date are warned of (the largest warning period).
    public var expiryWarningDate: CivilDate { days(thresholds.expiryWarningDays.max() ?? 90) }

    /// Days from today to `date` (negative when passed).
    public func daysUntil(_ date: CivilDate) -> Int { date.daysSince1970 - today.daysSince1970 }

    /// The warning step an expiry falls in: 90, 60, 30 or 7 days before, or nil when further off or passed.
    public func expiryStep(_ expires: CivilDate) -> Int? {
        let left = daysUntil(expires)
        guard left >= 0 else { return nil }
        return thresholds.expiryWarningDays.sorted().first { left <= $0 }
    }

    /// The last day a half-monthly visit after `lastVisit` is on time, for an elevator allowed `intervalDays`
    /// (stored as its due date: the elevator is overdue once today is later, 即将超期 from `warningDue`).
    public static func visitDue(after lastVisit: CivilDate, intervalDays: Int) -> CivilDate {
        CivilDate(daysSince1970: lastVisit.daysSince1970 + intervalDays)!
    }

    /// A visit due on or before this date (and not yet overdue) gets the warning, whatever the elevator's
    /// interval: the same lead before the due date as the default's (day 12 of 15: 3 days).
    public var warningDue: CivilDate { days(thresholds.halfMonthlyWarningLead) }

    /// Whether a visit on `lastVisit` covering the level leaves the elevator overdue today.
    public func isOverdue(lastVisit: CivilDate, level: MaintenanceLevel) -> Bool { lastVisit < lastAllowedVisit(level) }

    /// Whether a half-monthly visit on `lastVisit` is due soon (warning, not yet overdue).
    public func isDueSoon(lastVisit: CivilDate) -> Bool {
        !isOverdue(lastVisit: lastVisit, level: .halfMonthly) && lastVisit <= warningVisit
    }
}
