import Foundation
import GenewebFormats

/// What reading one fuzz case gave: a document's measures, or the error that refused the file.
public struct FuzzReading: Sendable {
    /// The refusal, when the file was not read (`GedcomFileError`, `GenewebFileError`).
    public var error: (any Error)?
    public var format = ""
    /// Persons, families, sources, repositories, notes, media and other records read.
    public var records = 0
    public var warnings = 0
    /// UTF-8 bytes of every text of the document except the warnings.
    public var textBytes = 0
    /// Texts of the document, warnings included, that hold a NUL character.
    public var textsWithNul: [String] = []
    /// Lines of the input (LF, CR or CRLF ends).
    public var lines = 0
    /// Records of the survey (`GedcomSurvey`) for GEDCOM files.
    public var surveyed = 0
}

extension ReaderFuzz {
    /// Reads a case the way an import does (`GenealogyFile.open`, then persons a batch at a
    /// time and the rest), plus the GEDCOM survey, and measures the result.
    public static func read(_ fuzzCase: FuzzCase) -> FuzzReading {
        var reading = FuzzReading()
        reading.lines = FuzzMutator.lineRanges(fuzzCase.bytes).count
        let opened: OpenedGenealogyFile
        do {
            opened = try GenealogyFile.open(fuzzCase.bytes, fileName: fuzzCase.file, format: .auto)
        } catch {
            reading.error = error
            return reading
        }
        reading.format = opened.formatName
        // The survey reads the file a second time: one case in four is enough to exercise it.
        if case .gedcom(let file) = opened, fuzzCase.index % 4 == 0 {
            reading.surveyed = GedcomSurvey(file).recordCounts.values.reduce(0, +)
        }
        var stream = opened.stream()
        var measure = TextMeasure()
        while case let batch = stream.nextPersons(upTo: 100), !batch.isEmpty {
            reading.records += batch.count
            for person in batch { measure.walk(person) }
        }
        let rest = stream.finish()
        reading.records +=
            rest.persons.count + rest.families.count + rest.sources.count + rest.repositories.count
            + rest.notes.count + rest.media.count + rest.otherRecords.count
        for part: Any in [rest.persons, rest.families, rest.sources, rest.repositories, rest.notes, rest.media, rest.otherRecords, rest.header as Any] {
            measure.walk(part)
        }
        reading.textBytes = measure.bytes
        reading.warnings = rest.warnings.count
        var warningTexts = TextMeasure()
        warningTexts.walk(rest.warnings.map(\.message))
        reading.textsWithNul = measure.withNul + warningTexts.withNul
        return reading
    }
}

/// Adds up the texts of any value (through `Mirror`), and keeps those that hold a NUL.
struct TextMeasure {
    var bytes = 0
    var withNul: [String] = []

    mutating func walk(_ value: Any) {
        if let text = value as? String {
            bytes += text.utf8.count
            if text.utf8.contains(0) { withNul.append(text) }
            return
        }
        let mirror = Mirror(reflecting: value)
        for child in mirror.children { walk(child.value) }
    }
}

/// Where a fuzz test keeps the case it is running, so that a crash leaves it behind: the case's
/// description in `path`, its bytes beside it (`…-input.ged` or `.gw`), ready for `geneweb check`.
public struct FuzzCaseFile: Sendable {
    public let path: String
    private let inputStem: String

    public init(name: String) {
        let directory = FileManager.default.temporaryDirectory.path
        path = directory + "/geneweb-\(name)-case.txt"
        inputStem = directory + "/geneweb-\(name)-input"
    }

    public func keep(_ fuzzCase: FuzzCase) {
        _ = FileManager.default.createFile(atPath: path, contents: Data((fuzzCase.description + "\n").utf8))
        _ = FileManager.default.createFile(atPath: inputStem + (fuzzCase.isGeneweb ? ".gw" : ".ged"), contents: Data(fuzzCase.bytes))
    }

    public func remove() {
        for file in [path, inputStem + ".gw", inputStem + ".ged"] { try? FileManager.default.removeItem(atPath: file) }
    }
}
