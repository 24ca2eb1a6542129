import Foundation
import GenewebCore

/// A committed write as PostgreSQL's channel tells it to the other instances on the same
/// database (`BaseVersions.channel`): the base, the versions before and after, the sender, and the
/// graph edits when they fit, so that the other instances change their kept graphs in place too
/// instead of reading the whole base again.
///
/// `base:from:to:sender` then, when the write recorded its edits, `:` and the edits separated by
/// `;`: `p,ID,SEX` (a person written), `x,ID` (a person removed), `f,ID,POSITION,PARENTS,CHILDREN`
/// (a family written; POSITION empty for "the one it has", ids separated by spaces) and `y,ID` (a
/// family removed). A notification carries at most 8,000 bytes: longer edits are left out, and
/// the others read the base again.
enum ChangeNotice {
    static let maximumBytes = 7_900

    static func payload(_ change: BaseChange, sender: String) -> String {
        let head = "\(change.base):\(change.from):\(change.to):\(sender)"
        guard let edits = change.graphEdits else { return head }
        var text = head + ":"
        for (index, edit) in edits.enumerated() {
            if index > 0 { text += ";" }
            text += Self.text(edit)
            if text.utf8.count > maximumBytes { return head }
        }
        return text
    }

    private static func text(_ edit: GraphEdit) -> String {
        func ids(_ list: [UUID]) -> String { list.map(\.uuidString).joined(separator: " ") }
        switch edit {
        case .person(let id, let sex): return "p,\(id.uuidString),\(sex.rawValue)"
        case .personRemoved(let id): return "x,\(id.uuidString)"
        case .family(let id, let position, let parents, let children):
            return "f,\(id.uuidString),\(position.map(String.init) ?? ""),\(ids(parents)),\(ids(children))"
        case .familyRemoved(let id): return "y,\(id.uuidString)"
        }
    }

    /// The change and its sender; nil for a payload that is not one. Edits that cannot be read
    /// are left out (nil), so the receiver reads the base again rather than guess.
    static func parse(_ payload: String) -> (change: BaseChange, sender: Substring)? {
        let parts = payload.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count >= 4, let base = Int(parts[0]), let from = Int(parts[1]), let to = Int(parts[2]), from < to else { return nil }
        let edits = parts.count == 5 ? Self.edits(parts[4]) : nil
        return (BaseChange(base: base, from: from, to: to, graphEdits: edits), parts[3])
    }

    private static func edits(_ text: Substring) -> [GraphEdit]? {
        guard !text.isEmpty else { return [] }
        var edits: [GraphEdit] = []
        for item in text.split(separator: ";", omittingEmptySubsequences: false) {
            let fields = item.split(separator: ",", omittingEmptySubsequences: false)
            guard let kind = fields.first, fields.count >= 2, let id = UUID(uuidString: String(fields[1])) else { return nil }
            switch (kind, fields.count) {
            case ("p", 3):
                guard let sex = Sex(rawValue: String(fields[2])) else { return nil }
                edits.append(.person(id: id, sex: sex))
            case ("x", 2): edits.append(.personRemoved(id))
            case ("y", 2): edits.append(.familyRemoved(id))
            case ("f", 5):
                let position: Int?
                if fields[2].isEmpty {
                    position = nil
                } else {
                    guard let number = Int(fields[2]) else { return nil }
                    position = number
                }
                guard let parents = Self.ids(fields[3]), let children = Self.ids(fields[4]) else { return nil }
                edits.append(.family(id: id, position: position, parents: parents, children: children))
            default: return nil
            }
        }
        return edits
    }

    private static func ids(_ text: Substring) -> [UUID]? {
        var ids: [UUID] = []
        for part in text.split(separator: " ") {
            guard let id = UUID(uuidString: String(part)) else { return nil }
            ids.append(id)
        }
        return ids
    }
}
