import Fluent
import Foundation

/// 使用单位确认 of one visit: who confirmed it for the user unit, the SMS code they were sent (its hash only)
/// and typed back, and their signature. See `M042_CreateVisitConfirmations`.
final class VisitConfirmation: Model, @unchecked Sendable {
    static let schema = "visit_confirmations"

    @ID(custom: "visit_id", generatedBy: .user) var id: UUID?
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "confirmer_name") var confirmerName: String
    @Field(key: "confirmer_phone") var confirmerPhone: String
    @Field(key: "code_hash") var codeHash: String
    @OptionalField(key: "code_sent_at") var codeSentAt: Date?
    @OptionalField(key: "code_expires_at") var codeExpiresAt: Date?
    @Field(key: "code_attempts") var codeAttempts: Int
    @OptionalField(key: "code_verified_at") var codeVerifiedAt: Date?
    /// The signature's PNG in the file storage; empty until signed.
    @Field(key: "signature_sha256") var signatureSHA256: String
    @OptionalField(key: "signed_at") var signedAt: Date?
    @OptionalField(key: "signed_by_id") var signedByID: UUID?
    @Field(key: "signed_by_name") var signedByName: String
    @OptionalField(key: "device_time") var deviceTime: Date?

    init() {}

    var isSigned: Bool { signedAt != nil }
}

extension VisitConfirmation {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $companyID, $confirmerName, $confirmerPhone, $codeHash, $codeSentAt, $codeExpiresAt, $codeAttempts, $codeVerifiedAt,
            $signatureSHA256, $signedAt, $signedByID, $signedByName, $deviceTime,
        ]
    }
}
