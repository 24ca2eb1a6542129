import Foundation
import GenewebCore
import Testing

/// Hand-built families: `family(father, mother, children...)` by name.
struct TreeBuilder {
    var persons: [(id: UUID, sex: Sex)] = []
    var names: [String: UUID] = [:]
    var families: [GenealogyGraph.FamilyLinks] = []

    mutating func person(_ name: String, _ sex: Sex) {
        let id = UUID()
        names[name] = id
        persons.append((id, sex))
    }

    mutating func family(_ parents: [String], _ children: [String]) {
        families.append(.init(parents: parents.map { names[$0]! }, children: children.map { names[$0]! }))
    }

    var graph: GenealogyGraph { GenealogyGraph(persons: persons, families: families) }
    func index(_ name: String, in graph: GenealogyGraph) -> GenealogyGraph.Index { graph.index(of: names[name]!)! }
}

@Suite("Genealogy graph: ancestors, descendants, relationships, consanguinity")
struct GraphTests {
    /// Three generations with cousins, a half-sibling and in-laws:
    ///   gf + gm → (dad, aunt); dad + mom → (me, sis); aunt + uncleInLaw → (cousin);
    ///   cousin + cousinWife → (cousinKid); dad + stepmom → (halfBro); gm's parents ggf + ggm.
    static func sample() -> TreeBuilder {
        var tree = TreeBuilder()
        for (name, sex) in [
            ("ggf", Sex.male), ("ggm", .female), ("gf", .male), ("gm", .female), ("dad", .male), ("mom", .female),
            ("aunt", .female), ("uncleInLaw", .male), ("me", .male), ("sis", .female), ("cousin", .female),
            ("cousinWife", .male), ("cousinKid", .male), ("stepmom", .female), ("halfBro", .male), ("grandkid", .female),
            ("sisHusband", .male),
        ] {
            tree.person(name, sex)
        }
        tree.family(["ggf", "ggm"], ["gm"])
        tree.family(["gf", "gm"], ["dad", "aunt"])
        tree.family(["dad", "mom"], ["me", "sis"])
        tree.family(["aunt", "uncleInLaw"], ["cousin"])
        tree.family(["cousinWife", "cousin"], ["cousinKid"])
        tree.family(["dad", "stepmom"], ["halfBro"])
        tree.family(["me"], ["grandkid"])
        tree.family(["sisHusband", "sis"], [])
        return tree
    }

    @Test(
        "what the first is to the second, in English and French",
        arguments: [
            ("dad", "me", "father", "père"), ("me", "dad", "son", "fils"), ("gf", "me", "grandfather", "grand-père"),
            ("ggm", "me", "great-grandmother", "arrière-grand-mère"), ("me", "ggf", "great-grandson", "arrière-petit-fils"),
            ("me", "sis", "brother", "frère"), ("sis", "me", "sister", "sœur"), ("halfBro", "me", "half-brother", "demi-frère"),
            ("aunt", "me", "aunt", "tante"), ("me", "aunt", "nephew", "neveu"), ("ggm", "cousin", "great-grandmother", "arrière-grand-mère"),
            ("me", "cousin", "first cousin", "cousin germain"), ("cousin", "me", "first cousin", "cousine germaine"),
            ("me", "cousinKid", "first cousin once removed", "oncle à la mode de Bretagne"),
            ("cousinKid", "me", "first cousin once removed", "neveu à la mode de Bretagne"),
            ("grandkid", "cousinKid", "second cousin", "cousine issue de germain"),
            ("mom", "dad", "wife", "épouse"), ("sisHusband", "me", "brother-in-law", "beau-frère"),
            ("me", "sisHusband", "brother-in-law", "beau-frère"), ("gf", "mom", "father-in-law", "beau-père"),
            ("mom", "gf", "daughter-in-law", "belle-fille"), ("stepmom", "me", "stepmother", "belle-mère"),
            ("uncleInLaw", "mom", "no blood relationship", "pas de lien de parenté"),
        ])
    func names(first: String, second: String, english: String, french: String) {
        let tree = Self.sample()
        let graph = tree.graph
        let relation = graph.relationship(tree.index(first, in: graph), tree.index(second, in: graph))
        #expect(relation.english == english)
        #expect(relation.french == french)
    }

