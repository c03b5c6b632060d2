import Fluent
import Foundation
import Validation

/// Whether a 维保人员 may work on records today: the staff filing their account belongs to is approved and
/// in force (it stands in the archive, for the account's company), and its certificate has not expired.
/// Losing either ends check-in at once; the account still opens, to show the worker why.
enum WorkerStanding {
    /// The worker's approved staff row, or the reason they may not work.
    static func check(_ user: CurrentUser, today: CivilDate, on db: any Database) async throws -> Result<ArchivedStaff, Refusal> {
        guard user.role == .worker, let filingID = user.staffFilingID, let companyID = user.companyID,
              let staff = try await ArchivedStaff.find(filingID, on: db), staff.companyID == companyID else {
            return .failure(Refusal("您的人员备案不在审核通过的档案中（已注销或未通过审核），不能签到作业，请联系所在公司"))
        }
        if let expires = TextDate.parse(staff.certificateExpires), expires < today {
            return .failure(Refusal("您的作业证书（\(staff.certificateNo)）已于\(expires.iso)过期，不能签到作业，请联系所在公司更新证书"))
        }
        return .success(staff)
    }

    struct Refusal: Error, Equatable { let message: String; init(_ message: String) { self.message = message } }
}
