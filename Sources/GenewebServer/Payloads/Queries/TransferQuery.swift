import GenewebFormats

/// The parameters of `/import` and `/export`, read by `ImportExportController` and documented
/// from the same descriptions.
enum TransferQuery {
    /// The formats an export writes.
    enum ExportFormat: String, CaseIterable {
        case gedcom551, gedcom7, gw
        /// GEDCOM 5.5.1 and the media files, in one zip archive.
        case zip
    }

    static let exportFormat = QueryParameter(
        "format", kind: .choice(ExportFormat.allCases.map(\.rawValue)), description: "File format (gedcom551 when absent)")

    static let importFormat = QueryParameter(
        "format", kind: .choice(["auto", "gedcom", "gw", "zip"]),
        description: "The file's format; auto (the default) guesses from the file name and content. zip: an archive as export?format=zip writes it")
    static let replace = QueryParameter(
        "replace", kind: .boolean, description: "Replace the base's contents instead of refusing a non-empty base")
    static let filename = QueryParameter(
        "filename", kind: .text(maxLength: 255), description: "The file's name, when the body is the raw file (a multipart part carries its own)")

    static let importParameters = [importFormat, replace, filename]
}
