/// Which members of one object a recogniser has read, so that a repeated member (which the full parser keeps
/// as an unknown field) makes it decline.
struct FieldSet {
    private var bits: UInt8 = 0

    /// Marks member `number` (0 to 7) as read; false when it already was.
    @inline(__always)
    mutating func insert(_ number: Int) -> Bool {
        let bit: UInt8 = 1 << number
        guard bits & bit == 0 else { return false }
        bits |= bit
        return true
    }
}
