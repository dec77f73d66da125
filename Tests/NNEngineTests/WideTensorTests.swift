import Testing

@testable import NNEngine

/// The exact values float64 and int64 tensors carry beside their float32 view.
@Suite struct WideTensorTests {
    @Test func floatSixtyFourKeepsItsExactValuesBesideTheFloat32View() throws {
        let tensor = try Tensor(shape: [2], wide: [0.1, 0.5473576181430894])
        #expect(tensor.wide == [0.1, 0.5473576181430894])
        #expect(tensor[flat: 0] == Float(0.1))
        #expect(tensor.double(flat: 1) == 0.5473576181430894)
    }

    @Test func onlyWideTypesCarryExactValues() throws {
        let tensor = try Tensor(shape: [1], wide: [0.1], dtype: .float32)
        #expect(tensor.wide == nil)
        #expect(tensor.double(flat: 0) == Double(Float(0.1)))
        let integers = try Tensor(shape: [2], wide: [16_777_217, 16_777_218], dtype: .int64)
        #expect(integers.wide == [16_777_217, 16_777_218])
    }

    @Test func aWriteThroughTheFloat32ViewDropsTheExactValues() throws {
        var tensor = try Tensor(shape: [2], wide: [0.1, 0.2])
        tensor[flat: 0] = 3
        #expect(tensor.wide == nil)
        #expect(tensor.doubles == [3, Double(Float(0.2))])
    }

    @Test func exactWritesKeepTheOtherElementsAndDoNotTouchCopies() throws {
        var tensor = try Tensor(shape: [2], wide: [0.1, 0.2])
        let copy = tensor
        tensor.setDouble(0.3, flat: 1)
        #expect(tensor.wide == [0.1, 0.3])
        #expect(copy.wide == [0.1, 0.2])
        #expect(copy != tensor)
    }

    @Test func reshapeRowsAndCopiesKeepTheExactValues() throws {
        let tensor = try Tensor(shape: [2, 2], wide: [0.1, 0.2, 0.3, 0.4])
        #expect(try tensor.reshaped([4]).wide == [0.1, 0.2, 0.3, 0.4])
        #expect(tensor.rows(1..<2).wide == [0.3, 0.4])
        #expect(tensor.copied().wide == [0.1, 0.2, 0.3, 0.4])
        #expect(tensor.copied(dtype: .float32).wide == nil)
    }
}
