//! The number type of the batch kernels: one `f64` (one series), or
//! [`Lanes4`]: four series side by side, advanced in step.
//!
//! The kernels are written once, over [`Lane`]; every operation of
//! [`Lanes4`] is the `f64` operation applied to each lane, and every branch
//! of the kernels is a [`Lane::select`] between values computed for both
//! sides, so each lane of an interleaved run gets exactly the bits of its
//! series' run alone. What interleaving buys is time: the Wilder and EMA
//! recurrences wait on the latency of each division and addition, and
//! independent series in the other lanes fill those waits (and a compiler
//! can pack two lanes into one SIMD instruction).

use std::ops::{Add, AddAssign, BitAnd, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

/// A number (or several, one per lane) the batch kernels compute with.
pub(crate) trait Lane:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
{
    /// The result of a comparison, per lane.
    type Mask: Copy + BitAnd<Output = Self::Mask>;
    /// The same value in every lane.
    fn splat(x: f64) -> Self;
    fn lt(self, other: Self) -> Self::Mask;
    fn le(self, other: Self) -> Self::Mask;
    fn gt(self, other: Self) -> Self::Mask;
    fn ge(self, other: Self) -> Self::Mask;
    fn ne(self, other: Self) -> Self::Mask;
    /// Per lane, `yes` where `mask` holds and `no` elsewhere.
    fn select(mask: Self::Mask, yes: Self, no: Self) -> Self;
    fn abs(self) -> Self;
    fn sqrt(self) -> Self;
}

impl Lane for f64 {
    /// All ones where the comparison holds, all zeros elsewhere: a select is
    /// then bitwise, with no branch on the data to mispredict.
    type Mask = u64;

    #[inline(always)]
    fn splat(x: f64) -> Self {
        x
    }
    #[inline(always)]
    fn lt(self, other: Self) -> u64 {
        u64::from(self < other).wrapping_neg()
    }
    #[inline(always)]
    fn le(self, other: Self) -> u64 {
        u64::from(self <= other).wrapping_neg()
    }
    #[inline(always)]
    fn gt(self, other: Self) -> u64 {
        u64::from(self > other).wrapping_neg()
    }
    #[inline(always)]
    fn ge(self, other: Self) -> u64 {
        u64::from(self >= other).wrapping_neg()
    }
    #[inline(always)]
    fn ne(self, other: Self) -> u64 {
        u64::from(self != other).wrapping_neg()
    }
    #[inline(always)]
    fn select(mask: u64, yes: Self, no: Self) -> Self {
        f64::from_bits((mask & yes.to_bits()) | (!mask & no.to_bits()))
    }
    #[inline(always)]
    fn abs(self) -> Self {
        f64::abs(self)
    }
    #[inline(always)]
    fn sqrt(self) -> Self {
        f64::sqrt(self)
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
/// Defines a lanes type of a fixed width with its mask, every operation
/// written out lane by lane (so that it compiles to straight-line code, or
/// SIMD, at any optimisation level).
macro_rules! lanes {
    ($name:ident, $mask:ident, $n:literal, [$($i:literal),*]) => {
        #[doc = concat!($n, " values, one per series, operated on lane by lane.")]
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub(crate) struct $name(pub(crate) [f64; $n]);

        #[doc = concat!("The comparisons of [`", stringify!($name), "`], lane by lane, each")]
        /// lane a mask of `f64`'s [`Lane`] (so that a select is bitwise).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) struct $mask([u64; $n]);

        impl BitAnd for $mask {
            type Output = Self;
            #[inline(always)]
            fn bitand(self, other: Self) -> Self {
                Self([$(self.0[$i] & other.0[$i]),*])
            }
        }

        lanes!(@op $name, Add, add, AddAssign, add_assign, +, [$($i),*]);
        lanes!(@op $name, Sub, sub, SubAssign, sub_assign, -, [$($i),*]);
        lanes!(@op $name, Mul, mul, MulAssign, mul_assign, *, [$($i),*]);
        lanes!(@op $name, Div, div, DivAssign, div_assign, /, [$($i),*]);

        impl Neg for $name {
            type Output = Self;
            #[inline(always)]
            fn neg(self) -> Self {
                Self([$(-self.0[$i]),*])
            }
        }

        impl Lane for $name {
            type Mask = $mask;

            #[inline(always)]
            fn splat(x: f64) -> Self {
                Self([x; $n])
            }
            lanes!(@cmp $mask, lt, [$($i),*]);
            lanes!(@cmp $mask, le, [$($i),*]);
            lanes!(@cmp $mask, gt, [$($i),*]);
            lanes!(@cmp $mask, ge, [$($i),*]);
            lanes!(@cmp $mask, ne, [$($i),*]);
            #[inline(always)]
            fn select(mask: $mask, yes: Self, no: Self) -> Self {
                Self([$(<f64 as Lane>::select(mask.0[$i], yes.0[$i], no.0[$i])),*])
            }
            #[inline(always)]
            fn abs(self) -> Self {
                Self([$(self.0[$i].abs()),*])
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                Self([$(self.0[$i].sqrt()),*])
            }
        }
    };
    (@op $name:ident, $trait:ident, $method:ident, $assign:ident, $assign_method:ident, $op:tt, [$($i:literal),*]) => {
        impl $trait for $name {
            type Output = Self;
            #[inline(always)]
            fn $method(self, other: Self) -> Self {
                Self([$(self.0[$i] $op other.0[$i]),*])
            }
        }
        impl $assign for $name {
            #[inline(always)]
            fn $assign_method(&mut self, other: Self) {
                *self = *self $op other;
            }
        }
    };
    (@cmp $mask:ident, $method:ident, [$($i:literal),*]) => {
        #[inline(always)]
        fn $method(self, other: Self) -> $mask {
            $mask([$(<f64 as Lane>::$method(self.0[$i], other.0[$i])),*])
        }
    };
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
lanes!(Lanes4, Mask4, 4, [0, 1, 2, 3]);

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
impl Lanes4 {
    /// Lane `k` holds `values[k]`.
    #[inline(always)]
    pub(crate) fn new(values: [f64; 4]) -> Self {
        Self(values)
    }

    /// The lanes' values, lane `k` at index `k`.
    #[inline(always)]
    pub(crate) fn to_array(self) -> [f64; 4] {
        self.0
    }

    /// Two rows (`self`, then `next`) as each lane's pair of values: lane
    /// `k`'s row values at index `k`.
    #[inline(always)]
    pub(crate) fn pairs(self, next: Self) -> [[f64; 2]; 4] {
        let (a, b) = (self.0, next.0);
        [[a[0], b[0]], [a[1], b[1]], [a[2], b[2]], [a[3], b[3]]]
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(crate) use simd128::Lanes4;

/// [`Lanes4`] as two WebAssembly `f64x2` vectors: each instruction is the
/// IEEE operation of `f64` on both lanes (division and square root
/// correctly rounded, comparisons as `<` …), so the bits are those of the
/// scalar code, in half the instructions.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd128 {
    use std::arch::wasm32::*;
    use std::ops::{Add, AddAssign, BitAnd, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

    use super::Lane;

    /// 4 values, one per series, as two `f64x2`.
    #[derive(Debug, Clone, Copy)]
    pub(crate) struct Lanes4([v128; 2]);

    /// The comparisons of [`Lanes4`]: all-ones or all-zeros per lane.
    #[derive(Debug, Clone, Copy)]
    pub(crate) struct Mask4([v128; 2]);

    impl Lanes4 {
        /// Lane `k` holds `values[k]`.
        #[inline(always)]
        pub(crate) fn new(v: [f64; 4]) -> Self {
            Self([f64x2(v[0], v[1]), f64x2(v[2], v[3])])
        }

        /// The lanes' values, lane `k` at index `k`.
        #[inline(always)]
        pub(crate) fn to_array(self) -> [f64; 4] {
            let [a, b] = self.0;
            [
                f64x2_extract_lane::<0>(a),
                f64x2_extract_lane::<1>(a),
                f64x2_extract_lane::<0>(b),
                f64x2_extract_lane::<1>(b),
            ]
        }

        /// Two rows (`self`, then `next`) as each lane's pair of values:
        /// lane `k`'s row values at index `k` (two shuffles per `f64x2`).
        #[inline(always)]
        pub(crate) fn pairs(self, next: Self) -> [[f64; 2]; 4] {
            let pair = |v: v128| [f64x2_extract_lane::<0>(v), f64x2_extract_lane::<1>(v)];
            let [a, b] = self.0;
            let [c, d] = next.0;
            [
                pair(i64x2_shuffle::<0, 2>(a, c)),
                pair(i64x2_shuffle::<1, 3>(a, c)),
                pair(i64x2_shuffle::<0, 2>(b, d)),
                pair(i64x2_shuffle::<1, 3>(b, d)),
            ]
        }
    }

    impl BitAnd for Mask4 {
        type Output = Self;
        #[inline(always)]
        fn bitand(self, other: Self) -> Self {
            Self([
                v128_and(self.0[0], other.0[0]),
                v128_and(self.0[1], other.0[1]),
            ])
        }
    }

    macro_rules! op {
        ($trait:ident, $method:ident, $assign:ident, $assign_method:ident, $f:ident) => {
            impl $trait for Lanes4 {
                type Output = Self;
                #[inline(always)]
                fn $method(self, other: Self) -> Self {
                    Self([$f(self.0[0], other.0[0]), $f(self.0[1], other.0[1])])
                }
            }
            impl $assign for Lanes4 {
                #[inline(always)]
                fn $assign_method(&mut self, other: Self) {
                    *self = $trait::$method(*self, other);
                }
            }
        };
    }

    op!(Add, add, AddAssign, add_assign, f64x2_add);
    op!(Sub, sub, SubAssign, sub_assign, f64x2_sub);
    op!(Mul, mul, MulAssign, mul_assign, f64x2_mul);
    op!(Div, div, DivAssign, div_assign, f64x2_div);

    impl Neg for Lanes4 {
        type Output = Self;
        #[inline(always)]
        fn neg(self) -> Self {
            Self([f64x2_neg(self.0[0]), f64x2_neg(self.0[1])])
        }
    }

    macro_rules! cmp {
        ($method:ident, $f:ident) => {
            #[inline(always)]
            fn $method(self, other: Self) -> Mask4 {
                Mask4([$f(self.0[0], other.0[0]), $f(self.0[1], other.0[1])])
            }
        };
    }

    impl Lane for Lanes4 {
        type Mask = Mask4;

        #[inline(always)]
        fn splat(x: f64) -> Self {
            Self([f64x2_splat(x); 2])
        }
        cmp!(lt, f64x2_lt);
        cmp!(le, f64x2_le);
        cmp!(gt, f64x2_gt);
        cmp!(ge, f64x2_ge);
        cmp!(ne, f64x2_ne);
        #[inline(always)]
        fn select(mask: Mask4, yes: Self, no: Self) -> Self {
            Self([
                v128_bitselect(yes.0[0], no.0[0], mask.0[0]),
                v128_bitselect(yes.0[1], no.0[1], mask.0[1]),
            ])
        }
        #[inline(always)]
        fn abs(self) -> Self {
            Self([f64x2_abs(self.0[0]), f64x2_abs(self.0[1])])
        }
        #[inline(always)]
        fn sqrt(self) -> Self {
            Self([f64x2_sqrt(self.0[0]), f64x2_sqrt(self.0[1])])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_give_each_lane_its_two_rows() {
        let row = Lanes4::new([1.0, 2.0, f64::NAN, -0.0]);
        let next = Lanes4::new([5.0, 6.0, 7.0, 8.0]);
        for (k, got) in row.pairs(next).into_iter().enumerate() {
            let want = [row.to_array()[k], next.to_array()[k]];
            assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "lane {k}");
        }
    }

    #[test]
    fn lanes_compute_each_lane_as_f64_does() {
        let a = Lanes4::new([1.5, -2.0, 0.0, 7.0]);
        let b = Lanes4::new([3.0, 0.5, -0.0, 7.0]);
        let each = |f: fn(f64, f64) -> f64, got: Lanes4| {
            for i in 0..4 {
                assert_eq!(
                    got.to_array()[i].to_bits(),
                    f(a.to_array()[i], b.to_array()[i]).to_bits(),
                    "lane {i}"
                );
            }
        };
        each(|x, y| x + y, a + b);
        each(|x, y| x - y, a - b);
        each(|x, y| x * y, a * b);
        each(|x, y| x / y, a / b);
        each(|x, _| -x, -a);
        each(|x, _| x.abs().sqrt(), a.abs().sqrt());
        each(
            |x, y| if x > y { x } else { y },
            Lane::select(a.gt(b), a, b),
        );
        each(
            |x, y| if (x >= y) & (x != 0.0) { x } else { y },
            Lane::select(a.ge(b) & a.ne(Lanes4::splat(0.0)), a, b),
        );
        each(
            |x, y| if x <= y { x } else { y },
            Lane::select(a.le(b), a, b),
        );
        each(
            |x, y| if x < y { x } else { y },
            Lane::select(a.lt(b), a, b),
        );
    }
}
