import Testing

@testable import NNEngine

/// Building, gathering and writing tensors that carry exact float64 / int64 values.
@Suite struct WideTensorBuildingTests {
    @Test func exactlyKeepsDoublesOnlyForWideTypes() {
        let wide = Tensor.exactly(shape: [2], dtype: .float64) { [0.1, 1.0 / 3][$0] }
        #expect(wide.wide == [0.1, 1.0 / 3])
        #expect(wide[flat: 1] == Float(1.0 / 3))
        let narrow = Tensor.exactly(shape: [2], dtype: .float32) { [0.1, 1.0 / 3][$0] }
        #expect(narrow.wide == nil)
        #expect(narrow.scalars == [Float(0.1), Float(1.0 / 3)])
        let integers = Tensor.exactly(shape: [1], dtype: .int64) { _ in 16_777_217 }
        #expect(integers.double(flat: 0) == 16_777_217)
    }

    @Test func gatheringKeepsExactValuesAndDtype() {
        let source = Tensor.exactly(shape: [2, 2], dtype: .float64) { [0.1, 0.2, 0.3, 0.4][$0] }
        let picked = source.gathered(shape: [3], offsets: [3, 0, 3])
        #expect(picked.shape == [3])
        #expect(picked.wide == [0.4, 0.1, 0.4])
        #expect(picked.scalars == [Float(0.4), Float(0.1), Float(0.4)])
        let plain = Tensor([1, 2, 3]).gathered(shape: [2], offsets: [2, 1])
        #expect(plain.wide == nil && plain.scalars == [3, 2])
    }

    @Test func writesAtOffsetsAreExactAndLeaveCopiesAlone() {
        var tensor = Tensor.exactly(shape: [3], dtype: .float64) { Double($0) }
        let copy = tensor
        tensor.setDoubles([0.1, 0.7], at: [2, 0])
        #expect(tensor.wide == [0.7, 1, 0.1])
        #expect(tensor[flat: 2] == Float(0.1))
        #expect(copy.wide == [0, 1, 2])
        var narrow = Tensor([0, 0], dtype: .float32)
        narrow.setDoubles([0.1], at: [1])
        #expect(narrow.wide == nil && narrow[flat: 1] == Float(0.1))
    }
}
