/// A genealogy file of either kind, read into the model: the one entry point the command line
/// and the HTTP import share.
public enum GenealogyFile {
    public enum Format: String, Sendable, CaseIterable {
        case auto
        case gedcom
        case gw
    }

    /// Reads `bytes` as GEDCOM or `.gw`. `auto` goes by the file name's extension when there is
    /// one, then by the content (a file that is not GEDCOM is tried as `.gw`). Returns the
    /// document and the format's name for the report (`gedcom`, `gedcom7` or `gw`).
    public static func read(_ bytes: [UInt8], fileName: String?, format: Format) throws -> (GedcomDocument, String) {
        var chosen = format
        if chosen == .auto {
            chosen = fileName?.lowercased().hasSuffix(".gw") == true ? .gw : .gedcom
            if chosen == .gedcom, case .failure(GedcomFileError.notGedcom) = Result(catching: { try GedcomFile(bytes: bytes) }) {
                chosen = .gw
            }
        }
        if chosen == .gw { return (try GenewebReader.read(bytes: bytes), "gw") }
        let file = try GedcomFile(bytes: bytes)
        return (GedcomReader.read(file), file.isGedcom7 ? "gedcom7" : "gedcom")
    }
}
