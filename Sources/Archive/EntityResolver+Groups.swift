import NewsModel
import StableHash

extension EntityResolver {
    /// A fuller form names the entity when it is at least this share as frequent as its most
    /// frequent form: `عادل الجبير` over `الجبير`, but not a rare `محمد صلاح حامد` over `محمد صلاح`.
    static let fullerShare = 0.25
    /// A fuller form seen once names nothing yet: one article's tagging error would title the entity.
    static let fullerMinimumArticles = 2

    /// Rule 3's candidates: each short entity and the one entity whose names contain it, when that
    /// entity holds ``containerDominance`` of the articles of all such names. A name contains a
    /// shorter one that begins or ends it, or that keeps its first and last words
    /// (`حلف الأطلسي` in `حلف شمال الأطلسي`).
    func shortFormPairs(_ names: [EntityName], _ words: [[String]], _ sets: inout DisjointSets) -> [(Int, Int)] {
        let index = ContainerIndex(names, words, longest: longestContainer)
        var membersOf = [Int: [Int]]()
        for i in names.indices { membersOf[sets.find(i), default: []].append(i) }
        var pairs = [(Int, Int)]()
        var seen = Set<[Int]>()
        for i in names.indices where names[i].ref.type != .location && words[i].count < longestContainer
            && words[i].joined().count >= shortestShortForm {
            let own = sets.find(i)
            var mass = [Int: Int]()
            for container in index.containers(of: i, words) where sets.find(container) != own {
                mass[sets.find(container), default: 0] += names[container].articles
            }
            let total = mass.values.reduce(0, +)
            guard let top = mass.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }),
                  total > 0, Double(top.value) >= containerDominance * Double(total),
                  Double(top.value) >= shortFormMass * Double(names[i].articles), seen.insert([own, top.key]).inserted
            else { continue }
            pairs.append((representatives(membersOf[own]!, names, &sets)[0], representatives(membersOf[top.key]!, names, &sets)[0]))
        }
        return pairs
    }

    /// Rule 4: the user's corrections, in order, over the automatic labels.
    func apply(_ corrections: [EntityCorrection], _ names: [EntityName], _ label: inout [Int]) {
        guard !corrections.isEmpty else { return }
        var indexOf = [EntityRef: Int]()
        for (index, name) in names.enumerated() { indexOf[name.ref] = index }
        var fresh = -1
        for correction in corrections {
            switch correction {
            case .split(let ref):
                guard let index = indexOf[ref] else { continue }
                label[index] = fresh
                fresh -= 1
            case .merge(let a, let b):
                guard let x = indexOf[a], let y = indexOf[b], label[x] != label[y] else { continue }
                let (keep, drop) = (label[x], label[y])
                for index in label.indices where label[index] == drop { label[index] = keep }
            }
        }
    }

    /// The entities of the final labels, with canonical names and ids.
    func groups(_ names: [EntityName], label: [Int], words: [[String]], previous: [EntityRef: Int64]) -> [EntityGroup] {
        var byLabel = [Int: [Int]]()
        for (index, value) in label.enumerated() { byLabel[value, default: []].append(index) }
        var lists = byLabel.values.map { $0.sorted { Self.larger(names[$0], than: names[$1]) } }
        lists.sort { a, b in
            let (x, y) = (Self.articles(a, names), Self.articles(b, names))
            return x != y ? x > y : names[a[0]].ref < names[b[0]].ref
        }
        var taken = Set<Int64>()
        var next = (previous.values.max() ?? 0) + 1
        return lists.map { members in
            var id = members.lazy.compactMap { previous[names[$0].ref] }.first { !taken.contains($0) }
            if id == nil {
                id = next
                next += 1
            }
            taken.insert(id!)
            return EntityGroup(id: id!, type: type(of: members, names), name: canonical(members, names, words), members: members)
        }
    }

    /// The type most of the entity's articles give it (its names differ in type only by a correction).
    func type(of members: [Int], _ names: [EntityName]) -> Entity.Kind {
        var votes = [Entity.Kind: Int]()
        for index in members { votes[names[index].ref.type, default: 0] += names[index].articles }
        return votes.max { $0.value != $1.value ? $0.value < $1.value : $0.key.rawValue > $1.key.rawValue }!.key
    }

    /// The fullest frequent form: the most frequent name, or a fuller name that contains its words
    /// and is at least ``fullerShare`` as frequent, counting together the names of one strong key
    /// (`عادل الجبير`, `عادل #الجبير`). A dateline or credit form is never chosen.
    func canonical(_ members: [Int], _ names: [EntityName], _ words: [[String]]) -> String {
        var forms = [[String]: (articles: Int, best: Int)]()
        for index in members where EntityNames.parts(names[index].name).count == 1 {
            let current = forms[words[index]]
            let best = current.map { Self.better(index, than: $0.best, names, words) ? index : $0.best } ?? index
            forms[words[index]] = ((current?.articles ?? 0) + names[index].articles, best)
        }
        guard let top = forms.max(by: { a, b in
            a.value.articles != b.value.articles ? a.value.articles < b.value.articles : Self.larger(names[a.value.best], than: names[b.value.best])
        }) else { return names[members[0]].name }
        let fuller = forms.filter { form in
            form.key.count > top.key.count && Self.contains(form.key, top.key) && form.value.articles >= Self.fullerMinimumArticles
                && Double(form.value.articles) >= Self.fullerShare * Double(top.value.articles)
        }
        let best = fuller.max { a, b in
            a.key.count != b.key.count ? a.key.count < b.key.count : Self.larger(names[b.value.best], than: names[a.value.best])
        }
        return names[(best ?? top).value.best].name
    }

    /// The display form of a strong key: one written as its words (no hashtag or stray mark)
    /// before one that is not, then the more frequent.
    static func better(_ a: Int, than b: Int, _ names: [EntityName], _ words: [[String]]) -> Bool {
        let clean = { (i: Int) in names[i].ref.key == words[i].joined(separator: " ") }
        if clean(a) != clean(b) { return clean(a) }
        return larger(names[a], than: names[b])
    }

    static func contains(_ whole: [String], _ part: [String]) -> Bool {
        guard part.count <= whole.count else { return false }
        for start in 0...(whole.count - part.count) where whole[start..<(start + part.count)].elementsEqual(part) { return true }
        return false
    }
}

