import GenewebCore

/// Finds persons who are their own ancestors: a cycle of parent → child links, which no real
/// tree has and which would send ancestor walks round forever.
enum AncestryLoops {
    static func find(in document: GedcomDocument) -> [ImportWarning] {
        var children: [PersonID: [PersonID]] = [:]
        for family in document.families {
            for parent in family.parents { children[parent, default: []].append(contentsOf: family.children) }
        }
        enum Mark { case visiting, done }
        var marks: [PersonID: Mark] = [:]
        var inLoop: [PersonID] = []
        // Iterative depth-first search: deep trees must not overflow the stack.
        for start in document.persons.map(\.id) where marks[start] == nil {
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
        let byID = Dictionary(document.persons.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return inLoop.map { id in
            let person = byID[id]
            let name = person.map { "\($0.firstName) \($0.surname)" } ?? id.description
            return ImportWarning(line: nil, kind: .ancestryLoop, message: "\(name) \(person?.gedcomXref ?? "") is their own ancestor")
        }
    }
}
