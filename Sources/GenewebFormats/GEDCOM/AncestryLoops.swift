import GenewebCore

/// Finds persons who are their own ancestors: a cycle of parent → child links, which no real
/// tree has and which would send ancestor walks round forever.
enum AncestryLoops {
    static func find(families: [Family], persons: PersonIndex) -> [ImportWarning] {
        var children: [PersonID: [PersonID]] = [:]
        for family in families {
            for parent in family.parents { children[parent, default: []].append(contentsOf: family.children) }
        }
        enum Mark { case visiting, done }
        var marks: [PersonID: Mark] = [:]
        var inLoop: [PersonID] = []
        // Iterative depth-first search: deep trees must not overflow the stack.
        for start in persons.order where marks[start] == nil {
            var stack: [(PersonID, Int)] = [(start, 0)]
            marks[start] = .visiting
            while let (person, next) = stack.last {
                let descendants = children[person] ?? []
                if next < descendants.count {
                    stack[stack.count - 1].1 += 1
                    let child = descendants[next]
                    switch marks[child] {
                    case nil:
                        marks[child] = .visiting
                        stack.append((child, 0))
                    case .visiting?:
                        inLoop.append(child)
                    case .done?:
                        break
                    }
                } else {
                    marks[person] = .done
                    stack.removeLast()
                }
            }
        }
        guard !inLoop.isEmpty else { return [] }
        let wanted = Set(inLoop)
        var labels: [PersonID: String] = [:]
        for (id, label) in zip(persons.order, persons.labels) where wanted.contains(id) && labels[id] == nil { labels[id] = label }
        return inLoop.map { id in
            ImportWarning(line: nil, kind: .ancestryLoop, message: "\(labels[id] ?? id.description) is their own ancestor")
        }
    }
}
