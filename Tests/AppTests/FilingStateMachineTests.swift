@testable import App
import Testing

@Suite("The filing state machine: every action from every state")
struct FilingStateMachineTests {
    typealias S = FilingStateMachine.State

    static let allStates: [S] = ReviewStatus.allCases.flatMap { r in InfoStatus.allCases.map { S(review: r, info: $0) } }

    /// The expected outcome of each action, written out independently of the implementation.
    static func expected(_ action: FilingAction, _ s: S) -> S? {
        switch action {
        case .create: return nil
        case .edit:
            switch s.review {
            case .pending: return nil
            case .approved: return s.info == .deregistered ? nil : S(review: .draft, info: .changed)
            case .draft, .rejected: return S(review: .draft, info: s.info == .new ? .new : .changed)
            }
        case .submit: return s.review == .draft || s.review == .rejected ? S(review: .pending, info: s.info) : nil
        case .withdraw: return s.review == .pending ? S(review: .draft, info: s.info) : nil
        case .approve: return s.review == .pending ? S(review: .approved, info: s.info == .deregistered ? .deregistered : .normal) : nil
        case .reject: return s.review == .pending ? S(review: .rejected, info: s.info) : nil
        case .requestDeregistration:
            if s.review == .pending || s.info == .new || (s.review == .approved && s.info == .deregistered) { return nil }
            return S(review: .pending, info: .deregistered)
        case .delete:
            return s.review != .pending && s.info == .new ? s : nil
        case .recordInspection:
            // Only an elevator in the archive, with no version waiting whose approval would undo the dates.
            if s.review == .pending || s.info == .new || (s.review == .approved && s.info == .deregistered) { return nil }
            return s
        }
    }

    @Test("each action from each state", arguments: FilingAction.allCases)
    func everyTransition(action: FilingAction) {
        for state in Self.allStates {
            let result = FilingStateMachine.apply(action, to: state)
            switch (result, Self.expected(action, state)) {
            case (.success(let got), let want?): #expect(got == want, "\(action) from \(state)")
            case (.failure, nil): break
            case (.success(let got), nil): Issue.record("\(action) from \(state) should be refused, got \(got)")
            case (.failure(let why), let want?): Issue.record("\(action) from \(state) should give \(want), refused: \(why)")
            }
        }
    }

    @Test("the manual's path: new → submitted → approved → edited → 更改 → approved → 正常使用")
    func lifecycle() throws {
        var s = FilingStateMachine.initial
        #expect(s == S(review: .draft, info: .new))
        s = try FilingStateMachine.apply(.submit, to: s).get()
        #expect(s == S(review: .pending, info: .new))
        #expect(FilingStateMachine.apply(.edit, to: s) == .failure(.underReview))
        s = try FilingStateMachine.apply(.reject, to: s).get()
        #expect(s == S(review: .rejected, info: .new))
        s = try FilingStateMachine.apply(.edit, to: s).get()
        s = try FilingStateMachine.apply(.submit, to: s).get()
        s = try FilingStateMachine.apply(.approve, to: s).get()
        #expect(s == S(review: .approved, info: .normal))
        s = try FilingStateMachine.apply(.edit, to: s).get()
        #expect(s == S(review: .draft, info: .changed))
        s = try FilingStateMachine.apply(.submit, to: s).get()
        s = try FilingStateMachine.apply(.approve, to: s).get()
        #expect(s == S(review: .approved, info: .normal))
        #expect(FilingStateMachine.apply(.approve, to: s) == .failure(.alreadyDecided))
    }

    @Test("refusals read as the user should see them")
    func messages() {
        #expect(FilingRefusal.underReview.message.contains("撤回"))
        #expect(FilingRefusal.invalid(["请上传附件"]).message.contains("请上传附件"))
    }
}
