import Foundation
import GenewebStore

// The answers of the data subject's rights (`GDPRController`).

/// One recorded consent decision.
struct ConsentPayload: Encodable {
    let consentStatus: String
    let processingPurposes: [String]
    let notes: String?
    let consentDate: String?
    let recordedBy: String
    let recordedAt: String

    init(_ record: ConsentRecord) {
        consentStatus = record.status.rawValue
        processingPurposes = record.purposes
        notes = record.notes
        consentDate = record.consentDate
        recordedBy = record.recordedBy
        recordedAt = UserResponse.timestamp(record.recordedAt)
    }
}

/// `/persons/{id}/gdpr-export`: everything stored about the person.
struct GDPRExportPayload: Encodable {
    let personData: PersonPayload
    let families: [FamilyPayload]
    let auditLogs: [AuditEntryPayload]
    let gdprConsents: [ConsentPayload]
    let exportRequestedBy: String
    let exportTimestamp: String
    let lawfulBasis: String
    let dataRetentionPeriod: String
}

/// `/persons/{id}/anonymize`: the identity is gone, the person's place in the tree kept.
struct AnonymizedPayload: Encodable {
    let success = true
    let message = "Person anonymized; family links kept"
    let personID: String
    let anonymizedAt: String
    let version: Int
}

/// `/persons/{id}/consent`: the latest decision and the whole history.
struct ConsentStatePayload: Encodable {
    let personID: String
    let consentStatus: String
    let consents: [ConsentPayload]

    init(personID: UUID, history: [ConsentRecord]) {
        self.personID = personID.uuidString.lowercased()
        consentStatus = history.last?.status.rawValue ?? ConsentRecord.Status.pending.rawValue
        consents = history.map(ConsentPayload.init)
    }
}

/// `/persons/{id}/data-processing-info`: what the base does with the person's data, and why.
struct ProcessingInfoPayload: Encodable {
    let personID: String
    let dataController: String
    let processingPurposes: [String]
    let lawfulBasis: String
    let dataRetentionPeriod: String
    let consentStatus: String
    let dataCategories = ["names", "sex", "life events with dates and places", "family links", "notes and sources"]
    let rights = ["access (gdpr-export)", "rectification (PUT/PATCH)", "erasure (anonymize)", "objection and consent withdrawal (consent)"]
    let visibility: String
}
