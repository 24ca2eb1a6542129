/// The filters of the smaller lists, each described once for its handler and the OpenAPI
/// document.
enum ListFilters {
    /// Sources, notes and places.
    static let recordText = QueryParameter("q", kind: .text(maxLength: 200), description: "Text the title or name contains")

    /// The audit log.
    static let auditAction = QueryParameter("action", kind: .text(maxLength: 200), description: "Only entries of this action, e.g. person.create")
    static let auditEntity = QueryParameter("entity_id", kind: .text(maxLength: 200), description: "Only entries about this record")

    /// `DELETE /persons/{id}`.
    static let cascade = QueryParameter(
        "cascade", kind: .choice(["unlink"]), description: "On DELETE, `unlink` removes the person from their families first")
}
