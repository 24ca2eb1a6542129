import Foundation
import HTTPTypes
import Testing

@testable import GenewebServer

/// How many exports and imports run at once: per client and in total, refused with 429 and
/// `Retry-After`, places given back when the work ends or its response is dropped.
@Suite("Export and import admission")
struct TransferAdmissionTests {
    static func settings(total: Int = 4, perClient: Int = 2, gw: Int = 1, imports: Int = 1) -> TransferSettings {
        var settings = TransferSettings()
        settings.exportsInTotal = total
        settings.exportsPerClient = perClient
        settings.wholeBaseExportsInTotal = gw
        settings.importsInTotal = imports
        return settings
    }

    static func refusal(_ body: () throws(APIError) -> TransferPass) -> APIError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test("a client past its exports is refused with 429 and Retry-After while others still get in")
    func perClient() throws {
        let admission = TransferAdmission(settings: Self.settings(total: 4, perClient: 2))
        let first = try admission.admitExport(client: "10.0.0.1", wholeBase: false)
        let second = try admission.admitExport(client: "10.0.0.1", wholeBase: false)
        let refused = try #require(Self.refusal { () throws(APIError) in try admission.admitExport(client: "10.0.0.1", wholeBase: false) })
        #expect(refused.status == .tooManyRequests)
        #expect(refused.code.rawValue == "RATE_LIMIT_EXCEEDED")
        #expect(refused.retryAfter == TransferAdmission.retryAfterSeconds)
        #expect(refused.headers[.retryAfter] == String(TransferAdmission.retryAfterSeconds))
        let other = try admission.admitExport(client: "10.0.0.2", wholeBase: false)
        first.release()
        let again = try admission.admitExport(client: "10.0.0.1", wholeBase: false)
        #expect(admission.runningCounts.exports == 3)
        _ = (second, other, again)
    }

    @Test("the total bounds all clients together; .gw exports have their own, tighter bound")
    func total() throws {
        let admission = TransferAdmission(settings: Self.settings(total: 3, perClient: 2, gw: 1))
        let passes = try ["a", "b", "c"].map { try admission.admitExport(client: $0, wholeBase: false) }
        #expect(Self.refusal { () throws(APIError) in try admission.admitExport(client: "d", wholeBase: false) }?.status == .tooManyRequests)
        passes[0].release()
        let gw = try admission.admitExport(client: "d", wholeBase: true)
        passes[1].release()
        #expect(Self.refusal { () throws(APIError) in try admission.admitExport(client: "e", wholeBase: true) }?.status == .tooManyRequests)
        let gedcom = try admission.admitExport(client: "e", wholeBase: false)
        gw.release()
        gedcom.release()
        passes[2].release()
        #expect(admission.runningCounts.exports == 0)
    }

    @Test("a pass is given back once, by release or when its response is dropped")
    func releasedOnce() throws {
        let admission = TransferAdmission(settings: Self.settings(total: 1, perClient: 1, imports: 1))
        do {
            let dropped = try admission.admitExport(client: "a", wholeBase: false)
            #expect(admission.runningCounts.exports == 1)
            _ = dropped
        }
        #expect(admission.runningCounts.exports == 0)
        let pass = try admission.admitImport()
        #expect(Self.refusal { () throws(APIError) in try admission.admitImport() }?.status == .tooManyRequests)
        pass.release()
        pass.release()
        #expect(admission.runningCounts.imports == 0)
        let next = try admission.admitImport()
        #expect(admission.runningCounts.imports == 1)
        _ = next
    }

    @Test("the limits come from GENEWEB_EXPORT_* and GENEWEB_IMPORT_MAX_CONCURRENT, with defaults, and bad values stop the start")
    func configuration() throws {
        let defaults = try AppConfiguration.load(environment: [:])
        #expect(defaults.transfers.exportsInTotal == 4 && defaults.transfers.exportsPerClient == 2)
        #expect(defaults.transfers.wholeBaseExportsInTotal == 1 && defaults.transfers.importsInTotal == 1)
        let set = try AppConfiguration.load(environment: [
            "GENEWEB_EXPORT_MAX_CONCURRENT": "8", "GENEWEB_EXPORT_MAX_PER_CLIENT": "3",
            "GENEWEB_EXPORT_MAX_CONCURRENT_GW": "2", "GENEWEB_IMPORT_MAX_CONCURRENT": "2",
        ])
        #expect(set.transfers.exportsInTotal == 8 && set.transfers.exportsPerClient == 3)
        #expect(set.transfers.wholeBaseExportsInTotal == 2 && set.transfers.importsInTotal == 2)
        for (name, value) in [
            ("GENEWEB_EXPORT_MAX_CONCURRENT", "0"), ("GENEWEB_EXPORT_MAX_PER_CLIENT", "many"), ("GENEWEB_IMPORT_MAX_CONCURRENT", "99999999999999999999"),
        ] {
            #expect(throws: ConfigurationError.self) { try AppConfiguration.load(environment: [name: value]) }
        }
    }
}
