import Foundation
import GenewebCore
import GenewebStore
import Hummingbird

/// `/api/v1/persons/{id}/gdpr-export`, `/anonymize`, `/consent`, `/data-processing-info`
/// (and per base): the data subject's rights over what the tree holds about them.
struct GDPRController {
    let persons: PersonRepository
    let families: FamilyRepository
    let consents: ConsentRepository
    let audit: AuditRepository
    let scope: BaseScope

    static let lawfulBasis = "Legitimate interest (GDPR art. 6(1)(f)): genealogical research by the base's owners; consent where recorded"
    static let retention = "Kept until the person or their family asks for erasure; erasure anonymizes the record and keeps the tree's shape"
    static let purposes = ["genealogical research", "family history publication (deceased persons only without consent)"]

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        for prefix in BaseScope.paths("/persons/:person_id") {
            router.route(.get, "\(prefix)/gdpr-export", access: .editor, in: catalog, use: export)
            router.route(.post, "\(prefix)/anonymize", access: .admin, in: catalog, use: anonymize)
            router.route(.get, "\(prefix)/consent", access: .editor, in: catalog, use: consentHistory)
            router.route(.post, "\(prefix)/consent", access: .editor, in: catalog, use: recordConsent)
            router.route(.get, "\(prefix)/data-processing-info", access: .signedIn, in: catalog, use: processingInfo)
        }
    }

    /// Everything stored about the person: the record, their families, consents and the audit trail.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let person = try await find(context, base: base.id)
        let id = person.value.id.uuid
        let evidence = try await persons.livingEvidence(for: [id])[id] ?? LivingEvidence()
        let familyPayloads = try await FamilyPresenter(persons: persons, privacy: PrivacyPolicy(role: context.role, base: base))
            .payloads(try await families.families(of: id, base: base.id), base: base.id)
        let trail = try await audit.entries(entityID: id.uuidString.lowercased(), offset: 0, limit: 10_000).entries
        let payload = GDPRExportPayload(
            personData: PersonPayload(person, isLiving: LivingRule().isLiving(person.value, evidence: evidence)),
            families: familyPayloads, auditLogs: trail.map(AuditEntryPayload.init),
            gdprConsents: try await consents.history(of: id, base: base.id).map(ConsentPayload.init),
            exportRequestedBy: context.identity?.username ?? "", exportTimestamp: Date().formatted(.iso8601),
            lawfulBasis: Self.lawfulBasis, dataRetentionPeriod: Self.retention
        )
        try await audit.record(entry("person.gdpr_export", id: id, base: base.name, context: context))
        var headers = HTTPFields()
        headers[.contentDisposition] = "attachment; filename=\"gdpr-export-\(id.uuidString.lowercased()).json\""
        headers[.cacheControl] = "no-store"
        return try JSONResponse.encode(payload, headers: headers)
    }

    struct AnonymizeRequest: Decodable {
        let reason: String
        let confirmIrreversible: Bool
        let legalBasis: String?
        let retainStatistical: Bool?
        enum CodingKeys: String, CodingKey {
            case reason
            case confirmIrreversible = "confirm_irreversible"
            case legalBasis = "legal_basis"
            case retainStatistical = "retain_statistical"
        }
    }

    @Sendable func anonymize(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await RequestBody.json(AnonymizeRequest.self, from: request, context: context)
        guard body.confirmIrreversible else {
            throw APIError.validation([FieldError(field: "confirm_irreversible", message: "must be true: anonymization cannot be undone")])
        }
        guard !body.reason.trimmingCharacters(in: .whitespaces).isEmpty, body.reason.count <= 1000 else {
            throw APIError.validation([FieldError(field: "reason", message: "is required (at most 1000 characters)")])
        }
        let base = try await scope.resolve(request, context)
        let person = try await find(context, base: base.id)
        if Anonymizer.isAnonymized(person.value) { throw APIError.conflict("This person is already anonymized") }
        // The store numbers the placeholder name inside the write (`smallestFree`).
        let anonymized = Anonymizer.anonymize(person.value, occurrence: 0, keepYears: body.retainStatistical ?? true, on: Date().formatted(.iso8601))
        let record = entry(
            "person.anonymize", id: anonymized.id.uuid, base: base.name, context: context,
            details: [
                "reason": String(body.reason.prefix(200)), "legal_basis": body.legalBasis ?? "", "version_before": String(person.version),
            ])
        let stored = try await persons.update(
            anonymized, base: base.id, expectedVersion: person.version, occurrence: .smallestFree, erasingHistory: true, audit: record)
        return try JSONResponse.encode(
            AnonymizedPayload(personID: stored.value.id.uuid.uuidString.lowercased(), anonymizedAt: Date().formatted(.iso8601), version: stored.version))
    }

    @Sendable func consentHistory(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let person = try await find(context, base: base.id)
        let history = try await consents.history(of: person.value.id.uuid, base: base.id)
        return try JSONResponse.encode(ConsentStatePayload(personID: person.value.id.uuid, history: history))
    }

    struct ConsentUpdate: Decodable {
        struct Item: Decodable {
            let consentStatus: String
            let processingPurposes: [String]
            let consentDate: String?
            let notes: String?
            enum CodingKeys: String, CodingKey {
                case notes
                case consentStatus = "consent_status"
                case processingPurposes = "processing_purposes"
                case consentDate = "consent_date"
            }
        }
        let consents: [Item]
        let notes: String?
    }

    @Sendable func recordConsent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await RequestBody.json(ConsentUpdate.self, from: request, context: context)
        let base = try await scope.resolve(request, context)
        let person = try await find(context, base: base.id)
        var errors: [FieldError] = []
        if body.consents.isEmpty || body.consents.count > 50 { errors.append(FieldError(field: "consents", message: "1 to 50 entries")) }
        let now = Int64(Date().timeIntervalSince1970)
        let records: [ConsentRecord] = body.consents.enumerated().compactMap { index, item in
            guard let status = ConsentRecord.Status(rawValue: item.consentStatus) else {
                errors.append(FieldError(field: "consents.\(index).consent_status", message: "must be pending, granted, withdrawn or not_required"))
                return nil
            }
            if item.processingPurposes.count > 20 || item.processingPurposes.contains(where: { $0.count > 200 || $0.contains("\n") }) {
                errors.append(FieldError(field: "consents.\(index).processing_purposes", message: "at most 20 one-line purposes of 200 characters"))
            }
            if (item.notes ?? body.notes)?.count ?? 0 > 1000 {
                errors.append(FieldError(field: "consents.\(index).notes", message: "at most 1000 characters"))
            }
            if let date = item.consentDate, (try? Date(date, strategy: .iso8601)) == nil, DateInput.parse(date).isFailure {
                errors.append(FieldError(field: "consents.\(index).consent_date", message: "must be an ISO-8601 date"))
            }
            return ConsentRecord(
                status: status, purposes: item.processingPurposes, notes: item.notes ?? body.notes,
                consentDate: item.consentDate, recordedBy: context.identity?.username ?? "", recordedAt: now)
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
        let id = person.value.id.uuid
        try await consents.append(
            records, person: id, base: base.id,
            audit: entry(
                "person.consent", id: id, base: base.name, context: context,
                details: [
                    "statuses": records.map(\.status.rawValue).joined(separator: ",")
                ]))
        return try JSONResponse.encode(ConsentStatePayload(personID: id, history: try await consents.history(of: id, base: base.id)))
    }

    @Sendable func processingInfo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let person = try await find(context, base: base.id)
        let history = try await consents.history(of: person.value.id.uuid, base: base.id)
        let living = LivingRule().isLiving(
            person.value, evidence: try await persons.livingEvidence(for: [person.value.id.uuid])[person.value.id.uuid] ?? LivingEvidence())
        return try JSONResponse.encode(
            ProcessingInfoPayload(
                personID: person.value.id.uuid.uuidString.lowercased(), dataController: "The owners of base \(base.name)",
                processingPurposes: Self.purposes, lawfulBasis: Self.lawfulBasis, dataRetentionPeriod: Self.retention,
                consentStatus: history.last?.status.rawValue ?? "pending",
                visibility: living || person.value.access == .private ? "restricted to editors and admins" : "public"
            ))
    }

    private func find(_ context: AppRequestContext, base: Int) async throws -> Stored<Person> {
        let raw = try context.parameters.require("person_id")
        guard let id = UUID(uuidString: raw), let stored = try await persons.find(id, base: base) else {
            throw APIError.notFound("Person not found")
        }
        return stored
    }

    private func entry(_ action: String, id: UUID, base: String, context: AppRequestContext, details: [String: String] = [:]) -> AuditEntry {
        context.auditEntry(action, entityType: "person", entityID: id.uuidString.lowercased(), base: base, details: details)
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
