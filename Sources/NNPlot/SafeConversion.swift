extension Int {
    /// `value` rounded toward zero, or nil when it is not finite or does not fit in an Int
    /// (where `Int(value)` would stop the program).
    init?(truncating value: Double) {
        guard value.isFinite, value > -9.2e18, value < 9.2e18 else { return nil }
        self.init(value)
    }

    init?(truncating value: Float) { self.init(truncating: Double(value)) }
}

extension Int {
    /// `value` rounded toward zero and held within ±2^40 (NaN gives 0): for pixel and cell positions
    /// computed from what a program gave, where `Int(value)` would stop the program on NaN, infinity
    /// or a huge figure, and a clamped position is simply off the picture.
    public init(saturating value: Double) {
        guard !value.isNaN else {
            self = 0
            return
        }
        self.init(Swift.min(Swift.max(value, -1_099_511_627_776), 1_099_511_627_776))
    }
}
