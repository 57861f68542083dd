/// Emission: the translated expressions become a graph, its variables ordered
/// and given their kinds and symbols.
extension ModelUnroller {
    /// Orders the variables, gives each its kind and symbol, and builds the graph.
    mutating func emit() throws -> ComputationGraph {
        var order: [Int] = []
        var placed = [Bool](repeating: false, count: keys.count)
        func place(_ id: Int) {
            if !placed[id] {
                placed[id] = true
                order.append(id)
            }
        }
        let expressions = self.expressions
        let isLeaf = { (id: Int) in expressions[id] == nil }
        // A leaf whose only reading term an option dropped (h_{-1} with startsAtZero) is left out.
        var read = [Bool](repeating: false, count: keys.count)
        for expression in expressions.values { for reference in expression.references { read[reference.index] = true } }
        for id in keys.indices where isLeaf(id) && !read[id] {
            if keys[id].time == nil { read[id] = true } else { placed[id] = true }  // parameters stay
        }
        for id in keys.indices where keys[id].isCopy && !read[id] { placed[id] = true }
        // Parameters, in the definition's order.
        for name in definition.parameterOrder {
            if let id = provisional[Key(family: name, time: nil, isCopy: false)] { place(id) }
        }
        // Initial states, in order of first reference.
        for id in keys.indices where isLeaf(id) && isInitialState(NodeID(id)) { place(id) }
        // Other leaves, family by family, in time order.
        let leafFamilies = Set(keys.indices.filter { isLeaf($0) && !placed[$0] }.map { keys[$0].family })
        for familyKey in leafFamilies.sorted(by: { (family($0)?.order ?? 0) < (family($1)?.order ?? 0) }) {
            let members = keys.indices.filter { keys[$0].family == familyKey && isLeaf($0) && !placed[$0] }
            for id in members.sorted(by: { (keys[$0].time ?? 0) < (keys[$1].time ?? 0) }) { place(id) }
        }
        // Defined variables: step by step, each after what it reads.
        var state = [UInt8](repeating: 0, count: keys.count)  // 0 new, 1 on the stack, 2 done
        func visit(_ root: Int) throws {
            guard !placed[root] else { return }
            // Each frame keeps its variable's references: the loss reads every step, and finding them
            // again for each one would make the walk quadratic in N.
            var stack: [(id: Int, references: [NodeID], next: Int)] = [(root, expressions[root]?.references ?? [], 0)]
            state[root] = 1
            while let top = stack.last {
                if top.next < top.references.count {
                    stack[stack.count - 1].next += 1
                    let child = top.references[top.next].index
                    if placed[child] || isLeaf(child) { continue }
                    if state[child] == 1 { throw cycle(through: child) }
                    state[child] = 1
                    stack.append((child, expressions[child]?.references ?? [], 0))
                } else {
                    stack.removeLast()
                    state[top.id] = 2
                    place(top.id)
                }
            }
        }
        for step in steps {
            for equation in syntax.equations where equation.target.time != nil {
                if let id = provisional[Key(family: ModelDefinition.key(equation.target.name, timed: true), time: step,
                                            isCopy: false)] {
                    try visit(id)
                }
            }
        }
        for id in keys.indices where id != lossKey && !isLeaf(id) { try visit(id) }
        if let lossKey { try visit(lossKey) }

        let kinds = self.kinds()
        var builder = GraphBuilder()
        var final = [Int](repeating: -1, count: keys.count)
        var symbols: [String: Symbol] = [:]
        let scalars = Set(definition.scalars)
        for id in order where (expressions[id] != nil && !keys[id].isCopy) || read[id] {
            let key = keys[id]
            let symbol = symbols[key.family] ?? ModelNotation.symbol(for: key.family, in: definition)
            symbols[key.family] = symbol
            if let expression = expressions[id] {
                let remapped = expression.mappingVariables { NodeID(final[$0.index]) }
                final[id] = builder.define(kinds[id], symbol, time: key.time, as: remapped).index
            } else {
                let leaf = builder.leaf(kinds[id], symbol, time: key.time)
                if scalars.contains(ModelDefinition.unsuffixed(key.family)) {
                    builder.declareNumber(leaf)
                }
                final[id] = leaf.index
            }
        }
        return builder.build()
    }

