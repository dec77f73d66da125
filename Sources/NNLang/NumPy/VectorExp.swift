#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `np.exp` of float64 values as NumPy computes it on x86-64 processors with AVX-512 (its wheels call
/// Intel's SVML `__svml_exp8_ha` there), so results agree to the last bit where the C library's `exp`
/// differs in about one input in twenty. The method, step by step with the same fused operations:
/// N = x·log2(e) truncated to 1/16; r = x − N·ln2 in two parts; exp(x) = 2^⌊N⌋ · T(1 + p(r)), with
/// T = 2^(j/16) from a table (j the sixteenths of N, with a correction term) and p a degree-6
/// polynomial. Arguments past ±707.7, NaN and infinities take the C library's `exp`.
enum VectorExp {
    /// 2^(j/16), j = 0…15.
    static let table: [Double] =
        ([
            0x3ff0_0000_0000_0000, 0x3ff0_b558_6cf9_890f, 0x3ff1_72b8_3c7d_517b, 0x3ff2_387a_6e75_6238,
            0x3ff3_06fe_0a31_b715, 0x3ff3_dea6_4c12_3422, 0x3ff4_bfda_d536_2a27, 0x3ff5_ab07_dd48_5429,
            0x3ff6_a09e_667f_3bcd, 0x3ff7_a114_73eb_0187, 0x3ff8_ace5_422a_a0db, 0x3ff9_c491_82a3_f090,
            0x3ffa_e89f_995a_d3ad, 0x3ffc_199b_dd85_529c, 0x3ffd_5818_dcfb_a487, 0x3ffe_a4af_a2a4_90da,
        ] as [UInt64]).map { Double(bitPattern: $0) }

    /// The rounding error of each table entry, relative to it.
    static let corrections: [Double] =
        ([
            0x0000_0000_0000_0000, 0x3c97_9aa6_5d83_7b6d, 0xbc80_1b15_eaa5_9348, 0x3c96_8efd_e3a8_a894,
            0x3c83_4d75_4db0_abb6, 0x3c85_9f48_a72a_4c6d, 0x3c76_90ce_bb7a_afb0, 0x3c90_63e1_e21c_5409,
            0xbc93_b3ef_bf5e_2228, 0xbc7b_32dc_b94d_a51d, 0x3c8d_b72f_c1f0_eab4, 0x3c71_affc_2b91_ce27,
            0x3c8c_1a77_92cb_3387, 0x3c73_6eae_30af_0cb3, 0x3c74_a385_a63d_07a7, 0xbc8f_f712_8fd3_91f0,
        ] as [UInt64]).map { Double(bitPattern: $0) }

    static let log2e = Double(bitPattern: 0x3ff7_1547_652b_82fe)
    /// 1.5·2^48 + 1023: adding it leaves N·16 in the low bits.
    static let shifter = Double(bitPattern: 0x42f8_0000_0000_3ff0)
    static let ln2High = Double(bitPattern: 0x3fe6_2e42_fefa_39ef)
    static let ln2Low = Double(bitPattern: 0x3c7a_bc9e_3b39_803f)
    static let c1 = Double(bitPattern: 0x3fef_ffff_ffff_ff70)
    static let c2 = Double(bitPattern: 0x3fe0_0000_0000_d008)
    static let c3 = Double(bitPattern: 0x3fc5_5555_5393_9732)
    static let c4 = Double(bitPattern: 0x3fa5_5557_242d_68fe)
    static let c5 = Double(bitPattern: 0x3f81_101c_bbc2_65c0)
    static let c6 = Double(bitPattern: 0x3f57_4118_3694_0c04)
    static let threshold = Double(bitPattern: 0x4086_1da0_4cba_fe44)

    static func exp(_ x: Double) -> Double {
        guard abs(x) < threshold else { return libraryExp(x) }
        // shifter + x·log2(e), fused and rounded toward zero (the sum is positive): round to nearest,
        // then step down when that went above the exact sum.
        var shifted = shifter.addingProduct(x, log2e)
        let product = x * log2e
        let productError = (-product).addingProduct(x, log2e)
        if (product - (shifted - shifter)) + productError < 0 { shifted = shifted.nextDown }
        let n = shifted - shifter
        let j = Int(shifted.bitPattern & 0xf)
        let r = x.addingProduct(-n, ln2High).addingProduct(-n, ln2Low)
        let r2 = r * r
        let p56 = c5.addingProduct(r, c6)
        let p34 = c3.addingProduct(r, c4)
        let p12 = c1.addingProduct(r, c2)
        let p36 = p34.addingProduct(r2, p56)
        let p16 = p12.addingProduct(r2, p36)
        let p = corrections[j].addingProduct(p16, r)
        let scaled = table[j].addingProduct(table[j], p)
        return scalbn(scaled, Int32(n.rounded(.down)))
    }
}

/// The C library's `exp` (the name `exp` inside `VectorExp` is its own).
private func libraryExp(_ x: Double) -> Double { exp(x) }
