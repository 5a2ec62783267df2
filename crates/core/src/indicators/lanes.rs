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
    type Mask = bool;

    #[inline(always)]
    fn splat(x: f64) -> Self {
        x
    }
    #[inline(always)]
    fn lt(self, other: Self) -> bool {
        self < other
    }
    #[inline(always)]
    fn le(self, other: Self) -> bool {
        self <= other
    }
    #[inline(always)]
    fn gt(self, other: Self) -> bool {
        self > other
    }
    #[inline(always)]
    fn ge(self, other: Self) -> bool {
        self >= other
    }
    #[inline(always)]
    fn ne(self, other: Self) -> bool {
        self != other
    }
    #[inline(always)]
    fn select(mask: bool, yes: Self, no: Self) -> Self {
        if mask { yes } else { no }
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

/// Defines a lanes type of a fixed width with its mask, every operation
/// written out lane by lane (so that it compiles to straight-line code, or
/// SIMD, at any optimisation level).
macro_rules! lanes {
    ($name:ident, $mask:ident, $n:literal, [$($i:literal),*]) => {
        #[doc = concat!($n, " values, one per series, operated on lane by lane.")]
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub(crate) struct $name(pub(crate) [f64; $n]);

        #[doc = concat!("The comparisons of [`", stringify!($name), "`], lane by lane.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) struct $mask([bool; $n]);

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
            lanes!(@cmp $mask, lt, <, [$($i),*]);
            lanes!(@cmp $mask, le, <=, [$($i),*]);
            lanes!(@cmp $mask, gt, >, [$($i),*]);
            lanes!(@cmp $mask, ge, >=, [$($i),*]);
            lanes!(@cmp $mask, ne, !=, [$($i),*]);
            #[inline(always)]
            fn select(mask: $mask, yes: Self, no: Self) -> Self {
                Self([$(if mask.0[$i] { yes.0[$i] } else { no.0[$i] }),*])
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
    (@cmp $mask:ident, $method:ident, $op:tt, [$($i:literal),*]) => {
        #[inline(always)]
        fn $method(self, other: Self) -> $mask {
            $mask([$(self.0[$i] $op other.0[$i]),*])
        }
    };
}

lanes!(Lanes4, Mask4, 4, [0, 1, 2, 3]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_compute_each_lane_as_f64_does() {
        let a = Lanes4([1.5, -2.0, 0.0, 7.0]);
        let b = Lanes4([3.0, 0.5, -0.0, 7.0]);
        let each = |f: fn(f64, f64) -> f64, got: Lanes4| {
            for i in 0..4 {
                assert_eq!(got.0[i].to_bits(), f(a.0[i], b.0[i]).to_bits(), "lane {i}");
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