extension EntityResolver {
    static func articles(_ members: [Int], _ names: [EntityName]) -> Int {
        members.reduce(0) { $0 + names[$1].articles }
    }
}

/// The names that may contain a shorter one (rule 3), by their first and last words.
struct ContainerIndex {
    private var edges = [String: [Int]]()
    private var ends = [String: [Int]]()
    private let types: [String]

    init(_ names: [EntityName], _ words: [[String]], longest: Int) {
        types = names.map(\.ref.type.rawValue)
        var articles = [String: Int]()
        for i in names.indices { articles[words[i].joined(separator: " "), default: 0] += names[i].articles }
        for i in names.indices where words[i].count > 1 && words[i].count <= longest {
            let list = words[i]
            guard !Self.isRunTogether(list, articles: names[i].articles, known: articles) else { continue }
            for k in 1..<list.count {
                edges[types[i] + "<" + list.prefix(k).joined(separator: " "), default: []].append(i)
                edges[types[i] + ">" + list.suffix(k).joined(separator: " "), default: []].append(i)
            }
            if list.count > 2 { ends[types[i] + "|" + list[0] + " " + list[list.count - 1], default: []].append(i) }
        }
    }

    /// The names containing name `i`: beginning or ending with its words, or keeping its first and
    /// last words around others.
    func containers(of i: Int, _ words: [[String]]) -> Set<Int> {
        let list = words[i]
        let joined = list.joined(separator: " ")
        var found = Set((edges[types[i] + "<" + joined] ?? []) + (edges[types[i] + ">" + joined] ?? []))
        if list.count > 1 {
            for candidate in ends[types[i] + "|" + list[0] + " " + list[list.count - 1]] ?? []
            where words[candidate].count > list.count && Self.isSubsequence(list, of: words[candidate]) {
                found.insert(candidate)
            }
        }
        return found
    }

    /// Two names run together: the name splits into a beginning and an end that are both names
    /// more frequent than it.
    static func isRunTogether(_ words: [String], articles: Int, known: [String: Int]) -> Bool {
        (1..<words.count).contains { k in
            (known[words.prefix(k).joined(separator: " ")] ?? 0) > articles && (known[words.suffix(words.count - k).joined(separator: " ")] ?? 0) > articles
        }
    }

    static func isSubsequence(_ part: [String], of whole: [String]) -> Bool {
        var rest = whole[...]
        for word in part {
            guard let at = rest.firstIndex(of: word) else { return false }
            rest = rest[(at + 1)...]
        }
        return true
    }
}
