import Foundation
import Testing
@testable import SecondFactor

@Suite struct OTPAuthURITests {
    static let issuer = "新乡市电梯维保监管系统"
    static let encodedIssuer = "%E6%96%B0%E4%B9%A1%E5%B8%82%E7%94%B5%E6%A2%AF%E7%BB%B4%E4%BF%9D%E7%9B%91%E7%AE%A1%E7%B3%BB%E7%BB%9F"

    @Test func chineseIssuerIsPercentEncodedAsUTF8() {
        let uri = OTPAuthURI(issuer: Self.issuer, account: "admin", secret: Array("12345678901234567890".utf8))
        #expect(uri.string == "otpauth://totp/\(Self.encodedIssuer):admin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=\(Self.encodedIssuer)&algorithm=SHA1&digits=6&period=30")
    }

    /// A name with a colon, an ampersand or a space cannot break the label or the query.
    @Test func reservedCharactersInNamesAreEncoded() throws {
        let uri = OTPAuthURI(issuer: "A&B=C", account: "李 工:a&b", secret: [1, 2, 3])
        #expect(uri.string.hasPrefix("otpauth://totp/A%26B%3DC:%E6%9D%8E%20%E5%B7%A5%3Aa%26b?"))
        let components = try #require(URLComponents(string: uri.string))
        #expect(components.scheme == "otpauth")
        #expect(components.host == "totp")
        #expect(components.path == "/A&B=C:李 工:a&b")
        let query = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(query == ["secret": "AEBAG", "issuer": "A&B=C", "algorithm": "SHA1", "digits": "6", "period": "30"])
    }

    @Test func unreservedCharactersStayAsTheyAre() {
        #expect(OTPAuthURI.percentEncode("Az09-._~") == "Az09-._~")
        #expect(OTPAuthURI.percentEncode("a+b /?#") == "a%2Bb%20%2F%3F%23")
    }
}
