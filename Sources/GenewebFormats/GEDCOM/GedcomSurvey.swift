/// A quick pass over a GEDCOM file without building the model: how many records of each kind,
/// duplicate xrefs and pointers that lead nowhere. A diagnostic for tools and tests; the import
/// itself gets the same warnings from `GedcomReader`.
public struct GedcomSurvey: Sendable {
    /// Number of level-0 records per tag (`INDI`, `FAM`, `SOUR`, custom `_PUBLISH`…), `TRLR` excluded.
    public private(set) var recordCounts: [String: Int] = [:]
    /// Whether the file ended with `0 TRLR`.
    public private(set) var hasTrailer = false
    public private(set) var warnings: [ImportWarning] = []

    public init(_ file: GedcomFile) {
        var defined: [String: Int] = [:]
        var pointers: [(xref: String, line: Int)] = []
        var records = file.records()
        while let record = records.next() {
            if record.tag == "TRLR" {
                hasTrailer = true
                continue
            }
            recordCounts[record.tag, default: 0] += 1
            if let xref = record.xref {
                if let first = defined[xref] {
                    warnings.append(.init(line: record.line, kind: .duplicateXref, message: "\(xref) already defined at line \(first)"))
                } else {
                    defined[xref] = record.line
                }
            }
            Self.collectPointers(record, into: &pointers)
        }
        warnings.insert(contentsOf: records.warnings, at: 0)
        for pointer in pointers where defined[pointer.xref] == nil && pointer.xref != "@VOID@" {
            warnings.append(.init(line: pointer.line, kind: .danglingPointer, message: "pointer \(pointer.xref) to a record that does not exist"))
        }
        if let warning = file.charset.warning {
            warnings.insert(.init(line: nil, kind: .charset, message: warning), at: 0)
        }
    }

    public func count(_ tag: String) -> Int { recordCounts[tag, default: 0] }

    private static func collectPointers(_ node: GedcomNode, into pointers: inout [(xref: String, line: Int)]) {
        for child in node.children {
            if child.isPointer, let value = child.value { pointers.append((value, child.line)) }
            collectPointers(child, into: &pointers)
        }
    }
}
