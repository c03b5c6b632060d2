import Testing
import Validation

@Suite struct FieldErrorTests {
    @Test func keepsMessage() {
        #expect(FieldError("请输入用户名").message == "请输入用户名")
    }

    @Test func equalityFollowsMessage() {
        #expect(FieldError("a") == FieldError("a"))
        #expect(FieldError("a") != FieldError("b"))
    }

    @Test func isThrowableAsError() {
        #expect(throws: FieldError("坏")) { throw FieldError("坏") }
    }
}
