import Foundation
import GenewebFormats
import GenewebStore

/// `POST /import`: what was read into the base, with the reader's warnings.
struct ImportReportPayload: Encodable {
    let base: String
    let format: String
    let persons, families, sources, repositories, notes, media: Int
    let warnings: [String]
    let elapsedSeconds: Double

    init(_ report: ImportReport) {
        base = report.base
        format = report.format
        persons = report.persons
        families = report.families
        sources = report.sources
        repositories = report.repositories
        notes = report.notes
        media = report.media
        warnings = report.warnings
        elapsedSeconds = report.elapsedSeconds
    }
}