    @Test("the common ancestors of first cousins are the grandparents, both of them, two generations up each way")
    func commonAncestors() {
        let tree = Self.sample()
        let graph = tree.graph
        let relation = graph.relationship(tree.index("me", in: graph), tree.index("cousin", in: graph))
        let link = relation.links.first
        #expect(link?.up == 2 && link?.down == 2)
        #expect(Set(link?.ancestors ?? []) == [tree.index("gf", in: graph), tree.index("gm", in: graph)])
    }

    @Test("ancestors with Sosa numbers; implex keeps every number; Sosa n leads back to the person")
    func sosa() {
        // Cousins marry: their child has the great-grandparents twice.
        var tree = TreeBuilder()
        for (name, sex) in [
            ("a", Sex.male), ("b", .female), ("s1", .male), ("s2", .female), ("w1", .female), ("h2", .male),
            ("c1", .male), ("c2", .female), ("child", .male),
        ] { tree.person(name, sex) }
        tree.family(["a", "b"], ["s1", "s2"])
        tree.family(["s1", "w1"], ["c1"])
        tree.family(["h2", "s2"], ["c2"])
        tree.family(["c1", "c2"], ["child"])
        let graph = tree.graph
        let root = tree.index("child", in: graph)
        let (ancestors, truncated) = graph.ancestors(of: root, maxGenerations: 10)
        #expect(!truncated)
        let byPerson = Dictionary(uniqueKeysWithValues: ancestors.map { ($0.person, $0.sosaNumbers) })
        #expect(byPerson[tree.index("c1", in: graph)] == [2])
        #expect(byPerson[tree.index("c2", in: graph)] == [3])
        #expect(byPerson[tree.index("s1", in: graph)] == [4])
        #expect(byPerson[tree.index("s2", in: graph)] == [7])
        #expect(byPerson[tree.index("a", in: graph)] == [8, 14])
        #expect(byPerson[tree.index("b", in: graph)] == [9, 15])
        #expect(graph.person(sosa: 14, root: root) == tree.index("a", in: graph))
        #expect(graph.person(sosa: 6, root: root) == tree.index("h2", in: graph))
        #expect(graph.person(sosa: 13, root: root) == nil)
        #expect(graph.person(sosa: 10, root: root) == nil)
        let implex = graph.implex(of: root, maxGenerations: 10)
        let third = implex.first { $0.generation == 3 }
        #expect(third?.known == 4 && third?.distinct == 2 && third?.places == 8)
        #expect(third?.implexRatio == 0.5)
    }

    @Test("descendants with d'Aboville numbers")
    func aboville() {
        let tree = Self.sample()
        let graph = tree.graph
        let labels = Dictionary(uniqueKeysWithValues: graph.descendants(of: tree.index("gf", in: graph), maxGenerations: 5).map { ($0.label, $0.person) })
        #expect(labels["1.1"] == tree.index("dad", in: graph))
        #expect(labels["1.2"] == tree.index("aunt", in: graph))
        #expect(labels["1.1.1"] == tree.index("me", in: graph))
        #expect(labels["1.1.3"] == tree.index("halfBro", in: graph))
        #expect(labels["1.2.1.1"] == tree.index("cousinKid", in: graph))
    }