    private func cycle(through id: Int) -> ModelParseError {
        let key = keys[id]
        let name = ModelDefinition.unsuffixed(key.family)
        let equation = family(key.family)?.equation.map { syntax.equations[$0] }
        let t = syntax.timeVariable
        // `h_t = tanh(W h_t - 1 + …)`: the equation reads its own name at its own step.
        let own = equation.flatMap { e in
            Self.names(in: e.expression).first { ModelDefinition.key($0) == key.family && $0.time == .relative(0) }
        }
        let hint = own == nil ? "" : "; \(name)_\(t) reads \(name)_\(t) itself: for the step before write \(name)_{\(t)-1}"
        return ModelParseError(message: "\(name)\(key.time.map { "_\($0)" } ?? "") depends on itself: the equations "
                               + "read it before it is computed (a recurrence must reach only earlier or only later steps)"
                               + hint,
                               location: own?.location ?? SourceLocation(line: equation?.line ?? 1, column: 1))
    }

    /// The role of each variable.
    private func kinds() -> [VariableKind] {
        var readers = [[Int]](repeating: [], count: keys.count)
        for (id, expression) in expressions {
            for reference in expression.references { readers[reference.index].append(id) }
        }
        let stepLossFamilies = lossSummandFamilies
        let feedsState = familiesFeedingStates()
        var kinds = [VariableKind](repeating: .parameter, count: keys.count)
        // Defined variables first, so that leaves can ask whether their readers are losses.
        for id in keys.indices where expressions[id] != nil {
            let key = keys[id]
            let info = family(key.family)
            if key.isCopy { kinds[id] = .parameterCopy; continue }
            if id == lossKey { kinds[id] = .loss; continue }
            let equation = info?.equation.map { syntax.equations[$0] }
            if equation?.isInline == true {
                if stepLossFamilies.contains(key.family) {
                    kinds[id] = .stepLoss
                } else if case .call("softmax", _, _) = equation?.expression {
                    kinds[id] = .prediction
                } else {
                    kinds[id] = .preActivation
                }
            } else if key.time == nil {
                kinds[id] = .output
            } else if info?.isState == true {
                kinds[id] = .state
            } else {
                kinds[id] = feedsState.contains(key.family) ? .preActivation : .output
            }
        }
        for id in keys.indices where expressions[id] == nil {
            let key = keys[id]
            let info = family(key.family)
            if isInitialState(NodeID(id)) { kinds[id] = .initialState; continue }
            switch info?.declared {
            case .inputs?: kinds[id] = .input
            case .targets?: kinds[id] = .target
            case .parameters?, .loss?, .biases?: kinds[id] = .parameter
            case nil, .scalars?:
                if key.time == nil {
                    kinds[id] = .parameter
                } else {
                    let lossSide = readers[id].allSatisfy { kinds[$0] == .loss || kinds[$0] == .stepLoss }
                    kinds[id] = lossSide && !readers[id].isEmpty ? .target : .input
                }
            }
        }
        return kinds
    }

    /// The families written as whole summands of the loss (`L_t` in `L = sum_t L_t`).
    func lossSummands() -> Set<String> {
        guard let equation = equation(of: definition.lossName) else { return [] }
        var result: Set<String> = []
        func walk(_ term: Term) {
            switch term {
            case .overTime(_, _, _, let body, _): walk(body)
            case .add(let a, let b): walk(a); walk(b)
            case .name(let reference): result.insert(ModelDefinition.key(reference))
            default: break
            }
        }
        walk(equation.expression)
        return result
    }

    /// The timed families that feed a state within one step (an LSTM's gates).
    private func familiesFeedingStates() -> Set<String> {
        var result: Set<String> = []
        var changed = true
        while changed {
            changed = false
            for equation in syntax.equations where equation.target.time != nil {
                let target = ModelDefinition.key(equation.target.name, timed: true)
                guard family(target)?.isState == true || result.contains(target) else { continue }
                for name in Self.names(in: equation.expression) where name.time == .relative(0) {
                    let key = ModelDefinition.key(name)
                    if family(key)?.equation != nil, family(key)?.isState != true, !result.contains(key) {
                        result.insert(key)
                        changed = true
                    }
                }
            }
        }
        return result
    }

    /// Every name a term reads, in order.
    static func names(in term: Term) -> [NameReference] {
        switch term {
        case .name(let reference): return [reference]
        case .number: return []
        case .call(_, let arguments, _), .stack(let arguments): return arguments.flatMap(names)
        case .add(let a, let b), .subtract(let a, let b), .matrixProduct(let a, let b), .elementwise(let a, let b),
             .inner(let a, let b):
            return names(in: a) + names(in: b)
        case .negate(let a), .power(let a, _), .transpose(let a): return names(in: a)
        case .overTime(_, _, _, let body, _): return names(in: body)
        }
    }
}
