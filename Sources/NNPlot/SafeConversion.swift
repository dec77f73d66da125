extension Int {
    /// `value` rounded toward zero, or nil when it is not finite or does not fit in an Int
    /// (where `Int(value)` would stop the program).
    init?(truncating value: Double) {
        guard value.isFinite, value > -9.2e18, value < 9.2e18 else { return nil }
        self.init(value)
    }

    init?(truncating value: Float) { self.init(truncating: Double(value)) }
}
