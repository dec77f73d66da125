import NNEngine

extension ExplainLevel {
    /// The level a program names (`explain('step')`, `fit(explain='full')`, `%explain off`), or an
    /// error located at the name, with a did-you-mean.
    public static func parse(_ text: String, range: SourceRange?) throws(Diagnostic) -> ExplainLevel {
        guard let level = ExplainLevel(rawValue: text) else {
            throw Diagnostic(
                "unknown explanation level '\(text)'", at: range,
                hint: didYouMean(text, names) ?? "choose 'off', 'epoch', 'step' or 'full'")
        }
        return level
    }
}