    @Test("consanguinity: children of siblings 1/4, half-siblings 1/8, first cousins 1/16, double first cousins 1/8")
    func consanguinity() {
        func coefficient(_ build: (inout TreeBuilder) -> Void) -> Double {
            var tree = TreeBuilder()
            build(&tree)
            let graph = tree.graph
            var calculator = KinshipCalculator(graph: graph)
            let single = calculator.inbreeding(of: tree.index("x", in: graph))
            var wholeBase = BaseConsanguinity(graph: graph)
            #expect(wholeBase.computeAll()[Int(tree.index("x", in: graph))] == single, "one pass over the base agrees")
            return single
        }
        let siblings = coefficient { tree in
            for (name, sex) in [("f", Sex.male), ("m", .female), ("p1", .male), ("p2", .female), ("x", .male)] { tree.person(name, sex) }
            tree.family(["f", "m"], ["p1", "p2"])
            tree.family(["p1", "p2"], ["x"])
        }
        #expect(siblings == 0.25)
        let halfSiblings = coefficient { tree in
            for (name, sex) in [("f", Sex.male), ("m1", .female), ("m2", .female), ("p1", .male), ("p2", .female), ("x", .male)] { tree.person(name, sex) }
            tree.family(["f", "m1"], ["p1"])
            tree.family(["f", "m2"], ["p2"])
            tree.family(["p1", "p2"], ["x"])
        }
        #expect(halfSiblings == 0.125)
        let firstCousins = coefficient { tree in
            for (name, sex) in [
                ("f", Sex.male), ("m", .female), ("a", .male), ("b", .female), ("wa", .female), ("hb", .male),
                ("p1", .male), ("p2", .female), ("x", .male),
            ] { tree.person(name, sex) }
            tree.family(["f", "m"], ["a", "b"])
            tree.family(["a", "wa"], ["p1"])
            tree.family(["hb", "b"], ["p2"])
            tree.family(["p1", "p2"], ["x"])
        }
        #expect(firstCousins == 0.0625)
        let doubleCousins = coefficient { tree in
            // Two brothers marry two sisters; their children marry.
            for (name, sex) in [
                ("f1", Sex.male), ("m1", .female), ("f2", .male), ("m2", .female), ("b1", .male), ("b2", .male),
                ("s1", .female), ("s2", .female), ("p1", .male), ("p2", .female), ("x", .male),
            ] { tree.person(name, sex) }
            tree.family(["f1", "m1"], ["b1", "b2"])
            tree.family(["f2", "m2"], ["s1", "s2"])
            tree.family(["b1", "s1"], ["p1"])
            tree.family(["b2", "s2"], ["p2"])
            tree.family(["p1", "p2"], ["x"])
        }
        #expect(doubleCousins == 0.125)
        let unrelated = coefficient { tree in
            for (name, sex) in [("p1", Sex.male), ("p2", .female), ("x", .male)] { tree.person(name, sex) }
            tree.family(["p1", "p2"], ["x"])
        }
        #expect(unrelated == 0)
    }

    @Test("a pedigree loop (a person recorded as their own ancestor) does not hang the computations")
    func loop() {
        var tree = TreeBuilder()
        for (name, sex) in [("a", Sex.male), ("b", .female), ("c", .male)] { tree.person(name, sex) }
        tree.family(["a", "b"], ["c"])
        tree.family(["c", "b"], ["a"])
        let graph = tree.graph
        var calculator = KinshipCalculator(graph: graph)
        _ = calculator.inbreeding(of: tree.index("c", in: graph))
        #expect(graph.ancestors(of: tree.index("c", in: graph), maxGenerations: 50).ancestors.count >= 2)
        _ = graph.relationship(tree.index("a", in: graph), tree.index("c", in: graph))
    }
}

@Suite("Lines of descent")
struct LineageTests {
    @Test("the line from a person to an ancestor names each generation; a wrong distance or a non-ancestor gives nil")
    func lineage() {
        var tree = TreeBuilder()
        for (name, sex) in [("gf", Sex.male), ("gm", .female), ("dad", .male), ("mom", .female), ("me", .male), ("other", .male)] {
            tree.person(name, sex)
        }
        tree.family(["gf", "gm"], ["dad"])
        tree.family(["dad", "mom"], ["me"])
        let graph = tree.graph
        let me = tree.index("me", in: graph)
        #expect(graph.lineage(from: me, to: tree.index("gm", in: graph), generations: 2) == [me, tree.index("dad", in: graph), tree.index("gm", in: graph)])
        #expect(graph.lineage(from: me, to: tree.index("gm", in: graph), generations: 1) == nil)
        #expect(graph.lineage(from: me, to: tree.index("other", in: graph), generations: 2) == nil)
        #expect(graph.lineage(from: me, to: me, generations: 0) == [me])
    }
}
