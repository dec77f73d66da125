import NNEngine
import Testing

/// `Tensor`'s subscripts check their indexes in debug builds (a release build skips the check).
@Suite struct TensorIndexTests {
    @Test func inRangeIndexesRead() throws {
        let tensor = try Tensor(shape: [2, 2], values: [1, 2, 3, 4])
        #expect(tensor[flat: 3] == 4)
        #expect(tensor[1, 0] == 3)
    }

    #if DEBUG
        @Test func flatIndexPastTheEndStopsADebugBuild() async {
            await #expect(processExitsWith: .failure) {
                let tensor = Tensor([1, 2, 3])
                _ = tensor[flat: 3]
            }
        }

        @Test func negativeAxisIndexStopsADebugBuild() async {
            await #expect(processExitsWith: .failure) {
                var tensor = Tensor(shape: [2, 2])
                tensor[0, -1] = 1
            }
        }
    #endif
}
