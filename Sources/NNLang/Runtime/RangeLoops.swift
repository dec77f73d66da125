extension Interpreter {
    /// `for target in range(…)`: the ints one at a time, as the general loop would give them, without
    /// making the list of all of them first.
    func executeRangeFor(
        _ numbers: RangeObject, target: Expression, body: [Statement], range: SourceRange
    ) throws(Diagnostic) -> Flow {
        for number in stride(from: numbers.start, to: numbers.stop, by: numbers.step) {
            try checkInterrupted(range)
            try assign(.int(number), to: target)
            let flow = try executeBlock(body)
            if case .returned = flow { return flow }
            if case .breakLoop = flow { break }
            if exitRequested { break }
        }
        return .next(nil)
    }
}
