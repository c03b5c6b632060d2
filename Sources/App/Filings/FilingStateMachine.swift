/// The filing and review rules in one place, free of storage: from a record's two statuses and an
/// action, the statuses after it, or why the action is not allowed now.
///
/// create → 待上报/新增. An edit of an approved record → 待上报/更改 (the archive keeps the approved
/// version). 审核上报 → 审核中; nothing can be edited or deleted while 审核中 until it is withdrawn
/// (撤回 → 待上报). 通过 → 通过/正常使用 (a deregistration stays 注销, now done). 驳回 → 未通过; the
/// company edits and submits again.
enum FilingStateMachine {
    struct State: Equatable, Sendable {
        var review: ReviewStatus
        var info: InfoStatus
    }

    static let initial = State(review: .draft, info: .new)

    static func apply(_ action: FilingAction, to state: State) -> Result<State, FilingRefusal> {
        switch (action, state.review) {
        case (.create, _):
            return .failure(.notAllowed("记录已存在"))
        case (.edit, .pending), (.requestDeregistration, .pending), (.delete, .pending):
            return .failure(.underReview)
        case (.delete, _):
            // Only a record never approved can simply go; an approved one is deregistered through review.
            return state.info == .new ? .success(state) : .failure(.notAllowed("已审核通过的记录不能直接删除，应申请注销"))
        case (.edit, .approved):
            // A deregistered record has left the archive: it cannot be edited back to life.
            if state.info == .deregistered { return .failure(.notAllowed("该记录已注销，不能修改")) }
            return .success(State(review: .draft, info: .changed))
        case (.edit, .draft), (.edit, .rejected):
            // A record whose deregistration was refused becomes an ordinary change again when edited.
            let info: InfoStatus = state.info == .new ? .new : .changed
            return .success(State(review: .draft, info: info))
        case (.submit, .draft), (.submit, .rejected):
            return .success(State(review: .pending, info: state.info))
        case (.submit, .pending):
            return .failure(.notAllowed("该记录已在审核中"))
        case (.submit, .approved):
            return .failure(.notAllowed("该记录已审核通过，无需重复上报；修改后才需要重新上报"))
        case (.withdraw, .pending):
            return .success(State(review: .draft, info: state.info))
        case (.withdraw, _):
            return .failure(.notAllowed("只有审核中的记录可以撤回"))
        case (.approve, .pending):
            return .success(State(review: .approved, info: state.info == .deregistered ? .deregistered : .normal))
        case (.reject, .pending):
            return .success(State(review: .rejected, info: state.info))
        case (.approve, _), (.reject, _):
            return .failure(.alreadyDecided)
        case (.recordInspection, .pending):
            // Its approval would write the dates of the version under review over the inspection's.
            return .failure(.notAllowed("该电梯有待审核的变更或注销，请先审核后再录入检验结果"))
        case (.recordInspection, _):
            if state.info == .new { return .failure(.notAllowed("该电梯尚未审核通过，不能录入检验结果")) }
            if state.info == .deregistered && state.review == .approved { return .failure(.notAllowed("该电梯已注销")) }
            return .success(state)
        case (.requestDeregistration, .approved) where state.info == .deregistered:
            return .failure(.notAllowed("该记录已注销"))
        case (.requestDeregistration, .draft), (.requestDeregistration, .rejected), (.requestDeregistration, .approved):
            // Only a record that has been approved before has anything in the archive to take out.
            if state.info == .new { return .failure(.notAllowed("尚未审核通过的记录可以直接删除")) }
            return .success(State(review: .pending, info: .deregistered))
        }
    }
}

/// Why an action was refused, in the words the user sees.
enum FilingRefusal: Error, Equatable, Sendable {
    case underReview
    case alreadyDecided
    case notAllowed(String)
    case invalid([String])

    var message: String {
        switch self {
        case .underReview: "该记录正在审核中，不能修改或删除；如需修改，请先撤回"
        case .alreadyDecided: "该记录已被其他审核人员处理，请刷新后查看"
        case .notAllowed(let reason): reason
        case .invalid(let reasons): "信息不完整，不能上报：" + reasons.joined(separator: "；")
        }
    }
}
