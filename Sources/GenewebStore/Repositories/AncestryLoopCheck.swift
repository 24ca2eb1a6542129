import Foundation
import SQLKit

/// A family write refused because it would make someone their own ancestor, as GeneWeb refuses
/// it. `persons` is the loop: each is a parent of the next, and the last a parent of the first
/// (a single person when someone would be their own parent).
public struct AncestryLoop: Error, Sendable, Equatable {
    public let persons: [UUID]
}

/// Whether giving `parents` these `children` closes a loop of parent → child links, asked of
/// the links as stored, inside the write's transaction.
///
/// A new link parent → child closes a loop exactly when the child is already an ancestor of the
/// parent. The walk searches both ways at once, down from the children and up from the parents,
/// a generation at a time and always on the smaller side, so that joining a recent couple to an
/// old lineage reads the couple's few ancestors rather than the lineage's many descendants. Each
/// person is read at most once per side: the walk is bounded by the base, one query per
/// generation and 500 persons. The family's own stored links are left out (they are the ones
/// being replaced).
struct AncestryLoopCheck {
    let sql: any SQLDatabase
    let family: UUID

    static let batch = 500

    /// The loop the links would close, or nil.
    func loop(parents: [UUID], children: [UUID]) async throws -> [UUID]? {
        if let both = parents.first(where: Set(children).contains) { return [both] }
        guard !parents.isEmpty, !children.isEmpty else { return nil }
        // For each person reached going down, the parent we came from (nil at a start); going
        // up, the child we came from.
        var down: [UUID: UUID?] = Dictionary(children.map { ($0, UUID?.none) }, uniquingKeysWith: { first, _ in first })
        var up: [UUID: UUID?] = Dictionary(parents.map { ($0, UUID?.none) }, uniquingKeysWith: { first, _ in first })
        var downFrontier = Array(down.keys)
        var upFrontier = Array(up.keys)
        while !downFrontier.isEmpty, !upFrontier.isEmpty {
            if downFrontier.count <= upFrontier.count {
                var next: [UUID] = []
                for (parent, child) in try await links(from: downFrontier, downward: true) where down[child] == nil {
                    down[child] = parent
                    if up[child] != nil { return Self.path(meeting: child, down: down, up: up) }
                    next.append(child)
                }
                downFrontier = next
            } else {
                var next: [UUID] = []
                for (child, parent) in try await links(from: upFrontier, downward: false) where up[parent] == nil {
                    up[parent] = child
                    if down[parent] != nil { return Self.path(meeting: parent, down: down, up: up) }
                    next.append(parent)
                }
                upFrontier = next
            }
        }
        return nil
    }

    /// The loop through `meeting`: from a new child down to `meeting`, on up to a new parent (who
    /// becomes the new child's parent, closing it).
    static func path(meeting: UUID, down: [UUID: UUID?], up: [UUID: UUID?]) -> [UUID] {
        var fromChild: [UUID] = [meeting]
        while let previous = down[fromChild[0]] ?? nil { fromChild.insert(previous, at: 0) }
        var toParent: [UUID] = []
        var current = meeting
        while let next = up[current] ?? nil {
            toParent.append(next)
            current = next
        }
        // The new parent first: parent → child → … → meeting → … (→ back to the parent).
        let chain = fromChild + toParent
        return [chain[chain.count - 1]] + chain.dropLast()
    }

    /// The stored parent → child links of other families touching `persons`: their children
    /// (`downward`, as (parent, child)) or their parents (as (child, parent)).
    private func links(from persons: [UUID], downward: Bool) async throws -> [(UUID, UUID)] {
        var found: [(UUID, UUID)] = []
        let (from, to) = downward ? ("parent", "child") : ("child", "parent")
        for start in stride(from: 0, to: persons.count, by: Self.batch) {
            var query: SQLQueryString = """
                SELECT a.person_id AS origin, b.person_id AS reached FROM family_members a
                JOIN family_members b ON b.family_id = a.family_id AND b.role = \(bind: to)
                WHERE a.role = \(bind: from) AND a.family_id <> \(bind: family) AND a.person_id IN (
                """
            for (index, id) in persons[start..<min(start + Self.batch, persons.count)].enumerated() {
                query += index == 0 ? "\(bind: id)" : ", \(bind: id)"
            }
            for row in try await sql.raw(query + ")").all() {
                found.append((try row.decode(column: "origin", as: UUID.self), try row.decode(column: "reached", as: UUID.self)))
            }
        }
        return found
    }
}
